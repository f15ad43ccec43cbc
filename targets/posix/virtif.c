/*
 * virtif.c -- the virtif packet hypercalls (base "virt") on Linux tap
 * devices. A receiver per interface (packetio.c) hands each frame to the
 * kernel; sends go straight to the tap.
 */
#include "rumpuser_int.h"
#include "packetio.h"

#include <sys/ioctl.h>
#include <sys/uio.h>

#include <linux/if.h>
#include <linux/if_tun.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct virtif_user {
	int		tapfd;		/* non-blocking */
	struct rumpuser__vif_rx *rx;
};

/*
 * "N" names tun<N>, as the reference does; anything else is the name.
 * A name the host cannot hold is refused rather than cut short.
 */
static int
vif_ifname(const char *devstr, char *name, size_t len)
{
	const char *p = devstr;
	int n;

	while (*p >= '0' && *p <= '9')
		p++;
	if (p != devstr && *p == '\0')
		n = snprintf(name, len, "tun%s", devstr);
	else
		n = snprintf(name, len, "%s", devstr);
	return n > 0 && (size_t)n < len ? 0 : -1;
}

static int
vif_opentap(const char *devstr)
{
	struct ifreq ifr;
	int fd;

	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	if (vif_ifname(devstr, ifr.ifr_name, sizeof(ifr.ifr_name)) == -1) {
		errno = EINVAL;
		return -1;
	}
	if ((fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK)) == -1)
		return -1;
	if (ioctl(fd, TUNSETIFF, &ifr) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

static int
vif_create(const char *devstr, struct virtif_sc *sc, struct virtif_user **viup)
{
	struct virtif_user *viu;
	int rv;

	if (rump_virtif_virt_deliverpkt == NULL)
		return ENXIO;	/* no kernel to deliver to */
	if ((viu = calloc(1, sizeof(*viu))) == NULL)
		return ENOMEM;
	if ((viu->tapfd = vif_opentap(devstr)) == -1) {
		rv = errno;
		free(viu);
		return rv;
	}
	if ((viu->rx = rumpuser__vif_rx_start(viu->tapfd, sc, &rv)) == NULL) {
		close(viu->tapfd);
		free(viu);
		return rv;
	}
	*viup = viu;
	return 0;
}

/* The MAC the kernel chose stays: a tap has no hardware address to impose. */
int
rumpcomp_virt_create(const char *devstr, struct virtif_sc *sc,
    uint8_t *enaddr, struct virtif_user **viup)
{
	void *cookie;
	int rv;

	(void)enaddr;
	if (devstr == NULL || viup == NULL)
		return NB_EINVAL;
	cookie = rumpuser_component_unschedule();
	rv = vif_create(devstr, sc, viup);
	rumpuser_component_schedule(cookie);
	return rumpuser_component_errtrans(rv);
}

int
rumpcomp_virt_dying(struct virtif_user *viu)
{
	void *cookie = rumpuser_component_unschedule();

	rumpuser__vif_rx_stop(viu->rx);
	rumpuser_component_schedule(cookie);
	return 0;
}

void
rumpcomp_virt_destroy(struct virtif_user *viu)
{
	void *cookie = rumpuser_component_unschedule();

	rumpuser__vif_rx_join(viu->rx);
	close(viu->tapfd);
	free(viu);
	rumpuser_component_schedule(cookie);
}

/* The kernel frees the chain when this returns: the tap has copied it. */
void
rumpcomp_virt_send(struct virtif_user *viu, struct iovec *iov, size_t iovlen)
{
	void *cookie = rumpuser_component_unschedule();

	(void)!writev(viu->tapfd, iov, (int)iovlen);	/* drops are allowed */
	rumpuser_component_schedule(cookie);
}
