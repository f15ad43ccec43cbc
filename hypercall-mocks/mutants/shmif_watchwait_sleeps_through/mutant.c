/*
 * shmif_watchwait_sleeps_through -- watchwait does not wait for the bus
 * file's events: it sleeps (without the CPU) for its whole one-second
 * timeout and then discards what arrived. Receivers sleep through
 * wakeups; frames arrive only at timeouts.
 */
#include "mutant.h"

#include <time.h>
#include <unistd.h>

MUTANT_EXPORT int
rumpcomp_shmif_watchwait(int kq)
{
	struct timespec ts = { 1, 0 };
	char buf[4096];
	void *cookie = posix_rumpuser_component_unschedule();

	nanosleep(&ts, NULL);
	while (read(kq, buf, sizeof(buf)) > 0)
		continue;
	posix_rumpuser_component_schedule(cookie);
	return 0;
}
