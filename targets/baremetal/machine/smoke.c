/* smoke.c -- every machine.h call on one machine, checked from inside; the host side (scripts/baremetal-smoke) checks the rest. */
#include "machine.h"

/*
 * The command line (from the host) says what the machine was given:
 * "bm-smoke blks=N nets=N disk=BYTES". One line per check, "ok - ..." or
 * "not ok - ...", then the watchdog fires on a spin and its handler exits
 * with the number of failed checks.
 */

#define SECTOR		512
#define FRAME_LEN	60
#define THREAD_STACK	16384
#define PINGPONGS	1000

static int failures;

/* The compiler may call these even in freestanding code; the hypervisor's
   image has its own, this image is only the smoke test. */
void *
memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

void *
memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n-- > 0)
		*d++ = (unsigned char)c;
	return dst;
}

void *
memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d < s)
		return memcpy(dst, src, n);
	while (n-- > 0)
		d[n] = s[n];
	return dst;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n > 0; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

static void
puts_(const char *s)
{
	while (*s != '\0')
		mach_putc(*s++);
}

static void
putu(uint64_t v)
{
	char buf[21];
	int i = 20;

	buf[i] = '\0';
	do
		buf[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	puts_(buf + i);
}

static void
puti(int64_t v)
{
	if (v < 0) {
		mach_putc('-');
		putu((uint64_t)-v);
	} else
		putu((uint64_t)v);
}

static void
puthex(uint64_t v)
{
	int shift;

	puts_("0x");
	for (shift = 60; shift > 0 && (v >> shift) == 0; shift -= 4)
		;
	for (; shift >= 0; shift -= 4)
		mach_putc("0123456789abcdef"[v >> shift & 0xf]);
}

/* Starts a check's line: "ok - name: " or "not ok - name: ". */
static int
verdict(int ok, const char *name)
{
	if (!ok)
		failures++;
	puts_(ok ? "ok - " : "not ok - ");
	puts_(name);
	puts_(": ");
	return ok;
}

/* The value of "key=N" on the command line, or dflt. */
static uint64_t
cmdline_num(const char *key, uint64_t dflt)
{
	const char *s = mach_cmdline(), *k;
	uint64_t v;

	for (; *s != '\0'; s++) {
		if (s != mach_cmdline() && s[-1] != ' ')
			continue;
		for (k = key; *k != '\0' && *s == *k; k++, s++)
			;
		if (*k != '\0' || *s != '=')
			continue;
		for (v = 0, s++; *s >= '0' && *s <= '9'; s++)
			v = v * 10 + (uint64_t)(*s - '0');
		return v;
	}
	return dflt;
}

static void
check_identity(void)
{
	const char *cl = mach_cmdline();

	verdict(mach_name() != NULL && mach_name()[0] != '\0', "name");
	puts_(mach_name());
	puts_("\n");
	verdict(cmdline_num("bm-smoke", 0) == 1, "cmdline");
	puts_("\"");
	puts_(cl);
	puts_("\"\n");
}

static void
check_ram(void)
{
	uintptr_t lo, hi;
	size_t pg = mach_page_size();
	volatile uint32_t *first, *last;
	int ok;

	mach_ram(&lo, &hi);
	ok = pg >= 4096 && (pg & (pg - 1)) == 0 && lo % pg == 0 &&
	    hi % pg == 0 && hi > lo && hi - lo >= (4u << 20);
	if (ok) {
		first = (volatile uint32_t *)lo;
		last = (volatile uint32_t *)(hi - 4);
		*first = 0x5a5aa5a5;
		*last = 0xa5a55a5a;
		ok = *first == 0x5a5aa5a5 && *last == 0xa5a55a5a;
	}
	verdict(ok, "ram");
	puts_("[");
	puthex(lo);
	puts_(", ");
	puthex(hi);
	puts_(") page ");
	putu(pg);
	puts_(", first and last word written and read back\n");
}

static void
check_clocks(void)
{
	uint64_t hz = mach_counter_hz(), c0, c1, t0, t1;
	int64_t sec;
	long nsec;
	int rv;

	t0 = mach_mono_ns();
	c0 = mach_counter();
	do
		t1 = mach_mono_ns();
	while (t1 - t0 < 2000000);
	c1 = mach_counter();
	verdict(hz >= 1000000 && hz <= 10000000000ull && c1 > c0, "counter");
	puts_("hz ");
	putu(hz);
	puts_(", ");
	putu(c1 - c0);
	puts_(" counts over 2 ms of mono time\n");
	verdict(t1 > t0 && t1 - t0 >= 2000000, "mono");
	puts_("advanced ");
	putu(t1 - t0);
	puts_(" ns\n");
	rv = mach_wall(&sec, &nsec);
	/* 2020-01-01 .. 2100-01-01: the host compares with its own clock */
	verdict(rv == 0 && sec > 1577836800 && sec < 4102444800 && nsec >= 0 &&
	    nsec < 1000000000, "wall");
	puts_("rv ");
	puti(rv);
	puts_(" wall-sec ");
	puti(sec);
	puts_(" nsec ");
	puti(nsec);
	puts_("\n");
}

/* Called with interrupts disabled, the idle must still wake at its
   deadline and leave them disabled. */
static void
check_idle_masked(void)
{
	uint64_t deadline, t1;
	unsigned wakes = 0;
	int was = mach_irq_disable(), after;

	deadline = mach_mono_ns() + 50000000;
	while ((t1 = mach_mono_ns()) < deadline && wakes < 1000) {
		mach_idle_until(deadline);
		wakes++;
	}
	after = mach_irq_disable();
	mach_irq_restore(was);
	verdict(t1 >= deadline && wakes <= 50 && after == 0, "idle_masked");
	puts_("50 ms idle with interrupts disabled: ");
	putu(wakes);
	puts_(" calls, still disabled after: ");
	puts_(after == 0 ? "yes\n" : "no\n");
}

/* The host times these two lines: real time must match the mono time. */
static void
check_idle(void)
{
	uint64_t t0 = mach_mono_ns(), deadline = t0 + 1000000000, t1;
	unsigned wakes = 0;

	puts_("idle-start mono ");
	putu(t0);
	puts_("\n");
	while ((t1 = mach_mono_ns()) < deadline) {
		mach_idle_until(deadline);
		wakes++;
	}
	puts_("idle-end mono ");
	putu(t1);
	puts_("\n");
	/* A return without sleeping would loop millions of times. */
	verdict(wakes >= 1 && wakes <= 50 && t1 - deadline < 500000000, "idle_until");
	puts_("1 s idle took ");
	putu(t1 - t0);
	puts_(" ns in ");
	putu(wakes);
	puts_(" calls\n");
	check_idle_masked();
}

static void
check_irq(void)
{
	int a, b, c;

	a = mach_irq_disable();
	b = mach_irq_disable();
	mach_irq_restore(b);
	c = mach_irq_disable();
	mach_irq_restore(a);
	mach_irq_restore(a);
	verdict(a == 1 && b == 0 && c == 0 && mach_irq_disable() == 1, "irq");
	mach_irq_restore(1);
	puts_("enabled after mach_init, disable/disable/restore nest\n");
}

static void
check_random(void)
{
	uint8_t a[32], b[32];
	long ra, rb;
	int nonzero = 0, i;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	ra = mach_random(a, sizeof(a));
	rb = mach_random(b, 7);		/* not a multiple of the word */
	for (i = 0; i < 32; i++)
		nonzero |= a[i];
	verdict(ra == 32 && rb == 7 && nonzero != 0 && memcmp(a, b, 7) != 0,
	    "random");
	puts_("returned ");
	puti(ra);
	puts_(" and ");
	puti(rb);
	puts_(", first word ");
	puthex(*(uint32_t *)a);
	puts_("\n");
}

static uint8_t sect[4][SECTOR];

static void
fill(uint8_t *p, uint8_t seed)
{
	int i;

	for (i = 0; i < SECTOR; i++)
		p[i] = (uint8_t)(seed + i * 7);
}

/* Sector 0 gets a pattern the host looks for in the file afterwards;
   sector 1 holds the host's "rumpcheck-smoke-disk" before the run. */
static void
check_blk(void)
{
	uint64_t want = cmdline_num("blks", 0), bytes = cmdline_num("disk", 0);
	uint64_t last;
	int n = mach_blk_count(), w, f, r0, r1, r2;

	verdict((uint64_t)n == want, "blk_count");
	puti(n);
	puts_(" devices, expected ");
	putu(want);
	puts_("\n");
	if (n < 1)
		return;
	last = mach_blk_size(0) - SECTOR;
	fill(sect[0], 0x31);
	fill(sect[1], 0x77);
	w = mach_blk_rw(0, 1, 0, sect[0], SECTOR);
	w |= mach_blk_rw(0, 1, last, sect[1], SECTOR);
	f = mach_blk_flush(0);
	r0 = mach_blk_rw(0, 0, 0, sect[2], SECTOR);
	r1 = mach_blk_rw(0, 0, SECTOR, sect[3], SECTOR);
	verdict(mach_blk_size(0) == bytes && w == 0 && f == 0 && r0 == 0 &&
	    r1 == 0 && memcmp(sect[0], sect[2], SECTOR) == 0 &&
	    memcmp(sect[3], "rumpcheck-smoke-disk", 20) == 0, "blk_rw");
	r2 = mach_blk_rw(0, 0, last, sect[2], SECTOR);
	puts_(mach_blk_name(0));
	puts_(" size ");
	putu(mach_blk_size(0));
	puts_(", write/flush/read ");
	puti(w);
	puts_("/");
	puti(f);
	puts_("/");
	puti(r0);
	puts_(", host's sector 1 read back\n");
	verdict(r2 == 0 && memcmp(sect[1], sect[2], SECTOR) == 0 &&
	    mach_blk_rw(0, 0, last + SECTOR, sect[2], SECTOR) < 0 &&
	    mach_blk_rw(0, 0, 1, sect[2], SECTOR) < 0, "blk_bounds");
	puts_("last sector round trip, past the end and unaligned refused\n");
}

/* A broadcast from one NIC must come out of the other (a QEMU hub). */
static int
net_pass(int from, int to, uint8_t tag)
{
	uint8_t frame[FRAME_LEN], got[1600];
	uint64_t until;
	long n = 0;
	int i;

	memset(frame, 0xff, 6);
	mach_net_mac(from, frame + 6);
	frame[12] = 0x88, frame[13] = 0xb5;	/* local experimental ethertype */
	for (i = 14; i < FRAME_LEN; i++)
		frame[i] = (uint8_t)(tag + i);
	if (mach_net_send(from, frame, FRAME_LEN) != 0)
		return 0;
	until = mach_mono_ns() + 2000000000;
	while (mach_mono_ns() < until)
		if ((n = mach_net_recv(to, got, sizeof(got))) != 0)
			break;
	return n >= FRAME_LEN && memcmp(got, frame, FRAME_LEN) == 0;
}

static void
check_net(void)
{
	uint64_t want = cmdline_num("nets", 0);
	int n = mach_net_count();
	uint8_t mac0[6], mac1[6];

	verdict((uint64_t)n == want, "net_count");
	puti(n);
	puts_(" NICs, expected ");
	putu(want);
	puts_("\n");
	if (n < 2)
		return;
	mach_net_mac(0, mac0);
	mach_net_mac(1, mac1);
	verdict(memcmp(mac0, mac1, 6) != 0 && net_pass(0, 1, 1) &&
	    net_pass(1, 0, 2) && mach_net_recv(0, mac0, 6) == 0, "net_pingpong");
	puts_("a frame each way between NIC 0 and NIC 1, then none waiting\n");
}

static struct mach_ctx main_ctx, thread_ctx;
static volatile unsigned pings, pongs;
static uint64_t thread_stack[THREAD_STACK / 8];

static void
ponger(void *arg)
{
	for (;;) {
		pongs += *(unsigned *)arg;
		mach_ctx_switch(&thread_ctx, &main_ctx);
	}
}

static void
check_ctx(void)
{
	static unsigned one = 1;
	volatile uint64_t keep = 0x1122334455667788ull;	/* survives switches */
	uint64_t t0, t1;
	int i;

	mach_ctx_make(&thread_ctx, thread_stack, sizeof(thread_stack), ponger, &one);
	t0 = mach_mono_ns();
	for (i = 0; i < PINGPONGS; i++) {
		pings++;
		mach_ctx_switch(&main_ctx, &thread_ctx);
	}
	t1 = mach_mono_ns();
	verdict(pings == PINGPONGS && pongs == PINGPONGS &&
	    keep == 0x1122334455667788ull, "ctx_switch");
	putu(pongs);
	puts_(" round trips, ");
	putu((t1 - t0) / (2 * PINGPONGS));
	puts_(" ns a switch\n");
}

/* 64-bit division is a run-time helper on 32-bit ARM (aeabi.c). */
static void
check_arith(void)
{
	volatile uint64_t n = 0xfedcba9876543210ull, d = 0x12345678ull;
	volatile int64_t sn = -7000000000123ll, sd = 1000000007;
	volatile uint64_t big = 0xffffffffffffffffull, one = 1;

	verdict(n / d == 0xe00000077ull && n % d == 0x48 &&
	    sn / sd == -6999 && sn % sd == -999951130 && -sn / -sd == -6999 &&
	    big / one == big && big % (big - 1) == 1 && d / n == 0, "arith");
	puts_("64-bit unsigned and signed quotients and remainders\n");
}

/* The machine's primitives, for the benchmarks' ratios (not checks). */
static void
report_costs(void)
{
	uint64_t t0, t1, sink = 0;
	int i;

	t0 = mach_mono_ns();
	for (i = 0; i < 1000; i++)
		sink += mach_counter();
	t1 = mach_mono_ns();
	puts_("cost: mach_counter ");
	putu((t1 - t0) / 1000);
	t0 = mach_mono_ns();
	for (i = 0; i < 1000; i++)
		sink += mach_mono_ns();
	t1 = mach_mono_ns();
	puts_(" ns, mach_mono_ns ");
	putu((t1 - t0) / 1000);
	puts_(sink != 0 ? " ns\n" : " ns (counter stuck)\n");
}

/* "bm-fault=1": an undefined instruction; the machine must report it and
   exit with 125 (its README). */
static void
fault_on_request(void)
{
	if (cmdline_num("bm-fault", 0) == 1) {
		puts_("smoke: executing an undefined instruction\n");
		__builtin_trap();
	}
}

static volatile uint64_t dog_deadline;

static void
dog_fired(void)
{
	uint64_t now = mach_mono_ns();

	/* deadline 0: the disarmed watchdog fired */
	verdict(dog_deadline != 0 && now >= dog_deadline, "watchdog");
	puts_("fired ");
	putu(now - dog_deadline);
	puts_(" ns after its deadline, interrupting a spin\n");
	puts_("smoke: ");
	putu((uint64_t)failures);
	puts_(" failed; mono at exit ");
	putu(now);
	puts_("\n");
	mach_exit(failures);
}

static void
spin_for_the_watchdog(void)
{
	uint64_t give_up = mach_mono_ns() + 150000000;

	dog_deadline = 0;
	mach_watchdog(mach_mono_ns() + 50000000, dog_fired);
	mach_watchdog(0, NULL);		/* disarmed: must not fire */
	while (mach_mono_ns() < give_up)
		;
	dog_deadline = mach_mono_ns() + 200000000;
	mach_watchdog(dog_deadline, dog_fired);
	give_up = dog_deadline + 10000000000ull;
	while (mach_mono_ns() < give_up)
		;
	verdict(0, "watchdog");
	puts_("did not fire within 10 s of its deadline\n");
}

int
baremetal_main(void)
{
	puts_("smoke: start\n");
	check_identity();
	fault_on_request();
	check_arith();
	check_ram();
	check_clocks();
	check_irq();
	check_random();
	check_ctx();
	report_costs();
	check_blk();
	check_net();
	check_idle();
	spin_for_the_watchdog();
	return failures;
}
