package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// completionFile is sourced by TestProgrammableCompletion: completion
// functions written for bash, used unchanged.
const completionFile = `
svc() { echo "svc:$*"; }
_svc() { COMPREPLY=($(compgen -W "start stop status" -- "${COMP_WORDS[COMP_CWORD]}")); }
complete -F _svc svc

fn() { echo "fn:$*"; }
_fn() { local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$2")); }
complete -o filenames -F _fn fn
nf() { echo "nf:$*"; }
complete -F _fn nf

co() { echo "co:$*"; }
_co() { compopt -o nospace; COMPREPLY=(word); }
complete -F _co co

lg() { :; }
_lg() {
	printf '%s|' "$COMP_CWORD" "$COMP_POINT" "$COMP_LINE" "$COMP_TYPE" "$COMP_KEY" "$1" "$2" "$3" "${COMP_WORDS[@]}" > lg.out
	COMPREPLY=(cdone)
}
complete -F _lg lg

cc() { echo "cc:$*"; }
complete -C 'printf "%s\n" cmd-$COMP_POINT-$COMP_CWORD; :' cc
`

// Programmable completion with bash's interface: complete -F with a
// function that calls compgen, -o filenames, compopt inside the function,
// -C, the COMP_ variables, and cd and pushd offering directories only.
func TestProgrammableCompletion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, d := range []string{"sub dir", "ddir"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range map[string]string{"sp ace": "", "dfile": "", "comp.bash": completionFile} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := startEditing(t, SessionConfig{Dir: dir})
	runLine(s, ". ./comp.bash")

	// The example of the issue: a second Tab lists the three words, in
	// order; "sto" completes to the one word, with a space.
	s.Send("svc st\t")
	s.Expect(`svc st`)
	s.Send("\t")
	s.Expect(`start +status +stop`)
	s.Ctrl('U')
	s.Send("sv")
	s.Expect(`sv`)
	s.Send("c sto\t")
	s.Expect(`svc stop `)
	if out := enter(s, "svc stop "); out != "svc:stop\n" {
		t.Errorf("svc sto<Tab>: %q", out)
	}

	// -o filenames: quoted, and a directory gets a slash and no space.
	s.Send("fn su\t")
	s.Expect(`fn sub\\ dir/`)
	s.Send("\r")
	s.Expect(`fn:sub dir/\n`)
	untilPrompt(s)
	s.Send("fn sp\t")
	s.Expect(`fn sp\\ ace `)
	if out := enter(s, `fn sp\ ace `); out != "fn:sp ace\n" {
		t.Errorf("fn sp<Tab>: %q", out)
	}
	// Without it the match goes in as it is.
	s.Send("nf sp\t")
	s.Expect(`nf sp ace `)
	if out := enter(s, "nf sp ace "); out != "nf:sp ace\n" {
		t.Errorf("nf sp<Tab>: %q", out)
	}

	// compopt in the function changes this completion: no space.
	s.Send("co w\t")
	s.Expect(`co word`)
	s.Send("X")
	if out := enter(s, "co wordX"); out != "co:wordX\n" {
		t.Errorf("compopt -o nospace: %q", out)
	}

	// -C runs a command with COMP_LINE, COMP_POINT, COMP_TYPE and COMP_KEY
	// in its environment (COMP_WORDS and COMP_CWORD are a function's).
	s.Send("cc x \t")
	s.Expect(`cc x cmd-5- `)
	if out := enter(s, "cc x cmd-5- "); out != "cc:x cmd-5-\n" {
		t.Errorf("-C: %q", out)
	}

	// The variables a function sees, as bash sets them; the status of the
	// last command survives the completion, and the variables are gone
	// after it.
	runLine(s, "false")
	s.Send("ls; lg a=b:c\t")
	s.Expect(`lg a=b:cdone `)
	s.Ctrl('U')
	s.Send("echo \"$?${COMP_WORDS[*]}$COMPREPLY$COMP_LINE\"")
	if out := enter(s, "echo \"$?${COMP_WORDS[*]}$COMPREPLY$COMP_LINE\""); out != "1\n" {
		t.Errorf("after completing: %q, want the status 1 and no COMP_ variables", out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "lg.out"))
	if want := "5|8|lg a=b:c|9|9|lg|c|:|lg|a|=|b|:|c|"; err != nil || string(data) != want {
		t.Errorf("the function saw %q (%v), want %q", data, err, want)
	}

	// cd and pushd offer directories only.
	s.Send("cd d\t")
	s.Expect(`cd ddir/`)
	s.Ctrl('U')
	s.Send("pushd d\t")
	s.Expect(`pushd ddir/`)
	s.Ctrl('U')
	// Without cd a file is offered too: the first Tab inserts what the
	// two share.
	s.Send("cat d\t\t")
	s.Expect(`ddir/ +dfile`)
	s.Ctrl('U')

	// Listings show names as bash does: file names plain, not quoted (what
	// goes in stays quoted), and matches that do not start with the word.
	s.Send("ls s\t")
	s.Expect(`ls s`)
	s.Send("\t")
	s.Expect(`\nsp ace +sub dir/ *\n`)
	s.Expect(`GOSH\$ ls s`)
	s.Ctrl('U')
	runLine(s, `other() { echo "other:$*"; }; _other() { COMPREPLY=(foo bar baz); }; complete -F _other other`)
	s.Send("other x\t")
	s.Expect(`other x`)
	s.Send("\t")
	s.Expect(`\nbar +baz +foo *\n`)
	s.Expect(`GOSH\$ other x`)
	if out := enter(s, "other x"); out != "other:x\n" {
		t.Errorf("other x after the listing: %q", out)
	}

	if out := runLine(s, "complete -p svc fn; compgen -W 'start stop status' -- sta"); !strings.Contains(out, "complete -F _svc svc\ncomplete -o filenames -F _fn fn\nstart\nstatus\n") {
		t.Errorf("complete -p and compgen: %q", out)
	}
}

// A -D function that loads a specification and returns 124, as
// bash-completion's loader does, gets completion to start again with it;
// -E completes the empty line and -I the first word.
func TestCompletionLoader(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	runLine(s, `_load() { complete -W "alpha beta" "$1"; return 124; }; complete -D -F _load`)
	runLine(s, `complete -E -W "empty-line"; complete -I -W "firstword"`)
	s.Send("anything al\t")
	s.Expect(`anything alpha `)
	s.Ctrl('U')
	s.Send("\t")
	s.Expect(`empty-line `)
	s.Ctrl('U')
	s.Send("fi\t")
	s.Expect(`firstword `)
	s.Ctrl('U')
	if out := runLine(s, "complete -p anything"); out != "complete -W 'alpha beta' anything\n" {
		t.Errorf("the loader's specification: %q", out)
	}
	// A single match that does not extend the word replaces it, as in bash.
	runLine(s, `_rep() { COMPREPLY=(replaced); }; complete -F _rep rep`)
	s.Send("rep xyz tail")
	s.Expect(`rep xyz tail`)
	s.Ctrl('B')
	s.Ctrl('B')
	s.Ctrl('B')
	s.Ctrl('B')
	s.Ctrl('B')
	s.Send("\t")
	s.Expect(`rep replaced  tail`)
	s.Ctrl('E')
	s.Ctrl('U')
	// A pipeline stage is a process of its own: the table goes with it.
	if out := runLine(s, "complete -p | grep alpha | cat"); out != "complete -W 'alpha beta' anything\n" {
		t.Errorf("complete -p in a pipeline: %q", out)
	}
}

// ^C interrupts a completion function that never ends, and a -C command,
// which it kills (a foreground job of its own, where bash's shares the
// shell's process group and dies the same): the
// completion and the line are abandoned, a fresh prompt comes, and it
// works. The function says on the screen that it runs; the command is
// seen in /proc.
func TestCompletionInterrupted(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	runLine(s, `_spin() { echo spinning >&2; while :; do :; done; }; complete -F _spin spin`)
	runLine(s, `complete -C 'sleep 1000; :' hang; complete -C '{ echo looping >&2; while :; do :; done; }; :' loop`)

	s.Send("spin x\t")
	s.Expect(`spinning`)
	s.Ctrl('C')
	freshPrompt(s)
	if out := runLine(s, "echo ok"); out != "ok\n" {
		t.Errorf("echo ok after ^C in a completion function: %q", out)
	}

	s.Send("hang y\t")
	s.Expect(`hang y`)
	var sleeper ProcStat
	pollUntil(t, "the -C command to run", func() (bool, string) {
		for _, p := range descendants(s.ShellPid()) {
			if p.Comm == "sleep" {
				sleeper = p
				return true, p.String()
			}
		}
		return false, fmt.Sprint(descendants(s.ShellPid()))
	})
	s.Ctrl('C')
	freshPrompt(s)
	waitGone(t, sleeper.Pid)
	if out := runLine(s, "echo ok"); out != "ok\n" {
		t.Errorf("echo ok after ^C in a completion command: %q", out)
	}
	// A -C command that is shell code loops in a subshell of the shell.
	s.Send("loop z\t")
	s.Expect(`looping`)
	s.Ctrl('C')
	freshPrompt(s)
	if out := runLine(s, "echo ok"); out != "ok\n" {
		t.Errorf("echo ok after ^C in a looping completion command: %q", out)
	}
	// The shell is still there and the next lines run in full: the ^C
	// did not stay pending to abandon a later line.
	if out := runLine(s, "echo a; echo b"); out != "a\nb\n" {
		t.Errorf("a line after the interrupted completions: %q", out)
	}
}

// freshPrompt waits for the prompt of a new line: the editor's mark comes
// before it (a redraw of the abandoned line shows the prompt too).
func freshPrompt(s *Session) {
	s.t.Helper()
	s.Expect(regexp.QuoteMeta(promptMark))
	untilPrompt(s)
}
