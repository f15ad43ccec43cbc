/*
 * errtrans.c -- host errno to NetBSD errno.  Every host constant with a
 * NetBSD counterpart is listed; anything else becomes EINVAL (22).
 */
#include "rumpuser_int.h"

#include <errno.h>

static int
errtrans_bsd_only(int hosterr)
{

	switch (hosterr) {
#ifdef EPROCLIM
	case EPROCLIM:		return 67;
#endif
#ifdef EBADRPC
	case EBADRPC:		return 72;
#endif
#ifdef ERPCMISMATCH
	case ERPCMISMATCH:	return 73;
#endif
#ifdef EPROGUNAVAIL
	case EPROGUNAVAIL:	return 74;
#endif
#ifdef EPROGMISMATCH
	case EPROGMISMATCH:	return 75;
#endif
#ifdef EPROCUNAVAIL
	case EPROCUNAVAIL:	return 76;
#endif
#ifdef EFTYPE
	case EFTYPE:		return 79;
#endif
#ifdef EAUTH
	case EAUTH:		return 80;
#endif
#ifdef ENEEDAUTH
	case ENEEDAUTH:		return 81;
#endif
#ifdef ENOATTR
	case ENOATTR:		return 93;
#endif
	default:		return NB_EINVAL;
	}
}

int
rumpuser__errtrans(int hosterr)
{

	switch (hosterr) {
	case 0:			return 0;
	case EPERM:		return 1;
	case ENOENT:		return 2;
	case ESRCH:		return 3;
	case EINTR:		return 4;
	case EIO:		return 5;
	case ENXIO:		return 6;
	case E2BIG:		return 7;
	case ENOEXEC:		return 8;
	case EBADF:		return 9;
	case ECHILD:		return 10;
	case EDEADLK:		return 11;
	case ENOMEM:		return 12;
	case EACCES:		return 13;
	case EFAULT:		return 14;
	case ENOTBLK:		return 15;
	case EBUSY:		return 16;
	case EEXIST:		return 17;
	case EXDEV:		return 18;
	case ENODEV:		return 19;
	case ENOTDIR:		return 20;
	case EISDIR:		return 21;
	case EINVAL:		return 22;
	case ENFILE:		return 23;
	case EMFILE:		return 24;
	case ENOTTY:		return 25;
	case ETXTBSY:		return 26;
	case EFBIG:		return 27;
	case ENOSPC:		return 28;
	case ESPIPE:		return 29;
	case EROFS:		return 30;
	case EMLINK:		return 31;
	case EPIPE:		return 32;
	case EDOM:		return 33;
	case ERANGE:		return 34;
	case EAGAIN:		return 35;
#if EWOULDBLOCK != EAGAIN
	case EWOULDBLOCK:	return 35;
#endif
	case EINPROGRESS:	return 36;
	case EALREADY:		return 37;
	case ENOTSOCK:		return 38;
	case EDESTADDRREQ:	return 39;
	case EMSGSIZE:		return 40;
	case EPROTOTYPE:	return 41;
	case ENOPROTOOPT:	return 42;
	case EPROTONOSUPPORT:	return 43;
	case ESOCKTNOSUPPORT:	return 44;
	case EOPNOTSUPP:	return 45;
	case EPFNOSUPPORT:	return 46;
	case EAFNOSUPPORT:	return 47;
	case EADDRINUSE:	return 48;
	case EADDRNOTAVAIL:	return 49;
	case ENETDOWN:		return 50;
	case ENETUNREACH:	return 51;
	case ENETRESET:		return 52;
	case ECONNABORTED:	return 53;
	case ECONNRESET:	return 54;
	case ENOBUFS:		return 55;
	case EISCONN:		return 56;
	case ENOTCONN:		return 57;
	case ESHUTDOWN:		return 58;
	case ETOOMANYREFS:	return 59;
	case ETIMEDOUT:		return 60;
	case ECONNREFUSED:	return 61;
	case ELOOP:		return 62;
	case ENAMETOOLONG:	return 63;
	case EHOSTDOWN:		return 64;
	case EHOSTUNREACH:	return 65;
	case ENOTEMPTY:		return 66;
	case EUSERS:		return 68;
	case EDQUOT:		return 69;
	case ESTALE:		return 70;
	case EREMOTE:		return 71;
	case ENOLCK:		return 77;
	case ENOSYS:		return 78;
	case EIDRM:		return 82;
	case ENOMSG:		return 83;
	case EOVERFLOW:		return 84;
	case EILSEQ:		return 85;
	/* glibc makes ENOTSUP an alias of EOPNOTSUPP, which wins (45). */
#if ENOTSUP != EOPNOTSUPP
	case ENOTSUP:		return 86;
#endif
	case ECANCELED:		return 87;
	case EBADMSG:		return 88;
	case ENODATA:		return 89;
	case ENOSR:		return 90;
	case ENOSTR:		return 91;
	case ETIME:		return 92;
	case EMULTIHOP:		return 94;
	case ENOLINK:		return 95;
	case EPROTO:		return 96;
	default:		return errtrans_bsd_only(hosterr);
	}
}
