/*
 * packetio.h -- the half of the packet components (virtif.c, shmif.c)
 * that depends on how the hypervisor makes threads and waits: receiving
 * frames and waiting for a descriptor. The POSIX target implements it in
 * packetio.c with a host thread reading an io_uring (or polling);
 * targets/fiber with a fiber.
 * Every call here is made without the virtual CPU.
 */
#ifndef _PACKETIO_H_
#define _PACKETIO_H_

#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(default)
#include <rump/virtif_user.h>
#pragma GCC visibility pop

/* Provided by the rump kernel; resolved when the library is loaded. */
#pragma weak rump_virtif_virt_deliverpkt

struct rumpuser__vif_rx;

/*
 * Start delivering the frames read from tapfd to sc, each with a CPU and
 * a bound lwp; NULL and a host errno in *errorp on failure.
 */
struct rumpuser__vif_rx *rumpuser__vif_rx_start(int tapfd,
    struct virtif_sc *sc, int *errorp);
/* No frame is delivered once this returns; calling it again is fine. */
void rumpuser__vif_rx_stop(struct rumpuser__vif_rx *);
/* Stop, wait for the receiver to finish, and free it. */
void rumpuser__vif_rx_join(struct rumpuser__vif_rx *);

/* Wait up to ms for fd to be readable: its revents, 0 on timeout, -1. */
int rumpuser__wait_readable(int fd, int ms);

#endif /* _PACKETIO_H_ */
