package tests

import (
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

func TestZZDebug(t *testing.T) {
	trace := filepath.Join(t.TempDir(), "trace")
	s := startSession(t, SessionConfig{Shell: "/usr/bin/strace", Args: []string{"-o", trace, "-tt", "-e", "trace=kill,wait4,waitid", "/bin/bash", "--norc", "--noprofile", "-i"}})
	s.ExpectPrompt()
	s.SendLine("sleep 1000 &")
	pid, _ := strconv.Atoi(s.ExpectMatch(`\[1\] (\d+)\n`)[1])
	s.ExpectPrompt()
	s.SendLine("kill -STOP %1")
	waitProcState(t, pid, "T")
	s.Sync()
	s.SendLine("fg")
	s.WaitForeground(func(pg int) bool { return pg == pid })
	waitProcState(t, pid, "SR")
	s.Send("\x1a")
	_, ok := poll(timeout(defaultWait/5), func() (bool, string) { st, _, _, _, _ := procStat(pid); return st == 'T', "" })
	if ok {
		return
	}
	t.Logf("state now: %v", sessionMembers(s.ShellPid()))
	syscall.Kill(s.ShellPid(), syscall.SIGTERM)
	s.WaitExit()
	b, _ := os.ReadFile(trace)
	t.Logf("%s", b)
	t.Fail()
}
