/*
 * netbsd_errno.h -- the NetBSD errno numbers: what every int-returning
 * hypercall returns, whatever numbering the host uses (rumpuser(3)). The one
 * list of them for the suite, its host layer, the broken hypervisors and
 * the benchmarks. Numbers 1..34 are the same on Linux; most others differ.
 */
#ifndef RUMP_NETBSD_ERRNO_H
#define RUMP_NETBSD_ERRNO_H

#define NB_EPERM	1
#define NB_ENOENT	2
#define NB_ESRCH	3
#define NB_EINTR	4
#define NB_EIO		5
#define NB_ENXIO	6
#define NB_E2BIG	7
#define NB_ENOEXEC	8
#define NB_EBADF	9
#define NB_ECHILD	10
#define NB_EDEADLK	11
#define NB_ENOMEM	12
#define NB_EACCES	13
#define NB_EFAULT	14
#define NB_ENOTBLK	15
#define NB_EBUSY	16
#define NB_EEXIST	17
#define NB_EXDEV	18
#define NB_ENODEV	19
#define NB_ENOTDIR	20
#define NB_EISDIR	21
#define NB_EINVAL	22
#define NB_ENFILE	23
#define NB_EMFILE	24
#define NB_ENOTTY	25
#define NB_ETXTBSY	26
#define NB_EFBIG	27
#define NB_ENOSPC	28
#define NB_ESPIPE	29
#define NB_EROFS	30
#define NB_EMLINK	31
#define NB_EPIPE	32
#define NB_EDOM		33
#define NB_ERANGE	34
#define NB_EAGAIN	35
#define NB_EINPROGRESS	36
#define NB_EALREADY	37
#define NB_ENOTSOCK	38
#define NB_EDESTADDRREQ	39
#define NB_EMSGSIZE	40
#define NB_EPROTOTYPE	41
#define NB_ENOPROTOOPT	42
#define NB_EPROTONOSUPPORT	43
#define NB_ESOCKTNOSUPPORT	44
#define NB_EOPNOTSUPP	45
#define NB_EPFNOSUPPORT	46
#define NB_EAFNOSUPPORT	47
#define NB_EADDRINUSE	48
#define NB_EADDRNOTAVAIL	49
#define NB_ENETDOWN	50
#define NB_ENETUNREACH	51
#define NB_ENETRESET	52
#define NB_ECONNABORTED	53
#define NB_ECONNRESET	54
#define NB_ENOBUFS	55
#define NB_EISCONN	56
#define NB_ENOTCONN	57
#define NB_ESHUTDOWN	58
#define NB_ETOOMANYREFS	59
#define NB_ETIMEDOUT	60
#define NB_ECONNREFUSED	61
#define NB_ELOOP	62
#define NB_ENAMETOOLONG	63
#define NB_EHOSTDOWN	64
#define NB_EHOSTUNREACH	65
#define NB_ENOTEMPTY	66
#define NB_EPROCLIM	67
#define NB_EUSERS	68
#define NB_EDQUOT	69
#define NB_ESTALE	70
#define NB_EREMOTE	71
#define NB_EBADRPC	72
#define NB_ERPCMISMATCH	73
#define NB_EPROGUNAVAIL	74
#define NB_EPROGMISMATCH	75
#define NB_EPROCUNAVAIL	76
#define NB_ENOLCK	77
#define NB_ENOSYS	78
#define NB_EFTYPE	79
#define NB_EAUTH	80
#define NB_ENEEDAUTH	81
#define NB_EIDRM	82
#define NB_ENOMSG	83
#define NB_EOVERFLOW	84
#define NB_EILSEQ	85
#define NB_ENOTSUP	86
#define NB_ECANCELED	87
#define NB_EBADMSG	88
#define NB_ENODATA	89
#define NB_ENOSR	90
#define NB_ENOSTR	91
#define NB_ETIME	92
#define NB_ENOATTR	93
#define NB_EMULTIHOP	94
#define NB_ENOLINK	95
#define NB_EPROTO	96

#endif /* RUMP_NETBSD_ERRNO_H */
