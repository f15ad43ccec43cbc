/*
 * bio_offset_in_sectors -- the bio offset is taken as a sector number and
 * multiplied by 512 (as a block-device backend counting sectors would):
 * the kernel, which already passes bytes, reads and writes the wrong place.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	posix_rumpuser_bio(fd, op, data, dlen, off * 512, biodone, donearg);
}
