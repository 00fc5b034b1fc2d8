package shell

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"syscall"

	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/lineedit"
	"github.com/gosh-sh/gosh/parser"
	"mvdan.cc/sh/v3/syntax"
)

// The interactive read-eval loop lives in package interactive, above this
// one; it sees the evaluator only through a Session, as elvish's edit sees
// eval through a few calls. Where the line goes:
//
//   - The loop owns the conversation with the terminal: which editor reads
//     the line (editing or plain), which prompt is shown and when, what a
//     ^C, a ^D or a hang-up at the prompt means, when the notices print,
//     and the order of history expansion, parsing, PS0 and running.
//   - The evaluator keeps everything a command can see or change, because
//     commands run in scripts and subshells as well as at the prompt: the
//     variables the prompts are made of, PROMPT_COMMAND's meaning (it runs
//     with $? kept), the history list (history, fc and `$(history)` read
//     and change it), complete's table (complete and compgen work in
//     scripts too) and the startup files (gosh -l -c reads the profile
//     with no loop at all).
//
// So a Session's methods are either questions the loop asks (Prompt,
// Notices, IgnoredEOFs) or one step of a command line (ExpandHistory,
// Parse, AddHistory, Run), and the loop never touches a variable or a job
// itself.

// Loop is an interactive read-eval loop: it reads command lines and runs
// them through s until the shell is to end. Main runs it when the shell is
// interactive and reads its commands from the terminal, between reading
// the startup files and the EXIT trap.
type Loop func(s *Session)

// Session is the interactive loop's view of the shell (see above).
type Session struct {
	r *Shell
	// hungUp: the terminal hung up and the jobs have had their SIGHUP,
	// so the end of the shell sends no second one (huponexit).
	hungUp bool
}

// Command is one command line, parsed and ready to run.
type Command struct {
	stmts []*syntax.Stmt
	text  string // as entered, for history and the line job's name
}

// runLoop runs an interactive shell's read-eval loop.
func (r *Shell) runLoop(inv *invocation, loop Loop) int {
	r.beginInteractive(inv)
	s := &Session{r: r}
	loop(s)
	r.endInteractive(s.hungUp)
	return r.status
}

// Stderr is where the shell writes its messages, prompts and notices.
func (s *Session) Stderr() io.Writer { return s.r.stderr() }

// Var is a variable's value as a string, and whether it is set.
func (s *Session) Var(name string) (string, bool) {
	v := s.r.lookupVar(name)
	return v.String(), v.Set
}

// Prompt is the prompt variable name (PS0, PS1, PS2) expanded: its
// backslash escapes, then its parameters, commands and arithmetic, as bash
// expands it. Its \[ \] markers are left for the editor.
func (s *Session) Prompt(name string) string { return s.r.expandPrompt(s.r.varValue(name)) }

// Notices restores the shell's terminal modes, settles the command lines
// parked as jobs, and returns the notices of the jobs that changed state
// since the last call ("[1]+  Done  sleep 1"), to print before a prompt.
func (s *Session) Notices() []string {
	s.r.g.jobs.RestoreShellModes()
	return s.r.jobNotices()
}

// jobNotices settles the parked command lines and returns the notices of
// the jobs that changed state since the last call.
func (r *Shell) jobNotices() []string {
	r.settleLines()
	return r.g.jobs.Notices()
}

// RunPromptCommand runs PROMPT_COMMAND (each element of it, if it is an
// array), as bash does before a primary prompt. $? is what the last
// command line left, before and after. It reports whether the shell is to
// end (PROMPT_COMMAND ran exit).
func (s *Session) RunPromptCommand() (exit bool) {
	r := s.r
	v := r.lookupVar("PROMPT_COMMAND")
	if v.Set {
		cmds := []string{v.Str}
		if v.Kind == expansion.Indexed {
			cmds = v.List
		}
		status := r.status
		for _, cmd := range cmds {
			f, err := parser.ParseAliases(cmd, "", shellAliases{r})
			if err != nil {
				r.reportSyntaxError(err, "")
				continue
			}
			r.runRecovering(f.Stmts, "PROMPT_COMMAND")
			if r.exiting {
				break
			}
		}
		if !r.exiting {
			r.status = status
		}
	}
	return s.endOfLine()
}

// endOfLine reports whether the shell is to end after a command line (an
// exit, or a signal that ends it), and otherwise forgets that the line
// was abandoned, so that the next one runs.
func (s *Session) endOfLine() (exit bool) {
	r := s.r
	if r.exiting && !r.interrupted {
		return true
	}
	r.exiting, r.interrupted = false, false
	return false
}

// ExpandHistory does history expansion on a line just read (see
// expandHistory); pending is the command read on the lines before it.
// run is false when nothing is to run (an error, or :p).
func (s *Session) ExpandHistory(line, pending string) (expanded string, run bool) {
	return s.r.expandHistory(line, pending)
}

// Parse parses a command line with the aliases defined now. The loop asks
// parser.NeedsMoreInput of the error to know whether to read another line.
func (s *Session) Parse(src string) (*Command, error) {
	f, err := parser.ParseAliases(src, "", shellAliases{s.r})
	if err != nil {
		return nil, err
	}
	return &Command{stmts: f.Stmts, text: strings.TrimSuffix(src, "\n")}, nil
}

// ReportSyntaxError prints a syntax error of a command line ("gosh:
// line:1:5: syntax error: ...") and sets $? to 2; the shell stays.
func (s *Session) ReportSyntaxError(err error) { s.r.reportSyntaxError(err, "") }

// AddHistory records a command line in the history list, the editor's
// recall and the history file, as HISTCONTROL and HISTIGNORE allow, unless
// set +o history stopped recording.
func (s *Session) AddHistory(line string) {
	if s.r.opts.history {
		s.r.addHistory(line)
	}
}

// Run runs a command line as the shell's current line (the prompt's \#,
// history -s), recovering from an internal error so that the shell
// survives it. It reports whether the shell is to end.
func (s *Session) Run(c *Command) (exit bool) {
	r := s.r
	ui := r.ui()
	ui.histCount++
	ui.current = c.text
	// "There are stopped jobs." holds off exit once: a second exit (or ^D)
	// on the very next command line leaves. Any other line in between
	// arms the warning again.
	ui.warnedStopped = ui.warnedStopped && ui.lastWasExit
	ui.lastWasExit = false
	r.runRecovering(c.stmts, lineJobName(c.stmts))
	return s.endOfLine()
}

// runRecovering runs one line job, recovering from any internal panic so
// that the interactive shell survives it.
func (r *Shell) runRecovering(stmts []*syntax.Stmt, text string) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(r.stderr(), "gosh: internal error: %v\n", p)
			r.status = 70
			r.exiting = false
		}
	}()
	r.runLine(stmts, text)
}

// Interrupted is what a ^C at the prompt does once the editor has given
// the line up: $? becomes 130. It reports whether the shell is to end
// instead (a SIGHUP came, or an INT trap ran exit).
func (s *Session) Interrupted() (exit bool) {
	r := s.r
	if r.exiting && !r.interrupted {
		return true
	}
	r.status = 130
	r.exiting, r.interrupted = false, false
	return false
}

// IgnoredEOFs is how many ^Ds in a row at an empty prompt the shell
// refuses before it leaves, as bash reads IGNOREEOF: its number, or 10 if
// it is set to something else; set -o ignoreeof alone means 10 too.
func (s *Session) IgnoredEOFs() (n int, ignoring bool) {
	v := s.r.lookupVar("IGNOREEOF")
	if !v.Set && !s.r.opts.ignoreeof {
		return 0, false
	}
	n, err := strconv.Atoi(v.String())
	if !v.Set || err != nil {
		n = 10
	}
	return n, true
}

// HoldExit is asked at a ^D: it prints "There are stopped jobs." and
// reports true the first time there are, so that the shell stays (see
// checkStoppedJobs).
func (s *Session) HoldExit() bool { return s.r.checkStoppedJobs() }

// HangUp sends SIGHUP to every job, as a shell whose terminal hung up
// does; the loop ends next.
func (s *Session) HangUp() {
	s.hungUp = true
	s.r.g.jobs.HangUp()
}

// Recall is the line editor's history, which up and down walk: the shell
// keeps it in step with its history list.
type Recall interface {
	AddHistory(line string)
	SetHistory(lines []string)
}

// LoadHistory reads the history file into the history list (after the
// startup files, which may set HISTFILE) and, from then on, keeps recall
// in step with the list; recall is nil for an editor without one.
func (s *Session) LoadHistory(recall Recall) {
	if ui := s.r.ui(); ui != nil && recall != nil {
		ui.ed = recall
	}
	s.r.loadHistory()
}

// Complete is the line editor's completion: the specification complete
// defined for the command if there is one, else the shell's own.
func (s *Session) Complete(line string, pos int) (lineedit.Completions, error) {
	return s.r.completeLine(line, pos)
}

// WakeFD is a descriptor that becomes readable when a signal is caught,
// and, while a line is read under set -b, when a job changes state. An
// editor polls it beside the terminal and calls Woken. ok is false when
// there is none.
func (s *Session) WakeFD() (fd int, ok bool) {
	g := s.r.g
	if g.sigs == nil {
		return -1, false
	}
	fd, err := g.sigs.wakeFD()
	if err != nil {
		return -1, false
	}
	poke := g.sigs.poker()
	g.jobs.SetOnNotice(func() {
		if g.notifyAtOnce.Load() {
			poke()
		}
	})
	return fd, true
}

// Woken runs what the caught signals ask for (their traps) and reports
// whether the line being read is to be abandoned (^C, SIGHUP, a trap that
// ran exit). Under set -b it prints the notices at once too; the editor
// then draws the line again.
func (s *Session) Woken() (abandon bool) {
	r := s.r
	r.g.sigs.drainWake()
	r.runPendingTraps()
	if r.opts.notify && !r.exiting && !r.interrupted {
		for _, line := range r.jobNotices() {
			fmt.Fprintln(r.stderr(), line)
		}
	}
	return r.exiting || r.interrupted
}

// BeginRead is called before a line is read: COLUMNS and LINES follow the
// window (it may have changed while a job ran), and set -b's notices may
// print while the line is typed. vi reports set -o vi.
func (s *Session) BeginRead() (vi bool) {
	r := s.r
	r.updateWindowSize()
	r.g.notifyAtOnce.Store(r.opts.notify)
	return r.opts.vi
}

// EndRead is called after a line is read (or given up): notices wait for
// the prompt again, and COLUMNS and LINES follow the window.
func (s *Session) EndRead() {
	s.r.g.notifyAtOnce.Store(false)
	s.r.updateWindowSize()
}

// TypedInterrupt is a ^C the line editor read as a key (the terminal's
// signal keys are off while a line is edited): it runs an INT trap as the
// signal would, and the line is abandoned.
func (s *Session) TypedInterrupt() {
	r := s.r
	if r.exiting || r.interrupted {
		return // a signal has already said what happens
	}
	if action := r.traps[int(syscall.SIGINT)]; action != "" {
		r.runTrapAt(action, 1)
	}
	if !r.exiting {
		r.interrupted, r.exiting = true, true
	}
}
