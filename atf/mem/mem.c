/*
 * mem.c -- rumpuser_malloc/free and rumpuser_anonmmap/unmap.
 *
 * Every block is written in full with a pattern of its own and read back
 * after its neighbours were written, allocated and freed: short blocks,
 * ignored alignment and overlapping or recycled memory all show up as a
 * pattern mismatch.
 */
#include "mockkern.h"

#define PAGE		4096	/* a common page size; nothing depends on it */
#define MIX_ROUNDS	4
#define MANY_BLOCKS	2000
#define WORKERS		4
#define WORKER_ROUNDS	2000
#define NMAPS		8

/* Byte i of a block with this seed. */
static unsigned char
pattern(size_t i, unsigned seed)
{
	return (unsigned char)(seed * 131u + i * 7u + (i >> 8) * 13u);
}

static void
fill(void *p, size_t n, unsigned seed)
{
	unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = pattern(i, seed);
}

/* Offset of the first byte that lost its pattern, or -1. */
static long
check(const void *p, size_t n, unsigned seed)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != pattern(i, seed))
			return (long)i;
	return -1;
}

static int
aligned(const void *p, size_t align)
{
	return ((uintptr_t)p & (align - 1)) == 0;
}

struct block {
	void *p;
	size_t len;
	unsigned seed;
};

/* Allocate and fill one block; returns 0 or records a failure. */
static int
block_alloc(struct block *b, size_t len, int align, unsigned seed)
{
	size_t want = align > 0 ? (size_t)align : sizeof(void *);
	int error;

	b->p = NULL;
	b->len = len;
	b->seed = seed;
	error = rumpuser_malloc(len, align, &b->p);
	if (!RC_EXPECT("MEM-001", error == 0 && b->p != NULL,
	    "rumpuser_malloc(%zu, %d) failed with %d (mem %p)", len, align,
	    error, b->p))
		return -1;
	if (!RC_EXPECT(align > 0 ? "MEM-002" : "MEM-001", aligned(b->p, want),
	    "rumpuser_malloc(%zu, %d) returned %p, not %zu-byte aligned",
	    len, align, b->p, want))
		return -1;
	fill(b->p, len, seed);
	return 0;
}

/* The block still holds its pattern. */
static int
block_intact(const struct block *b, const char *id)
{
	long off = check(b->p, b->len, b->seed);

	return RC_EXPECT(id, off < 0,
	    "block %p of %zu bytes changed at offset %ld: blocks overlap or "
	    "the block is shorter than asked", b->p, b->len, off);
}

static void
block_free(struct block *b)
{
	if (b->p != NULL)
		rumpuser_free(b->p, b->len);
	b->p = NULL;
}

RC_CASE(malloc_alignment_zero, "MEM-001",
    "malloc with alignment 0 gives writable blocks of the full size, at least pointer aligned")
{
	static const size_t sizes[] = { 1, 3, 8, 17, 100, PAGE - 1, PAGE,
	    PAGE + 1, 100000 };
	struct block b[sizeof(sizes) / sizeof(sizes[0])];
	size_t i, n = sizeof(sizes) / sizeof(sizes[0]);

	for (i = 0; i < n; i++)
		if (block_alloc(&b[i], sizes[i], 0, (unsigned)i) != 0)
			return;
	for (i = 0; i < n; i++)
		block_intact(&b[i], "MEM-001");
	for (i = 0; i < n; i++)
		block_free(&b[i]);
}

RC_CASE(malloc_small_alignments, "MEM-002",
    "malloc with alignment 1, 2, 4 and 8 returns blocks aligned at least that much")
{
	struct block b[4 * 3];
	size_t sizes[3] = { 1, 13, 64 };
	int align, i, j, n = 0;

	for (align = 1; align <= 8 && !rc_failed(); align *= 2)
		for (j = 0; j < 3 && !rc_failed(); j++)
			if (block_alloc(&b[n], sizes[j], align, (unsigned)n) == 0)
				n++;
	for (i = 0; i < n; i++)
		block_intact(&b[i], "MEM-002");
	for (i = 0; i < n; i++)
		block_free(&b[i]);
}

RC_CASE(malloc_large_alignments, "MEM-002 MEM-003",
    "malloc honours alignments 16..65536 for sizes below, at and above the alignment")
{
	struct block b[13 * 5];
	size_t sizes[5];
	int align, i, j, n = 0;

	for (align = 16; align <= 65536 && !rc_failed(); align *= 2) {
		sizes[0] = 1;
		sizes[1] = (size_t)align - 1;
		sizes[2] = (size_t)align;
		sizes[3] = (size_t)align + 1;
		sizes[4] = 3 * (size_t)align + 5;
		for (j = 0; j < 5 && !rc_failed(); j++)
			if (block_alloc(&b[n], sizes[j], align, (unsigned)n) == 0)
				n++;
	}
	for (i = 0; i < n; i++)
		block_intact(&b[i], "MEM-003");
	for (i = 0; i < n; i++)
		block_free(&b[i]);
}

/*
 * Sizes on both sides of a page: a hypervisor that picks its pool by the
 * length given to free (rumprun does) corrupts its pools if it gets that
 * wrong, and the survivors' contents show it. One that frees more than the
 * block (a length rounded up too far) unmaps part of a neighbour, which
 * then faults: the mix runs in an isolated child where the host has one,
 * so that the fault is reported against the rule instead of ending the
 * case. Result: 0, 1 if a survivor changed, 2 if an allocation failed.
 */
static int
around_page_mix(void)
{
	static const size_t sizes[] = { PAGE - 1, PAGE, PAGE + 1, 64, 2 * PAGE,
	    17, 2 * PAGE - 1, 1 };
	enum { NSIZES = sizeof(sizes) / sizeof(sizes[0]) };
	struct block b[MIX_ROUNDS * NSIZES];
	int i, n = MIX_ROUNDS * NSIZES, changed = 0;

	for (i = 0; i < n; i++)
		if (block_alloc(&b[i], sizes[i % NSIZES], 0, (unsigned)i) != 0)
			return 2;
	for (i = 0; i < n; i += 2)
		block_free(&b[i]);
	for (i = 0; i < n; i += 2)
		if (block_alloc(&b[i], sizes[(i + 3) % NSIZES], i % 3 ? 0 : PAGE,
		    (unsigned)(i + 1000)) != 0)
			return 2;
	for (i = 0; i < n; i++)
		if (!block_intact(&b[i], "MEM-004"))
			changed = 1;
	for (i = 0; i < n; i++)
		block_free(&b[i]);
	return changed;
}

static void
around_page_child(void *arg)
{
	(void)arg;
	rch_exit_child(around_page_mix());
}

RC_CASE(malloc_free_around_page, "MEM-004",
    "blocks of sizes around one page survive freeing and reallocating their neighbours")
{
	const char *why;
	int how, code;

	if (rch_isolated(around_page_child, NULL, 20000, &how, &code, &why) != 0) {
		around_page_mix();	/* no isolation: failures are recorded here */
		return;
	}
	RC_ASSERT("MEM-004", how != RCH_SIGNALED, "a block faulted (host signal %d) "
	    "after its neighbours were freed and reallocated: free released more "
	    "than the block it was given", code);
	RC_ASSERT("MEM-001", !(how == RCH_EXITED && code == 2),
	    "an allocation of the around-a-page mix failed");
	RC_ASSERT("MEM-004", how == RCH_EXITED && code == 0, "%s", how == RCH_EXITED ?
	    "a block changed after its neighbours were freed and reallocated: "
	    "free released the wrong memory" : "the around-a-page mix ended oddly");
}

RC_CASE(malloc_many_distinct, "MEM-003",
    "2000 live blocks of random sizes never overlap")
{
	struct block *b = rch_alloc(MANY_BLOCKS * sizeof(*b));
	uint64_t seed = 0x5eed;
	int i, n;

	if (b == NULL)
		RC_SKIP("no host memory for the block table");
	for (n = 0; n < MANY_BLOCKS; n++)
		if (block_alloc(&b[n], 1 + rc_rand(&seed) % 3000, 0,
		    (unsigned)n) != 0)
			break;
	for (i = 0; i < n; i++)
		if (!block_intact(&b[i], "MEM-003"))
			break;
	for (i = 0; i < n; i++)
		block_free(&b[i]);
	rch_free(b);
}

RC_CASE(malloc_big_block, "MEM-001",
    "a 16 MiB page-aligned block is writable to its last byte")
{
	struct block b;

	if (block_alloc(&b, 16u << 20, PAGE, 7) != 0)
		return;
	block_intact(&b, "MEM-001");
	block_free(&b);
}

RC_CASE(malloc_impossible_fails, "MEM-005 MEM-006",
    "malloc of an impossible size fails (ENOMEM, 12) instead of returning success")
{
	void *p = NULL;
	/* More than any address space holds, on 32-bit hosts too. */
	int error = rumpuser_malloc((size_t)-1 - 65535, 0, &p);

	RC_ASSERT("MEM-005", error != 0,
	    "rumpuser_malloc(SIZE_MAX - 64 KiB) returned 0 (mem %p)", p);
	RC_ASSERT_EQ("MEM-006", error, NB_ENOMEM,
	    "rumpuser_malloc(SIZE_MAX - 64 KiB) error");
}

static void
malloc_worker(void *arg)
{
	uint64_t seed = (uintptr_t)arg;
	struct block b[4];
	int i, j;

	for (i = 0; i < WORKER_ROUNDS && !rc_failed(); i++) {
		for (j = 0; j < 4; j++)
			if (block_alloc(&b[j], 1 + rc_rand(&seed) % 5000,
			    (int)(rc_rand(&seed) % 2) * 64, (unsigned)(i * 4 + j)) != 0)
				return;
		for (j = 0; j < 4; j++) {
			block_intact(&b[j], "MEM-007");
			block_free(&b[j]);
		}
	}
}

RC_CASE(malloc_concurrent, "MEM-007",
    "four threads allocating, filling and freeing at once never get overlapping blocks")
{
	struct rc_thread *t[WORKERS];
	uintptr_t i;

	for (i = 0; i < WORKERS; i++)
		t[i] = rc_spawn(malloc_worker, (void *)(i + 1), "rc_malloc");
	for (i = 0; i < WORKERS; i++)
		rc_join(t[i]);
}

/* Map size bytes aligned to 1 << alignbit and fill them; 0 or failure. */
static int
map_fill(struct block *b, size_t size, int alignbit, int exec, unsigned seed)
{
	int error;

	b->p = NULL;
	b->len = size;
	b->seed = seed;
	error = rumpuser_anonmmap(NULL, size, alignbit, exec, &b->p);
	if (!RC_EXPECT("MEM-010", error == 0 && b->p != NULL,
	    "rumpuser_anonmmap(%zu, alignbit %d, exec %d) failed with %d",
	    size, alignbit, exec, error))
		return -1;
	if (!RC_EXPECT("MEM-011", aligned(b->p, (size_t)1 << alignbit),
	    "rumpuser_anonmmap(alignbit %d) returned %p", alignbit, b->p))
		return -1;
	fill(b->p, size, seed);
	return 0;
}

static void
map_free(struct block *b)
{
	if (b->p != NULL)
		rumpuser_unmap(b->p, b->len);
	b->p = NULL;
}

RC_CASE(anonmmap_alignbits, "MEM-010 MEM-011",
    "anonmmap with alignbit 12..21 returns memory aligned that much, writable in full")
{
	struct block b;
	int bit;

	for (bit = 12; bit <= 21; bit++) {
		if (map_fill(&b, 3 * PAGE, bit, 0, (unsigned)bit) != 0)
			return;
		block_intact(&b, "MEM-010");
		map_free(&b);
	}
}

RC_CASE(anonmmap_sizes, "MEM-010",
    "anonmmap of 1, 17, 257 and 4096 pages and of a partial page gives the full size")
{
	static const size_t sizes[] = { PAGE, 17 * PAGE, 257 * PAGE,
	    4096 * PAGE, 5000 };
	struct block b;
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		if (map_fill(&b, sizes[i], 12, 0, (unsigned)i) != 0)
			return;
		block_intact(&b, "MEM-010");
		map_free(&b);
	}
}

RC_CASE(anonmmap_exec, "MEM-012",
    "anonmmap accepts exec=1 (module text) and the memory is readable and writable")
{
	struct block b = { NULL, 16 * PAGE, 3 };
	int error = rumpuser_anonmmap(NULL, b.len, 12, 1, &b.p);

	/* A refusal breaks this rule, not MEM-010: say so. */
	RC_ASSERT("MEM-012", error == 0 && b.p != NULL,
	    "rumpuser_anonmmap(%zu, alignbit 12, exec 1) failed with %d: "
	    "executable mappings are refused", b.len, error);
	fill(b.p, b.len, b.seed);
	block_intact(&b, "MEM-012");
	map_free(&b);
}

/*
 * "return 42" in the host's machine code, for running an exec mapping:
 * its length, or 0 where this architecture is not known. The x86 and
 * arm64 forms start with the branch-target marker (a no-op on CPUs
 * without it), as an indirect call may land only there.
 */
static size_t
ret42_code(unsigned char *code)
{
#if defined(__x86_64__) || defined(__i386__)
	static const unsigned char c[] = {
#ifdef __x86_64__
	    0xf3, 0x0f, 0x1e, 0xfa,		/* endbr64 */
#else
	    0xf3, 0x0f, 0x1e, 0xfb,		/* endbr32 */
#endif
	    0xb8, 42, 0, 0, 0,			/* mov $42, %eax */
	    0xc3 };				/* ret */
#elif defined(__aarch64__) && defined(__AARCH64EL__)
	static const uint32_t c[] = { 0xd503245f, 0x52800540, 0xd65f03c0 };
	/* bti c; mov w0, #42; ret */
#elif defined(__arm__) && defined(__ARMEL__)
	static const uint32_t c[] = { 0xe3a0002a, 0xe12fff1e };
	/* mov r0, #42; bx lr (A32; a call to an even address enters A32) */
#elif defined(__riscv) && __riscv_xlen == 64
	static const uint32_t c[] = { 0x02a00513, 0x00008067 };
	/* li a0, 42; ret */
#else
#define NO_RET42_CODE
#endif
#ifdef NO_RET42_CODE
	(void)code;
	return 0;
#else
	size_t i;

	for (i = 0; i < sizeof(c); i++)
		code[i] = ((const unsigned char *)c)[i];
	return sizeof(c);
#endif
}

/* Call the code at p (the child of an isolated run exits with its result). */
static int
run_code(void *p)
{
	int (*fn)(void) = (int (*)(void))(uintptr_t)p;

	return fn();
}

static void
run_code_child(void *p)
{
	rch_exit_child(run_code(p) & 0xff);
}

/*
 * Map b (exec as given) and write a function returning 42 into it, visible
 * to instruction fetch. Afterwards the case has failed or skipped
 * (rc_failed, rc_skipped), or b holds the code.
 */
static void
map_ret42(struct block *b, int exec, const char *mapid)
{
	size_t len;
	int error;

#ifdef __EMSCRIPTEN__
	RC_SKIP("WebAssembly cannot execute code written to memory");
#endif
	error = rumpuser_anonmmap(NULL, b->len, 12, exec, &b->p);
	RC_ASSERT(mapid, error == 0 && b->p != NULL,
	    "rumpuser_anonmmap(%zu, alignbit 12, exec %d) failed with %d", b->len, exec,
	    error);
	if ((len = ret42_code(b->p)) == 0) {
		map_free(b);
		RC_SKIP("no machine code for this architecture in the case");
	}
	__builtin___clear_cache((char *)b->p, (char *)b->p + len);
}

RC_CASE(anonmmap_exec_runs, "MEM-200",
    "code written into an anonmmap with exec=1 runs: a function that returns 42 returns 42")
{
	struct block b = { NULL, 4 * PAGE, 0 };
	const char *why;
	int how, code;

	map_ret42(&b, 1, "MEM-012");
	if (rc_failed() || rc_skipped())
		return;
	/*
	 * A mapping that is not executable kills the child, not the case;
	 * where nothing can be isolated (inside a kernel) the call is made here.
	 */
	if (rch_isolated(run_code_child, b.p, 10000, &how, &code, &why) == 0) {
		map_free(&b);
		RC_ASSERT("MEM-200", how == RCH_EXITED && code == 42,
		    "calling code in an exec=1 mapping %s %d: the mapping is not "
		    "executable (module text cannot run)", how == RCH_SIGNALED ?
		    "killed the child with host signal" : "gave", code);
		return;
	}
	code = run_code(b.p);
	map_free(&b);
	RC_ASSERT("MEM-200", code == 42, "code in an exec=1 mapping returned %d, not 42", code);
}

RC_CASE(anonmmap_data_not_executable, "MEM-552",
    "code written into an anonmmap with exec=0 does not run: calling it faults (in an isolated child)")
{
	struct block b = { NULL, 4 * PAGE, 0 };
	const char *why;
	int how, code;

	map_ret42(&b, 0, "MEM-010");
	if (rc_failed() || rc_skipped())
		return;
	/* Only a child may try: here the fault would end the case. */
	if (rch_isolated(run_code_child, b.p, 10000, &how, &code, &why) != 0) {
		map_free(&b);
		RC_SKIP(why);
	}
	map_free(&b);
	RC_ASSERT("MEM-552", how == RCH_SIGNALED, "calling code in an exec=0 mapping %s "
	    "%d: data mappings are executable (every mapping gets PROT_EXEC)",
	    how == RCH_EXITED ? "returned" : "ended the child oddly, code", code);
	rc_note("mem: the exec=0 call ended the child with host signal %d\n", code);
}

/* What an isolated anonmmap probe exits with besides a plain error. */
#define PROBE_BAD_ERROR		250	/* an error that is no errno (< 0, >= 250) */
#define PROBE_NO_MAPPING	251	/* 0 without an aligned mapping */
#define PROBE_MAPPED		252	/* 0 with an aligned mapping */
#define PROBE_NO_CAP		253	/* the host cannot cap its address space */
#define PROBE_HEADROOM		((size_t)16 << 20)

struct probe {
	size_t size;
	int alignbit;
};

/* anonmmap under an address space only PROBE_HEADROOM above what is mapped. */
static void
capped_anonmmap_child(void *arg)
{
	const struct probe *pr = arg;
	const char *why;
	void *p = NULL;
	int error;

	if (rch_cap_address_space(PROBE_HEADROOM, &why) != 0)
		rch_exit_child(PROBE_NO_CAP);
	error = rumpuser_anonmmap(NULL, pr->size, pr->alignbit, 0, &p);
	if (error == 0)
		rch_exit_child(p != NULL && aligned(p, (size_t)1 << pr->alignbit) ?
		    PROBE_MAPPED : PROBE_NO_MAPPING);
	rch_exit_child(error > 0 && error < PROBE_BAD_ERROR ? error : PROBE_BAD_ERROR);
}

/*
 * 64 MiB, and one page aligned to 1 GiB (a hypervisor that over-maps to
 * align needs 1 GiB more), where the host has only 16 MiB of address space
 * left: the host's mmap fails, and the hypercall must say so.
 */
RC_CASE(anonmmap_host_out_of_space, "MEM-550 MEM-551",
    "anonmmap when the host has no address space left (64 MiB, and a page aligned to 1 GiB, under a 16 MiB headroom) fails with ENOMEM, never 0")
{
	static const struct probe probes[] = { { 64u << 20, 12 }, { PAGE, 30 } };
	const char *why;
	int how, code, refused = 0;
	size_t i;

	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		if (rch_isolated(capped_anonmmap_child, (void *)&probes[i], 20000, &how,
		    &code, &why) != 0)
			RC_SKIP(why);
		RC_ASSERT("MEM-550", how == RCH_EXITED, "the capped anonmmap(%zu, alignbit "
		    "%d) %s %d", probes[i].size, probes[i].alignbit, how == RCH_SIGNALED ?
		    "was killed by host signal" : "returned, code", code);
		if (code == PROBE_NO_CAP)
			RC_SKIP("the host cannot cap its address space here");
		/* Memory the hypervisor already held (or a lucky page) is fine. */
		if (code == PROBE_MAPPED)
			continue;
		refused++;
		RC_ASSERT("MEM-550", code != PROBE_NO_MAPPING, "anonmmap(%zu, alignbit %d) "
		    "returned 0 without an aligned mapping when the host had no address "
		    "space left", probes[i].size, probes[i].alignbit);
		RC_ASSERT("MEM-551", code == NB_ENOMEM, "anonmmap(%zu, alignbit %d) with "
		    "no address space left failed with %s%d, not ENOMEM (12)",
		    probes[i].size, probes[i].alignbit, code == PROBE_BAD_ERROR ?
		    "a value that is no errno, exit code " : "", code);
	}
	if (refused == 0)
		RC_SKIP("every capped request was met from memory the hypervisor held");
}

#define FOOTPRINT_MAPS	64

/* Live mappings made at once, and the address space they may take. */
struct footprint {
	size_t size;		/* each, in bytes */
	int alignbit;
	const char *what;
};

/* Round n up to the host's pages. */
static size_t
host_pages(size_t n)
{
	size_t page = rch_page_size();

	return (n + page - 1) / page * page;
}

/*
 * Map FOOTPRINT_MAPS of f at once and unmap them: the host's address space
 * grows by their rounded size, give or take an eighth and 64 KiB, and comes
 * back to where it was. Returns -1 after a failure.
 */
static int
footprint_of(const struct footprint *f)
{
	struct block b[FOOTPRINT_MAPS];
	int64_t before, live, after, want;
	int i, n;

	before = rch_mapped_bytes();
	for (n = 0; n < FOOTPRINT_MAPS; n++)
		if (map_fill(&b[n], f->size, f->alignbit, 0, (unsigned)n) != 0)
			break;
	live = rch_mapped_bytes();
	for (i = 0; i < n; i++)
		map_free(&b[i]);
	after = rch_mapped_bytes();
	if (n < FOOTPRINT_MAPS)
		return -1;
	want = (int64_t)(FOOTPRINT_MAPS * host_pages(f->size));
	RC_EXPECT("MEM-553", live - before <= want + want / 8 + 65536, "%d live "
	    "mappings of %s take %lld KiB of address space, not about %lld KiB: %s",
	    FOOTPRINT_MAPS, f->what, (long long)((live - before) >> 10),
	    (long long)(want >> 10), "anonmmap keeps more than the size it was asked for "
	    "(an untrimmed over-mapping, or a size rounded up too far)");
	return RC_EXPECT("MEM-553", after - before <= 65536, "after %d mappings of %s "
	    "were unmapped %lld KiB more address space stays mapped: the parts "
	    "mapped beyond each size are never given back", FOOTPRINT_MAPS, f->what,
	    (long long)((after - before) >> 10)) ? 0 : -1;
}

RC_CASE(anonmmap_footprint, "MEM-553",
    "64 live mappings (a page aligned to 2 MiB; 4 pages; 3 pages + 1 byte aligned to 64 KiB) take their rounded size of address space, and unmapping gives it all back")
{
	static const struct footprint fp[] = {
		{ PAGE, 21, "one page aligned to 2 MiB" },
		{ 4 * PAGE, 12, "4 pages" },
		{ 3 * PAGE + 1, 16, "3 pages and a byte aligned to 64 KiB" },
	};
	size_t i;

	if (rch_mapped_bytes() < 0)
		RC_SKIP("this host cannot tell how much address space is mapped");
	for (i = 0; i < sizeof(fp) / sizeof(fp[0]); i++)
		if (footprint_of(&fp[i]) != 0)
			return;
}

RC_CASE(anonmmap_distinct, "MEM-013",
    "eight live mappings never overlap, and unmapping some leaves the others intact")
{
	struct block b[NMAPS];
	int i;

	for (i = 0; i < NMAPS; i++)
		if (map_fill(&b[i], (size_t)(i + 1) * PAGE, 12 + i % 4, 0,
		    (unsigned)i) != 0)
			return;
	for (i = 0; i < NMAPS; i += 2)
		map_free(&b[i]);
	for (i = 1; i < NMAPS; i += 2)
		block_intact(&b[i], "MEM-013");
	for (i = 1; i < NMAPS; i += 2)
		map_free(&b[i]);
}

/* A hint that points at live memory must not replace it (no MAP_FIXED). */
RC_CASE(anonmmap_hint_in_use, "MEM-014",
    "a prefaddr hint at memory already in use is only a hint: that memory stays intact")
{
	struct block live, hinted;
	int error;

	if (map_fill(&live, 4 * PAGE, 12, 0, 11) != 0)
		return;
	hinted.len = 4 * PAGE;
	hinted.seed = 12;
	hinted.p = NULL;
	error = rumpuser_anonmmap(live.p, hinted.len, 12, 0, &hinted.p);
	RC_ASSERT("MEM-014", error == 0 && hinted.p != NULL,
	    "rumpuser_anonmmap with a hint failed with %d", error);
	block_intact(&live, "MEM-014");
	RC_ASSERT("MEM-014", hinted.p != live.p,
	    "anonmmap returned the hinted address %p although it was in use",
	    hinted.p);
	fill(hinted.p, hinted.len, hinted.seed);
	block_intact(&live, "MEM-014");
	map_free(&hinted);
	map_free(&live);
}

RC_CASE(anonmmap_hint_free, "MEM-014 MEM-011",
    "a prefaddr hint at free address space is accepted and the alignment still holds")
{
	struct block b;
	void *hint;
	int error;

	if (map_fill(&b, 64 * PAGE, 16, 0, 1) != 0)
		return;
	hint = (char *)b.p + 4 * PAGE;
	map_free(&b);
	b.p = NULL;
	error = rumpuser_anonmmap(hint, 8 * PAGE, 16, 0, &b.p);
	RC_ASSERT("MEM-014", error == 0 && b.p != NULL,
	    "rumpuser_anonmmap with a free hint failed with %d", error);
	RC_ASSERT("MEM-011", aligned(b.p, 1u << 16),
	    "with a 4-page-aligned hint, alignbit 16 gave %p", b.p);
	b.len = 8 * PAGE;
	b.seed = 2;
	fill(b.p, b.len, b.seed);
	block_intact(&b, "MEM-010");
	map_free(&b);
}

static const struct rc_case *const cases[] = {
	RC_REF(malloc_alignment_zero), RC_REF(malloc_small_alignments),
	RC_REF(malloc_large_alignments), RC_REF(malloc_free_around_page),
	RC_REF(malloc_many_distinct), RC_REF(malloc_big_block),
	RC_REF(malloc_impossible_fails), RC_REF(malloc_concurrent),
	RC_REF(anonmmap_alignbits), RC_REF(anonmmap_sizes),
	RC_REF(anonmmap_exec), RC_REF(anonmmap_exec_runs),
	RC_REF(anonmmap_data_not_executable), RC_REF(anonmmap_host_out_of_space),
	RC_REF(anonmmap_footprint), RC_REF(anonmmap_distinct),
	RC_REF(anonmmap_hint_in_use), RC_REF(anonmmap_hint_free), NULL
};
const struct rc_area rc_area_mem = { "mem", cases };
