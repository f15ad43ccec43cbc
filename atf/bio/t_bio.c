/* t_bio -- ATF wrapper for the block I/O cases (bio.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_bio)
