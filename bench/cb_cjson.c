/*
 * cb_cjson.c -- the pure-C backend of cbench.h: Google Benchmark's run
 * logic (iteration count grown until a run lasts --benchmark_min_time,
 * repetitions, mean/median/stddev/cv aggregates) and its JSON output via
 * cjson.c, on the monotonic clock of the platform. Integers only: times
 * in ns, figures in fixed point (cb_fix), statistics by integer
 * arithmetic (the standard deviation by an integer square root).
 *
 * Flags (as Google Benchmark's): --benchmark_filter=a|^b (substrings, '^'
 * anchors; not a regex), --benchmark_min_time=SECONDS,
 * --benchmark_repetitions=N, --benchmark_report_aggregates_only=BOOL,
 * --benchmark_display_aggregates_only=BOOL, --benchmark_format=console|json,
 * --benchmark_out=FILE, --benchmark_out_format=json, --benchmark_list_tests,
 * --benchmark_context=KEY=VALUE,... (into the JSON context).
 */
#include "cb_impl.h"
#include "cjson.h"
#include "rc_test.h"	/* rc_strlen, rc_strcmp */

#define CJ_MAXREPS	32
#define CJ_MAXITERS	1000000000ull
#define CJ_NAMELEN	192

struct cj_opts {
	const char *filter;
	uint64_t min_ns;			/* --benchmark_min_time */
	int reps;
	int aggregates_only;		/* everywhere */
	int display_aggregates_only;
	int json_display;
	const char *out;
	const char *context;
	int list;
};

struct cj_out {
	const struct cj_opts *opts;
	struct cj_writer display, file;
	void *file_handle;
	int name_width;
};

/* One reported run: its figures per iteration, counters final. */
struct cj_figures {
	cb_fix real_ns, cpu_ns;
	uint64_t iterations;
	struct cb_counter counters[CB_MAXCOUNTERS + 3];
	int ncounters;
};

struct cj_instance {
	const struct cb_bench *b;
	int inst, nthreads;
	int64_t family, per_family;
	char run_name[CJ_NAMELEN];
};

static void
cj_err(const char *a, const char *b)
{
	cb_plat_write(1, a, rc_strlen(a));
	cb_plat_write(1, b, rc_strlen(b));
	cb_plat_write(1, "\n", 1);
}

static int
cj_flag(const char *arg, const char *flag, const char **value)
{
	size_t n = rc_strlen(flag), i;

	for (i = 0; i < n; i++)
		if (arg[i] != flag[i])
			return 0;
	if (arg[n] != '=')
		return 0;
	*value = arg + n + 1;
	return 1;
}

static int
cj_bool(const char *v)
{
	return cb_streq(v, "true") || cb_streq(v, "1") || cb_streq(v, "yes");
}

/*
 * A decimal number (digits, at most one point) in units of 10^-decimals,
 * digits past those dropped; -1 if not one.
 */
static int64_t
cj_decimal(const char *v, int decimals)
{
	int64_t x = 0;
	int point = 0, frac = 0;

	if (*v == '\0')
		return -1;
	for (; *v != '\0'; v++) {
		if (*v == '.' && !point)
			point = 1;
		else if (*v >= '0' && *v <= '9' && x < INT64_MAX / 100) {
			if (point && frac == decimals)
				continue;
			x = x * 10 + (*v - '0');
			frac += point;
		} else
			return -1;
	}
	for (; frac < decimals; frac++)
		x *= 10;
	return x;
}

static int
cj_parse_one(const char *a, struct cj_opts *o)
{
	const char *v;

	if (cb_streq(a, "--benchmark_list_tests") ||
	    (cj_flag(a, "--benchmark_list_tests", &v) && cj_bool(v)))
		o->list = 1;
	else if (cj_flag(a, "--benchmark_filter", &v))
		o->filter = v;
	else if (cj_flag(a, "--benchmark_min_time", &v))
		o->min_ns = (uint64_t)cj_decimal(v, 9);
	else if (cj_flag(a, "--benchmark_repetitions", &v))
		o->reps = (int)cj_decimal(v, 0);
	else if (cj_flag(a, "--benchmark_report_aggregates_only", &v))
		o->aggregates_only = cj_bool(v);
	else if (cj_flag(a, "--benchmark_display_aggregates_only", &v))
		o->display_aggregates_only = cj_bool(v);
	else if (cj_flag(a, "--benchmark_format", &v))
		o->json_display = cb_streq(v, "json");
	else if (cj_flag(a, "--benchmark_out", &v))
		o->out = v;
	else if (cj_flag(a, "--benchmark_context", &v))
		o->context = v;
	else if (!cj_flag(a, "--benchmark_out_format", &v) || !cb_streq(v, "json"))
		return -1;
	return 0;
}

static int
cj_parse(int argc, char **argv, struct cj_opts *o)
{
	int i;

	o->filter = NULL;
	o->min_ns = CB_NS_PER_S / 2;
	o->reps = 1;
	o->aggregates_only = o->display_aggregates_only = 0;
	o->json_display = 0;
	o->out = NULL;
	o->context = NULL;
	o->list = 0;
	for (i = 1; i < argc; i++)
		if (cj_parse_one(argv[i], o) == -1) {
			cj_err("cjson: unrecognized or bad argument: ", argv[i]);
			return -1;
		}
	if (o->min_ns == 0 || (int64_t)o->min_ns < 0 || o->reps < 1 ||
	    o->reps > CJ_MAXREPS) {
		cj_err("cjson: bad --benchmark_min_time or ", "--benchmark_repetitions");
		return -1;
	}
	return 0;
}

/* Google Benchmark's growth: x1.4 past the goal, x10 while insignificant. */
static uint64_t
cj_next_iters(uint64_t iters, uint64_t ns, uint64_t min_ns)
{
	uint64_t next;

	if (ns * 10 <= min_ns)
		next = iters * 10;
	else
		next = cb_muldiv(iters, min_ns * 14, ns * 10);
	if (next > CJ_MAXITERS)
		return CJ_MAXITERS;
	return next > iters ? next : iters + 1;
}

static const struct cb_run_hooks cj_no_hooks = { NULL, NULL, NULL };

static uint64_t
cj_first_run(const struct cj_instance *in, uint64_t min_ns,
    struct cb_run_result *res)
{
	uint64_t iters = 1;

	for (;;) {
		cb_run_fixed(in->b, in->inst, in->nthreads, iters, &cj_no_hooks, res);
		if (res->skipped || res->real_ns >= min_ns || iters >= CJ_MAXITERS)
			return iters;
		iters = cj_next_iters(iters, res->real_ns, min_ns);
	}
}

static void
cj_sort_counters(struct cb_counter *c, int n)
{
	struct cb_counter t;
	int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && rc_strcmp(c[j - 1].name, c[j].name) > 0; j--) {
			t = c[j];
			c[j] = c[j - 1];
			c[j - 1] = t;
		}
}

static void
cj_add_counter(struct cj_figures *f, const char *name, cb_fix v)
{
	f->counters[f->ncounters].name = name;
	f->counters[f->ncounters].value = v;
	f->counters[f->ncounters++].flags = 0;
}

static cb_fix
cj_per_second(uint64_t n, const struct cb_run_result *r)
{
	return cb_fix_muldiv((int64_t)n, (uint64_t)CB_FIX_ONE * CB_NS_PER_S,
	    r->real_ns > 0 ? r->real_ns : 1);
}

static void
cj_figures_of(const struct cb_run_result *r, int nthreads,
    struct cj_figures *f)
{
	int i;

	f->iterations = r->iterations;
	f->real_ns = r->iterations > 0 ?
	    cb_fix_muldiv((int64_t)r->real_ns, CB_FIX_ONE, r->iterations) : 0;
	f->cpu_ns = r->iterations > 0 ?
	    cb_fix_muldiv((int64_t)r->cpu_ns, CB_FIX_ONE, r->iterations) : 0;
	f->ncounters = 0;
	if (r->items != 0)
		cj_add_counter(f, "items_per_second", cj_per_second(r->items, r));
	if (r->bytes != 0)
		cj_add_counter(f, "bytes_per_second", cj_per_second(r->bytes, r));
	for (i = 0; i < r->ncounters; i++)
		cj_add_counter(f, r->counters[i].name,
		    cb_counter_final(&r->counters[i], r, nthreads));
	cj_sort_counters(f->counters, f->ncounters);
}

static void
cj_sink_display(void *ctx, const char *s, unsigned long n)
{
	(void)ctx;
	cb_plat_write(0, s, n);
}

static void
cj_sink_file(void *ctx, const char *s, unsigned long n)
{
	cb_plat_out_write(ctx, s, n);
}

static void
cj_console_time(struct cb_buf *o, cb_fix v, int percentage)
{
	cb_put(o, " ");
	cb_put_fixed(o, percentage ? v * 100 : v, 2);
	cb_put(o, percentage ? " %" : " ns");
}

static void
cj_console_line(struct cj_out *out, const struct cj_run *r,
    const struct cj_figures *f)
{
	const char *name = r->name, *error = r->error_message;
	char line[1024];
	struct cb_buf o;
	int i;

	cb_buf_init(&o, line, sizeof(line));
	cb_put_padded(&o, name, out->name_width, 0);
	if (error != NULL) {
		cb_put(&o, " ERROR OCCURRED: '");
		cb_put(&o, error);
		cb_put(&o, "'\n");
		cb_plat_write(0, o.p, o.used);
		return;
	}
	cj_console_time(&o, f->real_ns, r->percentage);
	cj_console_time(&o, f->cpu_ns, r->percentage);
	cb_put(&o, " ");
	cb_put_u64(&o, f->iterations);
	for (i = 0; i < f->ncounters; i++) {
		cb_put(&o, " ");
		cb_put(&o, f->counters[i].name);
		cb_put(&o, "=");
		cb_put_fixed(&o, f->counters[i].value, 3);
	}
	cb_put(&o, "\n");
	cb_plat_write(0, o.p, o.used);
}

/* Ratio to the baseline, added as a counter (before the writers see it). */
static void
cj_add_ratio(const struct cj_instance *in, const char *variant,
    struct cj_figures *f)
{
	cb_fix ratio;

	cb_ratio_note(in->b, in->run_name, variant, f->real_ns, f->counters,
	    f->ncounters);
	if (cb_ratio_of(in->b, in->run_name, variant, f->real_ns, f->counters,
	    f->ncounters, &ratio)) {
		cj_add_counter(f, "ratio", ratio);
		cj_sort_counters(f->counters, f->ncounters);
	}
}

static void
cj_report(struct cj_out *out, const struct cj_instance *in, struct cj_run *r,
    const struct cj_figures *f, int displayed)
{
	struct cj_counter cs[CB_MAXCOUNTERS + 3];
	int i;

	for (i = 0; f != NULL && i < f->ncounters; i++) {
		cs[i].name = f->counters[i].name;
		cs[i].value = f->counters[i].value;
	}
	r->run_name = in->run_name;
	r->family_index = in->family;
	r->per_family_instance_index = in->per_family;
	r->repetitions = out->opts->reps;
	r->threads = in->nthreads;
	r->time_unit = "ns";
	r->iterations = f != NULL ? f->iterations : 0;
	r->real_time = f != NULL ? f->real_ns : 0;
	r->cpu_time = f != NULL ? f->cpu_ns : 0;
	r->counters = cs;
	r->ncounters = f != NULL ? f->ncounters : 0;
	if (out->opts->json_display && displayed)
		cj_run(&out->display, r);
	else if (displayed)
		cj_console_line(out, r, f);
	if (out->file_handle != NULL)
		cj_run(&out->file, r);
}

static void
cj_report_rep(struct cj_out *out, const struct cj_instance *in, int rep,
    const struct cb_run_result *res)
{
	char variant[16];
	struct cb_buf v;
	struct cj_figures f;
	struct cj_run r = { 0 };

	r.name = in->run_name;
	r.repetition_index = rep;
	if (res->skipped) {
		cb_ratio_skip(in->b, in->run_name, res->reason);
		r.error_message = res->reason;
		cj_report(out, in, &r, NULL, 1);
		return;
	}
	cj_figures_of(res, in->nthreads, &f);
	cb_buf_init(&v, variant, sizeof(variant));
	cb_put(&v, "rep:");
	cb_put_i64(&v, rep);
	cj_add_ratio(in, variant, &f);
	if (!out->opts->aggregates_only)
		cj_report(out, in, &r, &f,
		    !out->opts->display_aggregates_only || out->opts->reps == 1);
}

enum cj_stat { CJ_MEAN, CJ_MEDIAN, CJ_STDDEV, CJ_CV };
static const char *const cj_stat_names[] = { "mean", "median", "stddev", "cv" };

static cb_fix
cj_mean(const cb_fix *x, int n)
{
	cb_fix sum = 0;
	int i;

	for (i = 0; i < n; i++)
		sum += x[i];
	return sum / n;
}

static cb_fix
cj_median(const cb_fix *x, int n)
{
	cb_fix v[CJ_MAXREPS], t;
	int i, j;

	for (i = 0; i < n; i++)
		v[i] = x[i];
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--)
			t = v[j], v[j] = v[j - 1], v[j - 1] = t;
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static uint64_t
cj_abs_dev(cb_fix x, cb_fix mean)
{
	return x >= mean ? (uint64_t)(x - mean) : (uint64_t)(mean - x);
}

/*
 * The sample standard deviation. Deviations are shifted down first when
 * their squares could overflow (relative error then under 2^-27).
 */
static cb_fix
cj_stddev(const cb_fix *x, int n, cb_fix mean)
{
	uint64_t max = 0, d, sq = 0;
	int i, shift = 0;

	if (n < 2)
		return 0;
	for (i = 0; i < n; i++)
		if ((d = cj_abs_dev(x[i], mean)) > max)
			max = d;
	while ((max >> shift) >= (uint64_t)1 << 28)
		shift++;
	for (i = 0; i < n; i++) {
		d = cj_abs_dev(x[i], mean) >> shift;
		sq += d * d;
	}
	return (cb_fix)(cb_isqrt(sq / (uint64_t)(n - 1)) << shift);
}

static cb_fix
cj_stat(enum cj_stat s, const cb_fix *x, int n)
{
	cb_fix mean = cj_mean(x, n), sd;

	if (s == CJ_MEAN)
		return mean;
	if (s == CJ_MEDIAN)
		return cj_median(x, n);
	sd = cj_stddev(x, n, mean);
	if (s == CJ_STDDEV)
		return sd;
	return mean != 0 ? cb_fix_muldiv(sd, CB_FIX_ONE,
	    (uint64_t)(mean < 0 ? -mean : mean)) : 0;
}

static void
cj_aggregate(enum cj_stat s, const struct cj_figures *reps, int n,
    struct cj_figures *a)
{
	cb_fix x[CJ_MAXREPS];
	int i, c;

	for (i = 0; i < n; i++)
		x[i] = reps[i].real_ns;
	a->real_ns = cj_stat(s, x, n);
	for (i = 0; i < n; i++)
		x[i] = reps[i].cpu_ns;
	a->cpu_ns = cj_stat(s, x, n);
	a->iterations = (uint64_t)n;
	a->ncounters = reps[0].ncounters;
	for (c = 0; c < a->ncounters; c++) {
		for (i = 0; i < n; i++)
			x[i] = reps[i].counters[c].value;
		a->counters[c] = reps[0].counters[c];
		a->counters[c].value = cj_stat(s, x, n);
	}
}

static void
cj_report_aggregates(struct cj_out *out, const struct cj_instance *in,
    const struct cb_run_result *res, int n)
{
	static struct cj_figures reps[CJ_MAXREPS];	/* too big for a kernel stack */
	struct cj_figures a;
	char name[CJ_NAMELEN + 16];
	struct cb_buf o;
	int i;

	for (i = 0; i < n; i++) {
		if (res[i].skipped)
			return;
		cj_figures_of(&res[i], in->nthreads, &reps[i]);
	}
	for (i = CJ_MEAN; i <= CJ_CV; i++) {
		struct cj_run r = { 0 };

		cj_aggregate((enum cj_stat)i, reps, n, &a);
		if (i == CJ_MEAN || i == CJ_MEDIAN)
			cj_add_ratio(in, cj_stat_names[i], &a);
		cb_buf_init(&o, name, sizeof(name));
		cb_put(&o, in->run_name);
		cb_put(&o, "_");
		cb_put(&o, cj_stat_names[i]);
		r.name = name;
		r.aggregate = 1;
		r.aggregate_name = cj_stat_names[i];
		r.percentage = i == CJ_CV;
		cj_report(out, in, &r, &a, 1);
	}
}

static void
cj_run_instance(struct cj_out *out, const struct cj_instance *in)
{
	static struct cb_run_result res[CJ_MAXREPS];
	uint64_t iters;
	int rep;

	iters = cj_first_run(in, out->opts->min_ns, &res[0]);
	for (rep = 1; rep < out->opts->reps && !res[0].skipped; rep++)
		cb_run_fixed(in->b, in->inst, in->nthreads, iters, &cj_no_hooks,
		    &res[rep]);
	for (rep = 0; rep < out->opts->reps; rep++) {
		cj_report_rep(out, in, rep, &res[rep]);
		if (res[rep].skipped)
			return;
	}
	if (out->opts->reps > 1)
		cj_report_aggregates(out, in, res, out->opts->reps);
}

/* Call fn for every selected instance, in registration order. */
static void
cj_each_instance(const struct cj_opts *o,
    void (*fn)(struct cj_instance *, void *), void *ctx)
{
	struct cj_instance in;
	const struct cb_bench *b;
	int i, t;

	in.family = 0;
	for (i = 0; i < cb_nbench(); i++) {
		b = cb_bench_at(i);
		for (in.inst = 0; in.inst < (b->ninst > 0 ? b->ninst : 1);
		    in.inst++, in.family++) {
			in.b = b;
			for (t = 0; t < cb_thread_variants(b); t++) {
				in.nthreads = cb_thread_variant(b, t);
				in.per_family = t;
				cb_run_name(in.run_name, sizeof(in.run_name), b,
				    in.inst, in.nthreads);
				if (cb_filter_match(o->filter, in.run_name))
					fn(&in, ctx);
			}
		}
	}
}

static void
cj_list_one(struct cj_instance *in, void *ctx)
{
	(void)ctx;
	cb_plat_write(0, in->run_name, rc_strlen(in->run_name));
	cb_plat_write(0, "\n", 1);
}

static void
cj_widen(struct cj_instance *in, void *ctx)
{
	int *width = ctx, n = (int)rc_strlen(in->run_name) + 8;

	if (n > *width)
		*width = n;
}

static void
cj_run_one(struct cj_instance *in, void *ctx)
{
	cj_run_instance(ctx, in);
}

static int
cj_open_outputs(struct cj_out *out, const struct cj_context *c)
{
	if (out->opts->out != NULL) {
		if ((out->file_handle = cb_plat_out_open(out->opts->out)) == NULL) {
			cj_err("cjson: cannot write ", out->opts->out);
			return -1;
		}
		cj_begin(&out->file, cj_sink_file, out->file_handle, c);
	}
	if (out->opts->json_display)
		cj_begin(&out->display, cj_sink_display, NULL, c);
	return 0;
}

static int
cj_close_outputs(struct cj_out *out)
{
	if (out->opts->json_display)
		cj_end(&out->display);
	if (out->file_handle == NULL)
		return 0;
	cj_end(&out->file);
	if (cb_plat_out_close(out->file_handle) == -1) {
		cj_err("cjson: error writing ", out->opts->out);
		return -1;
	}
	return 0;
}

/* The table's label: the context's method=, else the backend's own. */
static void
cj_put_method(struct cb_buf *o, const char *context)
{
	const char *m = context, *end;

	for (; m != NULL && *m != '\0'; m++)
		if ((m == context || m[-1] == ',') && cj_flag(m, "method", &m))
			break;
	if (m == NULL || *m == '\0') {
		cb_put(o, "wall-clock cjson (pure C, monotonic clock)");
		return;
	}
	for (end = m; *end != '\0' && *end != ','; end++)
		continue;
	cb_put_n(o, m, (size_t)(end - m));
}

int
cb_main(int argc, char **argv)
{
	struct cj_opts o;
	struct cj_context c;
	struct cj_out out = { 0 };
	char label[224];
	struct cb_buf l;

	if (cj_parse(argc, argv, &o) == -1)
		return 1;
	if (cb_ndropped() > 0)
		cj_err("cjson: benchmarks over CB_MAXBENCH were not registered", "");
	if (o.list) {
		cj_each_instance(&o, cj_list_one, NULL);
		return 0;
	}
	out.opts = &o;
	out.name_width = 24;
	cj_each_instance(&o, cj_widen, &out.name_width);
	cj_describe(&c);
	c.custom = o.context;
	if (cj_open_outputs(&out, &c) == -1)
		return 1;
	cj_each_instance(&o, cj_run_one, &out);
	if (cj_close_outputs(&out) == -1)
		return 1;
	cb_buf_init(&l, label, sizeof(label));
	cj_put_method(&l, o.context);
	cb_put(&l, ": real time per operation over all threads");
	cb_ratio_table(label, o.json_display);
	return 0;
}
