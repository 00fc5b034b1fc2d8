package expansion

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// extGlob adds an extglob group such as @(a|$x-'b'). The parser keeps the
// inside of the group as raw text, so it is scanned here: quotes quote,
// a backslash escapes, $ starts an expansion that is parsed and expanded
// on its own, and everything else (| ( ) and pattern characters) is
// pattern text.
func (e *expander) extGlob(g *syntax.ExtGlob, q quoting) error {
	e.add(piece{s: g.Op.String()})
	if err := e.extGlobText(g.Pattern.Value, q); err != nil {
		return err
	}
	e.add(piece{s: ")"})
	return nil
}

func (e *expander) extGlobText(s string, q quoting) error {
	start := 0
	flush := func(end int) {
		if end > start {
			e.add(piece{s: s[start:end], quoted: q.double()})
		}
	}
	for i := 0; i < len(s); {
		switch s[i] {
		case '\\':
			flush(i)
			if i+1 < len(s) {
				e.add(piece{s: s[i+1 : i+2], quoted: true})
				i += 2
			} else {
				e.add(piece{s: `\`})
				i++
			}
			start = i
		case '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				i++
				continue
			}
			flush(i)
			e.add(piece{s: s[i+1 : i+1+end], quoted: true})
			i += end + 2
			start = i
		case '"', '$', '`':
			end := wordEnd(s, i)
			if end <= i {
				i++
				continue
			}
			flush(i)
			w, err := parseWordText(s[i:end])
			if err != nil {
				return err
			}
			if err := e.parts(w.Parts, q); err != nil {
				return err
			}
			i = end
			start = i
		default:
			i++
		}
	}
	flush(len(s))
	return nil
}

// wordEnd returns the end of the quoted string or expansion that starts
// at s[i] ("...", $name, ${...}, $(...), $((...)), `...`), or i if none.
func wordEnd(s string, i int) int {
	switch s[i] {
	case '"':
		for j := i + 1; j < len(s); j++ {
			switch s[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return i
	case '`':
		for j := i + 1; j < len(s); j++ {
			switch s[j] {
			case '\\':
				j++
			case '`':
				return j + 1
			}
		}
		return i
	}
	// $...
	j := i + 1
	if j >= len(s) {
		return i
	}
	switch c := s[j]; {
	case c == '{':
		return balanced(s, j, '{', '}')
	case c == '(':
		return balanced(s, j, '(', ')')
	case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
			j++
		}
		return j
	case strings.IndexByte("0123456789@*#?$!-", c) >= 0:
		return j + 1
	}
	return i
}

// balanced returns the index after the close that balances the open at
// s[j], skipping quoted text; j itself if there is none.
func balanced(s string, j int, open, close byte) int {
	depth := 0
	for k := j; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
		case '\'':
			if end := strings.IndexByte(s[k+1:], '\''); end >= 0 {
				k += end + 1
			}
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return k + 1
			}
		}
	}
	return j
}

// parseWordText parses text as one shell word.
func parseWordText(text string) (*syntax.Word, error) {
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader("x "+text), "")
	if err != nil {
		return nil, fatalf("%s: bad substitution", text)
	}
	if len(f.Stmts) != 1 {
		return nil, fatalf("%s: bad substitution", text)
	}
	ce, ok := f.Stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(ce.Args) != 2 {
		return nil, fatalf("%s: bad substitution", text)
	}
	return ce.Args[1], nil
}
