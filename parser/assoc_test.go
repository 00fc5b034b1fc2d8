package parser

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }

func TestQuoteSubscripts(t *testing.T) {
	cases := []struct{ src, want string }{
		{`declare -A m=([x y]=z)`, `declare -A m=(["x y"]=z)`},
		{`m=([a.b]=1 [c d]=2)`, `m=(["a.b"]=1 ["c d"]=2)`},
		{`m[x y]=z`, `m["x y"]=z`},
		{`m[a b]+=z`, `m["a b"]+=z`},
		{`echo "${m[a b]}"`, `echo "${m["a b"]}"`},
		{`m[$k y]=1`, `m["$k y"]=1`},
		{`declare -A m=([a:b]=7 [!]=2 [a?b]=3)`, `declare -A m=(["a:b"]=7 ["!"]=2 ["a?b"]=3)`},
		{"x=1\nm[p q]=2\necho ok", "x=1\nm[\"p q\"]=2\necho ok"},
		// The key is a word: its quotes are removed, its backslashes quote.
		{`m[a'$x'\$y b]=1`, `m["a\$x\$y b"]=1`},
		{`m[x"$y z" w]=1`, `m["x$y z w"]=1`},
		{`v0[p q]=1`, `v0["p q"]=1`},
	}
	for _, c := range cases {
		f, err := Parse(c.src, "t")
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		want, err := New().Parse(stringsReader(c.want), "t")
		if err != nil {
			t.Fatalf("%q: %v", c.want, err)
		}
		if got, w := Print(f), Print(want); got != w {
			t.Errorf("%q parsed as\n%s\nwant\n%s", c.src, got, w)
		}
	}
	// Errors that are not in a subscript stay errors, with their text.
	// So do subscripts with a quote left open, as in bash, and brackets
	// after something that is not a name.
	for _, src := range []string{`if true; then`, `a=(1 2`, `a[!"0]=1`, `00[!"0]`, `m[a'b]=1`, `m[x\`} {
		if _, err := Parse(src, "t"); err == nil {
			t.Errorf("%q parsed without an error", src)
		}
	}
}

// TestErrorAfterSubscriptRepair: a command that still fails after its
// subscripts are quoted reports the error that remains, as bash does, not
// the subscript the repair fixed; through Parse and through a Source.
func TestErrorAfterSubscriptRepair(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"m[a b]=1; if", "`if` must be followed"},
		{"echo ${m[a b]} )", "encountered `)`"},
		{"echo )", "encountered `)`"}, // nothing to repair: the first error
	} {
		_, err := Parse(c.src, "t")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "t:") {
			t.Errorf("Parse(%q): %v, want an error about %s", c.src, err, c.want)
		}
		err = NewSource(stringsReader(c.src+"\n"), "t").Run(func([]*syntax.Stmt) bool { return true })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Source(%q): %v, want an error about %s", c.src, err, c.want)
		}
	}
}
