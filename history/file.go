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
// trailing backslashes are stored verbatim. A line of the form #DIGITS
// outside an entry is bash's timestamp: the time, in seconds since the
// epoch, when the entry after it was entered. It is read whenever it is
// there, and written before each entry whose time is known when the list
// asks for it (List.WriteTimes: HISTTIMEFORMAT is set), as bash does:
//
//	#1700000000
//	ls -l

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
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
	entries, _ := DecodeTimed(data)
	return entries
}

// DecodeTimed splits the contents of a history file into entries and the
// time of each, from the timestamp line before it (0 without one; the last
// of several in a row counts).
func DecodeTimed(data string) ([]string, []int64) {
	var out []string
	var times []int64
	var cur strings.Builder
	cont := false
	var stamp int64
	for len(data) > 0 {
		line, rest, _ := strings.Cut(data, "\n")
		data = rest
		if !cont && isTimestampLine(line) {
			var err error
			if stamp, err = strconv.ParseInt(line[1:], 10, 64); err != nil {
				stamp = 0 // out of range: unknown
			}
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
			times = append(times, stamp)
		}
		stamp = 0
		cur.Reset()
	}
	if s := strings.TrimSuffix(cur.String(), "\n"); strings.TrimSpace(s) != "" {
		out = append(out, s) // the file ended inside an entry
		times = append(times, stamp)
	}
	return out, times
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
	_, err := appendFile(path, entries, nil)
	return err
}

// appendFile is AppendFile, returning the byte range the entries took in
// the file: with O_APPEND the offset after the write is its end.
// times, if not nil, are the entries' times, written before them.
func appendFile(path string, entries []string, times []int64) (at [2]int64, err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|unix.O_NONBLOCK|unix.O_NOCTTY, 0o600)
	if err != nil {
		return at, err
	}
	data := encodeAll(entries, times)
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
	entries, _, err := ReadFileTimed(path, maxEntries)
	return entries, err
}

// ReadFileTimed is ReadFile, with each entry's time (0: unknown). A file
// cut to size keeps the timestamps of the entries it keeps, as bash's
// truncation keeps those lines.
func ReadFileTimed(path string, maxEntries int) ([]string, []int64, error) {
	entries, times, err := EntriesTimed(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil || maxEntries < 0 || len(entries) <= maxEntries {
		return entries, times, err
	}
	drop := len(entries) - maxEntries
	entries, times = entries[drop:], times[drop:]
	return entries, times, WriteFileTimed(path, entries, times)
}

// Entries returns the entries of the file at path (history -r and -n):
// none if it is not a regular file, at most the last maxFileBytes of it,
// and an error (fs.ErrNotExist) if it does not exist.
func Entries(path string) ([]string, error) {
	entries, _, err := EntriesTimed(path)
	return entries, err
}

// EntriesTimed is Entries, with each entry's time (0: unknown).
func EntriesTimed(path string) ([]string, []int64, error) {
	data, err := readTail(path, maxFileBytes)
	if err != nil || data == nil {
		return nil, nil, err
	}
	entries, times := DecodeTimed(string(data))
	return entries, times, nil
}

// encodeAll is the file's text for entries, each known time of times (nil:
// none) on a timestamp line before its entry.
func encodeAll(entries []string, times []int64) string {
	var b strings.Builder
	for i, e := range entries {
		if i < len(times) && times[i] > 0 {
			b.WriteByte('#')
			b.WriteString(strconv.FormatInt(times[i], 10))
			b.WriteByte('\n')
		}
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
func WriteFile(path string, entries []string) error { return WriteFileTimed(path, entries, nil) }

// WriteFileTimed is WriteFile with each known time of times (nil: none)
// written before its entry.
func WriteFileTimed(path string, entries []string, times []int64) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gosh_history-*")
	if err != nil {
		return err
	}
	if err := atomicfile.Replace(tmp, path, encodeAll(entries, times), 0o600); err != nil {
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
	at, err := appendFile(path, h.Pending, h.timesToWrite(h.pendingTimes))
	if err != nil {
		return 0, err
	}
	h.Pending, h.pendingTimes = nil, nil
	if ours && n > 0 {
		h.Seen.Own = append(h.Seen.Own, at)
	}
	return n, nil
}

// AppendSession appends the entries this shell added since the last
// `history -a` (h.Session of the newest) to the file at path, which is not
// the history file (history -a FILE), in one write.
func (h *List) AppendSession(path string) error {
	from := len(h.Entries) - h.Session
	if _, err := appendFile(path, h.Entries[from:], h.timesToWrite(alignedTimes(h.Times, len(h.Entries))[from:])); err != nil {
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
	entries, times := DecodeTimed(string(othersPart(data[:n], seen)))
	h.AddReadTimed(entries, times, size)
	return nil
}

// WriteList replaces the file at path with the whole list (history -w),
// with the entries' times if the list writes them.
func (h *List) WriteList(path string) error {
	return WriteFileTimed(path, h.Entries, h.timesToWrite(h.Times))
}

// timesToWrite is times when the list writes timestamps (WriteTimes), else nil.
func (h *List) timesToWrite(times []int64) []int64 {
	if !h.WriteTimes {
		return nil
	}
	return times
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
