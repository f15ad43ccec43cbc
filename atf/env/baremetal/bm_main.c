/*
 * bm_main.c -- the bare-metal image's main: the whole suite against the
 * built-in hypervisor, KTAP on the serial console (lines prefixed
 * BM_KTAP_PREFIX), then an end marker.
 *
 * Command line words (QEMU -append): NAME=VALUE are getparam names (the
 * hypervisor reads them); run=bench runs the benchmarks instead
 * (bench_bm.c); after=CASE runs only the cases after CASE (the
 * host side restarts there after a hang); only=CASE,CASE and
 * areas=AREA,AREA run only those cases and the cases of those areas.
 * A case that is still running past its time plus a margin is stopped by
 * the machine's watchdog, as is a case that crashes the CPU: either is
 * reported against its name, then the machine exits with BM_EXIT_STOPPED.
 */
#include <stdarg.h>
#include <string.h>

#include "bm.h"
#include "bm_env.h"
#include "bm_printf.h"
#include "rc_areas.h"
#include "rc_ktap.h"
#include "rc_run.h"
#include "rc_target.h"

#define WATCHDOG_MARGIN_NS	(15ull * 1000000000u)

static const struct rc_area *const areas[] = {
#define RC_AREA(name) &rc_area_##name,
#include "bm_areas.h"
#undef RC_AREA
	NULL
};

static const char **selected;	/* names, in run order */
static int nselected, current = -1;

void
bm_env_puts(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			mach_putc('\r');
		mach_putc(*s);
	}
}

/* The value of word key=... on the command line, copied into buf; 0 if absent. */
static int
cmdline_word(const char *key, char *buf, size_t len)
{
	const char *p = mach_cmdline();
	size_t klen = strlen(key), n;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		for (n = 0; p[n] != ' ' && p[n] != '\0'; n++)
			continue;
		if (n > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
			n -= klen + 1;
			n = n < len - 1 ? n : len - 1;
			memcpy(buf, p + klen + 1, n);
			buf[n] = '\0';
			return 1;
		}
		p += n;
	}
	return 0;
}

/* Is name in the comma-separated list? */
static int
listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; *p != '\0'; p++) {
		if ((p == list || p[-1] == ',') && strncmp(p, name, n) == 0 &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
	}
	return 0;
}

/* The cases to run, in order, and the same as a filter for rc_ktap_run. */
static char *
select_cases(void)
{
	static char after[128], only[8192], in_areas[512];	/* only: a whole command line */
	const struct rc_area *const *a;
	const struct rc_case *const *c;
	int have_after = cmdline_word("after", after, sizeof(after));
	int have_only = cmdline_word("only", only, sizeof(only));
	int have_areas = cmdline_word("areas", in_areas, sizeof(in_areas));
	int skipping = have_after, total = 0;
	size_t len = 1;
	char *filter;

	for (a = areas; *a != NULL; a++)
		for (c = (*a)->cases; *c != NULL; c++, total++)
			len += strlen((*c)->name) + 1;
	if ((selected = bm_alloc(sizeof(*selected) * (size_t)total, 16)) == NULL ||
	    (filter = bm_alloc(len, 16)) == NULL)
		bm_fatal("no memory for the case list");
	filter[0] = '\0';
	for (a = areas; *a != NULL; a++) {
		for (c = (*a)->cases; *c != NULL; c++) {
			if (skipping) {
				skipping = strcmp((*c)->name, after) != 0;
				continue;
			}
			if ((have_only || have_areas) && !(have_only && listed(only, (*c)->name)) &&
			    !(have_areas && listed(in_areas, (*a)->name)))
				continue;
			selected[nselected++] = (*c)->name;
			memcpy(filter + strlen(filter), (*c)->name, strlen((*c)->name) + 1);
			memcpy(filter + strlen(filter), " ", 2);
		}
	}
	return filter;
}

static void
ktap(const char *fmt, ...)
{
	char line[1200];
	va_list ap;

	va_start(ap, fmt);
	bm_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	rch_ktap_line(line);
}

/* The running case stopped the machine: its verdict, then where to restart. */
static void
stopped(const char *how)
{
	static char ids[1024], reason[1024];
	const char *name = current >= 0 && current < nselected ? selected[current] : "?";

	mach_watchdog(0, NULL);
	rc_diagnose_stop(how, NULL);
	ids[0] = '#', ids[1] = ' ';
	rc_id_line(ids + 2, sizeof(ids) - 2);
	rch_ktap_line(ids);
	bm_snprintf(reason, sizeof(reason), "%s", rc_reason_now());
	for (char *p = reason; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '#')
			*p = ' ';
	ktap("not ok %d %s # %s: %s", current + 1, name,
	    how != NULL ? how : "HANG: stopped by the machine's watchdog", reason);
	ktap("# bm-restart-after %s", name);
	mach_exit(BM_EXIT_STOPPED);
}

static void
watchdog_fired(void)
{
	stopped(NULL);
}

void
baremetal_fault(const char *what)
{
	static char how[96];

	bm_snprintf(how, sizeof(how), "CRASH: unexpected %s exception", what);
	stopped(how);
}

void
bm_env_case_begin(uint64_t deadline)
{
	uint64_t now = mach_mono_ns();

	current++;
	/* The seconds the watchdog allows: the host's quiet watch waits longer. */
	if (current < nselected)
		ktap("# bm-case %s %llu", selected[current], (unsigned long long)
		    ((deadline > now ? deadline - now : 0) + WATCHDOG_MARGIN_NS) / 1000000000u);
	mach_watchdog(deadline + WATCHDOG_MARGIN_NS, watchdog_fired);
}

void
bm_env_case_end(void)
{
	mach_watchdog(0, NULL);
}

int
baremetal_main(void)
{
	char err[256], *filter, run[16];
	uint64_t t0 = mach_mono_ns();
	int failed;

	if (cmdline_word("run", run, sizeof(run)) && strcmp(run, "bench") == 0)
		return bm_bench_main() == 0 ? BM_EXIT_DONE : 1;
	filter = select_cases();
	ktap("# machine %s, counter %llu Hz, %d cases selected", mach_name(),
	    (unsigned long long)mach_counter_hz(), nselected);
	if (rc_target_load("baremetal", err, sizeof(err)) == -1) {
		ktap("# ERROR %s", err);
		return 1;
	}
	/*
	 * A broken helper would make every verdict on files untrustworthy.
	 * A restart after a stopped case (after=) boots the same image on a
	 * fresh disk: its first boot checked the helper already.
	 */
	if (!cmdline_word("after", err, sizeof(err)) && bm_env_selftest(err, sizeof(err)) == -1) {
		ktap("# ERROR harness self-test %s", err);
		return 1;
	}
	failed = nselected > 0 ? rc_ktap_run(areas, filter) : 0;
	ktap("# rumpcheck-end ktap result=%d in %llu ms", failed,
	    (unsigned long long)((mach_mono_ns() - t0) / 1000000u));
	return BM_EXIT_DONE;
}
