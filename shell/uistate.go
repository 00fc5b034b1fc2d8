package shell

import (
	"strconv"

	"github.com/gosh-sh/gosh/histexpand"
	"github.com/gosh-sh/gosh/history"
	"golang.org/x/sys/unix"
)

// uiState is what an interactive shell keeps beside the evaluator's state:
// its history, its line editor's recall and whether it is a login shell. It hangs off
// the shell's global part (shared with in-process subshells, so that
// `$(history)` works); a shell that is not interactive has none.
type uiState struct {
	hist     history.List
	histSize int // HISTSIZE when the list was last trimmed
	// ed is the line editor's recall, kept in step with hist; nil
	// without line editing.
	ed    Recall
	login bool
	// histMemory is what history expansion carries from line to line
	// (the last :s substitution and !?string? search).
	histMemory histexpand.Memory
	// histFileFailed is the history file an append to last failed, so
	// that the error is reported once (HOME unwritable, or missing).
	histFileFailed string
	// current is the command line being run, for history -p and -s,
	// which take it out of the history as bash does.
	current string
	// histCount counts the command lines entered, for the prompt's \#.
	histCount int
	// warnedStopped: "There are stopped jobs." was printed; lastWasExit:
	// by the command line just run, so that an exit right after it
	// leaves (checkStoppedJobs, runInteractive).
	warnedStopped, lastWasExit bool
	// lineAdded: the last entry offered to the history went into the
	// list (bash's hist_last_line_added), so that fc knows whether the
	// newest entry is its own command line.
	lineAdded bool
}

func (r *Shell) ui() *uiState { return r.g.ui }

// commandNumber is the prompt's \#: at the prompt, the number of the
// command line being entered (one more than the lines entered so far); in
// a script, the number of the command being run, counted as bash counts
// the commands it reads (a compound command is one); 1 in gosh -c, which
// bash does not count either.
func (r *Shell) commandNumber() int {
	if ui := r.ui(); ui != nil {
		return ui.histCount + 1
	}
	return max(r.g.commandsRead, 1)
}

// initInteractive runs before the startup files of an interactive shell:
// it sets up the history and bash's interactive defaults.
func (r *Shell) initInteractive(inv *invocation) {
	r.g.ui = &uiState{login: inv.login, hist: history.List{Base: 1}}
	r.opts.histexpand = true // set -H: on in an interactive shell, as in bash
	r.opts.history = true    // set +o history stops recording, as in bash
	// PS1 still holding the non-interactive default means nobody set it.
	if r.varValue("PS1") == `\s-\v\$ ` {
		r.setString("PS1", `\u@\h:\w\$ `)
	}
	r.initHistoryVars()
}

// updateWindowSize sets COLUMNS and LINES from the terminal's window size,
// as bash's checkwinsize does.
func (r *Shell) updateWindowSize() {
	fd := 0
	if t := r.g.jobs; t != nil {
		if jobTTY := t.JobTTY(); jobTTY >= 0 {
			fd = jobTTY
		}
	}
	ws, err := unix.IoctlGetWinsize(fd, unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 || ws.Row == 0 {
		return
	}
	for name, n := range map[string]uint16{"COLUMNS": ws.Col, "LINES": ws.Row} {
		if v := strconv.Itoa(int(n)); r.varValue(name) != v {
			r.setString(name, v)
		}
	}
}

// biLogout is the logout builtin: exit, in a login shell only.
func (r *Shell) biLogout(args []string) int {
	if ui := r.ui(); ui == nil || !ui.login || r.subshell {
		r.errorf("logout: not login shell: use `exit'")
		return 1
	}
	return r.biExit(append([]string{"exit"}, args[1:]...))
}
