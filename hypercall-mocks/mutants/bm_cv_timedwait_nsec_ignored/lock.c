/*
 * lock.c of a broken bare-metal hypervisor: cv_timedwait builds its
 * deadline from the seconds of the timeout only (a port whose timer API
 * took whole seconds), so a sub-second wait times out at once.
 */
#include "bm.h"

#define bm_deadline_after(sec, nsec)	bm_deadline_after((sec), 0)
#include "../../../targets/baremetal/lock.c"
