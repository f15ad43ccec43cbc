/*
 * console_dprintf_needs_kernel -- dprintf releases the virtual CPU around
 * its write through the kernel's upcall table, unconditionally: before
 * rumpuser_init there is no table (a crash), and a hypervisor thread with
 * no lwp calls backend_unschedule without one. Early boot messages and
 * messages from I/O threads take the hypervisor down.
 */
#include <stdarg.h>
#include <stdio.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_dprintf(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int nlocks;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	mutant_hyp.hyp_backend_unschedule(0, &nlocks, NULL);
	posix_rumpuser_dprintf("%s", buf);
	mutant_hyp.hyp_backend_schedule(nlocks, NULL);
}
