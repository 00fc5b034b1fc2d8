package jobs

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// closedFiles leaves a child's fds 0-2 closed.
var closedFiles = []uintptr{^uintptr(0), ^uintptr(0), ^uintptr(0)}

// within fails the test if f has not returned after d: a lost wake-up in
// the reaper shows up as a wait that never ends.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s: still waiting after %v", what, d)
	}
}

// start launches one process as a job of its own.
func start(t *testing.T, tb *Table, fg bool, argv ...string) *Job {
	t.Helper()
	l := tb.Begin(strings.Join(argv, " "), fg)
	_, err := l.Start(&Spawn{Path: argv[0], Argv: argv, Files: closedFiles})
	j := l.Done()
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func aliveCount(tb *Table) int {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return tb.rp.alive
}

// TestReaperBackgroundJob: a background job is reaped with no foreground
// waiter at all: the reaper goroutine takes the role.
func TestReaperBackgroundJob(t *testing.T) {
	tb := NewTable(-1)
	j := start(t, tb, false, "/bin/sh", "-c", "exit 3")
	within(t, 30*time.Second, "wait for a background job", func() {
		if st := tb.Wait(j, false, nil); st != Done {
			t.Errorf("state %v, want Done", st)
		}
	})
	if s := j.Status(false); s != 3 {
		t.Errorf("status %d, want 3", s)
	}
}

// TestReaperForegroundBesideBackground: while a background job is alive the
// reaper goroutine holds the role, so a foreground waiter cannot sleep in
// waitid itself; it must still see its job end, and the background job must
// still be tracked.
func TestReaperForegroundBesideBackground(t *testing.T) {
	tb := NewTable(-1)
	bg := start(t, tb, false, "/bin/sleep", "1000")
	pid := bg.Procs[0].Pid
	defer syscall.Kill(pid, syscall.SIGKILL)
	for i := range 20 {
		fg := start(t, tb, true, "/bin/sh", "-c", fmt.Sprintf("exit %d", i))
		within(t, 30*time.Second, "foreground wait beside a background job", func() {
			tb.WaitForeground(fg)
		})
		if s := fg.Status(false); s != i {
			t.Fatalf("run %d: status %d", i, s)
		}
	}
	if st := tb.State(bg); st != Running {
		t.Fatalf("background job %v, want Running", st)
	}
	syscall.Kill(pid, syscall.SIGKILL)
	within(t, 30*time.Second, "wait for the killed background job", func() {
		tb.Wait(bg, false, nil)
	})
	if s := bg.Status(false); s != 128+int(syscall.SIGKILL) {
		t.Errorf("background status %d, want %d", s, 128+int(syscall.SIGKILL))
	}
	if n := aliveCount(tb); n != 0 {
		t.Errorf("alive = %d after every child was reaped, want 0", n)
	}
}

// TestReaperConcurrentForegroundWaiters: goroutines that each run and wait
// for their own foreground jobs (as the stages of an in-process pipeline
// do) contend for the role; every wait must end with its own status.
func TestReaperConcurrentForegroundWaiters(t *testing.T) {
	tb := NewTable(-1)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	within(t, 60*time.Second, "concurrent foreground waits", func() {
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 15 {
					code := (g*15 + i) % 100
					l := tb.Begin("sh", true)
					_, err := l.Start(&Spawn{Path: "/bin/sh", Argv: []string{"sh", "-c", fmt.Sprintf("exit %d", code)}, Files: closedFiles})
					j := l.Done()
					if err != nil {
						errs <- err
						return
					}
					tb.WaitForeground(j)
					if s := j.Status(false); s != code {
						errs <- fmt.Errorf("goroutine %d run %d: status %d, want %d", g, i, s, code)
						return
					}
				}
			}()
		}
		wg.Wait()
	})
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := aliveCount(tb); n != 0 {
		t.Errorf("alive = %d after every child was reaped, want 0", n)
	}
}

// TestReaperKeepsLeaderUntilLaunchDone: a pipeline's leader that exits at
// once must stay unreaped (a zombie, so its group still exists) until the
// launch is done, or the next member could not join its group.
func TestReaperKeepsLeaderUntilLaunchDone(t *testing.T) {
	tb := jobControlTable(t)
	l := tb.Begin("true | sleep 1000", false)
	leader, err := l.Start(&Spawn{Path: "/bin/true", Argv: []string{"true"}, Files: closedFiles})
	if err != nil {
		l.Done()
		t.Fatal(err)
	}
	// The reaper goroutine was woken by this background launch and sleeps
	// in waitid; the leader's exit wakes it, but it must not reap.
	deadline := time.Now().Add(30 * time.Second)
	for procState(leader.Pid) != "Z" {
		if time.Now().After(deadline) {
			l.Done()
			t.Fatalf("leader %d never became a zombie (state %q)", leader.Pid, procState(leader.Pid))
		}
		time.Sleep(time.Millisecond) // between looks at /proc
	}
	second, err := l.Start(&Spawn{Path: "/bin/sleep", Argv: []string{"sleep", "1000"}, Files: closedFiles})
	j := l.Done()
	if err != nil {
		t.Fatalf("second member could not join the group of its exited leader: %v", err)
	}
	defer syscall.Kill(second.Pid, syscall.SIGKILL)
	if pgid, _ := syscall.Getpgid(second.Pid); pgid != leader.Pid {
		t.Errorf("second member in group %d, want %d", pgid, leader.Pid)
	}
	syscall.Kill(second.Pid, syscall.SIGKILL)
	within(t, 30*time.Second, "wait for the pipeline", func() { tb.Wait(j, false, nil) })
}

// procState is the state letter of pid in /proc/PID/stat, or "" if gone.
func procState(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 || i+2 >= len(s) {
		return ""
	}
	return s[i+2 : i+3]
}
