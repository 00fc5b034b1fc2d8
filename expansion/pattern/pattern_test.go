package pattern

import (
	"strings"
	"testing"
)

func mustCompile(t testing.TB, pat string, mode Mode) *Pattern {
	t.Helper()
	p, err := Compile(pat, mode)
	if err != nil {
		t.Fatalf("Compile(%q, %v): %v", pat, mode, err)
	}
	return p
}

// TestMatchAgainstBash checks [[ $s == $p ]] as /bin/bash answered it.
func TestMatchAgainstBash(t *testing.T) {
	for _, c := range bashMatchCases {
		p := mustCompile(t, c.pat, c.mode)
		if got := p.Match(c.s); got != c.want {
			t.Errorf("mode %v: %q matches %q = %v, bash says %v", c.mode, c.pat, c.s, got, c.want)
		}
		if got := p.matchGeneral(c.s); got != c.want {
			t.Errorf("mode %v: general engine: %q matches %q = %v, bash says %v", c.mode, c.pat, c.s, got, c.want)
		}
	}
}

// applyOp is what the word expander does for ${s<op>pat} and ${s<op>pat/X}.
func applyOp(p *Pattern, s, op string) string {
	switch op {
	case "#", "##":
		if n := p.Prefix(s, op == "##"); n >= 0 {
			return s[n:]
		}
		return s
	case "%", "%%":
		if n := p.Suffix(s, op == "%%"); n >= 0 {
			return s[:n]
		}
		return s
	case "/":
		if st, en, ok := p.Find(s, 0); ok {
			return s[:st] + "X" + s[en:]
		}
		return s
	case "/#":
		if n := p.Prefix(s, true); n >= 0 {
			return "X" + s[n:]
		}
		return s
	case "/%":
		if n := p.Suffix(s, true); n >= 0 {
			return s[:n] + "X"
		}
		return s
	case "//":
		var b strings.Builder
		i := 0
		for _, sp := range p.FindAll(s) {
			b.WriteString(s[i:sp[0]])
			b.WriteString("X")
			i = sp[1]
		}
		b.WriteString(s[i:])
		return b.String()
	}
	panic("unknown op " + op)
}

// TestSubstAgainstBash checks ${s#p} ${s##p} ${s%p} ${s%%p} ${s/p/X}
// ${s//p/X} ${s/#p/X} ${s/%p/X} as /bin/bash printed them.
func TestSubstAgainstBash(t *testing.T) {
	for _, c := range bashSubstCases {
		mode := c.mode
		if !strings.HasPrefix(c.op, "/") {
			mode &^= NoCase // bash's nocasematch leaves ${s#p} and ${s%p} alone
		}
		p := mustCompile(t, c.pat, mode)
		if got := applyOp(p, c.s, c.op); got != c.want {
			t.Errorf("mode %v: ${s%sp} with s=%q p=%q: got %q, bash says %q", c.mode, c.op, c.s, c.pat, got, c.want)
		}
	}
}

// findAllByFind is FindAll spelled with Find, as the word expander could
// write it; the consistency checks hold the two together.
func findAllByFind(p *Pattern, s string) [][2]int {
	var spans [][2]int
	for i := 0; ; {
		st, en, ok := p.Find(s, i)
		if !ok || (st == len(s) && len(s) > 0) {
			return spans
		}
		spans = append(spans, [2]int{st, en})
		if i = searchOn(s, st, en); i < 0 {
			return spans
		}
	}
}
