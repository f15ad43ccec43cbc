/* fdt.h -- the few things a board's boot loader hands over in its flattened device tree: the command line (/chosen) and the RAM. */
#ifndef BAREMETAL_MACHINE_FDT_H
#define BAREMETAL_MACHINE_FDT_H

#include <stddef.h>
#include <stdint.h>

/* Whether blob is a flattened device tree (its magic and a sane size). */
int fdt_valid(const void *blob);
/* The string property prop of /chosen (NUL-terminated), or NULL. */
const char *fdt_chosen(const void *blob, const char *prop);
/* /chosen's rumpcheck,epoch (decimal seconds, what a Pi's job says the
   wall clock was): 0 and *sec set, or -1. */
int fdt_chosen_epoch(const void *blob, int64_t *sec);
/* The first bank of /memory (one or two cells each, as the root says):
   0 and *base, *size set, or -1. */
int fdt_memory(const void *blob, uint64_t *base, uint64_t *size);

#endif /* BAREMETAL_MACHINE_FDT_H */
