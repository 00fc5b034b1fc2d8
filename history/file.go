package history

// The history file, ~/.gosh_history by default (HISTFILE).
//
// The file is written one entry at a time, as each command is entered, with
// a single write(2) on a descriptor opened O_APPEND: two shells writing the
// same file at once interleave whole entries and lose none. It is read when
// the interactive shell starts (after the startup files, so they can set
// HISTFILE, HISTSIZE and HISTFILESIZE) and cut to HISTFILESIZE entries then.
// The history builtin appends what is pending (-a), reads the file into the
// list (-r) or the entries not yet read (-n), and writes the whole list
// (-w) as a new file renamed over the old, as the cut to size is written.
//
// File format: one entry per line, as bash writes it, except for entries of
// several lines. An embedded newline is written as a backslash at the end of
// the line, and a run of backslashes that ends a line is doubled, so an odd
// run means "continued": `echo \\` is stored as `echo \\\\`, and
//
//	for i in 1 2
//	do echo $i; done
//
// as `for i in 1 2\` and `do echo $i; done`. Entries without newlines or
// trailing backslashes are stored verbatim. Lines of the form #DIGITS (bash's
// timestamps) are skipped when reading.

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gosh-sh/gosh/atomicfile"
	"golang.org/x/sys/unix"
)

// EncodeEntry returns entry as it is written to the history file, with
// its final newline (see the comment at the top of this file).
func EncodeEntry(entry string) string {
	var b strings.Builder
	lines := strings.Split(entry, "\n")
	for i, l := range lines {
		b.WriteString(l)
		b.WriteString(strings.Repeat(`\`, trailingBackslashes(l)))
		if i < len(lines)-1 {
			b.WriteByte('\\')
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Decode splits the contents of a history file into entries.
func Decode(data string) []string {
	var out []string
	var cur strings.Builder
	cont := false
	for len(data) > 0 {
		line, rest, _ := strings.Cut(data, "\n")
		data = rest
		if !cont && isTimestampLine(line) {
			continue
		}
		n := trailingBackslashes(line)
		next := n%2 == 1
		if next {
			n--
			line = line[:len(line)-1]
		}
		cur.WriteString(line[:len(line)-n/2])
		if next {
			cur.WriteByte('\n')
			cont = true
			continue
		}
		cont = false
		if s := cur.String(); strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	if s := strings.TrimSuffix(cur.String(), "\n"); strings.TrimSpace(s) != "" {
		out = append(out, s) // the file ended inside an entry
	}
	return out
}

func trailingBackslashes(s string) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	return n
}

func isTimestampLine(s string) bool {
	if len(s) < 2 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// AppendFile appends entries to the file at path with a single write,
// creating the file with mode 0600. The open does not block: a FIFO that
// nobody reads is an error, not a hang.
func AppendFile(path string, entries ...string) error {
	_, err := appendFile(path, entries)
	return err
}

// appendFile is AppendFile, returning the byte range the entries took in
// the file: with O_APPEND the offset after the write is its end.
func appendFile(path string, entries []string) (at [2]int64, err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|unix.O_NONBLOCK|unix.O_NOCTTY, 0o600)
	if err != nil {
		return at, err
	}
	data := encodeAll(entries)
	_, werr := f.WriteString(data)
	if werr == nil {
		at[1], werr = f.Seek(0, io.SeekCurrent)
		at[0] = at[1] - int64(len(data))
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return at, werr
}

// MarkFile records that the list has the whole file at path (read at
// start-up or by -r, or written by -w).
func (h *List) MarkFile(path string) {
	h.Seen = FileMark{}
	var st unix.Stat_t
	if unix.Stat(path, &st) == nil {
		h.Seen = FileMark{Inode: st.Ino, Offset: st.Size}
	}
}

// maxFileBytes bounds what is read of a history file: a larger file is
// read from its last maxFileBytes, a whole line at a time. Together with
// reading only regular files it keeps a HISTFILE such as /dev/zero, a FIFO
// or a runaway file from stalling start-up or growing the shell without
// bound (bash reads at most HISTFILESIZE lines).
const maxFileBytes = 16 << 20

// readTail returns the last maxBytes of the regular file at path, starting
// at a line boundary. The open does not block (a FIFO would wait for a
// writer) and a file that is not regular (a device, a FIFO, a directory)
// reads as empty. One that does not exist is an error (fs.ErrNotExist).
func readTail(path string, maxBytes int64) ([]byte, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC|unix.O_NOCTTY, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	f := os.NewFile(uintptr(fd), path)
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil, err
	}
	size := fi.Size()
	cut, start := max(size-maxBytes, 0), int64(0)
	if cut > 0 {
		start = cut - 1 // the byte before, to see whether the cut is at a line start
	}
	data := make([]byte, size-start)
	n, err := f.ReadAt(data, start)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	data = data[:n]
	if cut > 0 {
		// Drop the partial line the cut landed in, or the newline before it.
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			data = data[i+1:]
		} else {
			data = nil
		}
	}
	return data, nil
}

// ReadFile returns the entries of the file at path (none if it does not
// exist or is not a regular file; at most the last maxFileBytes of it).
// If maxEntries >= 0 and the file holds more, it is rewritten with the
// last maxEntries only (see WriteFile).
func ReadFile(path string, maxEntries int) ([]string, error) {
	entries, err := Entries(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil || maxEntries < 0 || len(entries) <= maxEntries {
		return entries, err
	}
	entries = entries[len(entries)-maxEntries:]
	return entries, WriteFile(path, entries)
}

// Entries returns the entries of the file at path (history -r and -n):
// none if it is not a regular file, at most the last maxFileBytes of it,
// and an error (fs.ErrNotExist) if it does not exist.
func Entries(path string) ([]string, error) {
	data, err := readTail(path, maxFileBytes)
	if err != nil || data == nil {
		return nil, err
	}
	return Decode(string(data)), nil
}

func encodeAll(entries []string) string {
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(EncodeEntry(e))
	}
	return b.String()
}

// WriteFile replaces the contents of the history file at path with
// entries (history -w, and the cut to HISTFILESIZE): a new file written
// beside the real one and renamed over it, so a reader never sees half a
// file. A symbolic link is kept: the file it points to is the one
// replaced. An entry another shell appends during the rewrite is lost
// (bash truncates in place, with the same window).
func WriteFile(path string, entries []string) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gosh_history-*")
	if err != nil {
		return err
	}
	if err := atomicfile.Replace(tmp, path, encodeAll(entries), 0o600); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// AppendPending appends the pending entries (those added since the last
// append) to the file at path, in one write (history -a, and the shell's
// append after each command), and reports how many it wrote. They are
// pending no more; on an error they stay pending. ours says that path is
// the history file, whose own appends -n passes over.
func (h *List) AppendPending(path string, ours bool) (int, error) {
	n := len(h.Pending)
	// With none pending the file is still opened (and created), as
	// bash's history -a does: an unwritable file is an error.
	at, err := appendFile(path, h.Pending)
	if err != nil {
		return 0, err
	}
	h.Pending = nil
	if ours && n > 0 {
		h.Seen.Own = append(h.Seen.Own, at)
	}
	return n, nil
}

// AppendSession appends the entries this shell added since the last
// `history -a` (h.Session of the newest) to the file at path, which is not
// the history file (history -a FILE), in one write.
func (h *List) AppendSession(path string) error {
	if _, err := appendFile(path, h.Entries[len(h.Entries)-h.Session:]); err != nil {
		return err
	}
	h.Session = 0
	return nil
}

// ReadNew adds to the list the entries appended to the history file at
// path since the list last had all of it, other than this shell's own
// (history -n: other shells' commands), keeping at most size entries. A
// file rewritten since (another inode, or shorter) has no known new part:
// the list takes it as read. A file that did not exist when the list was
// marked is all new.
func (h *List) ReadNew(path string, size int) error {
	f, err := os.OpenFile(path, os.O_RDONLY|unix.O_NONBLOCK|unix.O_NOCTTY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil {
		return err
	}
	seen := h.Seen
	h.Seen = FileMark{Inode: st.Ino, Offset: st.Size}
	if st.Mode&unix.S_IFMT != unix.S_IFREG || seen.Inode != 0 && st.Ino != seen.Inode || st.Size < seen.Offset ||
		st.Size-seen.Offset > maxFileBytes {
		return nil
	}
	data := make([]byte, st.Size-seen.Offset)
	n, err := f.ReadAt(data, seen.Offset)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	h.AddRead(Decode(string(othersPart(data[:n], seen))), size)
	return nil
}

// othersPart is data, the file from seen.Offset on, without the ranges
// this shell appended. Each append is whole entries, so what is left is
// too.
func othersPart(data []byte, seen FileMark) []byte {
	var out []byte
	pos := int64(0)
	for _, r := range seen.Own {
		from, to := r[0]-seen.Offset, r[1]-seen.Offset
		if from < pos || to > int64(len(data)) {
			continue // not where the file says: passed over
		}
		out = append(out, data[pos:from]...)
		pos = to
	}
	return append(out, data[pos:]...)
}
