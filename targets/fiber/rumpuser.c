/*
 * rumpuser.c -- init, the CPU count and errno for the fiber hypervisor;
 * the calls that only talk to the host come from ../posix/hostcalls.c.
 */
#include "fiber_int.h"

#include <errno.h>
#include <stdio.h>

struct rumpuser_hyperup rumpuser__hyp;

/*
 * The calling context becomes the first fiber.  A second init (a new
 * kernel in the same process) only replaces the upcall table.
 */
int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{

	if (version != RUMPUSER_VERSION) {
		fprintf(stderr, "rumpuser: kernel uses hypercall revision %d, "
		    "this hypervisor implements %d\n", version,
		    RUMPUSER_VERSION);
		return NB_EINVAL;
	}
	if (hyp == NULL) {
		fprintf(stderr, "rumpuser: init without an upcall table\n");
		return NB_EINVAL;
	}
	rumpuser__hyp = *hyp;
	fiber_self();
	return 0;
}

/* One host thread runs every fiber: there is exactly one CPU. */
long
rumpuser__ncpu(void)
{

	return 1;
}

/* Already a NetBSD errno; per fiber, as the scheduler saves errno. */
void
rumpuser_seterrno(int error)
{

	errno = error;
}
