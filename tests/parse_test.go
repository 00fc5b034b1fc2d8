package tests

// Reading as the script runs, and bash's decisions at read time: the
// shell reads one command (a line, with what it continues onto), runs it,
// then reads the next; aliases, let, (( and function definitions are read
// as bash reads them.

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestParseAsYouGo(t *testing.T) {
	runScriptCases(t, []scriptCase{
		{name: "syntax error after output", viaStdin: true, script: "echo one\necho two; fi\necho three\n",
			wantOut: "one\n", wantErr: exactly("gosh: stdin:2:11: syntax error: `fi` can only be used to end an `if`\n"), wantStatus: 2},
		{name: "alias on the same line is not expanded", script: "alias x='echo hi'; x",
			wantErr: contains("x: command not found"), wantStatus: 127},
		{name: "alias applies from the next line", script: "alias x='echo hi'\nx",
			wantOut: "hi\n"},
		{name: "alias inside eval is read as eval reads", script: "eval \"alias y='echo in'\ny\"; y 2>/dev/null; echo $?",
			wantOut: "in\n127\n"},
		{name: "function body keeps the aliases of its reading", viaStdin: true,
			script:  "f() { x; }\nalias x='echo hi'\nf 2>/dev/null || echo missing\ng() { x; }\nalias x='echo changed'; g\n",
			wantOut: "missing\nhi\n"},
		{name: "eval runs up to its error", script: "eval 'echo a\nfi'; echo $?",
			wantOut: "a\n2\n", wantErr: contains("syntax error")},
		{name: "set -e acts on an alias to a group whose redirection fails", script: "set -e\nalias zz='{ echo 1; }'\nzz > /\necho not reached",
			wantErr: contains("Is a directory"), wantStatus: 1},
		{name: "set -v shows each line as it is read", script: "set -v\n# c\n\necho a; eval 'echo b'",
			wantOut: "a\nb\n", wantErr: exactly("# c\n\necho a; eval 'echo b'\necho b\n")},
		{name: "read shares stdin with the script", viaStdin: true, script: "read x\nhello\necho got $x\n",
			wantOut: "got hello\n"},
	})
}

func TestParseBashFallbacks(t *testing.T) {
	runScriptCases(t, []scriptCase{
		{name: "let -- is not a syntax error", script: "false && let --; echo ok", wantOut: "ok\n"},
		{name: "let with a redirection", script: "let x 1>&2; echo $?", wantOut: "1\n"},
		{name: "let assigns every word", script: `let "x=5" 'y = x*2'; echo $x $y`, wantOut: "5 10\n"},
		{name: "let status is the last value", script: `let "1+1"; echo $?; let 1 0; echo $?; let 0 1; echo $?`, wantOut: "0\n1\n0\n"},
		{name: "let words are expanded", script: `e='z = 6*7'; let "$e"; echo $z`, wantOut: "42\n"},
		{name: "(( that is not arithmetic", script: "((echo a; echo b) | cat)", wantOut: "a\nb\n"},
		{name: "$(( that is not arithmetic", script: "echo $((echo a) | tr a b) $((1+2)); ((echo c) )", wantOut: "b 3\nc\n"},
		{name: "(( arithmetic", script: "((x = 2 + 3)); echo $x", wantOut: "5\n"},
		{name: "function ends at its body before &&", script: "f() { echo body; } && echo after; f", wantOut: "after\nbody\n"},
		{name: "function in a pipeline is defined in the pipeline", script: "f() { :; } | cat; type f >/dev/null 2>&1; echo $?", wantOut: "1\n"},
		{name: "subshell body", script: "f() (echo sub) ; f", wantOut: "sub\n"},
		{name: "redirection after the body belongs to the definition", script: "f() { echo x; } >/dev/null && echo after; f; echo $?", wantOut: "after\n0\n"},
	})
}

// TestScriptFileErrors checks that a script file runs up to the line with
// a syntax error, which names the file, line and column.
func TestScriptFileErrors(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "s.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho one\nexec 3</dev/null 4</dev/null\necho two\nif then\necho three\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, status := run(t, scriptRun{Script: `"$0" "$1"; echo "status $?"; . "$1"; echo "dot $?"`, Args: []string{shellUnderTest(t), script}})
	wantErr := "gosh: " + script + ":5:1: syntax error: `if` must be followed by a statement list\n"
	if out != "one\ntwo\nstatus 2\none\ntwo\ndot 2\n" || !strings.HasPrefix(errOut, wantErr) || status != 0 {
		t.Errorf("got %q, %q, %d; want one two (twice), the error %q", out, errOut, status, wantErr)
	}
}

// TestScriptRunsAsLinesArrive writes a script to the shell a line at a time
// and waits for the output of each line before writing the next, so the
// shell must run a command before the rest of its input exists.
func TestScriptRunsAsLinesArrive(t *testing.T) {
	for _, args := range [][]string{nil, {"/dev/stdin"}} {
		t.Run("gosh "+strings.Join(args, " "), func(t *testing.T) {
			inR, inW, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			outR, outW, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(shellUnderTest(t), args...)
			cmd.Env = baseEnv(t.TempDir())
			cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, outW
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			inR.Close()
			outW.Close()
			defer func() {
				inW.Close()
				cmd.Process.Kill()
				cmd.Wait()
			}()
			lines := make(chan string)
			go func() {
				defer close(lines)
				sc := bufio.NewScanner(outR)
				for sc.Scan() {
					lines <- sc.Text()
				}
			}()
			expectLine := func(want string) {
				t.Helper()
				select {
				case got := <-lines:
					if got != want {
						t.Fatalf("output %q, want %q", got, want)
					}
				case <-time.After(timeout(defaultWait)):
					t.Fatalf("no %q within %v: the shell waits for more input before running a complete line", want, timeout(defaultWait))
				}
			}
			io.WriteString(inW, "echo one\n")
			expectLine("one")
			io.WriteString(inW, "for i in a b\ndo echo $i\n")
			io.WriteString(inW, "done; echo two\n")
			expectLine("a")
			expectLine("b")
			expectLine("two")
			inW.Close()
			if err := cmd.Wait(); err != nil {
				t.Errorf("shell: %v", err)
			}
		})
	}
}

// TestInteractiveReadTime checks the interactive shell reads a line as a
// script's line is read: an alias applies from the next line, and bash's
// fallbacks hold at the prompt too.
func TestInteractiveReadTime(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	for _, c := range []struct{ line, want string }{
		{"alias hi='echo hello'; hi there; echo st=$?", "gosh: hi: command not found\nst=127\n"},
		{"hi there", "hello there\n"},
		{"let 'x = 6*7' 1>&2; echo $x", "42\n"},
		{"((echo a; echo b) | cat)", "a\nb\n"},
		{"f() { echo body; } && echo after; f", "after\nbody\n"},
	} {
		if out := runLine(s, c.line); out != c.want {
			t.Errorf("%q: got %q, want %q", c.line, out, c.want)
		}
	}
}
