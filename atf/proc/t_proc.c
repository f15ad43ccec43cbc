/* t_proc -- ATF wrapper for the process cases (proc.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_proc)
