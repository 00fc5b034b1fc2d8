package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// fc -l and fc -s at an interactive prompt. Every expected output is an
// interactive bash 5.2's for the same lines: fc -s echoes the command it
// runs, and the command takes the place of the fc line in the history.
func TestInteractiveFc(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{Env: []string{"HISTFILE="}})
	steps := []struct{ line, out string }{
		{"echo one", "one\n"},
		{"echo two", "two\n"},
		{"echo three", "three\n"},
		{"fc -l", "1\t echo one\n2\t echo two\n3\t echo three\n"},
		{"fc -l -2", "3\t echo three\n4\t fc -l\n"},
		{"fc -ln 1 2", "\t echo one\n\t echo two\n"},
		{"fc -lr 2 3", "3\t echo three\n2\t echo two\n"},
		{"fc -s two=2 ec", "echo three\nthree\n"},
		{"fc -s three=3 e", "echo 3\n3\n"},
		{"fc -e - 1", "echo one\none\n"},
		{"fc -s nosuch; echo rc=$?", "gosh: fc: no command found\nrc=1\n"},
		{"fc -l -4", "8\t echo three\n9\t echo 3\n10\t echo one\n11\t fc -s nosuch; echo rc=$?\n"},
		// In a pipeline, fc runs in a child, which knows the newest entry
		// is its own line too.
		{"fc -l -1 | cat", "12\t fc -l -4\n"},
	}
	for _, st := range steps {
		if out := runLine(s, st.line); out != st.out {
			t.Errorf("%q: got %q, want %q", st.line, out, st.out)
		}
	}
}

// fc without -l edits the entries with FCEDIT, then runs what the editor
// left, echoing each command and entering it into the history; an editor
// that fails runs nothing. The editor is a job like any other: ^Z stops
// it, fg resumes it, and fc goes on when it exits.
func TestInteractiveFcEditor(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	editor := filepath.Join(dir, "edit")
	script := "#!/bin/sh\nsed -i 's/one/ONE/' \"$1\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	asking := filepath.Join(dir, "ask")
	script = "#!/bin/sh\nread word\nsed -i \"s/one/$word/\" \"$1\"\n"
	if err := os.WriteFile(asking, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	s := startEditing(t, SessionConfig{Env: []string{"HISTFILE=", "FCEDIT=" + editor}})
	steps := []struct{ line, out string }{
		{"echo one", "one\n"},
		{"printf '%s\\n' one two", "one\ntwo\n"},
		{"fc -2", "echo ONE\nONE\n"},
		{"fc 1 2", "echo ONE\nONE\nprintf '%s\\n' ONE two\nONE\ntwo\n"},
		{"fc -e false 1; echo rc=$?", "rc=1\n"},
		{"fc -l", "1\t echo one\n2\t printf '%s\\n' one two\n3\t echo ONE\n4\t echo ONE\n5\t printf '%s\\n' ONE two\n"},
	}
	for _, st := range steps {
		if out := runLine(s, st.line); out != st.out {
			t.Errorf("%q: got %q, want %q", st.line, out, st.out)
		}
	}
	line := "fc -e " + asking + " 1"
	s.SendLine(line)
	typed(s, line)
	job := s.WaitJobForeground()
	s.Ctrl('Z')
	s.Expect(`Stopped +fc -e`)
	s.ExpectPrompt()
	s.SendLine("fg")
	typed(s, "fg")
	if again := s.WaitJobForeground(); again != job {
		t.Errorf("fg gave the terminal to %d, the editor was %d", again, job)
	}
	s.SendLine("1")
	if out := untilPrompt(s); !regexp.MustCompile(`echo 1\n1\n$`).MatchString(out) {
		t.Errorf("after fg and the editor's answer: %q", out)
	}
	if out := runLine(s, "fc -l -1"); out != "8\t echo 1\n" { // after 7, fg
		t.Errorf("the edited command is not the newest entry: %q", out)
	}
}

// history -w writes the list to HISTFILE, -r reads a file into the list,
// -n reads what another shell appended, -a appends to another file.
func TestInteractiveHistoryFileOptions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	hist := filepath.Join(dir, "hist")
	s := startEditing(t, SessionConfig{Env: []string{"HISTFILE=" + hist}})
	runLine(s, "echo a")
	runLine(s, "history -w")
	if data, err := os.ReadFile(hist); err != nil || string(data) != "echo a\nhistory -w\n" {
		t.Errorf("after history -w the file holds %q, %v", data, err)
	}
	if err := os.WriteFile(hist, []byte("x1\nx2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	runLine(s, "history -c")
	runLine(s, "history -r")
	// The file has the lines typed since it was replaced: each line is
	// appended to HISTFILE as it is entered.
	if out := runLine(s, "history"); !regexp.MustCompile(`^ +\d+  history -r\n +\d+  x1\n +\d+  x2\n +\d+  history -c\n +\d+  history -r\n +\d+  history\n$`).MatchString(out) {
		t.Errorf("after history -c and -r: %q", out)
	}
	// Another shell appends an entry; -n reads it, and not this shell's
	// own lines, which are in the file too.
	f, err := os.OpenFile(hist, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("from elsewhere\n")
	f.Close()
	runLine(s, "history -n")
	if out := runLine(s, "history 3"); !regexp.MustCompile(`^ +\d+  history -n\n +\d+  from elsewhere\n +\d+  history 3\n$`).MatchString(out) {
		t.Errorf("after history -n: %q", out)
	}
	if out := runLine(s, "history -a /nonexistent/f; echo rc=$?"); out != "gosh: history: /nonexistent/f: cannot create: No such file or directory\nrc=1\n" {
		t.Errorf("history -a to a missing directory: %q", out)
	}
	// history -a FILE appends the entries added since the last -a (the
	// first time, since the start: here, since history -c; bash's count,
	// which entries read by -r and -n shift, as in bash).
	other := filepath.Join(dir, "other")
	runLine(s, "history -a "+other)
	first, err := os.ReadFile(other)
	if err != nil || !regexp.MustCompile(`^history\n(.*\n)*history -a `+regexp.QuoteMeta(other)+`\n$`).Match(first) {
		t.Errorf("history -a FILE: %q, %v", first, err)
	}
	runLine(s, "echo new")
	runLine(s, "history -a "+other)
	want := string(first) + "echo new\nhistory -a " + other + "\n"
	if data, err := os.ReadFile(other); err != nil || string(data) != want {
		t.Errorf("history -a FILE again: %q, %v; want %q", data, err, want)
	}
}
