package jobs

import (
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestStoppedBeforeExec starts processes into a group that is stopped over
// and over (as a ^Z typed at that moment would stop it), so that some are
// stopped between joining the group and their execve, where ForkExec waits.
// forkExecUnstopped must return for every one, and leave each stopped by
// the signal that stopped it before its exec, as its group is.
func TestStoppedBeforeExec(t *testing.T) {
	sleep := "/bin/sleep"
	leader, err := syscall.ForkExec(sleep, []string{"sleep", "100"}, &syscall.ProcAttr{
		Files: []uintptr{0, 1, 2}, Sys: &syscall.SysProcAttr{Setpgid: true}})
	if err != nil {
		t.Fatal(err)
	}
	pids := []int{leader}
	defer func() {
		unix.Kill(-leader, unix.SIGKILL)
		for _, pid := range pids {
			var ws unix.WaitStatus
			unix.Wait4(pid, &ws, 0, nil)
		}
	}()
	var mu sync.Mutex
	known := map[int]bool{leader: true}
	isKnown := func(pid int) bool {
		mu.Lock()
		defer mu.Unlock()
		return known[pid]
	}
	resumedOnce := false
	deadline := time.Now().Add(30 * time.Second)
	for i := 0; i < 400 && !(resumedOnce && i >= 20) && time.Now().Before(deadline); i++ {
		// Stop the group over and over, as one ^Z would stop it, until
		// a child is caught stopped before its exec (or the launch ends).
		stopping, stopped := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(stopped)
			for {
				select {
				case <-stopping:
					return
				default:
				}
				unix.Kill(-leader, unix.SIGSTOP)
				for _, pid := range childPids() {
					if _, ok := stoppedBy(pid); ok && !isKnown(pid) {
						return
					}
				}
				runtime.Gosched()
			}
		}()
		type result struct {
			pid     int
			resumed bool
			err     error
		}
		ch := make(chan result, 1)
		go func() {
			pid, resumed, err := forkExecUnstopped(sleep, []string{"sleep", "100"}, &syscall.ProcAttr{
				Files: []uintptr{0, 1, 2}, Sys: &syscall.SysProcAttr{Setpgid: true, Pgid: leader}},
				isKnown)
			ch <- result{pid, resumed, err}
		}()
		var r result
		select {
		case r = <-ch:
		case <-time.After(10 * time.Second):
			t.Fatalf("launch %d: ForkExec still waits for a child stopped before its exec", i)
		}
		close(stopping)
		<-stopped
		{
			if r.err != nil {
				t.Fatal(r.err)
			}
			pids = append(pids, r.pid)
			mu.Lock()
			known[r.pid] = true
			mu.Unlock()
			resumedOnce = resumedOnce || r.resumed
			if r.resumed {
				if st := waitStopped(r.pid); !st {
					t.Errorf("process %d, continued before its exec, is not stopped after it", r.pid)
				}
			}
		}
	}
	if !resumedOnce {
		t.Skip("no child was stopped before its exec in 400 launches: the window was never hit")
	}
}

// waitStopped waits (a second at most) for pid to report a stop.
func waitStopped(pid int) bool {
	for range 1000 {
		if _, ok := stoppedBy(pid); ok {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return false
}
