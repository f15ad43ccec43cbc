/*
 * packetio.c -- the packet components' receive threads and waits on host
 * threads: a receive thread per interface polls its tap and a wakeup pipe,
 * and delivers each frame as a component kernel thread.
 */
#include "rumpuser_int.h"
#include "packetio.h"

#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#define VIF_FRAMEMAX	9018	/* a jumbo frame with its FCS */

struct rumpuser__vif_rx {
	struct virtif_sc *sc;
	int		tapfd;
	int		wake[2];	/* pipe: stop wakes the receiver */
	pthread_t	thread;
	pthread_mutex_t	deliver;	/* held across a delivery */
	int		dying;		/* under deliver */
};

/* Deliver one frame unless the interface is dying; 0 once it is. */
static int
rx_deliver(struct rumpuser__vif_rx *rx, void *frame, size_t len)
{
	struct iovec iov = { frame, len };
	int alive;

	pthread_mutex_lock(&rx->deliver);
	if ((alive = !rx->dying)) {
		rumpuser_component_schedule(NULL);
		rump_virtif_virt_deliverpkt(rx->sc, &iov, 1);
		rumpuser_component_unschedule();
	}
	pthread_mutex_unlock(&rx->deliver);
	return alive;
}

static void *
rx_main(void *arg)
{
	struct rumpuser__vif_rx *rx = arg;
	struct pollfd pfd[2];
	unsigned char *frame;
	ssize_t n;

	if ((frame = malloc(VIF_FRAMEMAX)) == NULL)
		rumpuser__fatal("virtif: no memory for the receive buffer");
	rumpuser_component_kthread();
	pfd[0].fd = rx->tapfd;
	pfd[1].fd = rx->wake[0];
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
		if ((n = read(rx->tapfd, frame, VIF_FRAMEMAX)) <= 0)
			continue;
		if (!rx_deliver(rx, frame, (size_t)n))
			break;
	}
	rumpuser_component_kthread_release();
	free(frame);
	return NULL;
}

static void
rx_free(struct rumpuser__vif_rx *rx)
{

	if (rx->wake[0] != -1) {
		close(rx->wake[0]);
		close(rx->wake[1]);
	}
	pthread_mutex_destroy(&rx->deliver);
	free(rx);
}

struct rumpuser__vif_rx *
rumpuser__vif_rx_start(int tapfd, struct virtif_sc *sc, int *errorp)
{
	struct rumpuser__vif_rx *rx;

	if ((rx = calloc(1, sizeof(*rx))) == NULL) {
		*errorp = ENOMEM;
		return NULL;
	}
	rx->sc = sc;
	rx->tapfd = tapfd;
	rx->wake[0] = rx->wake[1] = -1;
	pthread_mutex_init(&rx->deliver, NULL);
	if (pipe2(rx->wake, O_CLOEXEC) == -1) {
		*errorp = errno;
		rx_free(rx);
		return NULL;
	}
	if ((*errorp = pthread_create(&rx->thread, NULL, rx_main, rx)) != 0) {
		rx_free(rx);
		return NULL;
	}
	return rx;
}

void
rumpuser__vif_rx_stop(struct rumpuser__vif_rx *rx)
{

	pthread_mutex_lock(&rx->deliver);
	rx->dying = 1;
	pthread_mutex_unlock(&rx->deliver);
	(void)!write(rx->wake[1], "x", 1);
}

void
rumpuser__vif_rx_join(struct rumpuser__vif_rx *rx)
{

	rumpuser__vif_rx_stop(rx);
	pthread_join(rx->thread, NULL);
	rx_free(rx);
}

int
rumpuser__wait_readable(int fd, int ms)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	int rv;

	while ((rv = poll(&pfd, 1, ms)) == -1 && errno == EINTR)
		continue;
	return rv == -1 ? -1 : pfd.revents;
}
