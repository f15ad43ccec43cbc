/*
 * virtif_dead_tap_polled -- the receive thread never drops a failed tap
 * from its wait: a receiver written for a tap that lives as long as the
 * interface retries a poll that reports POLLERR at once, and spins. The
 * reference receiver's poll of its two descriptors binds to this
 * library-local wrapper, which gives back the tap the reference set aside.
 */
#include <poll.h>
#include <stdlib.h>

#include "mutant.h"

int __poll(struct pollfd *, nfds_t, int);

static __thread int tapfd = -1;	/* the receiving thread's tap */

__attribute__((__visibility__("hidden"))) int
poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	/* glibc declares fds write-only; the receiver did fill it in. */
	struct pollfd *volatile filled = fds;

	/* The receiver is the hypervisor's only two-descriptor wait. */
	if (nfds == 2 && filled[0].fd >= 0)
		tapfd = filled[0].fd;
	else if (nfds == 2)
		filled[0].fd = tapfd;
	return __poll(fds, nfds, timeout);
}

/*
 * The reference polls the tap only where it does not read it through an
 * io_uring: this hypervisor takes that path (unless told otherwise).
 */
__attribute__((__constructor__)) static void
receive_by_poll(void)
{
	setenv("RUMPUSER_VIF", "threads", 0);
}
