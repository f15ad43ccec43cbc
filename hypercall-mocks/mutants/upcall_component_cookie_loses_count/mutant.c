/*
 * upcall_component_cookie_loses_count -- component_unschedule returns a
 * NULL cookie instead of one carrying the big-lock count, so the matching
 * component_schedule takes the CPU back with no lock levels: driver
 * components corrupt the big lock's recursion.
 */
#include "mutant.h"

MUTANT_EXPORT void *
rumpuser_component_unschedule(void)
{
	(void)posix_rumpuser_component_unschedule();
	return NULL;
}
