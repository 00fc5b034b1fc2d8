package builtins

import (
	"strconv"
	"strings"
	"syscall"
	"testing"
)

var printfCases = []outputCase{
	// Usage and options.
	{args: []string{"printf"}, err: "printf: usage: printf [-v var] format [arguments]\n", status: 2},
	{args: []string{"printf", "-x"}, err: "gosh: printf: -x: invalid option\nprintf: usage: printf [-v var] format [arguments]\n", status: 2},
	{args: []string{"printf", "-v"}, err: "gosh: printf: -v: option requires an argument\nprintf: usage: printf [-v var] format [arguments]\n", status: 2},
	{args: []string{"printf", "-v", "1a", "x"}, err: "gosh: printf: `1a': not a valid identifier\n", status: 2},
	{args: []string{"printf", "--", "%s", "x"}, out: "x"},
	{args: []string{"printf", "-"}, out: "-"},
	// Reuse of the format, missing arguments.
	{args: []string{"printf", `%s\n`, "a", "b", "c"}, out: "a\nb\nc\n"},
	{args: []string{"printf", "%s %s|", "a", "b", "c"}, out: "a b|c |"},
	{args: []string{"printf", "x", "a", "b"}, out: "x"},
	{args: []string{"printf", "%s%%|", "a", "b"}, out: "a%|b%|"},
	{args: []string{"printf", "%b|%d|%s|%q|%f|%x|%c|"}, out: "|0||''|0.000000|0|\x00|"},
	// Escapes in the format.
	{args: []string{"printf", `a\101\0101\1234\x41\c\q\'\"\?\e\u00e9z`}, out: "aA\b1S4A\\c\\q'\"?\x1béz"},
	{args: []string{"printf", `\08|\18|\8|a\`}, out: "\x008|\x018|\\8|a\\"},
	{args: []string{"printf", `\x|\u|\U`}, out: `\x|\u|\U`, err: "gosh: printf: missing hex digit for \\x\ngosh: printf: missing unicode digit for \\u\ngosh: printf: missing unicode digit for \\U\n"},
	{args: []string{"printf", `\x25d`, "7"}, out: "%d"},
	// %b.
	{args: []string{"printf", "%b|", `a\101\0101\01234\x41\q\'\"\?`}, out: "aAAS4A\\q\\'\\\"\\?|"},
	{args: []string{"printf", "%b", `\08|\18|\0|\1`}, out: "\x008|\x018|\x00|\x01"},
	{args: []string{"printf", "x%bz|%s", `a\cb`, "c"}, out: "xa"},
	{args: []string{"printf", "%5b|%-5b|%.1b|", `a\tb`, "x", "abc"}, out: "  a\tb|x    |a|"},
	// Strings and characters: widths count bytes, the 0 flag is ignored.
	{args: []string{"printf", "%.3s|%10s|%-10s|%05s|", "abcdef", "ab", "ab", "a"}, out: "abc|        ab|ab        |    a|"},
	{args: []string{"printf", "%.2s|%5s|", "héllo", "é"}, out: "h\xc3|   é|"},
	{args: []string{"printf", "%c|%c|%c|%-3c|%3c|", "", "abc", "é", "a", "b"}, out: "\x00|a|\xc3|a  |  b|"},
	{args: []string{"printf", "%*s|%-*s|%.*s|%.*s|", "3", "a", "3", "b", "2", "abc", "-1", "abc"}, out: "  a|b  |ab|abc|"},
	{args: []string{"printf", "%*s|", "-3", "a"}, out: "a  |"},
	// Integers.
	{args: []string{"printf", "%d|%i|%d|%d|%d|%d|%d|", "42", "-7", "0x1f", "010", " 12", "+3", ""}, out: "42|-7|31|8|12|3|0|"},
	{args: []string{"printf", "%5d|%-5d|%05d|%+d|% d|%.3d|%08.3d|%-05d|", "42", "42", "42", "42", "42", "5", "5", "5"},
		out: "   42|42   |00042|+42| 42|005|     005|5    |"},
	{args: []string{"printf", "%x|%X|%o|%#x|%#X|%#o|%u|%x|", "255", "255", "8", "255", "255", "8", "-1", "-1"},
		out: "ff|FF|10|0xff|0XFF|010|18446744073709551615|ffffffffffffffff|"},
	{args: []string{"printf", "%#x|%#o|%.0x|% x|%+u|%#.3o|", "0", "0", "0", "5", "5", "8"}, out: "0|0||5|5|010|"},
	{args: []string{"printf", "%d|%i|%u|%o|", "'A", "'é", `"b`, "'"}, out: "65|233|98|0|"},
	{args: []string{"printf", "%ld|%hhd|%lld|%jd|%zd|%qd|", "1", "2", "3", "4", "5", "6"}, out: "1|2|3|4|5|6d|"},
	{args: []string{"printf", "%'d|", "1234567"}, out: "1234567|"},
	// Invalid numbers: diagnosed, status 1, the scanned prefix printed.
	{args: []string{"printf", "%d|", "abc", "12", "1x", "12 ", "08", "0x", "- 5", "0b1", "1e3", "1.5"},
		out: "0|12|1|12|0|0|0|0|1|1|", status: 1,
		err: "gosh: printf: abc: invalid number\ngosh: printf: 1x: invalid number\ngosh: printf: 12 : invalid number\n" +
			"gosh: printf: 08: invalid octal number\ngosh: printf: 0x: invalid hex number\ngosh: printf: - 5: invalid number\n" +
			"gosh: printf: 0b1: invalid number\ngosh: printf: 1e3: invalid number\ngosh: printf: 1.5: invalid number\n"},
	{args: []string{"printf", "%i|%i|", "99999999999999999999", "-99999999999999999999"},
		out: "9223372036854775807|-9223372036854775808|",
		err: "gosh: printf: warning: 99999999999999999999: Numerical result out of range\n" +
			"gosh: printf: warning: -99999999999999999999: Numerical result out of range\n"},
	{args: []string{"printf", "%*s|%-*s|%*s|", "-3", "a", "x", "b", "2x", "c"}, out: "a  |b| c|", status: 1,
		err: "gosh: printf: x: invalid number\ngosh: printf: 2x: invalid number\n"},
	// Floating point.
	{args: []string{"printf", "%f|%.2f|%5.1f|%-8.3f|%+f|% f|%08.3f|%.0f|%.0f|", "3.14159", "3.14159", "2.25", "1", "1", "1", "3.14159", "2.5", "3.5"},
		out: "3.141590|3.14|  2.2|1.000   |+1.000000| 1.000000|0003.142|2|4|"},
	{args: []string{"printf", "%e|%E|%.0e|%10.3e|%+.2e|%e|", "1234.5", "1234.5", "15000", "1234.5678", "-0.001", "0"},
		out: "1.234500e+03|1.234500E+03|2e+04| 1.235e+03|-1.00e-03|0.000000e+00|"},
	{args: []string{"printf", "%g|%g|%g|%G|%g|%g|%.3g|%.0g|%#g|%#.3g|", "100000", "1000000", "1e-5", "1e-5", "123456789", "0.0001", "1234", "5", "1.5", "1"},
		out: "100000|1e+06|1e-05|1E-05|1.23457e+08|0.0001|1.23e+03|5|1.50000|1.00|"},
	{args: []string{"printf", "%f|%F|%5.1f|%-6e|%+f|%05f|%f|", "inf", "inf", "-inf", "nan", "inf", "inf", "-nan"},
		out: "inf|INF| -inf|nan   |+inf|  inf|-nan|"},
	{args: []string{"printf", "%f|", "0x1.8p1", "1e", "1.5e+", ".5", "5.", "", " 1.5", "1_0", "infinity", "INF", "0x", "0x10", "'a", "1,5"},
		out: "3.000000|1.000000|1.500000|0.500000|5.000000|0.000000|1.500000|1.000000|inf|inf|0.000000|16.000000|97.000000|1.000000|", status: 1,
		err: "gosh: printf: 1e: invalid number\ngosh: printf: 1.5e+: invalid number\ngosh: printf: 1_0: invalid number\n" +
			"gosh: printf: 0x: invalid hex number\ngosh: printf: 1,5: invalid number\n"},
	{args: []string{"printf", "%a|%A|%.2a|%a|%a|%.0a|%.0a|%.1a|%.1a|%a|", "1", "255", "1", "0", "-2", "1.9", "1.99", "1.99", "1.999", "0.5"},
		out: "0x8p-3|0XF.FP+4|0x8.00p-3|0x0p+0|-0x8p-2|0xfp-3|0x1p+1|0xf.fp-3|0x1.0p+1|0x8p-4|"},
	// Shell quoting.
	{args: []string{"printf", "%q|", "a b", "", "a'b", "a\tb", "é", "~x", "a~", "#a", "a#", "$x", "a=b", "!x", "x,y", "{a}", "*", "\x01", "\x1b", "-x"},
		out: `a\ b|''|a\'b|$'a\tb'|é|\~x|a~|\#a|a#|\$x|a=b|\!x|x\,y|\{a\}|\*|$'\001'|$'\E'|-x|`},
	{args: []string{"printf", "%q|", `a\b`, `"`, "&", ";", "|", "<", ">", "(", ")", "`", "^", "]", "[", "?", "a?", "x=", "=x", ":", "%", "@", "+", ".", "/"},
		out: `a\\b|\"|\&|\;|\||\<|\>|\(|\)|\` + "`" + `|\^|\]|\[|\?|a\?|x=|=x|:|%|@|+|.|/|`},
	{args: []string{"printf", "%q|", "a=~", "a:~", "~", "a~b", "a b\n", "\xc3", "\x7f", "é\x01", "it's\n"},
		out: `a=\~|a:\~|\~|a~b|$'a b\n'|$'\303'|$'\177'|$'é\001'|$'it\'s\n'|`},
	{args: []string{"printf", "%10q|%-5q|%.2q|%.2Q|%5Q|", "a", "x y", "abc", "a b", "a"}, out: `         a|x\ y |ab|a\ |    a|`},
	// Malformed conversions stop the output with status 1.
	{args: []string{"printf", "%s|%z|%s", "a", "b"}, out: "a|", status: 1, err: "gosh: printf: `|': invalid format character\n"},
	{args: []string{"printf", "%s|%", "a"}, out: "a|", status: 1, err: "gosh: printf: `%': missing format character\n"},
	{args: []string{"printf", "%s|%5", "a"}, out: "a|", status: 1, err: "gosh: printf: `%5': missing format character\n"},
	{args: []string{"printf", "%y"}, status: 1, err: "gosh: printf: `y': invalid format character\n"},
	{args: []string{"printf", "%5%|"}, status: 1, err: "gosh: printf: `%': invalid format character\n"},
	{args: []string{"printf", "%1$s", "a"}, status: 1, err: "gosh: printf: `$': invalid format character\n"},
	// %(fmt)T in UTC (the bash side runs with TZ=UTC).
	{args: []string{"printf", "%(%Y-%m-%d %H:%M:%S)T|%(%%)T|%10.4(%Y-%m)T|", "86400", "0", "0"}, out: "1970-01-02 00:00:00|%|      1970|"},
	{args: []string{"printf", "%(%a %A %b %B %C %d %e %j %k %l %I %p %u %w %y %D %F %R %T %s)T|", "1700000000"},
		out: "Tue Tuesday Nov November 20 14 14 318 22 10 10 PM 2 2 23 11/14/23 2023-11-14 22:13 22:13:20 1700000000|"},
	{args: []string{"printf", "%(%U %W %V %G %g %c %x %X %z %Z %n%t %-d %_m %Q)T|", "1700000000"},
		out: "46 46 46 2023 23 Tue Nov 14 22:13:20 2023 11/14/23 22:13:20 +0000 UTC \n\t 14 11 %Q|"},
	{args: []string{"printf", "%(%Y)T|", "abc"}, out: "1970|", status: 1, err: "gosh: printf: abc: invalid number\n"},
}

func TestPrintf(t *testing.T) {
	t.Setenv("TZ", "UTC")
	for _, tc := range printfCases {
		f := newFake()
		f.vars["TZ"] = "UTC"
		st := f.run(tc.args...)
		got := result{f.stdout.String(), f.stderr.String(), st}
		if want := (result{tc.out, tc.err, tc.status}); got != want {
			t.Errorf("%q:\n got %v\nwant %v", tc.args, got, want)
		}
	}
}

func TestPrintfBashAgrees(t *testing.T) { checkBashAgrees(t, printfCases) }

func TestPrintfVar(t *testing.T) {
	cases := []struct {
		args     []string
		val, err string
		status   int
	}{
		{[]string{"printf", "-v", "x", "%s|", "a", "b"}, "a|b|", "", 0},
		{[]string{"printf", "-vx", "%s|%b|", "a", `q\cz`, "b"}, "a|q", "", 0},
		{[]string{"printf", "-v", "x", "%d", "1x"}, "1", "gosh: printf: 1x: invalid number\n", 1},
		{[]string{"printf", "-v", "y[1]", "%s", "a"}, "", "", 0},
		{[]string{"printf", "-v", "ro", "a"}, "", "gosh: ro: readonly variable\n", 1},
	}
	for _, tc := range cases {
		f := newFake()
		f.readonly = map[string]bool{"ro": true}
		st := f.run(tc.args...)
		if st != tc.status || f.vars["x"] != tc.val || f.stderr.String() != tc.err || f.stdout.Len() != 0 {
			t.Errorf("%q: status %d, x=%q, stderr %q, stdout %q", tc.args, st, f.vars["x"], f.stderr.String(), f.stdout.String())
		}
		if tc.args[2] == "y[1]" && f.vars["y[1]"] != "a" {
			t.Errorf("printf -v y[1]: vars %q", f.vars)
		}
	}
}

func TestPrintfPercentN(t *testing.T) {
	f := newFake()
	if st := f.run("printf", "ab%n|%s", "v"); st != 0 || f.stdout.String() != "ab|" || f.vars["v"] != "2" {
		t.Errorf("%%n: status %d, out %q, v=%q", st, f.stdout.String(), f.vars["v"])
	}
	f = newFake()
	if st := f.run("printf", "%n", "1a"); st != 1 || f.stderr.String() != "gosh: printf: `1a': not a valid identifier\n" {
		t.Errorf("%%n with a bad name: status %d, stderr %q", st, f.stderr.String())
	}
}

func TestPrintfTimeNow(t *testing.T) {
	// With no argument, and with -1, %T formats the current time.
	for _, args := range [][]string{{"printf", "%(%Y)T"}, {"printf", "%(%Y)T", "-1"}, {"printf", "%()T"}} {
		f := newFake()
		if st := f.run(args...); st != 0 || f.stdout.Len() < 4 || strings.HasPrefix(f.stdout.String(), "1970") {
			t.Errorf("%q: status %d, out %q", args, st, f.stdout.String())
		}
	}
	// The shell's TZ applies even when the process has another.
	f := newFake()
	f.vars["TZ"] = "Asia/Tokyo"
	if f.run("printf", "%(%H %Z %z)T", "0"); f.stdout.String() != "09 JST +0900" {
		t.Errorf("TZ=Asia/Tokyo: %q", f.stdout.String())
	}
}

// TestPrintfHugeWidths: Go's fmt pads at most a million columns; C pads up
// to INT_MAX and fails (bash prints nothing for the field) beyond it.
func TestPrintfHugeWidths(t *testing.T) {
	for _, tc := range []struct {
		format, arg string
		want        string // "" means: width 1000001 with this text at the end
		tail        string
	}{
		{format: "%1000001d", arg: "-5", tail: " -5"},
		{format: "%-1000001x", arg: "255", tail: "  "},
		{format: "%01000001d", arg: "-5", tail: "005"},
		{format: "%1000001.2f", arg: "1.5", tail: " 1.50"},
		{format: "a%55050150500Ab", arg: "1", want: "ab"},
		{format: "a%.99999999999sb", arg: "x", want: "ab"},
	} {
		f := newFake()
		if st := f.run("printf", tc.format, tc.arg); st != 0 {
			t.Errorf("printf %s %s: status %d, stderr %q", tc.format, tc.arg, st, f.stderr.String())
		}
		out := f.stdout.String()
		if tc.want != "" {
			if out != tc.want {
				t.Errorf("printf %s %s = %q, want %q", tc.format, tc.arg, out, tc.want)
			}
			continue
		}
		if len(out) != 1000001 || !strings.HasSuffix(out, tc.tail) {
			t.Errorf("printf %s %s: %d bytes ending %q, want 1000001 ending %q", tc.format, tc.arg, len(out), out[max(len(out)-8, 0):], tc.tail)
		}
	}
}

// writeRecorder counts what is written to it and remembers the largest
// single write.
type writeRecorder struct {
	total, largest int
	tail           []byte
}

func (w *writeRecorder) Write(b []byte) (int, error) {
	w.total += len(b)
	w.largest = max(w.largest, len(b))
	w.tail = append(w.tail[:0], b[max(len(b)-4, 0):]...)
	return len(b), nil
}

// TestPrintfStreams: a wide field goes out in chunks, not as one buffer of
// its whole width (bash streams printf '%*d' 2147483648 1 in 3 MB); with -v
// it is all kept for the variable.
func TestPrintfStreams(t *testing.T) {
	const width = 1 << 24
	for _, format := range []string{"%*d", "%-*d", "%0*d", "%*s", "%0*a"} {
		f := newFake()
		w := &writeRecorder{}
		f.out = w
		if st := f.run("printf", format+"|%n", strconv.Itoa(width), "1", "n"); st != 0 {
			t.Errorf("printf %s: status %d, stderr %q", format, st, f.stderr.String())
		}
		if w.largest > 1<<20 {
			t.Errorf("printf %s: a write of %d bytes; want chunks of at most 1 MiB", format, w.largest)
		}
		if len(w.tail) == 0 || w.tail[len(w.tail)-1] != '|' {
			t.Errorf("printf %s: output ends %q", format, w.tail)
		}
		if n := f.vars["n"]; n != strconv.Itoa(w.total) || w.total < width {
			t.Errorf("printf %s: %%n = %s, %d bytes written", format, n, w.total)
		}
	}
	f := newFake()
	if f.run("printf", "-v", "v", "%*d", "1000000", "1"); len(f.vars["v"]) != 1000000 || f.stdout.Len() != 0 {
		t.Errorf("printf -v: %d bytes in the variable, %d written", len(f.vars["v"]), f.stdout.Len())
	}
}

// A write error stops printf at once, with bash's message.
func TestPrintfWriteError(t *testing.T) {
	f := newFake()
	f.out = failingWriter{}
	if st := f.run("printf", "%*d", "100000000", "1"); st != 1 || f.stderr.String() != "gosh: printf: write error: Bad file descriptor\n" {
		t.Errorf("status %d, stderr %q", st, f.stderr.String())
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.EBADF }
