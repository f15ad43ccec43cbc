/*
 * virtif_send_truncates_jumbo -- send gathers each frame into a bounce
 * buffer of a standard Ethernet frame (1518 bytes) and writes that:
 * jumbo frames leave the interface truncated.
 */
#include "mutant.h"

#include <string.h>
#include <sys/uio.h>

#define BOUNCE	1518

MUTANT_EXPORT void
rumpcomp_virt_send(struct virtif_user *viu, struct iovec *iov, size_t iovlen)
{
	unsigned char buf[BOUNCE];
	struct iovec one = { buf, 0 };
	size_t i, n;

	for (i = 0; i < iovlen && one.iov_len < BOUNCE; i++) {
		n = iov[i].iov_len < BOUNCE - one.iov_len ? iov[i].iov_len :
		    BOUNCE - one.iov_len;
		memcpy(buf + one.iov_len, iov[i].iov_base, n);
		one.iov_len += n;
	}
	posix_rumpcomp_virt_send(viu, &one, 1);
}
