/*
 * hostcalls.c -- the hypercalls that only talk to the host: parameters,
 * randomness, reading the clocks, console, termination and signals; and
 * the checks of rumpuser_init and the upcall table it copies.
 * Shared by the POSIX and fiber hypervisors; each says how many CPUs it
 * has (rumpuser__ncpu) and sleeps its own way (clock.c).
 */
#include "rumpuser_int.h"

#include <sys/random.h>

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void
rumpuser__fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("rumpuser: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

struct rumpuser_hyperup rumpuser__hyp;

/* A version mismatch is reported as EINVAL, the errno rump_init() gives. */
int
rumpuser__init_table(int version, const struct rumpuser_hyperup *hyp)
{

	if (version != RUMPUSER_VERSION) {
		fprintf(stderr, "rumpuser: kernel uses hypercall revision %d, "
		    "this hypervisor implements %d\n", version,
		    RUMPUSER_VERSION);
		return NB_EINVAL;
	}
	if (hyp == NULL) {
		fprintf(stderr, "rumpuser: init without an upcall table\n");
		return NB_EINVAL;
	}
	rumpuser__hyp = *hyp;
	return 0;
}

/*
 * Parameters
 */

static int
copyparam(const char *value, void *buf, size_t buflen)
{
	size_t len = strlen(value) + 1;

	if (len > buflen)
		return NB_ERANGE;
	memcpy(buf, value, len);
	return 0;
}

static int
getparam_ncpu(void *buf, size_t buflen)
{
	char value[32];

	snprintf(value, sizeof(value), "%ld", rumpuser__ncpu());
	return copyparam(value, buf, buflen);
}

static int
getparam_hostname(void *buf, size_t buflen)
{
	char host[256], value[300];

	if (gethostname(host, sizeof(host)) == 0) {
		host[sizeof(host) - 1] = '\0';
		snprintf(value, sizeof(value), "rump-%d.%s", (int)getpid(),
		    host);
	} else {
		snprintf(value, sizeof(value), "rump-%d", (int)getpid());
	}
	return copyparam(value, buf, buflen);
}

int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	const char *value;

	if (name == NULL || buf == NULL)
		return NB_EINVAL;
	if (strcmp(name, RUMPUSER_PARAM_NCPU) == 0)
		return getparam_ncpu(buf, buflen);
	if (strcmp(name, RUMPUSER_PARAM_HOSTNAME) == 0)
		return getparam_hostname(buf, buflen);
	/* The '_' namespace is reserved for mandatory parameters. */
	if (name[0] == '_')
		return NB_EINVAL;
	if ((value = getenv(name)) == NULL)
		return NB_ENOENT;
	return copyparam(value, buf, buflen);
}

int
rumpuser__threads_disabled(void)
{
	const char *env = getenv("RUMP_THREADS");

	return env != NULL && env[0] == '0';
}

/*
 * Randomness
 */

static unsigned int
random_hostflags(int flags)
{
	unsigned int hostflags = 0;

	if (flags & RUMPUSER_RANDOM_HARD)
		hostflags |= GRND_RANDOM;
	if (flags & RUMPUSER_RANDOM_NOWAIT)
		hostflags |= GRND_NONBLOCK;
	return hostflags;
}

/* Fill the whole buffer; with NOWAIT stop early rather than block. */
int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	unsigned int hostflags = random_hostflags(flags);
	size_t done = 0;
	ssize_t n;

	while (done < buflen) {
#ifdef __EMSCRIPTEN__	/* no getrandom(); getentropy() never blocks */
		(void)hostflags;
		n = buflen - done < 256 ? buflen - done : 256;
		if (getentropy((char *)buf + done, (size_t)n) == -1)
			n = -1;
#else
		n = getrandom((char *)buf + done, buflen - done, hostflags);
#endif
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN && done > 0)
				break;
			*retp = done;
			return ET(errno);
		}
		done += (size_t)n;
	}
	*retp = done;
	return 0;
}

/*
 * Clocks
 */

#ifdef __EMSCRIPTEN__
/*
 * A browser's workers each count CLOCK_MONOTONIC (performance.now()) from
 * their own time origin, so two threads' reads can step back by a
 * millisecond or more: never hand out a time earlier than one already seen.
 */
static void
monotonic_across_threads(struct timespec *ts)
{
	static _Atomic int64_t seen;
	int64_t ns = (int64_t)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
	int64_t old = atomic_load(&seen);

	while (old < ns && !atomic_compare_exchange_weak(&seen, &old, ns))
		continue;
	if (old > ns) {
		ts->tv_sec = (time_t)(old / NSEC_PER_SEC);
		ts->tv_nsec = (long)(old % NSEC_PER_SEC);
	}
}
#endif

int
rumpuser_clock_gettime(int enum_rumpclock, int64_t *sec, long *nsec)
{
	struct timespec ts;
	clockid_t clk;

	switch (enum_rumpclock) {
	case RUMPUSER_CLOCK_RELWALL:
		clk = CLOCK_REALTIME;
		break;
	case RUMPUSER_CLOCK_ABSMONO:
		clk = CLOCK_MONOTONIC;
		break;
	default:
		return NB_EINVAL;
	}
	if (clock_gettime(clk, &ts) != 0)
		return ET(errno);
#ifdef __EMSCRIPTEN__
	if (clk == CLOCK_MONOTONIC)
		monotonic_across_threads(&ts);
#endif
	*sec = ts.tv_sec;
	*nsec = ts.tv_nsec;
	return 0;
}

/*
 * Console
 */

/* stdout may be fully buffered; flush per line so a panic loses nothing. */
void
rumpuser_putchar(int c)
{

	putc(c, stdout);
	if (c == '\n')
		fflush(stdout);
}

void
rumpuser_dprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/*
 * Termination, signals, errno
 */

void
rumpuser_exit(int rv)
{

	if (rv == RUMPUSER_PANIC) {
		fflush(stdout);
		fputs("rumpuser: rump kernel panic, aborting\n", stderr);
		abort();
	}
	exit(rv);
}

int
rumpuser_kill(int64_t pid, int sig)
{
	int hostsig;

	(void)pid;	/* only a hint; the signal goes to this process */
	if (sig < 1 || sig > 32)
		return NB_EINVAL;
	if ((hostsig = rumpuser__sigtrans(sig)) == 0)
		return 0;
	if (raise(hostsig) != 0)
		return ET(errno);
	return 0;
}

