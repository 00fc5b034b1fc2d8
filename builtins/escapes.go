package builtins

// escMode selects one of bash's three dialects of backslash escapes.
type escMode int

const (
	// escEcho is echo -e: octal needs a leading 0 (\0nnn), \c stops all
	// output, and \' \" \? keep their backslash.
	escEcho escMode = iota
	// escB is printf's %b: like echo -e but \nnn (without the 0) is octal
	// too.
	escB
	// escFormat is a printf format string: \nnn octal, \' \" \? drop the
	// backslash, \c is not special, and missing hex digits are diagnosed.
	escFormat
)

// appendEscapes appends s to dst with backslash escapes interpreted as in
// mode. stop reports a \c, after which the caller must print nothing more.
// warn, if not nil, receives printf's diagnostics ("missing hex digit for
// \x").
func appendEscapes(dst []byte, s string, mode escMode, warn func(string)) (_ []byte, stop bool) {
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
		if dst, i, stop = appendEscape(dst, s, i, mode, warn); stop {
			return dst, true
		}
	}
	return dst, false
}

// appendEscape interprets the one escape sequence at s[i] (a backslash)
// and returns the index just past it. printf's format loop calls it
// directly so that an escape producing '%' is not taken for a conversion.
func appendEscape(dst []byte, s string, i int, mode escMode, warn func(string)) (_ []byte, next int, stop bool) {
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
		if mode != escFormat {
			dst = append(dst, '\\')
		}
		dst = append(dst, ch)
	case 'c':
		if mode != escFormat {
			return dst, i + 1, true
		}
		dst = append(dst, '\\', 'c')
	case '0', '1', '2', '3', '4', '5', '6', '7':
		// echo -e and %b take up to three digits after a leading 0;
		// elsewhere the first digit is one of the three.
		j := i
		if ch == '0' && mode != escFormat {
			j++
		} else if mode == escEcho {
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
		for ; j < len(s) && j-i-1 < max && digitVal(s[j]) < 16; j++ {
			v = v*16 + digitVal(s[j])
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
		return appendUTF8(dst, uint32(v)), j, false
	default:
		dst = append(dst, '\\', ch)
	}
	return dst, i + 1, false
}

// appendUTF8 encodes v the way bash's u32cconv does: the original UTF-8
// bit layout, which also covers surrogates and values past U+10FFFF (up to
// six bytes), where utf8.AppendRune would substitute U+FFFD.
func appendUTF8(dst []byte, v uint32) []byte {
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
