/* SPDX-License-Identifier: MIT */
/*
 * buf.c: the bounded appender every printer writes into, and strace's
 * string quoting.
 *
 * The appender has snprintf semantics: it never writes past cap-1 bytes,
 * always leaves the text NUL-terminated (when cap > 0), and counts in len
 * the length the whole text would have, which the public functions return.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "print.h"

void
pb_init(struct pbuf *b, char *buf, size_t cap)
{
	b->buf = buf;
	b->cap = cap;
	b->len = 0;
	b->xstyle = 0;
	if (cap > 0)
		buf[0] = '\0';
}

void
pb_write(struct pbuf *b, const char *s, size_t n)
{
	if (b->cap > 0 && b->len < b->cap - 1) {
		size_t room = b->cap - 1 - b->len;
		size_t k = n < room ? n : room;

		memcpy(b->buf + b->len, s, k);
		b->buf[b->len + k] = '\0';
	}
	b->len += n;
}

void
pb_putc(struct pbuf *b, char c)
{
	pb_write(b, &c, 1);
}

void
pb_puts(struct pbuf *b, const char *s)
{
	pb_write(b, s, strlen(s));
}

void
pb_printf(struct pbuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		pb_write(b, tmp, (size_t)n);
		return;
	}
	/* Longer than the scratch buffer: format straight into place. */
	if (b->cap > 0 && b->len < b->cap - 1) {
		va_start(ap, fmt);
		vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

/*
 * Whether -x (xflag 1) turns the whole string to hex: strace does so when a
 * byte is above 0x7e or a control character other than the whitespace
 * \t \n \v \f \r (strace src/util.c, string_quote()).
 */
static bool
needs_hex(const unsigned char *s, size_t len, int style)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c == '\0' && (style & QUOTE_CSTRING))
			break;
		if (c > 0x7e)
			return true;
		if (c < ' ' && (unsigned)(c - 9) >= 5)
			return true;
	}
	return false;
}

/* The escapes strace uses for the C whitespace characters. */
static const char *const c_escapes[256] = {
	['\f'] = "\\f", ['\n'] = "\\n", ['\r'] = "\\r",
	['\t'] = "\\t", ['\v'] = "\\v", ['"'] = "\\\"",
	['\\'] = "\\\\",
};

void
pb_quote(struct pbuf *b, const unsigned char *s, size_t len, int xflag,
	 int style)
{
	bool hex = xflag == 2 || (style & QUOTE_FORCE_HEX) ||
		   (xflag == 1 && needs_hex(s, len, style));
	size_t i;

	if (!(style & QUOTE_BARE))
		pb_putc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];
		char esc[8];
		int n = 0;

		if (c == '\0' && (style & QUOTE_CSTRING))
			break;
		if (hex) {
			pb_printf(b, "\\x%02x", c);
			continue;
		}
		if (c_escapes[c]) {
			pb_puts(b, c_escapes[c]);
			continue;
		}
		if (c >= ' ' && c <= 0x7e &&
		    !((style & QUOTE_ANGLES) && (c == '<' || c == '>'))) {
			pb_putc(b, (char)c);
			continue;
		}
		if (xflag == 3) { /* only the unprintable bytes in hex */
			pb_printf(b, "\\x%02x", c);
			continue;
		}
		/*
		 * Octal: the shortest form, unless a digit 0-7 follows, which
		 * would be read as part of the escape: then all three digits.
		 */
		esc[n++] = '\\';
		if (i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7') {
			esc[n++] = (char)('0' + (c >> 6));
			esc[n++] = (char)('0' + ((c >> 3) & 7));
		} else if (c >> 3) {
			if (c >> 6)
				esc[n++] = (char)('0' + (c >> 6));
			esc[n++] = (char)('0' + ((c >> 3) & 7));
		}
		esc[n++] = (char)('0' + (c & 7));
		pb_write(b, esc, (size_t)n);
	}
	if (!(style & QUOTE_BARE))
		pb_putc(b, '"');
}
