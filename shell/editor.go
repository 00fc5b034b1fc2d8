package shell

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"syscall"

	"github.com/gosh-sh/gosh/histexpand"
	"github.com/gosh-sh/gosh/history"
	"github.com/gosh-sh/gosh/lineedit"
	"github.com/gosh-sh/gosh/tty"
	"golang.org/x/sys/unix"
)

// uiState is what an interactive shell keeps beside the evaluator's state:
// its history, its line editor and whether it is a login shell. It hangs off
// the shell's global part (shared with in-process subshells, so that
// `$(history)` works); a shell that is not interactive has none.
type uiState struct {
	hist     history.List
	histSize int // HISTSIZE when the list was last trimmed
	ed       *lineedit.Editor
	login    bool
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

// commandNumber is the number of the command line being entered, the
// prompt's \#: one more than the lines entered so far, and 1 in a shell
// that is not interactive.
func (r *Shell) commandNumber() int {
	if ui := r.ui(); ui != nil {
		return ui.histCount + 1
	}
	return 1
}

// initInteractive runs before the startup files of an interactive shell:
// it sets up the history and bash's interactive defaults.
func (r *Shell) initInteractive(inv *invocation) {
	r.g.ui = &uiState{login: inv.login, hist: history.List{Base: 1}}
	r.opts.histexpand = true // set -H: on in an interactive shell, as in bash
	// PS1 still holding the non-interactive default means nobody set it.
	if r.varValue("PS1") == `\s-\v\$ ` {
		r.setString("PS1", `\u@\h:\w\$ `)
	}
	r.initHistoryVars()
}

// newLineEditor returns the editor for this terminal: line editing with
// history and completion on a terminal that can move the cursor, plain
// reading otherwise (stdin not a terminal, or TERM dumb or unset, as under
// Emacs's M-x shell, where escape sequences would show up as text).
func (r *Shell) newLineEditor() LineEditor {
	wake, onWake := -1, func() bool { return false }
	if r.g.sigs != nil {
		if fd, err := r.g.sigs.wakeFD(); err == nil {
			wake = fd
			onWake = func() bool {
				r.g.sigs.drainWake()
				r.runPendingTraps()
				return r.exiting || r.interrupted
			}
		}
	}
	var ed LineEditor = &plainEditor{fd: 0, wake: wake, onWake: onWake, out: r.stderr()}
	if term := r.varValue("TERM"); term != "" && term != "dumb" && tty.IsTerminal(0) {
		le, err := lineedit.New(lineedit.Config{In: 0, Out: r.stderr(), Wake: wake, OnWake: onWake,
			Complete: r.completeLine})
		if err == nil {
			ed = le
			if ui := r.ui(); ui != nil {
				ui.ed = le
			}
		}
	}
	r.loadHistory()
	return &shellEditor{r: r, ed: ed}
}

// shellEditor is the shell's side of reading a line: COLUMNS and LINES
// follow the window before the prompt and after the line (the window may
// change while a job runs, or while the line is typed), and a ^C typed at
// the prompt acts like the SIGINT it is in cooked mode.
type shellEditor struct {
	r  *Shell
	ed LineEditor
}

func (e *shellEditor) ReadLine(prompt string) (string, error) {
	r := e.r
	r.updateWindowSize()
	if ui := r.ui(); ui != nil && ui.ed != nil {
		ui.ed.SetViMode(r.opts.vi) // set -o vi and set -o emacs take effect here
	}
	line, err := e.ed.ReadLine(prompt)
	r.updateWindowSize()
	if errors.Is(err, lineedit.ErrInterrupted) {
		if !r.exiting && !r.interrupted {
			// A typed ^C (line editing reads it as a key): run an INT trap
			// as the signal would, then abandon the line.
			if action := r.traps[int(syscall.SIGINT)]; action != "" {
				r.runTrap(action)
			}
			if !r.exiting {
				r.interrupted, r.exiting = true, true
			}
		}
		return "", errInterrupted
	}
	return line, err
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

// plainEditor reads lines from a descriptor without editing. Between
// bytes it polls the descriptor together with the signal wake-up pipe, so a
// signal that arrives at the prompt is acted on at once (^C abandons the
// line, SIGHUP ends the shell) instead of after the next line is typed:
// Go's handlers use SA_RESTART, so a plain read would just carry on.
type plainEditor struct {
	fd   int
	wake int // readable when a signal was caught; -1 for none
	// onWake runs what the caught signals ask for and reports whether the
	// line is to be abandoned (ReadLine then returns errInterrupted).
	onWake func() bool
	out    io.Writer
}

func (p *plainEditor) ReadLine(prompt string) (string, error) {
	fmt.Fprint(p.out, lineedit.StripMarkers(prompt))
	var sb strings.Builder
	var buf [1]byte
	for {
		if err := p.waitInput(); err != nil {
			// The terminal echoed ^C; end its line.
			fmt.Fprintln(p.out)
			return "", err
		}
		n, err := unix.Read(p.fd, buf[:])
		if err == unix.EINTR || err == unix.EAGAIN {
			continue
		}
		if n == 1 {
			if buf[0] == '\n' {
				return sb.String(), nil
			}
			sb.WriteByte(buf[0])
			continue
		}
		if err == nil {
			err = io.EOF
		}
		if sb.Len() > 0 {
			return sb.String(), nil
		}
		return "", err
	}
}

// waitInput returns once p.fd has input (or an end or error to report),
// or errInterrupted when onWake asks for the line to be abandoned.
func (p *plainEditor) waitInput() error {
	for {
		input, woke, err := lineedit.Poll(p.fd, p.wake)
		if err != nil {
			return nil // let the read report it
		}
		if woke {
			if p.onWake != nil && p.onWake() {
				return errInterrupted
			}
			continue
		}
		if input {
			return nil
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
