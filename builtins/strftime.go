package builtins

import (
	"strconv"
	"strings"
	"time"
)

// Strftime formats t like C's strftime in the C locale, for printf's
// %(fmt)T and the times `history` shows under HISTTIMEFORMAT. It supports the POSIX conversions plus the GNU ones bash users
// meet (%k %l %P %s %G %g %V) and the GNU flags - _ 0 ^ before them; %E
// and %O modifiers are accepted and ignored. An unknown conversion is
// copied through as glibc does.
func Strftime(layout string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(layout); i++ {
		if layout[i] != '%' || i+1 == len(layout) {
			b.WriteByte(layout[i])
			continue
		}
		start := i
		i++
		var pad byte // 0: the conversion's default
		upper := false
		for ; i < len(layout); i++ {
			switch layout[i] {
			case '-', '_', '0':
				pad = layout[i]
				continue
			case '^':
				upper = true
				continue
			}
			break
		}
		for i < len(layout) && (layout[i] == 'E' || layout[i] == 'O') {
			i++
		}
		if i == len(layout) {
			b.WriteString(layout[start:])
			break
		}
		s := strftimeConv(layout[i], t, pad)
		if s == "" && layout[i] != 'p' && layout[i] != 'P' && layout[i] != 'Z' {
			s = layout[start : i+1]
		}
		if upper {
			s = strings.ToUpper(s)
		}
		b.WriteString(s)
	}
	return b.String()
}

// num formats n at width w with the default padding def ('0' or ' '),
// unless a GNU flag overrides it.
func num(n, w int, def, pad byte) string {
	s := strconv.Itoa(n)
	switch pad {
	case '-':
		return s
	case '_':
		def = ' '
	case '0':
		def = '0'
	}
	for len(s) < w {
		s = string(def) + s
	}
	return s
}

func strftimeConv(c byte, t time.Time, pad byte) string {
	switch c {
	case 'a':
		return t.Weekday().String()[:3]
	case 'A':
		return t.Weekday().String()
	case 'b', 'h':
		return t.Month().String()[:3]
	case 'B':
		return t.Month().String()
	case 'c':
		return Strftime("%a %b %e %H:%M:%S %Y", t)
	case 'C':
		return num(t.Year()/100, 2, '0', pad)
	case 'd':
		return num(t.Day(), 2, '0', pad)
	case 'D', 'x':
		return Strftime("%m/%d/%y", t)
	case 'e':
		return num(t.Day(), 2, ' ', pad)
	case 'F':
		return Strftime("%Y-%m-%d", t)
	case 'G':
		y, _ := t.ISOWeek()
		return num(y, 1, '0', pad)
	case 'g':
		y, _ := t.ISOWeek()
		return num(y%100, 2, '0', pad)
	case 'H':
		return num(t.Hour(), 2, '0', pad)
	case 'I':
		return num((t.Hour()+11)%12+1, 2, '0', pad)
	case 'j':
		return num(t.YearDay(), 3, '0', pad)
	case 'k':
		return num(t.Hour(), 2, ' ', pad)
	case 'l':
		return num((t.Hour()+11)%12+1, 2, ' ', pad)
	case 'm':
		return num(int(t.Month()), 2, '0', pad)
	case 'M':
		return num(t.Minute(), 2, '0', pad)
	case 'n':
		return "\n"
	case 'p':
		if t.Hour() < 12 {
			return "AM"
		}
		return "PM"
	case 'P':
		if t.Hour() < 12 {
			return "am"
		}
		return "pm"
	case 'r':
		return Strftime("%I:%M:%S %p", t)
	case 'R':
		return Strftime("%H:%M", t)
	case 's':
		return strconv.FormatInt(t.Unix(), 10)
	case 'S':
		return num(t.Second(), 2, '0', pad)
	case 't':
		return "\t"
	case 'T', 'X':
		return Strftime("%H:%M:%S", t)
	case 'u':
		return strconv.Itoa((int(t.Weekday())+6)%7 + 1)
	case 'U':
		return num((t.YearDay()+6-int(t.Weekday()))/7, 2, '0', pad)
	case 'V':
		_, w := t.ISOWeek()
		return num(w, 2, '0', pad)
	case 'w':
		return strconv.Itoa(int(t.Weekday()))
	case 'W':
		return num((t.YearDay()+6-(int(t.Weekday())+6)%7)/7, 2, '0', pad)
	case 'y':
		return num(t.Year()%100, 2, '0', pad)
	case 'Y':
		return num(t.Year(), 1, '0', pad)
	case 'z':
		_, off := t.Zone()
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		return string(sign) + num(off/3600*100+off%3600/60, 4, '0', 0)
	case 'Z':
		name, _ := t.Zone()
		return name
	case '%':
		return "%"
	}
	return ""
}

// Location is the time zone TZ names, as printf's %(fmt)T and `history`
// use it: the process's own when TZ is unset, a zone of the system's
// database by name (a leading ':' allowed), UTC for anything else (a POSIX
// rule such as "EST5EDT" that the database does not have).
func Location(tz string, set bool) *time.Location {
	if !set {
		return time.Local
	}
	if loc, err := time.LoadLocation(strings.TrimPrefix(tz, ":")); err == nil {
		return loc
	}
	return time.UTC
}
