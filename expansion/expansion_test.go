package expansion

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// fakeHost is a variable table and a recorder of command substitutions:
// $(cmd) outputs "out:" followed by the command's source text, and counts
// itself, so tests can tell whether a word was expanded.
type fakeHost struct {
	vars   map[string]Variable
	params []string
	substs []string
}

func newFakeHost(vars map[string]string, params ...string) *fakeHost {
	h := &fakeHost{vars: map[string]Variable{}, params: params}
	for k, v := range vars {
		h.vars[k] = Variable{Set: true, Kind: String, Str: v}
	}
	return h
}

func (h *fakeHost) Var(name string) Variable {
	switch name {
	case "@", "*":
		return Variable{Set: true, Kind: Indexed, List: h.params}
	case "#":
		return Variable{Set: true, Kind: String, Str: strconv.Itoa(len(h.params))}
	case "0":
		return Variable{Set: true, Kind: String, Str: "sh"}
	}
	if n, err := strconv.Atoi(name); err == nil {
		if n >= 1 && n <= len(h.params) {
			return Variable{Set: true, Kind: String, Str: h.params[n-1]}
		}
		return Variable{}
	}
	return h.vars[name]
}

func (h *fakeHost) Each(fn func(string, Variable) bool) {
	for _, k := range slices.Sorted(maps.Keys(h.vars)) {
		if !fn(k, h.vars[k]) {
			return
		}
	}
}

func (h *fakeHost) SetVar(name string, vr Variable) error {
	h.vars[name] = vr
	return nil
}

func (h *fakeHost) SetElem(name, key, value string) error {
	vr := h.vars[name]
	if vr.Kind == Associative {
		m := maps.Clone(vr.Map)
		m[key] = value
		vr.Map = m
		h.vars[name] = vr
		return nil
	}
	i, err := strconv.Atoi(key)
	if err != nil {
		return err
	}
	list := slices.Clone(vr.List)
	for len(list) <= i {
		list = append(list, "")
	}
	list[i] = value
	h.vars[name] = Variable{Set: true, Kind: Indexed, List: list}
	return nil
}

func (h *fakeHost) CmdSubst(w io.Writer, cs *syntax.CmdSubst) error {
	var sb strings.Builder
	for _, st := range cs.Stmts {
		syntax.NewPrinter().Print(&sb, st)
	}
	h.substs = append(h.substs, sb.String())
	_, err := fmt.Fprintf(w, "out:%s\n\n", sb.String())
	return err
}

func (h *fakeHost) ProcSubst(*syntax.ProcSubst) (string, error) { return "/dev/fd/63", nil }

// words parses src as the arguments of one simple command.
func words(t *testing.T, src string) []*syntax.Word {
	t.Helper()
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader("x "+src), "")
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return f.Stmts[0].Cmd.(*syntax.CallExpr).Args[1:]
}

func testConfig(h *fakeHost) *Config {
	return &Config{
		Host: h,
		HomeDir: func(user string) (string, bool) {
			return map[string]string{"": "/home/me", "bob": "/home/bob"}[user], user == "" || user == "bob"
		},
	}
}

func TestFields(t *testing.T) {
	vars := map[string]string{"x": "hello", "sp": "a  b ", "e": "", "star": "*", "q": "a?b", "p": "1+2"}
	tests := []struct {
		src    string
		params []string
		want   []string
	}{
		{src: `$x "$x" '$x'`, want: []string{"hello", "hello", "$x"}},
		{src: `$sp`, want: []string{"a", "b"}},
		{src: `"$sp"`, want: []string{"a  b "}},
		{src: `$e`, want: nil},
		{src: `"$e"`, want: []string{""}},
		{src: `""$e`, want: []string{""}},
		{src: `$e""`, want: []string{""}},
		{src: `"$@"`, params: nil, want: nil},
		{src: `"$@"`, params: []string{"a", "b c", ""}, want: []string{"a", "b c", ""}},
		{src: `x"$@"y`, params: []string{"a", "b"}, want: []string{"xa", "by"}},
		{src: `$@`, params: []string{"a", "b c", ""}, want: []string{"a", "b", "c"}},
		{src: `"$*"`, params: []string{"a", "b"}, want: []string{"a b"}},
		{src: `${#}`, params: []string{"a", "b"}, want: []string{"2"}},
		{src: `${1} ${2-unset} ${3-unset}`, params: []string{"a", ""}, want: []string{"a", "unset"}},
		{src: `${x:-$(never)} ${u:-"a b" c}`, want: []string{"hello", "a b", "c"}},
		{src: `"${u:-a b}"`, want: []string{"a b"}},
		{src: `"${u:-'a'}"`, want: []string{"'a'"}},
		{src: `${u:+set} ${x:+set}`, want: []string{"set"}},
		{src: `${x#h} ${x##*l} ${x%l*} ${x%%l*}`, want: []string{"ello", "o", "hel", "he"}},
		{src: `"${q#*"?"}" "${q#*?}"`, want: []string{"b", "?b"}},
		{src: `${x/l/L} ${x//l/L} ${x/#h/H} ${x/%o/O} ${x/l}`, want: []string{"heLlo", "heLLo", "Hello", "hellO", "helo"}},
		{src: `"${x/l/<&>}" ${x/l/\&}`, want: []string{"he<l>lo", "he&lo"}},
		{src: `${x^} ${x^^} ${x^^[lo]} ${x,,}`, want: []string{"Hello", "HELLO", "heLLO", "hello"}},
		{src: `${x:1} ${x:1:2} ${x: -2} ${x:1:-1} ${x:9}`, want: []string{"ello", "el", "lo", "ell"}},
		{src: `${#x} ${#u}`, want: []string{"5", "0"}},
		{src: `${x@Q} ${x@U} ${x@u}`, want: []string{"'hello'", "HELLO", "Hello"}},
		{src: `a{b,c}d {1..3} {a..c} {01..03} {3..1} {1..5..2} {a,b}{1,2}`, want: []string{"abd", "acd", "1", "2", "3", "a", "b", "c", "01", "02", "03", "3", "2", "1", "1", "3", "5", "a1", "a2", "b1", "b2"}},
		{src: `{a} {1..x} "{a,b}"`, want: []string{"{a}", "{1..x}", "{a,b}"}},
		{src: `~ ~/x ~bob a~ ~nobody "~"`, want: []string{"/home/me", "/home/me/x", "/home/bob", "a~", "~nobody", "~"}},
		{src: `\$x a\ b "a\"b" "a\b" $'a\tb'`, want: []string{"$x", "a b", `a"b`, `a\b`, "a\tb"}},
		{src: `$(cmd)`, want: []string{"out:cmd"}},
		{src: `"$(cmd)"x`, want: []string{"out:cmdx"}},
		{src: `$star`, want: []string{"*"}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			h := newFakeHost(vars, tt.params...)
			got, err := Fields(testConfig(h), words(t, tt.src)...)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIFS(t *testing.T) {
	tests := []struct{ ifs, value, want string }{
		{" \t\n", "  a  b  ", "[a][b]"},
		{":", ":a::b:", "[][a][][b]"},
		{": ", "a : b", "[a][b]"},
		{": ", "a :: b", "[a][][b]"},
		{"", "a b", "[a b]"},
		{"x", "axxb", "[a][][b]"},
	}
	for _, tt := range tests {
		h := newFakeHost(map[string]string{"IFS": tt.ifs, "v": tt.value})
		got, err := Fields(testConfig(h), words(t, "$v")...)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		for _, f := range got {
			sb.WriteString("[" + f + "]")
		}
		if sb.String() != tt.want {
			t.Errorf("IFS=%q v=%q: got %s, want %s", tt.ifs, tt.value, sb.String(), tt.want)
		}
	}
}

// TestUnusedWordsAreNotExpanded checks the laziness the issue asks for in
// every quoting context: a command substitution in a word that the
// operator does not use never runs.
func TestUnusedWordsAreNotExpanded(t *testing.T) {
	for _, src := range []string{
		`${u:+$(run)}`, `"${u:+$(run)}"`, `${x-$(run)}`, `"${x:-$(run)}"`,
		`${x:=$(run)}`, `"${x:?$(run)}"`, `${x:-"$(run)"}`, `"${u+"$(run)"}"`,
	} {
		h := newFakeHost(map[string]string{"x": "set"})
		if _, err := Fields(testConfig(h), words(t, src)...); err != nil {
			t.Errorf("%s: %v", src, err)
		}
		if len(h.substs) != 0 {
			t.Errorf("%s ran %q", src, h.substs)
		}
	}
	// And a used word is expanded exactly once.
	h := newFakeHost(nil)
	got, err := Fields(testConfig(h), words(t, `"${u:=$(run)}" $u`)...)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.substs) != 1 || !slices.Equal(got, []string{"out:run", "out:run"}) {
		t.Errorf("${u:=$(run)}: ran %q, got %q", h.substs, got)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		src, want string
		nounset   bool
	}{
		{src: `${u:?}`, want: "u: parameter null or not set"},
		{src: `${u?}`, want: "u: parameter not set"},
		{src: `${u:?custom message}`, want: "u: custom message"},
		{src: `$u`, want: "u: unbound variable", nounset: true},
		{src: `${#u}`, want: "u: unbound variable", nounset: true},
	}
	for _, tt := range tests {
		h := newFakeHost(nil)
		cfg := testConfig(h)
		cfg.NoUnset = tt.nounset
		_, err := Fields(cfg, words(t, tt.src)...)
		var ee *Error
		if !errors.As(err, &ee) || ee.Msg != tt.want || !ee.Fatal {
			t.Errorf("%s: got %v, want fatal %q", tt.src, err, tt.want)
		}
	}
	// "$@" and ${u:-} are fine under set -u.
	cfg := testConfig(newFakeHost(nil))
	cfg.NoUnset = true
	if _, err := Fields(cfg, words(t, `"$@" $* ${u:-} ${u+x}`)...); err != nil {
		t.Errorf("set -u: %v", err)
	}
}

func TestPatternAndLiteral(t *testing.T) {
	h := newFakeHost(map[string]string{"p": "*", "s": "a b"})
	cfg := testConfig(h)
	tests := []struct {
		src        string
		pattern    string
		literal    string
		assignment string
	}{
		{src: `$p`, pattern: `*`, literal: `*`, assignment: `*`},
		{src: `"$p"`, pattern: `\*`, literal: `*`, assignment: `*`},
		{src: `a\*'?'`, pattern: `a\*\?`, literal: `a*?`, assignment: `a*?`},
		{src: `$s`, pattern: `a b`, literal: `a b`, assignment: `a b`},
		{src: `~/a:~/b`, pattern: `/home/me/a:~/b`, literal: `/home/me/a:~/b`, assignment: `/home/me/a:/home/me/b`},
	}
	for _, tt := range tests {
		w := words(t, tt.src)[0]
		if got, err := Pattern(cfg, w); err != nil || got != tt.pattern {
			t.Errorf("Pattern(%s) = %q, %v; want %q", tt.src, got, err, tt.pattern)
		}
		if got, err := Literal(cfg, w); err != nil || got != tt.literal {
			t.Errorf("Literal(%s) = %q, %v; want %q", tt.src, got, err, tt.literal)
		}
		if got, err := Assignment(cfg, w); err != nil || got != tt.assignment {
			t.Errorf("Assignment(%s) = %q, %v; want %q", tt.src, got, err, tt.assignment)
		}
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc", "'abc'"},
		{"it's", `'it'\''s'`},
		{"", "''"},
		{"a\nb", `$'a\nb'`},
		{"\x01'", `$'\001\''`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
