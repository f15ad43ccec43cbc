/* t_mem -- ATF wrapper for the memory cases (mem.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_mem)
