// Package escapes interprets backslash escapes in the dialects bash uses:
// echo -e, printf's %b, printf's format string, and $'...' (ANSI-C quoting).
// It imports nothing of gosh's own.
package escapes

// Mode selects one of bash's three dialects of backslash escapes.
type Mode int

const (
	// Echo is echo -e: octal needs a leading 0 (\0nnn), \c stops all
	// output, and \' \" \? keep their backslash.
	Echo Mode = iota
	// B is printf's %b: like echo -e but \nnn (without the 0) is octal
	// too.
	B
	// Format is a printf format string: \nnn octal, \' \" \? drop the
	// backslash, \c is not special, and missing hex digits are diagnosed.
	Format
	// ANSIC is $'...': like Format, and \cX is the control character
	// of X. A NUL ends the string (the caller cuts at it).
	ANSIC
)

// Append appends s to dst with backslash escapes interpreted as in
// mode. stop reports a \c, after which the caller must print nothing more.
// warn, if not nil, receives printf's diagnostics ("missing hex digit for
// \x").
func Append(dst []byte, s string, mode Mode, warn func(string)) (_ []byte, stop bool) {
	for i := 0; i < len(s); {
		if s[i] != '\\' {
			j := i + 1
			for j < len(s) && s[j] != '\\' {
				j++
			}
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		if dst, i, stop = AppendOne(dst, s, i, mode, warn); stop {
			return dst, true
		}
	}
	return dst, false
}

// AppendOne interprets the one escape sequence at s[i] (a backslash)
// and returns the index just past it. printf's format loop calls it
// directly so that an escape producing '%' is not taken for a conversion.
func AppendOne(dst []byte, s string, i int, mode Mode, warn func(string)) (_ []byte, next int, stop bool) {
	if i+1 == len(s) {
		return append(dst, '\\'), i + 1, false // a trailing backslash stays
	}
	i++
	switch ch := s[i]; ch {
	case 'a':
		dst = append(dst, '\a')
	case 'b':
		dst = append(dst, '\b')
	case 'e', 'E':
		dst = append(dst, 0x1b)
	case 'f':
		dst = append(dst, '\f')
	case 'n':
		dst = append(dst, '\n')
	case 'r':
		dst = append(dst, '\r')
	case 't':
		dst = append(dst, '\t')
	case 'v':
		dst = append(dst, '\v')
	case '\\':
		dst = append(dst, '\\')
	case '\'', '"', '?':
		if mode == Echo || mode == B {
			dst = append(dst, '\\')
		}
		dst = append(dst, ch)
	case 'c':
		if mode == ANSIC {
			if i+1 == len(s) {
				return append(dst, '\\', 'c'), i + 1, false
			}
			c := s[i+1]
			if c == '?' {
				return append(dst, 0x7f), i + 2, false
			}
			if c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
			return append(dst, c&0x1f), i + 2, false
		}
		if mode != Format {
			return dst, i + 1, true
		}
		dst = append(dst, '\\', 'c')
	case '0', '1', '2', '3', '4', '5', '6', '7':
		// echo -e and %b take up to three digits after a leading 0;
		// elsewhere the first digit is one of the three.
		j := i
		if ch == '0' && (mode == Echo || mode == B) {
			j++
		} else if mode == Echo {
			return append(dst, '\\', ch), i + 1, false
		}
		v := 0
		for n := 0; n < 3 && j < len(s) && s[j] >= '0' && s[j] <= '7'; n++ {
			v = v*8 + int(s[j]-'0')
			j++
		}
		return append(dst, byte(v)), j, false
	case 'x', 'u', 'U':
		max := 2
		if ch == 'u' {
			max = 4
		} else if ch == 'U' {
			max = 8
		}
		v, j := 0, i+1
		for ; j < len(s) && j-i-1 < max && hexVal(s[j]) < 16; j++ {
			v = v*16 + hexVal(s[j])
		}
		if j == i+1 {
			if warn != nil {
				if ch == 'x' {
					warn(`missing hex digit for \x`)
				} else {
					warn(`missing unicode digit for \` + string(ch))
				}
			}
			return append(dst, '\\', ch), i + 1, false
		}
		if ch == 'x' {
			return append(dst, byte(v)), j, false
		}
		return AppendUTF8(dst, uint32(v)), j, false
	default:
		dst = append(dst, '\\', ch)
	}
	return dst, i + 1, false
}

// AppendUTF8 encodes v the way bash's u32cconv does: the original UTF-8
// bit layout, which also covers surrogates and values past U+10FFFF (up to
// six bytes), where utf8.AppendRune would substitute U+FFFD.
func AppendUTF8(dst []byte, v uint32) []byte {
	switch {
	case v < 0x80:
		return append(dst, byte(v))
	case v < 0x800:
		return append(dst, 0xc0|byte(v>>6), 0x80|byte(v&0x3f))
	case v < 0x10000:
		return append(dst, 0xe0|byte(v>>12), 0x80|byte(v>>6&0x3f), 0x80|byte(v&0x3f))
	case v < 0x200000:
		return append(dst, 0xf0|byte(v>>18), 0x80|byte(v>>12&0x3f), 0x80|byte(v>>6&0x3f), 0x80|byte(v&0x3f))
	case v < 0x4000000:
		return append(dst, 0xf8|byte(v>>24), 0x80|byte(v>>18&0x3f), 0x80|byte(v>>12&0x3f),
			0x80|byte(v>>6&0x3f), 0x80|byte(v&0x3f))
	case v < 0x80000000:
		return append(dst, 0xfc|byte(v>>30), 0x80|byte(v>>24&0x3f), 0x80|byte(v>>18&0x3f),
			0x80|byte(v>>12&0x3f), 0x80|byte(v>>6&0x3f), 0x80|byte(v&0x3f))
	}
	return dst // bash prints nothing for values it cannot encode
}

// hexVal is the value of a hexadecimal digit, or 16 for any other byte.
func hexVal(b byte) int {
	switch {
	case b >= '0' && b <= '9':
		return int(b - '0')
	case b >= 'a' && b <= 'f':
		return int(b-'a') + 10
	case b >= 'A' && b <= 'F':
		return int(b-'A') + 10
	}
	return 16
}
