/*
 * virtif_tap_open_unchecked -- create opens the tun clone device and goes
 * straight on to attach the interface (TUNSETIFF) without checking the
 * open: a process out of descriptors is told EBADF, the attach's
 * complaint about the -1 it was handed, instead of EMFILE.
 */
#include <sys/ioctl.h>

#include <linux/if.h>
#include <linux/if_tun.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mutant.h"
#include "packetio.h"

/* The reference's handle (targets/posix/virtif.c), so its destroy frees ours. */
struct virtif_user {
	int		tapfd;
	struct rumpuser__vif_rx *rx;
};

static int
tap_open(const char *devstr)
{
	struct ifreq ifr;
	int fd, error, n;

	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	n = snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), isdigit((unsigned char)devstr[0]) ?
	    "tun%s" : "%s", devstr);
	if (n <= 0 || (size_t)n >= sizeof(ifr.ifr_name)) {
		errno = EINVAL;	/* as the reference: no name, or one cut short */
		return -1;
	}
	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (ioctl(fd, TUNSETIFF, &ifr) == -1) {
		error = errno;
		close(fd);
		errno = error;
		return -1;
	}
	return fd;
}

static int
create(const char *devstr, struct virtif_sc *sc, struct virtif_user **viup)
{
	struct virtif_user *viu;
	int error;

	if ((viu = calloc(1, sizeof(*viu))) == NULL)
		return ENOMEM;
	if ((viu->tapfd = tap_open(devstr)) == -1) {
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
	void *cookie = rumpuser_component_unschedule();
	int error = create(devstr, sc, viup);

	rumpuser_component_schedule(cookie);
	return rumpuser_component_errtrans(error);
}
