package interactive

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gosh-sh/gosh/lineedit"
	"github.com/gosh-sh/gosh/shell"
	"github.com/gosh-sh/gosh/tty"
	"golang.org/x/sys/unix"
)

// errInterrupted is what ReadLine returns when the line was given up: a
// ^C, or a signal whose trap or default ends the line (SIGHUP).
var errInterrupted = errors.New("interrupted")

// lineReader reads one line of input with a prompt. The loop talks to
// line editing only through this interface.
type lineReader interface {
	// ReadLine returns a line without its newline; io.EOF at end of input.
	ReadLine(prompt string) (string, error)
}

// newEditor returns the reader for this terminal: line editing with
// history and completion on a terminal that can move the cursor, plain
// reading otherwise (stdin not a terminal, or TERM dumb or unset, as under
// Emacs's M-x shell, where escape sequences would show up as text). Both
// poll the shell's wake-up descriptor, so that a signal at the prompt is
// acted on at once.
func newEditor(s *shell.Session) *sessionEditor {
	wake, onWake := -1, func() bool { return false }
	if fd, ok := s.WakeFD(); ok {
		wake, onWake = fd, s.Woken
	}
	e := &sessionEditor{s: s}
	e.ed = &plainEditor{fd: 0, wake: wake, onWake: onWake, out: s.Stderr()}
	if term, _ := s.Var("TERM"); term != "" && term != "dumb" && tty.IsTerminal(0) {
		le, err := lineedit.New(lineedit.Config{In: 0, Out: s.Stderr(), Wake: wake, OnWake: onWake,
			Complete: s.Complete})
		if err == nil {
			e.ed, e.editing = le, le
		}
	}
	if e.editing != nil {
		s.LoadHistory(e.editing)
	} else {
		s.LoadHistory(nil)
	}
	return e
}

// sessionEditor is the shell's side of reading a line (BeginRead and
// EndRead around it), and turns a ^C typed at the prompt into the SIGINT
// it is in cooked mode.
type sessionEditor struct {
	s       *shell.Session
	ed      lineReader
	editing *lineedit.Editor // nil when reading without line editing
}

func (e *sessionEditor) ReadLine(prompt string) (string, error) {
	vi := e.s.BeginRead()
	if e.editing != nil {
		e.editing.SetViMode(vi) // set -o vi and set -o emacs take effect here
	}
	line, err := e.ed.ReadLine(prompt)
	e.s.EndRead()
	if errors.Is(err, lineedit.ErrInterrupted) {
		e.s.TypedInterrupt()
		return "", errInterrupted
	}
	return line, err
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
