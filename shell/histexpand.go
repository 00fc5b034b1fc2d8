package shell

import (
	"fmt"
	"strings"

	"github.com/gosh-sh/gosh/histexpand"
)

// expandHistory does history expansion (`!!`, `!$`, `^old^new`) on a line
// just read at the prompt, before it is parsed or saved, as an interactive
// bash does with `set -H` (the default there). It reports whether the line
// is to be run: after a failed expansion (the error is printed) or a :p
// modifier (the result is printed and saved in the history) it is not. An
// expanded line is echoed on stderr first, as bash does.
//
// pending is the command read so far on earlier lines (PS2): a line that
// continues a single-quoted string is left alone up to its closing quote.
func (r *Shell) expandHistory(line, pending string) (string, bool) {
	ui := r.ui()
	if ui == nil || !r.opts.histexpand {
		return line, true
	}
	opts := r.histExpandOptions()
	opts.InSingleQuote = pending != "" && histexpand.OpenSingleQuote(pending)
	if strings.IndexByte(line, opts.Chars.Expansion) < 0 && (line == "" || line[0] != opts.Chars.Subst) {
		return line, true // the usual case: no history reference
	}
	out, changed, printOnly, err := histexpand.Expand(line, expansionHistory(ui.hist.Entries), opts)
	if err != nil {
		r.errorf("%v", err)
		return "", false
	}
	if changed {
		fmt.Fprintln(r.stderr(), out)
	}
	if printOnly {
		r.addHistory(out)
		return "", false
	}
	return out, true
}

// expansionHistory is the history as expansion sees it: a command entered
// on several lines is one line, as bash's cmdhist stores it.
func expansionHistory(entries []string) []string {
	out := entries
	for i, e := range entries {
		if !strings.Contains(e, "\n") {
			continue
		}
		if &out[0] == &entries[0] {
			out = append([]string(nil), entries...)
		}
		out[i] = recallForm(e)
	}
	return out
}

// historyExpandOrStore is `history -p ARG...`, which prints each ARG
// history-expanded (a failed one is reported and the status is 1), and
// `history -s ARG...`, which stores the ARGs, joined by spaces, as one
// entry. Either first takes the command line that ran it out of the
// history list, as bash does, so that `history -p '!!'` means the command
// before.
func (r *Shell) historyExpandOrStore(flag string, args []string) int {
	ui := r.ui()
	if ui == nil {
		return 0 // a non-interactive shell keeps no history, as in bash
	}
	if h := &ui.hist; len(h.Entries) > 0 && h.Entries[len(h.Entries)-1] == ui.current {
		h.Delete(h.Next() - 1)
		r.syncEditorHistory()
	}
	if flag == "-s" {
		if len(args) > 0 {
			r.addHistory(strings.Join(args, " "))
		}
		return 0
	}
	opts := r.histExpandOptions()
	entries := expansionHistory(ui.hist.Entries)
	status := 0
	for _, a := range args {
		s, _, _, err := histexpand.Expand(a, entries, opts)
		if err != nil {
			r.errorf("history: %s: history expansion failed", a)
			status = 1
			continue
		}
		fmt.Fprintln(r.stdout(), s)
	}
	return status
}

// histExpandOptions are the settings history expansion runs with now, in
// an interactive shell.
func (r *Shell) histExpandOptions() *histexpand.Options {
	ui := r.ui()
	return &histexpand.Options{
		Chars:   histexpand.ParseChars(r.varValue("histchars")),
		Base:    ui.hist.Base,
		Extglob: r.opts.extglob,
		Memory:  &ui.histMemory,
	}
}
