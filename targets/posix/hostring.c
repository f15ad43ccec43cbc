/*
 * hostring.c -- see hostring.h.
 */
#include "hostring.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
hostring_bio_notice(const char *path, int error)
{
	if (getenv("RUMPUSER_DEBUG") == NULL)
		return;
	fprintf(stderr, "rumpuser: bio: %s%s%s\n", path,
	    error != 0 ? ": io_uring refused: " : "",
	    error != 0 ? strerror(error) : "");
}

int
hostring_interposer_armed(void)
{
	static int (*armed)(void);
	static int looked;

	if (!__atomic_load_n(&looked, __ATOMIC_ACQUIRE)) {
		armed = (int (*)(void))dlsym(RTLD_DEFAULT, "faultinj_armed");
		__atomic_store_n(&looked, 1, __ATOMIC_RELEASE);
	}
	return armed != NULL && armed();
}

#if HOSTRING_AVAILABLE
#include <sys/mman.h>
#include <sys/syscall.h>

#include <linux/futex.h>
#include <unistd.h>

/* Linux 6.7's, for older headers (hostring_op_supported asks the kernel). */
#ifndef IORING_OP_FUTEX_WAIT
#define IORING_OP_FUTEX_WAIT	51
#endif
#ifndef FUTEX2_SIZE_U32
#define FUTEX2_SIZE_U32		0x02
#endif
#ifndef FUTEX2_PRIVATE
#define FUTEX2_PRIVATE		FUTEX_PRIVATE_FLAG
#endif

/* Map part i of the ring, kept for teardown; NULL on failure. */
static void *
ring_map(struct hostring *ring, int i, size_t len, off_t what)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_POPULATE, ring->fd, what);

	if (p == MAP_FAILED)
		return NULL;
	ring->map[i] = p;
	ring->maplen[i] = len;
	return p;
}

/* Map the rings of a set-up ring->fd; 0, or an errno. */
static int
ring_map_all(struct hostring *ring, const struct io_uring_params *p)
{
	size_t sqlen = p->sq_off.array + p->sq_entries * sizeof(unsigned);
	size_t cqlen = p->cq_off.cqes + p->cq_entries *
	    sizeof(struct io_uring_cqe);
	int single = (p->features & IORING_FEAT_SINGLE_MMAP) != 0;
	unsigned char *sqr, *cqr;
	unsigned *array, i;

	if (single && cqlen > sqlen)
		sqlen = cqlen;
	if ((sqr = ring_map(ring, 0, sqlen, IORING_OFF_SQ_RING)) == NULL)
		return errno;
	cqr = single ? sqr : ring_map(ring, 1, cqlen, IORING_OFF_CQ_RING);
	ring->sqes = ring_map(ring, 2, p->sq_entries *
	    sizeof(struct io_uring_sqe), IORING_OFF_SQES);
	if (cqr == NULL || ring->sqes == NULL)
		return errno;
	ring->sqhead = (unsigned *)(sqr + p->sq_off.head);
	ring->sqtail = (unsigned *)(sqr + p->sq_off.tail);
	ring->sqmask = *(unsigned *)(sqr + p->sq_off.ring_mask);
	ring->sqfill = *ring->sqtail;
	array = (unsigned *)(sqr + p->sq_off.array);
	for (i = 0; i < p->sq_entries; i++)
		array[i] = i;		/* entry i of the ring is sqes[i] */
	ring->cqhead = (unsigned *)(cqr + p->cq_off.head);
	ring->cqtail = (unsigned *)(cqr + p->cq_off.tail);
	ring->cqmask = *(unsigned *)(cqr + p->cq_off.ring_mask);
	ring->cqes = (struct io_uring_cqe *)(cqr + p->cq_off.cqes);
	return 0;
}

int
hostring_bio_setup(struct hostring *ring, unsigned entries, int by_default)
{
	const char *force = getenv("RUMPUSER_BIO");
	const char *preload = getenv("LD_PRELOAD");
	int error = ENOTSUP;

	/* Valgrind runs one thread at a time: one waiting in io_uring_enter
	 * there (the reaper) stopped the submitters for good. */
	if (preload != NULL && strstr(preload, "vgpreload") != NULL)
		error = ENOTSUP;
	else if (force != NULL ? strcmp(force, "uring") == 0 : by_default)
		error = hostring_setup(ring, entries);
	if (error == 0)
		hostring_bio_notice("io_uring", 0);
	else
		hostring_bio_notice("host threads", error == ENOTSUP ? 0 : error);
	return error;
}

int
hostring_setup(struct hostring *ring, unsigned entries)
{
	return hostring_setup_flags(ring, entries, 0);
}

int
hostring_setup_flags(struct hostring *ring, unsigned entries, unsigned flags)
{
	struct io_uring_params p;
	int error;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	memset(ring->map, 0, sizeof(ring->map));
	if ((ring->fd = (int)syscall(__NR_io_uring_setup, entries, &p)) == -1)
		return errno;
	ring->features = p.features;
	if ((error = ring_map_all(ring, &p)) != 0) {
		hostring_teardown(ring);
		return error;
	}
	ring->futexwait = hostring_op_supported(ring, IORING_OP_FUTEX_WAIT);
	return 0;
}

void
hostring_teardown(struct hostring *ring)
{
	int i;

	for (i = 0; i < 3; i++)
		if (ring->map[i] != NULL)
			munmap(ring->map[i], ring->maplen[i]);
	memset(ring->map, 0, sizeof(ring->map));
	close(ring->fd);
	ring->fd = -1;
}

int
hostring_op_supported(const struct hostring *ring, unsigned op)
{
	struct io_uring_probe *pr;
	int known;

	if (op > 255 || (pr = calloc(1, sizeof(*pr) +
	    256 * sizeof(pr->ops[0]))) == NULL)
		return 0;
	known = syscall(__NR_io_uring_register, ring->fd,
	    IORING_REGISTER_PROBE, pr, 256) == 0 && op <= pr->last_op &&
	    (pr->ops[op].flags & IO_URING_OP_SUPPORTED) != 0;
	free(pr);
	return known;
}

int
hostring_register_bufring(struct hostring *ring, struct io_uring_buf_ring *br,
    unsigned entries, unsigned bgid)
{
	struct io_uring_buf_reg reg;

	memset(&reg, 0, sizeof(reg));
	reg.ring_addr = (uint64_t)(uintptr_t)br;
	reg.ring_entries = entries;
	reg.bgid = (uint16_t)bgid;
	if (syscall(__NR_io_uring_register, ring->fd,
	    IORING_REGISTER_PBUF_RING, &reg, 1) == -1)
		return errno;
	return 0;
}

struct io_uring_sqe *
hostring_sqe(struct hostring *ring)
{
	struct io_uring_sqe *e = &ring->sqes[ring->sqfill++ & ring->sqmask];

	memset(e, 0, sizeof(*e));
	return e;
}

void
hostring_queue_rw(struct hostring *ring, int write, int fd, void *buf,
    size_t len, int64_t off, uint64_t user_data)
{
	struct io_uring_sqe *e = hostring_sqe(ring);

	e->opcode = write ? IORING_OP_WRITE : IORING_OP_READ;
	e->fd = fd;
	e->off = (uint64_t)off;
	e->addr = (uint64_t)(uintptr_t)buf;
	e->len = (uint32_t)len;
	e->user_data = user_data;
}

int
hostring_queue_linked_datasync(struct hostring *ring, int fd,
    uint64_t user_data)
{
	struct io_uring_sqe *e = &ring->sqes[(ring->sqfill - 1) & ring->sqmask];
	int quiet = (ring->features & IORING_FEAT_CQE_SKIP) != 0;

	e->flags |= IOSQE_IO_LINK | (quiet ? IOSQE_CQE_SKIP_SUCCESS : 0);
	e = hostring_sqe(ring);
	e->opcode = IORING_OP_FSYNC;
	e->fd = fd;
	e->fsync_flags = IORING_FSYNC_DATASYNC;
	e->user_data = user_data;
	return quiet;
}

int
hostring_submit(struct hostring *ring, unsigned wait)
{
	unsigned n;

	__atomic_store_n(ring->sqtail, ring->sqfill, __ATOMIC_RELEASE);
	/* An old kernel may stop at an entry it refused: submit the rest. */
	do {
		n = ring->sqfill - __atomic_load_n(ring->sqhead,
		    __ATOMIC_ACQUIRE);
		if (syscall(__NR_io_uring_enter, ring->fd, n, wait,
		    wait > 0 ? IORING_ENTER_GETEVENTS : 0, NULL, 0) == -1 &&
		    errno != EINTR && errno != EAGAIN && errno != EBUSY)
			return -1;
	} while (ring->sqfill != __atomic_load_n(ring->sqhead, __ATOMIC_ACQUIRE));
	return 0;
}

int
hostring_wait(struct hostring *ring)
{
	if (syscall(__NR_io_uring_enter, ring->fd, 0, 1, IORING_ENTER_GETEVENTS,
	    NULL, 0) == -1 && errno != EINTR)
		return -1;
	return 0;
}

unsigned
hostring_publish(struct hostring *ring)
{
	__atomic_store_n(ring->sqtail, ring->sqfill, __ATOMIC_RELEASE);
	return ring->sqfill;
}

int
hostring_enter(struct hostring *ring, unsigned mark)
{
	unsigned n;

	/* Another producer's enter may take ours too: stop once past mark. */
	while ((int)(mark - __atomic_load_n(ring->sqhead, __ATOMIC_ACQUIRE)) > 0) {
		n = mark - __atomic_load_n(ring->sqhead, __ATOMIC_ACQUIRE);
		if (syscall(__NR_io_uring_enter, ring->fd, n, 0, 0, NULL, 0) == -1 &&
		    errno != EINTR && errno != EAGAIN && errno != EBUSY)
			return -1;
	}
	return 0;
}

int
hostring_can_time_out(const struct hostring *ring)
{
	return (ring->features & IORING_FEAT_EXT_ARG) != 0;
}

int
hostring_wait_ns(struct hostring *ring, long ns)
{
	struct __kernel_timespec ts = { ns / 1000000000L, ns % 1000000000L };
	struct io_uring_getevents_arg arg = {
		.ts = (uint64_t)(uintptr_t)&ts,
	};

	if (syscall(__NR_io_uring_enter, ring->fd, 0, 1,
	    IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG, &arg,
	    sizeof(arg)) == -1 && errno != EINTR && errno != ETIME)
		return -1;
	return 0;
}

int
hostring_can_wait_futex(const struct hostring *ring)
{
	return ring->futexwait;
}

void
hostring_queue_futex_wait(struct hostring *ring, uint32_t *word,
    uint32_t val, uint64_t user_data)
{
	struct io_uring_sqe *e = hostring_sqe(ring);

	e->opcode = IORING_OP_FUTEX_WAIT;
	e->fd = FUTEX2_SIZE_U32 | FUTEX2_PRIVATE;	/* the futex2 flags */
	e->addr = (uint64_t)(uintptr_t)word;
	e->addr2 = val;
	e->addr3 = FUTEX_BITSET_MATCH_ANY;
	e->user_data = user_data;
}

int
hostring_enter_wait(struct hostring *ring, unsigned mark, int64_t ns)
{
	struct __kernel_timespec ts = { ns / 1000000000, ns % 1000000000 };
	struct io_uring_getevents_arg arg = {
		.ts = ns < 0 ? 0 : (uint64_t)(uintptr_t)&ts,
	};
	int n = (int)(mark - __atomic_load_n(ring->sqhead, __ATOMIC_ACQUIRE));

	/* A submit cut short does not wait: submit the rest first. */
	if (syscall(__NR_io_uring_enter, ring->fd, n > 0 ? n : 0, 1,
	    IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG, &arg,
	    sizeof(arg)) == -1 && errno != EINTR && errno != ETIME &&
	    errno != EAGAIN && errno != EBUSY)
		return -1;
	if ((int)(mark - __atomic_load_n(ring->sqhead, __ATOMIC_ACQUIRE)) > 0)
		return hostring_enter(ring, mark);
	return 0;
}

int
hostring_cancel(struct hostring *ring, uint64_t user_data)
{
	struct io_uring_sync_cancel_reg reg;

	memset(&reg, 0, sizeof(reg));
	reg.addr = user_data;
	reg.fd = -1;
	reg.timeout.tv_sec = reg.timeout.tv_nsec = -1;	/* no time limit */
	if (syscall(__NR_io_uring_register, ring->fd,
	    IORING_REGISTER_SYNC_CANCEL, &reg, 1) == -1 && errno != ENOENT &&
	    errno != EALREADY)
		return -1;
	return 0;
}

int
hostring_cq_ready(const struct hostring *ring)
{
	return __atomic_load_n(ring->cqtail, __ATOMIC_ACQUIRE) !=
	    __atomic_load_n(ring->cqhead, __ATOMIC_RELAXED);
}

unsigned
hostring_reap(struct hostring *ring, struct io_uring_cqe *out, unsigned max)
{
	unsigned head = *ring->cqhead, n = 0;
	unsigned tail = __atomic_load_n(ring->cqtail, __ATOMIC_ACQUIRE);

	for (; head != tail && n < max; head++)
		out[n++] = ring->cqes[head & ring->cqmask];
	__atomic_store_n(ring->cqhead, head, __ATOMIC_RELEASE);
	return n;
}
#else /* !HOSTRING_AVAILABLE */

int
hostring_bio_setup(struct hostring *ring, unsigned entries, int by_default)
{
	(void)ring;
	(void)entries;
	(void)by_default;
	hostring_bio_notice("host threads", ENOSYS);
	return ENOSYS;
}
#endif
