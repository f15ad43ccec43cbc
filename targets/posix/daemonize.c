/*
 * daemonize.c -- detach the hosting process before the kernel boots.
 *
 * begin forks; the parent waits on a socket for the child's status and
 * exits with it, the child carries on in a new session.  done sends the
 * status and, on success, points stdio at /dev/null.
 */
#include "rumpuser_int.h"

#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* The child's end of the status socket; -1 when no begin is pending. */
static int daemon_statusfd = -1;

static void __attribute__((__noreturn__))
parent_wait_and_exit(int fd)
{
	ssize_t n;
	int status;

	while ((n = read(fd, &status, sizeof(status))) < 0 && errno == EINTR)
		continue;
	/* No status means the child died before reporting. */
	_exit(n == (ssize_t)sizeof(status) ? status : 1);
}

int
rumpuser_daemonize_begin(void)
{
	int sv[2];
	pid_t pid;

	if (daemon_statusfd != -1)
		return NB_EINPROGRESS;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return ET(errno);
	/* Whatever is buffered must be written once, not by both. */
	fflush(NULL);
	switch ((pid = fork())) {
	case -1:
		close(sv[0]);
		close(sv[1]);
		return ET(errno);
	case 0:
		close(sv[0]);
		daemon_statusfd = sv[1];
		if (setsid() == -1)
			return ET(errno);
		return 0;
	default:
		close(sv[1]);
		parent_wait_and_exit(sv[0]);
	}
}

static int
stdio_to_devnull(void)
{
	int fd, i;

	if ((fd = open("/dev/null", O_RDWR)) == -1)
		return errno;
	for (i = STDIN_FILENO; i <= STDERR_FILENO; i++) {
		if (dup2(fd, i) == -1) {
			close(fd);
			return errno;
		}
	}
	if (fd > STDERR_FILENO)
		close(fd);
	return 0;
}

int
rumpuser_daemonize_done(int error)
{
	int rv = 0;

	if (daemon_statusfd == -1)
		return NB_ENOENT;
	if (error == 0 && (rv = ET(stdio_to_devnull())) != 0)
		error = rv;
	/* MSG_NOSIGNAL: a vanished parent must not kill us with SIGPIPE. */
	if (send(daemon_statusfd, &error, sizeof(error), MSG_NOSIGNAL) !=
	    (ssize_t)sizeof(error))
		rv = NB_EPIPE;
	close(daemon_statusfd);
	daemon_statusfd = -1;
	return rv;
}
