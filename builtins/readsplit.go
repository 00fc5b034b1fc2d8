package builtins

import (
	"strings"
	"unicode/utf8"
)

// fieldSplitter splits a line read by read(1) on IFS following bash's
// read.def, which implements POSIX's rules: IFS white space is trimmed and
// runs of it separate fields, while each other IFS character delimits one
// field (with any white space around it). quoted marks the bytes that a
// backslash escaped; they never separate. It is nil when none are.
type fieldSplitter struct {
	s      []byte
	quoted []bool
	ifs    string
}

// sepAt reports whether the character at i is an unquoted IFS character,
// whether it is IFS white space, and its length.
func (f *fieldSplitter) sepAt(i int) (size int, sep, white bool) {
	if f.quoted != nil && f.quoted[i] {
		return 1, false, false
	}
	b := f.s[i]
	if b < utf8.RuneSelf {
		if strings.IndexByte(f.ifs, b) < 0 {
			return 1, false, false
		}
		return 1, true, b == ' ' || b == '\t' || b == '\n'
	}
	r, size := utf8.DecodeRune(f.s[i:])
	if r == utf8.RuneError && size <= 1 {
		return 1, false, false
	}
	return size, strings.ContainsRune(f.ifs, r), false
}

// skipWhite skips IFS white space from i up to end.
func (f *fieldSplitter) skipWhite(i, end int) int {
	for i < end {
		n, sep, white := f.sepAt(i)
		if !sep || !white {
			break
		}
		i += n
	}
	return i
}

// word is bash's get_word_from_string: it skips leading IFS white space,
// takes the field up to the next IFS character, and consumes the
// delimiter after it: one IFS character with the white space around it.
// ok is false if only white space was left.
func (f *fieldSplitter) word(i, end int) (w string, next int, ok bool) {
	i = f.skipWhite(i, end)
	if i >= end {
		return "", end, false
	}
	start := i
	for i < end {
		n, sep, _ := f.sepAt(i)
		if sep {
			break
		}
		i += n
	}
	w = string(f.s[start:i])
	if i < end {
		n, _, whiteSep := f.sepAt(i)
		i = f.skipWhite(i+n, end)
		// White space followed by a non-white IFS character is a single
		// delimiter, not two (POSIX 2.6.5 3b).
		if i < end && whiteSep {
			if n, sep, white := f.sepAt(i); sep && !white {
				i = f.skipWhite(i+n, end)
			}
		}
	}
	return w, i, true
}

// trimEnd drops trailing unquoted IFS white space before end.
func (f *fieldSplitter) trimEnd(start, end int) int {
	for end > start {
		b := f.s[end-1]
		if (b != ' ' && b != '\t' && b != '\n') || strings.IndexByte(f.ifs, b) < 0 ||
			f.quoted != nil && f.quoted[end-1] {
			break
		}
		end--
	}
	return end
}

// fields splits the whole line as word splitting does, for read -a.
func (f *fieldSplitter) fields() []string {
	var out []string
	for i := 0; ; {
		w, next, ok := f.word(i, len(f.s))
		if !ok {
			return out
		}
		out = append(out, w)
		i = next
	}
}

// assign splits the line over n variables: each but the last takes one
// field, and the last takes the rest of the line with its separators,
// minus trailing IFS white space and, when only one field is left, a
// trailing delimiter.
func (f *fieldSplitter) assign(n int) []string {
	vals := make([]string, n)
	i := f.skipWhite(0, len(f.s))
	for k := 0; k < n-1; k++ {
		vals[k], i, _ = f.word(i, len(f.s))
	}
	end := f.trimEnd(i, len(f.s))
	if i < end {
		if w, next, _ := f.word(i, end); next >= end {
			vals[n-1] = w
		} else {
			vals[n-1] = string(f.s[i:end])
		}
	}
	return vals
}
