package parser

import (
	"errors"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// mvdan.cc/sh/v3/syntax reads every subscript as arithmetic, so the key of
// an associative array that is not valid arithmetic is a syntax error:
// m[x y]=1, ${m[a.b]}, declare -A m=([a:b]=1 [!]=2). bash reads such a
// subscript as a word. The workaround is applied only where the parser
// fails: when the error lies inside the brackets of a subscript, the
// subscript's text is put in double quotes (which the parser reads as a
// word, and expansion as the same key) and the source is parsed again.

// maxSubscriptFixes bounds the retries of one parse.
const maxSubscriptFixes = 64

// parseQuotingSubscripts parses src, quoting the subscripts that the
// parser could not read as arithmetic. It returns the first error if a
// failure is not in a subscript.
func parseQuotingSubscripts(src, name string) (*syntax.File, error) {
	f, err := New().Parse(strings.NewReader(src), name)
	first := err
	for range maxSubscriptFixes {
		if err == nil {
			return f, nil
		}
		fixed, ok := QuoteSubscript(src, err)
		if !ok {
			return nil, first
		}
		src = fixed
		f, err = New().Parse(strings.NewReader(src), name)
	}
	return nil, first
}

// QuoteSubscript rewrites src so that the subscript in which the syntax
// error err lies is quoted: m[x y]=1 becomes m["x y"]=1. ok is false when
// the error is not inside a subscript on its line.
func QuoteSubscript(src string, err error) (string, bool) {
	var pos syntax.Pos
	var pe syntax.ParseError
	var le syntax.LangError
	switch {
	case errors.As(err, &pe):
		if pe.Incomplete {
			return "", false
		}
		pos = pe.Pos
	case errors.As(err, &le):
		pos = le.Pos
	default:
		return "", false
	}
	off := offsetOf(src, int(pos.Line()), int(pos.Col()))
	if off < 0 {
		return "", false
	}
	open, end, ok := subscriptAround(src, off)
	if !ok {
		return "", false
	}
	key := src[open+1 : end]
	if key == "" || key[0] == '"' || key[0] == '\'' {
		return "", false
	}
	quoted := `"` + strings.ReplaceAll(key, `"`, `\"`) + `"`
	return src[:open+1] + quoted + src[end:], true
}

// offsetOf turns a 1-based line and byte column into an offset in src.
func offsetOf(src string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	off += col - 1
	if off < 0 || off > len(src) {
		return -1
	}
	return off
}

// subscriptAround finds the brackets of the subscript that encloses off on
// its line: a '[' after a name (m[...], ${m[...]}) or opening an element
// of a compound assignment (([k]=v ...)), and its matching ']'.
func subscriptAround(src string, off int) (open, end int, ok bool) {
	lineStart := strings.LastIndexByte(src[:min(off, len(src))], '\n') + 1
	depth := 0
	open = -1
	for i := min(off, len(src)-1); i >= lineStart; i-- {
		switch src[i] {
		case ']':
			if i != off {
				depth++
			}
		case '[':
			if depth > 0 {
				depth--
				continue
			}
			open = i
		}
		if open >= 0 {
			break
		}
	}
	if open < 0 || !opensSubscript(src, open) {
		return 0, 0, false
	}
	depth = 0
	for i := open + 1; i < len(src) && src[i] != '\n'; i++ {
		switch src[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			if depth == 0 {
				return open, i, i >= off
			}
			depth--
		}
	}
	return 0, 0, false
}

// opensSubscript reports whether the '[' at i starts a subscript: it
// follows a variable name, or starts an element of ( ... ).
func opensSubscript(src string, i int) bool {
	if i == 0 {
		return false
	}
	c := src[i-1]
	if c == '(' || c == ' ' || c == '\t' {
		// An element [k]=v: the ']' must be followed by = or +=.
		j := strings.IndexByte(src[i:], ']')
		if j < 0 {
			return false
		}
		rest := src[i+j+1:]
		return strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "+=")
	}
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
