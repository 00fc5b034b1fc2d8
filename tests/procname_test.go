package tests

// A re-executed subshell is named after the source text it runs: `jobs -l`
// lists that text (not "gosh --subshell 3"), ps shows "gosh: TEXT" as its
// arguments and TEXT as its command name (not "exe", after /proc/self/exe).

import "testing"

func TestSubshellProcessNames(t *testing.T) {
	runScriptCases(t, []scriptCase{
		{
			// The job is alive while jobs runs: it waits for sleep.
			name:    "jobs -l",
			script:  `set -m; (sleep 100; true) & jobs -l | sed 's/^.* Running *//'; kill %1`,
			wantOut: "(sleep 100; true) &\n",
		},
		{
			name:    "a pipeline's stages in jobs -l",
			script:  `set -m; { sleep 100; } | cat & jobs -l | sed 's/^.* Running *//'; kill %1`,
			wantOut: "{ sleep 100; }\n| cat &\n",
		},
		{
			// The subshell reads its own names: it has set them before it
			// runs anything.
			name:    "comm and argv",
			script:  `(cat /proc/$BASHPID/comm; tr '\0' '|' </proc/$BASHPID/cmdline; echo) & wait`,
			wantOut: "(cat /proc/$BAS\ngosh: (cat /proc/$BASHPID/comm; tr '\\0' '|' </proc/$BASHPID/cmdline; echo)|\n",
		},
		{
			name:    "no internal variable in the environment",
			script:  `(env | grep GOSH_SUBSHELL; echo "status $?") & wait`,
			wantOut: "status 1\n",
		},
	})
}
