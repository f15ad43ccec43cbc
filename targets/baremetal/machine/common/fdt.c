/* fdt.c -- a reader of the flattened device tree a boot loader (U-Boot's booti/bootm) passes: /chosen/bootargs and /memory. */
#include "fdt.h"

#define FDT_MAGIC	0xd00dfeedu
#define FDT_BEGIN_NODE	1u
#define FDT_END_NODE	2u
#define FDT_PROP	3u
#define FDT_NOP		4u
#define FDT_END		9u
#define FDT_MAX_SIZE	(1u << 20)	/* far above any board's tree */

/* The tree is big-endian; the header's fields are 32-bit words. */
static uint32_t
be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint32_t
header(const void *blob, unsigned word)
{
	return be32((const uint8_t *)blob + 4 * word);
}

int
fdt_valid(const void *blob)
{
	uint32_t size;

	if (blob == NULL || ((uintptr_t)blob & 3) != 0 || header(blob, 0) != FDT_MAGIC)
		return 0;
	size = header(blob, 1);
	return size >= 40 && size <= FDT_MAX_SIZE && header(blob, 2) < size &&
	    header(blob, 3) < size;
}

/* The machine layer has no string functions (machine/README.md): its own. */
static size_t
str_len(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

static int
str_eq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
}

/* Whether name is want, or want@unit ("memory" names memory@0 too). */
static int
name_is(const char *name, const char *want)
{
	size_t n;

	for (n = 0; want[n] != '\0'; n++)
		if (name[n] != want[n])
			return 0;
	return name[n] == '\0' || name[n] == '@';
}

/*
 * The value of property prop of the node named node directly under the
 * root ("" for the root itself), its length in *len; NULL if absent.
 */
static const void *
fdt_prop(const void *blob, const char *node, const char *prop, uint32_t *len)
{
	const uint8_t *p = (const uint8_t *)blob + header(blob, 2);
	const uint8_t *end = (const uint8_t *)blob + header(blob, 1);
	const char *strings = (const char *)blob + header(blob, 3);
	int depth = 0, in_node = 0;
	uint32_t tok, plen;

	while (p + 4 <= end) {
		tok = be32(p);
		p += 4;
		switch (tok) {
		case FDT_BEGIN_NODE:
			depth++;
			in_node = (depth == 1 && node[0] == '\0') ||
			    (depth == 2 && name_is((const char *)p, node));
			p += (str_len((const char *)p) + 4) & ~(size_t)3;
			break;
		case FDT_END_NODE:
			depth--;
			in_node = depth == 1 && node[0] == '\0';
			break;
		case FDT_PROP:
			plen = be32(p);
			if (in_node && str_eq(strings + be32(p + 4), prop)) {
				*len = plen;
				return p + 8;
			}
			p += 8 + ((plen + 3) & ~(uint32_t)3);
			break;
		case FDT_NOP:
			break;
		default:	/* FDT_END or a damaged tree */
			return NULL;
		}
	}
	return NULL;
}

const char *
fdt_chosen(const void *blob, const char *prop)
{
	uint32_t len;
	const char *args = fdt_prop(blob, "chosen", prop, &len);

	return args != NULL && len > 0 && args[len - 1] == '\0' ? args : NULL;
}

int
fdt_chosen_epoch(const void *blob, int64_t *sec)
{
	const char *digits = fdt_chosen(blob, "rumpcheck,epoch");

	if (digits == NULL || *digits < '0' || *digits > '9')
		return -1;
	for (*sec = 0; *digits >= '0' && *digits <= '9'; digits++)
		*sec = *sec * 10 + (*digits - '0');
	return 0;
}

/* A number of cells (1 or 2) at p. */
static uint64_t
cells(const uint8_t *p, uint32_t n)
{
	return n == 2 ? (uint64_t)be32(p) << 32 | be32(p + 4) : be32(p);
}

int
fdt_memory(const void *blob, uint64_t *base, uint64_t *size)
{
	uint32_t len, acells = 2, scells = 1;	/* the specification's defaults */
	const uint8_t *v;

	if ((v = fdt_prop(blob, "", "#address-cells", &len)) != NULL && len == 4)
		acells = be32(v);
	if ((v = fdt_prop(blob, "", "#size-cells", &len)) != NULL && len == 4)
		scells = be32(v);
	if (acells < 1 || acells > 2 || scells < 1 || scells > 2)
		return -1;
	v = fdt_prop(blob, "memory", "reg", &len);
	if (v == NULL || len < 4 * (acells + scells))
		return -1;
	*base = cells(v, acells);
	*size = cells(v + 4 * acells, scells);
	return 0;
}
