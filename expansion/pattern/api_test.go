package pattern

import "testing"

func TestHasMeta(t *testing.T) {
	tests := []struct {
		pat  string
		mode Mode
		want bool
	}{
		{"abc", 0, false},
		{"a*", 0, true},
		{"a?", 0, true},
		{"[ab]", 0, true},
		{"[ab", 0, false}, // no closing ']': a literal '['
		{"a]", 0, false},
		{`a\*`, 0, false},
		{`a\[b]`, 0, false},
		{`\\*`, 0, true},
		{"@(a)", 0, false},
		{"@(a)", ExtGlob, true},
		{"!(a)", ExtGlob, true},
		{"+(a", ExtGlob, false},
		{"[a/b]", 0, true},
		{"[a/b]", Pathname, false}, // a '/' makes the bracket literal
		{"", 0, false},
		{`a\`, 0, false},
	}
	for _, tt := range tests {
		if got := HasMeta(tt.pat, tt.mode); got != tt.want {
			t.Errorf("HasMeta(%q, %v) = %v, want %v", tt.pat, tt.mode, got, tt.want)
		}
	}
}

func TestUnescapeQuoteMeta(t *testing.T) {
	tests := []struct{ pat, lit string }{
		{"abc", "abc"},
		{`a\*b`, "a*b"},
		{`\\`, `\`},
		{`a\`, `a\`},
		{`\a\b`, "ab"},
		{"\\\xc3\xa9", "\xc3\xa9"},
	}
	for _, tt := range tests {
		if got := Unescape(tt.pat); got != tt.lit {
			t.Errorf("Unescape(%q) = %q, want %q", tt.pat, got, tt.lit)
		}
	}
	for _, s := range []string{"", "plain", `*?[]\`, "@(a|b)", "!(x)", "+(y)", "[!a-z]", "é\xff*"} {
		q := QuoteMeta(s)
		if HasMeta(q, ExtGlob) {
			t.Errorf("QuoteMeta(%q) = %q still has meta", s, q)
		}
		if Unescape(q) != s {
			t.Errorf("Unescape(QuoteMeta(%q)) = %q", s, Unescape(q))
		}
		p := mustCompile(t, q, ExtGlob)
		if !p.Match(s) || (s != "" && p.Match(s+"x")) {
			t.Errorf("QuoteMeta(%q) = %q does not match exactly it", s, q)
		}
	}
}

// TestPathname covers Match in Pathname mode on whole paths, the rules
// globbing relies on (XCU 2.13.3).
func TestPathname(t *testing.T) {
	tests := []struct {
		pat, s string
		mode   Mode
		want   bool
	}{
		{"*", "a/b", Pathname, false},
		{"*/*", "a/b", Pathname, true},
		{"a?b", "a/b", Pathname, false},
		{"a[/]b", "a[/]b", Pathname, true}, // the bracket is literal
		{"a[/]b", "a/b", Pathname, false},
		{"a[!x]b", "a/b", Pathname, false},
		{"*", ".x", Pathname, false},
		{"*", ".x", Pathname | DotGlob, true},
		{".*", ".x", Pathname, true},
		{"?x", ".x", Pathname, false},
		{"[.]x", ".x", Pathname, false},
		{"a/*", "a/.x", Pathname, false},
		{"a/.*", "a/.x", Pathname, true},
		{"a*", "a.x", Pathname, true}, // only a leading '.' is special
		{"*x", "a/.x", Pathname, false},
		{"*/*x", "a/.x", Pathname, false},
		{"!(b)", ".x", Pathname | ExtGlob, false},
		{"!(b)", "x", Pathname | ExtGlob, true},
		{"!(b)", "a/c", Pathname | ExtGlob, false},
		{"@(.x)", ".x", Pathname | ExtGlob, true},
		{"*(.)x", ".x", Pathname | ExtGlob, true},
		{"?(y)*", ".x", Pathname | ExtGlob, false},
		{"*", ".x", 0, true},
	}
	for _, tt := range tests {
		p := mustCompile(t, tt.pat, tt.mode)
		if got := p.Match(tt.s); got != tt.want {
			t.Errorf("%q mode %v on %q = %v, want %v", tt.pat, tt.mode, tt.s, got, tt.want)
		}
	}
}

func TestFindFrom(t *testing.T) {
	p := mustCompile(t, "a*(b)", ExtGlob)
	tests := []struct {
		s      string
		from   int
		st, en int
		ok     bool
	}{
		{"xabbyab", 0, 1, 4, true},
		{"xabbyab", 2, 5, 7, true},
		{"xabbyab", 6, 0, 0, false},
		{"xabbyab", 8, 0, 0, false},
		{"xabbyab", -1, 0, 0, false},
	}
	for _, tt := range tests {
		st, en, ok := p.Find(tt.s, tt.from)
		if st != tt.st || en != tt.en || ok != tt.ok {
			t.Errorf("Find(%q, %d) = %d, %d, %v, want %d, %d, %v", tt.s, tt.from, st, en, ok, tt.st, tt.en, tt.ok)
		}
	}
}

// TestCharacters: a valid UTF-8 sequence is one character, each byte of an
// invalid one is a character, and no operation splits a character.
func TestCharacters(t *testing.T) {
	const s = "\xc3\xa9\xff\xe2\x82x" // é, 0xff, a truncated 3-byte sequence, x
	q := mustCompile(t, "?", 0)
	var ends []int
	for i := 0; ; {
		n := q.Prefix(s[i:], false)
		if n <= 0 {
			break
		}
		i += n
		ends = append(ends, i)
	}
	want := []int{2, 3, 4, 5, 6}
	if len(ends) != len(want) {
		t.Fatalf("characters end at %v, want %v", ends, want)
	}
	for i := range want {
		if ends[i] != want[i] {
			t.Fatalf("characters end at %v, want %v", ends, want)
		}
	}
	if got := mustCompile(t, "\xc3", 0).Prefix("\xc3\xa9", true); got != -1 {
		t.Errorf("a lone lead byte matched inside a character: %d", got)
	}
	if got := mustCompile(t, "*\xa9", 0).Suffix("\xc3\xa9", true); got != -1 {
		t.Errorf("a continuation byte matched inside a character: %d", got)
	}
	if _, _, ok := mustCompile(t, "\xa9", 0).Find("\xc3\xa9", 0); ok {
		t.Errorf("Find matched inside a character")
	}
	if mustCompile(t, "[\xc3]\xa9", 0).Match("\xc3\xa9") || !mustCompile(t, "?", 0).Match("\xc3\xa9") {
		t.Errorf("é is not one character")
	}
}

// TestBracketASCIITable holds the precomputed ASCII verdicts to the
// general membership test.
func TestBracketASCIITable(t *testing.T) {
	brackets := []string{"[a-z]", "[!a-z]", "[[:alpha:]_]", "[^[:punct:]x-]", "[[:upper:]]", "[A-C]", "[![:space:][:cntrl:]]", "[[.a.]-[=f=]]"}
	for _, c := range classNames {
		brackets = append(brackets, "[[:"+c.name+":]]", "[![:"+c.name+":]]")
	}
	for _, mode := range []Mode{0, NoCase} {
		for _, pat := range brackets {
			b, _, ok := parseBracket(pat, 0, mode)
			if !ok {
				t.Fatalf("%q is not a bracket expression", pat)
			}
			for c := rune(0); c < 0x80; c++ {
				table, _ := b.matchAt(string(c), 0)
				if want := b.contains(c) != b.negate; table != want {
					t.Errorf("%q mode %v: %q is %v in the table, %v by the rules", pat, mode, c, table, want)
				}
			}
		}
	}
}

// TestConcurrentUse shares one compiled pattern between goroutines (run
// with -race to check that matching writes nothing shared).
func TestConcurrentUse(t *testing.T) {
	p := mustCompile(t, "@(a|*(b|c))x!(y)", ExtGlob)
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			ok := true
			for i := 0; i < 200; i++ {
				ok = ok && p.Match("bcbxz") && !p.Match("bcbxy") && p.Prefix("axqq", true) == 4
			}
			done <- ok
		}()
	}
	for g := 0; g < 4; g++ {
		if !<-done {
			t.Error("a concurrent match went wrong")
		}
	}
}
