/*
 * host_noproc.c -- the services of rc_host.h that need a hosting process
 * (host signals, a per-thread host errno) for environments that have none
 * (the Linux kernel, bare metal). Each says what is missing and where, so
 * the cases that need it skip.
 *
 * Included by the environment's host file after it defines RCH_HERE, the
 * place as a phrase ("on bare metal"), and RCH_OWN_ERRNO if it has its
 * own rch_errno (the Linux kernel: the hypervisor keeps it per task).
 */
#ifndef RCH_HERE
#error define RCH_HERE before including host_noproc.c
#endif

#define RCH_NO_PROCESS	"no signals " RCH_HERE ": there is no hosting process"

/* kill has no process to raise a signal in: it is accepted and lost. */
int
rch_host_signal(int netbsd_sig)
{
	(void)netbsd_sig;
	return 0;
}

int
rch_catch_signal(int hostsig, const char **why)
{
	(void)hostsig;
	*why = RCH_NO_PROCESS;
	return -1;
}

int
rch_signal_me_repeatedly(int hostsig, unsigned every_ms, int count,
    const char **why)
{
	(void)hostsig; (void)every_ms; (void)count;
	*why = RCH_NO_PROCESS;
	return -1;
}

void
rch_signals_sent(void)
{
}

int
rch_signal_count(int hostsig)
{
	(void)hostsig;
	return 0;
}

int
rch_signal_mask(const uint64_t *set, uint64_t *now, const char **why)
{
	(void)set; (void)now;
	*why = "no host signal mask " RCH_HERE ": its threads are not a process's";
	return -1;
}

int
rch_leave_stale_errno(const char **why)
{
	*why = "no per-thread host errno " RCH_HERE " to leave an error in";
	return -1;
}

int
rch_leave_interrupted_errno(const char **why)
{
	return rch_leave_stale_errno(why);
}

#ifndef RCH_OWN_ERRNO
int
rch_errno(const char **why)
{
	*why = "no per-thread host errno " RCH_HERE " for a client to read";
	return -1;
}
#endif
