package interactive

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gosh-sh/gosh/lineedit"
	"github.com/gosh-sh/gosh/parser"
	"github.com/gosh-sh/gosh/shell"
)

// Run reads command lines at the prompt and runs them until the shell is
// to end: exit, ^D (unless stopped jobs or IGNOREEOF hold it), or a
// hang-up. It is a shell.Loop.
func Run(s *shell.Session) {
	ed := newEditor(s)
	var pending strings.Builder // the command so far, while PS2 asks for more
	eofs := 0                   // ^Ds in a row that IGNOREEOF refused
	for {
		for _, notice := range s.Notices() {
			fmt.Fprintln(s.Stderr(), notice)
		}
		prompt := "PS2"
		if pending.Len() == 0 {
			if s.RunPromptCommand() {
				return
			}
			prompt = "PS1"
		}
		line, err := ed.ReadLine(s.Prompt(prompt))
		if err != nil {
			if errors.Is(err, errInterrupted) {
				// ^C: the editor has ended the line on the screen.
				pending.Reset()
				if s.Interrupted() {
					return // SIGHUP, or a trap that ran exit
				}
				continue
			}
			if !errors.Is(err, io.EOF) {
				s.HangUp() // the terminal is gone
				return
			}
			switch n, ignoring := s.IgnoredEOFs(); {
			case pending.Len() > 0:
				// ^D inside an unfinished command: bash's "unexpected
				// end of file"; the shell stays.
				unexpectedEOF(s, pending.String())
				pending.Reset()
			case ignoring && eofs < n:
				eofs++
				fmt.Fprintln(s.Stderr(), `Use "exit" to leave the shell.`)
			case s.HoldExit():
				// "There are stopped jobs."
			default:
				return
			}
			continue
		}
		eofs = 0
		line, run := s.ExpandHistory(line, pending.String())
		if !run {
			pending.Reset() // a failed expansion (or :p) runs nothing
			continue
		}
		pending.WriteString(line)
		pending.WriteByte('\n')
		src := pending.String()
		cmd, err := s.Parse(src)
		if parser.NeedsMoreInput(src, err) {
			continue // PS2: an open quote, if without fi, trailing | or \
		}
		pending.Reset()
		if err != nil {
			s.ReportSyntaxError(err)
			continue
		}
		if ps0 := s.Prompt("PS0"); ps0 != "" {
			fmt.Fprint(s.Stderr(), lineedit.StripMarkers(ps0))
		}
		s.AddHistory(strings.TrimSuffix(src, "\n"))
		if s.Run(cmd) {
			return
		}
	}
}

// unexpectedEOF reports the syntax error of a command that a ^D left
// unfinished.
func unexpectedEOF(s *shell.Session, src string) {
	_, err := parser.Parse(src, "")
	if err == nil {
		err = errors.New("unexpected end of file")
	}
	s.ReportSyntaxError(err)
}
