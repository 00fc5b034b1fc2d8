package builtins

import (
	"fmt"
	"github.com/gosh-sh/gosh/escapes"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// printfBuiltin is bash's printf [-v var] format [arguments]. The format is
// reused while arguments remain (POSIX); missing arguments read as "" or 0.
// Beyond C's conversions it supports %b (escapes in the argument, \c ends
// all output), %q and %Q (shell quoting), %(fmt)T (strftime) and %n.
//
// mvdan.cc/sh's expand.Format is not used: it lacks precision, %e %f %g
// %X %c's char codes, '*' widths, POSIX number diagnostics and \c, which
// is most of the work, so a layer around it would be larger than this.
func printfBuiltin(c Context, args []string) int {
	opts, operands, ok := ParseArgs(c, args, "v:")
	if !ok {
		return StatusUsage
	}
	varName := ""
	for _, o := range opts {
		varName = o.Value
		if !validRef(varName) {
			c.Errorf("printf: `%s': not a valid identifier", varName)
			return StatusUsage
		}
	}
	if len(operands) == 0 {
		return Usage(c, "printf")
	}
	p := printer{c: c, args: operands[1:], toVar: len(opts) > 0}
	for {
		before := len(p.args)
		if !p.format(operands[0]) || len(p.args) == 0 || len(p.args) == before {
			break
		}
	}
	if p.toVar {
		if !setVar(c, varName, string(p.buf)) {
			return 1
		}
		return p.status
	}
	p.flush()
	return p.status
}

// printer accumulates printf's output. Like bash's stdio it writes it out
// in chunks of runChunk bytes and the rest at the end, so diagnostics of a
// short output reach stderr before it, and a long one streams in constant
// memory. With -v everything is kept for the variable.
type printer struct {
	c       Context
	buf     []byte
	args    []string
	status  int
	toVar   bool
	written int  // bytes written out so far, for %n
	failed  bool // a write failed: the output stops, status says why
}

// spill writes out buf once it holds a chunk (see convSpec.spill); false
// means the output has failed and is to stop.
func (p *printer) spill(buf []byte) ([]byte, bool) {
	if p.toVar || len(buf) < runChunk {
		return buf, !p.failed
	}
	p.buf = buf
	p.flush()
	return p.buf, !p.failed
}

// flush writes out what is buffered, unless an earlier write failed.
func (p *printer) flush() {
	if !p.failed {
		if st := out(p.c, "printf", p.buf); st != 0 {
			p.status, p.failed = st, true
		}
		p.written += len(p.buf)
	}
	p.buf = p.buf[:0]
}

func (p *printer) warn(msg string) { p.c.Errorf("printf: %s", msg) }

// arg takes the next argument; ok is false when none is left.
func (p *printer) arg() (string, bool) {
	if len(p.args) == 0 {
		return "", false
	}
	a := p.args[0]
	p.args = p.args[1:]
	return a, true
}

// charCode implements POSIX's rule that an argument starting with a quote
// stands for the code of the character after it.
func charCode(a string) (int64, bool) {
	if a == "" || a[0] != '\'' && a[0] != '"' {
		return 0, false
	}
	if len(a) == 1 {
		return 0, true
	}
	r, size := utf8.DecodeRuneInString(a[1:])
	if r == utf8.RuneError && size <= 1 {
		return int64(a[1]), true
	}
	return int64(r), true
}

// numError reports a conversion that did not use the whole argument: the
// status becomes 1 but the value scanned so far is still printed.
func (p *printer) numError(a string, end int, overflow bool) {
	if end < len(a) || end == 0 && a != "" {
		invalidNumber(p.c, "printf", a)
		p.status = 1
	} else if overflow {
		p.warn(fmt.Sprintf("warning: %s: Numerical result out of range", a))
	}
}

func (p *printer) intArg() int64 {
	a, _ := p.arg()
	if v, ok := charCode(a); ok {
		return v
	}
	v, overflow, end := strtoimax(a, 0)
	p.numError(a, end, overflow)
	return v
}

func (p *printer) uintArg() uint64 {
	a, _ := p.arg()
	if v, ok := charCode(a); ok {
		return uint64(v)
	}
	v, overflow, end := strtoumax(a, 0)
	p.numError(a, end, overflow)
	return v
}

func (p *printer) floatArg() float64 {
	a, _ := p.arg()
	if v, ok := charCode(a); ok {
		return float64(v)
	}
	v, end, overflow := strtold(a)
	p.numError(a, end, overflow)
	return v
}

// starArg reads a '*' width or precision.
func (p *printer) starArg() int {
	v := p.intArg()
	if v > math.MaxInt32 || v < math.MinInt32 {
		p.warn(fmt.Sprintf("warning: %d: Numerical result out of range", v))
		v = max(min(v, math.MaxInt32), math.MinInt32)
	}
	return int(v)
}

// format runs one pass over the format string. It returns false when
// output must stop: a malformed conversion or a \c in a %b argument.
func (p *printer) format(f string) bool {
	for i := 0; i < len(f); {
		switch f[i] {
		case '\\':
			p.buf, i, _ = escapes.AppendOne(p.buf, f, i, escapes.Format, p.warn)
			continue
		case '%':
		default:
			j := i + 1
			for j < len(f) && f[j] != '\\' && f[j] != '%' {
				j++
			}
			p.buf = append(p.buf, f[i:j]...)
			i = j
			continue
		}
		start := i
		i++
		if i < len(f) && f[i] == '%' {
			p.buf = append(p.buf, '%')
			i++
			continue
		}
		var s convSpec
	flags:
		for ; i < len(f); i++ {
			switch f[i] {
			case '-':
				s.minus = true
			case '+':
				s.plus = true
			case ' ':
				s.space = true
			case '0':
				s.zero = true
			case '#':
				s.sharp = true
			case '\'': // thousands grouping: a no-op in the C locale
			default:
				break flags
			}
		}
		if i < len(f) && f[i] == '*' {
			i++
			s.width, s.hasWidth = p.starArg(), true
			if s.width < 0 {
				s.minus, s.width = true, -s.width
			}
		} else {
			for ; i < len(f) && f[i] >= '0' && f[i] <= '9'; i++ {
				w := s.width*10 + int(f[i]-'0')
				s.tooWide = s.tooWide || w > math.MaxInt32
				s.width, s.hasWidth = min(w, math.MaxInt32), true
			}
		}
		if i < len(f) && f[i] == '.' {
			i++
			s.hasPrec = true
			if i < len(f) && f[i] == '*' {
				i++
				s.prec = p.starArg()
				s.hasPrec = s.prec >= 0 // C: a negative precision is none
			} else {
				for ; i < len(f) && f[i] >= '0' && f[i] <= '9'; i++ {
					w := s.prec*10 + int(f[i]-'0')
					s.tooWide = s.tooWide || w > math.MaxInt32
					s.prec = min(w, math.MaxInt32)
				}
			}
		}
		for i < len(f) && strings.IndexByte("hjlLtz", f[i]) >= 0 {
			i++ // C length modifiers mean nothing here
		}
		if i == len(f) {
			p.c.Errorf("printf: `%s': missing format character", f[start:])
			p.status = 1
			return false
		}
		conv := f[i]
		i++
		timeFmt := ""
		if conv == '(' {
			j := strings.IndexByte(f[i:], ')')
			if j < 0 || i+j+1 == len(f) || f[i+j+1] != 'T' {
				p.c.Errorf("printf: `%c': invalid format character", conv)
				p.status = 1
				return false
			}
			timeFmt, conv = f[i:i+j], 'T'
			i += j + 2
		}
		if l, ok := p.c.(interface{ MaxField() int }); ok && max(s.width, s.prec) > l.MaxField() {
			s.tooWide = true // a context that bounds fields (the fuzz sandbox)
		}
		if s.tooWide {
			// C's printf fails with EOVERFLOW on a field of INT_MAX bytes
			// or more; bash prints nothing for it and goes on.
			p.arg()
			continue
		}
		if !p.toVar {
			s.spill = p.spill
		}
		if !p.convert(conv, s, timeFmt) {
			return false
		}
		var ok bool
		if p.buf, ok = p.spill(p.buf); !ok {
			return false
		}
	}
	return true
}

// convert formats one argument for conversion character conv.
func (p *printer) convert(conv byte, s convSpec, timeFmt string) bool {
	switch conv {
	case 's':
		a, _ := p.arg()
		p.buf = s.pad(p.buf, a)
	case 'c':
		a, _ := p.arg()
		if a == "" {
			a = "\x00" // as C's %c of the empty string's terminator
		}
		s.hasPrec = false
		p.buf = s.pad(p.buf, a[:1])
	case 'b':
		a, _ := p.arg()
		b, stop := escapes.Append(nil, a, escapes.B, p.warn)
		p.buf = s.pad(p.buf, string(b))
		return !stop
	case 'q':
		a, _ := p.arg()
		p.buf = s.pad(p.buf, shellQuote(a))
	case 'Q':
		// %Q applies the precision to the argument, not to its quoting.
		a, _ := p.arg()
		if s.hasPrec && s.prec < len(a) {
			a = a[:s.prec]
		}
		s.hasPrec = false
		p.buf = s.pad(p.buf, shellQuote(a))
	case 'd', 'i':
		s.sharp = false
		p.buf = s.appendGo(p.buf, 'd', p.intArg())
	case 'o', 'u', 'x', 'X':
		// C ignores the sign flags for unsigned conversions, and %#x of 0
		// has no 0x prefix.
		s.plus, s.space = false, false
		v := p.uintArg()
		verb := conv
		if conv == 'u' {
			verb, s.sharp = 'd', false
		} else if conv != 'o' && v == 0 {
			s.sharp = false
		}
		p.buf = s.appendGo(p.buf, verb, v)
	case 'e', 'E', 'f', 'F', 'g', 'G', 'a', 'A':
		p.buf = appendFloat(p.buf, p.floatArg(), conv, s)
	case 'n':
		// bash's %n stores the number of bytes printed so far.
		if a, _ := p.arg(); a != "" {
			if !validName(a) {
				p.c.Errorf("printf: `%s': not a valid identifier", a)
				p.status = 1
				return false
			}
			if !setVar(p.c, a, fmt.Sprint(p.written+len(p.buf))) {
				p.status = 1
			}
		}
	case 'T':
		t := time.Now()
		if len(p.args) > 0 {
			// -1 is now and -2 the shell's start, which a builtin
			// cannot know: it is taken as now too.
			if v := p.intArg(); v != -1 && v != -2 {
				t = time.Unix(v, 0)
			}
		}
		if timeFmt == "" {
			timeFmt = "%X"
		}
		p.buf = s.pad(p.buf, Strftime(timeFmt, t.In(p.location())))
	default:
		p.c.Errorf("printf: `%c': invalid format character", conv)
		p.status = 1
		return false
	}
	return true
}

// location is the time zone named by the shell's TZ, which need not be in
// the process environment.
func (p *printer) location() *time.Location {
	return Location(p.c.Var("TZ"))
}
