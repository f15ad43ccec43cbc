// cbench.cc -- the Google Benchmark backend of cbench.h (the only C++).
//
// Each registered instance becomes one Google Benchmark family, so that
// paired benchmarks run next to each other. The body is called once per
// run with the whole iteration count (KeepRunningBatch(max_iterations)):
// Google's loop costs nothing per iteration. Reporters add the "ratio"
// counter to runs that have a baseline and feed the summary table.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cb_impl.h"

namespace {

using Run = benchmark::BenchmarkReporter::Run;

void
gb_pause(struct cb_state *st)
{
	static_cast<benchmark::State *>(st->backend)->PauseTiming();
}

void
gb_resume(struct cb_state *st)
{
	static_cast<benchmark::State *>(st->backend)->ResumeTiming();
}

const struct cb_clock_ops gb_clock = { gb_pause, gb_resume };

benchmark::Counter::Flags
gb_flags(unsigned flags)
{
	int f = benchmark::Counter::kDefaults;

	if (flags & CB_RATE)
		f |= benchmark::Counter::kIsRate;
	if (flags & CB_AVG_THREADS)
		f |= benchmark::Counter::kAvgThreads;
	if (flags & CB_PER_ITER)
		f |= benchmark::Counter::kAvgIterations;
	return static_cast<benchmark::Counter::Flags>(f);
}

void
gb_publish(benchmark::State &gs, const struct cb_state &st)
{
	for (int i = 0; i < st.ncounters; i++)
		gs.counters[st.counters[i].name] = benchmark::Counter(
		    static_cast<double>(st.counters[i].value),
		    gb_flags(st.counters[i].flags));
	if (st.items != 0)
		gs.SetItemsProcessed(static_cast<int64_t>(st.items));
	if (st.bytes != 0)
		gs.SetBytesProcessed(static_cast<int64_t>(st.bytes));
}

// Every thread calls KeepRunningBatch even when skipped: its barriers
// would otherwise leave the other threads waiting.
void
gb_run(benchmark::State &gs, const struct cb_bench *b, int inst)
{
	struct cb_state st;
	uint64_t n = static_cast<uint64_t>(gs.max_iterations);

	cb_state_init(&st, b, inst, gs.thread_index(), gs.threads());
	st.clock = &gb_clock;
	st.backend = &gs;
	if (b->setup != nullptr)
		st.data = b->setup(&st, b->arg);
	if (st.skipped)
		gs.SkipWithError(st.reason);
	while (gs.KeepRunningBatch(gs.max_iterations)) {
		b->fn(&st, n, b->arg);
		if (st.skipped)
			gs.SkipWithError(st.reason);
	}
	if (b->teardown != nullptr)
		b->teardown(&st, b->arg);
	if (!st.skipped)
		gb_publish(gs, st);
}

void
gb_register_instance(const struct cb_bench *b, int inst)
{
	benchmark::internal::Benchmark *gb;
	std::vector<int64_t> args;

	gb = benchmark::RegisterBenchmark(b->name,
	    [b, inst](benchmark::State &gs) { gb_run(gs, b, inst); });
	if (b->ninst > 0) {
		args.assign(b->args[inst], b->args[inst] + b->nargs[inst]);
		gb->Args(args);
	}
	for (int t = 0; t < b->nthreads; t++)
		gb->Threads(b->threads[t]);
	gb->UseRealTime()->Unit(benchmark::kNanosecond);
}

void
gb_register_all()
{
	for (int i = 0; i < cb_nbench(); i++) {
		const struct cb_bench *b = cb_bench_at(i);

		for (int inst = 0; inst < (b->ninst > 0 ? b->ninst : 1); inst++)
			gb_register_instance(b, inst);
	}
}

// Only one repetition's, the mean's and the median's ratios mean much.
bool
gb_variant(const Run &r, std::string *variant)
{
	if (r.run_type == Run::RT_Aggregate) {
		*variant = r.aggregate_name;
		return *variant == "mean" || *variant == "median";
	}
	*variant = "rep:" + std::to_string(r.repetition_index);
	return true;
}

// Figures cross into the shared ratio code (cb_ratio.c) as fixed point.
cb_fix
gb_fix(double v)
{
	return static_cast<cb_fix>(std::llround(v * CB_FIX_ONE));
}

void
gb_annotate(Run &r)
{
	const struct cb_bench *b =
	    cb_bench_named(r.run_name.function_name.c_str());
	std::vector<struct cb_counter> cs;
	std::string name = r.run_name.str(), variant;
	cb_fix ratio;

	if (b == nullptr)
		return;
	if (r.error_occurred) {
		cb_ratio_skip(b, name.c_str(), r.error_message.c_str());
		return;
	}
	if (!gb_variant(r, &variant))
		return;
	for (const auto &kv : r.counters)
		cs.push_back({ kv.first.c_str(), gb_fix(kv.second.value), 0 });
	cb_ratio_note(b, name.c_str(), variant.c_str(),
	    gb_fix(r.GetAdjustedRealTime()), cs.data(),
	    static_cast<int>(cs.size()));
	if (cb_ratio_of(b, name.c_str(), variant.c_str(),
	    gb_fix(r.GetAdjustedRealTime()), cs.data(),
	    static_cast<int>(cs.size()), &ratio))
		r.counters["ratio"] = benchmark::Counter(
		    static_cast<double>(ratio) / CB_FIX_ONE);
}

template <class Base>
class RatioReporter : public Base {
 public:
	using Base::Base;

	void
	ReportRuns(const std::vector<Run> &runs) override
	{
		std::vector<Run> annotated(runs);

		for (auto &r : annotated)
			gb_annotate(r);
		Base::ReportRuns(annotated);
	}
};

// The value of --flag=value in argv, or nullptr.
const char *
gb_flag(int argc, char **argv, const char *flag)
{
	size_t n = std::strlen(flag);

	for (int i = 1; i < argc; i++)
		if (std::strncmp(argv[i], flag, n) == 0 && argv[i][n] == '=')
			return argv[i] + n + 1;
	return nullptr;
}

bool
gb_is(const char *v, const char *want)
{
	return v != nullptr && std::strcmp(v, want) == 0;
}

}  // namespace

extern "C" int
cb_main(int argc, char **argv)
{
	const char *out = gb_flag(argc, argv, "--benchmark_out");
	const char *out_format = gb_flag(argc, argv, "--benchmark_out_format");
	bool json_display = gb_is(gb_flag(argc, argv, "--benchmark_format"), "json");
	bool json_file = out != nullptr &&
	    (out_format == nullptr || gb_is(out_format, "json"));
	RatioReporter<benchmark::ConsoleReporter> console(isatty(1) ?
	    benchmark::ConsoleReporter::OO_Color :
	    benchmark::ConsoleReporter::OO_None);
	RatioReporter<benchmark::JSONReporter> json, file;

	if (cb_ndropped() > 0)
		std::fprintf(stderr, "cbench: %d benchmarks over the limit of %d "
		    "were not registered\n", cb_ndropped(), CB_MAXBENCH);
	gb_register_all();
	benchmark::Initialize(&argc, argv);
	if (benchmark::ReportUnrecognizedArguments(argc, argv))
		return 1;
	benchmark::RunSpecifiedBenchmarks(
	    json_display ? static_cast<benchmark::BenchmarkReporter *>(&json) :
	    &console, json_file ? &file : nullptr);
	benchmark::Shutdown();
	cb_ratio_table("wall-clock gbench: real time per operation over all "
	    "threads", json_display);
	return 0;
}
