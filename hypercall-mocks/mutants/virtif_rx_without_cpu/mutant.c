/*
 * virtif_rx_without_cpu -- the receive thread gives its virtual CPU back
 * just before handing the frame to the kernel: deliverpkt runs the input
 * path without a CPU, racing every other kernel thread. The reference
 * receiver's call to the kernel's deliverpkt binds to this library-local
 * wrapper, which calls the kernel's own.
 */
#include "mutant.h"

#include <dlfcn.h>
#include <stdlib.h>

typedef void deliver_fn(struct virtif_sc *, struct iovec *, size_t);

__attribute__((__visibility__("hidden"))) void
rump_virtif_virt_deliverpkt(struct virtif_sc *sc, struct iovec *iov, size_t iovlen)
{
	static deliver_fn *kern;
	void *cookie;

	if (kern == NULL &&
	    (kern = (deliver_fn *)dlsym(RTLD_DEFAULT, "rump_virtif_virt_deliverpkt")) == NULL)
		abort();
	cookie = posix_rumpuser_component_unschedule();
	kern(sc, iov, iovlen);
	posix_rumpuser_component_schedule(cookie);
}
