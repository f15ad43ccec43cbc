/* t_rwlock -- ATF wrapper for the rumpuser_rw_* cases (rwlock.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_rwlock)
