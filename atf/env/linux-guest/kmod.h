/*
 * kmod.h -- what the module's test side (kmod_env.c, kmod_main.c) needs
 * from the hypervisor side beyond the renamed rumpuser_* calls.
 */
#ifndef KMOD_H
#define KMOD_H

/* See hyp_base.c: the getparam table. 0 or a NetBSD errno. */
int hyp_param_set(const char *name, const char *value);
int hyp_param_load(const char *list);

/* Forget the calling task's lwp binding and errno (at thread end). */
void hyp_self_exit(void);

/*
 * The errno rumpuser_seterrno last left for the calling task (0 if none),
 * in NetBSD numbering: what a rump kernel client inside Linux reads after
 * a failed system call.
 */
int hyp_self_errno(void);

/*
 * An ioctl on f whose driver copies len bytes of arg from (and back to)
 * user memory, from a kernel thread; 0 or a negative Linux errno. Needs
 * hyp_uioctl_hold_mm() from the loading process (module init).
 */
struct file;
void hyp_uioctl_hold_mm(void);
long hyp_uioctl(struct file *f, unsigned int cmd, void *arg, size_t len);

/* kmod_net.c's own hold on the loading process's memory (module init). */
void kmod_net_hold_mm(void);

/* Prefix of every line the host collects from the console. */
#define KMOD_KTAP_PREFIX	"RCKTAP| "

/*
 * Benchmarks, when an object providing this is linked in (module
 * parameter run=bench); it prints its own results. Returns 0 on success.
 */
int rc_kmod_bench(void) __attribute__((__weak__));

#endif /* KMOD_H */
