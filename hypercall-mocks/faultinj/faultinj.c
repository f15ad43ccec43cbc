/*
 * faultinj.c -- see faultinj.h.
 */
#define _GNU_SOURCE
#include <sys/types.h>
#include <sys/uio.h>

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "faultinj.h"

#define FI_PATHMAX	4096

static struct {
	pthread_mutex_t	mtx;
	int		armed;		/* fast, unlocked check */
	char		substr[FI_PATHMAX];
	int		ops;
	int		host_errno;
	size_t		short_bytes;
	unsigned	delay_ms;	/* > 0: a delay, not a failure */
	int		count;
	int		fired;
} fi = { .mtx = PTHREAD_MUTEX_INITIALIZER };

static int fi_inflight, fi_maxinflight;

static int
arm(const char *path_substring, int ops, int host_errno, size_t short_bytes,
    unsigned delay_ms, int count)
{
	if (path_substring != NULL && (strlen(path_substring) >= FI_PATHMAX ||
	    (host_errno == 0 && short_bytes == 0 && delay_ms == 0)))
		return -1;
	pthread_mutex_lock(&fi.mtx);
	fi.armed = 0;
	if (path_substring != NULL) {
		snprintf(fi.substr, sizeof(fi.substr), "%s", path_substring);
		fi.ops = ops;
		fi.host_errno = host_errno;
		fi.short_bytes = short_bytes;
		fi.delay_ms = delay_ms;
		fi.count = count;
		fi.fired = 0;
		__atomic_store_n(&fi.armed, count != 0, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&fi.mtx);
	return 0;
}

int
faultinj_arm(const char *path_substring, int ops, int host_errno,
    size_t short_bytes, int count)
{
	return arm(path_substring, ops, host_errno, short_bytes, 0, count);
}

int
faultinj_arm_delay(const char *path_substring, int ops, unsigned delay_ms,
    int count)
{
	return arm(path_substring, ops, 0, 0, delay_ms, count);
}

int
faultinj_fired(void)
{
	int n;

	pthread_mutex_lock(&fi.mtx);
	n = fi.fired;
	pthread_mutex_unlock(&fi.mtx);
	return n;
}

int
faultinj_armed(void)
{
	return __atomic_load_n(&fi.armed, __ATOMIC_ACQUIRE);
}

int
faultinj_max_inflight(int reset)
{
	int n = __atomic_load_n(&fi_maxinflight, __ATOMIC_ACQUIRE);

	if (reset)
		__atomic_store_n(&fi_maxinflight, 0, __ATOMIC_RELEASE);
	return n;
}

static void
inflight_begin(void)
{
	int n = __atomic_add_fetch(&fi_inflight, 1, __ATOMIC_ACQ_REL);
	int max = __atomic_load_n(&fi_maxinflight, __ATOMIC_ACQUIRE);

	while (n > max && !__atomic_compare_exchange_n(&fi_maxinflight, &max, n,
	    0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		continue;
}

static void
inflight_end(void)
{
	__atomic_sub_fetch(&fi_inflight, 1, __ATOMIC_ACQ_REL);
}

/* What to do with this call: 0 go on, else the fault (errno, or short). */
struct fault {
	int	host_errno;
	size_t	short_bytes;
	unsigned delay_ms;
};

static int
fault_armed_for(int fd, int op, struct fault *f)
{
	char link[64], path[FI_PATHMAX];
	ssize_t n;
	int due = 0;

	if (!__atomic_load_n(&fi.armed, __ATOMIC_ACQUIRE))
		return 0;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, path, sizeof(path) - 1)) <= 0)
		return 0;
	path[n] = '\0';
	pthread_mutex_lock(&fi.mtx);
	if (fi.armed && (fi.ops & op) && strstr(path, fi.substr) != NULL) {
		due = 1;
		f->host_errno = fi.host_errno;
		f->short_bytes = fi.short_bytes;
		f->delay_ms = fi.delay_ms;
		fi.fired++;
		if (fi.count > 0 && --fi.count == 0)
			fi.armed = 0;
	}
	pthread_mutex_unlock(&fi.mtx);
	return due;
}

/*
 * Whether this call fails or is cut short (f says how); a delay is
 * served here and the call then goes ahead unharmed.
 */
static int
fault_due(int fd, int op, struct fault *f)
{
	struct timespec ts;

	if (!fault_armed_for(fd, op, f))
		return 0;
	if (f->delay_ms == 0)
		return 1;
	ts.tv_sec = f->delay_ms / 1000;
	ts.tv_nsec = (long)(f->delay_ms % 1000) * 1000000;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
	return 0;
}

/* The libc definition of name, found once. */
#define REAL(name, type) ({						\
	static type *real_;						\
	type *r_ = __atomic_load_n(&real_, __ATOMIC_ACQUIRE);		\
	if (r_ == NULL) {						\
		r_ = (type *)dlsym(RTLD_NEXT, #name);			\
		if (r_ == NULL)						\
			abort();					\
		__atomic_store_n(&real_, r_, __ATOMIC_RELEASE);		\
	}								\
	r_; })

typedef ssize_t rw_fn(int, void *, size_t);
typedef ssize_t prw_fn(int, void *, size_t, off64_t);
typedef ssize_t vec_fn(int, const struct iovec *, int);
typedef ssize_t pvec_fn(int, const struct iovec *, int, off64_t);
typedef int sync_fn(int);

/* Fail with the fault's errno; or return how much a short transfer may do. */
static size_t
fault_limit(const struct fault *f, size_t len, ssize_t *fail)
{
	*fail = 0;
	if (f->short_bytes == 0) {
		errno = f->host_errno;
		*fail = -1;
		return 0;
	}
	return len < f->short_bytes ? len : f->short_bytes;
}

/* iov cut down to at most max bytes, in cut[]; returns the new count. */
static int
iov_cut(const struct iovec *iov, int cnt, size_t max, struct iovec *cut)
{
	int i;

	for (i = 0; i < cnt && max > 0; i++) {
		cut[i] = iov[i];
		if (cut[i].iov_len > max)
			cut[i].iov_len = max;
		max -= cut[i].iov_len;
	}
	return i;
}

static ssize_t
do_rw(int fd, void *buf, size_t len, off64_t off, int pos,
    int op)
{
	struct fault f;
	ssize_t fail;

	if (fault_due(fd, op, &f)) {
		len = fault_limit(&f, len, &fail);
		if (fail)
			return -1;
	}
	if (!pos)
		return op == FAULTINJ_READ ? REAL(read, rw_fn)(fd, buf, len) :
		    REAL(write, rw_fn)(fd, buf, len);
	return op == FAULTINJ_READ ? REAL(pread64, prw_fn)(fd, buf, len, off) :
	    REAL(pwrite64, prw_fn)(fd, buf, len, off);
}

static ssize_t
positional(int fd, void *buf, size_t len, off64_t off, int op)
{
	ssize_t n;

	inflight_begin();
	n = do_rw(fd, buf, len, off, 1, op);
	inflight_end();
	return n;
}

static ssize_t
do_vec(int fd, const struct iovec *iov, int cnt, off64_t off, int pos, int op)
{
	struct iovec cut[IOV_MAX];
	struct fault f;
	ssize_t fail, n;
	size_t max;

	if (fault_due(fd, op, &f) && cnt >= 0 && cnt <= IOV_MAX) {
		max = fault_limit(&f, (size_t)-1, &fail);
		if (fail)
			return -1;
		cnt = iov_cut(iov, cnt, max, cut);
		iov = cut;
	}
	if (pos)
		inflight_begin();
	if (!pos)
		n = op == FAULTINJ_READ ? REAL(readv, vec_fn)(fd, iov, cnt) :
		    REAL(writev, vec_fn)(fd, iov, cnt);
	else
		n = op == FAULTINJ_READ ? REAL(preadv64, pvec_fn)(fd, iov, cnt, off) :
		    REAL(pwritev64, pvec_fn)(fd, iov, cnt, off);
	if (pos)
		inflight_end();
	return n;
}

static int
do_sync(int fd, int data)
{
	struct fault f;

	if (fault_due(fd, FAULTINJ_SYNC, &f) && f.host_errno != 0) {
		errno = f.host_errno;
		return -1;
	}
	return data ? REAL(fdatasync, sync_fn)(fd) : REAL(fsync, sync_fn)(fd);
}

ssize_t
read(int fd, void *buf, size_t len)
{
	return do_rw(fd, buf, len, 0, 0, FAULTINJ_READ);
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	return do_rw(fd, (void *)buf, len, 0, 0, FAULTINJ_WRITE);
}

ssize_t
pread(int fd, void *buf, size_t len, off_t off)
{
	return positional(fd, buf, len, off, FAULTINJ_READ);
}

ssize_t
pread64(int fd, void *buf, size_t len, off64_t off)
{
	return positional(fd, buf, len, off, FAULTINJ_READ);
}

ssize_t
pwrite(int fd, const void *buf, size_t len, off_t off)
{
	return positional(fd, (void *)buf, len, off, FAULTINJ_WRITE);
}

ssize_t
pwrite64(int fd, const void *buf, size_t len, off64_t off)
{
	return positional(fd, (void *)buf, len, off, FAULTINJ_WRITE);
}

ssize_t
readv(int fd, const struct iovec *iov, int cnt)
{
	return do_vec(fd, iov, cnt, 0, 0, FAULTINJ_READ);
}

ssize_t
writev(int fd, const struct iovec *iov, int cnt)
{
	return do_vec(fd, iov, cnt, 0, 0, FAULTINJ_WRITE);
}

ssize_t
preadv(int fd, const struct iovec *iov, int cnt, off_t off)
{
	return do_vec(fd, iov, cnt, off, 1, FAULTINJ_READ);
}

ssize_t
preadv64(int fd, const struct iovec *iov, int cnt, off64_t off)
{
	return do_vec(fd, iov, cnt, off, 1, FAULTINJ_READ);
}

ssize_t
pwritev(int fd, const struct iovec *iov, int cnt, off_t off)
{
	return do_vec(fd, iov, cnt, off, 1, FAULTINJ_WRITE);
}

ssize_t
pwritev64(int fd, const struct iovec *iov, int cnt, off64_t off)
{
	return do_vec(fd, iov, cnt, off, 1, FAULTINJ_WRITE);
}

int
fsync(int fd)
{
	return do_sync(fd, 0);
}

int
fdatasync(int fd)
{
	return do_sync(fd, 1);
}

/*
 * Host thread creation: the next fi_thread_count calls of pthread_create
 * (< 0: all) fail with fi_thread_errno, whoever makes them.
 */
static int fi_thread_errno, fi_thread_count, fi_thread_fired;

int
faultinj_fail_threads(int host_errno, int count)
{
	if (count != 0 && host_errno <= 0)
		return -1;
	__atomic_store_n(&fi_thread_count, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&fi_thread_errno, host_errno, __ATOMIC_RELEASE);
	__atomic_store_n(&fi_thread_fired, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&fi_thread_count, count, __ATOMIC_RELEASE);
	return 0;
}

int
faultinj_threads_failed(void)
{
	return __atomic_load_n(&fi_thread_fired, __ATOMIC_ACQUIRE);
}

/* Whether this pthread_create is one to fail (taking it from the count). */
static int
thread_fault_due(void)
{
	int n = __atomic_load_n(&fi_thread_count, __ATOMIC_ACQUIRE);

	while (n != 0) {
		if (n < 0 || __atomic_compare_exchange_n(&fi_thread_count, &n, n - 1,
		    0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			__atomic_add_fetch(&fi_thread_fired, 1, __ATOMIC_ACQ_REL);
			return 1;
		}
	}
	return 0;
}

typedef int create_fn(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

int
pthread_create(pthread_t *thread, const pthread_attr_t *attr,
    void *(*start)(void *), void *arg)
{
	if (thread_fault_due())
		return __atomic_load_n(&fi_thread_errno, __ATOMIC_ACQUIRE);
	return REAL(pthread_create, create_fn)(thread, attr, start, arg);
}
