package builtins

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"syscall"

	"github.com/gosh-sh/gosh/expansion"
)

// StatusUsage is a builtin's exit status for bad options or operands, as
// bash's EX_USAGE.
const StatusUsage = 2

// Exit statuses shared by several builtins.
const (
	statusPipe   = 141 // 128+SIGPIPE: the reader went away
	statusAlarm  = 142 // 128+SIGALRM: read -t timed out
	statusSigint = 130 // 128+SIGINT: interrupted
)

// out writes b to the builtin's standard output. A closed pipe yields 141,
// as if SIGPIPE had killed the builtin, so `yes | head` style pipelines
// stop promptly; any other failure is reported as bash does and yields 1.
func out(c Context, name string, b []byte) int {
	if len(b) == 0 {
		return 0
	}
	if _, err := c.Stdout().Write(b); err != nil {
		if errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrClosedPipe) {
			return statusPipe
		}
		c.Errorf("%s: write error: %s", name, strerror(err))
		return 1
	}
	return 0
}

// strerror renders err the way C's strerror does, so messages match bash:
// Go spells errno texts in lower case ("no such process").
func strerror(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		if s != "" && s[0] >= 'a' && s[0] <= 'z' {
			s = string(s[0]-'a'+'A') + s[1:]
		}
		return s
	}
	return err.Error()
}

// Usage prints the builtin's "NAME: usage: SYNOPSIS" line from the
// registry and returns StatusUsage. Bash writes it without the shell-name
// and line-number prefix, hence no Errorf.
func Usage(c Context, name string) int {
	if s, ok := Find(name); ok {
		fmt.Fprintln(c.Stderr(), s.UsageLine())
	}
	return StatusUsage
}

// Option is one parsed option letter and, for a letter that takes one, its
// value. HasValue tells an optional value that was not given from an empty
// one.
type Option struct {
	Letter   byte
	Value    string
	HasValue bool
	Plus     bool // given as +L (set +x), which a spec starting with '+' allows
}

// OptionError is an option ParseOptions rejects: a letter the spec lacks,
// or (Missing) one that takes a value with none left to take.
type OptionError struct {
	Letter  byte
	Missing bool
	Plus    bool // the option was given as +L
}

func (e *OptionError) Error() string {
	sign := '-'
	if e.Plus {
		sign = '+'
	}
	if e.Missing {
		return fmt.Sprintf("%c%c: option requires an argument", sign, e.Letter)
	}
	return fmt.Sprintf("%c%c: invalid option", sign, e.Letter)
}

// ParseOptions is a cut-down version of bash's internal_getopt: options may
// be grouped (-rs), an option's value may be attached (-d:) or be the next
// word, "--" ends the options, and "-" or a word not starting with '-' is
// the first operand. args[0] is the command name. spec lists the letters,
// each followed by ':' if it takes a value or ';' if it takes an optional
// one (the rest of the word, or the next word unless that starts with '-',
// as bash's ulimit has it). A spec that starts with '+' also takes options
// given as +L (set +x), marked Plus. It prints nothing; a bad option comes
// back as an *OptionError.
func ParseOptions(args []string, spec string) (opts []Option, operands []string, err error) {
	i := 1
	for ; i < len(args); i++ {
		w := args[i]
		if w == "--" {
			i++
			break
		}
		plus := len(w) >= 2 && w[0] == '+' && strings.HasPrefix(spec, "+")
		if len(w) < 2 || w[0] != '-' && !plus {
			break
		}
		for j := 1; j < len(w); j++ {
			k := strings.IndexByte(spec, w[j])
			if k < 0 || strings.IndexByte(":;+", w[j]) >= 0 {
				return nil, nil, &OptionError{Letter: w[j], Plus: plus}
			}
			kind := byte(0)
			if k+1 < len(spec) {
				kind = spec[k+1]
			}
			if kind != ':' && kind != ';' {
				opts = append(opts, Option{Letter: w[j], Plus: plus})
				continue
			}
			switch {
			case j+1 < len(w):
				opts = append(opts, Option{w[j], w[j+1:], true, plus})
			case i+1 < len(args) && (kind == ':' || !optionLike(args[i+1], spec)):
				i++
				opts = append(opts, Option{w[j], args[i], true, plus})
			case kind == ';':
				opts = append(opts, Option{Letter: w[j], Plus: plus})
			default:
				return nil, nil, &OptionError{Letter: w[j], Missing: true, Plus: plus}
			}
			break
		}
	}
	return opts, args[i:], nil
}

// optionLike reports whether w is not to be taken as an optional value:
// it starts with '-', or with '+' where spec takes +L options (bash: set
// -o +x lists the options, then turns -x off; ulimit -n +5 sets 5).
func optionLike(w, spec string) bool {
	return strings.HasPrefix(w, "-") || strings.HasPrefix(w, "+") && strings.HasPrefix(spec, "+")
}

// ParseArgs is ParseOptions for a builtin: on a bad option it prints
// bash's diagnostic and the builtin's usage line (OptionFailed) and returns
// ok == false; the builtin then exits with StatusUsage.
func ParseArgs(c Context, args []string, spec string) (opts []Option, operands []string, ok bool) {
	opts, operands, err := ParseOptions(args, spec)
	if err != nil {
		OptionFailed(c, args[0], err)
		return nil, nil, false
	}
	return opts, operands, true
}

// OptionFailed reports a bad option of the builtin name as bash does: the
// diagnostic, then the usage line. It returns StatusUsage.
func OptionFailed(c Context, name string, err error) int {
	c.Errorf("%s: %v", name, err)
	return Usage(c, name)
}

// isCSpace is C's isspace in the C locale, which strtol skips.
func isCSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r'
}

func digitVal(b byte) int {
	switch {
	case b >= '0' && b <= '9':
		return int(b - '0')
	case b >= 'a' && b <= 'z':
		return int(b-'a') + 10
	case b >= 'A' && b <= 'Z':
		return int(b-'A') + 10
	}
	return 99
}

// strtonum scans an integer the way C's strtoimax/strtoumax do: leading
// white space, an optional sign and, for base 0, the 0x and 0 prefixes.
// It returns the magnitude (saturated at MaxUint64), the sign, whether the
// magnitude overflowed, and the index just past the last character used,
// which is 0 when there were no digits at all.
func strtonum(s string, base int) (mag uint64, neg, overflow bool, end int) {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	// "0x" counts as a prefix only when a hex digit follows, as in C.
	if (base == 0 || base == 16) && i+2 < len(s) && s[i] == '0' &&
		(s[i+1] == 'x' || s[i+1] == 'X') && digitVal(s[i+2]) < 16 {
		i += 2
		base = 16
	} else if base == 0 {
		base = 10
		if i < len(s) && s[i] == '0' {
			base = 8
		}
	}
	start := i
	for ; i < len(s); i++ {
		d := digitVal(s[i])
		if d >= base {
			break
		}
		if mag > (math.MaxUint64-uint64(d))/uint64(base) {
			overflow = true
			mag = math.MaxUint64
		} else if !overflow {
			mag = mag*uint64(base) + uint64(d)
		}
	}
	if i == start {
		return 0, false, false, 0
	}
	return mag, neg, overflow, i
}

// strtoimax converts like C's strtoimax, clamping on overflow.
func strtoimax(s string, base int) (v int64, overflow bool, end int) {
	mag, neg, overflow, end := strtonum(s, base)
	switch {
	case neg && mag > 1<<63:
		return math.MinInt64, true, end
	case neg:
		return int64(-mag), overflow, end
	case mag > math.MaxInt64:
		return math.MaxInt64, true, end
	}
	return int64(mag), overflow, end
}

// strtoumax converts like C's strtoumax: a negative number wraps around.
func strtoumax(s string, base int) (v uint64, overflow bool, end int) {
	mag, neg, overflow, end := strtonum(s, base)
	if overflow {
		return math.MaxUint64, true, end
	}
	if neg {
		return -mag, false, end
	}
	return mag, false, end
}

// legalNumber is bash's legal_number: a whole decimal integer, surrounded
// by optional white space, that fits in an int64.
func legalNumber(s string) (int64, bool) {
	v, overflow, end := strtoimax(s, 10)
	if end == 0 || overflow {
		return 0, false
	}
	for end < len(s) && (s[end] == ' ' || s[end] == '\t') {
		end++
	}
	return v, end == len(s)
}

// invalidNumber is bash's sh_invalidnum, whose wording depends on the
// number's apparent base.
func invalidNumber(c Context, name, s string) {
	msg := "invalid number"
	if len(s) > 1 && s[0] == '0' {
		if s[1] >= '0' && s[1] <= '9' {
			msg = "invalid octal number"
		} else if s[1] == 'x' {
			msg = "invalid hex number"
		}
	}
	c.Errorf("%s: %s: %s", name, s, msg)
}

// validName reports whether s is a shell identifier.
func validName(s string) bool { return expansion.ValidName(s) }

// validRef reports whether s is an identifier, optionally followed by a
// subscript, as read and printf -v accept ("arr[2]").
func validRef(s string) bool {
	if i := strings.IndexByte(s, '['); i > 0 && strings.HasSuffix(s, "]") && len(s) > i+2 {
		return validName(s[:i])
	}
	return validName(s)
}

// setVar assigns through the Context and reports a failure the way bash
// does ("x: readonly variable").
func setVar(c Context, name, value string) bool {
	if err := c.SetVar(name, value); err != nil {
		c.Errorf("%v", err)
		return false
	}
	return true
}
