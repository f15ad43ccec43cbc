/* t_virtif -- ATF wrapper for the virtif packet cases (virtif.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_virtif)
