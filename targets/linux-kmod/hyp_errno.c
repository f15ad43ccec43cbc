/*
 * hyp_errno.c -- Linux errno values to NetBSD ones.  1..10 and 12..34 are
 * the same on both; the rest differ or do not exist on NetBSD (EINVAL).
 */
#include <linux/errno.h>
#include <linux/kernel.h>

#include "hyp.h"

static const struct {
	short lx, nb;
} errmap[] = {
	{ EAGAIN, 35 }, { EDEADLK, 11 }, { ENAMETOOLONG, 63 }, { ENOLCK, 77 },
	{ ENOSYS, 78 }, { ENOTEMPTY, 66 }, { ELOOP, 62 }, { ENOMSG, 83 },
	{ EIDRM, 82 }, { ENOSTR, 91 }, { ENODATA, 89 }, { ETIME, 92 },
	{ ENOSR, 90 }, { EREMOTE, 71 }, { ENOLINK, 95 }, { EPROTO, 96 },
	{ EMULTIHOP, 94 }, { EBADMSG, 88 }, { EOVERFLOW, 84 }, { EILSEQ, 85 },
	{ EUSERS, 68 }, { ENOTSOCK, 38 }, { EDESTADDRREQ, 39 }, { EMSGSIZE, 40 },
	{ EPROTOTYPE, 41 }, { ENOPROTOOPT, 42 }, { EPROTONOSUPPORT, 43 },
	{ ESOCKTNOSUPPORT, 44 }, { EOPNOTSUPP, 45 }, { EPFNOSUPPORT, 46 },
	{ EAFNOSUPPORT, 47 }, { EADDRINUSE, 48 }, { EADDRNOTAVAIL, 49 },
	{ ENETDOWN, 50 }, { ENETUNREACH, 51 }, { ENETRESET, 52 },
	{ ECONNABORTED, 53 }, { ECONNRESET, 54 }, { ENOBUFS, 55 }, { EISCONN, 56 },
	{ ENOTCONN, 57 }, { ESHUTDOWN, 58 }, { ETOOMANYREFS, 59 },
	{ ETIMEDOUT, 60 }, { ECONNREFUSED, 61 }, { EHOSTDOWN, 64 },
	{ EHOSTUNREACH, 65 }, { EALREADY, 37 }, { EINPROGRESS, 36 },
	{ ESTALE, 70 }, { EDQUOT, 69 }, { ECANCELED, 87 },
	/* Kernel-internal values that can leak out of VFS calls. */
	{ ERESTARTSYS, 4 }, { ERESTARTNOINTR, 4 }, { ENOTSUPP, 45 },
};

int
hyp_errtrans(int e)
{
	size_t i;

	if (e < 0)
		e = -e;
	if (e == 0 || (e <= 34 && e != EAGAIN))
		return e;
	for (i = 0; i < ARRAY_SIZE(errmap); i++)
		if (errmap[i].lx == e)
			return errmap[i].nb;
	return NB_EINVAL;
}
