/*
 * file.c of a broken bare-metal hypervisor: its file table numbers the
 * machine's disks from 1 ("blk1" for the disk the machine declares as
 * "blk0"), as a port written after firmware or a driver that counts its
 * units from one would; the disk is not found under its own name.
 */
#include "bm.h"

static const char *misnamed_blk_name(int dev);

#define mach_blk_name	misnamed_blk_name
#include "../../../targets/baremetal/file.c"
#undef mach_blk_name

/* "blk" and the unit counted from one (these machines have fewer than nine disks). */
static const char *
misnamed_blk_name(int dev)
{
	static char name[] = "blk?";

	name[3] = (char)('1' + dev);
	return name;
}
