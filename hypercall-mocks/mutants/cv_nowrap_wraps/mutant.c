/*
 * cv_nowrap_wraps -- cv_wait_nowrap is the wrapped wait: it gives the
 * virtual CPU away. The kernel's scheduler and thread trampoline use it
 * while holding CPU-level locks or before they have an lwp.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_cv_wait_nowrap(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	posix_rumpuser_cv_wait(cv, mtx);
}
