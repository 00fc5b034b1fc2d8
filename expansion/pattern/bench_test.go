package pattern

import (
	"strings"
	"testing"
)

func benchPattern(b *testing.B, pat string, mode Mode) *Pattern {
	p, err := Compile(pat, mode)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func BenchmarkCompileSimple(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Compile("*.c", 0)
	}
}

func BenchmarkCompileBracketExtglob(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Compile("@(*.[ch]|[[:upper:]]*(-[0-9]))", ExtGlob)
	}
}

// case $x in *.c) — the hottest shape.
func BenchmarkMatchStarSuffix(b *testing.B) {
	p := benchPattern(b, "*.c", 0)
	b.ReportAllocs()
	for b.Loop() {
		if !p.Match("src/shell/expand_word.c") {
			b.Fatal("no match")
		}
	}
}

func BenchmarkMatchLiteral(b *testing.B) {
	p := benchPattern(b, "--verbose", 0)
	b.ReportAllocs()
	for b.Loop() {
		if p.Match("--version") {
			b.Fatal("match")
		}
	}
}

func BenchmarkMatchBracket(b *testing.B) {
	p := benchPattern(b, "[[:alpha:]_]*[!-.]", 0)
	b.ReportAllocs()
	for b.Loop() {
		if !p.Match("some_identifier_name1") {
			b.Fatal("no match")
		}
	}
}

func BenchmarkMatchNoCase(b *testing.B) {
	p := benchPattern(b, "*.jpg", NoCase)
	b.ReportAllocs()
	for b.Loop() {
		if !p.Match("HOLIDAY_PHOTO_0001.JPG") {
			b.Fatal("no match")
		}
	}
}

// *a*a*a*a*c*b against a run of a's is exponential for naive backtracking.
func BenchmarkMatchPathological(b *testing.B) {
	p := benchPattern(b, "*a*a*a*a*a*a*c*b", 0)
	s := strings.Repeat("a", 1000) + "b"
	b.ReportAllocs()
	for b.Loop() {
		if p.Match(s) {
			b.Fatal("match")
		}
	}
}

func BenchmarkMatchExtglob(b *testing.B) {
	p := benchPattern(b, "+([a-z])@(.c|.h)", ExtGlob)
	b.ReportAllocs()
	for b.Loop() {
		if !p.Match("expandword.c") {
			b.Fatal("no match")
		}
	}
}

func BenchmarkMatchExtglobNegated(b *testing.B) {
	p := benchPattern(b, "!(*.o|*.a)", ExtGlob)
	b.ReportAllocs()
	for b.Loop() {
		if !p.Match("expandword.c") {
			b.Fatal("no match")
		}
	}
}

// ${v#*/}
func BenchmarkPrefixShortestStarSlash(b *testing.B) {
	p := benchPattern(b, "*/", 0)
	b.ReportAllocs()
	for b.Loop() {
		if p.Prefix("usr/local/share/doc/gosh", false) != 4 {
			b.Fatal("wrong")
		}
	}
}

// ${v##*/}, basename
func BenchmarkPrefixLongestStarSlash(b *testing.B) {
	p := benchPattern(b, "*/", 0)
	b.ReportAllocs()
	for b.Loop() {
		if p.Prefix("usr/local/share/doc/gosh", true) != 20 {
			b.Fatal("wrong")
		}
	}
}

// ${v%/*}, dirname
func BenchmarkSuffixShortestSlashStar(b *testing.B) {
	p := benchPattern(b, "/*", 0)
	b.ReportAllocs()
	for b.Loop() {
		if p.Suffix("usr/local/share/doc/gosh", false) != 19 {
			b.Fatal("wrong")
		}
	}
}

// ${v%.*} on a long value: bitsets outgrow the inline ones.
func BenchmarkSuffixLong(b *testing.B) {
	p := benchPattern(b, ".*", 0)
	s := strings.Repeat("abcdefgh/", 100) + "file.tar.gz"
	b.ReportAllocs()
	for b.Loop() {
		if p.Suffix(s, false) != len(s)-3 {
			b.Fatal("wrong")
		}
	}
}

// ${v//[aeiou]/X}
func BenchmarkFindAll(b *testing.B) {
	p := benchPattern(b, "[aeiou]", 0)
	s := "the quick brown fox jumps over the lazy dog"
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for i := 0; ; {
			_, e, ok := p.Find(s, i)
			if !ok {
				break
			}
			n++
			i = e
		}
		if n != 11 {
			b.Fatal("wrong", n)
		}
	}
}

func BenchmarkPrefixPathological(b *testing.B) {
	p := benchPattern(b, "*a*a*a*a*a*a*c", 0)
	s := strings.Repeat("a", 1000)
	b.ReportAllocs()
	for b.Loop() {
		if p.Prefix(s, true) >= 0 {
			b.Fatal("match")
		}
	}
}

func BenchmarkMatchExtglobPathological(b *testing.B) {
	p := benchPattern(b, "*(a|aa|aaa)!(b)+(a)c", ExtGlob)
	s := strings.Repeat("a", 200)
	b.ReportAllocs()
	for b.Loop() {
		if p.Match(s) {
			b.Fatal("match")
		}
	}
}

// ${v//[aeiou]/X} on a long value: FindAll stays linear.
func BenchmarkFindAllLong(b *testing.B) {
	p := benchPattern(b, "[aeiou]", 0)
	s := strings.Repeat("the quick brown fox jumps over the lazy dog ", 100)
	b.ReportAllocs()
	for b.Loop() {
		if n := len(p.FindAll(s)); n != 1100 {
			b.Fatal("wrong", n)
		}
	}
}

func BenchmarkHasMeta(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if HasMeta(`/usr/local/share/doc/gosh/README\*`, 0) {
			b.Fatal("meta")
		}
	}
}
