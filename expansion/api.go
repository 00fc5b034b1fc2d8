package expansion

import (
	"regexp"
	"strings"

	"github.com/gosh-sh/gosh/expansion/pattern"
	"mvdan.cc/sh/v3/syntax"
)

// Fields expands command words into fields: all the steps of XCU 2.6, in
// order, with brace expansion first.
func Fields(cfg *Config, words ...*syntax.Word) ([]string, error) {
	fields := make([]string, 0, len(words))
	e := newExpander(cfg)
	defer e.release()
	for _, w := range words {
		if s, ok := PlainLiteral(w); ok {
			fields = append(fields, s)
			continue
		}
		if !mayHaveBraces(w) {
			var err error
			if fields, err = e.wordFields(w, fields); err != nil {
				return nil, err
			}
			continue
		}
		bws, err := braces(w)
		if err != nil {
			return nil, err
		}
		for _, bw := range bws {
			if fields, err = e.wordFields(bw, fields); err != nil {
				return nil, err
			}
		}
	}
	return fields, nil
}

// wordFields expands one word (after brace expansion) and appends its
// fields.
func (e *expander) wordFields(w *syntax.Word, out []string) ([]string, error) {
	if err := e.wordParts(w, tildeArgument); err != nil {
		return nil, err
	}
	pieces := e.take()
	if f, ok := unsplit(pieces); ok {
		return e.globField(f, out)
	}
	for _, f := range split(pieces, e.ifs()) {
		var err error
		if out, err = e.globField(f, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// unsplit is the field of a word with nothing to split, the common case,
// without split's allocations. ok is false if the word needs splitting or
// makes no field.
func unsplit(pieces []piece) (field, bool) {
	has := false
	for _, p := range pieces {
		if p.split || p.brk {
			return field{}, false
		}
		has = has || p.quoted || p.s != ""
	}
	return field{pieces: pieces}, has
}

// globField does pathname expansion of one field and appends the result.
func (e *expander) globField(f field, out []string) ([]string, error) {
	pat, glob := "", false
	if !e.cfg.NoGlob && e.cfg.ReadDir != nil {
		pat, glob = f.globPattern(e.globMode())
	}
	if glob {
		matches, err := pattern.Glob(pat, pattern.GlobOptions{
			Mode:     e.globMode(),
			GlobStar: e.cfg.GlobStar,
			ReadDir:  e.cfg.ReadDir,
			Lstat:    e.cfg.Lstat,
			Stat:     e.cfg.Stat,
		})
		if err != nil {
			return nil, err
		}
		if len(matches) > 0 {
			if len(out) == 0 {
				return matches, nil // Glob's slice is new: no copy
			}
			return append(out, matches...), nil
		}
		if e.cfg.FailGlob {
			return nil, &Error{Msg: "no match: " + f.text()}
		}
		if e.cfg.NullGlob {
			return out, nil
		}
	}
	return append(out, f.text()), nil
}

func (e *expander) globMode() pattern.Mode {
	var m pattern.Mode
	if e.cfg.ExtGlob {
		m |= pattern.ExtGlob
	}
	if e.cfg.NoCaseGlob {
		m |= pattern.NoCase
	}
	if e.cfg.DotGlob {
		m |= pattern.DotGlob
	}
	return m
}

// ifs is the value of IFS: unset means space, tab and newline.
func (e *expander) ifs() string {
	if e.cfg.Host == nil {
		return " \t\n"
	}
	v := e.cfg.Host.Var("IFS")
	if !v.Set {
		return " \t\n"
	}
	return v.String()
}

// Literal expands a word to one string, with neither field splitting nor
// pathname expansion: a case subject, a here-string, the operand of [[ ]].
// "$@" joins its elements with spaces.
func Literal(cfg *Config, w *syntax.Word) (string, error) {
	if w != nil {
		if s, ok := PlainLiteral(w); ok {
			return s, nil
		}
	}
	return expandJoined(cfg, w, tildeLeading, joinText)
}

// Assignment expands the value of an assignment: like Literal, and a tilde
// also expands after each unquoted ':' (PATH=~/bin:~/sbin), as in bash.
func Assignment(cfg *Config, w *syntax.Word) (string, error) {
	if w != nil {
		if s, ok := PlainLiteral(w); ok && !strings.Contains(s, ":~") {
			return s, nil
		}
	}
	return expandJoined(cfg, w, tildeAssignment, joinText)
}

// Pattern expands a word into pattern text for case, [[ == ]] and the
// pattern operators of ${...}: a quoted character, and any character that
// comes from a quoted expansion, is escaped so that it matches itself.
func Pattern(cfg *Config, w *syntax.Word) (string, error) {
	return expandJoined(cfg, w, tildeLeading, patternText)
}

// Regexp expands the right side of [[ =~ ]]: quoted parts match
// literally, the rest is an extended regular expression.
func Regexp(cfg *Config, w *syntax.Word) (string, error) {
	return expandJoined(cfg, w, tildeLeading, regexpText)
}

// expandJoined expands a word that is not split into one string, which
// join makes of its pieces.
func expandJoined(cfg *Config, w *syntax.Word, rule tildeRule, join func([]piece) string) (string, error) {
	if w == nil {
		return "", nil
	}
	e := newExpander(cfg)
	defer e.release()
	e.assignment = rule == tildeAssignment
	if err := e.wordParts(w, rule); err != nil {
		return "", err
	}
	return join(e.take()), nil
}

// regexpText joins pieces into an extended regular expression: quoted
// text is escaped so that it matches itself.
func regexpText(pieces []piece) string { return quotedText(pieces, regexp.QuoteMeta) }

// Document expands a here-document body (XCU 2.7.4): parameter, command
// and arithmetic expansion, with a backslash quoting only $ ` \ and
// newline.
func Document(cfg *Config, w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	e := newExpander(cfg)
	defer e.release()
	if err := e.parts(w.Parts, inDocument); err != nil {
		return "", err
	}
	return joinText(e.take()), nil
}

// tildeRule says where tilde expansion applies in a word.
type tildeRule uint8

const (
	tildeLeading    tildeRule = iota // at the start of the word
	tildeAssignment                  // also after each unquoted ':'
	tildeAssignLike                  // a word name=value: after the '=' and each ':'
	tildeArgument                    // a command argument: leading, or assign-like
)

// wordParts walks a whole word, doing tilde expansion on its leading
// literal first (XCU 2.6.1).
func (e *expander) wordParts(w *syntax.Word, rule tildeRule) error {
	parts := w.Parts
	if len(parts) > 0 {
		lit, ok := parts[0].(*syntax.Lit)
		if rule == tildeArgument {
			rule = tildeLeading
			if ok && !e.cfg.Posix && assignmentPrefix(lit.Value) > 0 && strings.Contains(lit.Value, "~") {
				rule = tildeAssignLike
			}
		}
		if ok && (strings.HasPrefix(lit.Value, "~") || rule != tildeLeading && strings.Contains(lit.Value, "~")) {
			e.tildeLit(lit.Value, len(parts) > 1 && isQuote(parts[1]), rule)
			parts = parts[1:]
		}
	}
	return e.parts(parts, unquoted)
}

func isQuote(p syntax.WordPart) bool {
	switch p.(type) {
	case *syntax.SglQuoted, *syntax.DblQuoted:
		return true
	}
	return false
}

// PlainLiteral reports whether a word is one literal that no expansion can
// change, and its text: the common case, which needs no expander at all. A
// '[' with no ']' after it is not a pattern ([ "$x" = y ]).
func PlainLiteral(w *syntax.Word) (string, bool) {
	if len(w.Parts) != 1 {
		return "", false
	}
	lit, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return "", false
	}
	v := lit.Value
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '*', '?', '{', '~', '\\', '(':
			return "", false
		case '[':
			if strings.IndexByte(v[i+1:], ']') >= 0 {
				return "", false
			}
		}
	}
	return v, true
}
