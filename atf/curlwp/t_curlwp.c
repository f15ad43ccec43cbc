/* t_curlwp -- ATF wrapper for the curlwp cases (curlwp.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_curlwp)
