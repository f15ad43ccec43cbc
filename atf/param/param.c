/*
 * param.c -- rumpuser_getparam: the mandatory "_RUMPUSER_*" parameters,
 * host-provided ones, and the errors (NetBSD numbers) for unknown names
 * and short buffers.
 */
#include "mockkern.h"

#define BUFLEN		256	/* what the kernel passes at bootstrap */
#define CANARY		0xa5
#define ENV_NAME	"RUMPCHECK_PARAM"
#define ENV_VALUE	"rumpcheck-value-17"

/* Fetch name into a BUFLEN buffer; returns the error. */
static int
getparam(const char *name, char *buf)
{
	rc_memset(buf, CANARY, BUFLEN);
	return rumpuser_getparam(name, buf, BUFLEN);
}

/* The value is NUL-terminated inside the buffer. */
static int
terminated(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i] == '\0')
			return 1;
	return 0;
}

/* Put ENV_NAME=value where the hypervisor reads host parameters. */
static int
set_env_param(const char *name, const char *value)
{
	const char *why;

	if (rch_setparam(name, value, &why) != 0) {
		rc_skip(why);
		return -1;
	}
	return 0;
}

/* Fetch a parameter whose full value is known-good; its length or -1. */
static long
value_length(const char *name, char *buf)
{
	int error = getparam(name, buf);

	if (!RC_EXPECT("PRM-006", error == 0 && terminated(buf, BUFLEN),
	    "getparam(%s, %d bytes) failed with %d or is unterminated", name,
	    BUFLEN, error))
		return -1;
	return (long)rc_strlen(buf);
}

/*
 * Check under id that _RUMPUSER_NCPU is a NUL-terminated decimal of at
 * least 1 (setting: the RUMP_NCPU given, for the messages); its value, or
 * -1 after a failure.
 */
static long
ncpu_decimal(const char *id, const char *setting)
{
	char buf[BUFLEN];
	long n = 0;
	int error = getparam(RUMPUSER_PARAM_NCPU, buf);
	char *p;

	if (!RC_EXPECT(id, error == 0, "getparam(_RUMPUSER_NCPU) failed with %d "
	    "(RUMP_NCPU %s)", error, setting))
		return -1;
	if (!RC_EXPECT(id, terminated(buf, BUFLEN) && buf[0] != '\0',
	    "_RUMPUSER_NCPU is empty or not NUL-terminated (RUMP_NCPU %s)", setting))
		return -1;
	for (p = buf; *p != '\0'; p++) {
		if (!RC_EXPECT(id, *p >= '0' && *p <= '9' && n < 100000,
		    "_RUMPUSER_NCPU \"%s\" is not a sane decimal (RUMP_NCPU %s)", buf,
		    setting))
			return -1;
		n = n * 10 + (*p - '0');
	}
	if (!RC_EXPECT(id, n >= 1, "_RUMPUSER_NCPU is %ld (RUMP_NCPU %s): the kernel "
	    "panics with fewer than one CPU", n, setting))
		return -1;
	return n;
}

RC_CASE(ncpu_is_decimal, "PRM-001",
    "_RUMPUSER_NCPU is a NUL-terminated decimal number of at least 1")
{
	ncpu_decimal("PRM-001", "as the host has it");
}

RC_CASE(hostname_is_set, "PRM-002",
    "_RUMPUSER_HOSTNAME is a non-empty string that fits 256 bytes and stays the same")
{
	char first[BUFLEN], again[BUFLEN];
	int error = getparam(RUMPUSER_PARAM_HOSTNAME, first);

	RC_ASSERT_EQ("PRM-002", error, 0, "getparam(_RUMPUSER_HOSTNAME)");
	RC_ASSERT("PRM-002", terminated(first, BUFLEN) && first[0] != '\0',
	    "_RUMPUSER_HOSTNAME is empty or not NUL-terminated");
	error = getparam(RUMPUSER_PARAM_HOSTNAME, again);
	RC_ASSERT_EQ("PRM-002", error, 0, "second getparam(_RUMPUSER_HOSTNAME)");
	RC_ASSERT("PRM-002", rc_strcmp(first, again) == 0,
	    "_RUMPUSER_HOSTNAME changed from \"%s\" to \"%s\"", first, again);
}

/* Whether s contains sub. */
static int
contains(const char *s, const char *sub)
{
	size_t n = rc_strlen(sub), left = rc_strlen(s);

	for (; left >= n; s++, left--)
		if (rc_memcmp(s, sub, n) == 0)
			return 1;
	return 0;
}

RC_CASE(hostname_names_the_host, "PRM-002 PRM-620",
    "_RUMPUSER_HOSTNAME contains the host's own name, so instances on different machines get different names")
{
	char value[BUFLEN], host[BUFLEN];
	const char *why;

	if (rch_hostname(host, sizeof(host), &why) == -1)
		RC_SKIP(why);
	RC_ASSERT_EQ("PRM-002", getparam(RUMPUSER_PARAM_HOSTNAME, value), 0,
	    "getparam(_RUMPUSER_HOSTNAME)");
	RC_ASSERT("PRM-620", terminated(value, BUFLEN) && contains(value, host),
	    "_RUMPUSER_HOSTNAME is \"%s\", which does not contain the host's name "
	    "\"%s\": rump kernels on different machines get the same name", value, host);
}

RC_CASE(unknown_reserved_name, "PRM-003",
    "an unknown name in the reserved '_' namespace fails with EINVAL (22)")
{
	static const char *const names[] = { "_RUMPUSER_RUMPCHECK_NONE", "_X",
	    "_" };
	char buf[BUFLEN];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		RC_ASSERT_EQ("PRM-003", getparam(names[i], buf), NB_EINVAL,
		    names[i]);
}

RC_CASE(unknown_name, "PRM-004 PRM-300",
    "an unknown ordinary name fails (NetBSD: with ENOENT, 2)")
{
	char buf[BUFLEN];
	int error;

	error = getparam("RUMPCHECK_NO_SUCH_PARAMETER", buf);
	RC_ASSERT("PRM-004", error != 0,
	    "getparam(RUMPCHECK_NO_SUCH_PARAMETER) returned 0 for a name nobody set");
	RC_ASSERT_EQ("PRM-300", error, NB_ENOENT, "getparam(RUMPCHECK_NO_SUCH_PARAMETER)");
}

RC_CASE(host_param_returned, "PRM-005",
    "a parameter the host sets (the environment on POSIX) is returned verbatim")
{
	char buf[BUFLEN];
	int error;

	if (set_env_param(ENV_NAME, ENV_VALUE) != 0)
		return;
	error = getparam(ENV_NAME, buf);
	RC_ASSERT_EQ("PRM-005", error, 0, "getparam(" ENV_NAME ")");
	RC_ASSERT("PRM-005", rc_strcmp(buf, ENV_VALUE) == 0,
	    "getparam(" ENV_NAME ") gave \"%.64s\", want \"" ENV_VALUE "\"",
	    terminated(buf, BUFLEN) ? buf : "(unterminated)");
}

RC_CASE(host_param_empty, "PRM-005",
    "a host parameter set to the empty string is returned as \"\", not as missing")
{
	char buf[BUFLEN];
	int error;

	if (set_env_param(ENV_NAME, "") != 0)
		return;
	error = getparam(ENV_NAME, buf);
	RC_ASSERT_EQ("PRM-005", error, 0, "getparam(" ENV_NAME "=\"\")");
	RC_ASSERT_EQ("PRM-005", buf[0], '\0', "first byte of the empty value");
}

#define SEVERAL	4	/* host parameters set at once */

RC_CASE(host_params_several, "PRM-005",
    "several parameters the host sets at once are each returned verbatim (a table that keeps one entry, or overwrites its first, loses the others)")
{
	char name[SEVERAL][32], value[SEVERAL][48], buf[BUFLEN];
	const char *why;
	int i, error;

	for (i = 0; i < SEVERAL; i++) {
		rc_snprintf(name[i], sizeof(name[i]), "RUMPCHECK_PARAM_%d", i);
		rc_snprintf(value[i], sizeof(value[i]), "value-%d-of-%d", i, SEVERAL);
		if (set_env_param(name[i], value[i]) != 0)
			return;
	}
	for (i = 0; i < SEVERAL; i++) {
		error = getparam(name[i], buf);
		RC_EXPECT("PRM-005", error == 0 && terminated(buf, BUFLEN) &&
		    rc_strcmp(buf, value[i]) == 0, "getparam(%s) = %d, \"%.64s\", want 0, \"%s\" "
		    "(%d parameters set)", name[i], error,
		    error == 0 && terminated(buf, BUFLEN) ? buf : "", value[i], SEVERAL);
	}
	for (i = 0; i < SEVERAL; i++)
		(void)rch_unsetparam(name[i], &why);
}

/* getparam(name, buf, len + 1) fits exactly and writes nothing beyond. */
static void
check_exact_fit(const char *name)
{
	char full[BUFLEN], buf[BUFLEN];
	long len = value_length(name, full);
	int error;

	if (len < 0)
		return;
	rc_memset(buf, CANARY, sizeof(buf));
	error = rumpuser_getparam(name, buf, (size_t)len + 1);
	RC_ASSERT_EQ("PRM-006", error, 0, "getparam into a buffer of exactly "
	    "value + NUL");
	RC_ASSERT("PRM-006", rc_strcmp(buf, full) == 0,
	    "%s: got \"%s\" with an exact buffer, \"%s\" with a big one", name,
	    buf, full);
	RC_ASSERT("PRM-009", (unsigned char)buf[len + 1] == CANARY,
	    "%s: getparam wrote beyond the buffer it was given", name);
}

RC_CASE(exact_buffer_fits, "PRM-006 PRM-009",
    "a buffer of exactly value + NUL gets the whole value, for NCPU, HOSTNAME and a host parameter")
{
	check_exact_fit(RUMPUSER_PARAM_NCPU);
	check_exact_fit(RUMPUSER_PARAM_HOSTNAME);
	if (set_env_param(ENV_NAME, ENV_VALUE) == 0)
		check_exact_fit(ENV_NAME);
}

/*
 * Every buffer shorter than value + NUL is refused, and nothing is
 * written beyond the length given.
 */
static void
check_short_buffers(const char *name)
{
	char full[BUFLEN], buf[BUFLEN];
	long len = value_length(name, full), n, i;
	int error;

	for (n = 0; n <= len && !rc_failed(); n++) {
		rc_memset(buf, CANARY, sizeof(buf));
		error = rumpuser_getparam(name, buf, (size_t)n);
		RC_ASSERT("PRM-007", error != 0,
		    "getparam(%s) into %ld bytes returned 0: \"%.*s\" is "
		    "truncated", name, n, (int)n, buf);
		RC_ASSERT_EQ("PRM-008", error, NB_ERANGE,
		    "error for a buffer one or more bytes short");
		for (i = n; i < BUFLEN; i++)
			RC_ASSERT("PRM-009", (unsigned char)buf[i] == CANARY,
			    "getparam(%s, %ld bytes) wrote byte %ld", name, n, i);
	}
}

RC_CASE(short_buffer_ncpu, "PRM-007 PRM-008 PRM-009",
    "_RUMPUSER_NCPU into any buffer shorter than value + NUL fails with ERANGE (34), writing nothing beyond it")
{
	check_short_buffers(RUMPUSER_PARAM_NCPU);
}

RC_CASE(short_buffer_hostname, "PRM-007 PRM-008 PRM-009",
    "_RUMPUSER_HOSTNAME into any buffer shorter than value + NUL fails with ERANGE (34)")
{
	check_short_buffers(RUMPUSER_PARAM_HOSTNAME);
}

RC_CASE(short_buffer_host_param, "PRM-007 PRM-008 PRM-009",
    "a host parameter into any buffer shorter than value + NUL fails with ERANGE (34)")
{
	if (set_env_param(ENV_NAME, ENV_VALUE) == 0)
		check_short_buffers(ENV_NAME);
}

RC_CASE(ncpu_follows_host_setting, "PRM-010",
    "_RUMPUSER_NCPU reports the CPU count the host asks for (RUMP_NCPU=3 on POSIX)")
{
	char buf[BUFLEN];

	if (set_env_param("RUMP_NCPU", "3") != 0)
		return;
	RC_ASSERT_EQ("PRM-001", getparam(RUMPUSER_PARAM_NCPU, buf), 0,
	    "getparam(_RUMPUSER_NCPU)");
	RC_ASSERT("PRM-010", rc_strcmp(buf, "3") == 0,
	    "_RUMPUSER_NCPU is \"%s\" with RUMP_NCPU=3", buf);
}

/* RUMP_NCPU settings and the count each asks for, read as decimal. */
static const struct {
	const char *setting;
	long ncpu;
} ncpu_settings[] = {
	{ "1", 1 }, { "9", 9 }, { "010", 10 }, { "32767", 32767 },
};

RC_CASE(ncpu_setting_is_decimal, "PRM-010",
    "RUMP_NCPU=1, 9, 010 and 32767 are reported as 1, 9, 10 and 32767 CPUs (decimal, not octal)")
{
	char quoted[16];
	size_t i;
	long n;

	for (i = 0; i < sizeof(ncpu_settings) / sizeof(ncpu_settings[0]); i++) {
		if (set_env_param("RUMP_NCPU", ncpu_settings[i].setting) != 0)
			return;
		rc_snprintf(quoted, sizeof(quoted), "\"%s\"", ncpu_settings[i].setting);
		n = ncpu_decimal("PRM-010", quoted);
		RC_ASSERT("PRM-010", n == ncpu_settings[i].ncpu, "_RUMPUSER_NCPU is %ld "
		    "with RUMP_NCPU=%s, not %ld: the setting is not read as a decimal "
		    "count", n, ncpu_settings[i].setting, ncpu_settings[i].ncpu);
	}
}

/* RUMP_NCPU settings that name no usable CPU count. */
static const char *const unusable_ncpu[] = {
	"", "abc", "0", "-1", "0x10", "32768", "4cpus",
};

RC_CASE(ncpu_unusable_setting_ignored, "PRM-500",
    "an unusable RUMP_NCPU (empty, abc, 0, -1, 0x10, 32768, 4cpus) still gives a decimal NCPU of at least 1")
{
	char quoted[16];
	size_t i;

	for (i = 0; i < sizeof(unusable_ncpu) / sizeof(unusable_ncpu[0]); i++) {
		if (set_env_param("RUMP_NCPU", unusable_ncpu[i]) != 0)
			return;
		rc_snprintf(quoted, sizeof(quoted), "\"%s\"", unusable_ncpu[i]);
		ncpu_decimal("PRM-500", quoted);
	}
}

/*
 * An unusable RUMP_NCPU is ignored as a whole: the count is the one given
 * with no RUMP_NCPU at all, not a salvaged part of the setting (atoi's
 * "4cpus" -> 4, base 0's "0x10" -> 16) nor a made-up one.
 */
RC_CASE(ncpu_unusable_setting_is_unset, "PRM-550",
    "an unusable RUMP_NCPU (empty, abc, 0, -1, 0x10, 32768, 4cpus) gives the NCPU reported with RUMP_NCPU unset")
{
	char quoted[16];
	const char *why;
	long unset, n;
	size_t i;

	if (rch_unsetparam("RUMP_NCPU", &why) != 0)
		RC_SKIP(why);
	if ((unset = ncpu_decimal("PRM-001", "unset")) < 0)
		return;
	for (i = 0; i < sizeof(unusable_ncpu) / sizeof(unusable_ncpu[0]); i++) {
		if (set_env_param("RUMP_NCPU", unusable_ncpu[i]) != 0)
			return;
		rc_snprintf(quoted, sizeof(quoted), "\"%s\"", unusable_ncpu[i]);
		if ((n = ncpu_decimal("PRM-500", quoted)) < 0)
			continue;
		RC_EXPECT("PRM-550", n == unset, "_RUMPUSER_NCPU is %ld with RUMP_NCPU=%s "
		    "but %ld with RUMP_NCPU unset: the unusable setting was not ignored",
		    n, quoted, unset);
	}
}

static const struct rc_case *const cases[] = {
	RC_REF(ncpu_is_decimal), RC_REF(hostname_is_set),
	RC_REF(hostname_names_the_host),
	RC_REF(unknown_reserved_name), RC_REF(unknown_name),
	RC_REF(host_param_returned), RC_REF(host_param_empty), RC_REF(host_params_several),
	RC_REF(exact_buffer_fits), RC_REF(short_buffer_ncpu),
	RC_REF(short_buffer_hostname), RC_REF(short_buffer_host_param),
	RC_REF(ncpu_follows_host_setting), RC_REF(ncpu_setting_is_decimal),
	RC_REF(ncpu_unusable_setting_ignored),
	RC_REF(ncpu_unusable_setting_is_unset), NULL
};
const struct rc_area rc_area_param = { "param", cases };
