/* bm_env.h -- between the bare-metal environment's host layer (bm_env.c) and its main (bm_main.c). */
#ifndef BM_ENV_H
#define BM_ENV_H

#include <stdint.h>

/* Prefix of every line the host side collects from the serial console. */
#define BM_KTAP_PREFIX	"RCKTAP| "
/* The benchmarks' lines (run=bench): the JSON, then notes and the ratio table. */
#define BM_BENCH_JSON	"RCBENCH| "
#define BM_BENCH_NOTE	"RCBENCH# "
#define BM_BENCH_METHOD	"gbench-schema wall clock inside TCG on bare metal"
/* Exit statuses the run script understands. */
#define BM_EXIT_DONE	0	/* every selected case reported */
#define BM_EXIT_STOPPED	3	/* a case hung or crashed: restart after it */

/* Write s to the console (newlines as CR LF). */
void bm_env_puts(const char *s);
/* A case starts, to be done by deadline (mono ns); it ended. */
void bm_env_case_begin(uint64_t deadline);
void bm_env_case_end(void);
/*
 * The harness's self-test of the environment's own helpers (scratch files
 * and the disk they live on), run before any case: 0, or -1 and the failed
 * check ("NAME: what went wrong") in buf.
 */
int bm_env_selftest(char *buf, size_t len);
/* The benchmarks instead of the suite (bench_bm.c); 0 when they ran. */
int bm_bench_main(void);

#endif /* BM_ENV_H */
