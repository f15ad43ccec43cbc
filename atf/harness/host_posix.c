/*
 * host_posix.c -- rc_host.h on a POSIX host (Linux userspace, emscripten).
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
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

#ifdef __EMSCRIPTEN__
int
rch_isolated(void (*fn)(void *), void *arg, unsigned timeout_ms, int *how,
    int *code, const char **why)
{
	(void)fn; (void)arg; (void)timeout_ms; (void)how; (void)code;
	*why = "WebAssembly has no fork(): cannot isolate a child";
	return -1;
}
#else
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

int
rch_isolated(void (*fn)(void *), void *arg, unsigned timeout_ms, int *how,
    int *code, const char **why)
{
	int fds[2], status;
	char c = 0;
	pid_t pid;

	if (pipe(fds) == -1) {
		*why = "pipe() failed";
		return -1;
	}
	fflush(NULL);
	if ((pid = fork()) == -1) {
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
	(void)!read(fds[0], &c, 1);
	close(fds[0]);
	if (c == 'R') {
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
rch_signal_count(int hostsig)
{
	return hostsig > 0 && hostsig < 65 ?
	    __atomic_load_n(&rch_sigcount[hostsig], __ATOMIC_SEQ_CST) : 0;
}

/* Cap the address space at what is mapped now: new thread stacks fail. */
int
rch_starve_threads(const char **why)
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
	rl.rlim_cur = rl.rlim_max = pages * (unsigned long)sysconf(_SC_PAGESIZE) + (1u << 20);
	if (setrlimit(RLIMIT_AS, &rl) == -1) {
		*why = "setrlimit(RLIMIT_AS) failed";
		return -1;
	}
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
