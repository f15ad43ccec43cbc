/*
 * proc_sp_init_pretends -- sp_init claims to serve whatever URL it is
 * given and does nothing: remote clients hang instead of failing.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_sp_init(const char *url, const char *ostype, const char *osrelease,
    const char *machine)
{
	return 0;
}
