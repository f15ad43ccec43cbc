/* wall.c -- the wall clock from one real-time clock read at boot plus the monotonic counter; counter and date arithmetic. */
#include "machine.h"
#include "common.h"
#include "rump/netbsd_errno.h"

static int64_t base_sec;
static uint64_t base_mono;
static int have_base;

void
wall_set_base(int64_t epoch_sec)
{
	base_sec = epoch_sec;
	base_mono = mach_mono_ns();
	have_base = 1;
}

int
mach_wall(int64_t *sec, long *nsec)
{
	uint64_t since;

	if (!have_base)
		return -NB_ENOTSUP;
	since = mach_mono_ns() - base_mono;
	*sec = base_sec + (int64_t)(since / NS_PER_SEC);
	*nsec = (long)(since % NS_PER_SEC);
	return 0;
}

void
tick_scale_init(struct tick_scale *s, uint64_t hz)
{
	/* hz <= 2^32: the remainder shifted left by 32 still fits */
	uint64_t mul = (NS_PER_SEC / hz << 32) + ((NS_PER_SEC % hz << 32) / hz);

	s->mul_hi = (uint32_t)(mul >> 32);
	s->mul_lo = (uint32_t)mul;
}

uint64_t
tick_scale_ns(const struct tick_scale *s, uint64_t ticks)
{
	uint32_t hi = (uint32_t)(ticks >> 32), lo = (uint32_t)ticks;

	return ((uint64_t)hi * s->mul_hi << 32) + (uint64_t)hi * s->mul_lo +
	    (uint64_t)lo * s->mul_hi + ((uint64_t)lo * s->mul_lo >> 32);
}

int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	/* Count from 0000-03-01 so the leap day is last in its year. */
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}
