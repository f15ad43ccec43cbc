/*
 * nouring.c -- run a command on a host that refuses io_uring, as a seccomp
 * filter (a container's default profile) or kernel.io_uring_disabled does:
 * io_uring_setup fails with EPERM, or with ENOSYS as on a kernel without
 * it. The filter is inherited by every process the command starts.
 *
 *   nouring [-e EPERM|ENOSYS] COMMAND [ARG...]
 */
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <linux/filter.h>
#include <linux/seccomp.h>

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* io_uring_setup has the same number (425) on every architecture. */
static int
refuse_io_uring(int error)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_io_uring_setup, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO |
		    ((unsigned)error & SECCOMP_RET_DATA)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(insns) / sizeof(insns[0]),
		.filter = insns,
	};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

int
main(int argc, char **argv)
{
	int error = EPERM, i = 1;

	if (argc > 2 && strcmp(argv[1], "-e") == 0) {
		if (strcmp(argv[2], "ENOSYS") == 0)
			error = ENOSYS;
		else if (strcmp(argv[2], "EPERM") != 0)
			argc = 0;
		i = 3;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: nouring [-e EPERM|ENOSYS] command [arg ...]\n");
		return 2;
	}
	if (refuse_io_uring(error) == -1) {
		perror("nouring: seccomp");
		return 1;
	}
	execvp(argv[i], argv + i);
	perror(argv[i]);
	return 127;
}
