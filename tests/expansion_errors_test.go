package tests

import "testing"

// TestExpansionErrorsInScripts checks what an expansion error ends, as
// bash 5.2 does: a -c string, like a script read from stdin, abandons
// only the rest of the line for an arithmetic error, and exits for ${x?}
// and for unset variables under set -u.
func TestExpansionErrorsInScripts(t *testing.T) {
	const arith = "echo $((1/0)); echo same\necho after $?\nf() { x=$((2**-1)); echo no; }; f; echo no\necho end\n"
	cases := []struct {
		name, script, out string
		stdin             bool
		status            int
	}{
		{name: "arithmetic, -c", script: arith, out: "after 1\nend\n", status: 0},
		{name: "arithmetic, -c, last line", script: "echo $((1/0)); echo same", out: "", status: 1},
		{name: "arithmetic, stdin", script: arith, stdin: true, out: "after 1\nend\n", status: 0},
		{name: "${x?}, stdin", script: "echo ${x?gone}; echo same\necho after\n", stdin: true, out: "", status: 1},
		{name: "set -u, stdin", script: "set -u; echo $nope\necho after\n", stdin: true, out: "", status: 1},
		{name: "(( )) only fails", script: "(( 1/0 )); echo same $?\n", stdin: true, out: "same 1\n", status: 0},
		// An error in an integer variable's value: bash -c exits, a
		// script read from stdin goes on with its next line.
		{name: "declare -i, -c", script: "declare -i x='a b'; echo same\necho next $?\n", out: "", status: 1},
		{name: "declare -i, stdin", script: "declare -i x='a b'; echo same\necho next $?\n", stdin: true, out: "next 1\n", status: 0},
		{name: "local -i, stdin", script: "f() { local -i n='a b'; echo in; }\nf; echo same\necho end\n", stdin: true, out: "end\n", status: 0},
		{name: "integer assignment, stdin", script: "declare -i y; y='1 +'; echo same\necho next $?\n", stdin: true, out: "next 1\n", status: 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut string
			var status int
			if c.stdin {
				out, errOut, status = runShellStdin(t, c.script)
			} else {
				out, errOut, status = runShell(t, c.script)
			}
			if out != c.out || status != c.status {
				t.Errorf("stdout %q, want %q; status %d, want %d; stderr %q", out, c.out, status, c.status, errOut)
			}
			if errOut == "" {
				t.Errorf("no message on stderr")
			}
		})
	}
}
