package parser

import (
	"bytes"
)

// Arithmetic that mvdan.cc/sh cannot parse but bash evaluates: bash expands
// the text of $((...)) first and parses the result, so an expansion may
// supply any part of the expression: $((x$i = 1)) assigns to x1,
// $(($base#7)) is in base $base, $((1 $op 2)) applies $op. mvdan parses
// the expression before anything is expanded and rejects such text. The
// repair reads the body as one double-quoted word, $(("x$i = 1")), which
// expansion turns into the text that package arith then parses, as bash
// does. Bodies that hold quotes or backslashes are left alone: wrapping
// them in double quotes would change them.

// arithmeticAsText finds the $((...)) around offset errAt whose body can
// be read as a double-quoted word.
func arithmeticAsText(text []byte, errAt int) (edit, bool) {
	if errAt < 0 || errAt > len(text) {
		return edit{}, false
	}
	var found edit
	ok := false
	scanUnquoted(text[:errAt], func(i int) {
		if !bytes.HasPrefix(text[i:], []byte("$((")) {
			return
		}
		end := arithmeticEnd(text, i+3)
		if end < errAt {
			return
		}
		body := text[i+3 : end]
		if bytes.ContainsAny(body, "\"'\\`") {
			return
		}
		found, ok = edit{start: i + 3, end: end, repl: `"` + string(body) + `"`}, true
	})
	return found, ok
}

// arithmeticEnd returns the offset of the "))" that closes the arithmetic
// whose body starts at text[start], or -1.
func arithmeticEnd(text []byte, start int) int {
	depth := 0
	for j := start; j+1 < len(text); j++ {
		switch text[j] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				if text[j+1] == ')' {
					return j
				}
				return -1
			}
			depth--
		}
	}
	return -1
}
