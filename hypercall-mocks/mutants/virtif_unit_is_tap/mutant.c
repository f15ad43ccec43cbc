/*
 * virtif_unit_is_tap -- a numeric devstr N names tap<N> (NetBSD's device
 * name) rather than tun<N> as the reference does on Linux: configurations
 * written for the reference attach to a fresh, unconnected interface.
 */
#include "mutant.h"

#include <stdio.h>

MUTANT_EXPORT int
rumpcomp_virt_create(const char *devstr, struct virtif_sc *sc,
    uint8_t *enaddr, struct virtif_user **viup)
{
	const char *p = devstr;
	char name[32];

	while (p != NULL && *p >= '0' && *p <= '9')
		p++;
	if (p != NULL && p != devstr && *p == '\0') {
		snprintf(name, sizeof(name), "tap%s", devstr);
		devstr = name;
	}
	return posix_rumpcomp_virt_create(devstr, sc, enaddr, viup);
}
