/*
 * rumpuser_component.h -- helpers that hypervisor-side driver components
 * (virtif, shmif, ...) use to step out of and back into the rump kernel.
 * Versioned by the shared library, not by RUMPUSER_VERSION.
 */
#ifndef _RUMP_RUMPUSER_COMPONENT_H_
#define _RUMP_RUMPUSER_COMPONENT_H_

struct lwp;

/* Release the virtual CPU; the cookie restores the big-lock count. */
void *rumpuser_component_unschedule(void);
void rumpuser_component_schedule(void *cookie);

/* Host errno to NetBSD errno. */
int rumpuser_component_errtrans(int hosterr);

/* Give the calling host thread an lwp of its own, and take it away. */
void rumpuser_component_kthread(void);
void rumpuser_component_kthread_release(void);

struct lwp *rumpuser_component_curlwp(void);
void rumpuser_component_switchlwp(struct lwp *);

#endif /* _RUMP_RUMPUSER_COMPONENT_H_ */
