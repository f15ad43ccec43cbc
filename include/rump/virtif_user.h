/*
 * virtif_user.h -- the virtif packet hypercalls (VIFHYPER revision
 * 20140313) for the default interface base "virt", and the delivery upcall
 * the rump kernel provides.
 */
#ifndef _RUMP_VIRTIF_USER_H_
#define _RUMP_VIRTIF_USER_H_

#define VIFHYPER_REVISION 20140313

struct iovec;
struct virtif_sc;	/* the kernel's interface softc, opaque here */
struct virtif_user;	/* the hypervisor's per-interface state */

int rumpcomp_virt_create(const char *devstr, struct virtif_sc *sc,
    uint8_t *enaddr, struct virtif_user **viup);
int rumpcomp_virt_dying(struct virtif_user *);
void rumpcomp_virt_destroy(struct virtif_user *);
void rumpcomp_virt_send(struct virtif_user *, struct iovec *iov,
    size_t iovlen);

/* Upcall: called holding a CPU and a bound lwp; copies the frame. */
void rump_virtif_virt_deliverpkt(struct virtif_sc *sc, struct iovec *iov,
    size_t iovlen);

#endif /* _RUMP_VIRTIF_USER_H_ */
