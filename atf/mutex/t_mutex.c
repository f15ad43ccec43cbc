/* t_mutex -- ATF wrapper for the rumpuser_mutex_* cases (mutex.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_mutex)
