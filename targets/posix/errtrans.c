/*
 * errtrans.c -- host errno to NetBSD errno.  Every host constant with a
 * NetBSD counterpart is listed; anything else becomes EINVAL.
 */
#include "rumpuser_int.h"

#include <errno.h>

static int
errtrans_bsd_only(int hosterr)
{

	switch (hosterr) {
#ifdef EPROCLIM
	case EPROCLIM:		return NB_EPROCLIM;
#endif
#ifdef EBADRPC
	case EBADRPC:		return NB_EBADRPC;
#endif
#ifdef ERPCMISMATCH
	case ERPCMISMATCH:	return NB_ERPCMISMATCH;
#endif
#ifdef EPROGUNAVAIL
	case EPROGUNAVAIL:	return NB_EPROGUNAVAIL;
#endif
#ifdef EPROGMISMATCH
	case EPROGMISMATCH:	return NB_EPROGMISMATCH;
#endif
#ifdef EPROCUNAVAIL
	case EPROCUNAVAIL:	return NB_EPROCUNAVAIL;
#endif
#ifdef EFTYPE
	case EFTYPE:		return NB_EFTYPE;
#endif
#ifdef EAUTH
	case EAUTH:		return NB_EAUTH;
#endif
#ifdef ENEEDAUTH
	case ENEEDAUTH:		return NB_ENEEDAUTH;
#endif
#ifdef ENOATTR
	case ENOATTR:		return NB_ENOATTR;
#endif
	default:		return NB_EINVAL;
	}
}

int
rumpuser__errtrans(int hosterr)
{

	switch (hosterr) {
	case 0:			return 0;
	case EPERM:		return NB_EPERM;
	case ENOENT:		return NB_ENOENT;
	case ESRCH:		return NB_ESRCH;
	case EINTR:		return NB_EINTR;
	case EIO:		return NB_EIO;
	case ENXIO:		return NB_ENXIO;
	case E2BIG:		return NB_E2BIG;
	case ENOEXEC:		return NB_ENOEXEC;
	case EBADF:		return NB_EBADF;
	case ECHILD:		return NB_ECHILD;
	case EDEADLK:		return NB_EDEADLK;
	case ENOMEM:		return NB_ENOMEM;
	case EACCES:		return NB_EACCES;
	case EFAULT:		return NB_EFAULT;
	case ENOTBLK:		return NB_ENOTBLK;
	case EBUSY:		return NB_EBUSY;
	case EEXIST:		return NB_EEXIST;
	case EXDEV:		return NB_EXDEV;
	case ENODEV:		return NB_ENODEV;
	case ENOTDIR:		return NB_ENOTDIR;
	case EISDIR:		return NB_EISDIR;
	case EINVAL:		return NB_EINVAL;
	case ENFILE:		return NB_ENFILE;
	case EMFILE:		return NB_EMFILE;
	case ENOTTY:		return NB_ENOTTY;
	case ETXTBSY:		return NB_ETXTBSY;
	case EFBIG:		return NB_EFBIG;
	case ENOSPC:		return NB_ENOSPC;
	case ESPIPE:		return NB_ESPIPE;
	case EROFS:		return NB_EROFS;
	case EMLINK:		return NB_EMLINK;
	case EPIPE:		return NB_EPIPE;
	case EDOM:		return NB_EDOM;
	case ERANGE:		return NB_ERANGE;
	case EAGAIN:		return NB_EAGAIN;
#if EWOULDBLOCK != EAGAIN
	case EWOULDBLOCK:	return NB_EAGAIN;
#endif
	case EINPROGRESS:	return NB_EINPROGRESS;
	case EALREADY:		return NB_EALREADY;
	case ENOTSOCK:		return NB_ENOTSOCK;
	case EDESTADDRREQ:	return NB_EDESTADDRREQ;
	case EMSGSIZE:		return NB_EMSGSIZE;
	case EPROTOTYPE:	return NB_EPROTOTYPE;
	case ENOPROTOOPT:	return NB_ENOPROTOOPT;
	case EPROTONOSUPPORT:	return NB_EPROTONOSUPPORT;
	case ESOCKTNOSUPPORT:	return NB_ESOCKTNOSUPPORT;
	case EOPNOTSUPP:	return NB_EOPNOTSUPP;
	case EPFNOSUPPORT:	return NB_EPFNOSUPPORT;
	case EAFNOSUPPORT:	return NB_EAFNOSUPPORT;
	case EADDRINUSE:	return NB_EADDRINUSE;
	case EADDRNOTAVAIL:	return NB_EADDRNOTAVAIL;
	case ENETDOWN:		return NB_ENETDOWN;
	case ENETUNREACH:	return NB_ENETUNREACH;
	case ENETRESET:		return NB_ENETRESET;
	case ECONNABORTED:	return NB_ECONNABORTED;
	case ECONNRESET:	return NB_ECONNRESET;
	case ENOBUFS:		return NB_ENOBUFS;
	case EISCONN:		return NB_EISCONN;
	case ENOTCONN:		return NB_ENOTCONN;
	case ESHUTDOWN:		return NB_ESHUTDOWN;
	case ETOOMANYREFS:	return NB_ETOOMANYREFS;
	case ETIMEDOUT:		return NB_ETIMEDOUT;
	case ECONNREFUSED:	return NB_ECONNREFUSED;
	case ELOOP:		return NB_ELOOP;
	case ENAMETOOLONG:	return NB_ENAMETOOLONG;
	case EHOSTDOWN:		return NB_EHOSTDOWN;
	case EHOSTUNREACH:	return NB_EHOSTUNREACH;
	case ENOTEMPTY:		return NB_ENOTEMPTY;
	case EUSERS:		return NB_EUSERS;
	case EDQUOT:		return NB_EDQUOT;
	case ESTALE:		return NB_ESTALE;
	case EREMOTE:		return NB_EREMOTE;
	case ENOLCK:		return NB_ENOLCK;
	case ENOSYS:		return NB_ENOSYS;
	case EIDRM:		return NB_EIDRM;
	case ENOMSG:		return NB_ENOMSG;
	case EOVERFLOW:		return NB_EOVERFLOW;
	case EILSEQ:		return NB_EILSEQ;
	/* glibc makes ENOTSUP an alias of EOPNOTSUPP, which wins (45). */
#if ENOTSUP != EOPNOTSUPP
	case ENOTSUP:		return NB_ENOTSUP;
#endif
	case ECANCELED:		return NB_ECANCELED;
	case EBADMSG:		return NB_EBADMSG;
	case ENODATA:		return NB_ENODATA;
	case ENOSR:		return NB_ENOSR;
	case ENOSTR:		return NB_ENOSTR;
	case ETIME:		return NB_ETIME;
	case EMULTIHOP:		return NB_EMULTIHOP;
	case ENOLINK:		return NB_ENOLINK;
	case EPROTO:		return NB_EPROTO;
	default:		return errtrans_bsd_only(hosterr);
	}
}
