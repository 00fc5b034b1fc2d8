// Package history is an interactive shell's command history: the numbered
// list that `history` shows and up and down recall, what HISTCONTROL keeps
// out of it, the history file's format and the rules for reading,
// appending to, rewriting and cutting that file, and how fc names entries
// (fc.go).
//
// The line is drawn at the shell's variables and builtins: this package is
// given sizes, a HISTCONTROL value and a file name, and never looks them up
// itself. Reading HISTFILE, HISTSIZE and HISTFILESIZE, the history builtin,
// the line editor's recall and the errors a user sees stay in package
// shell. So everything here is a plain function of its arguments and the
// file system, tested without a shell, and imports nothing of gosh's but
// atomicfile.
package history

import (
	"slices"
	"strings"
)

// List is the list of entered commands. Entries[0] is number Base; the
// first entry a shell ever has is number 1, and numbers go on rising when
// older entries are dropped or the list is cleared, as in bash.
//
// Beside the list it keeps what it knows of the history file: the entries
// added since the last append to a file (Pending, what `history -a`
// writes; the shell appends after each command, so it is empty unless that
// failed or HISTFILE is unset), how many of the newest entries this shell
// added since the last `history -a` (Session, bash's
// history_lines_this_session: what `history -a FILE` appends to a file
// other than HISTFILE), and how far the list has read the history file,
// with the shell's own appends since (Seen: `history -n` reads the rest,
// other shells' entries).
//
// Times[i] is when Entries[i] was entered, in seconds since the epoch, or 0
// when that is not known (an entry read from a file without bash's
// timestamp lines); the list's methods keep it as long as Entries.
// WriteTimes, which the shell sets when HISTTIMEFORMAT is set, as bash
// does, writes each known time before its entry in the file ("#EPOCH").
type List struct {
	Entries []string
	Times   []int64
	Base    int

	Pending    []string
	Session    int
	Seen       FileMark
	WriteTimes bool

	pendingTimes []int64 // the times of Pending
}

// Time is when entry number Base+i was entered (Unix seconds), 0 if unknown.
func (h *List) Time(i int) int64 {
	if i < 0 || i >= len(h.Times) {
		return 0
	}
	return h.Times[i]
}

// SetEntries makes entries, entered at times (nil or shorter: unknown),
// the whole list; nothing is pending.
func (h *List) SetEntries(entries []string, times []int64) {
	h.Entries = entries
	h.Times = alignedTimes(times, len(entries))
	h.Pending, h.pendingTimes = nil, nil
}

// alignedTimes is times cut or filled with zeros (unknown) to n.
func alignedTimes(times []int64, n int) []int64 {
	out := make([]int64, n)
	copy(out, times)
	return out
}

// FileMark is how much of the history file the list has: the file (by
// inode, as a rewrite by another shell makes a new one), the bytes up to
// Offset, and the byte ranges after it that this shell appended itself.
type FileMark struct {
	Inode  uint64
	Offset int64
	Own    [][2]int64
}

// Next is the number the next entry gets (bash's \!).
func (h *List) Next() int { return h.Base + len(h.Entries) }

// Add appends entry, keeping at most size entries (size < 0: no limit),
// and counts it as pending for the history file. It reports whether older
// entries were dropped.
func (h *List) Add(entry string, size int) bool { return h.AddAt(entry, 0, size) }

// AddAt is Add for an entry entered at the time at (Unix seconds).
func (h *List) AddAt(entry string, at int64, size int) bool {
	h.Times = append(alignedTimes(h.Times, len(h.Entries)), at)
	h.Entries = append(h.Entries, entry)
	h.pendingTimes = append(alignedTimes(h.pendingTimes, len(h.Pending)), at)
	h.Pending = append(h.Pending, entry)
	h.Session++
	return h.Trim(size)
}

// AddRead appends entries read from a history file (history -r, -n),
// keeping at most size entries. They are not pending: the file has them.
// It reports whether older entries were dropped.
func (h *List) AddRead(entries []string, size int) bool { return h.AddReadTimed(entries, nil, size) }

// AddReadTimed is AddRead for entries with their times (nil or shorter:
// unknown), as DecodeTimed returns them.
func (h *List) AddReadTimed(entries []string, times []int64, size int) bool {
	h.Times = append(alignedTimes(h.Times, len(h.Entries)), alignedTimes(times, len(entries))...)
	h.Entries = append(h.Entries, entries...)
	return h.Trim(size)
}

// Trim drops the oldest entries until at most size are left (size < 0: no
// limit), and the oldest pending ones likewise. It reports whether any
// entries were dropped.
func (h *List) Trim(size int) bool {
	if size >= 0 && len(h.Pending) > size {
		drop := len(h.Pending) - size
		h.pendingTimes = alignedTimes(h.pendingTimes, len(h.Pending))[drop:]
		h.Pending = append(h.Pending[:0:0], h.Pending[drop:]...)
	}
	if size < 0 || len(h.Entries) <= size {
		return false
	}
	h.Session = min(h.Session, size)
	drop := len(h.Entries) - size
	h.Times = alignedTimes(h.Times, len(h.Entries))[drop:]
	h.Entries = append(h.Entries[:0:0], h.Entries[drop:]...)
	h.Base += drop
	return true
}

// Erase removes every entry equal to entry (HISTCONTROL=erasedups). The
// numbers of the entries after them change, as in bash. It reports
// whether any was removed.
func (h *List) Erase(entry string) bool {
	kept := h.Entries[:0]
	times := alignedTimes(h.Times, len(h.Entries))
	keptTimes := times[:0]
	for i, e := range h.Entries {
		if e != entry {
			kept = append(kept, e)
			keptTimes = append(keptTimes, times[i])
		}
	}
	h.Times = keptTimes
	changed := len(kept) != len(h.Entries)
	clear(h.Entries[len(kept):])
	h.Entries = kept
	h.Session = min(h.Session, len(kept))
	return changed
}

// Clear empties the list (history -c); the next entry keeps its number.
// Nothing is pending any more, as in bash.
func (h *List) Clear() {
	h.Base += len(h.Entries)
	h.Entries, h.Times, h.Pending, h.pendingTimes, h.Session = nil, nil, nil, nil, 0
}

// Delete removes entry number n (history -d), reporting false when there
// is no such entry. The entries after it are numbered one lower.
func (h *List) Delete(n int) bool {
	if n < h.Base || n >= h.Next() {
		return false
	}
	i := n - h.Base
	if i >= len(h.Entries)-h.Session {
		h.Session--
	}
	times := alignedTimes(h.Times, len(h.Entries))
	h.Times = append(times[:i:i], times[i+1:]...)
	h.Entries = append(h.Entries[:i:i], h.Entries[i+1:]...)
	return true
}

// LastOccurrences keeps the last copy of each entry, in order: a list read
// from the file under HISTCONTROL=erasedups.
func LastOccurrences(entries []string) []string {
	out, _ := LastOccurrencesTimed(entries, nil)
	return out
}

// LastOccurrencesTimed is LastOccurrences, keeping each kept entry's time
// (times nil or shorter: unknown).
func LastOccurrencesTimed(entries []string, times []int64) ([]string, []int64) {
	times = alignedTimes(times, len(entries))
	seen := make(map[string]bool, len(entries))
	var out []string
	var outTimes []int64
	for i := len(entries) - 1; i >= 0; i-- {
		if !seen[entries[i]] {
			seen[entries[i]] = true
			out = append(out, entries[i])
			outTimes = append(outTimes, times[i])
		}
	}
	slices.Reverse(out)
	slices.Reverse(outTimes)
	return out, outTimes
}

// StampUnknown gives the entries whose time is unknown the time now (Unix
// seconds): bash stamps an entry it reads from a file without a timestamp
// with the time it reads it.
func (h *List) StampUnknown(now int64) {
	h.Times = alignedTimes(h.Times, len(h.Entries))
	for i, t := range h.Times {
		if t == 0 {
			h.Times[i] = now
		}
	}
}

// Control is what HISTCONTROL asks for.
type Control struct {
	IgnoreSpace, IgnoreDups, EraseDups bool
}

// ParseControl reads a HISTCONTROL value: a colon-separated list of
// ignorespace, ignoredups, ignoreboth and erasedups. Other words are
// passed over, as bash passes them over.
func ParseControl(s string) Control {
	var c Control
	for w := range strings.SplitSeq(s, ":") {
		switch w {
		case "ignorespace":
			c.IgnoreSpace = true
		case "ignoredups":
			c.IgnoreDups = true
		case "ignoreboth":
			c.IgnoreSpace, c.IgnoreDups = true, true
		case "erasedups":
			c.EraseDups = true
		}
	}
	return c
}

// Keep reports whether entry goes into a list whose last entry is last
// (haveLast false: the list is empty). A blank entry never does.
func (c Control) Keep(entry string, last string, haveLast bool) bool {
	if strings.TrimSpace(entry) == "" {
		return false
	}
	if c.IgnoreSpace && (entry[0] == ' ' || entry[0] == '\t') {
		return false
	}
	return !(c.IgnoreDups && haveLast && entry == last)
}
