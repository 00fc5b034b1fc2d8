package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// HISTTIMEFORMAT, as bash has it: `history` shows each entry's time
// formatted with it (nothing when it is empty or unset), the times come
// from the #EPOCH lines of the history file, and the file gets them back
// (history -w, -a) only while HISTTIMEFORMAT is set. A file whose every
// entry has its timestamp reads the same in bash, which is checked too.
func TestHistTimeFormat(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	file := filepath.Join(home, "hist")
	if err := os.WriteFile(file, []byte("#1700000000\necho one\n#1700000100\necho two\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	const script = `history -r; history; HISTTIMEFORMAT=; history 1; unset HISTTIMEFORMAT; history 1
HISTTIMEFORMAT='<%s %a %b %e %j %p %I %y %Z %z %%> '; history 1`
	const want = "    1  2023-11-14 22:13:20 echo one\n" +
		"    2  2023-11-14 22:15:00 echo two\n" +
		"    2  echo two\n" +
		"    2  echo two\n" +
		"    2  <1700000100 Tue Nov 14 318 PM 10 23 UTC +0000 %> echo two\n"
	for _, sh := range []string{shellUnderTest(t), bashPath(t)} {
		cmd := exec.Command(sh, "--norc", "-i", "-c", script)
		cmd.Env = baseEnv(home, "HISTFILE="+file, "HISTTIMEFORMAT=%F %T ", "TZ=UTC")
		cmd.Dir = home
		out, err := cmd.Output()
		if err != nil || string(out) != want {
			t.Errorf("%s: %q (%v), want %q", sh, out, err, want)
		}
	}

	// Written back: the times read, and the time of a new entry; without
	// HISTTIMEFORMAT none.
	stamped, plain := filepath.Join(home, "stamped"), filepath.Join(home, "plain")
	cmd := exec.Command(shellUnderTest(t), "--norc", "-i", "-c",
		`history -r; history -s new; history -w `+stamped+`; unset HISTTIMEFORMAT; history -w `+plain)
	cmd.Env = baseEnv(home, "HISTFILE="+file, "HISTTIMEFORMAT=%F ")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	wantFile := map[string]*regexp.Regexp{
		stamped: regexp.MustCompile(`^#1700000000\necho one\n#1700000100\necho two\n#1[0-9]{9}\nnew\n$`),
		plain:   regexp.MustCompile(`^echo one\necho two\nnew\n$`),
	}
	for path, re := range wantFile {
		data, err := os.ReadFile(path)
		if err != nil || !re.Match(data) {
			t.Errorf("%s: %q (%v), want %s", filepath.Base(path), data, err, re)
		}
	}
}
