/*
 * errno_errtrans_identity -- component_errtrans is the identity: driver
 * components (virtif, shmif) report Linux numbers to the kernel, where
 * e.g. ETIMEDOUT 110 means nothing and EBADFD 77 means ENOLCK.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_component_errtrans(int hosterr)
{
	return hosterr;
}
