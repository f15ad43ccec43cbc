/* t_iov -- ATF wrapper for the iovread/iovwrite/syncfd cases (iov.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_iov)
