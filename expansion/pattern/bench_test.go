package pattern

import (
	"strings"
	"testing"
)

func BenchmarkCompile(b *testing.B) {
	for _, bc := range []struct {
		name, pat string
		mode      Mode
	}{
		{"simple", "*.c", 0},
		{"bracket-extglob", "@(*.[ch]|[[:upper:]]*(-[0-9]))", ExtGlob},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = Compile(bc.pat, bc.mode)
			}
		})
	}
}

var (
	longPath = strings.Repeat("abcdefgh/", 100) + "file.tar.gz"
	longText = strings.Repeat("the quick brown fox jumps over the lazy dog ", 100)
	aRun     = strings.Repeat("a", 1000)
	aRunB    = aRun + "b"
)

// The shapes the shell spends its time on, and the ones that make naive
// matchers exponential. Each run checks its answer.
var benchCases = []struct {
	name, pat string
	mode      Mode
	run       func(p *Pattern) bool
}{
	{"match/star-suffix", "*.c", 0, func(p *Pattern) bool { return p.Match("src/shell/expand_word.c") }},
	{"match/literal", "--verbose", 0, func(p *Pattern) bool { return !p.Match("--version") }},
	{"match/bracket", "[[:alpha:]_]*[!-.]", 0, func(p *Pattern) bool { return p.Match("some_identifier_name1") }},
	{"match/nocase", "*.jpg", NoCase, func(p *Pattern) bool { return p.Match("HOLIDAY_PHOTO_0001.JPG") }},
	{"match/pathological", "*a*a*a*a*a*a*c*b", 0, func(p *Pattern) bool { return !p.Match(aRunB) }},
	{"match/extglob", "+([a-z])@(.c|.h)", ExtGlob, func(p *Pattern) bool { return p.Match("expandword.c") }},
	{"match/extglob-negated", "!(*.o|*.a)", ExtGlob, func(p *Pattern) bool { return p.Match("expandword.c") }},
	{"match/extglob-pathological", "*(a|aa|aaa)!(b)+(a)c", ExtGlob, func(p *Pattern) bool { return !p.Match(aRun[:200]) }},
	// ${v#*/} ${v##*/} ${v%/*} ${v%.*}
	{"prefix/shortest", "*/", 0, func(p *Pattern) bool { return p.Prefix("usr/local/share/doc/gosh", false) == 4 }},
	{"prefix/longest", "*/", 0, func(p *Pattern) bool { return p.Prefix("usr/local/share/doc/gosh", true) == 20 }},
	{"prefix/pathological", "*a*a*a*a*a*a*c", 0, func(p *Pattern) bool { return p.Prefix(aRun, true) < 0 }},
	{"suffix/shortest", "/*", 0, func(p *Pattern) bool { return p.Suffix("usr/local/share/doc/gosh", false) == 19 }},
	{"suffix/long-subject", ".*", 0, func(p *Pattern) bool { return p.Suffix(longPath, false) == len(longPath)-3 }},
	{"suffix/literal", ".gz", 0, func(p *Pattern) bool { return p.Suffix(longPath, false) == len(longPath)-3 }},
	// ${v//[aeiou]/X}
	{"findall/short", "[aeiou]", 0, func(p *Pattern) bool { return len(p.FindAll(longText[:44])) == 11 }},
	{"findall/long", "[aeiou]", 0, func(p *Pattern) bool { return len(p.FindAll(longText)) == 1100 }},
}

func BenchmarkPattern(b *testing.B) {
	for _, bc := range benchCases {
		b.Run(bc.name, func(b *testing.B) {
			p := mustCompile(b, bc.pat, bc.mode)
			b.ReportAllocs()
			for b.Loop() {
				if !bc.run(p) {
					b.Fatalf("%q: wrong answer", bc.pat)
				}
			}
		})
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

func BenchmarkGlob(b *testing.B) {
	root := makeGlobTree(b)
	opts := rootedOptions(root, 0, true)
	b.ReportAllocs()
	for b.Loop() {
		if got, _ := Glob("**/*.c", opts); len(got) != 2 {
			b.Fatal("wrong", got)
		}
	}
}
