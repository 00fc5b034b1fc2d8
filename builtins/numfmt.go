package builtins

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// convSpec is a parsed printf conversion: flags, width and precision.
type convSpec struct {
	minus, plus, space, zero, sharp bool
	width, prec                     int
	hasWidth, hasPrec               bool
	tooWide                         bool // a width or precision above INT_MAX

	// spill, when set, is handed the output so far each time a run of
	// padding has added runChunk bytes to it; it writes them out and
	// returns the (empty) buffer to go on with, or false to stop. A field
	// of INT_MAX columns so streams in constant memory, as C's does.
	spill func(dst []byte) ([]byte, bool)
}

// runChunk is how much padding is added between calls to spill.
const runChunk = 64 << 10

// goVerb renders the spec as a Go fmt directive for verb. Go's fmt agrees
// with C's printf for integers and for %e %f %g once a precision is
// given, so only the flags C ignores need dropping by the caller.
func (s convSpec) goVerb(verb byte) string {
	b := make([]byte, 0, 16)
	b = append(b, '%')
	if s.minus {
		b = append(b, '-')
	}
	if s.plus {
		b = append(b, '+')
	}
	if s.space {
		b = append(b, ' ')
	}
	if s.zero {
		b = append(b, '0')
	}
	if s.sharp {
		b = append(b, '#')
	}
	if s.hasWidth {
		b = strconv.AppendInt(b, int64(s.width), 10)
	}
	if s.hasPrec {
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(s.prec), 10)
	}
	return string(append(b, verb))
}

// goMaxWidth is the widest field Go's fmt pads: it rejects larger widths
// (%!(NOVERB)), where C's printf pads up to INT_MAX.
const goMaxWidth = 1_000_000

// appendGo formats v with Go's fmt under the spec, padding a field wider
// than Go's fmt takes itself: spaces on the left or right, or zeros after
// the sign and 0x prefix for the 0 flag (only without a precision, as C).
func (s convSpec) appendGo(dst []byte, verb byte, v any) []byte {
	if !s.hasWidth || s.width <= goMaxWidth {
		return fmt.Appendf(dst, s.goVerb(verb), v)
	}
	narrow := s
	narrow.hasWidth, narrow.width = false, 0
	str := fmt.Sprintf(narrow.goVerb(verb), v)
	if s.zero && !s.minus && !s.hasPrec && len(str) < s.width {
		prefix := 0
		if prefix < len(str) && strings.IndexByte("+- ", str[prefix]) >= 0 {
			prefix++
		}
		if len(str) > prefix+1 && str[prefix] == '0' && (str[prefix+1] == 'x' || str[prefix+1] == 'X') {
			prefix += 2
		}
		dst = append(dst, str[:prefix]...)
		dst = s.appendRun(dst, '0', s.width-len(str))
		return append(dst, str[prefix:]...)
	}
	narrow.width, narrow.hasWidth = s.width, true
	narrow.hasPrec = false
	return narrow.pad(dst, str)
}

// pad applies C's %s width and precision to str, counting bytes as C
// does (Go's fmt would count runes). The 0 flag does not apply to strings.
func (s convSpec) pad(dst []byte, str string) []byte {
	if s.hasPrec && s.prec < len(str) {
		str = str[:s.prec]
	}
	n := 0
	if s.hasWidth && s.width > len(str) {
		n = s.width - len(str)
	}
	if !s.minus {
		dst = s.appendRun(dst, ' ', n)
	}
	dst = append(dst, str...)
	if s.minus {
		dst = s.appendRun(dst, ' ', n)
	}
	return dst
}

// appendRun appends n copies of c, runChunk at a time through s.spill when
// it is set. After a failed spill the rest of the run is dropped.
func (s convSpec) appendRun(dst []byte, c byte, n int) []byte {
	for n > 0 {
		k := n
		if s.spill != nil {
			k = min(n, runChunk)
		}
		dst = appendRepeated(dst, c, k)
		n -= k
		if n > 0 {
			var ok bool
			if dst, ok = s.spill(dst); !ok {
				return dst
			}
		}
	}
	return dst
}

func appendRepeated(dst []byte, c byte, n int) []byte {
	start := len(dst)
	dst = append(slices.Grow(dst, n), c)
	for len(dst)-start < n { // double the run: a memmove per step, not a byte
		dst = append(dst, dst[start:start+min(len(dst)-start, n-(len(dst)-start))]...)
	}
	return dst
}

// strtold scans a floating-point number the way C's strtold does: white
// space, a sign, then inf/infinity/nan, a hexadecimal float (whose binary
// exponent is optional), or a decimal one. end is 0 if nothing matched.
// The value is a float64, so precision beyond 53 bits is lost.
func strtold(s string) (v float64, end int, overflow bool) {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	sign := func(f float64) float64 {
		if neg {
			return math.Copysign(f, -1)
		}
		return f
	}
	rest := strings.ToLower(s[i:])
	switch {
	case strings.HasPrefix(rest, "infinity"):
		return sign(math.Inf(1)), i + 8, false
	case strings.HasPrefix(rest, "inf"):
		return sign(math.Inf(1)), i + 3, false
	case strings.HasPrefix(rest, "nan"):
		end = i + 3
		if j := strings.IndexByte(rest, ')'); len(rest) > 3 && rest[3] == '(' && j > 0 {
			end = i + j + 1
		}
		return sign(math.NaN()), end, false
	}
	base := 10
	expChar := byte('e')
	if len(rest) > 2 && rest[0] == '0' && rest[1] == 'x' &&
		(digitVal(rest[2]) < 16 || len(rest) > 3 && rest[2] == '.' && digitVal(rest[3]) < 16) {
		base, expChar = 16, 'p'
		i += 2
	}
	start := i
	digits := 0
	for i < len(s) && digitVal(s[i]) < base {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && digitVal(s[i]) < base {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, 0, false
	}
	mant := s[start:i]
	exp := ""
	if i < len(s) && (s[i]|0x20) == expChar {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			exp = s[i+1 : j]
			i = j
		}
	}
	var err error
	if base == 16 {
		if exp == "" {
			exp = "0"
		}
		v, err = strconv.ParseFloat("0x"+mant+"p"+exp, 64)
	} else {
		if exp != "" {
			mant += "e" + exp
		}
		v, err = strconv.ParseFloat(mant, 64)
	}
	return sign(v), i, err != nil
}

// appendFloat formats f for the C conversion verb (e E f F g G a A).
func appendFloat(dst []byte, f float64, verb byte, s convSpec) []byte {
	upper := verb == 'E' || verb == 'F' || verb == 'G' || verb == 'A'
	if math.IsInf(f, 0) || math.IsNaN(f) {
		// C prints inf and nan with the sign flags but never zero-pads.
		str := "inf"
		if math.IsNaN(f) {
			str = "nan"
		}
		if upper {
			str = strings.ToUpper(str)
		}
		switch {
		case math.Signbit(f):
			str = "-" + str
		case s.plus:
			str = "+" + str
		case s.space:
			str = " " + str
		}
		s.hasPrec = false
		return s.pad(dst, str)
	}
	if verb == 'a' || verb == 'A' {
		return appendHexFloat(dst, f, upper, s)
	}
	if !s.hasPrec {
		s.prec, s.hasPrec = 6, true
	}
	if verb == 'F' {
		verb = 'f'
	}
	return s.appendGo(dst, verb, f)
}

// appendHexFloat formats %a as glibc does for a long double: the leading
// hex digit holds four significant bits (8 to f), so 1 is 0x8p-3.
func appendHexFloat(dst []byte, f float64, upper bool, s convSpec) []byte {
	var b []byte
	switch {
	case math.Signbit(f):
		b = append(b, '-')
	case s.plus:
		b = append(b, '+')
	case s.space:
		b = append(b, ' ')
	}
	b = append(b, '0', 'x')
	prefix := len(b)
	var m uint64
	exp := 0
	if f != 0 {
		frac, e := math.Frexp(math.Abs(f))
		m = uint64(math.Ldexp(frac, 64)) // exact: frac has 53 bits
		exp = e - 4
	}
	// m is 0x8... to 0xf... followed by 15 fraction digits.
	digits := 15
	if s.hasPrec && s.prec < digits {
		shift := uint(4 * (15 - s.prec))
		half := uint64(1) << (shift - 1)
		low := m & (1<<shift - 1)
		m >>= shift
		if low > half || low == half && m&1 == 1 {
			m++
			if m>>(4*uint(s.prec)+4) != 0 {
				// Carried past 0xf.ff..: glibc then prints 0x1.00..
				// four binary places up.
				m = 1 << (4 * uint(s.prec))
				exp += 4
			}
		}
		m <<= shift
		digits = s.prec
	}
	lead := m >> 60
	fracBits := m << 4
	b = append(b, "0123456789abcdef"[lead])
	var fd []byte
	for n := 0; n < 15; n++ {
		fd = append(fd, "0123456789abcdef"[fracBits>>60])
		fracBits <<= 4
	}
	if s.hasPrec {
		fd = fd[:digits]
		for len(fd) < s.prec {
			fd = append(fd, '0')
		}
	} else {
		fd = []byte(strings.TrimRight(string(fd), "0"))
	}
	if len(fd) > 0 || s.sharp {
		b = append(b, '.')
		b = append(b, fd...)
	}
	b = append(b, 'p')
	if exp >= 0 {
		b = append(b, '+')
	}
	b = strconv.AppendInt(b, int64(exp), 10)
	str := string(b)
	if upper {
		str = strings.ToUpper(str)
	}
	s.hasPrec = false
	if s.zero && !s.minus && s.hasWidth && len(str) < s.width {
		dst = append(dst, str[:prefix]...)
		dst = s.appendRun(dst, '0', s.width-len(str))
		return append(dst, str[prefix:]...)
	}
	return s.pad(dst, str)
}
