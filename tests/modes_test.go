package tests

import (
	"os"
	"path/filepath"
	"testing"
)

// The ways gosh runs a script, against the built binary.

func TestModes(t *testing.T) {
	runScriptCases(t, []scriptCase{
		{name: "-c with $0 and args", script: `echo "$0 $1 $#"`, args: []string{"name", "a", "b"}, wantOut: "name a 2\n"},
		{name: "stdin script", script: "echo one\necho two\n", viaStdin: true, wantOut: "one\ntwo\n"},
		{name: "-s args", script: `echo "$1-$2"`, viaStdin: true, args: []string{"x", "y"}, wantOut: "x-y\n"},
		{name: "read shares the script's stdin", script: "read line\nfirst line of data\necho \"got: $line\"\n", viaStdin: true, wantOut: "got: first line of data\n"},
		{name: "here-document on stdin", script: "cat <<EOF\nbody\nEOF\necho after\n", viaStdin: true, wantOut: "body\nafter\n"},
		{name: "stdin syntax error", script: "echo ok\nif then\necho never\n", viaStdin: true, wantOut: "ok\n", wantErr: contains("stdin:2:"), wantStatus: 2},
		{name: "-c syntax error has line and column", script: "echo ok\nif then", wantOut: "ok\n", wantErr: exactly("gosh: -c:2:1: syntax error: `if` must be followed by a statement list\n"), wantStatus: 2},
		// bash and dash read a line before they run any of it.
		{name: "-c syntax error stops its whole line", script: "echo no; if then", wantErr: exactly("gosh: -c:1:10: syntax error: `if` must be followed by a statement list\n"), wantStatus: 2},
		{name: "command not found", script: "echo a\nnosuch-gosh-cmd", wantOut: "a\n", wantErr: exactly("gosh: line 2: nosuch-gosh-cmd: command not found\n"), wantStatus: 127},
		{name: "exit status of a signal", script: `sh -c 'kill -KILL $$'; echo $?`, wantOut: "137\n", wantErr: contains(" Killed ")},
		{name: "set -o lists options", script: `set -o | grep -c pipefail`, wantOut: "1\n"},
		{name: "pipefail", script: `set -o pipefail; false | true; echo $?`, wantOut: "1\n"},
		{name: "background pid is real", script: `sleep 0.01 & kill -0 $! && echo alive; wait $!; echo $?`, wantOut: "alive\n0\n"},
		{name: "subshell state does not leak", script: `x=1; (x=2; exit 3); echo $? $x; echo a | { read y; echo "in:$y"; }; echo "out:$y"`, wantOut: "3 1\nin:a\nout:\n"},
		{name: "background compound is a process", script: `f() { echo "in f $1"; exit 4; }; f arg & wait $!; echo $?`, wantOut: "in f arg\n4\n"},
		{name: "exec replaces the shell", script: `exec echo replaced; echo never`, wantOut: "replaced\n"},
	})
}

func TestScriptFileModes(t *testing.T) {
	sh := shellUnderTest(t)
	dir := t.TempDir()
	script := filepath.Join(dir, "s.sh")
	if err := os.WriteFile(script, []byte("#!/usr/bin/env gosh\necho \"file $1\"\nexit 5\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	noShebang := filepath.Join(dir, "plain")
	if err := os.WriteFile(noShebang, []byte("echo plain $1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []scriptCase{
		{name: "file with args", script: sh + " " + script + " A", wantOut: "file A\n", wantStatus: 5},
		{name: "missing file", script: sh + " " + filepath.Join(dir, "none"), wantErr: contains("No such file or directory"), wantStatus: 127},
		{name: "ENOEXEC runs as a gosh script", script: noShebang + " B", wantOut: "plain B\n"},
		{name: "exec of a file without #! runs it as a script", script: "V=env exec " + noShebang + " C", wantOut: "plain C\n"},
		{name: "exec exports prefix assignments", script: "V=given exec " + sh + " -c 'echo $V'", wantOut: "given\n"},
		{name: "-n finds a syntax error", script: sh + " -n -c 'if then'", wantErr: contains("syntax error"), wantStatus: 2},
		{name: "-n runs nothing", script: sh + " -n -c 'echo never'", wantOut: ""},
		{name: "--version", script: sh + " --version", wantOut: "gosh version 0.1.0\n"},
	}
	runScriptCases(t, cases)
}
