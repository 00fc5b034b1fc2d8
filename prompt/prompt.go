// Package prompt decodes bash's backslash escapes in a prompt string (PS1,
// PS2, PS4): \u \h \H \w \W \$ \t \T \@ \A \d \D{fmt} \j \l \! \# \n \r \s
// \v \V \[ \] \\ \e \a and \nnn. It is pure: the shell gathers the values
// the escapes show into Facts, and expands parameters, commands and
// arithmetic in the result itself, as bash does after this step.
package prompt

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Facts are the values a prompt's escapes show.
type Facts struct {
	User    string    // \u
	Host    string    // \H; \h is the part before the first dot
	Dir     string    // \w and \W: the working directory
	Home    string    // HOME, which \w and \W show as ~
	DirTrim int       // PROMPT_DIRTRIM: \w keeps this many trailing names (0: all)
	Root    bool      // \$ is # rather than $
	Jobs    int       // \j
	History int       // \!: the number of the next history entry
	Command int       // \#: the number of this command
	Shell   string    // \s
	Version string    // \V; \v is its major.minor
	TTY     string    // \l: the terminal's basename
	Now     time.Time // \t \T \@ \A \d \D{fmt}
}

// Decode replaces the escapes in ps with what f says. \[ and \] become
// \x01 and \x02, the markers of invisible text that package lineedit
// reads to measure the prompt (a prompt written without line editing
// drops them). \\ stays doubled, so that the expansion that follows leaves
// one backslash, and what an escape shows is quoted for that expansion, as
// bash quotes it: a directory named $x or a \D{$x} shows as typed.
func Decode(ps string, f *Facts) string {
	if !strings.Contains(ps, `\`) {
		return ps
	}
	var sb strings.Builder
	shown := func(s string) { writeLiteral(&sb, s) }
	for i := 0; i < len(ps); i++ {
		c := ps[i]
		if c != '\\' || i+1 == len(ps) {
			sb.WriteByte(c)
			continue
		}
		i++
		switch e := ps[i]; e {
		case 'u':
			shown(f.User)
		case 'h':
			h, _, _ := strings.Cut(f.Host, ".")
			shown(h)
		case 'H':
			shown(f.Host)
		case 'w':
			shown(trimDir(tildeDir(f.Dir, f.Home), f.DirTrim))
		case 'W':
			shown(baseDir(f.Dir, f.Home))
		case '$':
			if f.Root {
				sb.WriteByte('#')
			} else {
				sb.WriteByte('$')
			}
		case 't':
			sb.WriteString(f.Now.Format("15:04:05"))
		case 'T':
			sb.WriteString(f.Now.Format("03:04:05"))
		case '@':
			sb.WriteString(f.Now.Format("03:04 PM"))
		case 'A':
			sb.WriteString(f.Now.Format("15:04"))
		case 'd':
			sb.WriteString(f.Now.Format("Mon Jan 02"))
		case 'j':
			sb.WriteString(strconv.Itoa(f.Jobs))
		case '!':
			sb.WriteString(strconv.Itoa(f.History))
		case '#':
			sb.WriteString(strconv.Itoa(f.Command))
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 's':
			shown(f.Shell)
		case 'v':
			v := f.Version // major.minor, as bash's \v
			if n := strings.LastIndexByte(v, '.'); strings.Count(v, ".") > 1 {
				v = v[:n]
			}
			shown(v)
		case 'V':
			shown(f.Version)
		case 'l':
			shown(f.TTY)
		case 'D':
			if end := strings.IndexByte(ps[i:], '}'); i+1 < len(ps) && ps[i+1] == '{' && end > 0 {
				shown(strftime(f.Now, ps[i+2:i+end]))
				i += end
			} else {
				sb.WriteString(`\D`)
			}
		case '[':
			sb.WriteByte('\x01')
		case ']':
			sb.WriteByte('\x02')
		case 'e':
			sb.WriteByte('\x1b')
		case 'a':
			sb.WriteByte('\a')
		case '\\':
			sb.WriteString(`\\`)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(ps) && j < i+3 && ps[j] >= '0' && ps[j] <= '7' {
				j++
			}
			n, _ := strconv.ParseUint(ps[i:j], 8, 16)
			sb.WriteByte(byte(n)) // bash wraps \555 to one byte
			i = j - 1
		default:
			sb.WriteByte('\\')
			sb.WriteByte(e)
		}
	}
	return sb.String()
}

// writeLiteral writes s so that the expansion after Decode gives it back
// unchanged: $, ` and \ get a backslash, as in a double-quoted string.
func writeLiteral(sb *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '$', '`', '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		default:
			sb.WriteByte(c)
		}
	}
}

// tildeDir is \w: the directory, with HOME at its start shown as ~.
func tildeDir(d, home string) string {
	if home != "" && (d == home || strings.HasPrefix(d, home+"/")) {
		return "~" + d[len(home):]
	}
	return d
}

// trimDir is bash's trim_pathname for PROMPT_DIRTRIM: a \w of more than n
// names after its ~ (if any) keeps the last n, with ... for the rest
// (/usr/share/doc, n=1: .../doc; ~/a/b/c, n=2: ~/.../b/c).
func trimDir(d string, n int) string {
	if n <= 0 {
		return d
	}
	begin := 0
	if strings.HasPrefix(d, "~") {
		if i := strings.IndexByte(d, '/'); i >= 0 {
			begin = i + 1
		} else {
			return d
		}
	}
	if strings.Count(d[begin:], "/") < n {
		return d
	}
	p, seen := len(d), 0
	for p > begin {
		p--
		if d[p] == '/' {
			seen++
			if seen == n {
				break
			}
		}
	}
	if p == begin {
		return d
	}
	return d[:begin] + "..." + d[p:]
}

// baseDir is \W: the directory's last name, ~ for HOME, / for the root.
func baseDir(d, home string) string {
	switch {
	case d == home:
		return "~"
	case d == "/":
		return d
	}
	return d[strings.LastIndexByte(d, '/')+1:]
}

// strftime formats t with the common conversions of C's strftime, for
// \D{fmt}; an empty format is %X, the locale's time, as in bash.
func strftime(t time.Time, format string) string {
	if format == "" {
		format = "%X"
	}
	var sb strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 == len(format) {
			sb.WriteByte(format[i])
			continue
		}
		i++
		switch c := format[i]; c {
		case '%':
			sb.WriteByte('%')
		case 'n':
			sb.WriteByte('\n')
		case 't':
			sb.WriteByte('\t')
		case 'j':
			sb.WriteString(fmt.Sprintf("%03d", t.YearDay()))
		case 's':
			sb.WriteString(strconv.FormatInt(t.Unix(), 10))
		case 'u':
			sb.WriteString(strconv.Itoa((int(t.Weekday())+6)%7 + 1))
		case 'w':
			sb.WriteString(strconv.Itoa(int(t.Weekday())))
		default:
			if l, ok := strftimeLayouts[c]; ok {
				sb.WriteString(t.Format(l))
			} else {
				sb.WriteByte('%')
				sb.WriteByte(c)
			}
		}
	}
	return sb.String()
}

// strftimeLayouts are the conversions of strftime that a Go time layout
// does; never changed.
var strftimeLayouts = map[byte]string{
	'H': "15", 'I': "03", 'M': "04", 'S': "05", 'p': "PM", 'y': "06", 'Y': "2006",
	'm': "01", 'd': "02", 'e': "_2", 'b': "Jan", 'h': "Jan", 'B': "January", 'a': "Mon",
	'A': "Monday", 'Z': "MST", 'z': "-0700", 'X': "15:04:05", 'T': "15:04:05",
	'R': "15:04", 'D': "01/02/06", 'F': "2006-01-02", 'x': "01/02/06", 'c': "Mon Jan _2 15:04:05 2006",
}
