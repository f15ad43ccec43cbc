/* t_shmif -- ATF wrapper for the shmif component cases (shmif.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_shmif)
