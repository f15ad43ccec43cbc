/*
 * upcall_kthread_release_noop -- component_kthread_release does nothing:
 * the lwp stays bound to the exiting host thread and leaks in the kernel
 * (its process never loses a thread).
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_component_kthread_release(void)
{
}
