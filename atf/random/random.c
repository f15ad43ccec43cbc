/*
 * random.c -- rumpuser_getrandom.
 *
 * Buffers are pre-filled with a canary byte: bytes the call claims to
 * have written but did not still hold it, and bytes beyond the buffer
 * must keep it. The kernel loops on short counts, so a short count is
 * fine but a success with no bytes would make it spin forever.
 */
#include "mockkern.h"

#define CANARY		0x5a
#define GUARD		16		/* canary bytes around each buffer */
#define MIB		(1u << 20)
#define THREADS		4
#define SAMPLE		32

/* Bytes in b[0..n) that still hold the canary. */
static size_t
canaries(const unsigned char *b, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += b[i] == CANARY;
	return k;
}

/*
 * One call into buf[0..len) with guards around it; checks the count, that
 * the claimed bytes were written and that nothing outside was. Returns
 * *retp, or 0 after recording a failure.
 */
static size_t
random_once(unsigned char *area, size_t len, int flags)
{
	unsigned char *buf = area + GUARD;
	size_t ret = (size_t)-1;
	int error;

	rc_memset(area, CANARY, len + 2 * GUARD);
	error = rumpuser_getrandom(buf, len, flags, &ret);
	if (!RC_EXPECT("RND-001", error == 0,
	    "getrandom(%zu, flags %#x) failed with %d", len, flags, error))
		return 0;
	if (!RC_EXPECT("RND-001", ret > 0 && ret <= len,
	    "getrandom(%zu, flags %#x) succeeded with *retp = %zu", len, flags,
	    ret))
		return 0;
	if (!RC_EXPECT("RND-002", canaries(buf, ret) <= ret / 16 + 4,
	    "getrandom claimed %zu bytes but %zu of them were not written",
	    ret, canaries(buf, ret)))
		return 0;
	if (!RC_EXPECT("RND-003", canaries(area, GUARD) == GUARD &&
	    canaries(buf + len, GUARD) == GUARD,
	    "getrandom(%zu bytes) wrote outside the buffer", len))
		return 0;
	return ret;
}

/* Fill buf the way the kernel does: call until every byte is there. */
static int
random_fill(unsigned char *buf, size_t len, int flags)
{
	size_t done = 0, ret;
	int error;

	while (done < len) {
		ret = 0;
		error = rumpuser_getrandom(buf + done, len - done, flags, &ret);
		if (!RC_EXPECT("RND-001", error == 0 && ret > 0 &&
		    ret <= len - done, "getrandom(%zu) at offset %zu: error %d, "
		    "*retp %zu", len - done, done, error, ret))
			return -1;
		done += ret;
	}
	return 0;
}

static void
small_request(size_t len, int flags)
{
	unsigned char area[256 + 2 * GUARD];

	random_once(area, len, flags);
}

RC_CASE(small_any, "RND-001 RND-002 RND-003",
    "getrandom(16 bytes, flags 0) succeeds with 0 < *retp <= 16 and writes those bytes only")
{
	small_request(16, 0);
}

RC_CASE(small_hard, "RND-001 RND-002 RND-003",
    "getrandom(64 bytes, HARD) succeeds with 0 < *retp <= 64 and writes those bytes only")
{
	small_request(64, RUMPUSER_RANDOM_HARD);
}

RC_CASE(nowait_progress, "RND-004 RND-003",
    "getrandom(HARD|NOWAIT) either fails or delivers at least one byte; never success with none")
{
	unsigned char area[64 + 2 * GUARD];
	size_t ret = 0;
	int error;
	int i;

	for (i = 0; i < 16; i++) {
		rc_memset(area, CANARY, sizeof(area));
		ret = 0;
		error = rumpuser_getrandom(area + GUARD, 64,
		    RUMPUSER_RANDOM_HARD | RUMPUSER_RANDOM_NOWAIT, &ret);
		if (error != 0)
			continue;
		RC_ASSERT("RND-004", ret > 0 && ret <= 64,
		    "getrandom(HARD|NOWAIT) succeeded with *retp = %zu", ret);
		RC_ASSERT("RND-003", canaries(area, GUARD) == GUARD &&
		    canaries(area + GUARD + 64, GUARD) == GUARD,
		    "getrandom(HARD|NOWAIT) wrote outside the buffer");
	}
}

RC_CASE(odd_lengths_and_offsets, "RND-001 RND-002 RND-003",
    "getrandom into odd offsets with lengths 1..67 never writes outside the buffer")
{
	unsigned char area[128 + 2 * GUARD + 8];
	size_t len, off;

	for (len = 1; len <= 67 && !rc_failed(); len++)
		for (off = 0; off < 8 && !rc_failed(); off += 3)
			random_once(area + off, len, len % 2 ? 0 :
			    RUMPUSER_RANDOM_HARD);
}

/* The whole buffer in one call: what every host hypervisor can do. */
static void
check_full_count(int flags)
{
	unsigned char *area = rch_alloc(4096 + 2 * GUARD);
	size_t ret;

	if (area == NULL)
		RC_SKIP("no host memory for the buffer");
	ret = random_once(area, 4096, flags);
	rch_free(area);
	RC_BAIL();
	RC_ASSERT_EQ("RND-005", ret, 4096, "*retp for 4096 bytes");
}

RC_CASE(full_count_any, "RND-005",
    "getrandom(4096 bytes, flags 0) delivers all 4096 in one call")
{
	check_full_count(0);
}

RC_CASE(full_count_hard, "RND-005",
    "getrandom(4096 bytes, HARD) delivers all 4096 in one call")
{
	check_full_count(RUMPUSER_RANDOM_HARD);
}

RC_CASE(fill_one_mib, "RND-001 RND-002",
    "filling 1 MiB by repeated calls (as the kernel does) makes progress and leaves no zeroed stretch")
{
	unsigned char *buf = rch_alloc(MIB);
	size_t i, zeros = 0;

	if (buf == NULL)
		RC_SKIP("no host memory for 1 MiB");
	rc_memset(buf, 0, MIB);
	if (random_fill(buf, MIB, 0) == 0) {
		for (i = 0; i < MIB; i++)
			zeros += buf[i] == 0;
		/* About MIB / 256 zero bytes are expected. */
		RC_EXPECT("RND-002", zeros < MIB / 128,
		    "%zu of %u bytes are still zero after filling", zeros, MIB);
		RC_EXPECT("RND-002", rc_memcmp(buf + MIB - 64,
		    buf + MIB - 128, 64) != 0, "the tail of the buffer repeats");
	}
	rch_free(buf);
}

RC_CASE(calls_differ, "RND-006",
    "eight successive 32-byte requests are all different and none is all zero")
{
	unsigned char s[8][SAMPLE], zero[SAMPLE];
	int i, j;

	rc_memset(zero, 0, sizeof(zero));
	for (i = 0; i < 8; i++) {
		if (random_fill(s[i], SAMPLE, 0) != 0)
			return;
		RC_ASSERT("RND-006", rc_memcmp(s[i], zero, SAMPLE) != 0,
		    "request %d gave 32 zero bytes", i);
		for (j = 0; j < i; j++)
			RC_ASSERT("RND-006", rc_memcmp(s[i], s[j], SAMPLE) != 0,
			    "requests %d and %d gave the same 32 bytes", j, i);
	}
}

static unsigned char thread_sample[THREADS][SAMPLE];

static void
sample_worker(void *arg)
{
	random_fill(thread_sample[(uintptr_t)arg], SAMPLE, RUMPUSER_RANDOM_HARD);
}

RC_CASE(threads_differ, "RND-006",
    "four threads drawing 32 bytes at once all get different bytes")
{
	struct rc_thread *t[THREADS];
	uintptr_t i, j;

	rc_memset(thread_sample, 0, sizeof(thread_sample));
	for (i = 0; i < THREADS; i++)
		t[i] = rc_spawn(sample_worker, (void *)i, "rc_random");
	for (i = 0; i < THREADS; i++)
		rc_join(t[i]);
	RC_BAIL();
	for (i = 0; i < THREADS; i++)
		for (j = 0; j < i; j++)
			RC_ASSERT("RND-006", rc_memcmp(thread_sample[i],
			    thread_sample[j], SAMPLE) != 0,
			    "threads %u and %u drew the same bytes",
			    (unsigned)j, (unsigned)i);
}

RC_CASE(byte_distribution, "RND-007",
    "in 64 KiB of output every byte value occurs between 150 and 380 times (expected 256)")
{
	enum { N = 65536 };
	unsigned char *buf = rch_alloc(N);
	unsigned count[256];
	size_t i;

	if (buf == NULL)
		RC_SKIP("no host memory for 64 KiB");
	rc_memset(count, 0, sizeof(count));
	if (random_fill(buf, N, RUMPUSER_RANDOM_HARD) == 0)
		for (i = 0; i < N; i++)
			count[buf[i]]++;
	rch_free(buf);
	RC_BAIL();
	for (i = 0; i < 256; i++)
		RC_ASSERT("RND-007", count[i] >= 150 && count[i] <= 380,
		    "byte value %zu occurs %u times in 64 KiB", i, count[i]);
}

static const struct rc_case *const cases[] = {
	RC_REF(small_any), RC_REF(small_hard), RC_REF(nowait_progress),
	RC_REF(odd_lengths_and_offsets), RC_REF(full_count_any),
	RC_REF(full_count_hard), RC_REF(fill_one_mib), RC_REF(calls_differ),
	RC_REF(threads_differ), RC_REF(byte_distribution), NULL
};
const struct rc_area rc_area_random = { "random", cases };
