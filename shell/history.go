package shell

// Command history, the shell's side: the variables that rule it (HISTFILE,
// HISTSIZE, HISTFILESIZE, HISTCONTROL), the line editor's recall and the
// history builtin. The list, HISTCONTROL's rules and the history file are
// package history.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/expansion/pattern"
	"github.com/gosh-sh/gosh/history"
	"github.com/gosh-sh/gosh/parser"
)

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
	path := r.histFile()
	if path != "" {
		// An unreadable file (or one that cannot be cut to size) is
		// passed over in silence, as bash does.
		entries, times, _ := history.ReadFileTimed(path, r.histLimit("HISTFILESIZE", 500))
		ui.hist.MarkFile(path)
		if history.ParseControl(r.varValue("HISTCONTROL")).EraseDups {
			entries, times = history.LastOccurrencesTimed(entries, times)
		}
		ui.hist.SetEntries(entries, times)
		ui.hist.StampUnknown(time.Now().Unix())
	}
	ui.hist.Base = 1
	ui.hist.Trim(r.histLimit("HISTSIZE", 500))
	ui.histSize = r.histLimit("HISTSIZE", 500)
	r.syncEditorHistory()
}

// addHistory records a command line as it is entered: in the list, in the
// line editor's recall and at the end of the history file.
func (r *Shell) addHistory(entry string) {
	ui := r.ui()
	if ui == nil {
		return
	}
	ui.lineAdded = false
	size := r.histLimit("HISTSIZE", 500)
	resync := size != ui.histSize
	ui.histSize = size
	if size == 0 {
		ui.hist.SetEntries(nil, nil)
		r.syncEditorHistory()
		return
	}
	h := &ui.hist
	ctl := history.ParseControl(r.varValue("HISTCONTROL"))
	last := ""
	if len(h.Entries) > 0 {
		last = h.Entries[len(h.Entries)-1]
	}
	if !ctl.Keep(entry, last, len(h.Entries) > 0) || r.histIgnores(entry, last, len(h.Entries) > 0) {
		if resync && h.Trim(size) {
			r.syncEditorHistory()
		}
		return
	}
	if ctl.EraseDups && h.Erase(entry) {
		resync = true
	}
	if h.AddAt(entry, time.Now().Unix(), size) {
		resync = true
	}
	ui.lineAdded = true
	if resync {
		r.syncEditorHistory()
	} else if ui.ed != nil {
		ui.ed.AddHistory(recallForm(entry))
	}
	if path := r.histFile(); path != "" {
		if err := r.appendHistoryFile(path); err != nil && ui.histFileFailed != path {
			ui.histFileFailed = path // said once, not after every command
			fmt.Fprintf(r.stderr(), "gosh: %s: %s\n", path, errnoText(err))
		}
	}
}

// histFile is the history file's path (HISTFILE, against the shell's
// directory), "" if there is none.
func (r *Shell) histFile() string {
	return r.abs(r.varValue("HISTFILE"))
}

// appendHistoryFile appends the entries not yet in a history file to the
// file at path (after each command, and history -a), marking them as the
// shell's own when path is HISTFILE, for history -n to pass over.
func (r *Shell) appendHistoryFile(path string) error {
	h := &r.ui().hist
	h.WriteTimes = r.lookupVar("HISTTIMEFORMAT").Set
	_, err := h.AppendPending(path, path == r.histFile())
	return err
}

// syncEditorHistory gives the line editor the whole list again.
func (r *Shell) syncEditorHistory() {
	ui := r.ui()
	if ui == nil || ui.ed == nil {
		return
	}
	forms := make([]string, len(ui.hist.Entries))
	for i, e := range ui.hist.Entries {
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
// `history -d N` deletes entry N; -a, -n, -r and -w move entries between
// the list and the history file (historyFileOp).
func (r *Shell) biHistory(args []string) int {
	opts, args, ok := r.parseOptions(args, "cd:psanrw")
	if !ok {
		return builtins.StatusUsage
	}
	clearAll, offset, deleting, expandOrStore := false, "", false, ""
	var fileOp byte
	for _, o := range opts {
		switch o.Letter {
		case 'p', 's':
			expandOrStore = "-" + string(o.Letter)
		case 'c':
			clearAll = true
		case 'd':
			offset, deleting = o.Value, true
		case 'a', 'n', 'r', 'w':
			if fileOp != 0 && fileOp != o.Letter {
				r.errorf("history: cannot use more than one of -anrw")
				return 1
			}
			fileOp = o.Letter
		}
	}
	ui := r.ui()
	if ui == nil {
		return 0 // a non-interactive shell keeps no history, as in bash
	}
	h := &ui.hist
	if expandOrStore != "" {
		return r.historyExpandOrStore(expandOrStore, args)
	}
	if clearAll {
		h.Clear()
		r.syncEditorHistory()
		if !deleting && fileOp == 0 {
			return 0
		}
	}
	if deleting {
		n, err := strconv.Atoi(offset)
		if n < 0 {
			n += h.Next()
		}
		if err != nil || !h.Delete(n) {
			r.errorf("history: %s: history position out of range", offset)
			return 1
		}
		r.syncEditorHistory()
		return 0
	}
	if fileOp != 0 {
		return r.historyFileOp(fileOp, args)
	}
	if len(args) > 1 {
		r.errorf("history: too many arguments")
		return 1
	}
	from := 0
	if len(args) > 0 {
		n, err := strconv.Atoi(args[0])
		if err != nil || n < 0 {
			r.errorf("history: %s: numeric argument required", args[0])
			return 1
		}
		from = max(len(h.Entries)-n, 0)
	}
	var b strings.Builder
	tz := r.lookupVar("TZ")
	timeFormat, loc := r.varValue("HISTTIMEFORMAT"), builtins.Location(tz.String(), tz.Set)
	for i := from; i < len(h.Entries); i++ {
		fmt.Fprintf(&b, "%5d  %s%s\n", h.Base+i, entryTime(h.Time(i), timeFormat, loc), h.Entries[i])
	}
	fmt.Fprint(r.stdout(), b.String())
	return 0
}

// entryTime is what `history` shows before an entry entered at the Unix
// time at: nothing when format (HISTTIMEFORMAT) is empty or unset, else
// the time formatted with it, as strftime does, or "??" for an entry
// whose time is unknown, as bash shows it.
func entryTime(at int64, format string, loc *time.Location) string {
	switch {
	case format == "":
		return ""
	case at == 0:
		return "??"
	}
	return builtins.Strftime(format, time.Unix(at, 0).In(loc))
}

// historyFileOp is history -a, -n, -r or -w, on the file named by the
// first operand or HISTFILE. -a appends to HISTFILE the entries not yet
// appended (the shell appends each command as it is entered, so there are
// none unless that failed or HISTFILE was unset), and to another file the
// entries added since the last -a, as bash does; -n adds the entries of
// the file that the list has not read (other shells' commands); -r adds
// the whole file; -w writes the whole list as a new file, renamed over
// the old. Only -a's failure to open the file is reported, as in bash;
// each failure returns 1.
func (r *Shell) historyFileOp(op byte, args []string) int {
	ui := r.ui()
	h := &ui.hist
	path, shown := r.histFile(), r.varValue("HISTFILE")
	if len(args) > 0 {
		path, shown = r.abs(args[0]), args[0]
	}
	if path == "" {
		return 1
	}
	ours := path == r.histFile()
	size := r.histLimit("HISTSIZE", 500)
	h.WriteTimes = r.lookupVar("HISTTIMEFORMAT").Set // as bash writes them: when it is set, even empty
	var err error
	switch op {
	case 'a':
		if ours {
			err = r.appendHistoryFile(path)
		} else {
			err = h.AppendSession(path)
		}
		if err != nil {
			r.errorf("history: %s: cannot create: %s", shown, errnoText(err))
		} else {
			h.Session = 0
		}
	case 'n':
		err = h.ReadNew(path, size)
	case 'r':
		var entries []string
		var times []int64
		if entries, times, err = history.EntriesTimed(path); err == nil {
			h.AddReadTimed(entries, times, size)
			if ours {
				h.MarkFile(path)
			}
		}
	case 'w':
		if err = h.WriteList(path); err == nil && ours {
			h.MarkFile(path)
			h.Pending = nil
		}
	}
	if op == 'n' || op == 'r' {
		h.StampUnknown(time.Now().Unix()) // bash stamps what it reads with the time it reads it
		r.syncEditorHistory()
	}
	if err != nil {
		return 1
	}
	return 0
}

// histIgnores reports whether HISTIGNORE keeps entry out of the history:
// it is a list of patterns separated by colons, each matched against the
// whole line, where & stands for the previous entry, as in bash.
func (r *Shell) histIgnores(entry, last string, hasLast bool) bool {
	list := r.varValue("HISTIGNORE")
	if list == "" {
		return false
	}
	mode := pattern.Mode(0)
	if r.opts.extglob {
		mode |= pattern.ExtGlob
	}
	for p := range strings.SplitSeq(list, ":") {
		if p == "&" {
			if hasLast && entry == last {
				return true
			}
			continue
		}
		if p == "" {
			continue
		}
		if m, err := r.g.patterns.Compile(p, mode); err == nil && m.Match(entry) {
			return true
		}
	}
	return false
}
