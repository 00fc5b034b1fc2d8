package tests

import (
	"regexp"
	"testing"
)

// History expansion at an interactive prompt, as bash does it: the
// expanded line is echoed, then run, and saved in its expanded form; a
// failed expansion runs nothing; :p prints and saves without running;
// quotes and set +H stop it. Every expected output is an interactive
// bash 5.2's for the same lines.
func TestInteractiveHistoryExpansion(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{Env: []string{"HISTFILE="}})
	steps := []struct{ line, out string }{
		{"echo a b/c.txt", "a b/c.txt\n"},
		{"!!", "echo a b/c.txt\na b/c.txt\n"},
		{"echo !$:h !$:t:r !^", "echo b c a\nb c a\n"},
		{"^b^d", "echo d c a\nd c a\n"},
		{"!-3:s/a/A/ !?c.t?:2:e", "echo A b/c.txt .txt\nA b/c.txt .txt\n"},
		{"!nosuch", "gosh: !nosuch: event not found\n"},
		{"echo !!:9", "gosh: :9: bad word specifier\n"},
		{"!e:p", "echo A b/c.txt .txt\n"},
		{`echo '!!' \!! x!=y`, "!! !! x!=y\n"},
	}
	for _, st := range steps {
		if out := runLine(s, st.line); out != st.out {
			t.Errorf("%q: got %q, want %q", st.line, out, st.out)
		}
	}
	// The history holds the expanded lines, and the :p line, but neither
	// the failed lines nor the references.
	out := runLine(s, "history 5")
	want := `^ +\d+  echo d c a\n +\d+  echo A b/c.txt .txt\n +\d+  echo A b/c.txt .txt\n +\d+  echo '!!' \\!! x!=y\n +\d+  history 5\n$`
	if !regexp.MustCompile(want).MatchString(out) {
		t.Errorf("history after expansions: %q", out)
	}
	// A line that continues a single-quoted string keeps its ! up to
	// the closing quote.
	runLine(s, "echo x")
	s.SendLine("echo 'a")
	s.Expect("> ")
	if out := runLine(s, "b !!' !!"); out != "b !!' echo x\na\nb !! echo x\n" {
		t.Errorf("continued quote: %q", out)
	}
	if out := runLine(s, "echo $-"); !regexp.MustCompile(`^\w*H\w*\n$`).MatchString(out) {
		t.Errorf("$- lacks H: %q", out)
	}
	runLine(s, "set +H")
	if out := runLine(s, "echo !!"); out != "!!\n" {
		t.Errorf("after set +H: %q", out)
	}
	runLine(s, "set -o histexpand")
	if out := runLine(s, "echo !!"); out != "echo set -o histexpand\nset -o histexpand\n" {
		t.Errorf("after set -o histexpand: %q", out)
	}
}

// A script has no history expansion, even with set -H, as in bash: the
// expansion belongs to lines read at the prompt.
func TestScriptNoHistoryExpansion(t *testing.T) {
	t.Parallel()
	out, errOut, status := runShell(t, "echo a; echo !! !$; set -H; echo !!; echo $-")
	if out != "a\n!! !$\n!!\nhBHc\n" || errOut != "" || status != 0 {
		t.Errorf("got %q, stderr %q, status %d", out, errOut, status)
	}
}

// history -p expands its arguments and history -s stores one; both take
// their own command line out of the history first, as in bash (whose
// output this is).
func TestInteractiveHistoryPS(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{Env: []string{"HISTFILE="}})
	runLine(s, "echo a")
	if out := runLine(s, "history -p '!!' '!-2' 'x'"); out != "echo a\ngosh: history: !-2: history expansion failed\nx\n" {
		t.Errorf("history -p: %q", out)
	}
	if out := runLine(s, "history -p '!nosuch'; echo rc=$?"); out != "gosh: history: !nosuch: history expansion failed\nrc=1\n" {
		t.Errorf("history -p failing: %q", out)
	}
	runLine(s, "history -s foo   bar")
	out := runLine(s, "history 3")
	if !regexp.MustCompile(`^ +1  echo a\n +2  foo bar\n +3  history 3\n$`).MatchString(out) {
		t.Errorf("history after -p and -s: %q", out)
	}
}
