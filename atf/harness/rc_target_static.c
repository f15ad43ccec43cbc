/*
 * rc_target_static.c -- the target linked into the same image as the suite
 * (Linux kernel module, WebAssembly, bare metal). Its rumpuser_* symbols
 * are renamed rc_tgt_rumpuser_* at build time (static-renames.sh), so the
 * shim can keep the plain names; a hypercall the target lacks stays a weak
 * NULL and fails as "not implemented" where a case calls it. The build
 * declares the target's interface-17 form as RC_STATIC_FORM ("pre2020" or
 * "2020", as in targets/targets.tsv); without it the form is detected.
 */
#include "rc_target.h"

#define RC_HC(ret, name, params, args, cls) \
	extern ret rc_tgt_rumpuser_##name params __attribute__((__weak__));
#define RC_HCV(name, params, args, cls) \
	extern void rc_tgt_rumpuser_##name params __attribute__((__weak__));
#include "hypercalls.def"
#undef RC_HC
#undef RC_HCV
extern void rc_tgt_rumpuser_dprintf(const char *, ...) __attribute__((__weak__));
extern void rc_tgt_rumpuser_exit(int) __attribute__((__weak__));
extern void rc_tgt_rumpuser_thread_exit(void) __attribute__((__weak__));

struct rc_target rc_tgt;
int rc_tgt_form = RC_FORM_PRE2020;
int rc_tgt_form_declared = -1;
int rc_tgt_form_detected = RC_FORM_PRE2020;
const char *rc_tgt_form_by = "nobody";
const char *rc_tgt_name = RC_STATIC_TARGET;

int
rc_target_load(const char *spec, char *err, size_t errlen)
{
	(void)spec;
	(void)err;
	(void)errlen;
#define RC_HC(ret, name, params, args, cls) rc_tgt.name = rc_tgt_rumpuser_##name;
#define RC_HCV(name, params, args, cls) rc_tgt.name = rc_tgt_rumpuser_##name;
#include "hypercalls.def"
#undef RC_HC
#undef RC_HCV
	rc_tgt.dprintf = rc_tgt_rumpuser_dprintf;
	rc_tgt.exit = rc_tgt_rumpuser_exit;
	rc_tgt.thread_exit = rc_tgt_rumpuser_thread_exit;
#ifdef RC_STATIC_FORM
	rc_target_declare_form(RC_STATIC_FORM, "the build (RC_STATIC_FORM)");
#endif
	rc_target_settle_form();
	return 0;
}
