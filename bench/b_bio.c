/*
 * b_bio.c -- block I/O. rumpuser_bio (asynchronous, completions through
 * biodone) against pread/pwrite(+fdatasync) on the same medium at the same
 * queue depth, and iovread/iovwrite against preadv/pwritev.
 *
 * One operation is one request. Media: a sparse file, and a loop device
 * over one (root only). The limit opens the medium O_DIRECT, as the POSIX
 * reference does for a BIO descriptor (buffered where O_DIRECT is
 * refused) and issues the same requests on an io_uring of its own, D out
 * at once, each submit also waiting for a completion (a SYNC write is the
 * write with an fdatasync linked behind it). Where the host refuses
 * io_uring, the limit is pread/pwrite: a plain loop at depth 1, at depth D
 * a pool of D host threads pulling requests from one counter; the counter
 * "uring" says which (1: io_uring). The target's submitter keeps D
 * requests out, waiting as a kernel would: on a target condvar that
 * biodone signals.
 */
#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_env.h"
#include "../targets/posix/hostring.h"

#define BIO_MEDIUM_SIZE	(128u << 20)
#define BIO_ALIGN	4096
#define BIO_MAXDEPTH	64	/* the scaling curve's deepest queue */
#define IOV_MAXCNT	16

enum bio_medium { BIO_FILE, BIO_LOOP };

/* A workload: the request kind and where successive requests go. */
struct bio_kind {
	const char *name;
	int op;				/* RUMPUSER_BIO_* */
	int random;			/* else sequential */
};

struct bio_bench {
	const struct bio_kind *kind;
	enum bio_medium medium;
};

/* What a run works with: the medium open, one buffer per request out. */
struct bio_run {
	const struct bio_kind *kind;
	int fd;
	size_t size;
	int depth;
	unsigned char *bufs[BIO_MAXDEPTH];
	/* target: completions, under mtx */
	struct rumpuser_mtx *mtx;
	struct rumpuser_cv *cv;
	uint64_t submitted, completed;
	int error;
#if HOSTRING_AVAILABLE
	/* limit: the host's io_uring, when it has one */
	struct hostring ring;
#endif
	int uring;
	/* limit: else the host thread pool */
	pthread_mutex_t pm;
	pthread_cond_t go, idle;
	pthread_t threads[BIO_MAXDEPTH];
	int nthreads, nidle, stop;
	int pooled;		/* pool_start ran: pool_stop joins */
	uint64_t gen, total, next;
};

static struct {
	char dir[64];
	char file[128];
	char loop[64];
	const char *why_loop;		/* set when there is no loop device */
	int made;
} bio_media;

static void
bio_media_remove(void)
{
	if (bio_media.loop[0] != '\0')
		rch_loop_detach(bio_media.loop);
	unlink(bio_media.file);
	rmdir(bio_media.dir);
}

/* The sparse file (and the loop device over it), made once per process. */
static const char *
bio_medium_make(struct cb_state *st, enum bio_medium m)
{
	const char *tmp = getenv("TMPDIR"), *why;

	if (!bio_media.made) {
		bio_media.made = 1;
		snprintf(bio_media.dir, sizeof(bio_media.dir), "%s/rcbench.XXXXXX",
		    tmp != NULL && strlen(tmp) < 40 ? tmp : "/var/tmp");
		if (mkdtemp(bio_media.dir) == NULL) {
			bio_media.file[0] = '\0';
			cb_skip(st, "cannot make a scratch directory");
			return NULL;
		}
		snprintf(bio_media.file, sizeof(bio_media.file), "%s/medium.img",
		    bio_media.dir);
		if (rch_make_sparse(bio_media.file, BIO_MEDIUM_SIZE, &why) == -1) {
			cb_skip(st, why);
			return NULL;
		}
		if (rch_loop_attach(bio_media.file, bio_media.loop,
		    sizeof(bio_media.loop), &bio_media.why_loop) == -1)
			bio_media.loop[0] = '\0';
		atexit(bio_media_remove);
	}
	if (m == BIO_LOOP && bio_media.loop[0] == '\0') {
		cb_skip(st, bio_media.why_loop != NULL ? bio_media.why_loop :
		    "no loop device");
		return NULL;
	}
	return m == BIO_LOOP ? bio_media.loop : bio_media.file;
}

/* The medium, made once (a scaling run's threads set up at once). */
static const char *
bio_medium_path(struct cb_state *st, enum bio_medium m)
{
	static pthread_mutex_t made_lock = PTHREAD_MUTEX_INITIALIZER;
	const char *path;

	pthread_mutex_lock(&made_lock);
	path = bio_medium_make(st, m);
	pthread_mutex_unlock(&made_lock);
	return path;
}

/* Byte offset of request i: a scattered block, or the next one. */
static int64_t
bio_offset(const struct bio_run *r, uint64_t i)
{
	uint64_t nblocks = BIO_MEDIUM_SIZE / r->size;

	if (r->kind->random)
		i = (i * 2654435761u + 12345u) % nblocks;
	return (int64_t)((i % nblocks) * r->size);
}

static int
bio_bufs_alloc(struct cb_state *st, struct bio_run *r)
{
	int i;

	for (i = 0; i < r->depth; i++) {
		if (posix_memalign((void **)&r->bufs[i], BIO_ALIGN, r->size) != 0) {
			cb_skip(st, "out of memory for the buffers");
			return -1;
		}
		memset(r->bufs[i], 0x5a, r->size);
	}
	return 0;
}

static void
bio_bufs_free(struct bio_run *r)
{
	int i;

	for (i = 0; i < r->depth; i++) {
		free(r->bufs[i]);
		r->bufs[i] = NULL;
	}
}

static struct bio_run *
bio_run_new(struct cb_state *st, const struct bio_kind *kind)
{
	struct bio_run *r = calloc(1, sizeof(*r));

	if (r == NULL) {
		cb_skip(st, "out of memory");
		return NULL;
	}
	r->kind = kind;
	r->fd = -1;
	r->size = (size_t)cb_arg_at(st, 0);
	r->depth = (int)cb_arg_at(st, 1);
	bio_bufs_alloc(st, r);
	return r;
}

/*
 * The target: rumpuser_bio with biodone counting completions.
 */
static void
bio_done(void *arg, size_t bytes, int error)
{
	struct bio_run *r = arg;

	rc_tgt.mutex_enter(r->mtx);
	if ((error != 0 || bytes != r->size) && r->error == 0)
		r->error = error != 0 ? error : -1;
	r->completed++;
	rc_tgt.cv_signal(r->cv);
	rc_tgt.mutex_exit(r->mtx);
}

/* Wait until at most `out' requests are outstanding. */
static void
bio_wait_out(struct bio_run *r, uint64_t out)
{
	rc_tgt.mutex_enter(r->mtx);
	while (r->submitted - r->completed > out)
		rc_tgt.cv_wait(r->cv, r->mtx);
	rc_tgt.mutex_exit(r->mtx);
}

static int
bio_target_need(struct cb_state *st)
{
	return BENCH_NEED(st, open) || BENCH_NEED(st, close) ||
	    BENCH_NEED(st, bio) || BENCH_NEED(st, mutex_init) ||
	    BENCH_NEED(st, mutex_destroy) || BENCH_NEED(st, cv_init) ||
	    BENCH_NEED(st, cv_destroy) || BENCH_NEED(st, cv_wait) ||
	    BENCH_NEED(st, cv_signal);
}

static void *
bio_target_setup(struct cb_state *st, void *arg)
{
	struct bio_bench *b = arg;
	const char *path;
	struct bio_run *r;
	int error;

	if (bio_target_need(st) || bench_enter(st) == -1 ||
	    (path = bio_medium_path(st, b->medium)) == NULL ||
	    (r = bio_run_new(st, b->kind)) == NULL)
		return NULL;
	error = rc_tgt.open(path, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO, &r->fd);
	if (error != 0) {
		cb_skip(st, "rumpuser_open of the medium failed");
		r->fd = -1;
	}
	rc_tgt.mutex_init(&r->mtx, RUMPUSER_MTX_KMUTEX);
	rc_tgt.cv_init(&r->cv);
	return r;
}

static void
bio_target_teardown(struct cb_state *st, void *arg)
{
	struct bio_run *r = cb_data(st);

	(void)arg;
	if (r != NULL) {
		if (r->fd != -1)
			rc_tgt.close(r->fd);
		if (r->cv != NULL)
			rc_tgt.cv_destroy(r->cv);
		if (r->mtx != NULL)
			rc_tgt.mutex_destroy(r->mtx);
		bio_bufs_free(r);
		free(r);
	}
	bench_leave();
}

static void
bm_bio_target(struct cb_state *st, uint64_t n, void *arg)
{
	struct bio_run *r = cb_data(st);
	uint64_t i;

	(void)arg;
	r->submitted = r->completed = 0;
	for (i = 0; i < n; i++) {
		bio_wait_out(r, (uint64_t)r->depth - 1);
		r->submitted++;
		rc_tgt.bio(r->fd, r->kind->op, r->bufs[i % r->depth], r->size,
		    bio_offset(r, i), bio_done, r);
	}
	bio_wait_out(r, 0);
	if (r->error != 0)
		cb_skip(st, "a bio failed or came back short");
	cb_bytes(st, n * r->size);
}

/*
 * The limit: pread/pwrite(+fdatasync), depth host threads.
 */
static int
host_open_direct(const char *path)
{
	int fd = open(path, O_RDWR | O_DIRECT | O_CLOEXEC);

	return fd != -1 ? fd : open(path, O_RDWR | O_CLOEXEC);
}

/* One request; 0, or -1 when the host failed or came back short. */
static int
host_io(const struct bio_run *r, uint64_t i, void *buf)
{
	off_t off = (off_t)bio_offset(r, i);
	ssize_t n;

	if (r->kind->op & RUMPUSER_BIO_READ)
		n = pread(r->fd, buf, r->size, off);
	else
		n = pwrite(r->fd, buf, r->size, off);
	if (n == (ssize_t)r->size && (r->kind->op & RUMPUSER_BIO_SYNC))
		n = fdatasync(r->fd) == 0 ? n : -1;
	return n == (ssize_t)r->size ? 0 : -1;
}

/* Requests next..total, taken one by one; the pool's last idler says so. */
static void
pool_drain(struct bio_run *r, void *buf)
{
	uint64_t i;

	while ((i = __atomic_fetch_add(&r->next, 1, __ATOMIC_RELAXED)) < r->total)
		if (host_io(r, i, buf) == -1)
			__atomic_store_n(&r->error, 1, __ATOMIC_RELAXED);
}

static void *
pool_worker(void *arg)
{
	struct bio_run *r = arg;
	int slot = __atomic_fetch_add(&r->nthreads, 1, __ATOMIC_RELAXED);
	uint64_t gen = 0;

	pthread_mutex_lock(&r->pm);
	for (;;) {
		while (r->gen == gen && !r->stop)
			pthread_cond_wait(&r->go, &r->pm);
		if (r->stop)
			break;
		gen = r->gen;
		pthread_mutex_unlock(&r->pm);
		pool_drain(r, r->bufs[slot]);
		pthread_mutex_lock(&r->pm);
		if (++r->nidle == r->depth)
			pthread_cond_signal(&r->idle);
	}
	pthread_mutex_unlock(&r->pm);
	return NULL;
}

static int
pool_start(struct cb_state *st, struct bio_run *r)
{
	int i;

	pthread_mutex_init(&r->pm, NULL);
	pthread_cond_init(&r->go, NULL);
	pthread_cond_init(&r->idle, NULL);
	r->pooled = 1;
	for (i = 0; i < r->depth; i++)
		if (pthread_create(&r->threads[i], NULL, pool_worker, r) != 0) {
			r->depth = i;
			cb_skip(st, "cannot start the host I/O threads");
			return -1;
		}
	return 0;
}

static void
pool_stop(struct bio_run *r)
{
	int i;

	pthread_mutex_lock(&r->pm);
	r->stop = 1;
	pthread_cond_broadcast(&r->go);
	pthread_mutex_unlock(&r->pm);
	for (i = 0; i < r->depth; i++)
		pthread_join(r->threads[i], NULL);
}

/* Hand n requests to the pool and wait until every thread is idle again. */
static void
pool_run(struct bio_run *r, uint64_t n)
{
	pthread_mutex_lock(&r->pm);
	r->next = 0;
	r->total = n;
	r->nidle = 0;
	r->gen++;
	pthread_cond_broadcast(&r->go);
	while (r->nidle < r->depth)
		pthread_cond_wait(&r->idle, &r->pm);
	pthread_mutex_unlock(&r->pm);
}

/*
 * The limit on io_uring: request i with its buffer; the last completion
 * of a request (the fdatasync of a SYNC write, or where the kernel posts
 * one completion per pair, whichever comes) has user_data 1.
 */
#if HOSTRING_AVAILABLE
static void
ring_start(struct bio_run *r)
{
	r->uring = getenv("RCBENCH_BIO_LIMIT_THREADS") == NULL &&
	    hostring_setup(&r->ring, 2 * BIO_MAXDEPTH) == 0;
}

static void
ring_stop(struct bio_run *r)
{
	if (r->uring)
		hostring_teardown(&r->ring);
}

static void
ring_queue(struct bio_run *r, uint64_t i)
{
	int sync = (r->kind->op & RUMPUSER_BIO_SYNC) != 0;
	/* A quiet pair posts one completion: the write's only if it failed. */
	int quiet = (r->ring.features & IORING_FEAT_CQE_SKIP) != 0;

	hostring_queue_rw(&r->ring, (r->kind->op & RUMPUSER_BIO_WRITE) != 0,
	    r->fd, r->bufs[i % (uint64_t)r->depth], r->size, bio_offset(r, i),
	    !sync || quiet);
	if (sync)
		hostring_queue_linked_datasync(&r->ring, r->fd, 1);
}

/* n requests, depth of them out at once. */
static void
ring_run(struct bio_run *r, uint64_t n)
{
	struct io_uring_cqe c[2 * BIO_MAXDEPTH];
	uint64_t next = 0, done = 0;
	unsigned i, k;

	while (done < n) {
		for (; next < n && next - done < (uint64_t)r->depth; next++)
			ring_queue(r, next);
		if (hostring_submit(&r->ring, 1) == -1) {
			r->error = 1;
			return;
		}
		k = hostring_reap(&r->ring, c, 2 * BIO_MAXDEPTH);
		for (i = 0; i < k; i++) {
			if (c[i].res < 0 || (c[i].user_data == 0 &&
			    c[i].res != (int32_t)r->size) ||
			    (c[i].user_data == 1 && c[i].res != 0 &&
			    c[i].res != (int32_t)r->size))
				r->error = 1;
			done += c[i].user_data;
		}
	}
}
#else
static void
ring_start(struct bio_run *r)
{
	r->uring = 0;
}

static void
ring_stop(struct bio_run *r)
{
	(void)r;
}

static void
ring_run(struct bio_run *r, uint64_t n)
{
	(void)r;
	(void)n;
}
#endif

/* The limit's run: the medium opened directly, on io_uring where the host allows. */
static struct bio_run *
limit_open(struct cb_state *st, struct bio_bench *b)
{
	const char *path;
	struct bio_run *r;

	if ((path = bio_medium_path(st, b->medium)) == NULL ||
	    (r = bio_run_new(st, b->kind)) == NULL)
		return NULL;
	if ((r->fd = host_open_direct(path)) == -1)
		cb_skip(st, "cannot open the medium");
	else
		ring_start(r);
	return r;
}

static void *
bio_limit_setup(struct cb_state *st, void *arg)
{
	struct bio_run *r = limit_open(st, arg);

	if (r != NULL && r->fd != -1 && !r->uring && r->depth > 1)
		pool_start(st, r);
	return r;
}

static void
bio_limit_teardown(struct cb_state *st, void *arg)
{
	struct bio_run *r = cb_data(st);

	(void)arg;
	if (r == NULL)
		return;
	ring_stop(r);
	if (r->pooled)
		pool_stop(r);
	if (r->fd != -1)
		close(r->fd);
	bio_bufs_free(r);
	free(r);
}

static void
bm_bio_limit(struct cb_state *st, uint64_t n, void *arg)
{
	struct bio_run *r = cb_data(st);
	uint64_t i;

	(void)arg;
	r->error = 0;
	if (r->uring)
		ring_run(r, n);
	else if (r->depth > 1)
		pool_run(r, n);
	for (i = 0; !r->uring && r->depth == 1 && i < n; i++)
		if (host_io(r, i, r->bufs[0]) == -1)
			r->error = 1;
	if (r->error != 0)
		cb_skip(st, "a host transfer failed or came back short");
	cb_bytes(st, n * r->size);
	cb_counter(st, "uring", r->uring, 0);
}

/*
 * iovread/iovwrite against preadv/pwritev: args (bytes, iovecs), the
 * bytes cut into equal pieces, on the sparse file (buffered).
 */
struct iov_run {
	int fd;
	int write;
	struct rumpuser_iovec iov[IOV_MAXCNT];
	int iovcnt;
	size_t bytes;
	unsigned char *buf;
};

static struct iov_run *
iov_run_new(struct cb_state *st, int write)
{
	struct iov_run *r = calloc(1, sizeof(*r));
	size_t piece;
	int i;

	if (r == NULL || (r->buf = malloc((size_t)cb_arg_at(st, 0))) == NULL) {
		free(r);
		cb_skip(st, "out of memory");
		return NULL;
	}
	r->fd = -1;
	r->write = write;
	r->bytes = (size_t)cb_arg_at(st, 0);
	r->iovcnt = (int)cb_arg_at(st, 1);
	piece = r->bytes / (size_t)r->iovcnt;
	memset(r->buf, 0xa5, r->bytes);
	for (i = 0; i < r->iovcnt; i++) {
		r->iov[i].iov_base = r->buf + (size_t)i * piece;
		r->iov[i].iov_len = piece;
	}
	return r;
}

static void
iov_run_free(struct iov_run *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	free(r);
}

/* Offset of transfer i: the next piece of the file, wrapping. */
static int64_t
iov_offset(const struct iov_run *r, uint64_t i)
{
	return (int64_t)((i % (BIO_MEDIUM_SIZE / r->bytes)) * r->bytes);
}

static void *
iov_target_setup(struct cb_state *st, void *arg)
{
	const char *path;
	struct iov_run *r;

	if (BENCH_NEED(st, open) || BENCH_NEED(st, close) ||
	    BENCH_NEED(st, iovread) || BENCH_NEED(st, iovwrite) ||
	    bench_enter(st) == -1 ||
	    (path = bio_medium_path(st, BIO_FILE)) == NULL ||
	    (r = iov_run_new(st, arg != NULL)) == NULL)
		return NULL;
	if (rc_tgt.open(path, RUMPUSER_OPEN_RDWR, &r->fd) != 0) {
		cb_skip(st, "rumpuser_open of the file failed");
		r->fd = -1;
	}
	return r;
}

static void
iov_target_teardown(struct cb_state *st, void *arg)
{
	struct iov_run *r = cb_data(st);

	(void)arg;
	if (r != NULL && r->fd != -1)
		rc_tgt.close(r->fd);
	iov_run_free(r);
	bench_leave();
}

static void
bm_iov_target(struct cb_state *st, uint64_t n, void *arg)
{
	struct iov_run *r = cb_data(st);
	size_t done;
	uint64_t i;
	int error;

	(void)arg;
	for (i = 0; i < n; i++) {
		if (r->write)
			error = rc_tgt.iovwrite(r->fd, r->iov, (size_t)r->iovcnt,
			    iov_offset(r, i), &done);
		else
			error = rc_tgt.iovread(r->fd, r->iov, (size_t)r->iovcnt,
			    iov_offset(r, i), &done);
		if (error != 0 || done != r->bytes) {
			cb_skip(st, "iovread/iovwrite failed or came back short");
			return;
		}
	}
	cb_bytes(st, n * r->bytes);
}

static void *
iov_limit_setup(struct cb_state *st, void *arg)
{
	const char *path;
	struct iov_run *r;

	if ((path = bio_medium_path(st, BIO_FILE)) == NULL ||
	    (r = iov_run_new(st, arg != NULL)) == NULL)
		return NULL;
	if ((r->fd = open(path, O_RDWR | O_CLOEXEC)) == -1)
		cb_skip(st, "cannot open the file");
	return r;
}

static void
iov_limit_teardown(struct cb_state *st, void *arg)
{
	struct iov_run *r = cb_data(st);

	(void)arg;
	if (r != NULL && r->fd != -1)
		close(r->fd);
	iov_run_free(r);
}

static void
bm_iov_limit(struct cb_state *st, uint64_t n, void *arg)
{
	struct iov_run *r = cb_data(st);
	const struct iovec *iov = (const struct iovec *)(void *)r->iov;
	ssize_t done;
	uint64_t i;

	(void)arg;
	for (i = 0; i < n; i++) {
		if (r->write)
			done = pwritev(r->fd, iov, r->iovcnt, iov_offset(r, i));
		else
			done = preadv(r->fd, iov, r->iovcnt, iov_offset(r, i));
		if (done != (ssize_t)r->bytes) {
			cb_skip(st, "preadv/pwritev failed or came back short");
			return;
		}
	}
	cb_bytes(st, n * r->bytes);
}

static void
bio_register_kind(const struct bio_kind *kind, size_t size, int depth)
{
	static struct bio_bench benches[2 * 8];
	static char names[2 * 8][48];
	static const char *const media[] = { "file", "loop" };
	static int nb;
	static int64_t args[2 * 8][2][2];
	struct bench_pair p = {
		.target = bm_bio_target, .limit = bm_bio_limit,
		.target_setup = bio_target_setup, .limit_setup = bio_limit_setup,
		.target_teardown = bio_target_teardown,
		.limit_teardown = bio_limit_teardown, .nargs = 2,
	};
	int m, d;

	for (m = BIO_FILE; m <= BIO_LOOP; m++, nb++) {
		benches[nb].kind = kind;
		benches[nb].medium = (enum bio_medium)m;
		snprintf(names[nb], sizeof(names[nb]), "bio/%s/%s", kind->name,
		    media[m]);
		p.name = names[nb];
		p.arg = &benches[nb];
		for (d = 0; d < 2; d++) {
			args[nb][d][0] = (int64_t)size;
			args[nb][d][1] = d == 0 ? 1 : depth;
			p.args = args[nb][d];
			bench_pair(&p);
		}
	}
}

static void
iov_register(void)
{
	static const int64_t args[][2] = { { 4096, 1 }, { 4096, 8 }, { 65536, 16 } };
	static int write_flag = 1;
	struct bench_pair p = {
		.target = bm_iov_target, .limit = bm_iov_limit,
		.target_setup = iov_target_setup, .limit_setup = iov_limit_setup,
		.target_teardown = iov_target_teardown,
		.limit_teardown = iov_limit_teardown, .nargs = 2,
	};
	size_t i;

	for (i = 0; i < sizeof(args) / sizeof(args[0]); i++) {
		p.args = args[i];
		p.name = "iov/read";
		p.arg = NULL;
		bench_pair(&p);
		p.name = "iov/write";
		p.arg = &write_flag;
		bench_pair(&p);
	}
}

void
bench_register_bio(void)
{
	static const struct bio_kind randread = { "randread", RUMPUSER_BIO_READ, 1 };
	static const struct bio_kind randwrite = { "randwrite", RUMPUSER_BIO_WRITE, 1 };
	static const struct bio_kind syncwrite = { "randwrite_sync",
	    RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC, 1 };
	static const struct bio_kind seqread = { "seqread", RUMPUSER_BIO_READ, 0 };
	static const struct bio_kind seqwrite = { "seqwrite", RUMPUSER_BIO_WRITE, 0 };

	bio_register_kind(&randread, 4096, 32);
	bio_register_kind(&randwrite, 4096, 32);
	bio_register_kind(&syncwrite, 4096, 32);
	bio_register_kind(&seqread, 1 << 20, 8);
	bio_register_kind(&seqwrite, 1 << 20, 8);
	iov_register();
}

/*
 * Scaling (rcbench --scaling, bench/scaling): 4 KiB random reads of the
 * file from one submitter at queue depth 1, 2, 4, ... BIO_MAXDEPTH
 * ("scale/bio/randread/qd"), and at depth 1 from 1, 2, 4, ... host
 * threads up to the CPUs, each with its own descriptor and ring
 * ("scale/bio/randread/threads"). The limit is the requests on io_uring
 * only: where the host refuses it, the limit skips, saying so, and the
 * target's curve is drawn alone.
 */
static void *
bio_scale_limit_setup(struct cb_state *st, void *arg)
{
	struct bio_run *r = limit_open(st, arg);

	if (r != NULL && r->fd != -1 && !r->uring)
		cb_skip(st, "no io_uring limit: the host refuses io_uring "
		    "(or RCBENCH_BIO_LIMIT_THREADS is set)");
	return r;
}

void
bench_register_bio_scale(int ncpu)
{
	static const struct bio_kind randread = { "randread", RUMPUSER_BIO_READ, 1 };
	static struct bio_bench bench = { &randread, BIO_FILE };
	static int64_t qd[BIO_MAXDEPTH][2];
	static const int64_t one[2] = { 4096, 1 };
	struct bench_pair p = {
		.target = bm_bio_target, .limit = bm_bio_limit,
		.target_setup = bio_target_setup,
		.limit_setup = bio_scale_limit_setup,
		.target_teardown = bio_target_teardown,
		.limit_teardown = bio_limit_teardown,
		.arg = &bench, .nargs = 2,
	};
	int i, depth;

	p.name = "scale/bio/randread/qd";
	for (i = 0, depth = 1; depth <= BIO_MAXDEPTH; i++, depth *= 2) {
		qd[i][0] = 4096;
		qd[i][1] = depth;
		p.args = qd[i];
		bench_pair(&p);
	}
	p.name = "scale/bio/randread/threads";
	p.args = one;
	p.max_threads = ncpu;
	bench_pair(&p);
}
