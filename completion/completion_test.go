package completion

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestComplete(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	bin := filepath.Join(dir, "bin")
	for _, f := range []string{"my file.txt", "my$odd", "mydir/x", "other", ".hidden", "home/notes", "bin/gosh-tool", "bin/gosh-data"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, nil, 0o644)
	}
	os.Chmod(filepath.Join(bin, "gosh-tool"), 0o755) // gosh-data is not executable
	vars := map[string]string{"HOME": home, "HOSTNAME": "h", "D": dir, "X": "x"}
	c := &Context{
		Dir:         dir,
		Home:        home,
		Path:        bin,
		Commands:    []string{"echo", "exit", "export"},
		Jobs:        []int{1, 3},
		JobCommands: []string{"bg", "disown", "fg", "jobs", "kill", "wait"},
		Lookup: func(n string) (string, bool) {
			v, ok := vars[n]
			return v, ok
		},
		Tilde: func(prefix string) (string, bool) {
			if prefix == "~+" || prefix == "~1" {
				return dir, true
			}
			return "", false
		},
	}
	for n := range vars {
		c.VarNames = append(c.VarNames, n)
	}
	for _, tc := range []struct {
		line   string
		want   []string
		shared int
	}{
		// Commands: builtins and the like, executables on PATH.
		{"ec", []string{"ho "}, 2},
		{"ex", []string{"it ", "port "}, 2},
		{"gosh-", []string{"tool "}, 5},
		{"ls; ec", []string{"ho "}, 2},
		{"if ec", []string{"ho "}, 2},
		{"FOO=1 ec", []string{"ho "}, 2},
		// Files: quoted as typed, directories with a slash.
		{"cat my", []string{"\\ file.txt ", "\\$odd ", "dir/"}, 2},
		{"cat my\\ ", []string{"file.txt "}, 4},
		{`cat "my f`, []string{`ile.txt" `}, 5},
		{`cat 'my$`, []string{`odd' `}, 4},
		{"cat my\\$", []string{"odd "}, 4},
		{"cat o", []string{"ther "}, 1},
		{"cat .h", []string{"idden "}, 2},
		{"cat mydir/", []string{"x "}, 0},
		{"cat ~/no", []string{"tes "}, 2},
		{"cat $HOME/no", []string{"tes "}, 2},
		{"cat ${D}/oth", []string{"er "}, 3},
		{"cat < oth", []string{"er "}, 3},
		{"./oth", []string{"er "}, 3},
		{"cat zzz", nil, 3},
		// Variables.
		{"echo $HO", []string{"ME", "STNAME"}, 3},
		{"echo $HOM", []string{"E/"}, 4},
		{"echo $HOS", []string{"TNAME "}, 4},
		{"echo ${HOS", []string{"TNAME} "}, 5},
		{`echo "$X`, []string{""}, 2},
		{"echo '$X", nil, 3},
		// Job specs.
		{"fg %", []string{"1 ", "3 "}, 1},
		{"fg ", []string{"%1 ", "%3 "}, 0},
		{"kill %3", []string{" "}, 2},
		{"wait %", []string{"1 ", "3 "}, 1},
		{"disown %1", []string{" "}, 2},
		// cd and pushd take directories only; ~+ and ~N name directories.
		{"cd my", []string{"dir/"}, 2},
		{"pushd ", []string{"bin/", "home/", "mydir/"}, 0},
		{"cd ~+/my", []string{"dir/"}, 2},
		{"cat ~1/oth", []string{"er "}, 3},
		{"cat ~nosuchuser/x", nil, 1},
		{"kill ", []string{"bin/", "home/", `my\ file.txt `, `my\$odd `, "mydir/", "other "}, 0}, // a pid, not a job: files
	} {
		got, shared := c.Complete(tc.line, len(tc.line))
		if !slices.Equal(got, tc.want) || shared != tc.shared {
			t.Errorf("complete(%q) = %q, %d; want %q, %d", tc.line, got, shared, tc.want, tc.shared)
		}
	}
	// A control byte in a name is quoted as $'\ooo', never inserted raw.
	if got := quoteRest("a\bb\x7f", 0); got != `a$'\010'b$'\177'` {
		t.Errorf("quoteRest of control bytes: %q", got)
	}
	// Completion looks only at the text before the cursor.
	if got, _ := c.Complete("cat othXYZ", len("cat oth")); !slices.Equal(got, []string{"er "}) {
		t.Errorf("mid-line: %q", got)
	}
}
