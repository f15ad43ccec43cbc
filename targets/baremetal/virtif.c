/*
 * virtif.c -- the virtif packet hypercalls (base "virt") on the machine's
 * NICs (mach_net_*). devstr names a NIC: a name bm_virtif_name gave one
 * (the environment's "tap"); "N" is the one named tunN, as the reference
 * takes it, else NIC N. The NICs raise no interrupt here, so a
 * reader thread per interface polls its NIC (every 200 us while idle) and
 * delivers each frame holding a virtual CPU and its own lwp, in order,
 * letting the other threads run between frames.
 */
#include <string.h>

#include "bm.h"
#include <rump/virtif_user.h>

#define VIF_FRAMEMAX	9018		/* a jumbo frame with its FCS */
#define POLL_NS		200000u
#define MAX_NAMES	4

struct virtif_user {
	int nic;
	struct virtif_sc *sc;
	int dying;
	struct bm_thread *reader;
	uint8_t frame[VIF_FRAMEMAX];
};

static struct {
	char name[32];
	int nic;
} names[MAX_NAMES];

int
bm_virtif_name(const char *name, int nic)
{
	int i, free_slot = -1;

	if (strlen(name) >= sizeof(names[0].name) || nic < 0 || nic >= mach_net_count())
		return NB_EINVAL;
	for (i = 0; i < MAX_NAMES; i++) {
		if (strcmp(names[i].name, name) == 0)
			break;
		if (free_slot < 0 && names[i].name[0] == '\0')
			free_slot = i;
	}
	if (i == MAX_NAMES && (i = free_slot) < 0)
		return NB_ENOMEM;
	memcpy(names[i].name, name, strlen(name) + 1);
	names[i].nic = nic;
	return 0;
}

static int
named_nic(const char *name)
{
	int i;

	for (i = 0; i < MAX_NAMES; i++)
		if (names[i].name[0] != '\0' && strcmp(names[i].name, name) == 0)
			return names[i].nic;
	return -1;
}

/* The NIC devstr names, or -1. */
static int
nic_of(const char *devstr)
{
	char tun[16];
	int i, n = 0;

	if (named_nic(devstr) >= 0)
		return named_nic(devstr);
	for (i = 0; devstr[i] >= '0' && devstr[i] <= '9' && n < 1000; i++)
		n = n * 10 + (devstr[i] - '0');
	if (i == 0 || devstr[i] != '\0')
		return -1;
	memcpy(tun, "tun", 3);
	memcpy(tun + 3, devstr, (size_t)i + 1 < sizeof(tun) - 3 ? (size_t)i + 1 : 1);
	if (named_nic(tun) >= 0)
		return named_nic(tun);
	return n < mach_net_count() ? n : -1;
}

static void *
reader(void *arg)
{
	struct virtif_user *viu = arg;
	struct rumpuser_iovec iov;
	long n;

	rumpuser_component_kthread();
	while (!viu->dying) {
		if ((n = mach_net_recv(viu->nic, viu->frame, sizeof(viu->frame))) <= 0) {
			bm_sleep_until(mach_mono_ns() + POLL_NS);
			continue;
		}
		iov.iov_base = viu->frame;
		iov.iov_len = (size_t)n;
		rumpuser_component_schedule(NULL);
		rump_virtif_virt_deliverpkt(viu->sc, (struct iovec *)(void *)&iov, 1);
		rumpuser_component_unschedule();
		bm_yield();	/* a flood must not starve the other threads */
	}
	rumpuser_component_kthread_release();
	return NULL;
}

/* The MAC the kernel chose stays: the NIC's own is not imposed. */
int
rumpcomp_virt_create(const char *devstr, struct virtif_sc *sc,
    uint8_t *enaddr, struct virtif_user **viup)
{
	struct virtif_user *viu;
	void *cookie;
	int nic;

	(void)enaddr;
	if (devstr == NULL || viup == NULL)
		return NB_EINVAL;
	if ((nic = nic_of(devstr)) < 0)
		return NB_ENXIO;
	if ((viu = bm_alloc(sizeof(*viu), 16)) == NULL)
		return NB_ENOMEM;
	memset(viu, 0, offsetof(struct virtif_user, frame));
	viu->nic = nic;
	viu->sc = sc;
	cookie = rumpuser_component_unschedule();
	while (mach_net_recv(nic, viu->frame, sizeof(viu->frame)) > 0)
		continue;	/* what came before the interface existed */
	viu->reader = bm_thread_new(reader, viu, "virtif", 1);
	rumpuser_component_schedule(cookie);
	if (viu->reader == NULL) {
		bm_free(viu);
		return NB_ENOMEM;
	}
	*viup = viu;
	return 0;
}

/* No delivery starts after this returns (the reader checks between frames). */
int
rumpcomp_virt_dying(struct virtif_user *viu)
{
	viu->dying = 1;
	return 0;
}

void
rumpcomp_virt_destroy(struct virtif_user *viu)
{
	void *cookie = rumpuser_component_unschedule();

	viu->dying = 1;
	bm_thread_join(viu->reader);
	bm_free(viu);
	rumpuser_component_schedule(cookie);
}

/* The kernel frees the chain when this returns: the frame is copied first. */
void
rumpcomp_virt_send(struct virtif_user *viu, struct iovec *iov, size_t iovlen)
{
	const struct rumpuser_iovec *ruiov = (const struct rumpuser_iovec *)(void *)iov;
	void *cookie = rumpuser_component_unschedule();
	static uint8_t frame[VIF_FRAMEMAX];
	size_t i, len = 0;

	for (i = 0; i < iovlen && len + ruiov[i].iov_len <= sizeof(frame); i++) {
		memcpy(frame + len, ruiov[i].iov_base, ruiov[i].iov_len);
		len += ruiov[i].iov_len;
	}
	if (i == iovlen)
		(void)mach_net_send(viu->nic, frame, len);	/* drops are allowed */
	rumpuser_component_schedule(cookie);
}
