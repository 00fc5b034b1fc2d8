package builtins

import (
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPty returns a pseudo-terminal's master and slave ends.
func openPty(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no pty:", err)
	}
	t.Cleanup(func() { m.Close() })
	fd, _ := fileFD(m)
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Skip("unlockpt:", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Skip("ptsname:", err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skip("open pts:", err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

func lflag(t *testing.T, f *os.File) uint32 {
	t.Helper()
	fd, _ := fileFD(f)
	tio, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return tio.Lflag
}

// pollLflag waits until the terminal's local modes satisfy ok, as a
// builtin running in another goroutine sets them; false after 5 s.
func pollLflag(t *testing.T, fd *os.File, ok func(uint32) bool) bool {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if ok(lflag(t, fd)) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
}

// runAsync runs a builtin in the background, failing the test if it has
// not finished within a few seconds.
func runAsync(t *testing.T, f *fakeContext, args ...string) func() int {
	done := make(chan int, 1)
	go func() { done <- f.run(args...) }()
	return func() int {
		select {
		case st := <-done:
			return st
		case <-time.After(5 * time.Second):
			t.Fatalf("%q did not return", args)
			return -1
		}
	}
}

func TestReadTerminal(t *testing.T) {
	master, slave := openPty(t)
	before := lflag(t, slave)
	if before&unix.ICANON == 0 || before&unix.ECHO == 0 {
		t.Skip("pty not in canonical echo mode")
	}
	f := newFake()
	f.stdin = slave

	// -p prompts on a terminal; -s turns echo off meanwhile.
	wait := runAsync(t, f, "read", "-s", "-p", "password: ", "a")
	if !pollLflag(t, slave, func(l uint32) bool { return l&unix.ECHO == 0 }) {
		t.Error("read -s left echo on")
	}
	io.WriteString(master, "secret\n")
	if st := wait(); st != 0 || f.vars["a"] != "secret" || f.stderr.String() != "password: " {
		t.Errorf("read -s -p: status %d, a=%q, stderr %q", st, f.vars["a"], f.stderr.String())
	}
	if l := lflag(t, slave); l != before {
		t.Errorf("terminal modes not restored: %#x, want %#x", l, before)
	}

	// -n returns after n characters without waiting for a newline.
	io.WriteString(master, "xyz")
	if st := runAsync(t, f, "read", "-n", "2", "a")(); st != 0 || f.vars["a"] != "xy" {
		t.Errorf("read -n 2: status %d, a=%q", st, f.vars["a"])
	}
	if l := lflag(t, slave); l != before {
		t.Errorf("terminal modes not restored after -n: %#x, want %#x", l, before)
	}

	// -t times out on a terminal that has nothing to offer.
	if st := runAsync(t, f, "read", "-t", "0.1", "a")(); st != 142 {
		t.Errorf("read -t 0.1 on a silent terminal: status %d", st)
	}
}

// TestReadPipeLater covers a read that has to wait for its writer on a
// non-blocking pipe (Go's os.Pipe is one), with no timeout or interrupt.
func TestReadPipeLater(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	f := newFake()
	f.stdin = r
	time.AfterFunc(100*time.Millisecond, func() {
		io.WriteString(w, "late\nmore")
		w.Close()
	})
	if st := runAsync(t, f, "read", "a")(); st != 0 || f.vars["a"] != "late" {
		t.Errorf("read: status %d, a=%q", st, f.vars["a"])
	}
	if st := f.run("read", "a"); st != 1 || f.vars["a"] != "more" {
		t.Errorf("read at EOF: status %d, a=%q", st, f.vars["a"])
	}
}
