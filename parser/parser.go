// Package parser wraps mvdan.cc/sh/v3/syntax for gosh: it reads shell
// source one complete command at a time (Source), takes the decisions that
// bash takes as it reads (aliases, `let`, `((`, where a function definition
// ends: rewrite.go), tells a complete command from one that needs another
// line (for continuation prompts), formats syntax errors the way gosh
// prints them, and lowers a pipeline into the list of its stages. Source
// text may hold any bytes, UTF-8 or not, as bash's may (rawbytes.go).
//
// It does not expand words or run anything; the evaluator does that, and
// lends it the alias table. It imports nothing of gosh's own.
package parser

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"mvdan.cc/sh/v3/syntax"
)

// New returns a parser for gosh's dialect (bash, which is a superset of the
// POSIX language that mvdan.cc/sh understands).
func New() *syntax.Parser {
	return syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(false))
}

// Parse parses a whole program, with bash's read-time repairs (see
// rewrite.go) but no aliases. name is used in error messages.
func Parse(src, name string) (*syntax.File, error) {
	return ParseAliases(src, name, nil)
}

// ParseAliases is Parse with aliases expanded, as an interactive
// shell reads a line: all of src is one command, read before any of it runs.
//
// src may hold any bytes (see rawbytes.go); the tree and the error keep them.
func ParseAliases(src, name string, aliases Aliases) (*syntax.File, error) {
	text, raw := escapeText(src)
	f, err := New().Parse(bytes.NewReader(text), name)
	if err != nil {
		if Incomplete(err) {
			raw.restore(f)
			return f, raw.err(err)
		}
		stmts, ok, later := repairCommand(nil, text, textPos{}, compact(f.Stmts), aliases)
		if !ok {
			raw.restore(f)
			if later != nil {
				return f, withName(raw.err(later), name)
			}
			return f, raw.err(err)
		}
		f.Stmts = stmts
		raw.restore(f)
		return f, nil
	}
	stmts, _, err := rewriteCommand(nil, text, textPos{}, f.Stmts, aliases)
	if err != nil {
		return f, withName(raw.err(err), name)
	}
	f.Stmts = stmts
	raw.restore(f)
	return f, nil
}

// escapeText is src as the parser may read it, and the map that gives
// what it parses from it the original bytes back (nil: src is its own
// escaped form).
func escapeText(src string) ([]byte, *rawMap) {
	if !needsEscape([]byte(src)) {
		return []byte(src), nil
	}
	text := appendEscaped(make([]byte, 0, len(src)+len(src)/2), []byte(src))
	return text, newRawMap(text, 0, 0, 0)
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
// Strings in the tree may hold any bytes (see rawbytes.go).
func Print(node syntax.Node) string {
	return printNode(syntax.NewPrinter(syntax.Indent(4)), node)
}

// PrintOneLine renders a node on one line, as `jobs` shows a command.
func PrintOneLine(node syntax.Node) string {
	return printNode(syntax.NewPrinter(syntax.SingleLine(true)), node)
}

// printNode prints node with p. mvdan's printer writes through a
// text/tabwriter, which takes the byte 0xff as its escape character and
// drops it: a tree that holds one is printed escaped, as the parser read
// it, and the text then gets its bytes back.
func printNode(p *syntax.Printer, node syntax.Node) string {
	escaped := holdsByte(node, tabwriter.Escape)
	if escaped {
		node = escapedCopy(node)
	}
	var sb strings.Builder
	if err := p.Print(&sb, node); err != nil {
		return ""
	}
	out := strings.TrimRight(sb.String(), "\n")
	if escaped {
		out = unescapeString(out)
	}
	return out
}

// ParseDocument parses s as the body of an unquoted here-document: the
// expansions in it are parsed, quotes are plain characters. Prompts and
// PS4 are expanded this way. s may hold any bytes, as Parse's src.
func ParseDocument(s string) (*syntax.Word, error) {
	text, raw := escapeText(s)
	w, err := New().Document(bytes.NewReader(text))
	raw.restore(w)
	return w, raw.err(err)
}
