//go:build bashdiff

// This file compares Eval with /bin/bash on random expressions. It is not
// part of the ordinary test run, which must not depend on bash's version:
//
//	go test -tags bashdiff -run BashDiff ./expansion/arith
//
// ARITH_DIFF_N sets how many expressions (default 3000), ARITH_DIFF_SEED
// the seed.

package arith

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

type gen struct{ r *rand.Rand }

func (g gen) pick(xs ...string) string { return xs[g.r.Intn(len(xs))] }

func (g gen) sp() string {
	switch g.r.Intn(8) {
	case 0:
		return " "
	case 1:
		return "  "
	case 2:
		return "\t"
	}
	return ""
}

func (g gen) number() string {
	return g.pick("0", "1", "2", "3", "7", "10", "42", "255", "0x1f", "0X10", "017", "010", "2#101",
		"64#@_", "36#Zz", "16#ff", "9223372036854775807", "99999999999999999999", "63", "64", "65",
		"08", "1a", "0x", "2#", "1#1", "0#1", "2#12", "37#Zz", "5")
}

func (g gen) lvalue(depth int) string {
	switch g.r.Intn(7) {
	case 0, 1:
		return "x"
	case 2:
		return "i"
	case 3:
		return "u"
	case 4:
		return "a[" + g.pick("0", "1", "2", "3", "i", "i++", "x-1", "-1", "1+1") + "]"
	case 5:
		return "A[" + g.pick("k", "j", "q", " k ", "1+1") + "]"
	}
	return "y"
}

func (g gen) operand(depth int) string {
	if depth <= 0 {
		if g.r.Intn(2) == 0 {
			return g.number()
		}
		return g.pick("x", "y", "z", "s", "i", "n", "h", "u", "a", "a[1]", "a[-1]", "A[k]", "A[q]", "A[ k ]", "a[x-2]")
	}
	switch g.r.Intn(12) {
	case 0, 1, 2:
		return g.number()
	case 3, 4:
		return g.pick("x", "y", "z", "s", "i", "n", "h", "u", "a", "a[1]", "A[k]", "A[j]", "e")
	case 5:
		return "(" + g.sp() + g.expr(depth-1) + g.sp() + ")"
	case 6:
		return g.pick("-", "+", "!", "~", "- ", "--", "++") + g.operand(depth-1)
	case 7:
		return g.pick("++", "--", "++ ", "-- ") + g.lvalue(depth)
	case 8:
		return g.lvalue(depth) + g.pick("++", "--")
	case 9:
		return "a[" + g.expr(depth-1) + "]"
	}
	return g.pick("x", "i", "y", "u", "s")
}

var binops = []string{"+", "-", "*", "/", "%", "**", "<<", ">>", "<", ">", "<=", ">=", "==", "!=",
	"&", "^", "|", "&&", "||", ","}
var assignops = []string{"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|="}

func (g gen) expr(depth int) string {
	if depth <= 0 {
		return g.operand(0)
	}
	switch g.r.Intn(10) {
	case 0, 1, 2, 3:
		return g.expr(depth-1) + g.sp() + binops[g.r.Intn(len(binops))] + g.sp() + g.expr(depth-1)
	case 4:
		return g.lvalue(depth) + g.sp() + assignops[g.r.Intn(len(assignops))] + g.sp() + g.expr(depth-1)
	case 5:
		return g.expr(depth-1) + g.sp() + "?" + g.sp() + g.expr(depth-1) + g.sp() + ":" + g.sp() + g.expr(depth-1)
	}
	return g.operand(depth)
}

// mangle damages e now and then, to reach the error paths.
func (g gen) mangle(e string) string {
	if g.r.Intn(4) != 0 || e == "" {
		return e
	}
	i := g.r.Intn(len(e))
	switch g.r.Intn(3) {
	case 0:
		return e[:i] + e[i+1:]
	case 1:
		return e[:i] + g.pick("(", ")", "+", "=", "?", ":", "@", "#", "]", "[", "1", "x", " ", ",", "++") + e[i:]
	}
	return e[:i]
}

func TestBashDiff(t *testing.T) {
	n := 3000
	if s := os.Getenv("ARITH_DIFF_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	seed := int64(1)
	if s := os.Getenv("ARITH_DIFF_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	g := gen{rand.New(rand.NewSource(seed))}
	type tcase struct {
		expr    string
		noUnset bool
	}
	cases := make([]tcase, n)
	var script strings.Builder
	script.WriteString(setupBash + "\n")
	script.WriteString(`dump() { for v in x y i u; do printf '%s=%s;' "$v" "${!v-unset}"; done; printf 'a='; for k in "${!a[@]}"; do printf '%s:%s,' "$k" "${a[$k]}"; done; printf ';A='; for k in "${!A[@]}"; do echo "$k:${A[$k]}"; done | LC_ALL=C sort | tr '\n' ','; echo; }` + "\n")
	for k := range cases {
		e := g.mangle(g.expr(1 + g.r.Intn(3)))
		c := tcase{expr: e, noUnset: g.r.Intn(4) == 0}
		cases[k] = c
		su := ""
		if c.noUnset {
			su = "set -u; "
		}
		fmt.Fprintf(&script, "echo '#%d'; E='%s'; ( %sr=$(($E)); echo \"V $r\"; dump ) 2>&1\n", k, e, su)
	}
	cmd := exec.Command("/bin/bash")
	cmd.Stdin = strings.NewReader(script.String())
	out, err := cmd.Output()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("bash: %v", err)
	}
	prefix := regexp.MustCompile(`(?m)^(/bin/)?bash: (line [0-9]+: )?`)
	parts := strings.Split(string(out), "\n#")
	want := map[int]string{}
	for _, p := range parts {
		p = strings.TrimPrefix(p, "#")
		num, rest, _ := strings.Cut(p, "\n")
		k, err := strconv.Atoi(num)
		if err != nil {
			t.Fatalf("bad bash output near %q", p)
		}
		want[k] = strings.TrimRight(prefix.ReplaceAllString(rest, ""), "\n")
	}
	bad, skipped := 0, 0
	for k, c := range cases {
		w := want[k]
		if strings.Contains(w, "bad array subscript") || strings.Contains(w, "not a valid identifier") {
			skipped++
			continue
		}
		env := setup()
		v, err := Eval(c.expr, env, Options{NoUnset: c.noUnset})
		var got string
		if err != nil {
			got = err.Error()
		} else {
			got = fmt.Sprintf("V %d\n%s", v, env.dump())
		}
		if got != w {
			bad++
			if bad <= 40 {
				t.Errorf("#%d Eval(%q, noUnset=%v):\n got %q\nwant %q", k, c.expr, c.noUnset, got, w)
			}
		}
	}
	t.Logf("%d cases, %d differ, %d skipped (bash's non-fatal subscript messages)", n, bad, skipped)
}
