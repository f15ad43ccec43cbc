/* t_console -- ATF wrapper for the console cases (console.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_console)
