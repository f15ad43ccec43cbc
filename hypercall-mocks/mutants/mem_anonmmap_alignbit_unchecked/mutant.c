/*
 * mem_anonmmap_alignbit_unchecked -- the alignment is computed as
 * 1 << alignbit with no range check; x86 shifts modulo the width, so
 * alignbit 64 asks for 1-byte alignment and gets a mapping back.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec, void **memp)
{
	int width = (int)sizeof(size_t) * 8;

	return posix_rumpuser_anonmmap(prefaddr, size, alignbit & (width - 1), exec,
	    memp);
}
