/* t_dl -- ATF wrapper for the dl_bootstrap cases (dl.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_dl)
