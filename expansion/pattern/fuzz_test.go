package pattern

import (
	"reflect"
	"testing"
)

// refMatch is a deliberately naive backtracking matcher, exponential but
// obviously right, written straight from the definitions: k is called with
// every offset at which seq, started at i, can end, until it says stop.
func refMatch(p *Pattern, seq []node, s string, i int, k func(int) bool) bool {
	if len(seq) == 0 {
		return k(i)
	}
	nd, rest := &seq[0], seq[1:]
	next := func(j int) bool { return refMatch(p, rest, s, j, k) }
	mode := p.mode
	switch nd.kind {
	case nodeLit:
		e := litEnd(s, i, nd.lit, mode&NoCase != 0)
		return e >= 0 && next(e)
	case nodeAny:
		return i < len(s) && wildOK(s, i, mode) && next(i+charLen(s, i))
	case nodeBracket:
		if i >= len(s) || !wildOK(s, i, mode) {
			return false
		}
		ok, n := nd.set.matchAt(s, i)
		return ok && next(i+n)
	case nodeStar:
		for j := i; ; j += charLen(s, j) {
			if next(j) {
				return true
			}
			if j >= len(s) || !wildOK(s, j, mode) {
				return false
			}
		}
	}
	anyAlt := func(from int, k func(int) bool) bool {
		for _, alt := range nd.alts {
			if refMatch(p, alt, s, from, k) {
				return true
			}
		}
		return false
	}
	var repeat func(j int) bool // zero or more further alternatives, then rest
	repeat = func(j int) bool {
		return next(j) || anyAlt(j, func(e int) bool { return e > j && repeat(e) })
	}
	switch nd.op {
	case '@':
		return anyAlt(i, next)
	case '?':
		return next(i) || anyAlt(i, next)
	case '*':
		return repeat(i)
	case '+':
		return anyAlt(i, repeat)
	case '!':
		for j := i; ; j += charLen(s, j) {
			if !anyAlt(i, func(e int) bool { return e == j }) && next(j) {
				return true
			}
			if j >= len(s) || !wildOK(s, j, mode) {
				return false
			}
		}
	}
	panic("unknown node")
}

func (p *Pattern) refWhole(s string) bool {
	return refMatch(p, p.nodes, s, 0, func(e int) bool { return e == len(s) })
}

// boundaries lists the character boundaries of s, 0 and len(s) included.
func boundaries(s string) []int {
	var b []int
	for i := 0; ; i += charLen(s, i) {
		b = append(b, i)
		if i >= len(s) {
			return b
		}
	}
}

// checkConsistency holds Match's fast and general paths, the reference,
// and Prefix, Suffix and Find to one another on one input.
func checkConsistency(t *testing.T, pat string, mode Mode, s string, withRef bool) {
	p, err := Compile(pat, mode)
	if err != nil {
		t.Fatalf("Compile(%q): %v", pat, err)
	}
	got := p.Match(s)
	if g := p.matchGeneral(s); g != got {
		t.Fatalf("%q mode %v on %q: Match %v, general engine %v", pat, mode, s, got, g)
	}
	if withRef {
		if r := p.refWhole(s); r != got {
			t.Fatalf("%q mode %v on %q: Match %v, reference %v", pat, mode, s, got, r)
		}
	}
	if !HasMeta(pat, mode) && mode&NoCase == 0 {
		if want := s == Unescape(pat); got != want {
			t.Fatalf("%q has no meta, Unescape %q, on %q: Match %v", pat, Unescape(pat), s, got)
		}
	}
	if q, _ := Compile(QuoteMeta(s), mode&^NoCase); !q.Match(s) {
		t.Fatalf("QuoteMeta(%q) = %q does not match it", s, QuoteMeta(s))
	}
	if mode&Pathname != 0 {
		return // substrings lose the context of the leading-period rule
	}
	bs := boundaries(s)
	shortP, longP, shortS, longS := -1, -1, -1, -1
	for _, i := range bs {
		if p.Match(s[:i]) {
			if shortP < 0 {
				shortP = i
			}
			longP = i
		}
		if p.Match(s[i:]) {
			if longS < 0 {
				longS = i
			}
			shortS = i
		}
	}
	if g := p.Prefix(s, false); g != shortP {
		t.Fatalf("%q mode %v: Prefix(%q, shortest) = %d, want %d", pat, mode, s, g, shortP)
	}
	if g := p.Prefix(s, true); g != longP {
		t.Fatalf("%q mode %v: Prefix(%q, longest) = %d, want %d", pat, mode, s, g, longP)
	}
	if g := p.Suffix(s, false); g != shortS {
		t.Fatalf("%q mode %v: Suffix(%q, shortest) = %d, want %d", pat, mode, s, g, shortS)
	}
	if g := p.Suffix(s, true); g != longS {
		t.Fatalf("%q mode %v: Suffix(%q, longest) = %d, want %d", pat, mode, s, g, longS)
	}
	if all, loop := p.FindAll(s), findAllByFind(p, s); !reflect.DeepEqual(all, loop) {
		t.Fatalf("%q mode %v: FindAll(%q) = %v, by Find %v", pat, mode, s, all, loop)
	}
	if len(s) > 40 {
		return
	}
	for _, from := range bs {
		wantOK, wantSt, wantEn := false, 0, 0
	search:
		for _, i := range bs {
			if i < from {
				continue
			}
			for k := len(bs) - 1; k >= 0 && bs[k] >= i; k-- {
				if p.Match(s[i:bs[k]]) {
					wantOK, wantSt, wantEn = true, i, bs[k]
					break search
				}
			}
		}
		if pat == "" {
			wantOK, wantSt, wantEn = false, 0, 0 // bash: the empty pattern replaces nothing
		}
		st, en, ok := p.Find(s, from)
		if ok != wantOK || st != wantSt || en != wantEn {
			t.Fatalf("%q mode %v: Find(%q, %d) = %d, %d, %v, want %d, %d, %v", pat, mode, s, from, st, en, ok, wantSt, wantEn, wantOK)
		}
	}
}

var fuzzSeeds = []struct{ pat, s string }{
	{"*[-.]xz", "e.xz"}, {"[]a]*", "]]a"}, {"[!]a-]?", "b-"}, {"[[:alpha:]]*", "é1"},
	{"@(a|*(b|c))", "bcb"}, {"!(a)b", "aab"}, {"*(ab|a)b", "aabab"}, {"+(?)x", "abx"},
	{"a*b*c", "aXbYcbc"}, {"*a*a*b", "aaaaab"}, {"\\*x", "*x"}, {"[a-", "[a-"},
	{"x!(y|z)*", "xyzq"}, {"*/*", "a/b"}, {".*", ".x"}, {"?", "\xff"}, {"??", "\xc3\xa9"},
	{"[\xff-\xfe]", "\xff"}, {"*(?)", "\xe2\x82\xe2\x82\xac"}, {"ÉA*", "éab"},
}

// TestConsistency runs the fuzz checks over the seeds and the bash cases in
// every mode, so that `go test` exercises them without -fuzz.
func TestConsistency(t *testing.T) {
	modes := []Mode{0, ExtGlob, NoCase, ExtGlob | NoCase, Pathname, Pathname | ExtGlob, Pathname | DotGlob | ExtGlob}
	for _, m := range modes {
		for _, c := range fuzzSeeds {
			checkConsistency(t, c.pat, m, c.s, true)
		}
		for _, c := range bashMatchCases {
			checkConsistency(t, c.pat, m, c.s, len(c.s) <= 16)
		}
		for _, c := range bashSubstCases {
			checkConsistency(t, c.pat, m, c.s, len(c.s) <= 16)
		}
	}
}

// FuzzMatch checks that no input panics or hangs, and that the fast path,
// the set engine, the naive reference and the Prefix/Suffix/Find searches
// agree.
func FuzzMatch(f *testing.F) {
	for i, c := range fuzzSeeds {
		f.Add(c.pat, c.s, uint8(i))
	}
	f.Fuzz(func(t *testing.T, pat, s string, mode uint8) {
		if len(pat) > 48 || len(s) > 64 {
			return
		}
		m := Mode(mode) & (ExtGlob | NoCase | Pathname | DotGlob)
		checkConsistency(t, pat, m, s, len(s) <= 12 && len(pat) <= 16)
	})
}

func TestBitsetFill(t *testing.T) {
	for lo := 0; lo < 130; lo += 7 {
		for hi := lo; hi < 200; hi += 5 {
			b := make(bitset, 4)
			b.fill(lo, hi)
			for i := 0; i < 256; i++ {
				if b.has(i) != (lo <= i && i <= hi) {
					t.Fatalf("fill(%d, %d): has(%d) = %v", lo, hi, i, b.has(i))
				}
			}
		}
	}
}
