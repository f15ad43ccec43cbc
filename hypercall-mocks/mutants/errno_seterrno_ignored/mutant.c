/*
 * errno_seterrno_ignored -- rumpuser_seterrno taken for a debugging aid
 * and left empty: a local client of the rump kernel never sees the error
 * of a failed system call, only whatever its errno held before.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_seterrno(int error)
{
	(void)error;
}
