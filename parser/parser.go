// Package parser wraps mvdan.cc/sh/v3/syntax for gosh: it parses shell source
// in the bash dialect, tells a complete command from one that needs another
// line (for continuation prompts), formats syntax errors the way gosh prints
// them, and lowers a pipeline into the list of its stages.
//
// It does not expand words, run anything, or know about aliases; the
// evaluator does that. It imports nothing of gosh's own.
package parser

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// New returns a parser for gosh's dialect (bash, which is a superset of the
// POSIX language that mvdan.cc/sh understands).
func New() *syntax.Parser {
	return syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(false))
}

// Parse parses a whole program. name is used in error messages.
func Parse(src, name string) (*syntax.File, error) {
	return parseQuotingSubscripts(src, name) // assoc.go
}

// Stmts parses r one complete statement at a time and calls fn for each, so a
// script runs up to its first syntax error and so `read` in the script can
// share the script's input. It stops when fn returns false.
func Stmts(r io.Reader, name string, fn func(*syntax.Stmt) bool) error {
	p := New()
	err := p.Stmts(r, fn)
	return withName(err, name)
}

// Incomplete reports whether err means the input ended in the middle of a
// command: an open quote, `if` without `fi`, a trailing `|`, `&&` or `\`, or
// an unfinished here-document. An interactive shell then reads another line
// (with PS2) instead of reporting an error.
func Incomplete(err error) bool {
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		return pe.Incomplete
	}
	return false
}

// NeedsMoreInput reports whether an interactive shell should read another
// line before running src: the parser says the input is incomplete, or the
// line ends in a backslash that escapes its newline (which the parser takes
// as the end of the input).
func NeedsMoreInput(src string, err error) bool {
	if Incomplete(err) {
		return true
	}
	line := strings.TrimSuffix(src, "\n")
	n := len(line) - len(strings.TrimRight(line, "\\"))
	return n%2 == 1
}

// withName fills in the file name of a syntax error that lacks one.
func withName(err error, name string) error {
	var pe syntax.ParseError
	if errors.As(err, &pe) && pe.Filename == "" {
		pe.Filename = name
		return pe
	}
	var le syntax.LangError
	if errors.As(err, &le) && le.Filename == "" {
		le.Filename = name
		return le
	}
	return err
}

// ErrorLine is the one line gosh prints for a syntax error: "NAME:LINE:COL:
// MESSAGE", without the "gosh: " prefix.
func ErrorLine(err error) string {
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		if pe.Filename == "" {
			return fmt.Sprintf("%s: syntax error: %s", pe.Pos, pe.Text)
		}
		return fmt.Sprintf("%s:%s: syntax error: %s", pe.Filename, pe.Pos, pe.Text)
	}
	return err.Error()
}

// Stages lowers a pipeline into its stages, left to right: `a | b |& c`
// becomes [a b c]. pipeAll[i] reports whether stage i's stderr also goes
// down the pipe (bash's `|&`). A statement that is not a pipeline is one
// stage.
func Stages(st *syntax.Stmt) (stages []*syntax.Stmt, pipeAll []bool) {
	var walk func(s *syntax.Stmt, all bool)
	walk = func(s *syntax.Stmt, all bool) {
		if bc, ok := s.Cmd.(*syntax.BinaryCmd); ok && !s.Negated && len(s.Redirs) == 0 && !s.Background &&
			(bc.Op == syntax.Pipe || bc.Op == syntax.PipeAll) {
			walk(bc.X, bc.Op == syntax.PipeAll)
			walk(bc.Y, all)
			return
		}
		stages = append(stages, s)
		pipeAll = append(pipeAll, all)
	}
	bc, ok := st.Cmd.(*syntax.BinaryCmd)
	if !ok || (bc.Op != syntax.Pipe && bc.Op != syntax.PipeAll) {
		return []*syntax.Stmt{st}, []bool{false}
	}
	walk(bc.X, bc.Op == syntax.PipeAll)
	walk(bc.Y, false)
	return stages, pipeAll
}

// Print renders a node back to shell source, for job names, `type`,
// `declare -f` and for shipping functions to a re-executed subshell.
func Print(node syntax.Node) string {
	var sb strings.Builder
	if err := syntax.NewPrinter(syntax.Indent(4)).Print(&sb, node); err != nil {
		return ""
	}
	return strings.TrimRight(sb.String(), "\n")
}

// PrintOneLine renders a node on one line, as `jobs` shows a command.
func PrintOneLine(node syntax.Node) string {
	var sb strings.Builder
	if err := syntax.NewPrinter(syntax.SingleLine(true)).Print(&sb, node); err != nil {
		return ""
	}
	return strings.TrimRight(sb.String(), "\n")
}

// ParseDocument parses s as the body of an unquoted here-document: the
// expansions in it are parsed, quotes are plain characters. Prompts and
// PS4 are expanded this way.
func ParseDocument(s string) (*syntax.Word, error) {
	return New().Document(strings.NewReader(s))
}
