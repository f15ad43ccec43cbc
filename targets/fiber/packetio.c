/*
 * packetio.c -- the packet components' receivers and waits as fibers
 * (the calls ../posix/packetio.h declares; virtif.c and shmif.c are
 * compiled from ../posix).
 *
 * No host thread ever calls into the scheduler: a receive fiber reads
 * its non-blocking tap until EAGAIN and then waits for the tap in the
 * scheduler (fiber_wait_fd), so other fibers run meanwhile.  It delivers
 * each frame as a component kernel thread would: its own lwp, and a CPU
 * held for exactly the delivery.
 */
#include "fiber_int.h"
#include "../posix/packetio.h"

#include <sys/uio.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#define VIF_FRAMEMAX	9018	/* a jumbo frame with its FCS */
#define VIF_BATCH	64	/* frames delivered before letting others run */

struct rumpuser__vif_rx {
	struct virtif_sc *sc;
	int		tapfd;
	struct fiber	*fiber;
	struct waitq	wake;		/* the receiver, waiting for frames */
	struct waitq	delivered;	/* stop, waiting out a delivery */
	int		delivering;
	int		dying;
};

static void
rx_deliver(struct rumpuser__vif_rx *rx, void *frame, size_t len)
{
	struct iovec iov = { frame, len };

	rx->delivering = 1;
	rumpuser_component_schedule(NULL);
	/* Stop may have run while this fiber waited for the CPU. */
	if (!rx->dying)
		rump_virtif_virt_deliverpkt(rx->sc, &iov, 1);
	rumpuser_component_unschedule();
	rx->delivering = 0;
	waitq_wakeall(&rx->delivered);
}

/* Wait for the next frame; a tap that failed only waits for stop. */
static void
rx_wait(struct rumpuser__vif_rx *rx, int error)
{

	if (error == EAGAIN)
		fiber_wait_fd(rx->tapfd, POLLIN, &rx->wake, DEADLINE_NONE);
	else if (error != EINTR)
		fiber_block(&rx->wake, DEADLINE_NONE);
}

static void *
rx_main(void *arg)
{
	struct rumpuser__vif_rx *rx = arg;
	unsigned char *frame;
	unsigned batch = 0;
	ssize_t n;

	if ((frame = malloc(VIF_FRAMEMAX)) == NULL)
		rumpuser__fatal("virtif: no memory for the receive buffer");
	rumpuser_component_kthread();
	while (!rx->dying) {
		if ((n = read(rx->tapfd, frame, VIF_FRAMEMAX)) <= 0) {
			rx_wait(rx, n == 0 ? EIO : errno);
			continue;
		}
		rx_deliver(rx, frame, (size_t)n);
		if (++batch % VIF_BATCH == 0)
			fiber_yield();
	}
	rumpuser_component_kthread_release();
	free(frame);
	return NULL;
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
	waitq_init(&rx->wake);
	waitq_init(&rx->delivered);
	if ((rx->fiber = fiber_create(rx_main, rx, "virtif", 1)) == NULL) {
		free(rx);
		*errorp = EAGAIN;
		return NULL;
	}
	return rx;
}

void
rumpuser__vif_rx_stop(struct rumpuser__vif_rx *rx)
{

	rx->dying = 1;
	waitq_wakeall(&rx->wake);
	while (rx->delivering)
		fiber_block(&rx->delivered, DEADLINE_NONE);
}

void
rumpuser__vif_rx_join(struct rumpuser__vif_rx *rx)
{

	rumpuser__vif_rx_stop(rx);
	fiber_join(rx->fiber);
	free(rx);
}

/* Only the calling fiber waits; the rest of the hypervisor runs on. */
int
rumpuser__wait_readable(int fd, int ms)
{

	return fiber_wait_fd(fd, POLLIN, NULL,
	    deadline_after(ms / 1000, (int64_t)(ms % 1000) * 1000000));
}
