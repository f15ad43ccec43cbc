/*
 * bio.h -- what the two block I/O paths share (bio.c: the host thread
 * pool and the choice of path; bio_uring.c: Linux io_uring).
 */
#ifndef _RUMPUSER_BIO_H_
#define _RUMPUSER_BIO_H_

#include "rumpuser_int.h"

#include <stdint.h>
#include <time.h>

#define BIO_QUEUE	128	/* requests queued (or on the ring) at once */
/*
 * Completions a submitter delivers itself: a whole plug's worth, so that
 * a batch that completed during its enter (page cache, holes) needs no
 * reaper wakeup (8 here cost 1.41x the limit's CPU at depth 32, 32 1.10x).
 */
#define BIO_REAP_INLINE	32
#define BIO_REAP_WAITER	32	/* ... and a cv waiter, per round */

struct bioreq {
	int		fd;
	int		directfd;	/* O_DIRECT companion of fd, or -1 */
	int		op;
	void		*data;
	size_t		dlen;
	int64_t		off;
	rump_biodone_fn	done;
	void		*donearg;
	size_t		bytes;		/* the outcome, as biodone wants it */
	int		error;
};

/* Whether r may go to fd's O_DIRECT companion (aligned, one exists). */
int rumpuser__bio_direct_ok(const struct bioreq *);
/* Do r on the host with pread/pwrite(+fdatasync), setting its outcome. */
void rumpuser__bio_perform(struct bioreq *);
/* fdatasync(fd) retried on EINTR: 0 or -1 with errno. */
int rumpuser__bio_sync_data(int fd);
/* rumpuser__bio_deliver (rumpuser_int.h): biodone of each, counted done. */

/*
 * The io_uring path: start returns 0, or the host errno that refused the
 * ring (ENOSYS: no io_uring, EPERM: seccomp or io_uring_disabled).
 * submit puts r on the ring (the caller is unscheduled) and copies the
 * requests that completed already, settled, into done[] (room for
 * BIO_REAP_INLINE), returning how many: the caller delivers them.
 */
int rumpuser__bio_uring_start(void);
/* Whether the ring takes r (a positional transfer it does whole). */
int rumpuser__bio_uring_fits(const struct bioreq *);
int rumpuser__bio_uring_submit(const struct bioreq *, struct bioreq *done);

/*
 * A cv waiter that may deliver completions (an adaptive KMUTEX owner: cv.c)
 * sleeps on the ring rather than on the cv's futex word, when there are
 * requests on it (waitable) and the kernel can watch the word from the
 * ring: the wait submits what is held, then ends at a completion, a wake
 * on word (or *word != val already) or the CLOCK_MONOTONIC deadline (NULL:
 * none), not before (a host signal does not end it). The caller, without
 * its CPU, delivers what comes back in done[] (room for max), settled;
 * returns how many. The thread that waits for the request delivers it,
 * with no hop to the reaper.
 */
int rumpuser__bio_ring_waitable(void);
/*
 * Whether such a waiter should submit what is held alone first
 * (rumpuser__bio_flush), as its last flush found requests completing
 * during their submit (also now and then, to look again), or submit and
 * wait in one enter.
 */
int rumpuser__bio_flush_first(void);
int rumpuser__bio_ring_wait(uint32_t *word, uint32_t val,
    const struct timespec *deadline, struct bioreq *done, int max);

#endif /* _RUMPUSER_BIO_H_ */
