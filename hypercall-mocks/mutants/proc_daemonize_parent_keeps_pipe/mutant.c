/*
 * proc_daemonize_parent_keeps_pipe -- daemonize over a pipe whose write
 * end the waiting parent never closes: while the daemon reports, all is
 * well, but when it dies first the parent's read never sees end-of-file
 * and the process that called daemonize_begin waits forever.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "mutant.h"

#define NB_ENOENT	2
#define NB_EINPROGRESS	36

static int statusfd = -1;

static void __attribute__((__noreturn__))
wait_for_status(int fd)
{
	ssize_t n;
	int status;

	while ((n = read(fd, &status, sizeof(status))) == -1 && errno == EINTR)
		continue;
	_exit(n == (ssize_t)sizeof(status) ? status : 1);
}

MUTANT_EXPORT int
rumpuser_daemonize_begin(void)
{
	int p[2];

	if (statusfd != -1)
		return NB_EINPROGRESS;
	if (pipe(p) == -1)
		return posix_rumpuser_component_errtrans(errno);
	switch (fork()) {
	case -1:
		close(p[0]);
		close(p[1]);
		return posix_rumpuser_component_errtrans(errno);
	case 0:
		close(p[0]);
		statusfd = p[1];
		setsid();
		return 0;
	default:
		wait_for_status(p[0]);	/* p[1] stays open here */
	}
}

MUTANT_EXPORT int
rumpuser_daemonize_done(int error)
{
	int fd, i;

	if (statusfd == -1)
		return NB_ENOENT;
	if (error == 0 && (fd = open("/dev/null", O_RDWR)) != -1) {
		for (i = 0; i < 3; i++)
			dup2(fd, i);
		if (fd > 2)
			close(fd);
	}
	(void)!write(statusfd, &error, sizeof(error));
	close(statusfd);
	statusfd = -1;
	return 0;
}
