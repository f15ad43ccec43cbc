/* t_file -- ATF wrapper for the open/close/getfileinfo cases (file.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_file)
