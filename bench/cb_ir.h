/*
 * cb_ir.h -- instruction counts under callgrind (cb_ir.c), for hosts.
 */
#ifndef CB_IR_H
#define CB_IR_H

#include <stdint.h>

/* Run what filter selects for iters and 2*iters iterations, dumping each. */
int cb_ir_main(const char *filter, uint64_t iters);

#endif /* CB_IR_H */
