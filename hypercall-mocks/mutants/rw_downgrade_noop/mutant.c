/*
 * rw_downgrade_noop -- downgrade does nothing: the lock stays write-held,
 * so the readers the kernel meant to let in stay blocked and
 * rw_read_held() is false for the downgraded holder.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_rw_downgrade(struct rumpuser_rw *rw)
{
}
