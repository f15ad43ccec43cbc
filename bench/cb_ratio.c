/*
 * cb_ratio.c -- benchmarks compared with a baseline run in the same
 * process: remembered metrics, ratios and the summary table.
 */
#include "cb_impl.h"

#define CB_KEYLEN	192
#define CB_MAXNOTES	1024
#define CB_MAXROWS	CB_MAXBENCH

struct cb_note {
	char key[CB_KEYLEN];	/* run name '#' variant */
	cb_fix value;
};

struct cb_row {
	char name[CB_KEYLEN];
	const char *metric;
	char variant[16];
	cb_fix value, base, ratio;
	int rank;
	char reason[CB_ERRLEN];
};

static struct cb_note cb_notes[CB_MAXNOTES];
static int cb_nnotes;
static struct cb_row cb_rows[CB_MAXROWS];
static int cb_nrows;

static void
cb_make_key(char *key, const char *prefix, const char *rest,
    const char *variant)
{
	struct cb_buf o;

	cb_buf_init(&o, key, CB_KEYLEN);
	cb_put(&o, prefix);
	cb_put(&o, rest);
	cb_put(&o, "#");
	cb_put(&o, variant);
}

/* The benchmark that compares with b, if any. */
static const struct cb_bench *
cb_compared_with(const struct cb_bench *b)
{
	const struct cb_bench *t;
	int i;

	for (i = 0; i < cb_nbench(); i++) {
		t = cb_bench_at(i);
		if (t->baseline != NULL && cb_streq(t->baseline, b->name))
			return t;
	}
	return NULL;
}

/* The metric `counter' names: the time per operation if NULL. */
static int
cb_metric(const char *counter, cb_fix time_ns, const struct cb_counter *c,
    int nc, cb_fix *v)
{
	int i;

	if (counter == NULL) {
		*v = time_ns;
		return 1;
	}
	for (i = 0; i < nc; i++)
		if (cb_streq(c[i].name, counter)) {
			*v = c[i].value;
			return 1;
		}
	return 0;
}

void
cb_ratio_note(const struct cb_bench *b, const char *run_name,
    const char *variant, cb_fix time_ns, const struct cb_counter *c, int nc)
{
	const struct cb_bench *user = cb_compared_with(b);
	char key[CB_KEYLEN];
	int i;
	cb_fix v;

	if (user == NULL || !cb_metric(user->baseline_counter, time_ns, c, nc, &v))
		return;
	cb_make_key(key, "", run_name, variant);
	for (i = 0; i < cb_nnotes; i++)
		if (cb_streq(cb_notes[i].key, key))
			break;
	if (i == CB_MAXNOTES)
		return;
	if (i == cb_nnotes)
		cb_copy(cb_notes[cb_nnotes++].key, CB_KEYLEN, key);
	cb_notes[i].value = v;
}

static int
cb_find_note(const char *key, cb_fix *v)
{
	int i;

	for (i = 0; i < cb_nnotes; i++)
		if (cb_streq(cb_notes[i].key, key)) {
			*v = cb_notes[i].value;
			return 1;
		}
	return 0;
}

static int
cb_variant_rank(const char *variant)
{
	if (cb_streq(variant, "median"))
		return 3;
	if (cb_streq(variant, "mean"))
		return 2;
	return 1;
}

/* The row for run_name (created empty), or NULL if the table is full. */
static struct cb_row *
cb_row_for(const char *run_name)
{
	struct cb_row *r;
	int i;

	for (i = 0; i < cb_nrows; i++)
		if (cb_streq(cb_rows[i].name, run_name))
			return &cb_rows[i];
	if (cb_nrows == CB_MAXROWS)
		return NULL;
	r = &cb_rows[cb_nrows++];
	cb_copy(r->name, sizeof(r->name), run_name);
	return r;
}

int
cb_ratio_of(const struct cb_bench *b, const char *run_name,
    const char *variant, cb_fix time_ns, const struct cb_counter *c, int nc,
    cb_fix *ratio)
{
	char key[CB_KEYLEN];
	struct cb_row *r;
	size_t skip = 0;
	cb_fix v, base;
	int rank = cb_variant_rank(variant);

	if (b->baseline == NULL ||
	    !cb_metric(b->baseline_counter, time_ns, c, nc, &v))
		return 0;
	while (b->name[skip] != '\0')
		skip++;
	cb_make_key(key, b->baseline, run_name + skip, variant);
	if (!cb_find_note(key, &base) || base <= 0)
		return 0;
	*ratio = cb_fix_muldiv(v, CB_FIX_ONE, (uint64_t)base);
	if ((r = cb_row_for(run_name)) != NULL && rank >= r->rank) {
		r->metric = b->baseline_counter != NULL ?
		    b->baseline_counter : "time/op ns";
		cb_copy(r->variant, sizeof(r->variant), variant);
		r->value = v;
		r->base = base;
		r->ratio = *ratio;
		r->rank = rank;
	}
	return 1;
}

void
cb_ratio_skip(const struct cb_bench *b, const char *run_name,
    const char *reason)
{
	struct cb_row *r;

	if (b->baseline == NULL || (r = cb_row_for(run_name)) == NULL)
		return;
	r->rank = 4;
	cb_copy(r->reason, sizeof(r->reason), reason);
}

static void
cb_emit(struct cb_buf *o, int to_err)
{
	cb_put(o, "\n");
	cb_plat_write(to_err, o->p, o->used);
	o->used = 0;
}

/* A figure with as many decimals as its size deserves. */
static void
cb_put_figure(struct cb_buf *o, cb_fix v, int width)
{
	char tmp[40];
	struct cb_buf t;

	cb_buf_init(&t, tmp, sizeof(tmp));
	cb_put_fixed(&t, v, v < 10 * CB_FIX_ONE ? 3 : v < 1000 * CB_FIX_ONE ? 1 : 0);
	cb_put_padded(o, tmp, width, 1);
}

/* The name without the "/real_time" every run carries. */
static void
cb_put_row_name(struct cb_buf *o, const char *name, int width)
{
	static const char rt[] = "/real_time";
	char tmp[CB_KEYLEN];
	size_t i, j = 0, k;

	for (i = 0; name[i] != '\0' && j + 1 < sizeof(tmp); i++) {
		for (k = 0; rt[k] != '\0' && name[i + k] == rt[k]; k++)
			continue;
		if (rt[k] == '\0') {
			i += k - 1;
			continue;
		}
		tmp[j++] = name[i];
	}
	tmp[j] = '\0';
	cb_put_padded(o, tmp, width, 0);
}

static void
cb_put_row(struct cb_buf *o, const struct cb_row *r, int width)
{
	cb_put_row_name(o, r->name, width);
	if (r->rank == 4) {
		cb_put(o, "  skipped: ");
		cb_put(o, r->reason);
		return;
	}
	cb_put_figure(o, r->value, 12);
	cb_put_figure(o, r->base, 12);
	cb_put_figure(o, r->ratio, 9);
	cb_put(o, "  ");
	cb_put_padded(o, r->variant, 7, 0);
	cb_put(o, "  ");
	cb_put(o, r->metric);
}

void
cb_ratio_table(const char *method, int to_err)
{
	char line[512];
	struct cb_buf o;
	int i, n, width = 24;

	if (cb_nrows == 0)
		return;
	for (i = 0; i < cb_nrows; i++) {
		for (n = 0; cb_rows[i].name[n] != '\0'; n++)
			continue;
		if (n - 10 > width)
			width = n - 10;
	}
	cb_buf_init(&o, line, sizeof(line));
	cb_emit(&o, to_err);
	cb_put(&o, "Ratios to the baseline run in the same process (");
	cb_put(&o, method);
	cb_put(&o, ")");
	cb_emit(&o, to_err);
	cb_put_padded(&o, "benchmark", width, 0);
	cb_put_padded(&o, "value", 12, 1);
	cb_put_padded(&o, "baseline", 12, 1);
	cb_put_padded(&o, "ratio", 9, 1);
	cb_put(&o, "  stat     metric");
	cb_emit(&o, to_err);
	for (i = 0; i < cb_nrows; i++) {
		cb_put_row(&o, &cb_rows[i], width);
		cb_emit(&o, to_err);
	}
}
