/* t_init -- ATF wrapper for the rumpuser_init cases (init.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_init)
