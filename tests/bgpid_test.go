package tests

// $! after `cmd &` is the pid of the program that runs, whether its name
// is written out or known only once the words are expanded: no gosh sits
// between the shell and the program, so `kill $!` reaches the program and
// leaves nothing behind.

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// cmdline is /proc/PID/cmdline with its NULs shown as spaces.
func cmdline(t *testing.T, pid int) string {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err != nil {
		t.Fatalf("process %d: %v", pid, err)
	}
	return strings.ReplaceAll(string(b), "\x00", " ")
}

// TestBackgroundPidIsTheProgram runs in script mode: the script reads
// /proc itself, before and after the kill.
func TestBackgroundPidIsTheProgram(t *testing.T) {
	// The sleep's argument is unique to this run, so that the search for
	// what is left finds only what this script started.
	script := `
S=sleep
$S 1$$ & p=$!
tr '\0' ' ' </proc/$p/cmdline; echo
kill $p; wait $p; echo "status=$?"
for c in /proc/[0-9]*/cmdline; do
	[ "$(tr '\0' ' ' 2>/dev/null <$c)" = "sleep 1$$ " ] && echo "left: $c"
done
echo done`
	out, errOut, status := runShell(t, script)
	if status != 0 || !strings.HasPrefix(out, "sleep 1") || !strings.HasSuffix(out, " \nstatus=143\ndone\n") {
		t.Errorf("got status %d, stdout %q, stderr %q; want sleep's command line, status=143 and nothing left", status, out, errOut)
	}
}

// TestBackgroundPidIsTheProgramUnderJobControl: with job control, $! (the
// job's group) is the program itself, the only member of its group, a
// child of the shell; after kill, nothing of the job is left.
func TestBackgroundPidIsTheProgramUnderJobControl(t *testing.T) {
	s := startGosh(t)
	defer s.Close()
	sh := s.ShellPid()
	lineOutput(s, "S=sleep; A=1000")
	_, pid, _ := bgJob(t, s, "$S $A &")
	if got := cmdline(t, pid); got != "sleep 1000 " {
		t.Fatalf("$! is %d, whose command line is %q; want the program, %q", pid, got, "sleep 1000 ")
	}
	if out := lineOutput(s, "echo $!"); out != strconv.Itoa(pid)+"\n" {
		t.Errorf("echo $! printed %q; want %d", out, pid)
	}
	if kids := childrenOf(sh); len(kids) != 1 || kids[0].Pid != pid {
		t.Errorf("the shell's children are %v; want only the program %d", kids, pid)
	}
	if members := groupMembers(pid); len(members) != 1 {
		t.Errorf("job group %d holds %v; want only the program", pid, members)
	}
	lineOutput(s, "kill $!")
	waitGone(t, pid)
	if left := sessionMembers(sh); len(left) != 1 || left[0].Pid != sh {
		t.Errorf("after kill $!, the session holds %v; want only the shell %d", left, sh)
	}
}
