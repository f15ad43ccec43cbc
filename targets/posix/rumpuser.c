/*
 * rumpuser.c -- init, the CPU count and errno for the POSIX hypervisor;
 * the calls that only talk to the host are in hostcalls.c.
 */
#include "rumpuser_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Nothing to set up beyond the checks and the table (hostcalls.c). */
int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{

	return rumpuser__init_table(version, hyp);
}

static long
online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n;
}

/* RUMP_NCPU: a positive decimal, or "host"; anything else means "host". */
long
rumpuser__ncpu(void)
{
	const char *env = getenv("RUMP_NCPU");
	char *end;
	long n;

	if (env == NULL || strcmp(env, "host") == 0)
		return online_cpus();
	errno = 0;
	n = strtol(env, &end, 10);
	if (errno != 0 || end == env || *end != '\0' || n < 1 || n > 0x7fff) {
		fprintf(stderr, "rumpuser: ignoring invalid RUMP_NCPU \"%s\"\n",
		    env);
		return online_cpus();
	}
	return n;
}

/* The value is already a NetBSD errno, meant for a NetBSD client. */
void
rumpuser_seterrno(int error)
{

	errno = error;
}
