/*
 * virtif_rx_truncates_jumbo -- the receive path hands the kernel at most
 * a standard Ethernet frame (1518 bytes) of what it read from the tap:
 * jumbo frames arrive truncated. The reference receiver's call to the
 * kernel's deliverpkt binds to this library-local wrapper, which calls the
 * kernel's own.
 */
#include "mutant.h"

#include <dlfcn.h>
#include <sys/uio.h>
#include <stdlib.h>

#define STDFRAME	1518

typedef void deliver_fn(struct virtif_sc *, struct iovec *, size_t);

__attribute__((__visibility__("hidden"))) void
rump_virtif_virt_deliverpkt(struct virtif_sc *sc, struct iovec *iov, size_t iovlen)
{
	static deliver_fn *kern;

	if (kern == NULL &&
	    (kern = (deliver_fn *)dlsym(RTLD_DEFAULT, "rump_virtif_virt_deliverpkt")) == NULL)
		abort();
	if (iovlen == 1 && iov[0].iov_len > STDFRAME)
		iov[0].iov_len = STDFRAME;
	kern(sc, iov, iovlen);
}
