package shell

// Command history: the list `history` shows and up/down recall, and the
// history file, ~/.gosh_history by default (HISTFILE).
//
// The file is written one entry at a time, as each command is entered, with
// a single write(2) on a descriptor opened O_APPEND: two shells writing the
// same file at once interleave whole entries and lose none. It is read when
// the interactive shell starts (after the startup files, so they can set
// HISTFILE, HISTSIZE and HISTFILESIZE) and cut to HISTFILESIZE entries then.
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
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gosh-sh/gosh/parser"
	"golang.org/x/sys/unix"
)

// history is an interactive shell's list of entered commands.
type history struct {
	entries []string
	base    int // the number of entries[0]; the first entry ever is 1
}

// next is the number the next entry gets (bash's \!).
func (h *history) next() int { return h.base + len(h.entries) }

// add appends entry, keeping at most size entries (size < 0: no limit).
// It reports whether older entries were dropped.
func (h *history) add(entry string, size int) bool {
	h.entries = append(h.entries, entry)
	return h.trim(size)
}

func (h *history) trim(size int) bool {
	if size < 0 || len(h.entries) <= size {
		return false
	}
	drop := len(h.entries) - size
	h.entries = append(h.entries[:0:0], h.entries[drop:]...)
	h.base += drop
	return true
}

// erase removes every entry equal to entry (HISTCONTROL=erasedups). The
// numbers of the entries after them change, as in bash.
func (h *history) erase(entry string) bool {
	kept := h.entries[:0]
	for _, e := range h.entries {
		if e != entry {
			kept = append(kept, e)
		}
	}
	changed := len(kept) != len(h.entries)
	clear(h.entries[len(kept):])
	h.entries = kept
	return changed
}

// histControl is what HISTCONTROL asks for.
type histControl struct {
	ignoreSpace, ignoreDups, eraseDups bool
}

func parseHistControl(s string) histControl {
	var c histControl
	for w := range strings.SplitSeq(s, ":") {
		switch w {
		case "ignorespace":
			c.ignoreSpace = true
		case "ignoredups":
			c.ignoreDups = true
		case "ignoreboth":
			c.ignoreSpace, c.ignoreDups = true, true
		case "erasedups":
			c.eraseDups = true
		}
	}
	return c
}

// keep reports whether entry goes into a history whose last entry is last.
func (c histControl) keep(entry string, last string, haveLast bool) bool {
	if strings.TrimSpace(entry) == "" {
		return false
	}
	if c.ignoreSpace && (entry[0] == ' ' || entry[0] == '\t') {
		return false
	}
	return !(c.ignoreDups && haveLast && entry == last)
}

// encodeHistoryEntry returns entry as it is written to the history file,
// with its final newline (see the file comment).
func encodeHistoryEntry(entry string) string {
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

// decodeHistory splits the contents of a history file into entries.
func decodeHistory(data string) []string {
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

// appendHistoryFile appends one entry to the file at path with a single
// write, creating the file with mode 0600. The open does not block: a FIFO
// that nobody reads is an error, not a hang.
func appendHistoryFile(path, entry string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|unix.O_NONBLOCK|unix.O_NOCTTY, 0o600)
	if err != nil {
		return err
	}
	_, werr := f.WriteString(encodeHistoryEntry(entry))
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}

// maxHistoryBytes bounds what is read of a history file: a larger file is
// read from its last maxHistoryBytes, a whole line at a time. Together with
// reading only regular files it keeps a HISTFILE such as /dev/zero, a FIFO
// or a runaway file from stalling start-up or growing the shell without
// bound (bash reads at most HISTFILESIZE lines).
const maxHistoryBytes = 16 << 20

// readHistoryTail returns the last maxBytes of the regular file at path,
// starting at a line boundary. The open does not block (a FIFO would wait for a writer) and a file
// that is not regular (a device, a FIFO, a directory) reads as empty, as
// does one that does not exist.
func readHistoryTail(path string, maxBytes int64) ([]byte, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC|unix.O_NOCTTY, 0)
	if errors.Is(err, unix.ENOENT) {
		return nil, nil
	}
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

// readHistoryFile returns the entries of the file at path (none if it does
// not exist or is not a regular file; at most the last maxHistoryBytes of
// it). If maxEntries >= 0 and the file holds more, it is rewritten with the
// last maxEntries only (see trimHistoryFile).
func readHistoryFile(path string, maxEntries int) ([]string, error) {
	data, err := readHistoryTail(path, maxHistoryBytes)
	if err != nil || data == nil {
		return nil, err
	}
	entries := decodeHistory(string(data))
	if maxEntries < 0 || len(entries) <= maxEntries {
		return entries, nil
	}
	entries = entries[len(entries)-maxEntries:]
	return entries, trimHistoryFile(path, entries)
}

// trimHistoryFile replaces the contents of the history file at path with
// entries: a new file written beside the real one and renamed over it, so a
// reader never sees half a file. A symbolic link is kept: the file it
// points to is the one replaced. An entry another shell appends during the
// rewrite is lost (bash truncates in place, with the same window).
func trimHistoryFile(path string, entries []string) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(encodeHistoryEntry(e))
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gosh_history-*")
	if err != nil {
		return err
	}
	if err := replaceWith(tmp, path, b.String(), 0o600); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// histLimit reads a size variable: unset or empty is def, a negative or
// non-numeric value means no limit (-1), as in bash.
func (r *Shell) histLimit(name string, def int) int {
	v := r.lookupVar(name)
	if !v.Set || v.String() == "" {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.String()))
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// initHistoryVars gives HISTFILE, HISTSIZE and HISTFILESIZE bash's
// defaults, before the startup files run, so that they can change them.
func (r *Shell) initHistoryVars() {
	if v := r.lookupVar("HISTFILE"); !v.Set {
		if home := r.varValue("HOME"); home != "" {
			r.setString("HISTFILE", strings.TrimSuffix(home, "/")+"/.gosh_history")
		}
	}
	for _, name := range []string{"HISTSIZE", "HISTFILESIZE"} {
		if v := r.lookupVar(name); !v.Set {
			r.setString(name, "500")
		}
	}
}

// loadHistory reads the history file into the list, after the startup files.
func (r *Shell) loadHistory() {
	ui := r.ui()
	if ui == nil {
		return
	}
	path := r.varValue("HISTFILE")
	if path != "" {
		// An unreadable file (or one that cannot be cut to size) is
		// passed over in silence, as bash does.
		entries, _ := readHistoryFile(path, r.histLimit("HISTFILESIZE", 500))
		if parseHistControl(r.varValue("HISTCONTROL")).eraseDups {
			entries = lastOccurrences(entries)
		}
		ui.hist.entries = entries
	}
	ui.hist.base = 1
	ui.hist.trim(r.histLimit("HISTSIZE", 500))
	ui.histSize = r.histLimit("HISTSIZE", 500)
	r.syncEditorHistory()
}

// lastOccurrences keeps the last copy of each entry, in order.
func lastOccurrences(entries []string) []string {
	seen := make(map[string]bool, len(entries))
	var out []string
	for i := len(entries) - 1; i >= 0; i-- {
		if !seen[entries[i]] {
			seen[entries[i]] = true
			out = append(out, entries[i])
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// addHistory records a command line as it is entered: in the list, in the
// line editor's recall and at the end of the history file.
func (r *Shell) addHistory(entry string) {
	r.histCount++
	ui := r.ui()
	if ui == nil {
		return
	}
	size := r.histLimit("HISTSIZE", 500)
	resync := size != ui.histSize
	ui.histSize = size
	if size == 0 {
		ui.hist.entries = nil
		r.syncEditorHistory()
		return
	}
	h := &ui.hist
	ctl := parseHistControl(r.varValue("HISTCONTROL"))
	last := ""
	if len(h.entries) > 0 {
		last = h.entries[len(h.entries)-1]
	}
	if !ctl.keep(entry, last, len(h.entries) > 0) {
		if resync && h.trim(size) {
			r.syncEditorHistory()
		}
		return
	}
	if ctl.eraseDups && h.erase(entry) {
		resync = true
	}
	if h.add(entry, size) {
		resync = true
	}
	if resync {
		r.syncEditorHistory()
	} else if ui.ed != nil {
		ui.ed.AddHistory(recallForm(entry))
	}
	if path := r.varValue("HISTFILE"); path != "" {
		if err := appendHistoryFile(path, entry); err != nil && ui.histFileFailed != path {
			ui.histFileFailed = path // said once, not after every command
			fmt.Fprintf(r.stderr(), "gosh: %s: %s\n", path, errnoText(err))
		}
	}
}

// syncEditorHistory gives the line editor the whole list again.
func (r *Shell) syncEditorHistory() {
	ui := r.ui()
	if ui == nil || ui.ed == nil {
		return
	}
	forms := make([]string, len(ui.hist.entries))
	for i, e := range ui.hist.entries {
		forms[i] = recallForm(e)
	}
	ui.ed.SetHistory(forms)
}

// recallForm is how an entry comes back with up and down: a command of
// several lines is joined into one (`for ...; do ...; done`), because the
// editor redraws only one logical line. A here-document cannot be joined
// and comes back as it was typed.
func recallForm(entry string) string {
	if !strings.Contains(entry, "\n") {
		return entry
	}
	f, err := parser.Parse(entry, "")
	if err != nil {
		return entry
	}
	s := parser.PrintOneLine(f)
	if s == "" || strings.Contains(s, "\n") {
		return entry
	}
	return s
}

// biHistory is the history builtin: `history [N]` lists the last N entries
// (all by default) with their numbers, `history -c` clears the list and
// `history -d N` deletes entry N. The history file is not changed: it only
// ever grows, as each command is entered.
func (r *Shell) biHistory(args []string) int {
	ui := r.ui()
	if ui == nil {
		return 0 // a non-interactive shell keeps no history, as in bash
	}
	h := &ui.hist
	args = args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	switch {
	case len(args) > 0 && (args[0] == "-p" || args[0] == "-s"):
		return r.historyExpandOrStore(args[0], args[1:])
	case len(args) > 0 && args[0] == "-c":
		h.base += len(h.entries)
		h.entries = nil
		r.syncEditorHistory()
		return 0
	case len(args) > 0 && args[0] == "-d":
		if len(args) < 2 {
			r.errorf("history: -d: option requires an argument")
			return 2
		}
		n, err := strconv.Atoi(args[1])
		if n < 0 {
			n += h.next()
		}
		if err != nil || n < h.base || n >= h.next() {
			r.errorf("history: %s: history position out of range", args[1])
			return 1
		}
		i := n - h.base
		h.entries = append(h.entries[:i:i], h.entries[i+1:]...)
		r.syncEditorHistory()
		return 0
	case len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && (args[0][1] < '0' || args[0][1] > '9'):
		r.errorf("history: %s: invalid option", args[0])
		fmt.Fprintln(r.stderr(), "history: usage: history [-c] [-d offset] [n] or history -ps arg [arg...]")
		return 2
	}
	from := 0
	if len(args) > 0 {
		n, err := strconv.Atoi(args[0])
		if err != nil || n < 0 {
			r.errorf("history: %s: numeric argument required", args[0])
			return 1
		}
		from = max(len(h.entries)-n, 0)
	}
	var b strings.Builder
	for i := from; i < len(h.entries); i++ {
		fmt.Fprintf(&b, "%5d  %s\n", h.base+i, h.entries[i])
	}
	fmt.Fprint(r.stdout(), b.String())
	return 0
}
