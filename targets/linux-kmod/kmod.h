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

/* Prefix of every line the host collects from the console. */
#define KMOD_KTAP_PREFIX	"RCKTAP| "

/*
 * Benchmarks, when an object providing this is linked in (module
 * parameter run=bench); it prints its own results. Returns 0 on success.
 */
int rc_kmod_bench(void) __attribute__((__weak__));

#endif /* KMOD_H */
