/*
 * rumpuser.c -- init, the CPU count and errno for the fiber hypervisor;
 * the calls that only talk to the host come from ../posix/hostcalls.c.
 */
#include "fiber_int.h"

#include <errno.h>

/*
 * The calling context becomes the first fiber.  A second init (a new
 * kernel in the same process) only replaces the upcall table.
 */
int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	int error;

	if ((error = rumpuser__init_table(version, hyp)) != 0)
		return error;
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
