/*
 * mem_malloc_enomem_as_einval -- an allocation the host cannot satisfy
 * fails with EINVAL: the kernel's allocation wrappers treat that as a bad
 * argument (a bug) rather than memory pressure, and misreport it.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	int rv = posix_rumpuser_malloc(len, alignment, memp);

	return rv == 12 ? NB_EINVAL : rv;
}
