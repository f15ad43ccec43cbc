/*
 * virtif_rx_polls -- the receive thread's wait on the tap and its stop
 * pipe is given a zero timeout (INFTIM, -1, mistaken for "no timeout"):
 * poll returns at once with nothing and the thread loops, taking a host
 * CPU while no frame ever comes. The reference receiver's poll of its two
 * descriptors binds to this library-local wrapper.
 */
#include <poll.h>
#include <stdlib.h>

#include "mutant.h"

int __poll(struct pollfd *, nfds_t, int);

__attribute__((__visibility__("hidden"))) int
poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	/* The receiver is the hypervisor's only two-descriptor wait. */
	return __poll(fds, nfds, nfds == 2 && timeout < 0 ? 0 : timeout);
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
