/*
 * fixture.c -- the generator's test input (t_campaign): one site of every
 * operator, and text that must never be mutated: this comment (a < b, x + 1),
 * the string below and the preprocessor lines.
 */
#include <errno.h>

#define FIXTURE_LIMIT	(8 + 1)		/* a preprocessor line: no mutant */

static const int fixture_table[] = { 3, 7 };

int fixture_use(int, int);

static int
fixture(int a, int b)
{
	int n = 0;

	if (a < b && !b)
		n += 2;
	while (a != b || a >= 5)
		a++;
	n = a * b - 1;
	// a line comment: n = a / b;
	fixture_use(a, b);
	if (n == fixture_table[1])
		return EINVAL;
	return fixture_use(n, "a <= b"[0]);
}
