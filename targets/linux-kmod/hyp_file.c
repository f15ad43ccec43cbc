/*
 * hyp_file.c -- host files and block I/O: not provided yet (ENOSYS).
 */
#include "hyp.h"

int
rumpuser_open(const char *name, int mode, int *fdp)
{
	(void)name;
	(void)mode;
	(void)fdp;
	return NB_ENOSYS;
}
