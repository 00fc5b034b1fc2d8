package tests

import "testing"

// TestExecBuiltin runs exec through the built gosh, where it can replace
// the process: its options, exec with only redirections, and exec inside
// the subshells that run in-process in script mode (a pipeline stage, ( )
// and $( )), where it must end only the subshell, never the shell.
func TestExecBuiltin(t *testing.T) {
	cases := []struct {
		name, script, out string
		status            int
	}{
		{"argv0", `exec -a FOOPROC sh -c 'echo $0'`, "FOOPROC\n", 0},
		{"login argv0", `exec -l -a foo sh -c 'echo $0'`, "-foo\n", 0},
		{"clear environment", `X=1 exec -c env | wc -l`, "0\n", 0},
		{"double dash, redirections only", "exec -- 3>&1\necho kept >&3", "kept\n", 0},
		{"replaces the shell", `exec sh -c 'exit 7'; echo not reached`, "", 7},
		{"in a pipeline stage", `exec /bin/echo piped | cat; echo after`, "piped\nafter\n", 0},
		{"in a subshell", `(exec sh -c 'exit 3'); echo "status $?"`, "status 3\n", 0},
		{"in a command substitution", `x=$(exec echo hi; echo no); echo "$x"`, "hi\n", 0},
		{"options in a subshell", `echo a | (exec -a FOO sh -c 'echo $0; cat')`, "FOO\na\n", 0},
		{"not found in a subshell", `(exec no-such-command-gosh) 2>/dev/null; echo "status $?"`, "status 127\n", 0},
		{"bad option", `exec -q true 2>/dev/null; echo "status $?"`, "status 2\n", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, status := runShell(t, c.script)
			if out != c.out || status != c.status {
				t.Errorf("%s\nstdout %q, want %q\nstatus %d, want %d\nstderr %q", c.script, out, c.out, status, c.status, errOut)
			}
		})
	}
}
