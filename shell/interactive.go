package shell

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/jobs"
	"github.com/gosh-sh/gosh/lineedit"
	"github.com/gosh-sh/gosh/parser"
	"mvdan.cc/sh/v3/syntax"
)

// LineEditor reads one line of input with a prompt. The interactive shell
// talks to line editing only through this interface.
type LineEditor interface {
	// ReadLine returns a line without its newline; io.EOF at end of input.
	ReadLine(prompt string) (string, error)
}

// interactiveMain is the read-eval loop of an interactive shell.
func (r *Shell) interactiveMain(inv *invocation) int {
	r.beginInteractive(inv)
	ed := r.newLineEditor()
	var pending strings.Builder
	hungUp := false
	eofs := 0 // ^Ds in a row that IGNOREEOF refused
	t := r.g.jobs
	for {
		t.RestoreShellModes()
		r.printNotices()
		if pending.Len() == 0 {
			r.runPromptCommand()
			if r.exiting && !r.interrupted {
				break // PROMPT_COMMAND ran exit
			}
			r.exiting, r.interrupted = false, false
		}
		prompt := r.prompt("PS1")
		if pending.Len() > 0 {
			prompt = r.prompt("PS2")
		}
		line, err := ed.ReadLine(prompt)
		if err != nil {
			if errors.Is(err, errInterrupted) {
				if r.exiting && !r.interrupted {
					break // SIGHUP, or a trap that ran exit
				}
				// ^C: the editor has ended the line on the screen.
				pending.Reset()
				r.status = 130
				r.exiting, r.interrupted = false, false
				continue
			}
			// EOF (^D) or a hung-up terminal.
			if errors.Is(err, io.EOF) && pending.Len() > 0 {
				// ^D inside an unfinished command: bash's "unexpected end
				// of file"; the shell stays.
				_, perr := parser.Parse(pending.String(), "")
				if perr == nil {
					perr = errors.New("unexpected end of file")
				}
				pending.Reset()
				r.reportSyntaxError(perr, "")
				continue
			}
			if n, ignoring := r.ignoredEOFs(); errors.Is(err, io.EOF) && ignoring && eofs < n {
				eofs++
				fmt.Fprintln(r.stderr(), `Use "exit" to leave the shell.`)
				continue
			}
			if errors.Is(err, io.EOF) && r.checkStoppedJobs() {
				continue
			}
			if !errors.Is(err, io.EOF) {
				hungUp = true
				t.HangUp()
			}
			break
		}
		eofs = 0
		line, run := r.expandHistory(line, pending.String())
		if !run {
			pending.Reset() // a failed expansion (or :p) runs nothing
			continue
		}
		pending.WriteString(line)
		pending.WriteByte('\n')
		src := pending.String()
		f, perr := parser.ParseAliases(src, "", shellAliases{r})
		if parser.NeedsMoreInput(src, perr) {
			continue // PS2: an open quote, if without fi, trailing | or \
		}
		if perr != nil {
			pending.Reset()
			r.reportSyntaxError(perr, "")
			continue
		}
		pending.Reset()
		r.printPS0()
		r.addHistory(strings.TrimSuffix(src, "\n"))
		r.ui().histCount++
		r.ui().current = strings.TrimSuffix(src, "\n")
		r.runInteractive(f.Stmts, lineJobName(f.Stmts))
		if r.exiting && !r.interrupted {
			break
		}
		r.exiting, r.interrupted = false, false
	}
	r.endInteractive(hungUp)
	return r.status
}

// ignoredEOFs is how many ^Ds in a row at an empty prompt the shell
// refuses before it leaves, as bash reads IGNOREEOF: its number, or 10 if
// it is set to something else; set -o ignoreeof alone means 10 too.
func (r *Shell) ignoredEOFs() (n int, ignoring bool) {
	v := r.lookupVar("IGNOREEOF")
	if !v.Set && !r.opts.ignoreeof {
		return 0, false
	}
	n, err := strconv.Atoi(v.String())
	if !v.Set || err != nil {
		n = 10
	}
	return n, true
}

// runPromptCommand runs PROMPT_COMMAND before a primary prompt, as bash
// does: each element of it, if it is an array. $? is what the last command
// line left, before and after.
func (r *Shell) runPromptCommand() {
	v := r.lookupVar("PROMPT_COMMAND")
	if !v.Set {
		return
	}
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

// printPS0 writes PS0, expanded as a prompt, after a command line is read
// and before it runs, as bash 4.4 and later do.
func (r *Shell) printPS0() {
	if ps0 := r.varValue("PS0"); ps0 != "" {
		fmt.Fprint(r.stderr(), lineedit.StripMarkers(r.expandPrompt(ps0)))
	}
}

// beginInteractive makes this an interactive shell (-i, or a terminal on
// stdin and stderr): it catches the signals an interactive shell survives,
// takes the terminal for job control when there is one, and reads the
// startup files. The prompt loop, or a command string (gosh -i -c),
// follows.
func (r *Shell) beginInteractive(inv *invocation) {
	r.g.interactive = true
	sigs := r.ensureSignals()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTSTP, syscall.SIGTERM, syscall.SIGHUP} {
		sigs.setFatal(sig, false) // QUIT: an interactive shell survives it
		sigs.catch(sig)
	}
	// A job-control shell's jobs see the stop signals at their default,
	// whatever the shell inherited (POSIX's keep-them-ignored rule is for
	// a shell that is not interactive). TSTP is caught just above, which
	// puts it back in children.
	jobs.DefaultIgnored(syscall.SIGTTIN, syscall.SIGTTOU)
	if found, err := r.g.jobs.TakeTerminal(); err != nil {
		fmt.Fprintf(r.stderr(), "gosh: cannot set terminal process group (%v): no job control in this shell\n", err)
	} else if found {
		r.opts.monitor = true
	}
	r.initInteractive(inv)
	r.startupFiles(inv)
}

// endInteractive runs the EXIT trap, sends SIGHUP to the jobs (huponexit,
// unless the terminal hung up, which did already) and gives the terminal
// back.
func (r *Shell) endInteractive(hungUp bool) {
	t := r.g.jobs
	r.runExitTrap()
	if r.opts.huponexit && !hungUp {
		t.HangUp()
	}
	t.ReleaseTerminal()
}

// runInteractive runs one command line, recovering from any internal
// panic so the shell survives it.
func (r *Shell) runInteractive(stmts []*syntax.Stmt, text string) {
	// "There are stopped jobs." holds off exit once: a second exit (or ^D)
	// on the very next command line leaves. Any other line in between
	// arms the warning again.
	ui := r.ui()
	ui.warnedStopped = ui.warnedStopped && ui.lastWasExit
	ui.lastWasExit = false
	r.runRecovering(stmts, text)
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

// printNotices prints job state changes before a prompt.
func (r *Shell) printNotices() {
	r.settleLines()
	for _, line := range r.g.jobs.Notices() {
		fmt.Fprintln(r.stderr(), line)
	}
}

// prompt expands PS1 or PS2.
func (r *Shell) prompt(name string) string {
	return r.expandPrompt(r.varValue(name))
}

// expandPrompt decodes a prompt's backslash escapes, then expands its
// parameters, commands and arithmetic, as bash does (and ${var@P}).
func (r *Shell) expandPrompt(ps string) string {
	if ps == "" {
		return ""
	}
	ps = r.promptEscapes(ps)
	w, err := parser.ParseDocument(ps)
	if err != nil {
		return ps
	}
	cfg := r.expandConfig()
	s, err := expandDocument(cfg, w)
	if err != nil {
		return ps
	}
	return s
}

// startupFiles reads the profile files of a login shell, then the rc file
// an interactive shell reads.
func (r *Shell) startupFiles(inv *invocation) {
	if inv.noStartupFiles {
		return
	}
	r.profileFiles(inv)
	if inv.norc {
		return
	}
	home := r.varValue("HOME")
	source := r.startupFile
	switch {
	case inv.rcfile != "":
		source(inv.rcfile)
	case r.varValue("ENV") != "" && !inv.login:
		if w, err := parser.ParseDocument(r.varValue("ENV")); err == nil {
			if p, err := expandDocument(r.expandConfig(), w); err == nil {
				source(p)
			}
		}
	case home != "":
		source(home + "/.goshrc")
	}
}

// profileFiles reads what a login shell reads first, interactive or not
// (gosh -l -c 'env' sees the login environment, as with bash): /etc/profile,
// then the first of ~/.gosh_profile and ~/.profile.
func (r *Shell) profileFiles(inv *invocation) {
	if !inv.login || inv.noprofile || inv.noStartupFiles {
		return
	}
	r.startupFile("/etc/profile")
	if home := r.varValue("HOME"); home != "" {
		if !r.startupFile(home + "/.gosh_profile") {
			r.startupFile(home + "/.profile")
		}
	}
}

// startupFile sources path if it exists; an exit or return in it ends only
// the file.
func (r *Shell) startupFile(path string) bool {
	if _, err := os.Stat(path); err != nil {
		return false
	}
	r.biSource([]string{".", path})
	r.exiting, r.returning = false, false
	return true
}

var errInterrupted = errors.New("interrupted")
