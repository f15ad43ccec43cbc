/*
 * host_posix.c -- rc_host.h on a POSIX host (Linux userspace, emscripten).
 */
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rc_test.h"

static uint64_t
clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t
rch_mono_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

uint64_t
rch_wall_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

void
rch_sleep_ns(uint64_t ns)
{
	struct timespec ts = { (time_t)(ns / 1000000000u), (long)(ns % 1000000000u) };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

void
rch_yield(void)
{
	sched_yield();
}

void *
rch_alloc(size_t n)
{
	return calloc(1, n);
}

void
rch_free(void *p)
{
	free(p);
}

void
rch_vprintf(const char *fmt, va_list ap)
{
	vfprintf(stderr, fmt, ap);
}

int
rc_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap)
{
	return vsnprintf(buf, len, fmt, ap);
}

#ifndef __EMSCRIPTEN__	/* host_nofork.c there */
/* Wait for pid at most timeout_ms; kill it after that. */
static int
wait_child(pid_t pid, unsigned timeout_ms, int *status)
{
	uint64_t end = rch_mono_ns() + (uint64_t)timeout_ms * 1000000u;
	pid_t r;

	while ((r = waitpid(pid, status, WNOHANG)) == 0) {
		if (rch_mono_ns() > end) {
			kill(pid, SIGKILL);
			waitpid(pid, status, 0);
			return 1;
		}
		rch_sleep_ns(1000000);
	}
	return r == pid ? 0 : -1;
}

/*
 * Whether the reaped child wrote 'R' to fd.  It is gone, so anything it
 * wrote is already there: never block, as a grandchild (a daemon) may
 * still hold the write end open.
 */
static int
child_returned(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char c = 0;

	if (poll(&p, 1, 0) == 1 && (p.revents & POLLIN))
		(void)!read(fd, &c, 1);
	return c == 'R';
}

int
rch_isolated(void (*fn)(void *), void *arg, unsigned timeout_ms, int *how,
    int *code, const char **why)
{
	int fds[2], status, returned;
	pid_t pid;

	if (pipe(fds) == -1) {
		*why = "pipe() failed";
		return -1;
	}
	fflush(NULL);
	if ((pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		*why = "fork() failed";
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		fn(arg);
		(void)!write(fds[1], "R", 1);
		_exit(0);
	}
	close(fds[1]);
	if (wait_child(pid, timeout_ms, &status) == -1) {
		close(fds[0]);
		*why = "waitpid() failed";
		return -1;
	}
	returned = child_returned(fds[0]);
	close(fds[0]);
	if (returned) {
		*how = RCH_RETURNED;
		*code = 0;
	} else if (WIFSIGNALED(status)) {
		*how = RCH_SIGNALED;
		*code = WTERMSIG(status);
	} else {
		*how = RCH_EXITED;
		*code = WEXITSTATUS(status);
	}
	return 0;
}

void *
rch_shared_alloc(size_t len, const char **why)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		*why = "mmap(MAP_SHARED | MAP_ANONYMOUS) failed";
		return NULL;
	}
	return p;
}

void
rch_shared_free(void *p, size_t len)
{
	if (p != NULL)
		munmap(p, len);
}

int
rch_stdio_null(void)
{
	struct stat null, st;
	int fd, mask = 0;

	if (stat("/dev/null", &null) == -1)
		return -1;
	for (fd = 0; fd <= 2; fd++)
		if (fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == null.st_rdev)
			mask |= 1 << fd;
	return mask;
}
#endif

void
rch_exit_child(int status)
{
	_exit(status);
}

int
rch_setparam(const char *name, const char *value, const char **why)
{
	if (setenv(name, value, 1) == -1) {
		*why = "setenv() failed";
		return -1;
	}
	return 0;
}

int
rch_unsetparam(const char *name, const char **why)
{
	if (unsetenv(name) == -1) {
		*why = "unsetenv() failed";
		return -1;
	}
	return 0;
}

int
rch_hostname(char *buf, size_t len, const char **why)
{
	if (len == 0 || gethostname(buf, len) == -1) {
		*why = "gethostname() failed";
		return -1;
	}
	buf[len - 1] = '\0';
	return 0;
}

/* NetBSD signal numbers 1..32 to this host's (0: none). */
int
rch_host_signal(int nsig)
{
	static const int map[33] = {
		0, SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, 0, SIGFPE,
		SIGKILL, SIGBUS, SIGSEGV, SIGSYS, SIGPIPE, SIGALRM, SIGTERM,
		SIGURG, SIGSTOP, SIGTSTP, SIGCONT, SIGCHLD, SIGTTIN, SIGTTOU,
		SIGIO, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH, 0,
		SIGUSR1, SIGUSR2,
#ifdef SIGPWR
		SIGPWR,
#else
		0,
#endif
	};

	return nsig >= 0 && nsig <= 32 ? map[nsig] : 0;
}

static volatile int rch_sigcount[65];

static void
count_signal(int sig)
{
	if (sig > 0 && sig < 65)
		__atomic_add_fetch(&rch_sigcount[sig], 1, __ATOMIC_SEQ_CST);
}

int
rch_catch_signal(int hostsig, const char **why)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = count_signal;
	sigemptyset(&sa.sa_mask);
	if (hostsig <= 0 || hostsig >= 65 || sigaction(hostsig, &sa, NULL) == -1) {
		*why = "cannot install a signal handler";
		return -1;
	}
	return 0;
}

int
rch_signal_mask(const uint64_t *set, uint64_t *now, const char **why)
{
	sigset_t s;
	int sig;

	if (set != NULL) {
		sigemptyset(&s);
		for (sig = 1; sig <= 64 && sig < NSIG; sig++)
			if (*set & ((uint64_t)1 << (sig - 1)))
				(void)sigaddset(&s, sig);	/* glibc's own refuse */
		if (pthread_sigmask(SIG_SETMASK, &s, NULL) != 0) {
			*why = "pthread_sigmask(SIG_SETMASK) failed";
			return -1;
		}
	}
	if (pthread_sigmask(SIG_BLOCK, NULL, &s) != 0) {
		*why = "pthread_sigmask cannot read the mask";
		return -1;
	}
	*now = 0;
	for (sig = 1; sig <= 64 && sig < NSIG; sig++)
		if (sigismember(&s, sig) == 1)
			*now |= (uint64_t)1 << (sig - 1);
	return 0;
}

int
rch_signal_count(int hostsig)
{
	return hostsig > 0 && hostsig < 65 ?
	    __atomic_load_n(&rch_sigcount[hostsig], __ATOMIC_SEQ_CST) : 0;
}

#ifdef __EMSCRIPTEN__
/* Seen there: a sleep hit by pthread_kill never returned. */
int
rch_signal_me_repeatedly(int hostsig, unsigned every_ms, int count,
    const char **why)
{
	(void)hostsig; (void)every_ms; (void)count;
	*why = "emscripten's threads cannot take a signal in the middle of a sleep";
	return -1;
}

void
rch_signals_sent(void)
{
}
#else
/* The sender of rch_signal_me_repeatedly and what it sends to whom. */
static struct {
	pthread_t sender, target;
	int sig, count, running;
	unsigned every_ms;
} rch_pester;

static void *
pester(void *unused)
{
	struct timespec gap;
	int i;

	(void)unused;
	for (i = 0; i < rch_pester.count; i++) {
		gap.tv_sec = rch_pester.every_ms / 1000;
		gap.tv_nsec = (long)(rch_pester.every_ms % 1000) * 1000000L;
		while (nanosleep(&gap, &gap) == -1 && errno == EINTR)
			continue;
		pthread_kill(rch_pester.target, rch_pester.sig);
	}
	return NULL;
}

int
rch_signal_me_repeatedly(int hostsig, unsigned every_ms, int count,
    const char **why)
{
	if (rch_pester.running) {
		*why = "another thread is already being sent signals";
		return -1;
	}
	rch_pester.target = pthread_self();
	rch_pester.sig = hostsig;
	rch_pester.count = count;
	rch_pester.every_ms = every_ms;
	if (pthread_create(&rch_pester.sender, NULL, pester, NULL) != 0) {
		*why = "cannot start a host thread to send the signals";
		return -1;
	}
	rch_pester.running = 1;
	return 0;
}

void
rch_signals_sent(void)
{
	if (rch_pester.running)
		pthread_join(rch_pester.sender, NULL);
	rch_pester.running = 0;
}
#endif

int
rch_leave_stale_errno(const char **why)
{
	(void)why;
	errno = EIO;
	return 0;
}

int
rch_leave_interrupted_errno(const char **why)
{
	(void)why;
	errno = EINTR;
	return 0;
}

int
rch_errno(const char **why)
{
	(void)why;
	return errno;
}

size_t
rch_page_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

/* Cap the address space at what is mapped now: new thread stacks fail. */
int
rch_starve_threads(const char **why)
{
	return rch_cap_address_space(0, why);
}

int
rch_cap_address_space(size_t headroom, const char **why)
{
	struct rlimit rl;
	unsigned long pages = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f == NULL || fscanf(f, "%lu", &pages) != 1) {
		if (f != NULL)
			fclose(f);
		*why = "cannot read /proc/self/statm";
		return -1;
	}
	fclose(f);
	rl.rlim_cur = rl.rlim_max =
	    pages * (unsigned long)sysconf(_SC_PAGESIZE) + headroom;
	if (setrlimit(RLIMIT_AS, &rl) == -1) {
		*why = "setrlimit(RLIMIT_AS) failed";
		return -1;
	}
	return 0;
}

/*
 * malloc, not calloc: glibc's calloc skips the per-thread cache, whose
 * blocks malloc would still hand out. Every size class of that cache,
 * then halving sizes down to one byte.
 */
int
rch_exhaust_heap(const char **why)
{
	size_t size;

	(void)why;
	for (size = 16; size <= 1040; size += 16)
		while (malloc(size) != NULL)
			continue;
	for (size = (size_t)1 << 20; size >= 1; size >>= 1)
		while (malloc(size) != NULL)
			continue;
	return 0;
}

const char *
rch_tmpdir(const char **why)
{
	static char dir[4096];

	if (getcwd(dir, sizeof(dir)) == NULL) {
		*why = "getcwd() failed";
		return NULL;
	}
	return dir;
}

/*
 * Files, block devices, networks and host faults (rc_host.h). Sparse
 * files and the character device are plain POSIX; loop devices, taps,
 * network namespaces, packet sockets and the fault-injection library
 * are Linux's.
 */
#include <fcntl.h>

#define RCH_WHYLEN	256

static char rch_why[RCH_WHYLEN];

/* A reason naming what failed and the host's errno text. */
static const char *
why_errno(const char *what)
{
	snprintf(rch_why, sizeof(rch_why), "%s: %s", what, strerror(errno));
	return rch_why;
}

int
rch_make_sparse(const char *path, uint64_t size, const char **why)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd == -1 || ftruncate(fd, (off_t)size) == -1) {
		*why = why_errno("cannot create a sparse file");
		if (fd != -1)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* A host hypervisor opens host paths: no disk is the host's to declare. */
int
rch_disks(struct rch_disk *disks, int max, const char **why)
{
	(void)disks; (void)max;
	*why = "the host declares no disks for the hypervisor (it opens host paths)";
	return -1;
}

const char *
rch_char_device(const char **why)
{
	struct stat sb;

	if (stat("/dev/null", &sb) == -1 || !S_ISCHR(sb.st_mode)) {
		*why = "no /dev/null character device";
		return NULL;
	}
	return "/dev/null";
}

#ifdef __linux__
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/un.h>

#include <sys/prctl.h>
#include <sys/syscall.h>

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <linux/if.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <linux/loop.h>
#include <linux/userfaultfd.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <dlfcn.h>
#include <malloc.h>
#include <link.h>

#include "../../hypercall-mocks/faultinj/faultinj.h"
#include "../../hypercall-mocks/clockstep/clockstep.h"

#define RCH_MAXLOOP	4

/* Open loop fds, kept until detach so autoclear cannot fire early. */
static struct {
	char dev[32];
	int fd;
} rch_loops[RCH_MAXLOOP];

static int
loop_configure(int backing, unsigned sector, char *dev, size_t devlen, int *loopfd)
{
	struct loop_config cfg;
	int ctl, n, fd, tries;

	if ((ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC)) == -1)
		return -1;
	memset(&cfg, 0, sizeof(cfg));
	cfg.fd = (unsigned)backing;
	cfg.info.lo_flags = LO_FLAGS_AUTOCLEAR;
	cfg.block_size = sector;	/* 0: the default, 512 */
	for (tries = 0; tries < 10; tries++) {
		if ((n = ioctl(ctl, LOOP_CTL_GET_FREE)) == -1)
			break;
		snprintf(dev, devlen, "/dev/loop%d", n);
		if ((fd = open(dev, O_RDWR | O_CLOEXEC)) == -1)
			break;
		if (ioctl(fd, LOOP_CONFIGURE, &cfg) == 0) {
			close(ctl);
			*loopfd = fd;
			return 0;
		}
		close(fd);
		if (errno != EBUSY)	/* EBUSY: another process took it */
			break;
	}
	close(ctl);
	return -1;
}

int
rch_loop_attach(const char *path, char *dev, size_t devlen, const char **why)
{
	return rch_loop_attach_sector(path, 0, dev, devlen, why);
}

int
rch_loop_attach_sector(const char *path, unsigned sector, char *dev, size_t devlen,
    const char **why)
{
	int i, backing, loopfd;

	if (geteuid() != 0) {
		*why = "not root: cannot set up a loop device";
		return -1;
	}
	if (access("/dev/loop-control", F_OK) == -1) {
		*why = "no /dev/loop-control";
		return -1;
	}
	for (i = 0; i < RCH_MAXLOOP && rch_loops[i].dev[0] != '\0'; i++)
		continue;
	if (i == RCH_MAXLOOP) {
		*why = "too many loop devices in one case";
		return -1;
	}
	if ((backing = open(path, O_RDWR | O_CLOEXEC)) == -1) {
		*why = why_errno("cannot open the loop backing file");
		return -1;
	}
	if (loop_configure(backing, sector, dev, devlen, &loopfd) == -1) {
		*why = why_errno("cannot set up a loop device");
		close(backing);
		return -1;
	}
	close(backing);
	snprintf(rch_loops[i].dev, sizeof(rch_loops[i].dev), "%s", dev);
	rch_loops[i].fd = loopfd;
	return 0;
}

/* Autoclear detaches the device once the target has closed it too. */
void
rch_loop_detach(const char *dev)
{
	int i;

	for (i = 0; i < RCH_MAXLOOP; i++) {
		if (rch_loops[i].dev[0] != '\0' && strcmp(rch_loops[i].dev, dev) == 0) {
			close(rch_loops[i].fd);
			rch_loops[i].dev[0] = '\0';
		}
	}
}

#ifndef __NR_cachestat
#define __NR_cachestat	451	/* Linux 6.5, the same on every architecture */
#endif

struct rch_cachestat_range {
	uint64_t	off, len;
};

struct rch_cachestat {
	uint64_t	nr_cache, nr_dirty, nr_writeback, nr_evicted, nr_recently_evicted;
};

/* The page cache's dirty and under-writeback pages of a range of fd. */
static long
cache_unclean(int fd, uint64_t off, uint64_t len)
{
	struct rch_cachestat_range r = { off, len };
	struct rch_cachestat cs;

	if (syscall(__NR_cachestat, fd, &r, &cs, 0) == -1)
		return -1;
	return (long)(cs.nr_dirty + cs.nr_writeback);
}

long
rch_file_unclean_pages(const char *path, uint64_t off, uint64_t len, int flush,
    const char **why)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	long n = -1;

	if (fd == -1) {
		*why = why_errno("cannot open the file to read its cache state");
		return -1;
	}
	if (flush && fdatasync(fd) == -1)
		*why = why_errno("the host's own fdatasync failed");
	else if ((n = cache_unclean(fd, off, len)) == -1)
		*why = why_errno("no cachestat(2) on this host (Linux 6.5)");
	close(fd);
	return n;
}

/*
 * Paged-out memory: a userfaultfd region whose first touch waits for a
 * thread of ours, which sleeps the stall and then fills the whole region
 * in at once, as a swap-in from a slow medium would.
 */
#define RCH_MAXPAGED	16

static struct rch_paged {
	unsigned char	*base;
	size_t		maplen;
	unsigned char	*data;		/* what the region will hold */
	unsigned	delay_ms;
	int		uffd;
	int		stop[2];	/* pipe: free ends the wait */
	pthread_t	thread;
} rch_paged[RCH_MAXPAGED];

static void *
paged_main(void *arg)
{
	struct rch_paged *pg = arg;
	struct pollfd pfd[2] = { { pg->uffd, POLLIN, 0 }, { pg->stop[0], POLLIN, 0 } };
	struct uffdio_copy c;
	struct timespec ts = { pg->delay_ms / 1000, (long)(pg->delay_ms % 1000) * 1000000 };

	while (poll(pfd, 2, -1) == -1 && errno == EINTR)
		continue;
	if (pfd[1].revents != 0)
		return NULL;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
	memset(&c, 0, sizeof(c));
	c.dst = (uint64_t)(uintptr_t)pg->base;
	c.src = (uint64_t)(uintptr_t)pg->data;
	c.len = pg->maplen;
	(void)ioctl(pg->uffd, UFFDIO_COPY, &c);	/* wakes every waiting toucher */
	return NULL;
}

/* Register pg's region with a new userfaultfd; 0, or -1 with errno. */
static int
paged_register(struct rch_paged *pg)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;

	if ((pg->uffd = (int)syscall(__NR_userfaultfd, O_CLOEXEC)) == -1)
		return -1;
	memset(&reg, 0, sizeof(reg));
	reg.range.start = (uint64_t)(uintptr_t)pg->base;
	reg.range.len = pg->maplen;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(pg->uffd, UFFDIO_API, &api) == -1 ||
	    ioctl(pg->uffd, UFFDIO_REGISTER, &reg) == -1) {
		close(pg->uffd);
		return -1;
	}
	return 0;
}

void *
rch_paged_out_copy(const void *src, size_t len, unsigned delay_ms, const char **why)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	struct rch_paged *pg;
	int i;

	for (i = 0; i < RCH_MAXPAGED && rch_paged[i].base != NULL; i++)
		continue;
	if (i == RCH_MAXPAGED) {
		*why = "too many paged-out regions at once";
		return NULL;
	}
	pg = &rch_paged[i];
	pg->maplen = (len + page - 1) / page * page;
	pg->delay_ms = delay_ms;
	if ((pg->data = calloc(1, pg->maplen)) == NULL) {
		*why = "out of memory";
		return NULL;
	}
	memcpy(pg->data, src, len);
	pg->base = mmap(NULL, pg->maplen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);
	if (pg->base == MAP_FAILED || paged_register(pg) == -1) {
		*why = why_errno("no userfaultfd(2) to page memory out on demand");
	} else if (pipe2(pg->stop, O_CLOEXEC) == -1) {
		*why = why_errno("cannot make a pipe");
		close(pg->uffd);
	} else if ((errno = pthread_create(&pg->thread, NULL, paged_main, pg)) != 0) {
		*why = why_errno("cannot start the paging thread");
		close(pg->uffd);
		close(pg->stop[0]);
		close(pg->stop[1]);
	} else {
		return pg->base;
	}
	if (pg->base != MAP_FAILED)
		munmap(pg->base, pg->maplen);
	free(pg->data);
	pg->base = NULL;
	return NULL;
}

void
rch_paged_out_free(void *p)
{
	int i;

	for (i = 0; i < RCH_MAXPAGED; i++) {
		struct rch_paged *pg = &rch_paged[i];

		if (p == NULL || pg->base != p)
			continue;
		(void)!write(pg->stop[1], "x", 1);
		pthread_join(pg->thread, NULL);
		close(pg->stop[0]);
		close(pg->stop[1]);
		close(pg->uffd);
		munmap(pg->base, pg->maplen);
		free(pg->data);
		pg->base = NULL;
	}
}

#define FAULTINJ_MISSING "this test program is not linked with libfaultinj"

/* NetBSD errno 1..34 have the same numbers here; a few others differ. */
static int
host_errno_of(int nb_errno)
{
	static const int differing[][2] = { { NB_EAGAIN, EAGAIN },
	    { NB_EOPNOTSUPP, EOPNOTSUPP }, { NB_ENOBUFS, ENOBUFS },
	    { NB_ETIMEDOUT, ETIMEDOUT }, { NB_EDQUOT, EDQUOT }, { NB_ENOSYS, ENOSYS } };
	size_t i;

	if (nb_errno >= 0 && nb_errno <= NB_ERANGE)
		return nb_errno;
	for (i = 0; i < sizeof(differing) / sizeof(differing[0]); i++)
		if (differing[i][0] == nb_errno)
			return differing[i][1];
	return -1;
}

int
rch_inject_io_fault(const char *path_substring, int ops, int nb_errno,
    size_t short_bytes, int count, const char **why)
{
	faultinj_arm_fn *arm = (faultinj_arm_fn *)dlsym(RTLD_DEFAULT, "faultinj_arm");

	if (arm == NULL) {
		*why = FAULTINJ_MISSING;
		return -1;
	}
	if ((nb_errno = host_errno_of(nb_errno)) < 0 ||
	    arm(path_substring, ops, nb_errno, short_bytes, count) == -1) {
		*why = "libfaultinj refused the fault";
		return -1;
	}
	return 0;
}

int
rch_io_faults_fired(void)
{
	faultinj_fired_fn *fired = (faultinj_fired_fn *)dlsym(RTLD_DEFAULT, "faultinj_fired");

	return fired != NULL ? fired() : 0;
}

int
rch_fail_thread_creates(int count, const char **why)
{
	faultinj_fail_threads_fn *fail =
	    (faultinj_fail_threads_fn *)dlsym(RTLD_DEFAULT, "faultinj_fail_threads");

	if (fail == NULL) {
		*why = FAULTINJ_MISSING;
		return -1;
	}
	if (fail(EAGAIN, count) == -1) {
		*why = "libfaultinj refused the thread fault";
		return -1;
	}
	return 0;
}

int
rch_thread_creates_failed(void)
{
	faultinj_threads_failed_fn *failed =
	    (faultinj_threads_failed_fn *)dlsym(RTLD_DEFAULT, "faultinj_threads_failed");

	return failed != NULL ? failed() : 0;
}

int
rch_io_max_inflight(int reset)
{
	faultinj_max_inflight_fn *max =
	    (faultinj_max_inflight_fn *)dlsym(RTLD_DEFAULT, "faultinj_max_inflight");

	return max != NULL ? max(reset) : -1;
}

int
rch_delay_io(const char *path_substring, int ops, unsigned delay_ms,
    int count, const char **why)
{
	faultinj_arm_delay_fn *arm =
	    (faultinj_arm_delay_fn *)dlsym(RTLD_DEFAULT, "faultinj_arm_delay");

	if (arm == NULL) {
		*why = FAULTINJ_MISSING;
		return -1;
	}
	if (arm(path_substring, ops, delay_ms, count) == -1) {
		*why = "libfaultinj refused the delay";
		return -1;
	}
	return 0;
}

/* mmap's offset as the system call gets it: bytes, or pages (mmap2). */
#define RING_OFF_SQES	0x10000000u	/* IORING_OFF_SQES, the ABI's constant */
#if defined(__x86_64__) || defined(__aarch64__)
#define RING_MMAP_NR	__NR_mmap
#define RING_SQES_ARG	RING_OFF_SQES
#elif defined(__i386__)
#define RING_MMAP_NR	__NR_mmap2
#define RING_SQES_ARG	(RING_OFF_SQES >> 12)
#endif

int
rch_refuse_io_ring(int how, const char **why)
{
#if defined(RING_MMAP_NR) && defined(__NR_io_uring_setup)
	struct sock_filter setup[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_io_uring_setup, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	/* The offset's low word (little-endian); no other mapping uses it. */
	struct sock_filter map[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, RING_MMAP_NR, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[5])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, RING_SQES_ARG, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOMEM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = how == RCH_RING_SETUP ?
	    (struct sock_fprog){ sizeof(setup) / sizeof(setup[0]), setup } :
	    (struct sock_fprog){ sizeof(map) / sizeof(map[0]), map };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == -1) {
		*why = "this host cannot install a seccomp filter";
		return -1;
	}
	return 0;
#else
	(void)how;
	*why = "no seccomp filter for io_uring on this architecture";
	return -1;
#endif
}

int
rch_wallclock_step(int64_t offset_ns, const char **why)
{
	clockstep_set_fn *set = (clockstep_set_fn *)dlsym(RTLD_DEFAULT, "clockstep_set");

	if (set == NULL) {
		*why = "this test program is not linked with libclockstep";
		return -1;
	}
	return set(offset_ns);
}

static int
write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd == -1)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Without root: a user namespace makes us root of the new network's owner. */
static int
netns_as_user(void)
{
	char map[64];
	unsigned uid = (unsigned)geteuid(), gid = (unsigned)getegid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) == -1)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1", uid);
	if (write_file("/proc/self/uid_map", map) == -1)
		return -1;
	(void)write_file("/proc/self/setgroups", "deny");
	snprintf(map, sizeof(map), "0 %u 1", gid);
	return write_file("/proc/self/gid_map", map);
}

int
rch_netns_private(const char **why)
{
	if (unshare(CLONE_NEWNET) == 0)
		return 0;
	if (errno == EPERM && netns_as_user() == 0)
		return 0;
	*why = why_errno("cannot create a network namespace");
	return -1;
}

static int
ifreq_ioctl(const char *name, unsigned long req, struct ifreq *ifr)
{
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), rv;

	if (s == -1)
		return -1;
	snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", name);
	rv = ioctl(s, req, ifr);
	close(s);
	return rv;
}

static int
tap_persist(const char *name)
{
	struct ifreq ifr;
	int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC), rv;

	if (fd == -1)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	rv = ioctl(fd, TUNSETIFF, &ifr) == -1 ? -1 : ioctl(fd, TUNSETPERSIST, 1);
	close(fd);
	return rv;
}

int
rch_tap_create(const char *name, unsigned mtu, const char **why)
{
	char path[128];
	struct ifreq ifr;

	if (access("/dev/net/tun", F_OK) == -1) {
		*why = "no /dev/net/tun";
		return -1;
	}
	if (tap_persist(name) == -1) {
		*why = why_errno("cannot create a tap device");
		return -1;
	}
	/* No IPv6 chatter (router solicitations) on the test's wire. */
	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/disable_ipv6", name);
	(void)write_file(path, "1");
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_mtu = (int)mtu;
	if (ifreq_ioctl(name, SIOCSIFMTU, &ifr) == -1 ||
	    ifreq_ioctl(name, SIOCGIFFLAGS, &ifr) == -1) {
		*why = why_errno("cannot configure the tap device");
		return -1;
	}
	ifr.ifr_flags |= IFF_UP;
	if (ifreq_ioctl(name, SIOCSIFFLAGS, &ifr) == -1) {
		*why = why_errno("cannot bring the tap device up");
		return -1;
	}
	return 0;
}

/* Ask the host's routing socket to delete interface index; 0 or an errno. */
static int
link_delete(int index)
{
	struct {
		struct nlmsghdr		h;
		struct ifinfomsg	i;
	} req;
	struct {
		struct nlmsghdr		h;
		struct nlmsgerr		e;
	} ack;
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE), error;

	if (s == -1)
		return errno;
	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = sizeof(req);
	req.h.nlmsg_type = RTM_DELLINK;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.i.ifi_family = AF_UNSPEC;
	req.i.ifi_index = index;
	if (send(s, &req, sizeof(req), 0) != (ssize_t)sizeof(req))
		error = errno;
	else if (recv(s, &ack, sizeof(ack), 0) < (ssize_t)sizeof(ack))
		error = EPROTO;
	else
		error = ack.h.nlmsg_type == NLMSG_ERROR ? -ack.e.error : EPROTO;
	close(s);
	return error;
}

int
rch_tap_delete(const char *name, const char **why)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	if (ifreq_ioctl(name, SIOCGIFINDEX, &ifr) == -1) {
		*why = why_errno("no such tap device");
		return -1;
	}
	if ((errno = link_delete(ifr.ifr_ifindex)) != 0) {
		*why = why_errno("cannot delete the tap device");
		return -1;
	}
	return 0;
}

int
rch_packet_open(const char *ifname, unsigned ethertype, const char **why)
{
	struct sockaddr_ll sll;
	struct ifreq ifr;
	int s, bufsz = 8 << 20;

	s = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons((uint16_t)ethertype));
	if (s == -1) {
		*why = why_errno("cannot open a packet socket");
		return -1;
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons((uint16_t)ethertype);
	memset(&ifr, 0, sizeof(ifr));
	if (ifreq_ioctl(ifname, SIOCGIFINDEX, &ifr) == 0)
		sll.sll_ifindex = ifr.ifr_ifindex;
	if (sll.sll_ifindex == 0 || bind(s, (struct sockaddr *)&sll, sizeof(sll)) == -1) {
		*why = why_errno("cannot bind a packet socket to the tap");
		close(s);
		return -1;
	}
	(void)setsockopt(s, SOL_SOCKET, SO_RCVBUF, &bufsz, sizeof(bufsz));
	(void)setsockopt(s, SOL_SOCKET, SO_SNDBUF, &bufsz, sizeof(bufsz));
	return s;
}

int
rch_packet_send(int h, const void *frame, size_t len)
{
	ssize_t n;

	while ((n = send(h, frame, len, 0)) == -1 && (errno == EINTR || errno == ENOBUFS))
		rch_yield();
	return n == (ssize_t)len ? 0 : -1;
}

/* Frames this socket itself sent out are not incoming. */
long
rch_packet_recv(int h, void *buf, size_t len, unsigned timeout_ms)
{
	struct pollfd pfd = { h, POLLIN, 0 };
	uint64_t end = rch_mono_ns() + (uint64_t)timeout_ms * 1000000u;
	struct sockaddr_ll from;
	socklen_t fromlen;
	ssize_t n;
	int left;

	for (;;) {
		left = (int)((end - rch_mono_ns()) / 1000000u);
		if (rch_mono_ns() >= end || poll(&pfd, 1, left) == 0)
			return 0;
		fromlen = sizeof(from);
		n = recvfrom(h, buf, len, MSG_DONTWAIT, (struct sockaddr *)&from, &fromlen);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n == -1 || from.sll_pkttype != PACKET_OUTGOING)
			return n;
	}
}

void
rch_packet_close(int h)
{
	close(h);
}

/* The tap's queue towards its reader is its tx_queue_len. */
int
rch_packet_link_queue(int h)
{
	struct sockaddr_ll sll;
	socklen_t len = sizeof(sll);
	struct ifreq ifr;
	char path[64 + IFNAMSIZ];
	FILE *f;
	int qlen = 0;

	memset(&ifr, 0, sizeof(ifr));
	if (getsockname(h, (struct sockaddr *)&sll, &len) == -1)
		return 0;
	ifr.ifr_ifindex = sll.sll_ifindex;
	if (ioctl(h, SIOCGIFNAME, &ifr) == -1)
		return 0;
	snprintf(path, sizeof(path), "/sys/class/net/%.*s/tx_queue_len", IFNAMSIZ,
	    ifr.ifr_name);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%d", &qlen) != 1 || qlen < 0)
		qlen = 0;
	fclose(f);
	return qlen;
}

static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* Less the descriptor opendir itself holds. */
int
rch_count_fds(void)
{
	int n = count_entries("/proc/self/fd");

	return n < 0 ? n : n - 1;
}

int
rch_thread_name(char *buf, size_t len, const char **why)
{
	int error = pthread_getname_np(pthread_self(), buf, len);

	if (error != 0) {
		errno = error;
		*why = why_errno("pthread_getname_np() failed");
		return -1;
	}
	return 0;
}

/* One thread's voluntary_ctxt_switches from its status file; 0 if gone. */
static long
task_sleeps(const char *tid)
{
	char path[64], line[128];
	long n = 0;
	FILE *f;

	/* A tid is a number: 20 characters bound what gcc cannot know. */
	snprintf(path, sizeof(path), "/proc/self/task/%.20s/status", tid);
	if ((f = fopen(path, "re")) == NULL)
		return 0;	/* it ended meanwhile */
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &n) == 1)
			break;
	fclose(f);
	return n;
}

long
rch_process_sleeps(const char **why)
{
	struct dirent *de;
	DIR *d;
	long n = 0;

	if ((d = opendir("/proc/self/task")) == NULL) {
		*why = why_errno("cannot list /proc/self/task");
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n += task_sleeps(de->d_name);
	closedir(d);
	return n;
}

int
rch_count_threads(void)
{
	return count_entries("/proc/self/task");
}

const char *
rch_unseekable_char_device(const char **why)
{
	static const char *const candidates[] = { "/dev/ptmx", "/dev/net/tun", "/dev/tty" };
	struct stat sb;
	size_t i;
	int fd, unseekable;

	for (i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		if (stat(candidates[i], &sb) == -1 || !S_ISCHR(sb.st_mode) ||
		    (fd = open(candidates[i], O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) == -1)
			continue;
		unseekable = lseek(fd, 0, SEEK_END) == -1 && errno == ESPIPE;
		close(fd);
		if (unseekable)
			return candidates[i];
	}
	*why = "no character device here refuses lseek (tried /dev/ptmx, /dev/net/tun, /dev/tty)";
	return NULL;
}

/* What rch_fds_exhaust took, to give back. */
static struct {
	int		*fds;
	int		n;
	struct rlimit	saved;
	int		active;
} rch_exhausted;

static int
highest_fd(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int fd, top = -1;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && (fd = atoi(e->d_name)) > top)
			top = fd;
	closedir(d);
	return top;
}

int
rch_fds_exhaust(const char **why)
{
	struct rlimit rl;
	int fd, top;

	if (rch_exhausted.active || (top = highest_fd()) == -1 ||
	    getrlimit(RLIMIT_NOFILE, &rch_exhausted.saved) == -1) {
		*why = "cannot find this process's descriptors or their limit";
		return -1;
	}
	if ((rch_exhausted.fds = calloc((size_t)top + 2, sizeof(int))) == NULL) {
		*why = "out of memory";
		return -1;
	}
	rl = rch_exhausted.saved;
	rl.rlim_cur = (rlim_t)top + 1;
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1) {
		free(rch_exhausted.fds);
		*why = why_errno("cannot lower RLIMIT_NOFILE");
		return -1;
	}
	rch_exhausted.n = 0;
	while (rch_exhausted.n < top + 2 && (fd = open("/dev/null", O_RDONLY | O_CLOEXEC)) != -1)
		rch_exhausted.fds[rch_exhausted.n++] = fd;
	rch_exhausted.active = 1;
	return 0;
}

/* The file size limit and SIGXFSZ disposition before rch_limit_file_size. */
static struct {
	struct rlimit	rl;
	struct sigaction sa;
	int		active;
} rch_fsize;

int
rch_limit_file_size(uint64_t bytes, const char **why)
{
	struct sigaction ign;
	struct rlimit rl;

	if (bytes == 0) {
		if (rch_fsize.active) {
			setrlimit(RLIMIT_FSIZE, &rch_fsize.rl);
			sigaction(SIGXFSZ, &rch_fsize.sa, NULL);
			rch_fsize.active = 0;
		}
		return 0;
	}
	if (!rch_fsize.active && (getrlimit(RLIMIT_FSIZE, &rch_fsize.rl) == -1 ||
	    sigaction(SIGXFSZ, NULL, &rch_fsize.sa) == -1)) {
		*why = why_errno("cannot read RLIMIT_FSIZE");
		return -1;
	}
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	rl = rch_fsize.rl;
	rl.rlim_cur = (rlim_t)bytes;
	if (sigaction(SIGXFSZ, &ign, NULL) == -1 || setrlimit(RLIMIT_FSIZE, &rl) == -1) {
		*why = why_errno("cannot lower RLIMIT_FSIZE");
		sigaction(SIGXFSZ, &rch_fsize.sa, NULL);
		return -1;
	}
	rch_fsize.active = 1;
	return 0;
}

void
rch_fds_release(void)
{
	int i;

	if (!rch_exhausted.active)
		return;
	for (i = 0; i < rch_exhausted.n; i++)
		close(rch_exhausted.fds[i]);
	setrlimit(RLIMIT_NOFILE, &rch_exhausted.saved);
	free(rch_exhausted.fds);
	rch_exhausted.active = 0;
}

/*
 * A character node on a major reserved for local use (devices.txt) that
 * no driver has taken here: one whose open says ENXIO.
 */
static int
make_driverless_chr(const char *path)
{
	static const unsigned majors[] = { 60, 61, 62, 63, 120, 121, 122, 123, 240, 241, 242 };
	size_t i;
	int fd, error = ENXIO;

	for (i = 0; i < sizeof(majors) / sizeof(majors[0]); i++) {
		if (mknod(path, S_IFCHR | 0644, makedev(majors[i], 0)) == -1)
			return -1;
		if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1 && errno == ENXIO)
			return 0;
		error = fd == -1 ? errno : EBUSY;
		if (fd != -1)
			close(fd);
		(void)unlink(path);
	}
	errno = error;
	return -1;
}

int
rch_make_node(const char *path, int kind, const char *target, const char **why)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int s, rv;

	(void)unlink(path);
	switch (kind) {
	case RCH_NODE_FIFO:
		rv = mkfifo(path, 0644);
		break;
	case RCH_NODE_SYMLINK:
		rv = symlink(target, path);
		break;
	case RCH_NODE_CHR_NODRIVER:
		rv = make_driverless_chr(path);
		break;
	case RCH_NODE_SOCKET:
		if (strlen(path) >= sizeof(sun.sun_path) ||
		    (s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
			*why = "cannot make a local socket for that path";
			return -1;
		}
		memcpy(sun.sun_path, path, strlen(path) + 1);
		rv = bind(s, (struct sockaddr *)&sun, sizeof(sun));
		close(s);	/* the name stays */
		break;
	default:
		rv = -1;
		errno = EINVAL;
	}
	if (rv == -1)
		*why = why_errno("cannot make the special file");
	return rv;
}

/* The capture file, and where standard output and error were before. */
static int con_fd = -1, con_saved[2] = { -1, -1 };

int
rch_console_begin(const char **why)
{
	char path[] = "rc_consoleXXXXXX";
	int i;

	fflush(NULL);
	if ((con_fd = mkstemp(path)) == -1) {
		*why = why_errno("cannot make the console capture file");
		return -1;
	}
	unlink(path);
	for (i = 0; i < 2; i++) {
		con_saved[i] = dup(i + 1);
		dup2(con_fd, i + 1);
	}
	return 0;
}

long
rch_console_end(char *buf, size_t len)
{
	off_t size;
	ssize_t n;
	int i;

	fflush(NULL);
	for (i = 0; i < 2; i++) {
		dup2(con_saved[i], i + 1);
		close(con_saved[i]);
	}
	size = lseek(con_fd, 0, SEEK_END);
	n = size < 0 ? -1 : pread(con_fd, buf, (size_t)size < len ? (size_t)size : len, 0);
	close(con_fd);
	con_fd = -1;
	return n < 0 ? -1 : (long)size;
}

/* The reference spinner: a host thread that never sleeps. */
static struct {
	pthread_t	thread;
	volatile int	stop;
	int64_t		cpu_ns;		/* what it got; -1 unknown */
} rch_spin;

static void *
spinner_main(void *arg)
{
	const char *why;
	int64_t c0 = rch_thread_cpu_ns(&why);

	(void)arg;
	while (!__atomic_load_n(&rch_spin.stop, __ATOMIC_RELAXED))
		continue;
	rch_spin.cpu_ns = c0 < 0 ? -1 : rch_thread_cpu_ns(&why) - c0;
	return NULL;
}

int
rch_spinner_start(const char **why)
{
	rch_spin.stop = 0;
	if ((errno = pthread_create(&rch_spin.thread, NULL, spinner_main, NULL)) != 0) {
		*why = why_errno("cannot start a spinning thread");
		return -1;
	}
	return 0;
}

int64_t
rch_spinner_stop(void)
{
	__atomic_store_n(&rch_spin.stop, 1, __ATOMIC_RELAXED);
	pthread_join(rch_spin.thread, NULL);
	return rch_spin.cpu_ns;
}

int64_t
rch_thread_cpu_ns(const char **why)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == -1) {
		*why = why_errno("no CPU clock for this thread");
		return -1;
	}
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t
rch_process_cpu_ns(const char **why)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) == -1) {
		*why = why_errno("no CPU clock for this process");
		return -1;
	}
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The first field of /proc/self/statm is the size in pages. */
int64_t
rch_mapped_bytes(void)
{
	FILE *f = fopen("/proc/self/statm", "re");
	long long pages = -1;

	if (f == NULL)
		return -1;
	if (fscanf(f, "%lld", &pages) != 1)
		pages = -1;
	fclose(f);
	return pages < 0 ? -1 : pages * sysconf(_SC_PAGESIZE);
}

/* glibc's mallinfo2 sums every arena; older C libraries have no such count. */
int64_t
rch_heap_in_use(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
	struct mallinfo2 mi = mallinfo2();

	return (int64_t)mi.uordblks;
#else
	return -1;
#endif
}

struct symsearch {
	const char *name;
	void *addr;
};

/* The executable (empty name) exports only upcalls; skip it. */
static int
search_object(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct symsearch *s = arg;
	void *h;

	(void)size;
	if (info->dlpi_name == NULL || info->dlpi_name[0] == '\0')
		return 0;
	if ((h = dlopen(info->dlpi_name, RTLD_NOW | RTLD_NOLOAD)) == NULL)
		return 0;
	s->addr = dlsym(h, s->name);
	dlclose(h);
	return s->addr != NULL;
}

void *
rch_target_sym(const char *name, const char **why)
{
	struct symsearch s = { name, NULL };

	dl_iterate_phdr(search_object, &s);
	if (s.addr == NULL) {
		snprintf(rch_why, sizeof(rch_why), "the target has no %s", name);
		*why = rch_why;
	}
	return s.addr;
}
#else
#ifdef __EMSCRIPTEN__
#define RCH_HERE	"under WebAssembly"
#include "host_nofork.c"
#else
#define RCH_HERE	"on this host"
#endif
#define RCH_OWN_DISKS	/* above: none */
#include "host_noio.c"
#endif /* __linux__ */
