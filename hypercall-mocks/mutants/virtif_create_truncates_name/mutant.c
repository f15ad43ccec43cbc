/*
 * virtif_create_truncates_name -- create cuts a device name the host
 * cannot hold down to IFNAMSIZ-1 characters instead of refusing it, and
 * so makes and attaches a new tap of another name: an impossible attach
 * is reported as success on an interface nobody configured.
 */
#include "mutant.h"

#include <net/if.h>
#include <string.h>

MUTANT_EXPORT int
rumpcomp_virt_create(const char *devstr, struct virtif_sc *sc,
    uint8_t *enaddr, struct virtif_user **viup)
{
	char name[IFNAMSIZ];

	if (devstr != NULL && strlen(devstr) >= sizeof(name)) {
		memcpy(name, devstr, sizeof(name) - 1);
		name[sizeof(name) - 1] = '\0';
		devstr = name;
	}
	return posix_rumpcomp_virt_create(devstr, sc, enaddr, viup);
}
