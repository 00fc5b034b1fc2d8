package tests

// End-to-end tests of gosh as an interactive shell with line editing: keys
// typed on a pseudo-terminal with TERM=xterm and their effects, history
// files, completion, prompts, continuation lines, startup files, window
// size changes, and the terminal handed back and forth between the line
// editor and jobs.
//
// The line editor redraws the prompt and the line on every key, so a test
// never waits for a bare prompt after typing: it waits for the echo of the
// whole line followed by Enter's newline (typed), then for the output, then
// for the prompt that follows it.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// startEditing starts gosh with line editing (TERM=xterm) and waits for its
// first prompt, which is cfg.Prompt unless shown says what it looks like.
func startEditing(t *testing.T, cfg SessionConfig, shown ...string) *Session {
	t.Helper()
	if cfg.Term == "" {
		cfg.Term = "xterm"
	}
	s := startSession(t, cfg)
	if len(shown) > 0 {
		s.Prompt = shown[0]
	}
	s.ExpectPrompt()
	return s
}

// enter types Enter after a line that the editor shows as echo, and
// returns the output.
func enter(s *Session, echo string) string {
	s.t.Helper()
	s.Send("\r")
	typed(s, echo)
	return untilPrompt(s)
}

// promptMark starts what the line editor writes before each prompt (see
// lineedit's markPartialLine).
const promptMark = "\x1b[7m%"

// typed waits until the line editor has echoed line and the newline of
// Enter: the last redraw of a line is followed by "\n".
func typed(s *Session, line string) {
	s.t.Helper()
	s.Expect(regexp.QuoteMeta(line) + `\n`)
}

// runLine types line and Enter, and returns the output that follows, up to the
// next prompt, without the editor's escape sequences.
func runLine(s *Session, line string) string {
	s.t.Helper()
	s.SendLine(line)
	typed(s, line)
	return untilPrompt(s)
}

// untilPrompt returns the output up to the next prompt, cleaned.
func untilPrompt(s *Session) string {
	s.t.Helper()
	out := s.ExpectPrompt()
	if i := strings.Index(out, promptMark); i >= 0 {
		out = out[:i]
	}
	return stripANSI(out)
}

var ansiRE = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]|\r`)

func stripANSI(s string) string { return ansiRE.ReplaceAllString(s, "") }

// Emacs keys: ^A ^E ^B ^K ^U ^W ^Y, meta-b, UTF-8 and wide characters, a
// line longer than the terminal.
func TestInteractiveEditingKeys(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})

	s.Send("echo abc")
	s.Ctrl('A')
	s.SendLine("x")
	typed(s, "xecho abc")
	if out := untilPrompt(s); !strings.Contains(out, "xecho: command not found") {
		t.Errorf("^A then x: got %q", out)
	}

	s.Send("garbage here")
	s.Ctrl('U')
	if out := runLine(s, "echo U1"); out != "U1\n" {
		t.Errorf("^U: got %q", out)
	}

	s.Send("echo K1 tail")
	for range len(" tail") {
		s.Ctrl('B')
	}
	s.Ctrl('K')
	s.Send(" end")
	if out := enter(s, "echo K1 end"); out != "K1 end\n" {
		t.Errorf("^B ^K: got %q", out)
	}

	// ^W kills back to whitespace, as in bash: all of foo-bar.
	s.Send("echo W1 foo-bar")
	s.Ctrl('W')
	if out := enter(s, "echo W1 "); out != "W1\n" {
		t.Errorf("^W: got %q", out)
	}
	s.Send("echo Y1 abc")
	s.Ctrl('W')
	s.Ctrl('Y')
	s.Ctrl('Y')
	if out := enter(s, "echo Y1 abcabc"); out != "Y1 abcabc\n" {
		t.Errorf("^W ^Y ^Y: got %q", out)
	}
	s.Send("two")
	s.Ctrl('A')
	s.Send("echo ")
	s.Ctrl('E')
	s.Send(" three")
	s.Send("\x1bb") // meta-b: back to "three"
	s.Send("and ")
	if out := enter(s, "echo two and three"); out != "two and three\n" {
		t.Errorf("^A ^E meta-b: got %q", out)
	}

	// UTF-8 and double-width characters are edited as characters.
	s.Send("echo 日本語x")
	s.Send("\x7f") // backspace removes x, not a byte of 語
	s.Ctrl('B')
	s.Send("é")
	if out := enter(s, "echo 日本é語"); out != "日本é語\n" {
		t.Errorf("wide characters: got %q", out)
	}

	// A line that wraps: editing at its start still works.
	long := strings.Repeat("a", 150)
	s.Send("cho " + long)
	s.Ctrl('A')
	s.Send("e")
	s.Send("\r")
	s.Expect("\n" + long + `\n`)
	untilPrompt(s)

	// ^L clears the screen and redraws the line being typed.
	s.Send("echo L1")
	s.Ctrl('L')
	s.Expect(`\x1b\[H`)
	if out := enter(s, "echo L1"); out != "L1\n" {
		t.Errorf("^L: got %q", out)
	}
}

// ^C at the prompt abandons the line and sets $? to 130; ^Z at an idle
// prompt does nothing, and the shell keeps the terminal.
func TestInteractiveCtrlCCtrlZ(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	s.Send("echo never")
	s.Expect("echo never")
	s.Ctrl('C')
	s.Expect(`\^C\n`)
	untilPrompt(s)
	if out := runLine(s, "echo status=$?"); out != "status=130\n" {
		t.Errorf("after ^C: %q", out)
	}

	s.Send("echo Z")
	s.Ctrl('Z')
	s.Send("1")
	if out := enter(s, "echo Z1"); out != "Z1\n" {
		t.Errorf("^Z inside a line: %q", out)
	}
	s.Ctrl('Z')
	if st, _, _, _, _ := procStat(s.ShellPid()); st == 'T' {
		t.Fatalf("^Z stopped the shell")
	}
	if fg := s.ForegroundPgrp(); fg != s.ShellPid() {
		t.Fatalf("after ^Z at the prompt the terminal belongs to %d, not the shell %d", fg, s.ShellPid())
	}
	// The ^Z left no trace: the next job gets every key typed to it.
	catGetsEverything(t, s)
	// And a ^C typed at the prompt does not steal the job's keys either.
	s.Ctrl('C')
	untilPrompt(s)
	catGetsEverything(t, s)
}

// catGetsEverything runs cat and checks that it reads every byte typed once
// it runs: the line editor must not read the terminal between lines.
func catGetsEverything(t *testing.T, s *Session) {
	t.Helper()
	s.SendLine("cat")
	typed(s, "cat")
	pg := s.WaitJobForeground()
	waitGroup(t, pg, "cat")
	s.SendLine("hello")
	s.Expect(`hello\nhello\n`) // the terminal's echo, then cat's copy
	s.Ctrl('D')
	untilPrompt(s)
	s.WaitShellForeground()
}

// Two shells append to one history file at the same time; neither loses an
// entry. The file is created 0600 and a multi-line command is one entry.
func TestInteractiveHistoryFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	hist := filepath.Join(dir, "hist")
	env := []string{"HISTFILE=" + hist}
	var sessions [2]*Session
	var wg sync.WaitGroup
	for i := range sessions {
		sessions[i] = startEditing(t, SessionConfig{Env: env})
	}
	for i, s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range 5 {
				// Both shells type at once; nothing orders their writes.
				s.SendLine(fmt.Sprintf("echo s%d-%d", i, n))
			}
		}()
	}
	wg.Wait()
	for i, s := range sessions {
		s.Expect(fmt.Sprintf(`(?s)\ns%d-4\n`, i))
		untilPrompt(s)
	}
	s := sessions[0]
	s.SendLine("for i in 1 2")
	s.Expect("> ")
	if out := runLine(s, "do echo i$i; done"); out != "i1\ni2\n" {
		t.Errorf("for loop: %q", out)
	}
	data, err := os.ReadFile(hist)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		for n := range 5 {
			if want := fmt.Sprintf("echo s%d-%d\n", i, n); !strings.Contains(string(data), want) {
				t.Errorf("history file lacks %q:\n%s", want, data)
			}
		}
	}
	if !strings.HasSuffix(string(data), "for i in 1 2\\\ndo echo i$i; done\n") {
		t.Errorf("multi-line entry not at the end, encoded:\n%s", data)
	}
	if fi, err := os.Stat(hist); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("history file mode: %v %v", fi.Mode(), err)
	}

	// A new shell reads the file: the entries are there, the multi-line one
	// whole, and up-arrow recalls it as one line.
	s2 := startEditing(t, SessionConfig{Env: env})
	out := runLine(s2, "history 2")
	if !regexp.MustCompile(`(?s)^ +\d+  for i in 1 2\ndo echo i\$i; done\n +\d+  history 2\n$`).MatchString(out) {
		t.Errorf("history 2 in a new shell: %q", out)
	}
	s2.Send("\x1b[A\x1b[A")
	s2.Send("\r")
	s2.Expect(`for i in 1 2; do echo i\$i; done\n`)
	if out := untilPrompt(s2); out != "i1\ni2\n" {
		t.Errorf("recalled loop: %q", out)
	}
}

// history N, history -c, HISTCONTROL, ^R, \! and \#.
func TestInteractiveHistoryBuiltin(t *testing.T) {
	t.Parallel()
	hist := filepath.Join(t.TempDir(), "hist")
	s := startEditing(t, SessionConfig{Prompt: `[\!:\#]$ `, Env: []string{"HISTFILE=" + hist, "HISTCONTROL=ignoreboth"}}, "]$ ")
	runLine(s, "echo one")
	runLine(s, "echo one")     // a duplicate: not recorded
	runLine(s, " echo secret") // a leading space: not recorded
	out := runLine(s, "history")
	if !regexp.MustCompile(`^ +1  echo one\n +2  history\n$`).MatchString(out) {
		t.Errorf("history with ignoreboth: %q", out)
	}
	if out := runLine(s, "echo $HISTSIZE $HISTFILESIZE"); out != "500 500\n" {
		t.Errorf("HISTSIZE HISTFILESIZE defaults: %q", out)
	}
	// The prompt shows the next history number and the command number.
	s.SendLine("true")
	s.Expect(`\[5:7\]\$ `)
	runLine(s, "history -c")
	out = runLine(s, "history")
	if !regexp.MustCompile(`^ +\d+  history\n$`).MatchString(out) {
		t.Errorf("history after -c: %q", out)
	}
	runLine(s, "echo alpha")
	runLine(s, "echo beta")
	out = runLine(s, "history 2")
	if !regexp.MustCompile(`^ +\d+  echo beta\n +\d+  history 2\n$`).MatchString(out) {
		t.Errorf("history 2: %q", out)
	}
	// ^R finds the last line containing "alp".
	s.Ctrl('R')
	s.Send("alp")
	s.Expect("echo alpha")
	s.Send("\r")
	s.Expect(`(?m)^alpha\n`)
	untilPrompt(s)
	data, _ := os.ReadFile(hist)
	if strings.Contains(string(data), "secret") {
		t.Errorf("an ignored line reached the file:\n%s", data)
	}
}

// Tab completion of files (with spaces), directories, commands, variables
// and job specs; a second Tab lists the candidates.
func TestInteractiveCompletion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, content := range map[string]string{"space file.txt": "S1\n", "other.txt": "O1\n", "dir1/a": "", "dir2/b": ""} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := startEditing(t, SessionConfig{Dir: dir})

	s.Send("cat spa\t")
	s.Expect(`cat space\\ file\.txt `)
	s.Send("\r")
	s.Expect(`S1\n`)
	untilPrompt(s)

	s.Send("cat \"oth\t")
	s.Expect(`cat "other\.txt" `)
	s.Send("\r")
	s.Expect(`O1\n`)
	untilPrompt(s)

	// Two directories: the first Tab adds the common "dir", the second
	// lists both.
	s.Send("ls d\t")
	s.Expect(`ls dir`)
	s.Send("\t")
	s.Expect(`dir1/ +dir2/`)
	s.Ctrl('U')

	s.Send("ech\t")
	s.Expect(`echo `)
	s.Send("C1")
	if out := enter(s, "echo C1"); out != "C1\n" {
		t.Errorf("command completion: %q", out)
	}

	s.Send("echo $HO\t")
	s.Expect(`echo \$HOME/`)
	s.Send("\r")
	s.Expect(`\n/\S+/\n`)
	untilPrompt(s)

	s.SendLine("sleep 1000 &")
	s.Expect(`\[1\] \d+\n`)
	untilPrompt(s)
	s.Send("fg %\t")
	s.Expect(`fg %1 `)
	s.Ctrl('U')
	runLine(s, "kill %1")
}

// Prompt escapes, and colours inside \[ \] that reach the terminal without
// the markers.
func TestInteractivePromptEscapes(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{
		Prompt: `<\u|\h|\w|\W|\$|\s|\j|\[\e[1;32m\]G\[\e[0m\]> `,
		Env:    []string{"USER=tester"},
	}, "> ")
	host, _ := os.Hostname()
	host, _, _ = strings.Cut(host, ".")
	sign := "$"
	if os.Geteuid() == 0 {
		sign = "#"
	}
	// The colour reaches the terminal, the \[ \] markers do not.
	want := fmt.Sprintf("<tester|%s|/tmp|tmp|%s|gosh|1|\x1b[1;32mG\x1b[0m> ", host, sign)
	s.SendLine("cd /tmp; sleep 100 &")
	s.Expect(`\[1\] \d+\n`)
	s.Expect(regexp.QuoteMeta(want))
	// The editor measures the prompt without the colour: ^A goes back to
	// the first character typed, so x lands before "echo".
	s.Send("echo abc")
	s.Ctrl('A')
	s.Send("x")
	s.Expect(regexp.QuoteMeta("\x1b[0m> xecho abc"))
	s.Ctrl('E')
	s.Ctrl('U')
	runLine(s, "kill %1")
}

// Continuation lines with PS2, and a syntax error that keeps the shell.
func TestInteractiveContinuation(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	for _, c := range []struct {
		lines []string
		want  string
	}{
		{[]string{`echo "a`, `b"`}, "a\nb\n"},
		{[]string{"if true", "then echo T", "fi"}, "T\n"},
		{[]string{"echo P |", "tr P Q"}, "Q\n"},
		{[]string{`echo a\`, "b"}, "ab\n"},
		{[]string{"cat <<EOF", "H1", "EOF"}, "H1\n"},
		{[]string{"true &&", "echo AND"}, "AND\n"},
	} {
		for _, l := range c.lines[:len(c.lines)-1] {
			s.SendLine(l)
			s.Expect(regexp.QuoteMeta(l) + `\n(.|\n)*> `)
		}
		if out := runLine(s, c.lines[len(c.lines)-1]); out != c.want {
			t.Errorf("%q: got %q, want %q", c.lines, out, c.want)
		}
	}
	if out := runLine(s, "echo )"); !strings.Contains(out, "syntax error") {
		t.Errorf("syntax error: %q", out)
	}
	if out := runLine(s, "echo $?"); out != "2\n" {
		t.Errorf("$? after a syntax error: %q", out)
	}
	// ^D inside an unfinished command reports it and keeps the shell.
	s.SendLine(`echo "open`)
	s.Expect("> ")
	s.Ctrl('D')
	untilPrompt(s)
	if out := runLine(s, "echo still $?"); out != "still 2\n" {
		t.Errorf("after ^D in a continuation: %q", out)
	}
}

// A window size change shows in COLUMNS and LINES.
func TestInteractiveWinch(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	if out := runLine(s, "echo $COLUMNS $LINES"); out != "80 24\n" {
		t.Errorf("before: %q", out)
	}
	rc, err := s.master.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var ioErr error
	rc.Control(func(fd uintptr) {
		ioErr = unix.IoctlSetWinsize(int(fd), unix.TIOCSWINSZ, &unix.Winsize{Row: 30, Col: 100})
	})
	if ioErr != nil {
		t.Fatal(ioErr)
	}
	if out := runLine(s, "echo $COLUMNS $LINES"); out != "100 30\n" {
		t.Errorf("after the resize: %q", out)
	}
}

// A trap runs while a line is being typed, and the line survives; SIGHUP at
// the prompt ends the shell.
func TestInteractiveSignalsAtPrompt(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	runLine(s, "trap 'echo TRAPPED' USR1")
	s.Send("echo par")
	s.Expect("echo par")
	syscall.Kill(s.ShellPid(), syscall.SIGUSR1)
	s.Expect(`TRAPPED\n`)
	s.Expect("echo par")
	s.Send("tial")
	if out := enter(s, "echo partial"); out != "partial\n" {
		t.Errorf("line after a trap: %q", out)
	}
	s.SendLine("sleep 1000 &")
	pid := s.ExpectMatch(`\[1\] (\d+)\n`)[1]
	untilPrompt(s)
	syscall.Kill(s.ShellPid(), syscall.SIGHUP)
	if st := s.WaitExit(); st != 128+int(syscall.SIGHUP) {
		t.Errorf("exit status after SIGHUP: %d", st)
	}
	n, _ := strconv.Atoi(pid)
	waitExited(t, n) // the hang-up reached the job
}

// The terminal going away (the master closed) ends the shell and hangs up
// its jobs, while the line editor is reading.
func TestInteractiveTerminalHangUp(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	s.SendLine("sleep 1000 &")
	pid, _ := strconv.Atoi(s.ExpectMatch(`\[1\] (\d+)\n`)[1])
	untilPrompt(s)
	waitGroup(t, pid, "sleep")
	s.Send("echo typing")
	s.Expect("echo typing")
	s.master.Close()
	s.WaitExit()
	waitExited(t, pid)
}

// ^D exits; ignoreeof refuses with bash's message; logout works in a login
// shell only.
func TestInteractiveExit(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	if out := runLine(s, "logout"); !strings.Contains(out, "logout: not login shell: use `exit'") {
		t.Errorf("logout in a non-login shell: %q", out)
	}
	runLine(s, "set -o ignoreeof")
	s.Ctrl('D')
	s.Expect(`Use "exit" to leave the shell\.\n`)
	untilPrompt(s)
	runLine(s, "set +o ignoreeof")
	s.Ctrl('D')
	if st := s.WaitExit(); st != 0 {
		t.Errorf("^D: exit status %d", st)
	}

	// Debian's /etc/profile sets PS1 to "$ " or "# ".
	l := startEditing(t, SessionConfig{Args: []string{"-l", "--norc", "-i"}}, " ")
	l.SendLine("logout 7")
	if st := l.WaitExit(); st != 7 {
		t.Errorf("logout 7 in a login shell: status %d", st)
	}
}

// The startup files each kind of shell reads, in order, with a temporary
// HOME. Every file appends its name to $HOME/log.
func TestInteractiveStartupFiles(t *testing.T) {
	t.Parallel()
	gosh := shellUnderTest(t)
	for _, c := range []struct {
		name  string
		args  []string // nil: run as -gosh (argv[0] starting with -)
		files []string // startup files present in HOME
		env   []string
		want  string
	}{
		{"interactive", []string{"-i"}, []string{".gosh_profile", ".goshrc"}, nil, ".goshrc\n"},
		{"ENV", []string{"-i"}, []string{".goshrc", "envfile"}, []string{"ENV=$HOME/envfile"}, "envfile\n"},
		{"login", []string{"-l", "-i"}, []string{".gosh_profile", ".profile", ".goshrc", "envfile"}, []string{"ENV=$HOME/envfile"}, ".gosh_profile\n.goshrc\n"},
		{"login .profile", []string{"--login", "-i"}, []string{".profile", ".goshrc"}, nil, ".profile\n.goshrc\n"},
		{"argv0", nil, []string{".profile", ".goshrc"}, nil, ".profile\n.goshrc\n"},
		{"noprofile", []string{"-l", "--noprofile", "-i"}, []string{".profile", ".goshrc"}, nil, ".goshrc\n"},
		{"norc", []string{"--norc", "-i"}, []string{".profile", ".goshrc"}, nil, ""},
		{"rcfile", []string{"--rcfile", "rc2", "-i"}, []string{".goshrc", "rc2"}, nil, "rc2\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			home := t.TempDir()
			for _, f := range c.files {
				src := fmt.Sprintf("echo %s >> \"$HOME/log\"\nPS1='%s'\n", f, defaultPrompt)
				if err := os.WriteFile(filepath.Join(home, f), []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cfg := SessionConfig{Args: c.args, Dir: home, Env: append([]string{"HOME=" + home}, c.env...)}
			if c.args == nil {
				cfg.Shell = "/bin/bash"
				cfg.Args = []string{"-c", "exec -a -gosh " + gosh + " -i"}
			}
			for i, a := range cfg.Args {
				if a == "rc2" {
					cfg.Args[i] = filepath.Join(home, "rc2")
				}
			}
			for i, e := range cfg.Env {
				cfg.Env[i] = strings.ReplaceAll(e, "$HOME", home)
			}
			// Every file sets PS1 to the harness's prompt, so the prompt
			// is the same whichever ran (none runs in the norc case).
			s := startSession(t, cfg)
			s.ExpectPrompt()
			data, _ := os.ReadFile(filepath.Join(home, "log"))
			if string(data) != c.want {
				t.Errorf("startup files read: %q, want %q", data, c.want)
			}
		})
	}
}

// Debian's /etc/profile and a typical ~/.profile (PATH edits, [ -d ],
// a loop sourcing profile.d/*.sh, umask) source without an error.
func TestInteractiveProfileSourcesCleanly(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, "bin"), 0o755)
	os.MkdirAll(filepath.Join(home, ".profile.d"), 0o755)
	os.WriteFile(filepath.Join(home, ".profile.d", "a.sh"), []byte("A_SH=1\n"), 0o644)
	os.WriteFile(filepath.Join(home, ".profile.d", "b.sh"), []byte("B_SH=1\n"), 0o644)
	profile := `# ~/.profile
if [ -n "$BASH_VERSION" ]; then
    if [ -f "$HOME/.bashrc" ]; then
	. "$HOME/.bashrc"
    fi
fi
if [ -d "$HOME/bin" ] ; then
    PATH="$HOME/bin:$PATH"
fi
if [ -d "$HOME/.local/bin" ] ; then
    PATH="$HOME/.local/bin:$PATH"
fi
for i in "$HOME"/.profile.d/*.sh; do
  if [ -r "$i" ]; then
    . "$i"
  fi
done
unset i
umask 027
export EDITOR=vi
PS1='GOSH$ '
`
	os.WriteFile(filepath.Join(home, ".profile"), []byte(profile), 0o644)
	s := startSession(t, SessionConfig{Args: []string{"-l", "-i"}, Dir: home, Env: []string{"HOME=" + home}})
	before := s.ExpectPrompt()
	if strings.Contains(before, "gosh:") {
		t.Errorf("errors while reading the profiles:\n%s", before)
	}
	want := home + "/bin:"
	if out := lineOutput(s, `echo "$PATH|$A_SH$B_SH|$(umask)|$-"`); !strings.HasPrefix(out, want) || !strings.Contains(out, "|11|0027|") || !strings.Contains(out, "i") {
		t.Errorf("after the profiles: %q", out)
	}
}

// gosh -i with a pipe for stdin is interactive without line editing.
func TestInteractiveNonTerminalStdin(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(shellUnderTest(t), "-i")
	cmd.Env = baseEnv(t.TempDir(), "PS1=P> ", "TERM=xterm")
	cmd.Stdin = strings.NewReader("echo $-\nexit 3\n")
	out, err := cmd.CombinedOutput()
	if st := exitStatus(cmd.ProcessState); st != 3 {
		t.Errorf("exit status %d (%v)", st, err)
	}
	if !regexp.MustCompile(`(?m)^P> \S*i\S*\n`).Match(out) {
		t.Errorf("output: %q", out)
	}
}

// With PS1 unset, an interactive shell prompts with bash's \u@\h:\w\$ .
func TestInteractiveDefaultPrompt(t *testing.T) {
	t.Parallel()
	host, _ := os.Hostname()
	host, _, _ = strings.Cut(host, ".")
	sign := "$"
	if os.Geteuid() == 0 {
		sign = "#"
	}
	s := startSession(t, SessionConfig{
		Shell:  "/bin/bash",
		Args:   []string{"-c", "unset PS1; exec " + shellUnderTest(t) + " -i"},
		Env:    []string{"USER=tester"},
		Prompt: fmt.Sprintf("tester@%s:~%s ", host, sign),
	})
	s.ExpectPrompt()
}
