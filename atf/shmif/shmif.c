/*
 * shmif.c -- the shmif component calls: two bus users in one test share a
 * bus file in the scratch directory. Each maps it with rumpcomp_shmif_mmap
 * and the receiver sleeps in rumpcomp_shmif_watchwait until the sender's
 * wakeup write. The bus protocol here is a minimal one of the test's own
 * on the documented header layout; what is checked is the hypervisor.
 */
#include "../file/iohelp.h"

#include <rump/shmif_user.h>

#define FRAMES		200
#define DATA_OFF	32	/* records start after the bus header */
#define WAKE_LATENCY_MS	500	/* well under any timeout a watcher uses */

typedef int shm_watchsetup_fn(int *, int);
typedef int shm_watchwait_fn(int);
typedef int shm_mmap_fn(int, size_t, void **);

static struct {
	shm_watchsetup_fn *watchsetup;
	shm_watchwait_fn *watchwait;
	shm_mmap_fn	*mmap;
} shm;

/* The bus header (struct shmif_mem); records follow at DATA_OFF. */
struct bus {
	uint32_t	magic;
	uint32_t	version;
	uint64_t	gen;
	uint32_t	first;
	uint32_t	last;	/* end of the newest record (this test's use) */
	uint32_t	lock;
	uint32_t	spare;
};

struct user {
	int		fd;
	struct bus	*bus;
	int		watch;
};

static int
bind_calls(void)
{
	const char *why;

	if ((shm.watchsetup = (shm_watchsetup_fn *)rch_target_sym("rumpcomp_shmif_watchsetup", &why)) == NULL ||
	    (shm.watchwait = (shm_watchwait_fn *)rch_target_sym("rumpcomp_shmif_watchwait", &why)) == NULL ||
	    (shm.mmap = (shm_mmap_fn *)rch_target_sym("rumpcomp_shmif_mmap", &why)) == NULL) {
		rc_skip(why);
		return -1;
	}
	return 0;
}

/* Attach one user to the bus file, as the driver does. */
static int
attach(struct user *u, const char *path)
{
	void *mem = NULL;
	int error;

	u->watch = -1;
	error = rumpuser_open(path, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_CREATE, &u->fd);
	if (!RC_EXPECT("SHM-001", error == 0, "open of the bus file = %d", error))
		return -1;
	error = shm.mmap(u->fd, SHMIF_BUSMEM_SIZE, &mem);
	if (!RC_EXPECT("SHM-001", error == 0 && mem != NULL, "rumpcomp_shmif_mmap = %d", error))
		return -1;
	u->bus = mem;
	error = shm.watchsetup(&u->watch, u->fd);
	return RC_EXPECT("SHM-002", error == 0 && u->watch != -1,
	    "rumpcomp_shmif_watchsetup = %d", error) ? 0 : -1;
}

static void
bus_lock(struct bus *b)
{
	uint32_t zero;

	for (;;) {
		zero = 0;
		if (__atomic_compare_exchange_n(&b->lock, &zero, 1, 0,
		    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return;
		rch_yield();
	}
}

static void
bus_unlock(struct bus *b)
{
	__atomic_store_n(&b->lock, 0, __ATOMIC_RELEASE);
}

/* The wakeup every peer's watcher must see: a write at IFMEM_WAKEUP. */
static void
wakeup(struct user *u)
{
	uint32_t version = SHMIF_VERSION;
	struct rumpuser_iovec iov = { &version, sizeof(version) };
	size_t n;

	RC_EXPECT("SHM-003", rumpuser_iovwrite(u->fd, &iov, 1, SHMIF_IFMEM_WAKEUP, &n) == 0,
	    "the wakeup write failed");
}

/* Append frame seq: a length word, then len bytes. */
static void
send_frame(struct user *u, uint32_t seq)
{
	struct bus *b = u->bus;
	unsigned char *rec;
	uint32_t len = 60 + seq * 7 % 1400, i;

	bus_lock(b);
	rec = (unsigned char *)b + b->last;
	*(uint32_t *)(void *)rec = len;
	for (i = 0; i < len; i++)
		rec[4 + i] = (unsigned char)(seq + i);
	b->last += 4 + ((len + 3) & ~3u);
	bus_unlock(b);
	wakeup(u);
}

struct receiver {
	struct user	*u;
	int		got;
	int		bad;
	int		waits;
	int		cpu_lost;
	int		stop;
};

/* Read every record after *pos; a damaged one counts as bad. */
static void
drain(struct receiver *r, uint32_t *pos)
{
	struct bus *b = r->u->bus;
	const unsigned char *rec;
	uint32_t last, len, i;

	bus_lock(b);
	last = b->last;
	bus_unlock(b);
	while (*pos < last) {
		rec = (const unsigned char *)b + *pos;
		len = *(const uint32_t *)(const void *)rec;
		if (len != 60 + (uint32_t)r->got * 7 % 1400)
			r->bad++;
		for (i = 0; i < len && i < 1500; i++)
			if (rec[4 + i] != (unsigned char)(r->got + i)) {
				r->bad++;
				break;
			}
		*pos += 4 + ((len + 3) & ~3u);
		r->got++;
	}
}

static void
receive(void *arg)
{
	struct receiver *r = arg;
	uint32_t pos = DATA_OFF;
	int error;

	while (r->got < FRAMES && !rc_load(&r->stop)) {
		drain(r, &pos);
		if (r->got >= FRAMES)
			break;
		error = shm.watchwait(r->u->watch);
		r->waits++;
		if (!mk_has_cpu())
			r->cpu_lost++;
		if (!RC_EXPECT("SHM-003", error == 0, "rumpcomp_shmif_watchwait = %d", error))
			break;
	}
}

static int
two_users(struct user *a, struct user *b, char *path, size_t len)
{
	const char *why;

	if (bind_calls() == -1)
		return -1;
	if (io_path(path, len, "shmif.bus", &why) == -1) {
		rc_skip(why);
		return -1;
	}
	if (attach(a, path) == -1 || attach(b, path) == -1)
		return -1;
	return 0;
}

RC_CASE(shmif_mmap_shared, "SHM-001",
    "the bus file grows to the bus size and both users' mappings show the same bytes")
{
	struct user a, b;
	char path[512];
	uint64_t size = 0;

	if (two_users(&a, &b, path, sizeof(path)) == -1)
		return;
	RC_ASSERT("SHM-001", rumpuser_getfileinfo(path, &size, NULL) == 0 &&
	    size == SHMIF_BUSMEM_SIZE, "bus file size %llu, want %u",
	    (unsigned long long)size, SHMIF_BUSMEM_SIZE);
	a.bus->magic = SHMIF_MAGIC;
	a.bus->version = SHMIF_VERSION;
	((unsigned char *)a.bus)[SHMIF_BUSMEM_SIZE - 1] = 0x5a;
	RC_ASSERT("SHM-001", b.bus != a.bus && b.bus->magic == SHMIF_MAGIC &&
	    ((unsigned char *)b.bus)[SHMIF_BUSMEM_SIZE - 1] == 0x5a,
	    "a store through one mapping is not seen through the other");
	rumpuser_close(a.fd);
	rumpuser_close(b.fd);
}

RC_CASE(shmif_wakeup, "SHM-002 SHM-003 SHM-004",
    "watchwait sleeps without the CPU and returns soon after a peer's wakeup write")
{
	struct user a, b;
	char path[512];
	unsigned long before;
	uint64_t t0, ms;
	int error;

	if (two_users(&a, &b, path, sizeof(path)) == -1)
		return;
	wakeup(&a);	/* consume any event of the set-up */
	shm.watchwait(b.watch);
	/* The wakeup is pending before the wait starts: it must end at once. */
	t0 = rch_mono_ns();
	wakeup(&a);
	before = mk_unsched_count();	/* after the write, which unschedules */
	error = shm.watchwait(b.watch);
	ms = (rch_mono_ns() - t0) / 1000000u;
	RC_ASSERT_EQ("SHM-003", error, 0, "rumpcomp_shmif_watchwait");
	RC_EXPECT("SHM-003", ms < WAKE_LATENCY_MS, "watchwait returned %llu ms after a pending "
	    "wakeup", (unsigned long long)ms);
	RC_EXPECT("SHM-004", mk_has_cpu(), "watchwait returned without the CPU");
	RC_EXPECT("SHM-004", mk_unsched_count() > before, "watchwait kept the CPU while waiting");
	rumpuser_close(a.fd);
	rumpuser_close(b.fd);
}

RC_CASE_F(shmif_exchange, "SHM-001 SHM-003 SHM-004 SHM-005",
    "two bus users exchange 200 frames through the bus file, each woken by the other's write",
    RC_F_SLOW)
{
	struct receiver r = { NULL, 0, 0, 0, 0, 0 };
	struct rc_thread *t;
	struct user a, b;
	char path[512];
	uint64_t t0;
	int i;

	if (two_users(&a, &b, path, sizeof(path)) == -1)
		return;
	bus_lock(a.bus);
	a.bus->magic = SHMIF_MAGIC;
	a.bus->version = SHMIF_VERSION;
	a.bus->first = a.bus->last = DATA_OFF;
	bus_unlock(a.bus);
	r.u = &b;
	if ((t = rc_spawn(receive, &r, "shmrecv")) == NULL)
		return;
	t0 = rch_mono_ns();
	for (i = 0; i < FRAMES; i++) {
		send_frame(&a, (uint32_t)i);
		if (i % 20 == 0)
			rc_sleep_ms(5);	/* let the receiver go back to sleep */
	}
	while (rc_load(&r.got) < FRAMES && rch_mono_ns() - t0 < 20000000000ull)
		rc_sleep_ms(5);
	rc_store(&r.stop, 1);
	wakeup(&a);
	rc_join(t);
	RC_EXPECT("SHM-005", r.got == FRAMES && r.bad == 0, "%d of %d frames received, %d damaged",
	    r.got, FRAMES, r.bad);
	RC_EXPECT("SHM-004", r.cpu_lost == 0, "watchwait returned %d times without the CPU",
	    r.cpu_lost);
	rc_note("shmif: %d frames in %d watchwait rounds\n", r.got, r.waits);
	rumpuser_close(a.fd);
	rumpuser_close(b.fd);
}

RC_CASE(shmif_watch_badfd, "SHM-002",
    "watchsetup on a descriptor that is not open fails with an error, not a crash")
{
	int kq = -1;

	if (bind_calls() == -1)
		return;
	RC_EXPECT("SHM-002", shm.watchsetup(&kq, 1 << 20) != 0,
	    "watchsetup on fd 1<<20 succeeded");
}

#define NB_EMFILE	24

/*
 * A kernel that has used up its descriptors (a leak elsewhere, many
 * interfaces) attaches one more bus: the watch cannot be made, and the
 * error must say why rather than what a later step tripped over.
 */
RC_CASE(shmif_watch_no_descriptor, "SHM-640",
    "watchsetup in a process with no free descriptor fails with EMFILE (24) and leaves no "
    "descriptor behind")
{
	char path[512];
	const char *why;
	int fd = -1, kq = -1, error, before, after;

	if (bind_calls() == -1)
		return;
	if (io_path(path, sizeof(path), "nofd.bus", &why) == -1)
		RC_SKIP(why);
	error = rumpuser_open(path, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_CREATE, &fd);
	RC_ASSERT("SHM-001", error == 0, "open of the bus file = %d", error);
	before = rch_count_fds();
	if (rch_fds_exhaust(&why) == -1) {
		rumpuser_close(fd);
		RC_SKIP(why);
	}
	error = shm.watchsetup(&kq, fd);
	rch_fds_release();
	after = rch_count_fds();
	if (error == 0 && kq != -1)
		rumpuser_close(kq);
	rumpuser_close(fd);
	RC_EXPECT("SHM-640", error == NB_EMFILE, "watchsetup with no descriptor free = %d%s, "
	    "want EMFILE (24): the host could not make the watch for want of a descriptor",
	    error, error == 0 ? " (success)" : "");
	RC_EXPECT("SHM-640", error == 0 || after == before, "the failed watchsetup left %d "
	    "descriptors behind", after - before);
}

#define NB_EBADF	9
#define NOT_OPEN_FD	(1 << 20)	/* above any descriptor limit the suite runs with */

/*
 * A bus file the kernel lost (closed by a bug elsewhere, or never opened)
 * must be reported as such, by each call the driver makes on it, and a
 * call that fails must not leave a half-made watch open.
 */
RC_CASE(shmif_not_open, "SHM-730 SHM-731 SHM-732",
    "mmap, watchsetup and watchwait on descriptors that are not open fail at once, EBADF (9) "
    "where the host names it, and leave no descriptor behind")
{
	void *mem = NULL;
	uint64_t t0, ms;
	int kq = -1, error, before, after;

	if (bind_calls() == -1)
		return;
	error = shm.mmap(NOT_OPEN_FD, SHMIF_BUSMEM_SIZE, &mem);
	RC_EXPECT("SHM-730", error == NB_EBADF && mem == NULL, "rumpcomp_shmif_mmap on fd 1<<20 "
	    "= %d, mapping %p: want EBADF (9), the host's reason, and no mapping", error, mem);
	before = rch_count_fds();
	error = shm.watchsetup(&kq, NOT_OPEN_FD);
	after = rch_count_fds();
	RC_EXPECT("SHM-731", error != 0 && kq == -1 && after == before, "watchsetup on fd 1<<20 "
	    "= %d, handle %d, %d descriptors before and %d after: want an error, the handle left "
	    "-1 and no descriptor left open", error, kq, before, after);
	t0 = rch_mono_ns();
	error = shm.watchwait(NOT_OPEN_FD);
	ms = (rch_mono_ns() - t0) / 1000000u;
	RC_EXPECT("SHM-732", error == NB_EBADF && ms < WAKE_LATENCY_MS, "watchwait on handle "
	    "1<<20 = %d after %llu ms: want EBADF (9) at once, not a success the receiver would "
	    "take as a wakeup and spin on", error, (unsigned long long)ms);
}

#define IDLE_ROUNDS	3
#define IDLE_MS		50	/* a wait that saw nothing new lasts longer than this */
#define PEER_PERIOD_MS	300	/* the peer's write ends a wait that would block forever */

struct peer {
	struct user	*u;
	int		stop;
};

/* A peer writing the wakeup every PEER_PERIOD_MS until told to stop. */
static void
peer_writes(void *arg)
{
	struct peer *p = arg;

	while (!rc_load(&p->stop)) {
		rc_sleep_ms(PEER_PERIOD_MS);
		wakeup(p->u);
	}
}

/* Two users on one bus, b's watch drained of the wakeup a has just written. */
static int
drained_pair(struct user *a, struct user *b, char *path, size_t len)
{
	if (two_users(a, b, path, len) == -1)
		return -1;
	wakeup(a);
	shm.watchwait(b->watch);
	return 0;
}

/*
 * Up to IDLE_ROUNDS timed watchwaits on b, stopping at the first that
 * lasts IDLE_MS (it waited: the verdict is known): how many were quicker.
 */
static int
quick_waits(struct user *b, uint64_t ms[IDLE_ROUNDS])
{
	uint64_t t0;
	int i, quick = 0;

	for (i = 0; i < IDLE_ROUNDS && quick == i; i++) {
		t0 = rch_mono_ns();
		shm.watchwait(b->watch);
		ms[i] = (rch_mono_ns() - t0) / 1000000u;
		quick += ms[i] < IDLE_MS;
	}
	return quick;
}

/*
 * Once a wakeup has been reported, the next wait must sleep until the
 * next write (or its own timeout): one that returns at once again and
 * again (the event left pending, a level-triggered watch never drained)
 * keeps the receive thread spinning on an idle bus.
 */
RC_CASE(shmif_wait_consumes, "SHM-733",
    "after a wakeup, watchwait with nothing new written sleeps: three waits do not all return "
    "at once")
{
	struct peer p = { NULL, 0 };
	struct rc_thread *t;
	struct user a, b;
	char path[512];
	uint64_t ms[IDLE_ROUNDS] = { 0 };
	int quick;

	if (drained_pair(&a, &b, path, sizeof(path)) == -1)
		return;
	p.u = &a;
	if ((t = rc_spawn(peer_writes, &p, "shmpeer")) == NULL)
		return;
	quick = quick_waits(&b, ms);
	rc_store(&p.stop, 1);
	rc_join(t);
	RC_EXPECT("SHM-733", quick < IDLE_ROUNDS, "watchwait returned after %llu, %llu and %llu ms "
	    "with nothing new written (a peer writes every %d ms): it does not wait, the "
	    "receiver spins", (unsigned long long)ms[0], (unsigned long long)ms[1],
	    (unsigned long long)ms[2], PEER_PERIOD_MS);
	rumpuser_close(a.fd);
	rumpuser_close(b.fd);
}

#define TICK_MS		10	/* the kernel's clock thread sleeps one tick (HZ 100) */

struct ticker {
	int		stop;
	unsigned	ticks;
};

/* A neighbour sleeping tick after tick, as the kernel's clock thread does. */
static void
tick_away(void *arg)
{
	struct ticker *k = arg;

	while (!rc_load(&k->stop)) {
		rc_sleep_ms(TICK_MS);
		rc_store(&k->ticks, rc_load(&k->ticks) + 1);
	}
}

/*
 * A wait on an idle bus belongs to the bus alone: it must not end because
 * the hypervisor woke up for someone else (a neighbour's sleep ending).
 * A port that runs every wait from one event loop and resumes each
 * descriptor waiter whenever the loop wakes, ready or not, returns from
 * watchwait on every clock tick: the receive thread spins on a silent bus.
 */
RC_CASE(shmif_wait_ignores_timers, "SHM-910",
    "watchwait on an idle bus does not return each time another thread's sleep ends: with a "
    "neighbour sleeping 10 ms ticks, three waits with nothing written do not all return at once")
{
	struct ticker k = { 0, 0 };
	struct rc_thread *t;
	struct user a, b;
	char path[512];
	uint64_t ms[IDLE_ROUNDS] = { 0 };
	unsigned ticks0;
	int quick;

	if (drained_pair(&a, &b, path, sizeof(path)) == -1)
		return;
	if ((t = rc_spawn(tick_away, &k, "ticker")) == NULL)
		return;
	ticks0 = rc_load(&k.ticks);
	quick = quick_waits(&b, ms);
	rc_store(&k.stop, 1);
	rc_join(t);
	RC_EXPECT("SHM-910", quick < IDLE_ROUNDS, "watchwait returned after %llu, %llu and %llu "
	    "ms with nothing written to the bus while a neighbour slept %u ticks of %d ms: each "
	    "end of another thread's sleep wakes the bus wait, the receiver spins",
	    (unsigned long long)ms[0], (unsigned long long)ms[1], (unsigned long long)ms[2],
	    rc_load(&k.ticks) - ticks0, TICK_MS);
	rumpuser_close(a.fd);
	rumpuser_close(b.fd);
}

static const struct rc_case *const cases[] = {
	RC_REF(shmif_mmap_shared), RC_REF(shmif_wakeup), RC_REF(shmif_exchange),
	RC_REF(shmif_watch_badfd), RC_REF(shmif_watch_no_descriptor), RC_REF(shmif_not_open),
	RC_REF(shmif_wait_consumes), RC_REF(shmif_wait_ignores_timers), NULL
};
const struct rc_area rc_area_shmif = { "shmif", cases };
