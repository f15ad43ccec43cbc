/*
 * virtif_attach_unchecked -- create does not check whether the host
 * attached the tap (TUNSETIFF's result is ignored): for a name the host
 * refuses (an existing interface that is no tap, an invalid name) it
 * returns 0 and a handle on a tun descriptor attached to nothing. Names
 * too long to fit are still refused, as the reference refuses them first.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <net/if.h>

#include "mutant.h"
#include "packetio.h"

/* The reference's handle (targets/posix/virtif.c), so its destroy frees ours. */
struct virtif_user {
	int		tapfd;
	struct rumpuser__vif_rx *rx;
};

static int
unattached(struct virtif_sc *sc, struct virtif_user **viup)
{
	struct virtif_user *viu = calloc(1, sizeof(*viu));
	int error;

	if (viu == NULL)
		return ENOMEM;
	if ((viu->tapfd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK)) == -1) {
		error = errno;
		free(viu);
		return error;
	}
	if ((viu->rx = rumpuser__vif_rx_start(viu->tapfd, sc, &error)) == NULL) {
		close(viu->tapfd);
		free(viu);
		return error;
	}
	*viup = viu;
	return 0;
}

MUTANT_EXPORT int
rumpcomp_virt_create(const char *devstr, struct virtif_sc *sc,
    uint8_t *enaddr, struct virtif_user **viup)
{
	int error = posix_rumpcomp_virt_create(devstr, sc, enaddr, viup);
	void *cookie;

	if (error == 0 || devstr == NULL || viup == NULL || strlen(devstr) >= IFNAMSIZ)
		return error;
	cookie = rumpuser_component_unschedule();
	error = unattached(sc, viup);
	rumpuser_component_schedule(cookie);
	return error;
}
