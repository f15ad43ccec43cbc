/*
 * virtif_send_reorders -- send keeps one frame in a holding buffer and
 * writes it after the frame that follows (swapping every pair), as a
 * careless transmit ring would: ordered protocols see every other frame
 * out of order.
 */
#include "mutant.h"

#include <pthread.h>
#include <string.h>
#include <sys/uio.h>

#define HOLDMAX	9018

static pthread_mutex_t hold_mtx = PTHREAD_MUTEX_INITIALIZER;
static unsigned char held[HOLDMAX];
static size_t heldlen;
static int holding;

MUTANT_EXPORT void
rumpcomp_virt_send(struct virtif_user *viu, struct iovec *iov, size_t iovlen)
{
	struct iovec one = { held, 0 };
	size_t i, n;

	pthread_mutex_lock(&hold_mtx);
	if (!holding) {
		for (heldlen = 0, i = 0; i < iovlen && heldlen < HOLDMAX; i++) {
			n = iov[i].iov_len < HOLDMAX - heldlen ? iov[i].iov_len :
			    HOLDMAX - heldlen;
			memcpy(held + heldlen, iov[i].iov_base, n);
			heldlen += n;
		}
		holding = 1;
		pthread_mutex_unlock(&hold_mtx);
		return;
	}
	posix_rumpcomp_virt_send(viu, iov, iovlen);
	one.iov_len = heldlen;
	posix_rumpcomp_virt_send(viu, &one, 1);
	holding = 0;
	pthread_mutex_unlock(&hold_mtx);
}
