/*
 * thread_join_reads_freed_record -- thread_join joins the host thread, frees
 * its bookkeeping record, clears the pointer and then reads the exit status
 * through it: the process dies with SIGSEGV inside rumpuser_thread_join.
 * The crash must fail THR-002 only: what the case checked before it (the
 * create, THR-001) passes, what it would check after (THR-003) is not
 * reached.
 */
#include <stdlib.h>

#include "mutant.h"

struct record {
	void *cookie;
	int status;
};

MUTANT_EXPORT int
rumpuser_thread_join(void *cookie)
{
	struct record *volatile r = malloc(sizeof(*r));
	int rv;

	if (r == NULL)
		return 12;
	r->cookie = cookie;
	rv = posix_rumpuser_thread_join(r->cookie);
	free(r);
	r = NULL;
	return rv != 0 ? rv : r->status;
}
