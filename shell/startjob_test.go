package shell

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnstartableMember checks startJob's one rule for a member whose exec
// fails (here a file without execute permission), through every launch
// path a shell without a terminal has: a simple command, the members of an
// in-process pipeline, a pipeline started with &, pipefail. The member's
// status is 126, the other members run, and the message goes to the
// member's own standard error (a 2>/dev/null on it silences it). bash,
// where installed, must print the same. (tests/jobcontrol_test.go checks
// the job-control launch of a foreground pipeline.)
func TestUnstartableMember(t *testing.T) {
	cases := []struct {
		name, src, out string
		messages       int // "./noexec: Permission denied" lines on stderr
	}{
		{"simple command", `./noexec; echo "s=$?"`, "s=126\n", 1},
		{"simple command, stderr redirected", `./noexec 2>/dev/null; echo "s=$?"`, "s=126\n", 0},
		{"first member", `./noexec | cat; echo "s=$? ${PIPESTATUS[*]}"`, "s=0 126 0\n", 1},
		{"last member", `true | ./noexec; echo "s=$? ${PIPESTATUS[*]}"`, "s=126 0 126\n", 1},
		{"the others still run", `./noexec | echo ran; echo "s=${PIPESTATUS[*]}"`, "ran\ns=126 0\n", 1},
		{"member's stderr redirected", `./noexec 2>/dev/null | cat; echo "s=${PIPESTATUS[*]}"`, "s=126 0\n", 0},
		{"every member", `./noexec | ./noexec; echo "s=${PIPESTATUS[*]}"`, "s=126 126\n", 2},
		{"pipefail", `set -o pipefail; ./noexec | true; echo "s=$?"`, "s=126\n", 1},
		{"background command", `./noexec & wait $!; echo "w=$?"`, "w=126\n", 1},
		{"background pipeline", `true | ./noexec & wait $!; echo "w=$?"`, "w=126\n", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "noexec"), []byte("echo hi\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			out, errOut, _ := runGosh(t, dir, []string{"gosh", "-c", c.src}, "")
			if out != c.out {
				t.Errorf("%s\nstdout %q, want %q (stderr %q)", c.src, out, c.out, errOut)
			}
			if n := strings.Count(errOut, "./noexec: Permission denied"); n != c.messages || strings.Count(errOut, "\n") != n {
				t.Errorf("%s\nstderr %q, want %d Permission denied lines and nothing else", c.src, errOut, c.messages)
			}
			if _, err := os.Stat("/bin/bash"); err != nil {
				return
			}
			cmd := exec.Command("/bin/bash", "-c", c.src)
			cmd.Dir = dir
			bashOut, _ := cmd.Output()
			if string(bashOut) != c.out {
				t.Errorf("bash disagrees with the expectation:\n%s\nstdout %q, want %q", c.src, bashOut, c.out)
			}
		})
	}
}
