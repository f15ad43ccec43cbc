/* t_upcall -- ATF wrapper for the upcall discipline cases (upcall.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_upcall)
