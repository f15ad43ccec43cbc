/*
 * virtif.c -- the virtif packet hypercalls (base "virt") on Linux tap
 * devices. A receive thread per interface hands each frame to the kernel;
 * sends go straight to the tap.
 */
#include "rumpuser_int.h"

#include <sys/ioctl.h>
#include <sys/uio.h>

#include <linux/if.h>
#include <linux/if_tun.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#pragma GCC visibility push(default)
#include <rump/virtif_user.h>
#pragma GCC visibility pop

/* Provided by the rump kernel; resolved when the library is loaded. */
#pragma weak rump_virtif_virt_deliverpkt

#define VIF_FRAMEMAX	9018	/* a jumbo frame with its FCS */

struct virtif_user {
	struct virtif_sc *sc;
	int		tapfd;
	int		wake[2];	/* pipe: dying wakes the receiver */
	pthread_t	receiver;
	pthread_mutex_t	deliver;	/* held across a delivery */
	int		dying;		/* under deliver */
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

/* Deliver one frame unless the interface is dying; 0 once it is. */
static int
vif_deliver(struct virtif_user *viu, void *frame, size_t len)
{
	struct iovec iov = { frame, len };
	int alive;

	pthread_mutex_lock(&viu->deliver);
	if ((alive = !viu->dying)) {
		rumpuser_component_schedule(NULL);
		rump_virtif_virt_deliverpkt(viu->sc, &iov, 1);
		rumpuser_component_unschedule();
	}
	pthread_mutex_unlock(&viu->deliver);
	return alive;
}

static void *
vif_receiver(void *arg)
{
	struct virtif_user *viu = arg;
	struct pollfd pfd[2];
	unsigned char *frame;
	ssize_t n;

	if ((frame = malloc(VIF_FRAMEMAX)) == NULL)
		rumpuser__fatal("virtif: no memory for the receive buffer");
	rumpuser_component_kthread();
	pfd[0].fd = viu->tapfd;
	pfd[1].fd = viu->wake[0];
	pfd[0].events = pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) == -1 && errno != EINTR)
			break;
		if (pfd[1].revents != 0)
			break;
		if (pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL))
			pfd[0].fd = -1;	/* the tap is gone: wait for dying */
		if (!(pfd[0].revents & POLLIN))
			continue;
		if ((n = read(viu->tapfd, frame, VIF_FRAMEMAX)) <= 0)
			continue;
		if (!vif_deliver(viu, frame, (size_t)n))
			break;
	}
	rumpuser_component_kthread_release();
	free(frame);
	return NULL;
}

static void
vif_free(struct virtif_user *viu)
{
	if (viu->tapfd != -1)
		close(viu->tapfd);
	if (viu->wake[0] != -1) {
		close(viu->wake[0]);
		close(viu->wake[1]);
	}
	pthread_mutex_destroy(&viu->deliver);
	free(viu);
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
	viu->sc = sc;
	viu->wake[0] = viu->wake[1] = -1;
	pthread_mutex_init(&viu->deliver, NULL);
	if ((viu->tapfd = vif_opentap(devstr)) == -1 ||
	    pipe2(viu->wake, O_CLOEXEC) == -1) {
		rv = errno;
		vif_free(viu);
		return rv;
	}
	if ((rv = pthread_create(&viu->receiver, NULL, vif_receiver, viu)) != 0) {
		vif_free(viu);
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

	pthread_mutex_lock(&viu->deliver);
	viu->dying = 1;
	pthread_mutex_unlock(&viu->deliver);
	(void)!write(viu->wake[1], "x", 1);
	rumpuser_component_schedule(cookie);
	return 0;
}

void
rumpcomp_virt_destroy(struct virtif_user *viu)
{
	void *cookie = rumpuser_component_unschedule();

	pthread_join(viu->receiver, NULL);
	vif_free(viu);
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
