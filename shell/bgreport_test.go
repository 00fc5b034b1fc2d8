package shell

import (
	"bytes"
	"errors"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// reportPid is a pid in a kill report: after "name: line N: " or the five
// blanks of a pipeline's later line, right-aligned in five columns.
var reportPid = regexp.MustCompile(`(?m)^(\S+: line \d+: | {5}) *\d+ `)

// reportName is the shell's name before a kill report.
var reportName = regexp.MustCompile(`(?m)^\S+: line`)

// maskKillReports makes kill reports comparable between shells and runs:
// the shell's name becomes "SH" and each pid "PID".
func maskKillReports(stderr string) string {
	s := reportPid.ReplaceAllString(stderr, "${1}PID ")
	return reportName.ReplaceAllString(s, "SH: line")
}

// A script reports a background job a signal killed, as bash does, once it
// has waited for something: the line of the command that waited, the pid,
// the signal's description and the job's text; each process of a pipeline
// on a line of its own. Every job kills itself (sh -c 'kill -N $$'), after
// its exec, so the signal is the one named; where the report comes from a
// later command, the script first spins until the job is gone (kill -0
// fails only once the shell has reaped it), so that both shells have
// reaped it when that command runs.
func TestBackgroundKillReport(t *testing.T) {
	const gone = `while kill -0 $p 2>/dev/null; do :; done; `
	cases := []struct {
		name, src, out, err string
	}{
		{"wait pid", `sh -c 'kill -9 $$' & wait $!; echo $?`, "137\n",
			"SH: line 1: PID Killed                  sh -c 'kill -9 $$'\n"},
		{"wait job", `sh -c 'kill -9 $$' & p=$!; ` + gone + `wait %1; echo $?`, "137\n",
			"SH: line 1: PID Killed                  sh -c 'kill -9 $$'\n"},
		{"wait -n", `sh -c 'kill -9 $$' & p=$!; ` + gone + `wait -n; echo $?`, "137\n",
			"SH: line 1: PID Killed                  sh -c 'kill -9 $$'\n"},
		{"at the next foreground command", `sh -c 'kill -9 $$' & p=$!; ` + gone + `echo one; /bin/true; echo two`, "one\ntwo\n",
			"SH: line 1: PID Killed                  sh -c 'kill -9 $$'\n"},
		{"and at a foreground pipeline", `sh -c 'kill -9 $$' & p=$!; ` + gone + `/bin/true | /bin/true; echo $?`, "0\n",
			"SH: line 1: PID Killed                  sh -c 'kill -9 $$'\n"},
		{"two jobs, in order", `sh -c 'kill -9 $$' & a=$!; sh -c 'kill -SEGV $$' & b=$!; wait $a $b; echo $?`, "139\n",
			"SH: line 1: PID Killed                  sh -c 'kill -9 $$'\n" +
				"SH: line 1: PID Segmentation fault      sh -c 'kill -SEGV $$'\n"},
		{"core dumped", `sh -c 'ulimit -c unlimited; kill -ABRT $$' & wait $!; echo $?`, "134\n",
			"SH: line 1: PID Aborted                 (core dumped) sh -c 'ulimit -c unlimited; kill -ABRT $$'\n"},
		{"SIGTERM is not told", `sh -c 'kill -TERM $$' & wait $!; echo $?`, "143\n", ""},
		{"nor SIGPIPE", `sh -c 'kill -PIPE $$' & wait $!; echo $?`, "141\n", ""},
		{"nor a trapped signal", `trap 'echo t' USR1; sh -c 'kill -USR1 $$' & wait $!; echo $?`, "138\n", ""},
		{"but an untrapped one is", `trap 'echo t' USR1; sh -c 'kill -USR2 $$' & wait $!; echo $?`, "140\n",
			"SH: line 1: PID User defined signal 2   sh -c 'kill -USR2 $$'\n"},
		{"nor an exit", `sh -c 'exit 3' & wait $!; echo $?`, "3\n", ""},
		{"a pipeline's status is its last process's", `sh -c 'kill -9 $$' | true & wait %1; echo $?`, "0\n", ""},
		{"pipefail: each process on a line", `set -o pipefail; sh -c 'kill -9 $$' | sh -c 'exit 0' & wait %1; echo $?`, "137\n",
			"SH: line 1: PID Killed                  sh -c 'kill -9 $$'\n" +
				"     PID Done                    | sh -c 'exit 0'\n"},
		{"told once, then gone from jobs, its status kept for wait", `sh -c 'kill -9 $$' & p=$!; ` + gone + `/bin/true; jobs; /bin/true; wait $p; echo $?`, "137\n",
			"SH: line 1: PID Killed                  sh -c 'kill -9 $$'\n"},
		{"not in a command substitution", `x=$(sh -c 'kill -9 $$' & wait $!); echo "[$x]"`, "[]\n", ""},
	}
	// The line is that of the command that waited. bash's is too when the
	// job ends during that wait, but when its SIGCHLD handler has reaped
	// the job earlier, bash at times (1 run in 30) names the line before:
	// on one line the two agree.
	cases = append(cases, struct{ name, src, out, err string }{"on its line",
		"sh -c 'kill -9 $$' & p=$!\n" + gone + "\necho one\n/bin/true\necho two", "one\ntwo\n",
		"SH: line 4: PID Killed                  sh -c 'kill -9 $$'\n"})
	bash := bashPath(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, _ := runScript(t, c.src, "")
			if out != c.out || maskKillReports(errOut) != c.err {
				t.Errorf("%s\nstdout %q, want %q\nstderr %q, want %q", c.src, out, c.out, maskKillReports(errOut), c.err)
			}
		})
		if strings.Contains(c.src, "\n") {
			continue
		}
		t.Run(c.name+"/bash", func(t *testing.T) {
			cmd := exec.Command(bash, "-c", c.src)
			cmd.Dir = t.TempDir()
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Run(); err != nil && !errors.As(err, new(*exec.ExitError)) {
				t.Fatal(err)
			}
			if out.String() != c.out || maskKillReports(errb.String()) != c.err {
				t.Errorf("bash disagrees with the expectation:\n%s\nstdout %q, want %q\nstderr %q, want %q",
					c.src, out.String(), c.out, maskKillReports(errb.String()), c.err)
			}
		})
	}
}
