/*
 * fwd_comp.c -- the reference's packet components (virtif, shmif) under
 * their plain rumpcomp_* names; weak, like fwd.c, so a mutant can replace
 * one.
 */
#include "mutant.h"

#define WEAK __attribute__((__weak__)) MUTANT_EXPORT

WEAK int
rumpcomp_virt_create(const char *devstr, struct virtif_sc *sc, uint8_t *enaddr,
    struct virtif_user **viup)
{
	return posix_rumpcomp_virt_create(devstr, sc, enaddr, viup);
}

WEAK int
rumpcomp_virt_dying(struct virtif_user *viu)
{
	return posix_rumpcomp_virt_dying(viu);
}

WEAK void
rumpcomp_virt_destroy(struct virtif_user *viu)
{
	posix_rumpcomp_virt_destroy(viu);
}

WEAK void
rumpcomp_virt_send(struct virtif_user *viu, struct iovec *iov, size_t iovlen)
{
	posix_rumpcomp_virt_send(viu, iov, iovlen);
}

WEAK int
rumpcomp_shmif_watchsetup(int *kqp, int fd)
{
	return posix_rumpcomp_shmif_watchsetup(kqp, fd);
}

WEAK int
rumpcomp_shmif_watchwait(int kq)
{
	return posix_rumpcomp_shmif_watchwait(kq);
}

WEAK int
rumpcomp_shmif_mmap(int fd, size_t len, void **memp)
{
	return posix_rumpcomp_shmif_mmap(fd, len, memp);
}
