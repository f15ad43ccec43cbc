/*
 * oldring.c -- LD_PRELOAD=liboldring.so: the io_uring of a kernel older
 * than Linux 6.7 (Debian 12's 6.1, say) on a newer one, for the processes
 * that reach it through libc's syscall() and mmap(). The opcode probe
 * knows no opcode from IORING_OP_READ_MULTISHOT (49, 6.7) on, and every
 * submission entry of such an opcode fails at once with EINVAL, as an
 * older kernel fails an opcode it does not know. Rings are looked up by
 * descriptor; a process with more than OLD_RINGS rings at once runs the
 * rest as they are.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <linux/io_uring.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>

#define OLD_LAST_OP	48	/* the last opcode of Linux 6.1 to 6.6 (SENDMSG_ZC) */
#define OLD_RINGS	64
#define UNKNOWN_OP	255	/* an opcode no kernel knows: EINVAL */

struct old_ring {
	int		fd;		/* -1: a free slot */
	struct io_sqring_offsets off;
	unsigned char	*sqring;	/* the mapping at IORING_OFF_SQ_RING */
	struct io_uring_sqe *sqes;	/* the mapping at IORING_OFF_SQES */
};

static struct old_ring rings[OLD_RINGS];
static pthread_mutex_t rings_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t rings_once = PTHREAD_ONCE_INIT;

static void
rings_init(void)
{
	int i;

	for (i = 0; i < OLD_RINGS; i++)
		rings[i].fd = -1;
}

/* The slot of ring fd (or a free one if add); NULL if none. Locked. */
static struct old_ring *
ring_of(int fd, int add)
{
	int i;

	pthread_once(&rings_once, rings_init);
	if (fd < 0)
		return NULL;
	for (i = 0; i < OLD_RINGS; i++)
		if (rings[i].fd == fd)
			return &rings[i];
	for (i = 0; add && i < OLD_RINGS; i++)
		if (rings[i].fd == -1)
			return &rings[i];
	return NULL;
}

static void
ring_made(int fd, const struct io_uring_params *p)
{
	struct old_ring *r;

	pthread_mutex_lock(&rings_lock);
	if ((r = ring_of(fd, 1)) != NULL) {
		r->fd = fd;
		r->off = p->sq_off;
		r->sqring = NULL;
		r->sqes = NULL;
	}
	pthread_mutex_unlock(&rings_lock);
}

/* The probe of an older kernel: nothing from opcode 49 on. */
static void
probe_age(struct io_uring_probe *p, unsigned nr)
{
	unsigned i;

	if (p->last_op > OLD_LAST_OP)
		p->last_op = OLD_LAST_OP;
	if (p->ops_len > OLD_LAST_OP + 1)
		p->ops_len = OLD_LAST_OP + 1;
	for (i = OLD_LAST_OP + 1; i < nr && i < 256; i++)
		p->ops[i].flags &= (uint16_t)~IO_URING_OP_SUPPORTED;
}

/* Make the next n entries an older kernel would refuse unknown to this one. */
static void
entries_age(int fd, unsigned n)
{
	struct old_ring *r;
	unsigned head, tail, mask, *array, i;
	struct io_uring_sqe *e;

	pthread_mutex_lock(&rings_lock);
	r = ring_of(fd, 0);
	if (r != NULL && r->sqring != NULL && r->sqes != NULL) {
		head = __atomic_load_n((unsigned *)(r->sqring + r->off.head),
		    __ATOMIC_ACQUIRE);
		tail = __atomic_load_n((unsigned *)(r->sqring + r->off.tail),
		    __ATOMIC_ACQUIRE);
		mask = *(unsigned *)(r->sqring + r->off.ring_mask);
		array = (unsigned *)(r->sqring + r->off.array);
		for (i = head; i != tail && i - head < n; i++) {
			e = &r->sqes[array[i & mask] & mask];
			if (e->opcode > OLD_LAST_OP)
				e->opcode = UNKNOWN_OP;
		}
	}
	pthread_mutex_unlock(&rings_lock);
}

long
syscall(long nr, ...)
{
	static long (*real)(long, ...);
	long a[6], rv;
	va_list ap;
	int i;

	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (real == NULL)
		real = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	if (nr == __NR_io_uring_enter && a[1] > 0)
		entries_age((int)a[0], (unsigned)a[1]);
	rv = real(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (rv == -1)
		return rv;
	if (nr == __NR_io_uring_setup)
		ring_made((int)rv, (const struct io_uring_params *)a[1]);
	else if (nr == __NR_io_uring_register && a[1] == IORING_REGISTER_PROBE)
		probe_age((struct io_uring_probe *)a[2], (unsigned)a[3]);
	return rv;
}

/* Note where a ring's parts are mapped (p, of descriptor fd at off). */
static void *
ring_mapped(void *p, int fd, off_t off)
{
	struct old_ring *r;

	if (p == MAP_FAILED || fd < 0)
		return p;
	pthread_mutex_lock(&rings_lock);
	if ((r = ring_of(fd, 0)) != NULL) {
		if (off == (off_t)IORING_OFF_SQ_RING)
			r->sqring = p;
		else if (off == (off_t)IORING_OFF_SQES)
			r->sqes = p;
	}
	pthread_mutex_unlock(&rings_lock);
	return p;
}

void *
mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	static void *(*real)(void *, size_t, int, int, int, off_t);

	if (real == NULL)
		real = (void *(*)(void *, size_t, int, int, int, off_t))
		    dlsym(RTLD_NEXT, "mmap");
	return ring_mapped(real(addr, len, prot, flags, fd, off), fd, off);
}

/* What a caller built with _FILE_OFFSET_BITS=64 calls. */
void *
mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	static void *(*real)(void *, size_t, int, int, int, off_t);

	if (real == NULL)
		real = (void *(*)(void *, size_t, int, int, int, off_t))
		    dlsym(RTLD_NEXT, "mmap64");
	return ring_mapped(real(addr, len, prot, flags, fd, off), fd, off);
}

/* A descriptor closed may come back as anything: forget its ring. */
int
close(int fd)
{
	static int (*real)(int);
	struct old_ring *r;

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "close");
	pthread_mutex_lock(&rings_lock);
	if ((r = ring_of(fd, 0)) != NULL)
		r->fd = -1;
	pthread_mutex_unlock(&rings_lock);
	return real(fd);
}
