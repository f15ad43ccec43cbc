/*
 * rumpuser.c -- init, parameters, randomness, console, termination,
 * signals and errno for the fiber hypervisor.
 */
#include "fiber_int.h"

#include <sys/random.h>

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rumpuser_hyperup rumpuser__hyp;

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

/*
 * The calling context becomes the first fiber.  A second init (a new
 * kernel in the same process) only replaces the upcall table.
 */
int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
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
	fiber_self();
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

/* One host thread runs every fiber: there is exactly one CPU. */
int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	const char *value;

	if (name == NULL || buf == NULL)
		return NB_EINVAL;
	if (strcmp(name, RUMPUSER_PARAM_NCPU) == 0)
		return copyparam("1", buf, buflen);
	if (strcmp(name, RUMPUSER_PARAM_HOSTNAME) == 0)
		return getparam_hostname(buf, buflen);
	/* The '_' namespace is reserved for mandatory parameters. */
	if (name[0] == '_')
		return NB_EINVAL;
	if ((value = getenv(name)) == NULL)
		return NB_ENOENT;
	return copyparam(value, buf, buflen);
}

/*
 * Randomness
 */

/*
 * Fill the whole buffer.  NOWAIT never blocks: it stops early if the
 * host pool is not ready, after at least one byte if any was available.
 */
int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	unsigned int hostflags = 0;
	size_t done = 0;
	ssize_t n;

	if (flags & RUMPUSER_RANDOM_HARD)
		hostflags |= GRND_RANDOM;
	if (flags & RUMPUSER_RANDOM_NOWAIT)
		hostflags |= GRND_NONBLOCK;
	while (done < buflen) {
		n = getrandom((char *)buf + done, buflen - done, hostflags);
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

/* Already a NetBSD errno; per fiber, as the scheduler saves errno. */
void
rumpuser_seterrno(int error)
{

	errno = error;
}
