package parser

import (
	"strings"
)

// mvdan.cc/sh/v3/syntax reads every subscript as arithmetic, so the key of
// an associative array that is not valid arithmetic is a syntax error:
// m[x y]=1, ${m[a.b]}, declare -A m=([a:b]=1 [!]=2). bash reads such a
// subscript as a word. The workaround is one of repairCommand's (see
// rewrite.go), applied only where the parser fails: when the error lies
// inside the brackets of a subscript, the subscript's text is put in
// double quotes (which the parser reads as a word, and expansion as the
// same key) and the command is parsed again.

// subscriptQuoting is the edit that quotes the subscript around offset
// off of text, where a parse failed; ok is false when off is not inside a
// subscript, or the subscript is quoted already.
func subscriptQuoting(text []byte, off int) (edit, bool) {
	src := string(text)
	if off < 0 || off > len(src) {
		return edit{}, false
	}
	open, end, ok := subscriptAround(src, off)
	if !ok {
		return edit{}, false
	}
	key := src[open+1 : end]
	if key == "" || key[0] == '"' || key[0] == '\'' {
		return edit{}, false
	}
	quoted, ok := doubleQuotedWord(key)
	if !ok {
		return edit{}, false
	}
	return edit{start: open + 1, end: end, repl: quoted}, true
}

// doubleQuotedWord returns the word text as one double-quoted string that
// expands to the same key: bash reads a subscript as a word, so its quotes
// are removed (m[a'b c'd] is the key "ab cd") and a backslash quotes the
// next character. ok is false when a quote is not closed: the subscript is
// then a syntax error, as in bash (m[!"0]).
func doubleQuotedWord(word string) (quoted string, ok bool) {
	var b strings.Builder
	b.WriteByte('"')
	// literal writes c so that double quotes keep it as it is.
	literal := func(c byte) {
		if c == '$' || c == '`' || c == '"' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	for i := 0; i < len(word); i++ {
		switch c := word[i]; c {
		case '\\':
			if i+1 == len(word) {
				return "", false
			}
			i++
			literal(word[i])
		case '\'':
			j := strings.IndexByte(word[i+1:], '\'')
			if j < 0 {
				return "", false
			}
			for k := i + 1; k <= i+j; k++ {
				literal(word[k])
			}
			i += j + 1
		case '"':
			// A double-quoted part is already what it will be: copy it,
			// up to its closing quote.
			j := i + 1
			for ; j < len(word) && word[j] != '"'; j++ {
				if word[j] == '\\' {
					j++
				}
			}
			if j >= len(word) {
				return "", false
			}
			b.WriteString(word[i+1 : j])
			i = j
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String(), true
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
	// A name: what ends at i must start with a letter or '_'.
	start := i
	for start > 0 && isNameByte(src[start-1]) {
		start--
	}
	return start < i && (src[start] == '_' || src[start] >= 'a' && src[start] <= 'z' || src[start] >= 'A' && src[start] <= 'Z')
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
