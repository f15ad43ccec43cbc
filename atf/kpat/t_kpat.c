/* t_kpat -- ATF wrapper for the kernel-pattern cases (kpat.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_kpat)
