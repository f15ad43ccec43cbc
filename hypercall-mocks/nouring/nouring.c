/*
 * nouring.c -- run a command on a host that refuses io_uring, as a seccomp
 * filter (a container's default profile) or kernel.io_uring_disabled does:
 * io_uring_setup fails with EPERM, or with ENOSYS as on a kernel without
 * it. With -p the ring is set up but its opcode probe is refused (EINVAL,
 * as before Linux 5.6), so a caller that asks whether the kernel knows an
 * opcode hears no, as on a kernel older than the opcode (Linux 6.1 to 6.6
 * and IORING_OP_READ_MULTISHOT). The filter is inherited by every process
 * the command starts.
 *
 *   nouring [-e EPERM|ENOSYS | -p] COMMAND [ARG...]
 */
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <linux/filter.h>
#include <linux/io_uring.h>
#include <linux/seccomp.h>

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The low half of a 64-bit system call argument, in the filter's data. */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ARG_LOW(n)	(offsetof(struct seccomp_data, args[n]) + 4)
#else
#define ARG_LOW(n)	offsetof(struct seccomp_data, args[n])
#endif

static int
install(struct sock_filter *insns, unsigned short len)
{
	struct sock_fprog prog = { .len = len, .filter = insns };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

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

	return install(insns, sizeof(insns) / sizeof(insns[0]));
}

/* io_uring_register (427 everywhere) refuses IORING_REGISTER_PROBE. */
static int
refuse_probe(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_io_uring_register, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LOW(1)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, IORING_REGISTER_PROBE, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EINVAL),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};

	return install(insns, sizeof(insns) / sizeof(insns[0]));
}

int
main(int argc, char **argv)
{
	int error = EPERM, probe = 0, i = 1;

	if (argc > 2 && strcmp(argv[1], "-e") == 0) {
		if (strcmp(argv[2], "ENOSYS") == 0)
			error = ENOSYS;
		else if (strcmp(argv[2], "EPERM") != 0)
			argc = 0;
		i = 3;
	} else if (argc > 1 && strcmp(argv[1], "-p") == 0) {
		probe = 1;
		i = 2;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: nouring [-e EPERM|ENOSYS | -p] command "
		    "[arg ...]\n");
		return 2;
	}
	if ((probe ? refuse_probe() : refuse_io_uring(error)) == -1) {
		perror("nouring: seccomp");
		return 1;
	}
	execvp(argv[i], argv + i);
	perror(argv[i]);
	return 127;
}
