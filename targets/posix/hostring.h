/*
 * hostring.h -- a Linux io_uring through the raw system calls: set up and
 * map a ring, fill submission entries, submit, wait, take completions.
 * Shared by the POSIX hypervisor's block I/O and the benchmark's limit.
 * No locking: the caller serialises producers, and consumers.
 */
#ifndef _RUMPUSER_HOSTRING_H_
#define _RUMPUSER_HOSTRING_H_

#if defined(__linux__) && !defined(__EMSCRIPTEN__) && \
    __has_include(<linux/io_uring.h>)
#define HOSTRING_AVAILABLE 1
#include <linux/io_uring.h>

#include <stddef.h>
#include <stdint.h>

struct hostring {
	int		fd;
	unsigned	features;	/* IORING_FEAT_* the kernel offers */
	int		futexwait;	/* it takes IORING_OP_FUTEX_WAIT */
	unsigned	*sqhead, *sqtail, sqmask, sqfill;
	struct io_uring_sqe *sqes;
	unsigned	*cqhead, *cqtail, cqmask;
	struct io_uring_cqe *cqes;
	void		*map[3];	/* what teardown unmaps */
	size_t		maplen[3];
};

/* Set up a ring of at least entries; 0, or the errno that refused it. */
int hostring_setup(struct hostring *, unsigned entries);
/* The same with IORING_SETUP_* flags. */
int hostring_setup_flags(struct hostring *, unsigned entries, unsigned flags);
/* Unmap and close the ring: nothing may be in flight on it. */
void hostring_teardown(struct hostring *);
/* Whether the kernel knows opcode op (IORING_REGISTER_PROBE, Linux 5.6). */
int hostring_op_supported(const struct hostring *, unsigned op);
/*
 * Register entries (a power of two) buffer descriptors at br, page
 * aligned, as buffer group bgid (Linux 5.19); 0, or an errno.
 */
int hostring_register_bufring(struct hostring *, struct io_uring_buf_ring *br,
    unsigned entries, unsigned bgid);
/* A zeroed submission entry, visible to the kernel at the next submit. */
struct io_uring_sqe *hostring_sqe(struct hostring *);
/*
 * Fill an entry: a read or write of len bytes at off, or an fdatasync
 * (linked: done after the entry before it, which succeeded in full).
 * The fdatasync returns whether the pair posts one completion only
 * (IORING_FEAT_CQE_SKIP, Linux 5.17): the fdatasync's if the entry before
 * it succeeded in full, else that entry's (the fdatasync cut off).
 */
void hostring_queue_rw(struct hostring *, int write, int fd, void *buf,
    size_t len, int64_t off, uint64_t user_data);
int hostring_queue_linked_datasync(struct hostring *, int fd,
    uint64_t user_data);
/*
 * Submit what was filled and wait for at least wait completions;
 * 0, or -1 with errno (EINTR retried).
 */
int hostring_submit(struct hostring *, unsigned wait);
/* Wait for at least one completion; 0, or -1 with errno (EINTR: 0). */
int hostring_wait(struct hostring *);
/*
 * Make what was filled visible to the kernel without submitting it; the
 * mark to submit up to (hostring_enter). For several producers: publish
 * under their lock, enter outside it.
 */
unsigned hostring_publish(struct hostring *);
/* Submit the published entries up to mark; 0, or -1 with errno. */
int hostring_enter(struct hostring *, unsigned mark);
/* Whether hostring_wait_ns can time out (IORING_FEAT_EXT_ARG, Linux 5.11). */
int hostring_can_time_out(const struct hostring *);
/*
 * Wait up to ns for at least one completion; 0 (also on timeout and
 * EINTR), or -1 with errno.
 */
int hostring_wait_ns(struct hostring *, long ns);
/*
 * Whether the kernel takes a futex wait on the ring (IORING_OP_FUTEX_WAIT,
 * Linux 6.7), and with it a synchronous cancel by user_data.
 */
int hostring_can_wait_futex(const struct hostring *);
/*
 * Fill an entry that completes once *word != val is seen or a private
 * FUTEX_WAKE on word reaches it (it counts as one of the wake's waiters).
 */
void hostring_queue_futex_wait(struct hostring *, uint32_t *word,
    uint32_t val, uint64_t user_data);
/*
 * Submit the published entries up to mark and wait, in the same call, for
 * a completion, at most ns (no limit if negative); 0 (also on timeout and
 * EINTR), or -1 with errno.
 */
int hostring_enter_wait(struct hostring *, unsigned mark, int64_t ns);
/* Cancel the entry with user_data, if it has not completed; 0 or -1. */
int hostring_cancel(struct hostring *, uint64_t user_data);
/* Whether completions wait to be taken (no lock, a hint). */
int hostring_cq_ready(const struct hostring *);
/* Copy up to max completions out; how many. */
unsigned hostring_reap(struct hostring *, struct io_uring_cqe *, unsigned max);
#else
#define HOSTRING_AVAILABLE 0
struct hostring;
#endif

/*
 * A hypervisor's block I/O ring, as the environment asks: RUMPUSER_BIO=
 * uring sets it up if the host lets it, any other value refuses it
 * (ENOTSUP), unset does what by_default says; running under valgrind
 * refuses it too. 0, or why not (ENOSYS: no io_uring; EPERM: a seccomp
 * filter or kernel.io_uring_disabled). RUMPUSER_DEBUG set prints the path
 * taken on stderr.
 */
int hostring_bio_setup(struct hostring *, unsigned entries, int by_default);
/* Print the block I/O path taken if RUMPUSER_DEBUG is set. */
void hostring_bio_notice(const char *path, int error);
/*
 * Whether a host-I/O interposer (the suite's libfaultinj) is armed: the
 * ring bypasses libc, so the caller sends its I/O through libc meanwhile.
 */
int hostring_interposer_armed(void);

#endif /* _RUMPUSER_HOSTRING_H_ */
