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
