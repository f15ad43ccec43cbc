/* t_clock -- ATF wrapper for the clock cases (clock.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_clock)
