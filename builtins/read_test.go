package builtins

import (
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// readCase is one read invocation on some input. ifs "-" leaves IFS unset.
type readCase struct {
	input string
	ifs   string
	args  []string
	want  string // the variables and status as readReport prints them
}

// readReport renders what read left behind in the format the bash side
// of the comparison prints.
func readReport(f *fakeContext, status int) string {
	var b strings.Builder
	for _, v := range []string{"REPLY", "a", "b", "c"} {
		if val, ok := f.vars[v]; ok {
			fmt.Fprintf(&b, "%s=[%s] ", v, val)
		}
	}
	if arr := f.arrays["arr"]; len(arr) > 0 {
		b.WriteString("arr=")
		for _, v := range arr {
			fmt.Fprintf(&b, "[%s]", v)
		}
		b.WriteString(" ")
	}
	fmt.Fprintf(&b, "rc=%d", status)
	return b.String()
}

const readReportScript = `if [ "$1" != - ]; then IFS=$1; fi; shift; read "$@"; rc=$?
for v in REPLY a b c; do [ "${!v+x}" ] && printf '%s=[%s] ' "$v" "${!v}"; done
[ "${arr+x}" ] && printf 'arr=%s ' "$(printf '[%s]' "${arr[@]}")"
printf 'rc=%d' "$rc"`

var readCases = []readCase{
	{"  a b  c  \n", "-", nil, "REPLY=[  a b  c  ] rc=0"},
	{"  a b  c  \n", "-", []string{"a"}, "a=[a b  c] rc=0"},
	{"  a b  c  \n", "-", []string{"a", "b"}, "a=[a] b=[b  c] rc=0"},
	{"  a b  c  ", "-", []string{"a", "b"}, "a=[a] b=[b  c] rc=1"},
	{"a b\n", "-", []string{"a", "b", "c"}, "a=[a] b=[b] c=[] rc=0"},
	{"abc", "-", nil, "REPLY=[abc] rc=1"},
	{"", "-", []string{"a"}, "a=[] rc=1"},
	{"first\nsecond\n", "-", []string{"a"}, "a=[first] rc=0"},
	{"a\tb\n", "-", []string{"a", "b"}, "a=[a] b=[b] rc=0"},
	// Backslashes.
	{"a\\ b\\\nc d\\\\e\\x", "-", []string{"a", "b"}, "a=[a bc] b=[d\\ex] rc=1"},
	{"a\\ b\\\nc d\\\\e\\x", "-", []string{"-r", "a", "b"}, "a=[a\\] b=[b\\] rc=0"},
	{"a\\", "-", []string{"a"}, "a=[a] rc=1"},
	{"x\\\n", "-", []string{"a"}, "a=[x] rc=1"},
	{"a\\ b c\n", "-", []string{"-r", "a", "b"}, "a=[a\\] b=[b c] rc=0"},
	{"  a\\ \\ \n", "-", nil, "REPLY=[  a  ] rc=0"},
	{"a\\ \\ \n", "-", []string{"a"}, "a=[a  ] rc=0"},
	{"a\x00b\n", "-", []string{"a"}, "a=[ab] rc=0"},
	// Non-white IFS characters delimit empty fields.
	{"a:b::c:", ":", []string{"a", "b", "c"}, "a=[a] b=[b] c=[:c:] rc=1"},
	{"a:b::c", ":", []string{"a", "b", "c"}, "a=[a] b=[b] c=[:c] rc=1"},
	{"a:b:", ":", []string{"a", "b"}, "a=[a] b=[b] rc=1"},
	{"a:b::", ":", []string{"a", "b"}, "a=[a] b=[b::] rc=1"},
	{"a:b:c:", ":", []string{"a", "b"}, "a=[a] b=[b:c:] rc=1"},
	{":a", ":", []string{"a", "b"}, "a=[] b=[a] rc=1"},
	{"a\\:b:c", ":", []string{"a", "b"}, "a=[a:b] b=[c] rc=1"},
	{"a\\:b:c", ":", []string{"-r", "a", "b"}, "a=[a\\] b=[b:c] rc=1"},
	{"a : b : c ", " :", []string{"a", "b"}, "a=[a] b=[b : c] rc=1"},
	{" : a", " :", []string{"a", "b"}, "a=[] b=[a] rc=1"},
	{"a  :  : b", " :", []string{"a", "b", "c"}, "a=[a] b=[] c=[b] rc=1"},
	{"a b : ", " :", []string{"a", "b"}, "a=[a] b=[b] rc=1"},
	{"a b : :", " :", []string{"a", "b"}, "a=[a] b=[b : :] rc=1"},
	{"a b c :", " :", []string{"a", "b"}, "a=[a] b=[b c :] rc=1"},
	{"  a b  ", "", []string{"a", "b"}, "a=[  a b  ] b=[] rc=1"},
	{"  a\tb  ", " ", []string{"a", "b"}, "a=[a\tb] b=[] rc=1"},
	{"aéb", "é", []string{"a", "b"}, "a=[a] b=[b] rc=1"},
	// Arrays.
	{"a:b::c:", ":", []string{"-a", "arr"}, "arr=[a][b][][c] rc=1"},
	{"::", ":", []string{"-a", "arr"}, "arr=[][] rc=1"},
	{" a  b \n", "-", []string{"-a", "arr"}, "arr=[a][b] rc=0"},
	{"a : b : c ", " :", []string{"-a", "arr"}, "arr=[a][b][c] rc=1"},
	{"a,b\n", "-", []string{"-a", "arr", "a"}, "arr=[a,b] rc=0"},
	// Delimiters and counts.
	{"a\nb", "-", []string{"-d", "", "a"}, "a=[a\nb] rc=1"},
	{"a;b;c", "-", []string{"-d", ";", "a"}, "a=[a] rc=0"},
	{"a;b;c", "-", []string{"-d;x", "a"}, "a=[a] rc=0"},
	{"a\\xb\\\nc", "-", []string{"-d", "x", "a"}, "a=[axbc] rc=1"},
	{"abcdef", "-", []string{"-n", "3", "a"}, "a=[abc] rc=0"},
	{"ab\ncdef", "-", []string{"-n", "3", "a"}, "a=[ab] rc=0"},
	{"ab\ncdef", "-", []string{"-N", "3", "a"}, "a=[ab\n] rc=0"},
	{"a b c d", "-", []string{"-N", "5", "a", "b"}, "a=[a b c] b=[] rc=0"},
	{" a b c", "-", []string{"-N", "4"}, "REPLY=[ a b] rc=0"},
	{" a b c", "-", []string{"-N", "4", "-a", "arr"}, "arr=[ a b] rc=0"},
	{"a\\bc", "-", []string{"-n", "2", "a"}, "a=[ab] rc=0"},
	{"éàü", "-", []string{"-n", "2", "a"}, "a=[éà] rc=0"},
	{" x ", "-", []string{"-n", "2", "a"}, "a=[x] rc=0"},
	{"abc", "-", []string{"-n", "0", "a"}, "a=[] rc=0"},
	{"ab", "-", []string{"-n", "5", "a"}, "a=[ab] rc=1"},
	{"xy", "-", []string{"-sn1", "a"}, "a=[x] rc=0"},
	{"x\n", "-", []string{"-e", "-i", "foo", "-p", "prompt> ", "a"}, "a=[x] rc=0"},
	{"x y\n", "-", []string{"-r", "--", "a"}, "a=[x y] rc=0"},
}

func TestRead(t *testing.T) {
	for _, tc := range readCases {
		f := newFake()
		if tc.ifs != "-" {
			f.vars["IFS"] = tc.ifs
		}
		f.stdin = strings.NewReader(tc.input)
		st := f.run(append([]string{"read"}, tc.args...)...)
		delete(f.vars, "IFS")
		if got := readReport(f, st); got != tc.want || f.stderr.Len() > 0 {
			t.Errorf("read %q < %q:\n got %s %s\nwant %s", tc.args, tc.input, got, f.stderr.String(), tc.want)
		}
	}
}

func TestReadBashAgrees(t *testing.T) {
	for _, tc := range readCases {
		got := runBash(t, "/", readReportScript, append([]string{tc.ifs}, tc.args...), tc.input)
		if got.out != tc.want || got.err != "" {
			t.Errorf("bash read %q < %q:\n got %s %s\nwant %s", tc.args, tc.input, got.out, got.err, tc.want)
		}
	}
}

func TestReadErrors(t *testing.T) {
	const use = "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n"
	for _, tc := range []outputCase{
		{args: []string{"read", "-x"}, err: "gosh: read: -x: invalid option\n" + use, status: 2},
		{args: []string{"read", "-n"}, err: "gosh: read: -n: option requires an argument\n" + use, status: 2},
		{args: []string{"read", "-d"}, err: "gosh: read: -d: option requires an argument\n" + use, status: 2},
		{args: []string{"read", "-n", "x"}, err: "gosh: read: x: invalid number\n", status: 1},
		{args: []string{"read", "-n", "-1"}, err: "gosh: read: -1: invalid number\n", status: 1},
		{args: []string{"read", "-t", "x"}, err: "gosh: read: x: invalid timeout specification\n", status: 1},
		{args: []string{"read", "-t", "-1"}, err: "gosh: read: -1: invalid timeout specification\n", status: 1},
		{args: []string{"read", "-t", "1.5x"}, err: "gosh: read: 1.5x: invalid timeout specification\n", status: 1},
		{args: []string{"read", "-u", "x"}, err: "gosh: read: x: invalid file descriptor specification\n", status: 1},
		{args: []string{"read", "-u", "9"}, err: "gosh: read: 9: invalid file descriptor: Bad file descriptor\n", status: 1},
		{args: []string{"read", "1a"}, err: "gosh: read: `1a': not a valid identifier\n", status: 1},
		{args: []string{"read", "-a", "b[1]"}, err: "gosh: read: `b[1]': not a valid identifier\n", status: 1},
	} {
		got := runFake(tc.args, "input\n")
		if want := (result{tc.out, tc.err, tc.status}); got != want {
			t.Errorf("%q:\n got %v\nwant %v", tc.args, got, want)
		}
		if got := bashBuiltin(t, tc.args, "input\n"); got.err != tc.err || got.status != tc.status {
			t.Errorf("bash %q: %v", tc.args, got)
		}
	}
}

func TestReadAssignErrors(t *testing.T) {
	f := newFake()
	f.readonly = map[string]bool{"x": true}
	f.stdin = strings.NewReader("a b\n")
	if st := f.run("read", "y", "x"); st != 1 || f.vars["y"] != "a" || f.stderr.String() != "gosh: x: readonly variable\n" {
		t.Errorf("readonly: status %d, y=%q, stderr %q", st, f.vars["y"], f.stderr.String())
	}
	f = newFake()
	f.vars["a"] = "old"
	f.stdin = strings.NewReader("x\n")
	if st := f.run("read", "a[1]"); st != 0 || f.vars["a[1]"] != "x" {
		t.Errorf("read a[1]: status %d, vars %q", st, f.vars)
	}
	f = newFake()
	f.stdin = nil
	if st := f.run("read", "a"); st != 1 || f.stderr.String() != "gosh: read: read error: 0: Bad file descriptor\n" {
		t.Errorf("closed stdin: status %d, stderr %q", st, f.stderr.String())
	}
}

func tempFile(t *testing.T, content string) *os.File {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "in")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if _, err := f.WriteString(content); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	return f
}

func offset(t *testing.T, f *os.File) int64 {
	t.Helper()
	off, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		t.Fatal(err)
	}
	return off
}

// TestReadSeekable checks that reading a regular file in blocks leaves its
// offset just past what read consumed, so a following command (or read)
// sees the rest.
func TestReadSeekable(t *testing.T) {
	long := strings.Repeat("x", 10000)
	file := tempFile(t, "one\ntwo words\n"+long+"\nlast")
	f := newFake()
	f.stdin = file
	steps := []struct {
		args   []string
		want   string
		offset int64
		status int
	}{
		{[]string{"read", "a"}, "one", 4, 0},
		{[]string{"read", "-n", "3", "a"}, "two", 7, 0},
		{[]string{"read", "-d", "s", "a"}, "word", 13, 0},
		{[]string{"read", "-r", "a"}, "", 14, 0},
		{[]string{"read", "-r", "a"}, long, 10015, 0},
		{[]string{"read", "-r", "a"}, "last", 10019, 1},
		{[]string{"read", "-r", "a"}, "", 10019, 1},
	}
	for _, s := range steps {
		st := f.run(s.args...)
		if st != s.status || f.vars["a"] != s.want || offset(t, file) != s.offset {
			t.Errorf("%q: status %d, a=%.20q, offset %d; want %d, %.20q, %d",
				s.args, st, f.vars["a"], offset(t, file), s.status, s.want, s.offset)
		}
	}
	// -u reads another descriptor the same way.
	file2 := tempFile(t, "x\ny\n")
	f.files[3] = file2
	if st := f.run("read", "-u", "3", "a"); st != 0 || f.vars["a"] != "x" || offset(t, file2) != 2 {
		t.Errorf("read -u 3: status %d, a=%q, offset %d", st, f.vars["a"], offset(t, file2))
	}
	if st := f.run("read", "-t", "0"); st != 0 {
		t.Errorf("read -t 0 on a file: status %d", st)
	}
}

// TestReadPipe checks that a pipe is read without consuming anything past
// the delimiter, which other readers of the pipe must still see.
func TestReadPipe(t *testing.T) {
	for _, intr := range []bool{false, true} {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "first line\nsecond\n")
		w.Close()
		f := newFake()
		f.stdin = r
		if intr {
			f.intr = make(chan struct{}) // switches read to polling
		}
		if st := f.run("read", "a", "b"); st != 0 || f.vars["a"] != "first" || f.vars["b"] != "line" {
			t.Errorf("poll=%v: status %d, vars %q", intr, st, f.vars)
		}
		rest, _ := io.ReadAll(r)
		if string(rest) != "second\n" {
			t.Errorf("poll=%v: pipe left %q, want %q", intr, rest, "second\n")
		}
		r.Close()
	}
}

func TestReadTimeout(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	f := newFake()
	f.stdin = r
	if st := f.run("read", "-t", "0"); st != 1 {
		t.Errorf("read -t 0 on an empty pipe: status %d, want 1", st)
	}
	io.WriteString(w, "part")
	if st := f.run("read", "-t", "0"); st != 0 {
		t.Errorf("read -t 0 with input: status %d, want 0", st)
	}
	start := time.Now()
	st := f.run("read", "-t", "0.2", "a")
	if el := time.Since(start); st != 142 || f.vars["a"] != "part" || el < 150*time.Millisecond || el > 2*time.Second {
		t.Errorf("read -t 0.2: status %d, a=%q after %v; want 142, the partial input, ~0.2s", st, f.vars["a"], el)
	}
	// -t 0 on an in-memory reader.
	if st := runFake([]string{"read", "-t", "0"}, "x"); st.status != 0 {
		t.Errorf("read -t 0 on a reader with data: %v", st)
	}
	if st := runFake([]string{"read", "-t", "0"}, ""); st.status != 1 {
		t.Errorf("read -t 0 on an empty reader: %v", st)
	}
}

func TestReadInterrupt(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	f := newFake()
	f.stdin = r
	f.intr = make(chan struct{})
	time.AfterFunc(100*time.Millisecond, func() { close(f.intr) })
	done := make(chan int)
	go func() { done <- f.run("read", "a") }()
	select {
	case st := <-done:
		if st != 130 {
			t.Errorf("interrupted read: status %d, want 130", st)
		}
		if _, ok := f.vars["a"]; ok {
			t.Errorf("interrupted read assigned a=%q", f.vars["a"])
		}
	case <-time.After(5 * time.Second):
		t.Fatal("read ignored the interrupt")
	}
}

func TestParseTimeout(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"0": 0, "1": time.Second, "1.5": 1500 * time.Millisecond, ".25": 250 * time.Millisecond,
		"2.": 2 * time.Second, "0.000001": time.Microsecond, "00.000": 0,
	} {
		if got, ok := parseTimeout(in); !ok || got != want {
			t.Errorf("parseTimeout(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", ".", "-1", "1.5x", "1e3", " 1", "+1"} {
		if _, ok := parseTimeout(in); ok {
			t.Errorf("parseTimeout(%q) accepted", in)
		}
	}
}

// BenchmarkReadFile measures the `while read line; do ...; done < file`
// case: block reads with a seek back per line.
func BenchmarkReadFile(b *testing.B) {
	file, err := os.CreateTemp(b.TempDir(), "in")
	if err != nil {
		b.Fatal(err)
	}
	defer file.Close()
	line := strings.Repeat("word ", 15) + "\n"
	io.WriteString(file, strings.Repeat(line, 1000))
	f := newFake()
	f.stdin = file
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%1000 == 0 {
			file.Seek(0, io.SeekStart)
		}
		if f.run("read", "-r", "line") != 0 {
			b.Fatal("read failed")
		}
	}
}
