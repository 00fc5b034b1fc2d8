package interactive

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// pipeEditor is a plainEditor reading the read end of a pipe, with a
// second pipe as its wake-up descriptor.
func pipeEditor(t *testing.T, input string, onWake func() bool) (*plainEditor, *strings.Builder, *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	wr, ww, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); wr.Close(); ww.Close() })
	if _, err := w.WriteString(input); err != nil {
		t.Fatal(err)
	}
	w.Close()
	out := &strings.Builder{}
	return &plainEditor{fd: int(r.Fd()), wake: int(wr.Fd()), onWake: onWake, out: out}, out, ww
}

func TestPlainEditorReadsLines(t *testing.T) {
	tests := []struct {
		input string
		want  []string // lines, then io.EOF
	}{
		{"", nil},
		{"echo a\n", []string{"echo a"}},
		{"a\nb\n", []string{"a", "b"}},
		{"\n\n", []string{"", ""}},
		{"no newline", []string{"no newline"}},
	}
	for _, tt := range tests {
		ed, out, _ := pipeEditor(t, tt.input, nil)
		var got []string
		for {
			line, err := ed.ReadLine("\x01x\x02$ ") // \[x\]$ expanded
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%q: %v", tt.input, err)
			}
			got = append(got, line)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("%q: lines %q, want %q", tt.input, got, tt.want)
		}
		// The prompt is shown once per ReadLine, without the markers that \[ \] became.
		if want := strings.Repeat("x$ ", len(tt.want)+1); out.String() != want {
			t.Errorf("%q: wrote %q, want %q", tt.input, out.String(), want)
		}
	}
}

// A signal at the prompt wakes the editor: the line is given up when the
// shell says so (^C), and reading goes on when it does not (a trap ran).
func TestPlainEditorWakes(t *testing.T) {
	for _, abandon := range []bool{true, false} {
		wakes := 0
		ed, out, wake := pipeEditor(t, "ls\n", nil)
		ed.onWake = func() bool {
			wakes++
			var b [1]byte
			os.NewFile(uintptr(ed.wake), "wake").Read(b[:]) // drained, as Session.Woken drains
			return abandon
		}
		// The wake-up comes before the input is read, as a ^C at an
		// empty prompt does.
		if _, err := wake.Write([]byte{0}); err != nil {
			t.Fatal(err)
		}
		line, err := ed.ReadLine("$ ")
		if wakes != 1 {
			t.Errorf("abandon=%v: onWake ran %d times, want 1", abandon, wakes)
		}
		switch {
		case abandon && (!errors.Is(err, errInterrupted) || out.String() != "$ \n"):
			t.Errorf("abandoned: %q, %v, wrote %q; want errInterrupted and a new line", line, err, out.String())
		case !abandon && (err != nil || line != "ls"):
			t.Errorf("not abandoned: %q, %v; want the line", line, err)
		}
	}
}
