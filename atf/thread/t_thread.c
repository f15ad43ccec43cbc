/* t_thread -- ATF wrapper for the thread cases (thread.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_thread)
