package builtins

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// shellQuote quotes s for reuse as shell input the way bash's printf %q
// does: ” for the empty string, $'...' when s holds a character that is
// not printable, and backslashes before special characters otherwise.
func shellQuote(s string) string {
	if s == "" {
		return "''"
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !printable(r, size) {
			return ansiCQuote(s)
		}
		i += size
	}
	return backslashQuote(s)
}

// printable is isprint/iswprint in a UTF-8 locale; an invalid byte is
// not printable.
func printable(r rune, size int) bool {
	if r < utf8.RuneSelf {
		return r >= 0x20 && r < 0x7f
	}
	if r == utf8.RuneError && size <= 1 {
		return false
	}
	return unicode.IsGraphic(r)
}

// backslashQuote is bash's sh_backslash_quote as printf uses it: '~' is
// quoted only where tilde expansion could see it and '#' only where it
// would start a comment.
func backslashQuote(s string) string {
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\'', '"', '\\', '|', '&', ';', '(', ')', '<', '>',
			'!', '{', '}', '*', '[', '?', ']', '^', '$', '`', ',':
			b = append(b, '\\', c)
		case '~':
			if i == 0 || s[i-1] == '=' || s[i-1] == ':' {
				b = append(b, '\\')
			}
			b = append(b, c)
		case '#':
			if i == 0 {
				b = append(b, '\\')
			}
			b = append(b, c)
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// ansiCQuote is bash's ansic_quote: printable characters stay as they are,
// the usual C escapes are used where one exists, and any other byte
// becomes a three-digit octal escape.
func ansiCQuote(s string) string {
	b := make([]byte, 0, len(s)+8)
	b = append(b, '$', '\'')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case 0x1b:
			b = append(b, '\\', 'E')
		case '\a':
			b = append(b, '\\', 'a')
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\v':
			b = append(b, '\\', 'v')
		case '\\', '\'':
			b = append(b, '\\', byte(r))
		default:
			if printable(r, size) {
				b = append(b, s[i:i+size]...)
				break
			}
			for _, c := range []byte(s[i : i+size]) {
				o := strconv.FormatUint(uint64(c), 8)
				b = append(b, '\\')
				for n := len(o); n < 3; n++ {
					b = append(b, '0')
				}
				b = append(b, o...)
			}
		}
		i += size
	}
	return string(append(b, '\''))
}
