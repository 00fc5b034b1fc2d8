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
	"mvdan.cc/sh/v3/syntax"
)

// LineEditor reads one line of input with a prompt. The interactive shell
// talks to line editing only through this interface.
type LineEditor interface {
	// ReadLine returns a line without its newline; io.EOF at end of input.
	ReadLine(prompt string) (string, error)
}

// plainEditor reads lines from a descriptor without editing.
type plainEditor struct {
	in  *lineReader
	out io.Writer
}

func (p *plainEditor) ReadLine(prompt string) (string, error) {
	fmt.Fprint(p.out, prompt)
	var sb strings.Builder
	var buf [1]byte
	for {
		n, err := p.in.Read(buf[:])
		if n == 1 {
			if buf[0] == '\n' {
				return sb.String(), nil
			}
			sb.WriteByte(buf[0])
			continue
		}
		if err != nil {
			if sb.Len() > 0 {
				return sb.String(), nil
			}
			return "", err
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
	if fd, ok := r.controllingTTY(); ok {
		if err := tty.WaitUntilForeground(fd); err == nil {
			if pgid, modes, err := tty.TakeControl(fd); err == nil {
				r.g.jobs.TTY = fd
				r.g.jobs.ShellPgid = pgid
				r.shellModes = modes
				r.opts.monitor = true
			}
		}
	}
	r.startupFiles(inv)
	ed := r.newLineEditor()
	var pending strings.Builder
	for {
		if r.shellModes != nil && r.g.jobs.TTY >= 0 {
			tty.SetAttr(r.g.jobs.TTY, r.shellModes)
		}
		r.printNotices()
		prompt := r.prompt("PS1")
		if pending.Len() > 0 {
			prompt = r.prompt("PS2")
		}
		line, err := ed.ReadLine(prompt)
		if err != nil {
			if errors.Is(err, errInterrupted) {
				pending.Reset()
				r.status = 130
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
				r.g.jobs.HangUp()
			}
			break
		}
		pending.WriteString(line)
		pending.WriteByte('\n')
		src := pending.String()
		f, perr := parser.Parse(src, "")
		if perr != nil {
			if parser.Incomplete(perr) {
				continue
			}
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
	if r.opts.huponexit {
		r.g.jobs.HangUp()
	}
	return r.status
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
	r.warnedStopped = r.warnedStopped && r.lastWasExit
	for _, st := range stmts {
		r.stmt(st)
		r.afterTopStmt()
		if r.exiting {
			break
		}
	}
	if r.g.sigs != nil {
		r.g.sigs.take()
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
	return &plainEditor{in: &lineReader{fd: 0}, out: r.stderr()}
}

// addHistory records a command line (history comes with line editing).
func (r *Shell) addHistory(string) {}
