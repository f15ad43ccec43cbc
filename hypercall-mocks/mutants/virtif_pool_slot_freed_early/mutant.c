/*
 * virtif_pool_slot_freed_early -- the receiver reads ahead: a reader
 * thread reads the tap into a pool of POOL buffers and a delivery thread
 * (the component kernel thread) hands them to the kernel in order. The
 * delivery thread gives its slot back to the reader as it takes the
 * frame, before deliverpkt has copied it: while the kernel is slow over
 * one frame, the reader wraps round the pool and reads a later frame into
 * the buffer the kernel is still copying.
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
#define POOL		4

struct virtif_user {
	int		tapfd, wake[2];
	struct virtif_sc *sc;
	pthread_t	reader, deliverer;
	pthread_mutex_t	lock;		/* the pool and dying */
	pthread_cond_t	filled, emptied;
	pthread_mutex_t	deliver;	/* held across a delivery */
	int		dead;		/* under deliver: deliver no more */
	unsigned char	pool[POOL][FRAMEMAX];
	size_t		len[POOL];
	unsigned	head, tail;	/* next slot to read into, to deliver */
	int		dying;
};

/* Wait for a free slot; -1 once dying. Call holding lock. */
static int
slot_wait(struct virtif_user *viu)
{
	while (viu->head - viu->tail == POOL && !viu->dying)
		pthread_cond_wait(&viu->emptied, &viu->lock);
	return viu->dying ? -1 : 0;
}

static void *
reader(void *arg)
{
	struct virtif_user *viu = arg;
	struct pollfd pfd[2] = { { viu->tapfd, POLLIN, 0 }, { viu->wake[0], POLLIN, 0 } };
	unsigned slot;
	ssize_t n;

	for (;;) {
		pthread_mutex_lock(&viu->lock);
		n = slot_wait(viu);
		slot = viu->head % POOL;
		pthread_mutex_unlock(&viu->lock);
		if (n == -1 || (poll(pfd, 2, -1) == -1 && errno != EINTR) ||
		    pfd[1].revents != 0)
			break;
		if (pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL))
			pfd[0].fd = -1;
		if (!(pfd[0].revents & POLLIN) ||
		    (n = read(viu->tapfd, viu->pool[slot], FRAMEMAX)) <= 0)
			continue;
		pthread_mutex_lock(&viu->lock);
		viu->len[slot] = (size_t)n;
		viu->head++;
		pthread_cond_signal(&viu->filled);
		pthread_mutex_unlock(&viu->lock);
	}
	return NULL;
}

static void *
deliverer(void *arg)
{
	struct virtif_user *viu = arg;
	struct iovec iov;
	unsigned slot;

	rumpuser_component_kthread();
	pthread_mutex_lock(&viu->lock);
	for (;;) {
		while (viu->head == viu->tail && !viu->dying)
			pthread_cond_wait(&viu->filled, &viu->lock);
		if (viu->dying)
			break;
		slot = viu->tail++ % POOL;
		/* The bug: the slot is free again before the kernel copied it. */
		pthread_cond_signal(&viu->emptied);
		pthread_mutex_unlock(&viu->lock);
		iov.iov_base = viu->pool[slot];
		iov.iov_len = viu->len[slot];
		pthread_mutex_lock(&viu->deliver);
		if (!viu->dead) {
			rumpuser_component_schedule(NULL);
			rump_virtif_virt_deliverpkt(viu->sc, &iov, 1);
			rumpuser_component_unschedule();
		}
		pthread_mutex_unlock(&viu->deliver);
		pthread_mutex_lock(&viu->lock);
	}
	pthread_mutex_unlock(&viu->lock);
	rumpuser_component_kthread_release();
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
	if (n <= 0 || (size_t)n >= sizeof(ifr.ifr_name)) {
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

static void
stop(struct virtif_user *viu)
{
	pthread_mutex_lock(&viu->deliver);
	viu->dead = 1;
	pthread_mutex_unlock(&viu->deliver);
	pthread_mutex_lock(&viu->lock);
	viu->dying = 1;
	pthread_cond_broadcast(&viu->filled);
	pthread_cond_broadcast(&viu->emptied);
	pthread_mutex_unlock(&viu->lock);
	(void)!write(viu->wake[1], "x", 1);
}

static int
create(const char *devstr, struct virtif_sc *sc, struct virtif_user **viup)
{
	struct virtif_user *viu = calloc(1, sizeof(*viu));
	int error;

	if (viu == NULL)
		return ENOMEM;
	viu->sc = sc;
	pthread_mutex_init(&viu->lock, NULL);
	pthread_mutex_init(&viu->deliver, NULL);
	pthread_cond_init(&viu->filled, NULL);
	pthread_cond_init(&viu->emptied, NULL);
	if ((viu->tapfd = open_tap(devstr)) == -1) {
		error = errno;
		free(viu);
		return error;
	}
	if (pipe2(viu->wake, O_CLOEXEC) == -1) {
		error = errno;
		close(viu->tapfd);
		free(viu);
		return error;
	}
	if ((error = pthread_create(&viu->reader, NULL, reader, viu)) != 0)
		abort();	/* not the rule this mutant breaks */
	if ((error = pthread_create(&viu->deliverer, NULL, deliverer, viu)) != 0)
		abort();
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

	stop(viu);
	rumpuser_component_schedule(cookie);
	return 0;
}

MUTANT_EXPORT void
rumpcomp_virt_destroy(struct virtif_user *viu)
{
	void *cookie = rumpuser_component_unschedule();

	stop(viu);
	pthread_join(viu->reader, NULL);
	pthread_join(viu->deliverer, NULL);
	close(viu->wake[0]);
	close(viu->wake[1]);
	close(viu->tapfd);
	pthread_cond_destroy(&viu->filled);
	pthread_cond_destroy(&viu->emptied);
	pthread_mutex_destroy(&viu->lock);
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
