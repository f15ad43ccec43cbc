/*
 * virtif_create_exclusive -- create insists on making the tap itself
 * (TUNSETIFF with IFF_TUN_EXCL) and fails with EBUSY on one that exists:
 * interfaces set up by the administrator, the normal way, cannot be
 * attached.
 */
#include "mutant.h"

#include <sys/ioctl.h>
#include <linux/if.h>
#include <linux/if_tun.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

MUTANT_EXPORT int
rumpcomp_virt_create(const char *devstr, struct virtif_sc *sc,
    uint8_t *enaddr, struct virtif_user **viup)
{
	struct ifreq ifr;
	int fd, busy = 0;

	if (devstr != NULL && strlen(devstr) < IFNAMSIZ &&
	    (fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC)) != -1) {
		memset(&ifr, 0, sizeof(ifr));
		ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_TUN_EXCL;
		strcpy(ifr.ifr_name, devstr);
		busy = ioctl(fd, TUNSETIFF, &ifr) == -1 && errno == EBUSY;
		close(fd);
	}
	if (busy)
		return 16;	/* NetBSD EBUSY */
	return posix_rumpcomp_virt_create(devstr, sc, enaddr, viup);
}
