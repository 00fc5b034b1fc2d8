package expansion

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gosh-sh/gosh/escapes"
	"github.com/gosh-sh/gosh/expansion/pattern"
	"mvdan.cc/sh/v3/syntax"
)

// piece is a run of text that expansion produced, with what later steps
// need to know of it.
type piece struct {
	s string
	// quoted text is never split, and is literal in a pattern.
	quoted bool
	// split text came from an unquoted expansion: IFS may cut it
	// (XCU 2.6.5). Unquoted literal text of the source is neither quoted
	// nor split.
	split bool
	// brk ends a field whatever follows: the gap between two elements of
	// "$@" or ${a[@]}. Its s is empty.
	brk bool
	// dq marks the empty quoted piece that opens "...": it makes a field
	// of "" but is taken back when "$@" of no parameters follows it.
	dq bool
}

// quoting says how the parts being walked are quoted.
type quoting uint8

const (
	// unquoted source text.
	unquoted quoting = iota
	// inDouble: inside "...": a backslash escapes only $ ` " \ and
	// newline.
	inDouble
	// inDocument: a here-document body, which is like "..." except that
	// " is an ordinary character.
	inDocument
	// inOpWord: the word of ${x-word} and friends outside double quotes:
	// its literal text is subject to field splitting, as the expansion's
	// result is (bash: ${x:-a b} gives two fields).
	inOpWord
	// inDoubleOpWord: that word inside double quotes, where single quotes
	// are ordinary characters ("${x:-'a'}" gives 'a').
	inDoubleOpWord
)

func (q quoting) double() bool { return q == inDouble || q == inDocument || q == inDoubleOpWord }

// expander expands one word at a time into pieces.
type expander struct {
	cfg    *Config
	pieces []piece
	depth  int
	// keyText writes arithmetic without the spaces that keep it
	// unambiguous: the text of an associative key read as arithmetic.
	keyText bool
}

func newExpander(cfg *Config) *expander { return &expander{cfg: cfg} }

// add appends a piece, merging it with the one before when both are of
// the same kind.
func (e *expander) add(p piece) {
	if n := len(e.pieces); n > 0 && !p.brk {
		last := &e.pieces[n-1]
		if !last.brk && last.quoted == p.quoted && last.split == p.split && p.s != "" && last.s != "" {
			last.s += p.s
			return
		}
	}
	e.pieces = append(e.pieces, p)
}

// result adds the result of an expansion, quoted or not.
func (e *expander) result(s string, q quoting) {
	if q.double() {
		e.add(piece{s: s, quoted: true})
	} else {
		e.add(piece{s: s, split: true})
	}
}

// take returns the pieces collected so far and starts afresh.
func (e *expander) take() []piece {
	p := e.pieces
	e.pieces = nil
	return p
}

// enter guards against unbounded nesting: a word whose expansion expands
// a word that expands a word...
func (e *expander) enter() error {
	e.depth++
	max := e.cfg.MaxRecursion
	if max == 0 {
		max = 1000
	}
	if e.depth > max {
		return fatalf("expansion nested too deeply (more than %d levels)", max)
	}
	return nil
}

func (e *expander) leave() { e.depth-- }

// parts walks word parts left to right, doing tilde (the caller's job for
// the first part), parameter, command and arithmetic expansion and process
// substitution (XCU 2.6.1-2.6.4; bash's <(...) in the same pass).
func (e *expander) parts(parts []syntax.WordPart, q quoting) error {
	if err := e.enter(); err != nil {
		return err
	}
	defer e.leave()
	for _, part := range parts {
		switch p := part.(type) {
		case *syntax.Lit:
			e.lit(p.Value, q)
		case *syntax.SglQuoted:
			s := p.Value
			if p.Dollar {
				s = ansiC(s)
			}
			if q == inDoubleOpWord && !p.Dollar {
				s = "'" + s + "'"
			}
			e.add(piece{s: s, quoted: true})
		case *syntax.DblQuoted:
			e.add(piece{quoted: true, dq: true}) // "" makes a field even when empty
			if err := e.parts(p.Parts, inDouble); err != nil {
				return err
			}
		case *syntax.ParamExp:
			if err := e.paramExp(p, q); err != nil {
				return err
			}
		case *syntax.CmdSubst:
			s, err := e.cmdSubst(p)
			if err != nil {
				return err
			}
			e.result(s, q)
		case *syntax.ArithmExp:
			n, err := e.arithm(p.X)
			if err != nil {
				return err
			}
			e.result(strconv.FormatInt(n, 10), q)
		case *syntax.ProcSubst:
			if e.cfg.Host == nil {
				return fatalf("process substitution not available here")
			}
			path, err := e.cfg.Host.ProcSubst(p)
			if err != nil {
				return err
			}
			e.add(piece{s: path, quoted: true})
		case *syntax.ExtGlob:
			e.add(piece{s: p.Op.String() + p.Pattern.Value + ")"})
		case *syntax.BraceExp:
			// Only reached where brace expansion does not apply (an
			// assignment, a pattern): the braces are literal text.
			e.lit(braceText(p), q)
		default:
			return fatalf("unsupported word part %T", part)
		}
	}
	return nil
}

// lit adds literal source text, taking the backslashes out as the quoting
// context says (XCU 2.2.1, 2.2.3; here-documents 2.7.4).
func (e *expander) lit(s string, q quoting) {
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			continue
		}
		if i+1 == len(s) {
			break // a lone trailing backslash stays
		}
		c := s[i+1]
		switch q {
		case inDouble, inDoubleOpWord:
			if c != '$' && c != '`' && c != '"' && c != '\\' && c != '\n' {
				i++
				continue
			}
		case inDocument:
			if c != '$' && c != '`' && c != '\\' && c != '\n' {
				i++
				continue
			}
		}
		e.text(s[start:i], q)
		size := 1
		if c >= utf8.RuneSelf {
			_, size = utf8.DecodeRuneInString(s[i+1:])
		}
		if c != '\n' {
			e.add(piece{s: s[i+1 : i+1+size], quoted: true})
		}
		i += size
		start = i + 1
	}
	e.text(s[start:], q)
}

// text adds literal text that needs no more quote removal.
func (e *expander) text(s string, q quoting) {
	if s == "" {
		return
	}
	switch q {
	case unquoted:
		e.add(piece{s: s})
	case inOpWord:
		e.add(piece{s: s, split: true})
	default:
		e.add(piece{s: s, quoted: true})
	}
}

// ansiC decodes the escapes of $'...'; a NUL ends the string, as in bash.
func ansiC(s string) string {
	b, _ := escapes.Append(nil, s, escapes.ANSIC, nil)
	if i := strings.IndexByte(string(b), 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// fieldsOf splits the pieces of one word into fields (XCU 2.6.5). A field
// is its pieces; present marks a field that exists though it may be empty
// (it had quotes).
type field struct {
	pieces []piece
}

func (f *field) text() string {
	if len(f.pieces) == 1 {
		return f.pieces[0].s
	}
	var sb strings.Builder
	for _, p := range f.pieces {
		sb.WriteString(p.s)
	}
	return sb.String()
}

// split cuts pieces into fields at the IFS characters of split pieces and
// at field breaks. IFS white space at the start and end of a field is
// dropped, and a run of it counts as one separator; each other IFS
// character ends a field, with the white space around it, even if that
// field is empty. A field exists if it has text or had quotes.
func split(pieces []piece, ifs string) []field {
	var fields []field
	var cur []piece
	has := false // cur has text or quotes
	emit := func() {
		fields = append(fields, field{pieces: cur})
		cur, has = nil, false
	}
	for _, p := range pieces {
		switch {
		case p.brk:
			if has {
				emit()
			}
			cur, has = nil, false
			continue
		case !p.split || ifs == "":
			cur = append(cur, p)
			if p.quoted || p.s != "" {
				has = true
			}
			continue
		}
		s := p.s
		start := 0
		for i := 0; i < len(s); {
			size := ifsCharAt(s, i, ifs)
			if size == 0 {
				i++
				continue
			}
			ws := isIFSWhite(s[i])
			if i > start {
				cur = append(cur, piece{s: s[start:i], split: true})
				has = true
			}
			i += size
			if ws && !has {
				start = i
				continue // white space before a field
			}
			emit()
			// Take the rest of the separator: white space, and one
			// non-white IFS character if the separator so far was white.
			for i < len(s) {
				size := ifsCharAt(s, i, ifs)
				if size == 0 {
					break
				}
				if isIFSWhite(s[i]) {
					i += size
				} else if ws {
					ws = false
					i += size
				} else {
					break
				}
			}
			start = i
		}
		if start < len(s) {
			cur = append(cur, piece{s: s[start:], split: true})
			has = true
		}
	}
	if has {
		emit()
	}
	return fields
}

func isIFSWhite(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// ifsCharAt returns the length of the IFS character at s[i], or 0 if
// there is none there. IFS may hold multibyte characters (IFS=ç), which
// split only where the whole character appears.
func ifsCharAt(s string, i int, ifs string) int {
	c := s[i]
	if c < utf8.RuneSelf {
		if strings.IndexByte(ifs, c) >= 0 {
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size <= 1 {
		// An invalid byte is an IFS character if IFS holds it as one.
		for j := 0; j < len(ifs); j++ {
			if ifs[j] == c {
				if rr, n := utf8.DecodeRuneInString(ifs[j:]); rr == utf8.RuneError && n <= 1 {
					return 1
				}
			}
		}
		return 0
	}
	if strings.ContainsRune(ifs, r) {
		return size
	}
	return 0
}

// globPattern is the pattern text of a field and whether it has any
// unquoted pattern character, which makes it subject to pathname
// expansion.
func (f *field) globPattern(mode pattern.Mode) (string, bool) {
	meta := false
	for _, p := range f.pieces {
		if !p.quoted && pattern.HasMeta(p.s, mode) {
			meta = true
			break
		}
	}
	if !meta {
		return "", false
	}
	return patternText(f.pieces), true
}

// patternText joins pieces into pattern text: quoted characters are
// escaped, so they match only themselves (XCU 2.13.1).
func patternText(pieces []piece) string {
	var sb strings.Builder
	for _, p := range pieces {
		if p.quoted {
			sb.WriteString(pattern.QuoteMeta(p.s))
		} else {
			sb.WriteString(p.s)
		}
	}
	return sb.String()
}

// joinText is quote removal of pieces that are not split: their text,
// with each field break turned into the separator it carries (unquoted $*
// in an assignment joins with IFS's first character, $@ with a space).
func joinText(pieces []piece) string {
	if len(pieces) == 1 {
		return pieces[0].s
	}
	var sb strings.Builder
	for _, p := range pieces {
		sb.WriteString(p.s)
	}
	return sb.String()
}
