package shell

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"github.com/gosh-sh/gosh/parser"
	"github.com/gosh-sh/gosh/tty"
	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/syntax"
)

// LineEditor reads one line of input with a prompt. The interactive shell
// talks to line editing only through this interface.
type LineEditor interface {
	// ReadLine returns a line without its newline; io.EOF at end of input.
	ReadLine(prompt string) (string, error)
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
	fmt.Fprint(p.out, prompt)
	var sb strings.Builder
	var buf [1]byte
	for {
		if err := p.waitInput(); err != nil {
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
		fds := []unix.PollFd{{Fd: int32(p.fd), Events: unix.POLLIN}}
		if p.wake >= 0 {
			fds = append(fds, unix.PollFd{Fd: int32(p.wake), Events: unix.POLLIN})
		}
		_, err := unix.Poll(fds, -1)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil // let the read report it
		}
		if len(fds) > 1 && fds[1].Revents != 0 {
			if p.onWake != nil && p.onWake() {
				return errInterrupted
			}
			continue
		}
		if fds[0].Revents != 0 {
			return nil
		}
	}
}

// interactiveMain is the read-eval loop of an interactive shell.
func (r *Shell) interactiveMain(inv *invocation) int {
	r.g.interactive = true
	sigs := r.ensureSignals()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTSTP, syscall.SIGTERM, syscall.SIGHUP} {
		sigs.catch(sig)
	}
	t := r.g.jobs
	origPgrp := syscall.Getpgrp()
	if fd, ok := r.controllingTTY(); ok {
		if pgid, modes, err := tty.TakeControl(fd); err == nil {
			t.TTY, t.Terminal = fd, fd
			t.ShellPgid = pgid
			t.ShellModes = modes
			r.opts.monitor = true
		} else {
			fmt.Fprintf(r.stderr(), "gosh: cannot set terminal process group (%v): no job control in this shell\n", err)
			if fd >= 10 {
				unix.Close(fd)
			}
		}
	}
	r.startupFiles(inv)
	ed := r.newLineEditor()
	var pending strings.Builder
	hungUp := false
	for {
		if t.ShellModes != nil && t.TTY >= 0 {
			tty.SetAttr(t.TTY, t.ShellModes)
		}
		r.printNotices()
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
				// ^C: the terminal has flushed the line; start afresh.
				fmt.Fprintln(r.stderr())
				pending.Reset()
				r.status = 130
				r.exiting, r.interrupted = false, false
				continue
			}
			// EOF (^D) or a hung-up terminal.
			if errors.Is(err, io.EOF) && pending.Len() == 0 && r.opts.ignoreeof {
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
		pending.WriteString(line)
		pending.WriteByte('\n')
		src := pending.String()
		f, perr := parser.Parse(src, "")
		if parser.NeedsMoreInput(src, perr) {
			continue // PS2: an open quote, if without fi, trailing | or \
		}
		if perr != nil {
			pending.Reset()
			r.reportSyntaxError(perr, "")
			continue
		}
		pending.Reset()
		r.addHistory(strings.TrimSuffix(src, "\n"))
		r.runInteractive(f.Stmts)
		if r.exiting && !r.interrupted {
			break
		}
		r.exiting, r.interrupted = false, false
	}
	r.runExitTrap()
	if r.opts.huponexit && !hungUp {
		t.HangUp()
	}
	r.releaseTerminal(origPgrp)
	return r.status
}

// releaseTerminal gives the terminal back to the process group the shell
// was started in, if the shell had moved itself to a group of its own, as
// bash does on exit: the parent shell is waiting on that group.
func (r *Shell) releaseTerminal(origPgrp int) {
	t := r.g.jobs
	if t.TTY < 0 || origPgrp == t.ShellPgid {
		return
	}
	if unix.Setpgid(0, origPgrp) == nil {
		tty.SetForeground(t.TTY, origPgrp)
	}
}

// runInteractive runs one command line, recovering from any internal
// panic so the shell survives it.
func (r *Shell) runInteractive(stmts []*syntax.Stmt) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(r.stderr(), "gosh: internal error: %v\n", p)
			r.status = 70
			r.exiting = false
		}
	}()
	// "There are stopped jobs." holds off exit once: a second exit (or ^D)
	// on the very next command line leaves. Any other line in between
	// arms the warning again.
	r.warnedStopped = r.warnedStopped && r.lastWasExit
	r.lastWasExit = false
	for _, st := range stmts {
		r.stmt(st)
		r.afterTopStmt()
		if r.exiting {
			break
		}
	}
	if r.g.sigs != nil && !r.exiting {
		// Signals that came during the last command: a trap runs now, an
		// untrapped ^C abandons the line as it would at the prompt.
		r.runPendingTraps()
		r.g.sigs.drainWake()
	}
}

// printNotices prints job state changes before a prompt.
func (r *Shell) printNotices() {
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

// startupFiles reads the profile and rc files an interactive shell reads.
func (r *Shell) startupFiles(inv *invocation) {
	home := r.varValue("HOME")
	source := func(path string) bool {
		if _, err := os.Stat(path); err != nil {
			return false
		}
		r.biSource([]string{".", path})
		r.exiting, r.returning = false, false
		return true
	}
	if inv.login && !inv.noprofile {
		source("/etc/profile")
		if home != "" {
			if !source(home + "/.gosh_profile") {
				source(home + "/.profile")
			}
		}
	}
	if inv.norc {
		return
	}
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

var errInterrupted = errors.New("interrupted")

// newLineEditor returns the editor for this terminal.
func (r *Shell) newLineEditor() LineEditor {
	ed := &plainEditor{fd: 0, wake: -1, out: r.stderr()}
	if r.g.sigs != nil {
		if fd, err := r.g.sigs.wakeFD(); err == nil {
			ed.wake = fd
			ed.onWake = func() bool {
				r.g.sigs.drainWake()
				r.runPendingTraps()
				return r.exiting || r.interrupted
			}
		}
	}
	return ed
}

// addHistory records a command line (history comes with line editing).
func (r *Shell) addHistory(string) {}
