/*
 * clock.c of a broken bare-metal hypervisor: ABSMONO converts the counter
 * with the frequency a real Raspberry Pi has (19.2 MHz) instead of the one
 * CNTFRQ gives (62.5 MHz under QEMU): a port that assumed the board.
 */
#include "bm.h"

static uint64_t
assumed_mono_ns(void)
{
	uint64_t c = mach_counter(), f = 19200000u;

	return c / f * 1000000000u + c % f * 1000000000u / f;
}

#define mach_mono_ns	assumed_mono_ns
#include "../../../targets/baremetal/clock.c"
