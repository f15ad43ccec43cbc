/*
 * sched.c of a broken bare-metal hypervisor: joining a thread frees its
 * stack but not its record (a port that took the stack for the only
 * per-thread allocation), so every joined thread leaks its record.
 */
#include "bm.h"

void correct_join(struct bm_thread *t);

#define bm_thread_join	correct_join
#include "../../../targets/baremetal/sched.c"
#undef bm_thread_join

void
bm_thread_join(struct bm_thread *t)
{
	while (t->state != EXITED)
		bm_block(&t->joiners, BM_NEVER);
	bm_free(t->stack);
}
