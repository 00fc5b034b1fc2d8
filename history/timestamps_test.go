package history

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// bash's timestamp lines: "#EPOCH" before an entry is its time; an entry
// without one has time 0 (unknown); a timestamp inside an entry of several
// lines is text, and one that is out of range is unknown.
func TestDecodeTimed(t *testing.T) {
	cases := []struct {
		name, file string
		entries    []string
		times      []int64
	}{
		{"none", "ls\npwd\n", []string{"ls", "pwd"}, []int64{0, 0}},
		{"each", "#1700000000\nls\n#1700000100\npwd\n", []string{"ls", "pwd"}, []int64{1700000000, 1700000100}},
		{"some", "ls\n#1700000100\npwd\necho\n", []string{"ls", "pwd", "echo"}, []int64{0, 1700000100, 0}},
		{"the last of a run counts", "#1\n#2\nls\n", []string{"ls"}, []int64{2}},
		{"a blank entry takes its stamp with it", "#5\n\nls\n", []string{"ls"}, []int64{0}},
		{"several lines", "#7\nfor i\\\n#8\\\ndone\n", []string{"for i\n#8\ndone"}, []int64{7}},
		{"not a timestamp", "#x\nls\n", []string{"#x", "ls"}, []int64{0, 0}},
		{"out of range", "#99999999999999999999\nls\n", []string{"ls"}, []int64{0}},
		{"cut inside an entry", "#9\nfor i\\\n", []string{"for i"}, []int64{9}},
	}
	for _, c := range cases {
		entries, times := DecodeTimed(c.file)
		if !slices.Equal(entries, c.entries) || !slices.Equal(times, c.times) {
			t.Errorf("%s: DecodeTimed(%q) = %q %v, want %q %v", c.name, c.file, entries, times, c.entries, c.times)
		}
	}
}

// A list writes each known time before its entry only when asked
// (WriteTimes: HISTTIMEFORMAT set), on append, -a FILE and -w; a file cut to
// size keeps the stamps it had; times survive the list's edits.
func TestTimestampsWritten(t *testing.T) {
	dir := t.TempDir()
	read := func(path string) string {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	var h List
	h.AddAt("ls", 100, -1)
	h.AddAt("for i\ndo :; done", 200, -1)
	plain := filepath.Join(dir, "plain")
	if _, err := h.AppendPending(plain, true); err != nil {
		t.Fatal(err)
	}
	if got, want := read(plain), "ls\nfor i\\\ndo :; done\n"; got != want {
		t.Errorf("without WriteTimes: %q, want %q", got, want)
	}
	h.WriteTimes = true
	h.AddAt("pwd", 300, -1)
	h.Add("unknown", -1)
	stamped := filepath.Join(dir, "stamped")
	if _, err := h.AppendPending(stamped, true); err != nil {
		t.Fatal(err)
	}
	if got, want := read(stamped), "#300\npwd\nunknown\n"; got != want {
		t.Errorf("append: %q, want %q", got, want)
	}
	all := filepath.Join(dir, "all")
	if err := h.WriteList(all); err != nil {
		t.Fatal(err)
	}
	want := "#100\nls\n#200\nfor i\\\ndo :; done\n#300\npwd\nunknown\n"
	if got := read(all); got != want {
		t.Errorf("-w: %q, want %q", got, want)
	}
	entries, times, err := EntriesTimed(all)
	if err != nil || !slices.Equal(entries, h.Entries) || !slices.Equal(times, []int64{100, 200, 300, 0}) {
		t.Errorf("read back: %q %v %v, want %q [100 200 300 0]", entries, times, err, h.Entries)
	}
	session := filepath.Join(dir, "session")
	if err := h.AppendSession(session); err != nil {
		t.Fatal(err)
	}
	if got := read(session); got != want {
		t.Errorf("-a FILE: %q, want %q", got, want)
	}
	entries, times, err = ReadFileTimed(all, 2)
	if err != nil || !slices.Equal(times, []int64{300, 0}) || read(all) != "#300\npwd\nunknown\n" {
		t.Errorf("cut to 2: %q %v %v, file %q", entries, times, err, read(all))
	}

	h.Erase("ls")
	h.Delete(h.Base + 1) // pwd
	h.Trim(1)
	if !slices.Equal(h.Entries, []string{"unknown"}) || !slices.Equal(h.Times, []int64{0}) {
		t.Errorf("after erase, delete, trim: %q %v", h.Entries, h.Times)
	}
	h.StampUnknown(400)
	h.AddReadTimed([]string{"a", "b"}, []int64{500}, -1)
	if got := []int64{h.Time(0), h.Time(1), h.Time(2), h.Time(3)}; !slices.Equal(got, []int64{400, 500, 0, 0}) {
		t.Errorf("times %v, want [400 500 0 0] (out of range: 0)", got)
	}
	e, tm := LastOccurrencesTimed([]string{"x", "y", "x"}, []int64{1, 2, 3})
	if !slices.Equal(e, []string{"y", "x"}) || !slices.Equal(tm, []int64{2, 3}) {
		t.Errorf("LastOccurrencesTimed = %q %v", e, tm)
	}
	h.Clear()
	if h.Times != nil || h.Time(0) != 0 {
		t.Errorf("after Clear: %v", h.Times)
	}
}
