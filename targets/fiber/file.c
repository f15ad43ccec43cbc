/*
 * file.c -- files, scatter-gather I/O and block I/O on host files.
 *
 * Every host call runs on a hostio helper thread while the calling fiber
 * waits off its virtual CPU, so other fibers keep running.  bio returns
 * once the request is queued; its completion is handed back to the
 * scheduler and biodone is called by the bio completion fiber, which has
 * an lwp of its own and holds a CPU for the call.  A plain bio read or
 * write goes on the host's io_uring instead (hostio.c), where it has one.
 */
#include "fiber_int.h"

#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

_Static_assert(sizeof(struct rumpuser_iovec) == sizeof(struct iovec) &&
    offsetof(struct rumpuser_iovec, iov_base) == offsetof(struct iovec, iov_base) &&
    offsetof(struct rumpuser_iovec, iov_len) == offsetof(struct iovec, iov_len),
    "struct rumpuser_iovec must match the host struct iovec");

/* fn(arg) on a helper, off the CPU; returns the NetBSD errno. */
static int
offload(int (*fn)(void *), void *arg)
{
	int nlocks, error;

	rumpuser__unschedule(&nlocks, NULL);
	error = hostio_run(fn, arg);
	rumpuser__schedule(nlocks, NULL);
	return ET(error);
}

/*
 * open, close
 */

struct open_args {
	const char	*name;
	int		flags;
	int		fd;
};

static int
host_open(void *a)
{
	struct open_args *oa = a;

	oa->fd = open(oa->name, oa->flags, 0644);
	return oa->fd == -1 ? errno : 0;
}

int
rumpuser_open(const char *name, int mode, int *fdp)
{
	struct open_args oa = { .name = name };
	int error;

	/* BIO is advisory and needs nothing here; unknown bits (v16 values) fail. */
	if ((oa.flags = rumpuser__open_hostflags(mode)) == -1)
		return NB_EINVAL;
	if ((error = offload(host_open, &oa)) == 0)
		*fdp = oa.fd;
	return error;
}

static int
host_close(void *a)
{

	return close(*(int *)a) == -1 ? errno : 0;
}

int
rumpuser_close(int fd)
{

	return offload(host_close, &fd);
}

/*
 * getfileinfo
 */

struct fileinfo_args {
	const char	*name;
	int		wantsize;
	uint64_t	size;
	int		type;
};

/* On a helper: stat and, for a device, its size (../posix/hostfile.c). */
static int
host_fileinfo(void *a)
{
	struct fileinfo_args *fa = a;

	return rumpuser__fileinfo(fa->name, fa->wantsize ? &fa->size : NULL,
	    &fa->type);
}

int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	struct fileinfo_args fa = { .name = name, .wantsize = size != NULL };
	int error;

	if ((error = offload(host_fileinfo, &fa)) != 0)
		return error;
	if (size != NULL)
		*size = fa.size;
	if (type != NULL)
		*type = fa.type;
	return 0;
}

/*
 * iovread, iovwrite
 */

struct iov_args {
	int		fd;
	const struct iovec *iov;
	int		iovcnt;
	int64_t		off;
	int		write;
	size_t		done;
};

static int
host_iov(void *a)
{
	struct iov_args *ia = a;
	ssize_t n;

	n = rumpuser__host_iov(ia->fd, ia->write, ia->iov, ia->iovcnt, ia->off);
	if (n == -1)
		return errno;
	ia->done = (size_t)n;
	return 0;
}

static int
iov_transfer(struct iov_args *ia, size_t iovlen, size_t *retv)
{
	int error;

	if (ia->off < 0 && ia->off != RUMPUSER_IOV_NOSEEK)
		return NB_EINVAL;
	if (iovlen > INT32_MAX)
		return NB_EINVAL;
	ia->iovcnt = (int)iovlen;
	if ((error = offload(host_iov, ia)) == 0)
		*retv = ia->done;
	return error;
}

int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	struct iov_args ia = { .fd = fd, .iov = (const struct iovec *)ruiov,
	    .off = off, .write = 0 };

	return iov_transfer(&ia, iovlen, retv);
}

int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	struct iov_args ia = { .fd = fd, .iov = (const struct iovec *)ruiov,
	    .off = off, .write = 1 };

	return iov_transfer(&ia, iovlen, retv);
}

/* fdatasync, or fsync with full; resumes after EINTR. */
static int
flush(int fd, int full)
{
	int rv;

	while ((rv = full ? fsync(fd) : fdatasync(fd)) == -1 && errno == EINTR)
		continue;
	return rv == -1 ? errno : 0;
}

/*
 * bio
 */

struct bio_req {
	struct hostio_req hr;
	TAILQ_ENTRY(bio_req) entry;	/* completed, biodone not yet called */
	int		fd;
	int		op;
	void		*data;
	size_t		dlen;
	int64_t		off;
	size_t		bytes;
	rump_biodone_fn	biodone;
	void		*donearg;
};

static TAILQ_HEAD(, bio_req) bio_completed =
    TAILQ_HEAD_INITIALIZER(bio_completed);
static struct waitq bio_completer_wq;	/* the completion fiber idles here */
static struct fiber *bio_completer;
static int bio_pending;			/* started, biodone not yet called */
static struct waitq bio_drained;	/* syncfd barriers wait for 0 */

/* Transfer the whole range, resuming after EINTR and short counts. */
static int
host_bio(void *a)
{
	struct bio_req *br = a;
	char *p = br->data;
	ssize_t n;

	if ((br->op & (RUMPUSER_BIO_READ | RUMPUSER_BIO_WRITE)) == 0)
		return EINVAL;
	while (br->bytes < br->dlen) {
		if (br->op & RUMPUSER_BIO_READ)
			n = pread(br->fd, p + br->bytes, br->dlen - br->bytes,
			    (off_t)(br->off + (int64_t)br->bytes));
		else
			n = pwrite(br->fd, p + br->bytes, br->dlen - br->bytes,
			    (off_t)(br->off + (int64_t)br->bytes));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return errno;
		if (n == 0)
			break;	/* end of file or device */
		br->bytes += (size_t)n;
	}
	if ((br->op & (RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC)) ==
	    (RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC))
		return flush(br->fd, 0);
	return 0;
}

/*
 * A plain read or write goes on the host's io_uring; a SYNC write, or
 * what the ring refuses, to a helper thread running host_bio.
 */
static void
bio_start(struct bio_req *br)
{
	int rw = br->op & (RUMPUSER_BIO_READ | RUMPUSER_BIO_WRITE);

	if ((rw != RUMPUSER_BIO_READ && rw != RUMPUSER_BIO_WRITE) ||
	    (br->op & RUMPUSER_BIO_SYNC) ||
	    hostio_start_transfer(&br->hr, rw == RUMPUSER_BIO_WRITE, br->fd,
	    br->data, br->dlen, br->off) == -1)
		hostio_start(&br->hr);
}

/* On the fiber side: the I/O is done, biodone is still to be called. */
static void
bio_io_done(struct hostio_req *hr)
{
	struct bio_req *br = (struct bio_req *)hr;

	if (hr->on_ring) {
		br->bytes = (size_t)hr->result;
		/* The rest of a short transfer, or a retry, as host_bio does. */
		if ((hr->error == 0 && hr->result > 0 && br->bytes < br->dlen) ||
		    hr->error == EINTR || hr->error == EAGAIN) {
			hostio_start(hr);
			return;
		}
	}
	TAILQ_INSERT_TAIL(&bio_completed, br, entry);
	waitq_wakeone(&bio_completer_wq);
}

/* Bind an lwp of our own to the calling fiber, leaving the kernel again. */
static void
kernel_newlwp(int *nlocksp)
{
	int rv;

	*nlocksp = 0;
	if (rumpuser__hyp.hyp_schedule == NULL)
		return;
	rumpuser__hyp.hyp_schedule();
	if ((rv = rumpuser__hyp.hyp_lwproc_newlwp(0)) != 0)
		rumpuser__fatal("bio: no lwp for the completion fiber "
		    "(error %d)", rv);
	rumpuser__unschedule(nlocksp, NULL);
}

/*
 * Calls biodone for each completed request, in completion order, holding
 * a CPU for exactly that call; between requests it is off the CPU.
 */
static void * __attribute__((__noreturn__))
bio_completer_main(void *arg)
{
	struct bio_req *br;
	int nlocks;

	(void)arg;
	kernel_newlwp(&nlocks);
	for (;;) {
		while ((br = TAILQ_FIRST(&bio_completed)) == NULL)
			fiber_block(&bio_completer_wq, DEADLINE_NONE);
		TAILQ_REMOVE(&bio_completed, br, entry);
		rumpuser__schedule(nlocks, NULL);
		br->biodone(br->donearg, br->hr.error == 0 ? br->bytes : 0,
		    ET(br->hr.error));
		rumpuser__unschedule(&nlocks, NULL);
		free(br);
		if (--bio_pending == 0)
			waitq_wakeall(&bio_drained);
	}
}

static void
bio_completer_start(void)
{

	waitq_init(&bio_completer_wq);
	waitq_init(&bio_drained);
	bio_completer = fiber_create(bio_completer_main, NULL, "biodone", 0);
	if (bio_completer == NULL)
		rumpuser__fatal("bio: cannot create the completion fiber");
}

/* The transfer in the call, and biodone on the submitter before it returns. */
static void
bio_inline(struct bio_req *br)
{
	int nlocks, error;

	rumpuser__unschedule(&nlocks, NULL);
	error = host_bio(br);
	rumpuser__schedule(nlocks, NULL);
	br->biodone(br->donearg, error == 0 ? br->bytes : 0, ET(error));
	free(br);
}

void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	struct bio_req *br;
	int nlocks;

	if ((br = calloc(1, sizeof(*br))) == NULL)
		rumpuser__fatal("bio: out of memory for a request");
	br->fd = fd;
	br->op = op;
	br->data = data;
	br->dlen = dlen;
	br->off = off;
	br->biodone = biodone;
	br->donearg = donearg;
	br->hr.fn = host_bio;
	br->hr.arg = br;
	br->hr.done = bio_io_done;
	/* Asked at each call: one process may boot kernel after kernel (wasm). */
	if (rumpuser__threads_disabled()) {
		bio_inline(br);
		return;
	}

	rumpuser__unschedule(&nlocks, NULL);
	if (bio_completer == NULL)
		bio_completer_start();
	bio_pending++;
	bio_start(br);
	rumpuser__schedule(nlocks, NULL);
}

/*
 * syncfd
 */

struct sync_args {
	int	fd;
	int	full;	/* metadata too */
};

static int
host_sync(void *a)
{
	struct sync_args *sa = a;

	return flush(sa->fd, sa->full);
}

/* Every bio started so far has had its biodone called. */
static void
wait_bios_done(void)
{
	int nlocks;

	rumpuser__unschedule(&nlocks, NULL);
	while (bio_pending > 0)
		fiber_block(&bio_drained, DEADLINE_NONE);
	rumpuser__schedule(nlocks, NULL);
}

/* READ needs no work: host reads always see the latest writes. */
int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
	struct sync_args sa = { .fd = fd,
	    .full = (flags & RUMPUSER_SYNCFD_SYNC) != 0 };

	(void)start;	/* the host syncs whole files */
	(void)len;
	if ((flags & RUMPUSER_SYNCFD_BOTH) == 0)
		return NB_EINVAL;
	if (fcntl(fd, F_GETFD) == -1)
		return ET(errno);
	if (flags & RUMPUSER_SYNCFD_BARRIER)
		wait_bios_done();
	if ((flags & RUMPUSER_SYNCFD_WRITE) == 0)
		return 0;
	return offload(host_sync, &sa);
}
