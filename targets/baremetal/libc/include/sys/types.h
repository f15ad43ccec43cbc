/* sys/types.h -- the few POSIX types the suite's headers name, freestanding. */
#ifndef BM_SYS_TYPES_H
#define BM_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef int64_t off_t;
typedef int pid_t;

#endif /* BM_SYS_TYPES_H */
