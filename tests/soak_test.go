//go:build soak

// The soak test runs only with the soak build tag, so that go test ./...
// stays fast:
//
//	go test -tags soak -run TestSoak -v ./tests
//
// It takes about a minute on two cores.

package tests

import (
	"fmt"
	"maps"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// soakLines is how many batch lines TestSoak sends; each runs soakRounds
// rounds of soakJobsPerRound jobs, and is followed by one job stopped with
// ^Z and continued with bg: 10,040 jobs in all.
const (
	soakLines        = 40
	soakRounds       = 50
	soakJobsPerRound = 5
)

// soakBatch is one batch line. Each round is a foreground program, a
// pipeline, a subshell, a background program waited for, and a background
// job stopped, continued and killed by signals.
var soakBatch = fmt.Sprintf(`for i in $(seq %d); do /bin/true; echo x | cat >/dev/null; ( : ); /bin/true & wait $!; sleep 60 & p=$!; kill -STOP $p; kill -CONT $p; kill $p; wait $p; done >/dev/null 2>&1; echo batch done`, soakRounds)

// TestSoak runs 10,040 jobs of mixed kinds in one interactive gosh and
// checks that it leaves no zombie and no job behind, holds no more file
// descriptors than before, and grows its resident memory by less than
// 10 MB.
func TestSoak(t *testing.T) {
	s := startGosh(t)
	sh := s.ShellPid()
	s.ExpectTimeout = timeout(60 * time.Second)
	rssBefore := residentKiB(t, sh)
	var fdsBefore map[int]string
	start := time.Now()
	jobs := 0
	for line := range soakLines {
		if line == 1 {
			// The descriptors the shell opens once, on first use (the
			// signal wake-up pipe), are open from here on.
			fdsBefore = openFdsOf(t, sh)
		}
		if out := lineOutput(s, soakBatch); !strings.HasSuffix(out, "batch done\n") {
			t.Fatalf("batch %d: %q", line, out)
		}
		jobs += soakRounds * soakJobsPerRound
		s.SendLine("sleep 60")
		job := s.WaitJobForeground()
		s.Ctrl('Z')
		waitProcState(t, job, "T")
		s.WaitShellForeground()
		s.ExpectPrompt()
		if out := lineOutput(s, "bg; kill %1; wait %1; jobs"); strings.Contains(out, "[1]+  Stopped") || strings.Contains(out, "Running") {
			t.Fatalf("after bg and kill: %q", out)
		}
		jobs++
		if zs := zombiesUnder(sh); len(zs) > 0 {
			t.Fatalf("after batch %d: zombies %v", line, zs)
		}
		if line == 0 || line == soakLines-1 {
			t.Logf("after %5d jobs: %d fds, RSS %d KiB, %v", jobs, len(openFdsOf(t, sh)), residentKiB(t, sh), time.Since(start).Round(time.Millisecond))
		}
	}
	if out := lineOutput(s, "jobs"); out != "" {
		t.Errorf("jobs left in the table: %q", out)
	}
	if kids := childrenOf(sh); len(kids) > 0 {
		t.Errorf("children left: %v", kids)
	}
	fdsAfter, rssAfter := openFdsOf(t, sh), residentKiB(t, sh)
	t.Logf("%d jobs in %v: %d fds after the first batch, %d at the end; RSS %d KiB at the first prompt, %d at the end (growth %d KiB)",
		jobs, time.Since(start).Round(time.Millisecond), len(fdsBefore), len(fdsAfter), rssBefore, rssAfter, rssAfter-rssBefore)
	if !maps.Equal(fdsAfter, fdsBefore) {
		t.Errorf("open fds after the first batch: %v; at the end: %v", fdsBefore, fdsAfter)
	}
	if growth := rssAfter - rssBefore; growth >= 10*1024 {
		t.Errorf("RSS grew by %d KiB, want under 10 MiB", growth)
	}
}

func openFdsOf(t *testing.T, pid int) map[int]string {
	t.Helper()
	fds, err := openFds(pid)
	if err != nil {
		t.Fatal(err)
	}
	return fds
}

// residentKiB is VmRSS from /proc/PID/status.
func residentKiB(t *testing.T, pid int) int {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatalf("VmRSS: %q", v)
			}
			return n
		}
	}
	t.Fatalf("/proc/%d/status has no VmRSS", pid)
	return 0
}
