package parser

import "testing"

func TestEmptySliceOperand(t *testing.T) {
	for _, c := range []struct {
		src, want string // want "" for a syntax error
	}{
		{`echo ${s: }`, `echo ${s:0}`},
		{`echo ${s::}`, `echo ${s::0}`},
		{`echo ${s:1:}`, `echo ${s:1:0}`},
		{`echo "${a[@]::}"`, `echo "${a[@]::0}"`},
		{`echo ${s: :2}`, `echo ${s::2}`},
		{`echo ${s:}`, ``},
		{`echo ${s:-}`, `echo ${s:-}`},
	} {
		f, err := Parse(c.src, "t")
		if c.want == "" {
			if err == nil {
				t.Errorf("%s: parsed, want a syntax error", c.src)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if got := PrintOneLine(f.Stmts[0]); got != c.want {
			t.Errorf("%s: parsed as %s, want %s", c.src, got, c.want)
		}
	}
}
