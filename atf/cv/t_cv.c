/* t_cv -- ATF wrapper for the rumpuser_cv_* cases (cv.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_cv)
