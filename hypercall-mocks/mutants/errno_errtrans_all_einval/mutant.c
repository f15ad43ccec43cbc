/*
 * errno_errtrans_all_einval -- component_errtrans maps every error to
 * EINVAL: drivers (virtif, shmif) report ENOENT, EAGAIN or EIO to the
 * kernel as "invalid argument", and the kernel's recovery paths never run.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_component_errtrans(int hosterr)
{
	return hosterr == 0 ? 0 : 22;
}
