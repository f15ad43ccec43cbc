/*
 * rc_areas.h -- declarations of every area's case list (atf/areas.def).
 */
#ifndef RC_AREAS_H
#define RC_AREAS_H

#include "rc_test.h"

#define RC_AREA(name) extern const struct rc_area rc_area_##name;
#include "../areas.def"
#undef RC_AREA

#endif /* RC_AREAS_H */
