package tests

import (
	"regexp"
	"testing"
)

// A script reports a foreground command that a signal killed, as bash
// does: nothing for SIGINT or SIGPIPE, or inside $(...); the signal's name
// for SIGTERM or a trapped signal; else the line, the pid (in five
// columns, bash's "%5ld"), the name and the command.
func TestScriptReportsKilledCommand(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		script string
		want   string // a regular expression for all of stderr
		status int
	}{
		{`sh -c 'kill -KILL $$'`, `^gosh: line 1: +\d+ Killed {18}sh -c kill -KILL \$\$\n$`, 137},
		{"true\nsh -c 'kill -SEGV $$'", `^gosh: line 2: +\d+ Segmentation fault {6}sh -c kill -SEGV \$\$\n$`, 139},
		{`sh -c 'kill -TERM $$'`, `^Terminated\n$`, 143},
		{`trap : USR2; sh -c 'kill -USR2 $$'`, `^User defined signal 2\n$`, 140},
		{`sh -c 'kill -INT $$'`, `^$`, 130},
		{`sh -c 'kill -PIPE $$'`, `^$`, 141},
		{`x=$(sh -c 'kill -KILL $$'); exit $?`, `^$`, 137},
		{`sh -c 'kill -KILL $$' | cat`, `^$`, 0},
	} {
		_, errOut, status := runShell(t, c.script)
		if !regexp.MustCompile(c.want).MatchString(errOut) || status != c.status {
			t.Errorf("%q: stderr %q, status %d; want %s, %d", c.script, errOut, status, c.want, c.status)
		}
	}
}
