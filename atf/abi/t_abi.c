/* t_abi -- ATF wrapper for the ABI cases (abi.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_abi)
