package completion

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestNewCall(t *testing.T) {
	for _, tc := range []struct {
		line        string // ^ marks the cursor; at the end if absent
		words       []string
		cword       int
		cur, cmdLin string
		empty       bool
	}{
		{"svc st", []string{"svc", "st"}, 1, "st", "svc st", false},
		{"svc ", []string{"svc", ""}, 1, "", "svc ", false},
		{"ls; svc a=b:c \"d e\" f", []string{"svc", "a", "=", "b", ":", "c", `"d e"`, "f"}, 7, "f", `svc a=b:c "d e" f`, false},
		{"svc foo=", []string{"svc", "foo", "="}, 2, "", "svc foo=", false},
		{`svc "st`, []string{"svc", `"st`}, 1, "st", `svc "st`, false},
		{`svc a\ b`, []string{"svc", `a\ b`}, 1, `a\ b`, `svc a\ b`, false},
		{"svc --opt=val:x", []string{"svc", "--opt", "=", "val", ":", "x"}, 5, "x", "svc --opt=val:x", false},
		{"svc x ^y", []string{"svc", "x", "y"}, 2, "", "svc x y", false}, // cursor in the blanks before y
		{"a | svc x^; b", []string{"svc", "x"}, 1, "x", "svc x", false},
		{"", []string{""}, 0, "", "", true},
		{"  ^", []string{""}, 0, "", "", true},
		{"sv", []string{"sv"}, 0, "sv", "sv", false},
		{"echo 'a b' c", []string{"echo", "'a b'", "c"}, 2, "c", "echo 'a b' c", false},
	} {
		line, pos := tc.line, len(tc.line)
		if i := strings.IndexByte(line, '^'); i >= 0 {
			line, pos = line[:i]+line[i+1:], i
		}
		c := NewCall(line, pos, DefaultWordBreaks)
		if !slices.Equal(c.Words, tc.words) || c.CWord != tc.cword || c.Cur != tc.cur || c.Empty != tc.empty || c.Line != tc.cmdLin {
			t.Errorf("NewCall(%q, %d): words %q cword %d cur %q empty %v line %q; want %q %d %q %v %q",
				line, pos, c.Words, c.CWord, c.Cur, c.Empty, c.Line, tc.words, tc.cword, tc.cur, tc.empty, tc.cmdLin)
		}
		if c.Point < 0 || c.Point > len(c.Line) || c.Offset+c.Point != pos {
			t.Errorf("NewCall(%q, %d): point %d offset %d", line, pos, c.Point, c.Offset)
		}
	}
}

func TestSpecOptionsAndLine(t *testing.T) {
	for _, tc := range []struct {
		opts [][2]string // letter, value
		name string
		want string
		err  string
	}{
		{[][2]string{{"W", "start stop"}}, "svc", "complete -W 'start stop' svc", ""},
		{[][2]string{{"F", "_svc"}, {"o", "nospace"}, {"o", "filenames"}}, "svc", "complete -o filenames -o nospace -F _svc svc", ""},
		{[][2]string{{"A", "signal"}, {"d", ""}, {"a", ""}}, "k", "complete -a -d -A signal k", ""},
		{[][2]string{{"X", "!*.c"}, {"P", "p"}, {"S", "s"}, {"G", "*"}, {"C", "cmd 'x'"}}, "x", `complete -G '*' -P 'p' -S 's' -X '!*.c' -C 'cmd '\''x'\''' x`, ""},
		{[][2]string{{"o", "default"}}, DefaultSpec, "complete -o default -D", ""},
		{[][2]string{{"W", "x"}}, EmptySpec, "complete -W 'x' -E", ""},
		{[][2]string{{"A", "bogus"}}, "x", "", "bogus: invalid action name"},
		{[][2]string{{"o", "bogus"}}, "x", "", "bogus: invalid option name"},
	} {
		var s Spec
		var err error
		for _, o := range tc.opts {
			if err = s.SetOption(o[0][0], o[1]); err != nil {
				break
			}
		}
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%v: error %v, want %q", tc.opts, err, tc.err)
			}
			continue
		}
		if err != nil || s.Line(tc.name) != tc.want {
			t.Errorf("%v: %q, %v; want %q", tc.opts, s.Line(tc.name), err, tc.want)
		}
	}
}

func TestTable(t *testing.T) {
	var tab Table
	tab.Set("svc", Spec{Words: "a"})
	tab.Set("git", Spec{Function: "_git"})
	if s, ok := tab.Lookup("/usr/bin/git"); !ok || s.Function != "_git" {
		t.Errorf("a path finds its basename's spec: %v %v", s, ok)
	}
	if _, ok := tab.Lookup("nope"); ok {
		t.Error("no spec and no -D: nothing")
	}
	tab.Set(DefaultSpec, Spec{Options: OptDefault})
	if s, ok := tab.Lookup("nope"); !ok || s.Options != OptDefault {
		t.Error("-D is the fallback")
	}
	if got := tab.Names(); !slices.Equal(got, []string{"git", "svc", DefaultSpec}) {
		t.Errorf("names %q", got)
	}
	if !tab.Remove("svc") || tab.Remove("svc") {
		t.Error("remove reports whether there was a spec")
	}
	tab.Clear()
	if len(tab.Names()) != 0 {
		t.Error("clear")
	}
}

func TestFilterAndAffix(t *testing.T) {
	glob := func(pat, s string) bool { ok, _ := filepath.Match(pat, s); return ok }
	words := []string{"a.c", "b.h", "ab.c", "&x"}
	for _, tc := range []struct {
		pat, cur string
		want     []string
	}{
		{"", "", words},
		{"*.c", "", []string{"b.h", "&x"}},
		{"!*.c", "", []string{"a.c", "ab.c"}},
		{"&*", "a", []string{"b.h", "&x"}},
		{"!&*", "a", []string{"a.c", "ab.c"}},
		{`\&*`, "a", []string{"a.c", "b.h", "ab.c"}},
	} {
		if got := Filter(words, tc.pat, tc.cur, glob); !slices.Equal(got, tc.want) {
			t.Errorf("Filter(%q, cur %q) = %q, want %q", tc.pat, tc.cur, got, tc.want)
		}
	}
	if got := Affix([]string{"a", "b"}, "<", ">"); !slices.Equal(got, []string{"<a>", "<b>"}) {
		t.Errorf("Affix: %q", got)
	}
}

// subDirTree makes a directory holding "sub dir", and returns what says
// whether a path in it is a directory.
func subDirTree(t *testing.T) func(string) bool {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	return func(p string) bool { fi, err := os.Stat(filepath.Join(dir, p)); return err == nil && fi.IsDir() }
}

func TestSuffixes(t *testing.T) {
	isDir := subDirTree(t)
	for _, tc := range []struct {
		line    string
		in      Insertion
		matches []string
		want    []string
		shared  int
	}{
		{"svc sto", Insertion{}, []string{"stop"}, []string{"p "}, 3},
		{"svc st", Insertion{}, []string{"start", "stop", "status"}, []string{"art", "atus", "op"}, 2},
		{"svc sto", Insertion{Nospace: true}, []string{"stop"}, []string{"p"}, 3},
		{"svc x", Insertion{}, []string{"unrelated"}, []string{"\bunrelated "}, 1},
		{"svc x", Insertion{}, []string{"unrelated", "other"}, nil, 1},
		{"fn ~/é", Insertion{Filenames: true, IsDir: isDir}, []string{"/h/é f"}, []string{"\b\b\b/h/é\\ f "}, 2},
		{"fn su", Insertion{Filenames: true, IsDir: isDir}, []string{"sub dir"}, []string{`b\ dir/`}, 2},
		{"fn sub\\ ", Insertion{Filenames: true, IsDir: isDir}, []string{"sub dir"}, []string{`dir/`}, 5},
		{`fn "su`, Insertion{Filenames: true, IsDir: isDir}, []string{"sub dir"}, []string{`b dir/`}, 2},
		{`fn 'sp`, Insertion{Filenames: true, IsDir: isDir}, []string{"sp ace"}, []string{` ace' `}, 2},
		{"fn sp", Insertion{Filenames: true, IsDir: isDir}, []string{"sp ace&"}, []string{`\ ace\& `}, 2},
		{"fn sp", Insertion{Filenames: true, Noquote: true, IsDir: isDir}, []string{"sp ace"}, []string{` ace `}, 2},
		{"svc s", Insertion{Nosort: true}, []string{"stop", "start", "stop"}, []string{"top", "tart"}, 1},
		{"svc s", Insertion{}, []string{"stop", "start", "stop"}, []string{"tart", "top"}, 1},
		{"fn a/b", Insertion{Filenames: true, IsDir: isDir}, []string{"a/bc", "a/bd"}, []string{"c", "d"}, 1},
	} {
		c := NewCall(tc.line, len(tc.line), DefaultWordBreaks)
		got, shared := tc.in.Suffixes(c, tc.matches)
		if !slices.Equal(got, tc.want) || shared != tc.shared {
			t.Errorf("%q %q: %q, %d; want %q, %d", tc.line, tc.matches, got, shared, tc.want, tc.shared)
		}
	}
}

// TestListing: what a second Tab lists, as bash 5.2 shows it: matches
// plain, also those that do not start with the word; file names by their
// last part, unquoted, a directory with a slash.
func TestListing(t *testing.T) {
	isDir := subDirTree(t)
	for _, tc := range []struct {
		in      Insertion
		matches []string
		want    []string
	}{
		{Insertion{}, []string{"foo", "bar", "baz", "foo"}, []string{"bar", "baz", "foo"}},
		{Insertion{Nosort: true}, []string{"foo", "bar", "foo"}, []string{"foo", "bar"}},
		{Insertion{}, []string{"a b", "a/c"}, []string{"a b", "a/c"}},
		{Insertion{Filenames: true, IsDir: isDir}, []string{"sub dir", "sp&ace"}, []string{"sp&ace", "sub dir/"}},
		{Insertion{Filenames: true, IsDir: isDir}, []string{"a/bc", "/x/y/", "a/b d"}, []string{"b d", "bc", "y/"}},
	} {
		if got := tc.in.Listing(tc.matches); !slices.Equal(got, tc.want) {
			t.Errorf("%+v %q: %q, want %q", tc.in, tc.matches, got, tc.want)
		}
	}
}

func TestAllBits(t *testing.T) {
	if AllActions != 1<<len(actionNames)-1 || AllOptions != 1<<len(optionNames)-1 {
		t.Errorf("AllActions %b, AllOptions %b: not one bit per name", AllActions, AllOptions)
	}
}

func TestSplitWordList(t *testing.T) {
	for _, tc := range []struct {
		in, ifs string
		want    []string
	}{
		{"a b  c", " \t\n", []string{"a", "b", "c"}},
		{"--clear\n\t\t--read-clear\n--x", " \t\n", []string{"--clear", "--read-clear", "--x"}},
		{`a\ b "c d" 'e f'g $h`, " \t\n", []string{`a\ b`, `"c d"`, `'e f'g`, "$h"}},
		{"a:b c", ":", []string{"a", "b", "c"}},
		{"", " ", nil},
	} {
		if got := SplitWordList(tc.in, tc.ifs); !slices.Equal(got, tc.want) {
			t.Errorf("SplitWordList(%q, %q) = %q, want %q", tc.in, tc.ifs, got, tc.want)
		}
	}
}
