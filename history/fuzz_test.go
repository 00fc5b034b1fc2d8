package history

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// FuzzFile reads arbitrary bytes as a history file, with a byte
// limit and an entry limit small enough to cut and trim it. The tail read
// must be a suffix of the file that starts at a line, every entry must
// survive the history file's encoding, and a trimmed file must read back
// as the entries kept.
func FuzzFile(f *testing.F) {
	for _, seed := range []string{"", "echo a\n", "#1700000000\necho a\\\nb\n", "a\\\\\nb\\\n", "\\", "  \n\n#12\n#x\n",
		"x\ny\nz\nw\nv\n", "ends\\", "c\\\\\\\nd\n"} {
		f.Add([]byte(seed), uint8(4))
	}
	f.Fuzz(func(t *testing.T, data []byte, limit uint8) {
		path := filepath.Join(t.TempDir(), "history")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		maxBytes := int64(limit)
		tail, err := readTail(path, maxBytes)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasSuffix(data, tail) {
			t.Fatalf("the tail %q is not a suffix of %q", tail, data)
		}
		if int64(len(tail)) > maxBytes {
			t.Fatalf("the tail %q of %q is longer than %d bytes", tail, data, maxBytes)
		}
		if cut := len(data) - len(tail); cut > 0 && len(tail) > 0 && data[cut-1] != '\n' {
			t.Fatalf("the tail %q of %q does not start a line", tail, data)
		}
		entries, err := ReadFile(path, int(limit%8))
		if err != nil {
			t.Fatal(err)
		}
		// A one-line entry that looks like a timestamp ("#0", from a file
		// that ends in "#0\\") is read as one when written back, as in
		// bash: the file format cannot tell them apart.
		kept := slices.DeleteFunc(slices.Clone(entries), isTimestampLine)
		var encoded strings.Builder
		for _, e := range entries {
			if strings.TrimSpace(e) == "" {
				t.Fatalf("a blank entry %q", e)
			}
			encoded.WriteString(EncodeEntry(e))
		}
		if back := Decode(encoded.String()); !slices.Equal(back, kept) {
			t.Fatalf("entries %q come back as %q", kept, back)
		}
		reread, err := ReadFile(path, -1)
		if err != nil {
			t.Fatal(err)
		}
		if len(kept) < len(entries) && len(entries) < len(Decode(string(data))) {
			entries = kept // trimmed: written back
		}
		if !slices.Equal(reread, entries) {
			t.Fatalf("the trimmed file reads %q, want %q", reread, entries)
		}
	})
}
