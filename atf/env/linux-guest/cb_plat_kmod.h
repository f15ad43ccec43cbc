/*
 * cb_plat_kmod.h -- the benchmark runner's platform in the Linux guest
 * (cb_plat_kmod.c): the kernel threads bench owns (cb_kthread.h) and the
 * prefixes of the console lines the host collects.
 */
#ifndef CB_PLAT_KMOD_H
#define CB_PLAT_KMOD_H

#include "cb_kthread.h"

/* Prefixes of the console lines the host collects: the JSON, the notes. */
#define CB_KMOD_JSON_PREFIX	"RCBENCH| "
#define CB_KMOD_NOTE_PREFIX	"RCBENCH# "

#endif /* CB_PLAT_KMOD_H */
