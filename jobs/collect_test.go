package jobs

import (
	"testing"
	"time"
)

// TestCollect: a background child that has exited but is not reaped yet
// (a zombie) must show as Done once Collect returns, whoever holds the
// reaping role at that moment. Each case holds reaping off by the means it
// names until the child is a zombie (seen in /proc), then lets go and calls
// Collect at once, with no wait in between. Without Collect the job still
// looks Running: in the first case nobody would reap until the next child
// event; in the second, the reaper goroutine races with the look.
func TestCollect(t *testing.T) {
	cases := []struct {
		name string
		// launch starts /bin/true as a background job while nothing can
		// reap it, and returns the job and how to allow reaping again.
		launch func(t *testing.T, tb *Table) (*Job, func())
	}{
		{"role free: Collect reaps", func(t *testing.T, tb *Table) (*Job, func()) {
			// The role taken here, the reaper goroutine that the launch
			// kicks finds it held and goes back to sleep: when it is
			// let go, nobody holds it.
			tb.rp.role.Lock()
			return start(t, tb, false, "/bin/true"), tb.rp.role.Unlock
		}},
		{"role held by the reaper goroutine: Collect waits for its reap", func(t *testing.T, tb *Table) (*Job, func()) {
			// Inside a launch the table's lock is held: the reaper
			// goroutine, kicked by the launch, takes the role and waits
			// for the lock to reap.
			l := tb.Begin("true", false)
			_, err := l.Start(&Spawn{Path: "/bin/true", Argv: []string{"true"}, Files: closedFiles})
			if err != nil {
				l.Done()
				t.Fatal(err)
			}
			return l.Job(), func() { l.Done() }
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb := NewTable(-1)
			j, allowReaping := c.launch(t, tb)
			pid := j.Procs[0].Pid
			deadline := time.Now().Add(30 * time.Second)
			for procState(pid) != "Z" {
				if time.Now().After(deadline) {
					allowReaping()
					t.Fatalf("child %d never became a zombie (state %q)", pid, procState(pid))
				}
				time.Sleep(time.Millisecond) // between looks at /proc
			}
			allowReaping()
			within(t, 30*time.Second, "Collect", tb.Collect)
			if st := tb.State(j); st != Done {
				t.Errorf("after Collect the exited job is %v, want Done", st)
			}
			if procState(pid) != "" {
				t.Errorf("child %d is still there (state %q) after Collect", pid, procState(pid))
			}
			if s := j.Status(false); s != 0 {
				t.Errorf("status %d, want 0", s)
			}
		})
	}
}

// TestStatusPending: statusPending sees a zombie without reaping it, and
// sees nothing once it is reaped.
func TestStatusPending(t *testing.T) {
	tb := NewTable(-1)
	tb.rp.role.Lock() // nobody reaps while we look
	j := start(t, tb, false, "/bin/true")
	pid := j.Procs[0].Pid
	deadline := time.Now().Add(30 * time.Second)
	for procState(pid) != "Z" && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond) // between looks at /proc
	}
	for range 2 {
		if !statusPending() {
			t.Errorf("zombie %d: no status pending", pid)
		}
	}
	if procState(pid) != "Z" {
		t.Errorf("statusPending reaped %d (state %q)", pid, procState(pid))
	}
	tb.mu.Lock()
	tb.reapLocked(nil)
	tb.mu.Unlock()
	tb.rp.role.Unlock()
	if statusPending() {
		t.Errorf("a status is pending after the reap")
	}
	if st := tb.State(j); st != Done {
		t.Errorf("job %v, want Done", st)
	}
}
