/*
 * virtif_destroy_keeps_buffer -- each interface gets a jumbo-frame receive
 * buffer at create that destroy never gives back (the port freed the
 * interface record, not what it owned): every interface the kernel
 * attaches and detaches leaks 9 KiB of the host's heap.
 */
#include "mutant.h"

#include <stdlib.h>
#include <string.h>

#define RXBUF_BYTES	9018	/* a jumbo frame */

/* The buffers of the interfaces, newest first: destroy never unlinks one. */
static void *rxbufs;

MUTANT_EXPORT int
rumpcomp_virt_create(const char *devstr, struct virtif_sc *sc, uint8_t *enaddr,
    struct virtif_user **viup)
{
	void **rxbuf;
	int error;

	if ((rxbuf = malloc(RXBUF_BYTES)) == NULL)
		return 12;	/* NetBSD ENOMEM */
	memset(rxbuf, 0, RXBUF_BYTES);
	if ((error = posix_rumpcomp_virt_create(devstr, sc, enaddr, viup)) != 0) {
		free(rxbuf);
		return error;
	}
	*rxbuf = rxbufs;
	rxbufs = rxbuf;
	return 0;
}
