/*
 * file.c of a broken bare-metal hypervisor: rumpuser_bio takes the byte
 * offset for a sector number (a port written against a block driver
 * that addresses sectors).
 */
#include "bm.h"

#undef rumpuser_bio
#define rumpuser_bio	correct_bio
#include "../../../targets/baremetal/file.c"
#undef rumpuser_bio
#define rumpuser_bio	rc_tgt_rumpuser_bio

void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	correct_bio(fd, op, data, dlen, off * 512, biodone, donearg);
}
