/*
 * bm_env.c -- rc_host.h and rc_ktap.h on bare metal (machine.h and the
 * baremetal hypervisor's own threads): the services the suite uses to
 * judge the hypervisor. Each case runs in a thread of its own; the
 * runner waits for it with a deadline, and the machine's watchdog stops
 * a case that spins with no switch at all (bm_main.c reports it).
 */
#include <string.h>

#include "bm.h"
#include "bm_env.h"
#include "bm_printf.h"
#include <rump/virtif_user.h>
#include "rc_ktap.h"
#include "rc_target.h"

uint64_t
rch_mono_ns(void)
{
	return mach_mono_ns();
}

/* The machine's wall clock, carried on by the counter (whole seconds at boot). */
uint64_t
rch_wall_ns(void)
{
	static int64_t at_zero;
	static int state;
	int64_t sec;
	long nsec;

	if (state == 0) {
		state = mach_wall(&sec, &nsec) == 0 ? 1 : -1;
		if (state == 1)
			at_zero = sec * 1000000000ll + nsec - (int64_t)mach_mono_ns();
	}
	return (uint64_t)(at_zero + (int64_t)mach_mono_ns());
}

void
rch_sleep_ns(uint64_t ns)
{
	bm_sleep_until(mach_mono_ns() + ns);
}

void
rch_yield(void)
{
	bm_yield();
}

void *
rch_alloc(size_t n)
{
	void *p = bm_alloc(n, 16);

	if (p != NULL)
		memset(p, 0, n);
	return p;
}

void
rch_free(void *p)
{
	bm_free(p);
}

/* The hypervisor's allocator counts what it has handed out (the leak rules'
   figure): rumpuser_malloc, thread stacks and records, the harness's own. */
int64_t
rch_heap_in_use(void)
{
	return (int64_t)bm_heap_in_use();
}

void
rch_vprintf(const char *fmt, va_list ap)
{
	char buf[1024];

	bm_vsnprintf(buf, sizeof(buf), fmt, ap);
	bm_env_puts(buf);
}

int
rc_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap)
{
	return bm_vsnprintf(buf, len, fmt, ap);
}

#define NO_PROCESS	"no processes on bare metal: one machine, one image"

void
rch_exit_child(int status)
{
	(void)status;
	rch_abort_case("rch_exit_child without an isolated child");
}

int
rch_hostname(char *buf, size_t len, const char **why)
{
	(void)buf; (void)len;
	*why = "on bare metal there is no host to have a name";
	return -1;
}

int
rch_setparam(const char *name, const char *value, const char **why)
{
	if (bm_param_set(name, value) != 0) {
		*why = "the hypervisor's parameter table refused the name or value";
		return -1;
	}
	return 0;
}

int
rch_unsetparam(const char *name, const char **why)
{
	(void)name;
	*why = "the hypervisor's parameter table cannot remove a name";
	return -1;
}

int
rch_starve_threads(const char **why)
{
	*why = NO_PROCESS;
	return -1;
}

size_t
rch_page_size(void)
{
	return mach_page_size();
}

int
rch_cap_address_space(size_t headroom, const char **why)
{
	(void)headroom;
	*why = NO_PROCESS;
	return -1;
}

int
rch_exhaust_heap(const char **why)
{
	*why = NO_PROCESS;
	return -1;
}

/*
 * Scratch files are regions of the machine's first disk, bound to their
 * names in the hypervisor (bm_file_bind): there is no file system.
 */
const char *
rch_tmpdir(const char **why)
{
	if (mach_blk_count() == 0) {
		*why = "no disk on this machine for scratch files (no file system on bare metal)";
		return NULL;
	}
	if (bm_file_bind("/scratch", 0, RUMPUSER_FT_DIR, NULL) != 0) {
		*why = "cannot name the scratch directory in the hypervisor's file table";
		return NULL;
	}
	return "/scratch";
}

int
rch_make_sparse(const char *path, uint64_t size, const char **why)
{
	switch (bm_file_bind(path, size, RUMPUSER_FT_REG, NULL)) {
	case 0:
		return 0;
	case NB_ENOSPC:
		*why = "the machine's disk (blk0) is smaller than the scratch file asked for";
		return -1;
	default:
		*why = "cannot make a scratch file on the machine's disk (blk0)";
		return -1;
	}
}

/* The machine's disks, as its drivers found them (machine.h). */
int
rch_disks(struct rch_disk *disks, int max, const char **why)
{
	int i, n = mach_blk_count();

	if (n <= 0) {
		*why = "this machine declares no disk";
		return -1;
	}
	for (i = 0; i < n && i < max; i++) {
		bm_snprintf(disks[i].name, sizeof(disks[i].name), "%s", mach_blk_name(i));
		disks[i].size = mach_blk_size(i);
	}
	return n;
}

/*
 * The harness's own check of its scratch-file helper, before any case
 * (a broken one would make every verdict on files untrustworthy):
 * - sizes: rch_make_sparse refuses every size beyond the disk the files
 *   live on, up to the largest there is, and makes every size the disk
 *   holds in whole MiB (the files' mapping unit);
 * - reuse: once the scratch files written so far have used every MiB of
 *   the disk, a fresh one is still written, and reads as zeros where it
 *   was not (the helper hands out the disk's blocks again, zeroed where a
 *   file wrote them, so a case never reads another file's bytes).
 * 0, or -1 and "NAME: what went wrong" in buf.
 */
#define SCRATCH_UNIT	(1ull << 20)
#define SCRATCH_FILE_MIB 256		/* MiB one file writes (fewer than a file may map) */
#define SELFTEST_FILE	"/scratch/medium.dat"	/* a name the file cases bind anyway */
#define STAMP_AT	4096		/* inside a MiB's first 64 KiB, not at its start */

static uint8_t selftest_buf[512];

static int
selftest_sizes(const struct rch_disk *d, char *buf, size_t len)
{
	uint64_t fits = d->size / SCRATCH_UNIT * SCRATCH_UNIT;
	uint64_t beyond[] = { fits + 1, d->size + SCRATCH_UNIT, 2 * d->size, UINT64_MAX };
	uint64_t within[] = { 0, SCRATCH_UNIT, fits };
	const char *why;
	unsigned i;

	for (i = 0; i < sizeof(beyond) / sizeof(beyond[0]); i++) {
		if (rch_make_sparse(SELFTEST_FILE, beyond[i], &why) == 0) {
			bm_snprintf(buf, len, "scratch_beyond_disk: rch_make_sparse made a "
			    "%llu-byte scratch file on %s, a disk of %llu bytes (it must refuse it)",
			    (unsigned long long)beyond[i], d->name, (unsigned long long)d->size);
			return -1;
		}
	}
	for (i = 0; i < sizeof(within) / sizeof(within[0]); i++) {
		if (within[i] <= fits && rch_make_sparse(SELFTEST_FILE, within[i], &why) == -1) {
			bm_snprintf(buf, len, "scratch_within_disk: rch_make_sparse refused a "
			    "%llu-byte scratch file on %s, a disk of %llu bytes: %s",
			    (unsigned long long)within[i], d->name, (unsigned long long)d->size, why);
			return -1;
		}
	}
	return 0;
}

/* A fresh scratch file of mib MiB, open for reading and writing: its fd, or -1. */
static int
selftest_file(uint64_t mib)
{
	const char *why;
	int fd;

	if (rch_make_sparse(SELFTEST_FILE, mib * SCRATCH_UNIT, &why) == -1 ||
	    rc_tgt.open(SELFTEST_FILE, RUMPUSER_OPEN_RDWR, &fd) != 0)
		return -1;
	return fd;
}

/* 512 bytes at off of fd from or into selftest_buf: the hypercall's error, or 0. */
static int
selftest_io(int fd, int write, uint64_t off, size_t *n)
{
	struct rumpuser_iovec iov = { selftest_buf, sizeof(selftest_buf) };

	*n = 0;
	return write ? rc_tgt.iovwrite(fd, &iov, 1, (int64_t)off, n) :
	    rc_tgt.iovread(fd, &iov, 1, (int64_t)off, n);
}

/*
 * 512 bytes at off of the fresh file fd are each want: 0, or -1 and what
 * was read in buf (at the stamps' place, an earlier file's bytes).
 */
static int
selftest_holds(const struct rch_disk *d, int fd, uint64_t off, uint8_t want, char *buf,
    size_t len)
{
	size_t n;
	int error = selftest_io(fd, 0, off, &n);
	unsigned i;

	for (i = 0; error == 0 && n == sizeof(selftest_buf) && i < n; i++)
		if (selftest_buf[i] != want)
			break;
	if (error == 0 && n == sizeof(selftest_buf) && i == n)
		return 0;
	bm_snprintf(buf, len, "scratch_reuse: a fresh scratch file on %s (on a reused MiB of "
	    "the disk) read at %llu gave error %d, %zu bytes, byte %u = 0x%02x (want 512 bytes "
	    "of 0x%02x)", d->name, (unsigned long long)off, error, n, i,
	    i < n ? selftest_buf[i] : 0, want);
	return -1;
}

static int
selftest_reuse(const struct rch_disk *d, char *buf, size_t len)
{
	uint64_t mibs = d->size / SCRATCH_UNIT, done, k, per;
	size_t n = 0;
	int fd = -1, error = 0;

	/* Stamp every MiB of the disk, through files of up to SCRATCH_FILE_MIB MiB. */
	memset(selftest_buf, 0xa5, sizeof(selftest_buf));
	for (done = 0; done < mibs && error == 0; done += k) {
		per = mibs - done < SCRATCH_FILE_MIB ? mibs - done : SCRATCH_FILE_MIB;
		if ((fd = selftest_file(per)) == -1)
			break;
		for (k = 0; k < per && error == 0; k++)
			error = selftest_io(fd, 1, k * SCRATCH_UNIT + STAMP_AT, &n);
		rc_tgt.close(fd);
	}
	if (fd == -1 || error != 0) {
		bm_snprintf(buf, len, "scratch_reuse: stamping MiB %llu of %llu of %s through "
		    "scratch files failed (error %d)", (unsigned long long)done,
		    (unsigned long long)mibs, d->name, fd == -1 ? -1 : error);
		return -1;
	}
	/* Every MiB was handed out: the next file's comes round again. */
	memset(selftest_buf, 0x5a, sizeof(selftest_buf));
	if ((fd = selftest_file(1)) == -1 || (error = selftest_io(fd, 1, 0, &n)) != 0 ||
	    n != sizeof(selftest_buf)) {
		bm_snprintf(buf, len, "scratch_reuse: a fresh scratch file could not be written "
		    "once the files before it had used all %llu MiB of %s (error %d, %zu bytes)",
		    (unsigned long long)mibs, d->name, fd == -1 ? -1 : error, n);
		if (fd != -1)
			rc_tgt.close(fd);
		return -1;
	}
	/* It holds what it was given, and zeros where it was given nothing. */
	error = selftest_holds(d, fd, 0, 0x5a, buf, len) == -1 ||
	    selftest_holds(d, fd, STAMP_AT, 0, buf, len) == -1;
	rc_tgt.close(fd);
	return error ? -1 : 0;
}

int
bm_env_selftest(char *buf, size_t len)
{
	struct rch_disk d;
	const char *why;

	if (rch_disks(&d, 1, &why) == -1 || rch_tmpdir(&why) == NULL)
		return 0;	/* no scratch files to check */
	if (selftest_sizes(&d, buf, len) == -1 || selftest_reuse(&d, buf, len) == -1)
		return -1;
	return 0;
}

const char *
rch_char_device(const char **why)
{
	*why = "no character devices on bare metal (the hypervisor has only block devices)";
	return NULL;
}

int
rch_loop_attach(const char *path, char *dev, size_t devlen, const char **why)
{
	static int next;

	bm_snprintf(dev, devlen, "/dev/bmloop%d", next++);
	if (bm_file_bind(dev, 0, RUMPUSER_FT_BLK, path) != 0) {
		*why = "cannot bind a block device over the scratch file";
		return -1;
	}
	return 0;
}

int
rch_loop_attach_sector(const char *path, unsigned sector, char *dev, size_t devlen,
    const char **why)
{
	if (sector != 512) {
		*why = "the machine's disk (virtio-blk) has 512-byte sectors only";
		return -1;
	}
	return rch_loop_attach(path, dev, devlen, why);
}

void
rch_loop_detach(const char *dev)
{
	(void)dev;
}

/*
 * The network: the machine's NIC 0 is the "tap" the hypervisor's virtif
 * drives, NIC 1 (on the same QEMU hub, no host network) is the wire the
 * packet handle sends and receives on.
 */
#define WIRE_NIC	1

static unsigned wire_type;	/* the ethertype of the open handle, 0: none */

int
rch_netns_private(const char **why)
{
	(void)why;
	return 0;	/* the machine's hub is private already */
}

int
rch_tap_create(const char *name, unsigned mtu, const char **why)
{
	(void)mtu;
	if (mach_net_count() < 2) {
		*why = "this machine has no pair of NICs on one hub (virtio-net) for a tap and its wire";
		return -1;
	}
	if (bm_virtif_name(name, 0) != 0) {
		*why = "the hypervisor refused the interface name";
		return -1;
	}
	return 0;
}

int
rch_tap_delete(const char *name, const char **why)
{
	(void)name;
	*why = "a machine's NIC cannot be removed from under the hypervisor";
	return -1;
}

int
rch_packet_open(const char *ifname, unsigned ethertype, const char **why)
{
	static uint8_t drain[9100];

	(void)ifname;
	if (mach_net_count() < 2) {
		*why = "this machine has no second NIC to be the wire";
		return -1;
	}
	while (mach_net_recv(WIRE_NIC, drain, sizeof(drain)) > 0)
		continue;
	wire_type = ethertype;
	return 0;
}

/* A full transmit ring waits (up to 1 s) for the receiver to drain, as a socket would. */
int
rch_packet_send(int h, const void *frame, size_t len)
{
	uint64_t end = mach_mono_ns() + 1000000000u;
	int error;

	(void)h;
	while ((error = mach_net_send(WIRE_NIC, frame, len)) == -NB_ENOBUFS &&
	    mach_mono_ns() < end)
		bm_sleep_until(mach_mono_ns() + 200000u);
	return error == 0 ? 0 : -1;
}

/* Frames of other ethertypes (none should come: the hub is private) are dropped. */
long
rch_packet_recv(int h, void *buf, size_t len, unsigned timeout_ms)
{
	uint64_t end = mach_mono_ns() + (uint64_t)timeout_ms * 1000000u;
	const uint8_t *f = buf;
	long n;

	(void)h;
	for (;;) {
		if ((n = mach_net_recv(WIRE_NIC, buf, len)) < 0)
			return -1;
		if (n >= 14 && (unsigned)(f[12] << 8 | f[13]) == wire_type)
			return n;
		if (n == 0 && mach_mono_ns() >= end)
			return 0;
		if (n == 0)
			bm_sleep_until(mach_mono_ns() + 200000u);
	}
}

void
rch_packet_close(int h)
{
	(void)h;
	wire_type = 0;
}

/* A machine's NIC ring is the only queue, and its size is the driver's. */
int
rch_packet_link_queue(int h)
{
	(void)h;
	return 0;
}

static const struct {
	const char *name;
	void *addr;
} components[] = {
	{ "rumpcomp_virt_create", (void *)rumpcomp_virt_create },
	{ "rumpcomp_virt_dying", (void *)rumpcomp_virt_dying },
	{ "rumpcomp_virt_destroy", (void *)rumpcomp_virt_destroy },
	{ "rumpcomp_virt_send", (void *)rumpcomp_virt_send },
};

void *
rch_target_sym(const char *name, const char **why)
{
	size_t i;

	for (i = 0; i < sizeof(components) / sizeof(components[0]); i++)
		if (strcmp(components[i].name, name) == 0)
			return components[i].addr;
	*why = "the bare-metal hypervisor has no such component (shmif needs files shared between processes)";
	return NULL;
}

#define RCH_HERE	"on bare metal"
#define RCH_OWN_LOOP
#define RCH_OWN_NET
#define RCH_OWN_HEAP
#define RCH_OWN_DISKS
#include "host_nofork.c"
#include "host_noproc.c"
#include "host_noio.c"

/* --- running a case apart --------------------------------------------------- */

struct apart {
	void (*fn)(void *);
	void *arg;
	int done;
	struct bm_thread *thread;
	struct bm_waitq waiter;
};

static struct apart *running;

static void *
apart_main(void *p)
{
	struct apart *a = p;

	a->fn(a->arg);
	a->done = 1;
	bm_wakeall(&a->waiter);
	return NULL;
}

int
rch_run_apart(void (*fn)(void *), void *arg, unsigned timeout_ms)
{
	struct apart *a = rch_alloc(sizeof(*a));
	uint64_t deadline = mach_mono_ns() + (uint64_t)timeout_ms * 1000000u;

	if (a == NULL)
		return -1;
	a->fn = fn;
	a->arg = arg;
	bm_env_case_begin(deadline);
	if ((a->thread = bm_thread_new(apart_main, a, "rc-case", 0)) == NULL) {
		rch_free(a);
		return -1;
	}
	running = a;
	while (!a->done && mach_mono_ns() < deadline)
		bm_block(&a->waiter, deadline);
	bm_env_case_end();
	running = NULL;
	if (!a->done)
		return -1;	/* abandoned: a and the thread stay behind */
	rch_free(a);
	return 0;
}

/*
 * The case's own thread ends its case; any other thread of the case is a
 * hypervisor thread and ends the way the hypervisor ends threads.
 */
void
rch_abort_case(const char *why)
{
	(void)why;
	*bm_self_lwp() = NULL;
	if (running != NULL && bm_self() == running->thread) {
		running->done = 1;
		bm_wakeall(&running->waiter);
		bm_thread_exit();
	}
	if (rc_tgt.thread_exit != NULL)
		rc_tgt.thread_exit();
	bm_thread_exit();
}

void
rch_ktap_line(const char *line)
{
	bm_env_puts(BM_KTAP_PREFIX);
	bm_env_puts(line);
	bm_env_puts("\n");
}
