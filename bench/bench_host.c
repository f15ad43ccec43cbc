/*
 * bench_host.c -- the two harness entry points the mock kernel and the
 * target loader need, for a benchmark process (there is no case to fail:
 * a fatal harness error ends the process).
 */
#include <stdio.h>
#include <stdlib.h>

#include "rc_target.h"

void
rch_abort_case(const char *why)
{
	fprintf(stderr, "bench: fatal: %s\n", why);
	abort();
}

void
rc_unimplemented(const char *hypercall)
{
	fprintf(stderr, "bench: the mock kernel needs %s, which the target "
	    "does not provide\n", hypercall);
	abort();
}
