package builtins

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestRegistrySortedAndComplete(t *testing.T) {
	for i, s := range registry {
		if i > 0 && registry[i-1].Name >= s.Name {
			t.Errorf("registry out of order or repeated at %q after %q", s.Name, registry[i-1].Name)
		}
		if !strings.HasPrefix(s.Usage, s.Name) {
			t.Errorf("%s: usage %q does not start with the name", s.Name, s.Usage)
		}
		first, _, _ := strings.Cut(s.Help, "\n")
		if !strings.HasSuffix(first, ".") {
			t.Errorf("%s: help's first line %q is not a sentence", s.Name, first)
		}
		if got, ok := Find(s.Name); !ok || got.Name != s.Name {
			t.Errorf("Find(%q) = %v, %v", s.Name, got, ok)
		}
	}
	for name := range table {
		if _, ok := Find(name); !ok {
			t.Errorf("builtin %q has code but no Spec", name)
		}
	}
	for _, name := range []string{"", "cdx", "zz", "!", "[["} {
		if _, ok := Find(name); ok {
			t.Errorf("Find(%q) found a builtin", name)
		}
	}
	if Lookup("cd") != nil || Lookup(":") != nil {
		t.Error("Lookup returned code for a builtin the evaluator implements")
	}
}

// TestSpecialIsPOSIX checks the special builtins against XCU 2.14.
func TestSpecialIsPOSIX(t *testing.T) {
	want := []string{".", ":", "break", "continue", "eval", "exec", "exit", "export",
		"readonly", "return", "set", "shift", "times", "trap", "unset"}
	var got []string
	for _, s := range All() {
		if s.Special {
			got = append(got, s.Name)
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("special builtins = %q, want %q", got, want)
	}
}

func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		name  string
		short bool
		want  string
	}{
		{"true", true, "true - Return a successful result.\n"},
		{"true", false, "true: true\n    Return a successful result.\n"},
		{"hash", true, "hash - Remember or display program locations.\n"},
		{"pwd", true, "pwd - Print the name of the current working directory; -P resolves symbolic links.\n"},
		{"cd", false, "cd: cd [-L|[-P [-e]] [-@]] [dir]\n    Change the shell working directory.\n\n" +
			"    DIR defaults to $HOME; `-' is $OLDPWD; CDPATH is searched for a relative DIR.\n" +
			"    -L follows symbolic links logically (the default), -P resolves them first.\n"},
	} {
		s, _ := Find(tc.name)
		var b bytes.Buffer
		s.Describe(&b, tc.short)
		if b.String() != tc.want {
			t.Errorf("Describe(%s, %v) = %q, want %q", tc.name, tc.short, b.String(), tc.want)
		}
	}
}

// TestUsageMatchesBash checks the usage lines of the builtins whose
// options gosh takes as bash does against bash's own help -s.
func TestUsageMatchesBash(t *testing.T) {
	names := []string{".", ":", "[", "alias", "bg", "break", "builtin", "caller", "cd", "command",
		"continue", "declare", "dirs", "disown", "echo", "eval", "exec", "exit", "export", "false", "fg",
		"getopts", "hash", "kill", "let", "local", "logout", "mapfile", "popd", "printf", "pushd", "pwd",
		"read", "readarray", "readonly", "return", "set", "shift", "shopt", "source", "test",
		"times", "trap", "true", "type", "typeset", "ulimit", "umask", "unalias", "unset"}
	script := `for n; do help -s "$n"; done`
	got := runBash(t, "/", script, names, "")
	var want strings.Builder
	for _, n := range names {
		s, _ := Find(n)
		want.WriteString(s.Name + ": " + s.Usage + "\n")
	}
	if got.out != want.String() {
		t.Errorf("usage lines differ from bash's:\n got %s\nwant %s", got.out, want.String())
	}
}
