/*
 * cjson.c -- Google Benchmark's JSON schema, written in pure C (cjson.h).
 * Fields come in JSONReporter's order, numbers in its "%.17e"-like form.
 */
#include "cb_impl.h"
#include "cjson.h"

#define CJ_LINE	512

static void
cj_flush(struct cj_writer *w, struct cb_buf *o)
{
	w->sink(w->ctx, o->p, o->used);
	o->used = 0;
	o->p[0] = '\0';
}

static void
cj_string(struct cb_buf *o, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	char esc[7] = "\\u00";

	cb_put(o, "\"");
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\') {
			cb_put(o, "\\");
			cb_put_n(o, s, 1);
		} else if ((unsigned char)*s < 0x20) {
			esc[4] = hex[(unsigned char)*s >> 4];
			esc[5] = hex[*s & 0xf];
			cb_put_n(o, esc, 6);
		} else
			cb_put_n(o, s, 1);
	}
	cb_put(o, "\"");
}

static void
cj_key(struct cb_buf *o, const char *indent, const char *key)
{
	cb_put(o, indent);
	cj_string(o, key);
	cb_put(o, ": ");
}

/* End a "key": value line; `last' omits the comma. */
static void
cj_end_line(struct cj_writer *w, struct cb_buf *o, int last)
{
	cb_put(o, last ? "\n" : ",\n");
	cj_flush(w, o);
}

static void
cj_str_field(struct cj_writer *w, struct cb_buf *o, const char *indent,
    const char *key, const char *v, int last)
{
	cj_key(o, indent, key);
	cj_string(o, v);
	cj_end_line(w, o, last);
}

static void
cj_int_field(struct cj_writer *w, struct cb_buf *o, const char *indent,
    const char *key, int64_t v, int last)
{
	cj_key(o, indent, key);
	cb_put_i64(o, v);
	cj_end_line(w, o, last);
}

static void
cj_num_field(struct cj_writer *w, struct cb_buf *o, const char *indent,
    const char *key, cb_fix v, int last)
{
	cj_key(o, indent, key);
	cb_put_sci(o, v);
	cj_end_line(w, o, last);
}

/* A string field from text[0..n) (NUL-terminated copies, bounded). */
static void
cj_str_field_n(struct cj_writer *w, struct cb_buf *o, const char *indent,
    const char *key, size_t keylen, const char *v, size_t vlen, int last)
{
	char k[64], val[CJ_LINE / 2];
	struct cb_buf b;

	cb_buf_init(&b, k, sizeof(k));
	cb_put_n(&b, key, keylen);
	cb_buf_init(&b, val, sizeof(val));
	cb_put_n(&b, v, vlen);
	cj_str_field(w, o, indent, k, val, last);
}

/*
 * KEY=VALUE,... after the standard fields, as Google Benchmark's
 * --benchmark_context writes them (a KEY without '=' gets "").
 */
static void
cj_custom_fields(struct cj_writer *w, struct cb_buf *o, const char *indent,
    const char *custom)
{
	const char *eq, *end;

	for (; custom != NULL && *custom != '\0'; custom = *end ? end + 1 : end) {
		for (end = custom; *end != '\0' && *end != ','; end++)
			continue;
		for (eq = custom; eq < end && *eq != '='; eq++)
			continue;
		cj_str_field_n(w, o, indent, custom, (size_t)(eq - custom),
		    eq + (eq < end), (size_t)(end - eq - (eq < end)), *end == '\0');
	}
}

void
cj_begin(struct cj_writer *w, cj_sink *sink, void *ctx,
    const struct cj_context *c)
{
	static const char in[] = "    ";
	char line[CJ_LINE];
	struct cb_buf o;

	w->sink = sink;
	w->ctx = ctx;
	w->nruns = 0;
	cb_buf_init(&o, line, sizeof(line));
	cb_put(&o, "{\n  \"context\": {\n");
	cj_flush(w, &o);
	cj_str_field(w, &o, in, "date", c->date, 0);
	cj_str_field(w, &o, in, "host_name", c->host_name, 0);
	cj_str_field(w, &o, in, "executable", c->executable, 0);
	cj_int_field(w, &o, in, "num_cpus", c->num_cpus, 0);
	cj_int_field(w, &o, in, "mhz_per_cpu", c->mhz_per_cpu, 0);
	cj_key(&o, in, "cpu_scaling_enabled");
	cb_put(&o, c->cpu_scaling_enabled ? "true" : "false");
	cj_end_line(w, &o, 0);
	cj_key(&o, in, "caches");
	cb_put(&o, "[]");
	cj_end_line(w, &o, 0);
	cj_key(&o, in, "load_avg");
	cb_put(&o, "[]");
	cj_end_line(w, &o, 0);
	cj_str_field(w, &o, in, "library_build_type", c->library_build_type,
	    c->custom == NULL || *c->custom == '\0');
	cj_custom_fields(w, &o, in, c->custom);
	cb_put(&o, "  },\n  \"benchmarks\": [\n");
	cj_flush(w, &o);
}

static void
cj_run_identity(struct cj_writer *w, struct cb_buf *o, const struct cj_run *r)
{
	static const char in[] = "      ";

	cj_str_field(w, o, in, "name", r->name, 0);
	cj_int_field(w, o, in, "family_index", r->family_index, 0);
	cj_int_field(w, o, in, "per_family_instance_index",
	    r->per_family_instance_index, 0);
	cj_str_field(w, o, in, "run_name", r->run_name, 0);
	cj_str_field(w, o, in, "run_type",
	    r->aggregate ? "aggregate" : "iteration", 0);
	cj_int_field(w, o, in, "repetitions", r->repetitions, 0);
	if (!r->aggregate)
		cj_int_field(w, o, in, "repetition_index", r->repetition_index, 0);
	cj_int_field(w, o, in, "threads", r->threads, 0);
	if (r->aggregate) {
		cj_str_field(w, o, in, "aggregate_name", r->aggregate_name, 0);
		cj_str_field(w, o, in, "aggregate_unit",
		    r->percentage ? "percentage" : "time", 0);
	}
	if (r->error_message != NULL) {
		cj_key(o, in, "error_occurred");
		cb_put(o, "true");
		cj_end_line(w, o, 0);
		cj_str_field(w, o, in, "error_message", r->error_message, 0);
	}
}

void
cj_run(struct cj_writer *w, const struct cj_run *r)
{
	static const char in[] = "      ";
	char line[CJ_LINE];
	struct cb_buf o;
	int i;

	cb_buf_init(&o, line, sizeof(line));
	cb_put(&o, w->nruns++ > 0 ? ",\n    {\n" : "    {\n");
	cj_flush(w, &o);
	cj_run_identity(w, &o, r);
	cj_int_field(w, &o, in, "iterations", (int64_t)r->iterations, 0);
	cj_num_field(w, &o, in, "real_time", r->real_time, 0);
	cj_num_field(w, &o, in, "cpu_time", r->cpu_time, 0);
	cj_str_field(w, &o, in, "time_unit", r->time_unit, r->ncounters == 0);
	for (i = 0; i < r->ncounters; i++)
		cj_num_field(w, &o, in, r->counters[i].name,
		    r->counters[i].value, i + 1 == r->ncounters);
	cb_put(&o, "    }");
	cj_flush(w, &o);
}

void
cj_end(struct cj_writer *w)
{
	char line[16];
	struct cb_buf o;

	cb_buf_init(&o, line, sizeof(line));
	cb_put(&o, w->nruns > 0 ? "\n  ]\n}\n" : "  ]\n}\n");
	cj_flush(w, &o);
}
