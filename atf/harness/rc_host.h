/*
 * rc_host.h -- what an environment must provide to run rumpcheck's test
 * bodies and the mock kernel. Implemented by host_posix.c for userspace
 * (and WebAssembly), and by each non-host target for itself.
 *
 * These services never go through the hypervisor under test, so they can
 * judge it: a clock to time its sleeps, memory for the harness itself,
 * output, and process isolation where the platform has it.
 */
#ifndef RC_HOST_H
#define RC_HOST_H

#if defined(__KERNEL__)
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/stdarg.h>
#else
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#endif

/* Host monotonic and wall clocks, in nanoseconds. */
uint64_t rch_mono_ns(void);
uint64_t rch_wall_ns(void);
/* Put the calling host thread to sleep (it keeps any virtual CPU). */
void rch_sleep_ns(uint64_t ns);
/* Let other host threads run. */
void rch_yield(void);

void *rch_alloc(size_t);
void rch_free(void *);

/* Output for notes and results. */
void rch_vprintf(const char *fmt, va_list ap);

/* Stop the current case at once after a fatal harness error. */
void rch_abort_case(const char *why) __attribute__((__noreturn__));

/*
 * Run fn(arg) in an isolated child with its own copy of everything.
 * Returns 0 and fills how and code: RCH_EXITED (code = exit status),
 *  RCH_SIGNALED (code = host signal), RCH_RETURNED (fn came back; code 0).
 * Returns -1 (and sets *why) where the platform cannot isolate.
 */
#define RCH_EXITED	1
#define RCH_SIGNALED	2
#define RCH_RETURNED	3
int rch_isolated(void (*fn)(void *), void *arg, unsigned timeout_ms,
    int *how, int *code, const char **why);

/* End an isolated child at once with this exit status. */
void rch_exit_child(int status) __attribute__((__noreturn__));

/*
 * Zeroed memory shared with the isolated children started afterwards and
 * with their own children (a daemon), for what a child has to report
 * besides its exit status; NULL (and *why) where there are no children.
 */
void *rch_shared_alloc(size_t len, const char **why);
void rch_shared_free(void *p, size_t len);

/* Which of descriptors 0, 1 and 2 are the host's null device (bit n: fd n); -1 if unknown. */
int rch_stdio_null(void);

/* Parameters the host hands the hypervisor (environment on POSIX). */
int rch_setparam(const char *name, const char *value, const char **why);
/* Remove a parameter the host hands the hypervisor (unset it). */
int rch_unsetparam(const char *name, const char **why);

/* The host's own name (gethostname on POSIX); -1 (and *why) if it has none. */
int rch_hostname(char *buf, size_t len, const char **why);

/* Host signal numbers for the NetBSD ones the kill tests use. */
int rch_host_signal(int netbsd_sig);
/* Install a counting handler for a host signal; count with rch_signal_count. */
int rch_catch_signal(int hostsig, const char **why);
int rch_signal_count(int hostsig);
/*
 * Send hostsig to the calling thread count times, every_ms apart, from a
 * host thread of its own (one such sender at a time); rch_signals_sent
 * waits until it sent them all. -1 (and *why) where threads cannot be
 * signalled.
 */
int rch_signal_me_repeatedly(int hostsig, unsigned every_ms, int count,
    const char **why);
void rch_signals_sent(void);

/*
 * Leave an error (EIO) in the calling thread's host errno, as a host call
 * that failed just before a hypercall would; -1 (and *why) where the host
 * has no errno.
 */
int rch_leave_stale_errno(const char **why);
/* The same with EINTR, as a host call a signal interrupted would leave. */
int rch_leave_interrupted_errno(const char **why);

/*
 * The calling thread's host errno, as a local syscall client reads it
 * after a rump system call; -1 (and *why) where the host has no errno.
 */
int rch_errno(const char **why);

/*
 * The calling host thread's blocked signals as a mask of host signal
 * numbers 1..64 (bit n-1), into *now; with set non-NULL the thread's mask
 * is made *set first (what the host cannot block stays out). -1 (and
 * *why) where threads have no signal mask.
 */
int rch_signal_mask(const uint64_t *set, uint64_t *now, const char **why);

/*
 * Make further host thread creation fail with the host's EAGAIN (for the
 * errno translation tests); only inside rch_isolated children.
 */
int rch_starve_threads(const char **why);
/*
 * Cap the address space at what is mapped now plus headroom bytes: host
 * mappings (and thread stacks) beyond that fail with the host's ENOMEM
 * (EAGAIN for threads); only inside rch_isolated children.
 */
int rch_cap_address_space(size_t headroom, const char **why);
/*
 * Take every block the host's allocator has left, so that the next
 * allocation of any size fails (after rch_cap_address_space: else the
 * host would just map more); only inside rch_isolated children.
 */
int rch_exhaust_heap(const char **why);

/*
 * The host's name of the calling thread (NUL-terminated, at most len
 * bytes with the NUL): 0, or -1 (and *why) where threads have no names.
 */
int rch_thread_name(char *buf, size_t len, const char **why);

/* Scratch directory for file tests; NULL (and *why) if none. */
const char *rch_tmpdir(const char **why);

/*
 * Files, block devices, networks and host faults for the I/O areas. Each
 * call that can be unavailable returns -1 and sets *why (the case skips).
 */
/* Create path (or cut it) as a sparse file of size bytes. */
int rch_make_sparse(const char *path, uint64_t size, const char **why);
/*
 * The pages of [off, off + len) of the file at path that the host's cache
 * holds dirty or under writeback (not yet on the medium), after the host's
 * own fdatasync of the file if flush; -1 and *why where it cannot tell.
 */
long rch_file_unclean_pages(const char *path, uint64_t off, uint64_t len, int flush,
    const char **why);
/*
 * A copy of len bytes of src in memory the host has paged out: the first
 * touch of it, by any thread or by the host's kernel on its behalf, stalls
 * delay_ms (a swap-in from a slow medium) before the whole copy is there.
 * NULL and *why where the host cannot page memory out on demand.
 */
void *rch_paged_out_copy(const void *src, size_t len, unsigned delay_ms, const char **why);
void rch_paged_out_free(void *p);
/*
 * The block devices the environment's machine declares for the hypervisor
 * to expose (bare metal: its disks), each as the name the hypervisor's
 * file calls take and its size in bytes: up to max of them into disks,
 * and how many were declared (1 or more); -1 and *why where the
 * environment declares none (a host's hypervisor opens host paths).
 */
#define RCH_DISK_NAME	64
struct rch_disk {
	char name[RCH_DISK_NAME];
	uint64_t size;
};
int rch_disks(struct rch_disk *disks, int max, const char **why);
/* A character device every host of this kind has (/dev/null). */
const char *rch_char_device(const char **why);
/* A character device whose size cannot be sought (lseek gives ESPIPE). */
const char *rch_unseekable_char_device(const char **why);
/* Attach a loop block device (name into dev) to the file at path. */
int rch_loop_attach(const char *path, char *dev, size_t devlen, const char **why);
/* The same with sector-byte logical blocks (a power of two, 512..4096). */
int rch_loop_attach_sector(const char *path, unsigned sector, char *dev, size_t devlen,
    const char **why);
void rch_loop_detach(const char *dev);

/*
 * Make host I/O fail beneath the target: the next count calls (count < 0:
 * all) of the kinds in ops on files whose path contains path_substring
 * fail with nb_errno (a NetBSD errno from 1..34, the same numbers on every
 * host, or one whose number differs that the host knows: EAGAIN 35,
 * EOPNOTSUPP 45, ENOBUFS 55, ETIMEDOUT 60, EDQUOT 69, ENOSYS 78), or, when
 * short_bytes > 0, transfer at most that much. A NULL
 * path_substring disarms.
 */
#define RCH_IO_READ	0x01
#define RCH_IO_WRITE	0x02
#define RCH_IO_SYNC	0x04
int rch_inject_io_fault(const char *path_substring, int ops, int nb_errno,
    size_t short_bytes, int count, const char **why);
/* Faults injected since the last arming. */
int rch_io_faults_fired(void);
/*
 * Make the next count host thread creations beneath the target (count < 0:
 * all; 0 disarms) fail with the host's EAGAIN, as on a host short of
 * threads; -1 (and *why) where that cannot be injected. Arm it only around
 * the call under test: the harness's own threads are refused too.
 */
int rch_fail_thread_creates(int count, const char **why);
/* Host thread creations refused since the last arming. */
int rch_thread_creates_failed(void);
/* Most positional host transfers seen running at once; -1 if unknown. */
int rch_io_max_inflight(int reset);
/*
 * Make host I/O slow beneath the target: the next count calls (count < 0:
 * all) of the kinds in ops on files whose path contains path_substring
 * first sleep delay_ms, then go ahead. A NULL path_substring disarms
 * (as does rch_inject_io_fault's).
 */
int rch_delay_io(const char *path_substring, int ops, unsigned delay_ms,
    int count, const char **why);

/*
 * Make the host refuse its io_uring beneath the target from now on, as a
 * container's seccomp profile or memory exhaustion would: RCH_RING_SETUP,
 * io_uring_setup fails with EPERM; RCH_RING_MAP, the ring is set up but
 * mapping its submission entries fails with ENOMEM. Only inside
 * rch_isolated children (it cannot be undone); -1 (and *why) where the
 * host has no io_uring or cannot filter its system calls.
 */
#define RCH_RING_SETUP	1
#define RCH_RING_MAP	2
int rch_refuse_io_ring(int how, const char **why);

/*
 * Step the wall clock the target reads, never the machine's: from now on
 * the target's realtime readings are offset_ns off the host's (0 undoes
 * it); the host's own timers and monotonic clock are not moved. -1 and
 * *why where the platform cannot interpose on the target's clock.
 */
int rch_wallclock_step(int64_t offset_ns, const char **why);

/* Move the calling process into a network namespace of its own. */
int rch_netns_private(const char **why);
/* Create tap interface name (persistent, up, IPv6 off) with this MTU. */
int rch_tap_create(const char *name, unsigned mtu, const char **why);
/* Delete tap interface name, as the host's administrator would, even while
 * a descriptor still holds it attached. */
int rch_tap_delete(const char *name, const char **why);
/* A raw packet socket on ifname for frames of ethertype; a handle. */
int rch_packet_open(const char *ifname, unsigned ethertype, const char **why);
int rch_packet_send(int h, const void *frame, size_t len);
/* One incoming frame: its length, 0 after timeout_ms, -1 on error. */
long rch_packet_recv(int h, void *buf, size_t len, unsigned timeout_ms);
void rch_packet_close(int h);
/* Frames the wire behind handle h holds for the hypervisor while it does not
 * read (a tap's queue); 0 where the link may drop sooner or cannot say. */
int rch_packet_link_queue(int h);

/* Open descriptors and threads of this process, for leak checks. */
int rch_count_fds(void);
int rch_count_threads(void);
/*
 * Leave this process no free descriptor (RLIMIT_NOFILE lowered to what is
 * open, the gaps filled), for the calls made before rch_fds_release puts
 * everything back; 0, or -1 with *why.
 */
int rch_fds_exhaust(const char **why);
void rch_fds_release(void);
/*
 * Let no file of this process grow past bytes (RLIMIT_FSIZE, SIGXFSZ
 * ignored): a write crossing it is cut short, one beyond it fails with
 * EFBIG, on every path to the host. 0 puts the old limit back.
 */
int rch_limit_file_size(uint64_t bytes, const char **why);

/*
 * Special files for getfileinfo and blocking I/O: a FIFO, the name of a
 * bound local socket, a symlink to target (which need not exist), or a
 * character device node with no driver behind it (opening it fails with
 * ENXIO) at path, replacing what was there.
 */
#define RCH_NODE_FIFO		1
#define RCH_NODE_SOCKET		2
#define RCH_NODE_SYMLINK	3
#define RCH_NODE_CHR_NODRIVER	4
int rch_make_node(const char *path, int kind, const char *target, const char **why);

/*
 * Read back the console: from rch_console_begin until rch_console_end,
 * what this process writes to its standard output and error (where a
 * hypervisor's putchar and dprintf go) is captured instead of shown.
 * rch_console_end stores up to len bytes in buf and returns how many
 * were written in all, or -1. Nothing else may print meanwhile.
 */
int rch_console_begin(const char **why);
long rch_console_end(char *buf, size_t len);

/*
 * How many times the threads of this process have gone to sleep so far
 * (voluntary context switches, summed over its threads): the difference
 * over a quiet interval counts wakeups. -1 (and *why) if unknown.
 */
long rch_process_sleeps(const char **why);
/* CPU time the calling host thread has used, in ns; -1 (and *why) if unknown. */
int64_t rch_thread_cpu_ns(const char **why);
/* CPU time all this process's host threads have used, in ns; -1 (and *why) if unknown. */
int64_t rch_process_cpu_ns(const char **why);
/*
 * A host thread that spins, never sleeping, from start to stop; stop
 * returns the CPU time it got (-1 unknown): what a busy thread gets at the
 * machine's present load, to judge another thread's CPU use against.
 * start gives -1 and *why where the host cannot run one.
 */
int rch_spinner_start(const char **why);
int64_t rch_spinner_stop(void);
/* The host's page size in bytes. */
size_t rch_page_size(void);
/* Address space this process has mapped, in bytes; -1 if unknown. */
int64_t rch_mapped_bytes(void);
/*
 * Bytes of the host's heap allocator handed out and not yet freed, over
 * every thread's arena; -1 if unknown.
 */
int64_t rch_heap_in_use(void);

/* A component entry point (rumpcomp_*) of the target under test. */
void *rch_target_sym(const char *name, const char **why);

#endif /* RC_HOST_H */
