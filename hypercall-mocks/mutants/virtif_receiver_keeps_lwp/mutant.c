/*
 * virtif_receiver_keeps_lwp -- the receive thread takes an lwp from the
 * kernel when it starts (component_kthread) and simply returns when the
 * interface is destroyed, without component_kthread_release: every
 * interface the kernel creates and destroys leaks a kernel lwp.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/ioctl.h>
#include <sys/uio.h>

#include <linux/if.h>
#include <linux/if_tun.h>

#include "mutant.h"
#include "packetio.h"

#define FRAMEMAX	9018

struct virtif_user {
	int		tapfd, wake[2];
	struct virtif_sc *sc;
	pthread_t	thread;
	pthread_mutex_t	deliver;
	int		dying;
};

static void
deliver(struct virtif_user *viu, void *frame, size_t len)
{
	struct iovec iov = { frame, len };

	pthread_mutex_lock(&viu->deliver);
	if (!viu->dying) {
		rumpuser_component_schedule(NULL);
		rump_virtif_virt_deliverpkt(viu->sc, &iov, 1);
		rumpuser_component_unschedule();
	}
	pthread_mutex_unlock(&viu->deliver);
}

static void *
receiver(void *arg)
{
	struct virtif_user *viu = arg;
	struct pollfd pfd[2] = { { viu->tapfd, POLLIN, 0 }, { viu->wake[0], POLLIN, 0 } };
	unsigned char *frame = malloc(FRAMEMAX);
	ssize_t n;

	if (frame == NULL)
		abort();
	rumpuser_component_kthread();
	for (;;) {
		if (poll(pfd, 2, -1) == -1 && errno != EINTR)
			break;
		if (pfd[1].revents != 0)
			break;
		if (pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL))
			pfd[0].fd = -1;
		if ((pfd[0].revents & POLLIN) && (n = read(viu->tapfd, frame, FRAMEMAX)) > 0)
			deliver(viu, frame, (size_t)n);
	}
	free(frame);	/* the bug: no rumpuser_component_kthread_release() */
	return NULL;
}

static int
open_tap(const char *devstr)
{
	struct ifreq ifr;
	size_t digits = strspn(devstr, "0123456789");
	int fd, n;

	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	n = snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s%s",
	    digits > 0 && devstr[digits] == '\0' ? "tun" : "", devstr);
	if (n < 0 || (size_t)n >= sizeof(ifr.ifr_name)) {
		errno = EINVAL;
		return -1;
	}
	if ((fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK)) == -1)
		return -1;
	if (ioctl(fd, TUNSETIFF, &ifr) == -1) {
		n = errno;
		close(fd);
		errno = n;
		return -1;
	}
	return fd;
}

static int
create(const char *devstr, struct virtif_sc *sc, struct virtif_user **viup)
{
	struct virtif_user *viu = calloc(1, sizeof(*viu));
	int error;

	if (viu == NULL)
		return ENOMEM;
	viu->sc = sc;
	pthread_mutex_init(&viu->deliver, NULL);
	if ((viu->tapfd = open_tap(devstr)) == -1) {
		error = errno;
		free(viu);
		return error;
	}
	if (pipe2(viu->wake, O_CLOEXEC) == -1 ||
	    (errno = pthread_create(&viu->thread, NULL, receiver, viu)) != 0) {
		error = errno;
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
	void *cookie;
	int error;

	(void)enaddr;
	if (devstr == NULL || viup == NULL)
		return 22;	/* NetBSD EINVAL */
	cookie = rumpuser_component_unschedule();
	error = create(devstr, sc, viup);
	rumpuser_component_schedule(cookie);
	return rumpuser_component_errtrans(error);
}

MUTANT_EXPORT int
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

MUTANT_EXPORT void
rumpcomp_virt_destroy(struct virtif_user *viu)
{
	void *cookie;

	rumpcomp_virt_dying(viu);
	cookie = rumpuser_component_unschedule();
	pthread_join(viu->thread, NULL);
	close(viu->wake[0]);
	close(viu->wake[1]);
	close(viu->tapfd);
	pthread_mutex_destroy(&viu->deliver);
	free(viu);
	rumpuser_component_schedule(cookie);
}

MUTANT_EXPORT void
rumpcomp_virt_send(struct virtif_user *viu, struct iovec *iov, size_t iovlen)
{
	void *cookie = rumpuser_component_unschedule();

	(void)!writev(viu->tapfd, iov, (int)iovlen);
	rumpuser_component_schedule(cookie);
}
