/*
 * cb_registry.c -- registration and the in-benchmark calls of cbench.h,
 * the same for every backend.
 */
#include "cb_impl.h"
#include "rc_test.h"	/* rc_strcmp */

static struct cb_bench cb_benches[CB_MAXBENCH];
static int cb_nbenches;
static struct cb_bench cb_overflow;	/* registered past the end: never run */
static int cb_noverflow;

void
cb_copy(char *dst, size_t len, const char *src)
{
	size_t i;

	for (i = 0; i + 1 < len && src[i] != '\0'; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

int
cb_streq(const char *a, const char *b)
{
	return rc_strcmp(a, b) == 0;
}

struct cb_bench *
cb_register(const char *name, cb_fn *fn, void *arg)
{
	struct cb_bench *b;

	if (cb_nbenches == CB_MAXBENCH) {
		cb_noverflow++;
		return &cb_overflow;
	}
	b = &cb_benches[cb_nbenches++];
	b->name = name;
	b->fn = fn;
	b->arg = arg;
	return b;
}

struct cb_bench *
cb_fixture(struct cb_bench *b, cb_setup_fn *setup, cb_teardown_fn *teardown)
{
	b->setup = setup;
	b->teardown = teardown;
	return b;
}

struct cb_bench *
cb_args(struct cb_bench *b, int n, const int64_t *v)
{
	int i;

	if (b->ninst == CB_MAXINST || n > CB_MAXARGS)
		return b;
	for (i = 0; i < n; i++)
		b->args[b->ninst][i] = v[i];
	b->nargs[b->ninst++] = n;
	return b;
}

struct cb_bench *
cb_arg(struct cb_bench *b, int64_t a)
{
	return cb_args(b, 1, &a);
}

struct cb_bench *
cb_range(struct cb_bench *b, int64_t lo, int64_t hi, int mult)
{
	int64_t v;

	cb_arg(b, lo);
	for (v = 1; v < hi && mult > 1; v *= mult)
		if (v > lo)
			cb_arg(b, v);
	if (hi != lo)
		cb_arg(b, hi);
	return b;
}

struct cb_bench *
cb_threads(struct cb_bench *b, int n)
{
	if (b->nthreads < CB_MAXTHREADS && n > 0)
		b->threads[b->nthreads++] = n;
	return b;
}

struct cb_bench *
cb_baseline(struct cb_bench *b, const char *name, const char *counter)
{
	b->baseline = name;
	b->baseline_counter = counter;
	return b;
}

int
cb_nbench(void)
{
	return cb_nbenches;
}

int
cb_ndropped(void)
{
	return cb_noverflow;
}

struct cb_bench *
cb_bench_at(int i)
{
	return &cb_benches[i];
}

const struct cb_bench *
cb_bench_named(const char *name)
{
	int i;

	for (i = 0; i < cb_nbenches; i++)
		if (cb_streq(cb_benches[i].name, name))
			return &cb_benches[i];
	return NULL;
}

int
cb_thread_variants(const struct cb_bench *b)
{
	return b->nthreads > 0 ? b->nthreads : 1;
}

int
cb_thread_variant(const struct cb_bench *b, int i)
{
	return b->nthreads > 0 ? b->threads[i] : 1;
}

void
cb_state_init(struct cb_state *st, const struct cb_bench *b, int inst,
    int thread_index, int nthreads)
{
	char *p = (char *)st;
	size_t i;

	for (i = 0; i < sizeof(*st); i++)
		p[i] = 0;
	st->bench = b;
	st->args = b->ninst > 0 ? b->args[inst] : NULL;
	st->nargs = b->ninst > 0 ? b->nargs[inst] : 0;
	st->thread_index = thread_index;
	st->nthreads = nthreads;
}

size_t
cb_run_name(char *buf, size_t len, const struct cb_bench *b, int inst,
    int nthreads)
{
	struct cb_buf o;
	int i;

	cb_buf_init(&o, buf, len);
	cb_put(&o, b->name);
	for (i = 0; b->ninst > 0 && i < b->nargs[inst]; i++) {
		cb_put(&o, "/");
		cb_put_i64(&o, b->args[inst][i]);
	}
	cb_put(&o, "/real_time");
	if (b->nthreads > 0) {
		cb_put(&o, "/threads:");
		cb_put_i64(&o, nthreads);
	}
	return o.used;
}

/* Does name contain pat[0..n) (at its start if anchored)? */
static int
cb_contains(const char *name, const char *pat, size_t n, int anchored)
{
	size_t i;

	for (; *name != '\0'; name++) {
		for (i = 0; i < n && name[i] == pat[i]; i++)
			continue;
		if (i == n)
			return 1;
		if (anchored)
			return 0;
	}
	return n == 0;
}

int
cb_filter_match(const char *filter, const char *name)
{
	const char *alt = filter, *end;
	int anchored;

	if (filter == NULL || *filter == '\0' || cb_streq(filter, "all"))
		return 1;
	for (;;) {
		for (end = alt; *end != '\0' && *end != '|'; end++)
			continue;
		anchored = *alt == '^';
		if (cb_contains(name, alt + anchored,
		    (size_t)(end - alt - anchored), anchored))
			return 1;
		if (*end == '\0')
			return 0;
		alt = end + 1;
	}
}

int64_t
cb_arg_at(const struct cb_state *st, int i)
{
	return i < st->nargs ? st->args[i] : 0;
}

int
cb_thread_index(const struct cb_state *st)
{
	return st->thread_index;
}

int
cb_thread_count(const struct cb_state *st)
{
	return st->nthreads;
}

void *
cb_data(const struct cb_state *st)
{
	return st->data;
}

void
cb_pause(struct cb_state *st)
{
	st->clock->pause(st);
}

void
cb_resume(struct cb_state *st)
{
	st->clock->resume(st);
}

void
cb_skip(struct cb_state *st, const char *reason)
{
	st->skipped = 1;
	cb_copy(st->reason, sizeof(st->reason), reason);
}

int
cb_skipped(const struct cb_state *st)
{
	return st->skipped;
}

void
cb_counter(struct cb_state *st, const char *name, int64_t v, unsigned flags)
{
	struct cb_counter *c;
	int i;

	for (i = 0; i < st->ncounters; i++)
		if (cb_streq(st->counters[i].name, name))
			break;
	if (i == CB_MAXCOUNTERS)
		return;
	c = &st->counters[i];
	if (i == st->ncounters)
		st->ncounters++;
	c->name = name;
	c->value = v;
	c->flags = flags;
}

void
cb_items(struct cb_state *st, uint64_t items)
{
	st->items = items;
}

void
cb_bytes(struct cb_state *st, uint64_t bytes)
{
	st->bytes = bytes;
}
