/* t_random -- ATF wrapper for the getrandom cases (random.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_random)
