/*
 * file_open_v16_create -- open still decodes revision 16's CREATE value
 * (0x200): a v17 kernel's flags are misread and files appear unasked.
 */
#include "mutant.h"

#define V16_CREATE	0x200

MUTANT_EXPORT int
rumpuser_open(const char *name, int mode, int *fdp)
{
	if (mode & V16_CREATE)
		mode = (mode & ~V16_CREATE) | RUMPUSER_OPEN_CREATE;
	return posix_rumpuser_open(name, mode, fdp);
}
