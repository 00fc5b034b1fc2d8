package shell

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/tty"
	"mvdan.cc/sh/v3/syntax"
)

// expandDocument expands a here-document body or a prompt string.
func expandDocument(cfg *expansion.Config, w *syntax.Word) (string, error) {
	return expansion.Document(cfg, w)
}

// promptEscapes replaces bash's backslash escapes in a prompt string:
// \u \h \H \w \W \$ \t \T \@ \A \d \D{fmt} \j \l \! \# \n \s \v \V \[ \]
// \\ and \e, \a, \nnn.
// \[ and \] become \x01 and \x02, the markers of invisible text that
// package lineedit reads to measure the prompt (a prompt written without
// line editing just drops them).
func (r *Shell) promptEscapes(ps string) string {
	if !strings.Contains(ps, `\`) {
		return ps
	}
	var sb strings.Builder
	for i := 0; i < len(ps); i++ {
		c := ps[i]
		if c != '\\' || i+1 == len(ps) {
			sb.WriteByte(c)
			continue
		}
		i++
		switch e := ps[i]; e {
		case 'u':
			sb.WriteString(r.userName())
		case 'h':
			h, _ := os.Hostname()
			h, _, _ = strings.Cut(h, ".")
			sb.WriteString(h)
		case 'H':
			h, _ := os.Hostname()
			sb.WriteString(h)
		case 'w', 'W':
			d := r.dir
			home := r.varValue("HOME")
			if e == 'W' {
				if d != "/" && d != home {
					d = d[strings.LastIndexByte(d, '/')+1:]
				} else if d == home {
					d = "~"
				}
			} else if home != "" && (d == home || strings.HasPrefix(d, home+"/")) {
				d = "~" + d[len(home):]
			}
			sb.WriteString(d)
		case '$':
			if os.Geteuid() == 0 {
				sb.WriteByte('#')
			} else {
				sb.WriteByte('$')
			}
		case 't':
			sb.WriteString(time.Now().Format("15:04:05"))
		case 'T':
			sb.WriteString(time.Now().Format("03:04:05"))
		case '@':
			sb.WriteString(time.Now().Format("03:04 PM"))
		case 'A':
			sb.WriteString(time.Now().Format("15:04"))
		case 'd':
			sb.WriteString(time.Now().Format("Mon Jan 02"))
		case 'j':
			sb.WriteString(strconv.Itoa(len(r.g.jobs.Jobs())))
		case '!':
			sb.WriteString(strconv.Itoa(r.historyNumber()))
		case '#':
			sb.WriteString(strconv.Itoa(r.commandNumber()))
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 's':
			sb.WriteString("gosh")
		case 'v':
			v := Version // major.minor, as bash's \v
			if n := strings.LastIndexByte(v, '.'); strings.Count(v, ".") > 1 {
				v = v[:n]
			}
			sb.WriteString(v)
		case 'V':
			sb.WriteString(Version)
		case 'l':
			name := "tty" // bash's word when stdin is not a terminal
			if p, err := os.Readlink("/proc/self/fd/0"); err == nil && tty.IsTerminal(0) {
				name = p[strings.LastIndexByte(p, '/')+1:]
			}
			sb.WriteString(name)
		case 'D':
			if end := strings.IndexByte(ps[i:], '}'); i+1 < len(ps) && ps[i+1] == '{' && end > 0 {
				sb.WriteString(strftime(time.Now(), ps[i+2:i+end]))
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
			// Doubled, so that the expansion that follows leaves one.
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

func (r *Shell) userName() string {
	if u := r.varValue("USER"); u != "" {
		return u
	}
	if os.Getuid() == 0 {
		return "root"
	}
	return strconv.Itoa(os.Getuid())
}

// historyNumber is the number the next history entry will get (\!); a
// shell without history counts its commands instead.
func (r *Shell) historyNumber() int {
	if ui := r.ui(); ui != nil {
		return ui.hist.Next()
	}
	return r.commandNumber()
}

// strftime formats t with the common conversions of C's strftime, for
// \D{fmt}; an empty format is %X, the locale's time, as in bash.
func strftime(t time.Time, format string) string {
	if format == "" {
		format = "%X"
	}
	layouts := map[byte]string{
		'H': "15", 'I': "03", 'M': "04", 'S': "05", 'p': "PM", 'y': "06", 'Y': "2006",
		'm': "01", 'd': "02", 'e': "_2", 'b': "Jan", 'h': "Jan", 'B': "January", 'a': "Mon",
		'A': "Monday", 'Z': "MST", 'z': "-0700", 'X': "15:04:05", 'T': "15:04:05",
		'R': "15:04", 'D': "01/02/06", 'F': "2006-01-02", 'x': "01/02/06", 'c': "Mon Jan _2 15:04:05 2006",
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
			if l, ok := layouts[c]; ok {
				sb.WriteString(t.Format(l))
			} else {
				sb.WriteByte('%')
				sb.WriteByte(c)
			}
		}
	}
	return sb.String()
}
