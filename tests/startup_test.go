package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Startup files with -c, as bash reads them: a login shell (-l) reads its
// profile whether or not it is interactive, so `gosh -l -c env` sees the
// login environment (editors run $SHELL so); -i makes a command string's
// shell interactive, with its rc file and an i in $-.
func TestStartupFilesWithCommand(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	for name, text := range map[string]string{
		".profile": "echo profile; FROM_PROFILE=p\n",
		".goshrc":  "echo rc; alias hi='echo alias-from-rc'\n",
	} {
		if err := os.WriteFile(filepath.Join(home, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-c", `echo "[$FROM_PROFILE] $-"`}, "[] hBc\n"},
		{[]string{"-l", "-c", `echo "[$FROM_PROFILE] $-"`}, "profile\n[p] hBc\n"},
		{[]string{"--noprofile", "-l", "-c", `echo "[$FROM_PROFILE]"`}, "[]\n"},
		{[]string{"-i", "-c", "hi; echo $-"}, "rc\nalias-from-rc\nhiBHc\n"},
		{[]string{"-il", "-c", `echo "[$FROM_PROFILE]"; hi`}, "profile\nrc\n[p]\nalias-from-rc\n"},
		{[]string{"-i", "--norc", "-c", `alias`}, ""},
	} {
		cmd := exec.Command(shellUnderTest(t), c.args...)
		cmd.Env = baseEnv(home)
		cmd.Dir = home
		out, err := cmd.Output()
		if err != nil {
			t.Errorf("gosh %q: %v", c.args, err)
		}
		if string(out) != c.want {
			t.Errorf("gosh %q: %q, want %q", c.args, out, c.want)
		}
	}
}
