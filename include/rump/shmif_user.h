/*
 * shmif_user.h -- the hypervisor calls of the shmif shared-file Ethernet bus.
 */
#ifndef _RUMP_SHMIF_USER_H_
#define _RUMP_SHMIF_USER_H_

#define SHMIF_BUSMEM_SIZE	(1024 * 1024)
#define SHMIF_MAGIC		0xca11d054
#define SHMIF_VERSION		3
#define SHMIF_IFMEM_WAKEUP	4	/* file offset written to wake peers */

int rumpcomp_shmif_watchsetup(int *kqp, int fd);
int rumpcomp_shmif_watchwait(int kq);
int rumpcomp_shmif_mmap(int fd, size_t len, void **memp);

#endif /* _RUMP_SHMIF_USER_H_ */
