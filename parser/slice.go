package parser

import (
	"bytes"
	"errors"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// bash takes an empty offset or length of ${name:offset:length} as 0:
// ${s: } is all of s, ${s::} and ${a[@]:1:} nothing (ble.sh relies on
// it). mvdan.cc/sh requires an expression after each colon. The repair,
// one of repairCommand's, writes the 0 where the parser complained. ${s:},
// whose offset is missing altogether, stays an error: bash reports a bad
// substitution for it.

// emptySliceOperand is the edit that supplies the missing operand after
// the colon at errAt, where parsing failed with err.
func emptySliceOperand(text []byte, err error, errAt int) (edit, bool) {
	var pe syntax.ParseError
	if !errors.As(err, &pe) || !strings.Contains(pe.Text, "must be followed by an expression") {
		return edit{}, false
	}
	if errAt < 0 || errAt+1 >= len(text) || text[errAt] != ':' {
		return edit{}, false
	}
	next := errAt + 1
	for next < len(text) && (text[next] == ' ' || text[next] == '\t') {
		next++
	}
	if next == len(text) || text[next] != '}' && text[next] != ':' {
		return edit{}, false
	}
	if next == errAt+1 && text[next] == '}' && isOffsetColon(text, errAt) {
		return edit{}, false // ${s:}
	}
	return edit{start: errAt + 1, end: errAt + 1, repl: "0"}, true
}

// isOffsetColon reports whether the colon at i is the first one of the
// parameter expansion it is in: nothing but the parameter (and its
// subscript) lies between the ${ and it.
func isOffsetColon(text []byte, i int) bool {
	open := bytes.LastIndex(text[:i], []byte("${"))
	return open >= 0 && !bytes.ContainsAny(text[open+2:i], ":}")
}
