package tests

// Robustness (issue 13): what a user or the environment can do to gosh
// must not hang it, crash it or make it grow without bound.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// A HISTFILE with no end (a device, a FIFO nobody writes) or one that
// cannot be read does not keep the shell from its first prompt, and costs
// no message, as in bash.
func TestHistoryFileNoEnd(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, hist := range []string{"/dev/zero", "/dev/full", fifo, "/etc/passwd/not-a-dir"} {
		t.Run(filepath.Base(hist), func(t *testing.T) {
			s := startSession(t, SessionConfig{Env: []string{"HISTFILE=" + hist}})
			defer s.Close()
			if out := s.ExpectPrompt(); strings.Contains(out, "gosh") {
				t.Errorf("a message before the first prompt: %q", out)
			}
			s.SendLine("echo ok")
			s.Expect("ok")
			s.ExpectPrompt()
		})
	}
}

// A setuid gosh drops to the real ids and reads no $ENV, unless it is
// given -p, as bash does. As root, a copy of gosh owned by nobody with
// the setuid bit makes the effective id differ from the real one; anyone
// else cannot make such a file, and a nosuid /tmp ignores the bit.
func TestSetuidDropsPrivileges(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("making a setuid gosh for another user needs root")
	}
	// Not t.TempDir: its parent is closed to nobody, who must be able to
	// read $ENV for the test to see that it is not read.
	dir, err := os.MkdirTemp("", "gosh-setuid-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	suid := filepath.Join(dir, "gosh")
	data, err := os.ReadFile(shellUnderTest(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(suid, data, 0o755); err != nil {
		t.Fatal(err)
	}
	const nobody = 65534
	if err := os.Chown(suid, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(suid, 0o755|os.ModeSetuid); err != nil {
		t.Fatal(err)
	}
	var fs unix.Statfs_t
	if err := unix.Statfs(dir, &fs); err != nil || fs.Flags&unix.ST_NOSUID != 0 {
		t.Skipf("%s is mounted nosuid (%v): the setuid bit would not take effect", dir, err)
	}
	env := filepath.Join(dir, "env")
	if err := os.WriteFile(env, []byte("echo ENV was read\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	script := "echo $EUID $(id -u); { id -u; } & wait\n"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-i"}, "0 0\n0\n"},
		{[]string{"-p", "-i"}, "65534 65534\n65534\n"},
	} {
		cmd := exec.Command(suid, c.args...)
		cmd.Env = append(os.Environ(), "ENV="+env, "PS1=", "HOME="+dir)
		cmd.Stdin = strings.NewReader(script)
		out, err := cmd.Output()
		if err != nil || string(out) != c.want {
			t.Errorf("gosh %s: %q, %v; want %q (and no ENV)", strings.Join(c.args, " "), out, err, c.want)
		}
	}
}

// A standard descriptor closed when gosh starts stays closed: writing to it
// fails as in bash ("echo: write error: Bad file descriptor", status 1),
// commands see it closed, and no file gosh opens takes its place.
func TestClosedStdoutStaysClosed(t *testing.T) {
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("without cgo gosh cannot see a closed descriptor: the Go runtime puts /dev/null on it before main runs")
	}
	dir := t.TempDir()
	runClosed := func(script string, closeStdout bool) (string, int) {
		t.Helper()
		errFile, err := os.CreateTemp(dir, "stderr")
		if err != nil {
			t.Fatal(err)
		}
		defer errFile.Close()
		devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer devnull.Close()
		stdout := devnull
		if closeStdout {
			stdout = nil // os.StartProcess: closed in the child
		}
		p, err := os.StartProcess(shellUnderTest(t), []string{"gosh", "-c", script},
			&os.ProcAttr{Dir: dir, Env: baseEnv(dir), Files: []*os.File{devnull, stdout, errFile}})
		if err != nil {
			t.Fatal(err)
		}
		st, err := p.Wait()
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := os.ReadFile(errFile.Name())
		return string(msg), st.ExitCode()
	}
	const probe = `echo hi; echo st=$? >&2; sh -c 'test -e /proc/$$/fd/1 && echo child: open >&2 || echo child: closed >&2'; echo a >f; echo b`
	msg, status := runClosed(probe, true)
	want := "echo: write error: Bad file descriptor\nst=1\nchild: closed\n"
	if !strings.Contains(msg, want) || status != 1 {
		t.Errorf("stdout closed: status %d, stderr %q; want status 1 and %q", status, msg, want)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "f")); err != nil || string(data) != "a\n" {
		t.Errorf("file f holds %q, %v; want only what was written to it", data, err)
	}
	if msg, status := runClosed(probe, false); msg != "st=0\nchild: open\n" || status != 0 {
		t.Errorf("stdout on /dev/null: status %d, stderr %q", status, msg)
	}
}
