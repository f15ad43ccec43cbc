/*
 * console.c -- rumpuser_putchar and rumpuser_dprintf: the kernel's console
 * and debug output.
 *
 * What the output says cannot be read back without a host service for
 * it, so these cases check what breaks a hypervisor in practice: odd
 * characters and formats, lines longer than any internal buffer, calls
 * from threads that hold no lwp, and many writers at once.
 */
#include "mockkern.h"

#define LONG_LINE	5000	/* longer than any line buffer we know of */
#define WRITERS		4
#define WRITER_LINES	200

static void
putstr(const char *s)
{
	for (; *s != '\0'; s++)
		rumpuser_putchar((unsigned char)*s);
}

RC_CASE(putchar_line, "CON-001",
    "rumpuser_putchar prints a line character by character and keeps the CPU")
{
	putstr("rumpcheck: putchar line\n");
	RC_ASSERT("CON-001", mk_has_cpu(), "the caller lost its virtual CPU");
}

RC_CASE(putchar_odd_bytes, "CON-001",
    "rumpuser_putchar accepts control characters and bytes above 127")
{
	int c;

	putstr("rumpcheck: odd bytes:\t\r");
	for (c = 0x80; c <= 0xff; c++)
		rumpuser_putchar(c);
	rumpuser_putchar('\b');
	rumpuser_putchar('\n');
	RC_ASSERT("CON-001", mk_has_cpu(), "the caller lost its virtual CPU");
}

RC_CASE(putchar_long_line, "CON-001",
    "a 5000-character line through rumpuser_putchar (longer than a line buffer) does not crash")
{
	int i;

	putstr("rumpcheck: long line: ");
	for (i = 0; i < LONG_LINE; i++)
		rumpuser_putchar('a' + i % 26);
	rumpuser_putchar('\n');
	RC_ASSERT("CON-001", mk_has_cpu(), "the caller lost its virtual CPU");
}

/*
 * The target's own dprintf is called (not the shim's, which formats
 * first), so its format handling is what runs.
 */
RC_CASE(dprintf_formats, "CON-002",
    "rumpuser_dprintf formats integers of every width, strings, chars, pointers and %%")
{
	int x = 17;

	RC_RAW(dprintf)("rumpcheck: %d %i %u %x %X %o %c %s %% %p\n",
	    -17, 42, 4000000000u, 0xbeefu, 0xcafeu, 8u, 'z', "str", (void *)&x);
	RC_RAW(dprintf)("rumpcheck: %ld %lu %lld %llu %zu %hd %hhu\n",
	    -1L, 1UL << 31, -(1LL << 62), ~0ULL, sizeof(x), (short)-3,
	    (unsigned char)255);
	RC_RAW(dprintf)("rumpcheck: [%8d] [%-8d] [%08x] [%.3s] [%*d] [%s]\n",
	    5, 5, 0x1234u, "truncated", 6, 9, "");
	RC_RAW(dprintf)("rumpcheck: no newline at the end");
	RC_RAW(dprintf)("\n");
	RC_ASSERT("CON-002", x == 17, "dprintf corrupted its caller's stack");
}

RC_CASE(dprintf_long_string, "CON-002",
    "rumpuser_dprintf prints a 5000-character %%s argument without crashing")
{
	char *s = rch_alloc(LONG_LINE + 1);
	uint64_t t0;
	int i;

	if (s == NULL)
		RC_SKIP("no host memory for the string");
	for (i = 0; i < LONG_LINE; i++)
		s[i] = 'A' + i % 26;
	s[LONG_LINE] = '\0';
	t0 = rch_mono_ns();
	RC_RAW(dprintf)("rumpcheck: long: %s|%d\n", s, 1);
	RC_RAW(dprintf)(s);
	RC_RAW(dprintf)("\n");
	rch_free(s);
	RC_ASSERT_PROMPT("CON-002", t0, 10000, "rumpuser_dprintf of a 5000-character string");
}

struct writer {
	int id;
	volatile int *go;
};

static void
dprintf_writer(void *arg)
{
	struct writer *w = arg;
	int i;

	rc_wait_flag(w->go, 2000);
	for (i = 0; i < WRITER_LINES; i++)
		RC_RAW(dprintf)("rumpcheck: writer %d line %d\n", w->id, i);
}

RC_CASE(dprintf_concurrent, "CON-002",
    "four threads printing 200 dprintf lines each at once neither crash nor deadlock")
{
	static volatile int go;
	struct rc_thread *t[WRITERS];
	struct writer w[WRITERS];
	uint64_t t0 = rch_mono_ns();
	int i;

	go = 0;
	for (i = 0; i < WRITERS; i++) {
		w[i].id = i;
		w[i].go = &go;
		t[i] = rc_spawn(dprintf_writer, &w[i], "rc_writer");
	}
	rc_store(&go, 1);
	for (i = 0; i < WRITERS; i++)
		rc_join(t[i]);
	RC_BAIL();
	RC_ASSERT_PROMPT("CON-002", t0, 20000, "4 threads x 200 concurrent dprintf lines");
}

static volatile int raw_done;

/* A thread of the hypervisor's own, with no lwp, as an I/O thread is. */
static void *
print_without_lwp(void *arg)
{
	(void)arg;
	RC_RAW(dprintf)("rumpcheck: dprintf from a thread with no lwp\n");
	rumpuser_putchar('\n');
	rc_store(&raw_done, 1);
	rumpuser_thread_exit();
}

RC_CASE(console_without_lwp, "CON-003 CON-001",
    "dprintf and putchar work on a thread that has no lwp and no virtual CPU")
{
	void *cookie = NULL;
	int error;

	raw_done = 0;
	error = rumpuser_thread_create(print_without_lwp, NULL, "rc_nolwp", 1,
	    -1, -1, &cookie);
	RC_ASSERT_EQ("THR-001", error, 0, "rumpuser_thread_create");
	RC_ASSERT_EQ("THR-002", rumpuser_thread_join(cookie), 0,
	    "rumpuser_thread_join");
	RC_ASSERT("CON-003", rc_load(&raw_done),
	    "the thread never got past dprintf/putchar");
	RC_ASSERT("CON-001", rc_load(&raw_done), "the thread never got past putchar");
}

/*
 * Reading the console back: what the target wrote between begin and end,
 * in capture[]; its length, or -1 after the skip. Nothing else may print
 * meanwhile, so failures are judged after the capture.
 */
#define CAPTURE_MAX	16384
static char capture[CAPTURE_MAX];

static int
capture_begin(void)
{
	const char *why;

	if (rch_console_begin(&why) == -1) {
		rc_skip(why);
		return -1;
	}
	return 0;
}

/*
 * The first offset where got differs from want, or -1 if they match. A
 * console may print a newline as CR LF; anything else must be the same.
 */
static long
console_mismatch(const char *want, size_t wlen, const char *got, size_t glen)
{
	size_t i = 0, j = 0;

	for (; i < wlen && j < glen; i++, j++) {
		if (want[i] == '\n' && got[j] == '\r' && j + 1 < glen && got[j + 1] == '\n')
			j++;
		if (want[i] != got[j])
			return (long)j;
	}
	return i == wlen && j == glen ? -1 : (long)j;
}

static void
check_console(const char *id, const char *what, const char *want, size_t wlen, long got)
{
	long at;

	RC_ASSERT(id, got >= 0 && got <= CAPTURE_MAX,
	    "the console capture failed or overflowed (%ld bytes)", got);
	at = console_mismatch(want, wlen, capture, (size_t)got);
	RC_ASSERT(id, at == -1, "%s: the console shows %ld bytes where %zu were written, "
	    "first difference at byte %ld (0x%02x there): output is dropped, cut or altered",
	    what, got, wlen, at, at >= 0 && at < got ? (unsigned char)capture[at] : 0);
}

/* Every byte value but NUL, a 5000-character line, and newlines. */
RC_CASE(putchar_read_back, "CON-200",
    "what putchar prints reaches the console byte for byte: all byte values, a long line, newlines")
{
	static char want[LONG_LINE + 512];
	size_t n = 0, i;
	long got;

	for (i = 1; i < 256; i++)
		want[n++] = (char)i;
	want[n++] = '\n';
	for (i = 0; i < LONG_LINE; i++)
		want[n++] = (char)('a' + i % 26);
	want[n++] = '\n';
	want[n++] = '\n';
	if (capture_begin() == -1)
		return;
	for (i = 0; i < n; i++)
		rumpuser_putchar((unsigned char)want[i]);
	got = rch_console_end(capture, sizeof(capture));
	check_console("CON-200", "putchar", want, n, got);
}

/* The target's own dprintf, as in dprintf_formats. */
RC_CASE(dprintf_read_back, "CON-201",
    "what dprintf prints is the formatted text exactly, conversions and 3000-character arguments included")
{
	static char want[8192], s[3001];
	size_t n;
	long got;
	int i;

	for (i = 0; i < 3000; i++)
		s[i] = (char)('A' + i % 26);
	s[3000] = '\0';
	n = (size_t)rc_snprintf(want, sizeof(want),
	    "rumpcheck: %d %i %u %x %X %o %c %s %%\n"
	    "rumpcheck: %ld %lu %lld %llu %zu\n"
	    "rumpcheck: [%8d] [%-8d] [%08x] [%.3s] [%*d] [%s]\n"
	    "rumpcheck: long: %s|%d\n",
	    -17, 42, 4000000000u, 0xbeefu, 0xcafeu, 8u, 'z', "str",
	    -1L, 1UL << 31, -(1LL << 62), ~0ULL, sizeof(i),
	    5, 5, 0x1234u, "truncated", 6, 9, "", s, 1);
	if (capture_begin() == -1)
		return;
	RC_RAW(dprintf)("rumpcheck: %d %i %u %x %X %o %c %s %%\n",
	    -17, 42, 4000000000u, 0xbeefu, 0xcafeu, 8u, 'z', "str");
	RC_RAW(dprintf)("rumpcheck: %ld %lu %lld %llu %zu\n",
	    -1L, 1UL << 31, -(1LL << 62), ~0ULL, sizeof(i));
	RC_RAW(dprintf)("rumpcheck: [%8d] [%-8d] [%08x] [%.3s] [%*d] [%s]\n",
	    5, 5, 0x1234u, "truncated", 6, 9, "");
	RC_RAW(dprintf)("rumpcheck: long: %s|%d\n", s, 1);
	got = rch_console_end(capture, sizeof(capture));
	check_console("CON-201", "dprintf", want, n, got);
}

/*
 * Lines of every shape the kernel prints (empty, short, longer than a
 * stdio buffer): the child prints them and ends at once, as a crash or a
 * kill ends a process, with no exit flush.
 */
static char dying_want[LONG_LINE + 256];
static size_t dying_len;

static void
build_dying_lines(void)
{
	size_t i;

	dying_len = 0;
	dying_want[dying_len++] = '\n';
	for (i = 0; i < 40; i++)
		dying_want[dying_len++] = (char)('0' + i % 10);
	dying_want[dying_len++] = '\n';
	for (i = 0; i < LONG_LINE; i++)
		dying_want[dying_len++] = (char)('a' + i % 26);
	dying_want[dying_len++] = '\n';
	dying_want[dying_len++] = 'x';
	dying_want[dying_len++] = '\n';
}

static void
print_lines_and_die(void *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; i < dying_len; i++)
		rumpuser_putchar((unsigned char)dying_want[i]);
	rch_exit_child(0);
}

RC_CASE(putchar_lines_survive_a_crash, "CON-620",
    "every line putchar completed (empty, short, 5000 characters) is on the console when the process dies right after, without an exit flush")
{
	const char *why;
	long got, at;
	int how, code;

	build_dying_lines();
	if (capture_begin() == -1)
		return;
	if (rch_isolated(print_lines_and_die, NULL, 10000, &how, &code, &why) == -1) {
		rch_console_end(capture, sizeof(capture));
		RC_SKIP(why);
	}
	got = rch_console_end(capture, sizeof(capture));
	RC_ASSERT("CON-620", got >= 0 && got <= CAPTURE_MAX,
	    "the console capture failed or overflowed (%ld bytes)", got);
	at = console_mismatch(dying_want, dying_len, capture, (size_t)got);
	RC_ASSERT("CON-620", at == -1,
	    "a process that printed %zu bytes of complete lines through putchar and then "
	    "died (no exit flush) shows %ld bytes, first difference at byte %ld: "
	    "putchar leaves finished lines in a buffer, so a crashing kernel's last "
	    "messages (a panic trace) are lost; write each line out by its newline",
	    dying_len, got, at);
}

static const struct rc_case *const cases[] = {
	RC_REF(putchar_line), RC_REF(putchar_odd_bytes),
	RC_REF(putchar_long_line), RC_REF(dprintf_formats),
	RC_REF(dprintf_long_string), RC_REF(dprintf_concurrent),
	RC_REF(console_without_lwp), RC_REF(putchar_read_back),
	RC_REF(dprintf_read_back), RC_REF(putchar_lines_survive_a_crash), NULL
};
const struct rc_area rc_area_console = { "console", cases };
