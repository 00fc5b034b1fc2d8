package shell

import "testing"

func TestRecallForm(t *testing.T) {
	for in, want := range map[string]string{
		"ls -l":                          "ls -l",
		"for i in 1 2\ndo echo $i\ndone": "for i in 1 2; do echo $i; done",
		"cat <<E\nx\nE":                  "cat <<E\nx\nE",
	} {
		if got := recallForm(in); got != want {
			t.Errorf("recallForm(%q) = %q, want %q", in, got, want)
		}
	}
}
