package shell

// The fc builtin: list, edit and run again entries of the history list, as
// bash 5.2 does. Which entries a specification names is package history's
// (FcView); this file is the builtin's options, its output, the editor and
// running the commands.

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/history"
	"github.com/gosh-sh/gosh/parser"
	"mvdan.cc/sh/v3/syntax"
)

// fcEditCommand is the editor fc runs without -e, with the file's name
// after it, as bash's FC_EDIT_COMMAND.
const fcEditCommand = "${FCEDIT:-${EDITOR:-vi}}"

// biFc is `fc [-e ename] [-lnr] [first] [last]` and `fc -s [pat=rep ...]
// [command]` (also `fc -e - ...`).
func (r *Shell) biFc(args []string) int {
	opts, operands, ok := r.parseFcOptions(args)
	if !ok {
		return builtins.StatusUsage
	}
	var listing, numbers, reverse, rerun = false, true, false, false
	editor, haveEditor := "", false
	for _, o := range opts {
		switch o.Letter {
		case 'l':
			listing = true
		case 'n':
			numbers = false
		case 'r':
			reverse = true
		case 's':
			rerun = true
		case 'e':
			editor, haveEditor = o.Value, true
		}
	}
	if rerun || haveEditor && editor == "-" {
		return r.fcRerun(operands)
	}
	ui := r.ui()
	if ui == nil {
		return 0 // no history outside an interactive shell, as in bash
	}
	view := r.fcView()
	sel, err := view.Select(operands, listing, reverse)
	if err != nil {
		r.errorf("fc: %v", err)
		return 1
	}
	if listing {
		var b strings.Builder
		for i := range sel.To - sel.From + 1 {
			at := sel.From + i
			if sel.Reverse {
				at = sel.To - i
			}
			if numbers {
				fmt.Fprintf(&b, "%d", view.Base+at)
			}
			fmt.Fprintf(&b, "\t %s\n", view.Lines[at])
		}
		fmt.Fprint(r.stdout(), b.String())
		return 0
	}
	// The entries to edit are the list's as they are now: fc's own line
	// leaves the list before they are copied out, as POSIX asks ("shall
	// not be entered into the history list").
	entries := append([]string(nil), ui.hist.Entries[sel.From:sel.To+1]...)
	if sel.Reverse {
		for i, j := 0, len(entries)-1; i < j; i, j = i+1, j-1 {
			entries[i], entries[j] = entries[j], entries[i]
		}
	}
	r.dropOwnHistoryLine()
	if !haveEditor {
		editor = fcEditCommand
	}
	return r.fcEdit(editor, entries)
}

// parseFcOptions parses fc's options with builtins.ParseOptions, except
// that, as in bash, a word that is a negative number (-2) ends them: it
// names an entry.
func (r *Shell) parseFcOptions(args []string) (opts []builtins.Option, operands []string, ok bool) {
	end := 1
	for end < len(args) {
		w := args[end]
		if w == "--" {
			end++
			break
		}
		if len(w) < 2 || w[0] != '-' || isFcNumber(w) {
			break
		}
		end++
		if i := strings.IndexByte(w, 'e'); i == len(w)-1 && end < len(args) {
			end++ // -e's value, the next word
		}
	}
	opts, operands, ok = r.parseOptions(args[:end], "e:lnrs")
	return opts, append(operands, args[end:]...), ok
}

// isFcNumber reports whether w is -DIGITS, which fc reads as an entry.
func isFcNumber(w string) bool {
	d := strings.TrimPrefix(w, "-")
	return d != "" && strings.Trim(d, "0123456789") == ""
}

// fcView is the history list as fc sees it.
func (r *Shell) fcView() history.FcView {
	ui := r.ui()
	return history.FcView{Lines: expansionHistory(ui.hist.Entries), Base: ui.hist.Base, OwnLine: ui.lineAdded}
}

// dropOwnHistoryLine takes the command line that runs fc out of the
// history list, if it went in.
func (r *Shell) dropOwnHistoryLine() {
	ui := r.ui()
	if h := &ui.hist; ui.lineAdded && len(h.Entries) > 0 {
		h.Delete(h.Next() - 1)
		ui.lineAdded = false
		r.syncEditorHistory()
	}
}

// fcRerun is fc -s: the entry named by the operand after the PAT=REP
// pairs (the newest by default) is echoed on stderr with the replacements
// made, takes the place of fc's own line in the history, and runs.
func (r *Shell) fcRerun(operands []string) int {
	var pairs [][2]string
	for len(operands) > 0 && strings.Contains(operands[0], "=") {
		pat, rep, _ := strings.Cut(operands[0], "=")
		pairs = append(pairs, [2]string{pat, rep})
		operands = operands[1:]
	}
	spec := ""
	if len(operands) > 0 {
		spec = operands[0]
	}
	ui := r.ui()
	if ui == nil {
		r.errorf("fc: %v", history.ErrNoCommand)
		return 1
	}
	i, err := r.fcView().Entry(spec)
	if err != nil {
		r.errorf("fc: %v", err)
		return 1
	}
	command := history.Substitute(ui.hist.Entries[i], pairs)
	fmt.Fprintln(r.stderr(), command)
	r.dropOwnHistoryLine()
	r.addHistory(command)
	// The command runs as bash runs it, with history off: an fc in it
	// sees the entry it came from as the newest, not as its own line.
	r.ui().lineAdded = false
	return r.evalString(command, "fc")
}

// fcEdit writes entries to a temporary file, runs the editor on it as a
// command (`EDITOR FILE`, a foreground job like any other, which ^Z
// stops), and if the editor succeeds runs the file's commands as bash
// does: each is echoed on stderr as it is read and entered into the
// history. A failed editor runs nothing and fc's status is 1.
func (r *Shell) fcEdit(editor string, entries []string) int {
	dir := r.varValue("TMPDIR")
	if fi, err := os.Stat(r.abs(dir)); dir == "" || err != nil || !fi.IsDir() {
		dir = "/tmp"
	}
	f, err := os.CreateTemp(r.abs(dir), "gosh-fc.*")
	if err != nil {
		r.errorf("fc: cannot open temp file: %s", errnoText(err))
		return 1
	}
	name := f.Name()
	defer os.Remove(name)
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e)
		b.WriteByte('\n')
	}
	_, werr := f.WriteString(b.String())
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		r.errorf("fc: %s: %s", name, errnoText(werr))
		return 1
	}
	if r.evalString(editor+" "+shellQuote(name), "fc") != 0 || r.stopped() {
		return 1
	}
	data, err := os.ReadFile(name)
	if err != nil {
		r.errorf("fc: %s: %s", name, errnoText(err))
		return 1
	}
	return r.fcRunEdited(data)
}

// fcRunEdited runs the edited commands one complete command at a time,
// as a script is read: each is echoed (set -v's way) and entered into the
// history before it runs.
func (r *Shell) fcRunEdited(data []byte) int {
	src := parser.NewSource(bytes.NewReader(data), "fc")
	r.readingFrom(src)
	var text strings.Builder
	src.Echo = func(line []byte) {
		r.stderr().Write(line)
		text.Write(line)
	}
	r.status = 0
	r.evalDepth++
	err := src.Run(func(stmts []*syntax.Stmt) bool {
		r.addHistory(strings.Trim(text.String(), "\n"))
		text.Reset()
		r.runStmts(stmts)
		return !r.stopped()
	})
	r.evalDepth--
	if err != nil && !r.stopped() {
		r.errorf("%s", syntaxErrorText(err))
		return 2
	}
	return r.status
}
