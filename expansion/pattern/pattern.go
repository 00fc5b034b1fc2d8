package pattern

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mode selects the dialect and matching rules of a pattern.
type Mode uint

const (
	// ExtGlob enables bash's ?(p|q) *(p|q) +(p|q) @(p|q) !(p|q).
	ExtGlob Mode = 1 << iota
	// NoCase folds case (nocasematch / nocaseglob) for literal characters
	// and bracket characters and ranges; character classes test the
	// subject's character as it is, as bash does.
	NoCase
	// Pathname applies the rules of pathname expansion: `*`, `?`, brackets
	// and `!(...)` never match '/', a bracket expression containing '/' is
	// literal text, and a '.' at the start of the subject or after a '/'
	// must be matched by a literal '.' (unless DotGlob).
	Pathname
	// DotGlob lifts Pathname's leading-period rule.
	DotGlob
)

type nodeKind uint8

const (
	nodeLit     nodeKind = iota // literal text
	nodeAny                     // ?
	nodeStar                    // *
	nodeBracket                 // [...]
	nodeGroup                   // extglob group
)

// node is one step of a compiled pattern. A pattern is a sequence of nodes;
// a group's alternatives are sequences too.
type node struct {
	kind nodeKind
	op   byte     // group operator: one of ? * + @ !
	id   int      // group number, indexes the per-match memo tables
	lit  string   // nodeLit: the literal text, backslashes removed
	set  *bracket // nodeBracket
	alts [][]node // nodeGroup
}

// Pattern is a compiled pattern. It is immutable and safe for concurrent use.
type Pattern struct {
	nodes   []node
	mode    Mode
	groups  int  // number of extglob groups (memo table width)
	literal bool // a single literal node (or none): matching is a string compare
	text    string
}

// Compile parses pattern text. Every pattern is valid: as in bash, a '[' that
// does not start a complete bracket expression is a literal '[', and (with
// ExtGlob) a group operator followed by a '(' without its ')' is literal
// text, operator included. So the error is always nil; it is kept so that
// the signature can grow stricter rules.
func Compile(pat string, mode Mode) (*Pattern, error) {
	c := compiler{mode: mode}
	nodes := c.parseSeq(pat)
	p := &Pattern{nodes: nodes, mode: mode, groups: c.groups, text: pat}
	p.literal = len(nodes) == 0 || (len(nodes) == 1 && nodes[0].kind == nodeLit)
	return p, nil
}

// String returns the pattern text it was compiled from.
func (p *Pattern) String() string { return p.text }

type compiler struct {
	mode   Mode
	groups int
}

// parseSeq compiles pattern text into a node sequence, merging adjacent
// literal characters and collapsing runs of stars.
func (c *compiler) parseSeq(pat string) []node {
	nodes := make([]node, 0, nodeEstimate(pat))
	lit := literal{pat: pat}
	flush := func() {
		if text := lit.take(); text != "" {
			nodes = append(nodes, node{kind: nodeLit, lit: text})
		}
	}
	for i := 0; i < len(pat); {
		ch := pat[i]
		if c.mode&ExtGlob != 0 && isGroupOp(ch) && i+1 < len(pat) && pat[i+1] == '(' {
			if end := scanGroup(pat, i+2, nil); end >= 0 {
				flush()
				alts := splitAlts(pat, i+2, end)
				nd := node{kind: nodeGroup, op: ch, id: c.groups}
				c.groups++
				for _, a := range alts {
					nd.alts = append(nd.alts, c.parseSeq(a))
				}
				nodes = append(nodes, nd)
				i = end + 1
				continue
			}
			// An unclosed group is literal text, its operator too
			// (bash: `*(` matches only "*(").
			lit.add(i, i+1)
			i++
			continue
		}
		switch ch {
		case '\\':
			if i+1 < len(pat) {
				_, size := decode(pat, i+1)
				lit.add(i+1, i+1+size)
				i += 1 + size
			} else {
				lit.add(i, i+1)
				i++
			}
		case '*':
			flush()
			if len(nodes) == 0 || nodes[len(nodes)-1].kind != nodeStar {
				nodes = append(nodes, node{kind: nodeStar})
			}
			i++
		case '?':
			flush()
			nodes = append(nodes, node{kind: nodeAny})
			i++
		case '[':
			if set, end, ok := parseBracket(pat, i, c.mode); ok {
				flush()
				nodes = append(nodes, node{kind: nodeBracket, set: set})
				i = end
			} else {
				lit.add(i, i+1)
				i++
			}
		default:
			lit.add(i, i+1)
			i++
		}
	}
	flush()
	return nodes
}

// nodeEstimate bounds the number of nodes pat compiles to, so that the
// slice is allocated once: at most a literal before and after each special
// character.
func nodeEstimate(pat string) int {
	n := 1
	for i := 0; i < len(pat); i++ {
		switch pat[i] {
		case '*', '?', '[', '(':
			n += 2
		}
	}
	return min(n, len(pat)+1)
}

// literal accumulates a run of literal text. While the run is one stretch
// of the pattern it is kept as a substring of it, which saves a copy; a
// quoting backslash breaks the stretch and starts a buffer.
type literal struct {
	pat        string
	start, end int // the run is pat[start:end] while buf is nil
	buf        []byte
}

// add appends pat[i:j] to the run.
func (l *literal) add(i, j int) {
	if l.buf == nil {
		switch {
		case l.start == l.end:
			l.start, l.end = i, j
			return
		case l.end == i:
			l.end = j
			return
		}
		l.buf = append([]byte(nil), l.pat[l.start:l.end]...)
	}
	l.buf = append(l.buf, l.pat[i:j]...)
}

// take returns the run and starts a new one.
func (l *literal) take() string {
	text := l.pat[l.start:l.end]
	if l.buf != nil {
		text = string(l.buf)
	}
	l.start, l.end, l.buf = 0, 0, nil
	return text
}

func isGroupOp(c byte) bool {
	return c == '?' || c == '*' || c == '+' || c == '@' || c == '!'
}

// scanGroup finds the extent of a group whose contents start at pat[i], the
// way bash's PATSCAN does: it returns the index of the closing ')' (or -1)
// and calls bar, if not nil, with the index of each top-level '|'. A
// backslash quotes the next character; a '[' opens a bracket context, closed
// by a ']' that is neither its first character nor the end of a [:x:], [.x.]
// or [=x=], in which '(', ')' and '|' are ordinary characters.
func scanGroup(pat string, i int, bar func(int)) int {
	depth, inBracket, first := 0, false, -1
	var inner byte // the delimiter of a [:x:], [.x.] or [=x=] being read
	for ; i < len(pat); i++ {
		switch c := pat[i]; c {
		case '\\':
			i++
		case '[':
			if !inBracket {
				inBracket, first = true, i+1
				if first < len(pat) && (pat[first] == '!' || pat[first] == '^') {
					first++
				}
			} else if i+1 < len(pat) && (pat[i+1] == ':' || pat[i+1] == '.' || pat[i+1] == '=') {
				inner = pat[i+1]
			}
		case ']':
			if inBracket {
				if inner != 0 && pat[i-1] == inner {
					inner = 0
				} else if i != first {
					inBracket = false
				}
			}
		case '(':
			if !inBracket {
				depth++
			}
		case ')':
			if !inBracket {
				if depth == 0 {
					return i
				}
				depth--
			}
		case '|':
			if !inBracket && depth == 0 && bar != nil {
				bar(i)
			}
		}
	}
	return -1
}

// splitAlts splits the group whose contents start at pat[i] and end at the
// ')' at pat[end] into its alternatives.
func splitAlts(pat string, i, end int) []string {
	var alts []string
	start := i
	scanGroup(pat[:end+1], i, func(bar int) {
		alts = append(alts, pat[start:bar])
		start = bar + 1
	})
	return append(alts, pat[start:end])
}

// HasMeta reports whether pat contains an unquoted special character that
// makes it more than a literal string: `*`, `?`, a complete bracket
// expression, or (with ExtGlob) a complete group. A word for which it is
// false needs no pathname expansion, and a match against it is a plain
// comparison with Unescape(pat).
func HasMeta(pat string, mode Mode) bool {
	for i := 0; i < len(pat); i++ {
		switch pat[i] {
		case '\\':
			i++
		case '*', '?':
			return true
		case '[':
			if _, ok := bracketEnd(pat, i, mode); ok {
				return true
			}
		case '+', '@', '!':
			if mode&ExtGlob != 0 && i+1 < len(pat) && pat[i+1] == '(' && scanGroup(pat, i+2, nil) >= 0 {
				return true
			}
		}
	}
	return false
}

// Unescape returns the literal string that pattern text without meta stands
// for: each quoting backslash is removed (a trailing lone backslash stays).
func Unescape(pat string) string {
	i := strings.IndexByte(pat, '\\')
	if i < 0 {
		return pat
	}
	var b strings.Builder
	b.Grow(len(pat))
	b.WriteString(pat[:i])
	for ; i < len(pat); i++ {
		if pat[i] == '\\' && i+1 < len(pat) {
			i++
		}
		b.WriteByte(pat[i])
	}
	return b.String()
}

// metaChars are the characters QuoteMeta escapes: everything that can be
// special somewhere in a pattern.
const metaChars = "\\*?[]!^-+@()|"

// QuoteMeta returns pattern text that matches exactly s.
func QuoteMeta(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(metaChars, s[i]) >= 0 {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+n)
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(metaChars, s[i]) >= 0 {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// --- characters ---

// rawBase offsets the bytes of invalid UTF-8 out of the code point space so
// that a character is one int32 whatever it was made of.
const rawBase = 0x110000

// decode returns the character at s[i] and its length in bytes. An invalid
// byte is a character of its own, rawBase+byte.
func decode(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size == 1 {
		return rawBase + rune(c), 1
	}
	return r, size
}

// charLen is the length of the character at s[i].
func charLen(s string, i int) int {
	if s[i] < utf8.RuneSelf {
		return 1
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return size
}

// isBoundary reports whether byte offset p of s starts a character (or is
// the end), that is, is not inside a valid multi-byte sequence.
func isBoundary(s string, p int) bool {
	if p >= len(s) || s[p] < 0x80 || s[p] >= 0xC0 {
		return true
	}
	for l := p - 1; l >= 0 && l >= p-3; l-- {
		if s[l] >= 0xC0 {
			_, size := utf8.DecodeRuneInString(s[l:])
			return size <= p-l
		}
		if s[l] < 0x80 {
			return true
		}
	}
	return true
}

// fold is the case folding of NoCase: to lower case, as bash's towlower.
func fold(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}
	if r >= rawBase {
		return r
	}
	return unicode.ToLower(r)
}

// litEnd returns the end of the literal lit matched at s[i:], or -1. A
// match that would end inside a character of s is no match.
func litEnd(s string, i int, lit string, nocase bool) int {
	if !nocase {
		if !strings.HasPrefix(s[i:], lit) {
			return -1
		}
		e := i + len(lit)
		if e < len(s) && s[e] >= 0x80 && !isBoundary(s, e) {
			return -1
		}
		return e
	}
	for j := 0; j < len(lit); {
		if i >= len(s) {
			return -1
		}
		a, b := s[i], lit[j]
		if a < utf8.RuneSelf && b < utf8.RuneSelf {
			if fold(rune(a)) != fold(rune(b)) {
				return -1
			}
			i++
			j++
			continue
		}
		ra, na := decode(s, i)
		rb, nb := decode(lit, j)
		if fold(ra) != fold(rb) {
			return -1
		}
		i += na
		j += nb
	}
	if i < len(s) && s[i] >= 0x80 && !isBoundary(s, i) {
		return -1
	}
	return i
}

// wildOK reports whether a wildcard (`*`, `?`, bracket, `!(...)`) may
// consume the character at s[i] under the Pathname rules.
func wildOK(s string, i int, mode Mode) bool {
	if mode&Pathname == 0 {
		return true
	}
	c := s[i]
	if c == '/' {
		return false
	}
	return c != '.' || mode&DotGlob != 0 || (i > 0 && s[i-1] != '/')
}

// --- whole-string matching ---

// Match reports whether the pattern matches all of s.
func (p *Pattern) Match(s string) bool {
	if p.literal {
		return p.matchLiteral(s)
	}
	if p.groups == 0 && (p.mode&Pathname == 0 || strings.IndexByte(s, '/') < 0) {
		return p.matchSimple(s)
	}
	var m matcher
	m.init(p, s)
	end := m.forward(p.nodes, m.single(0))
	return end.has(len(s))
}

func (p *Pattern) matchLiteral(s string) bool {
	if len(p.nodes) == 0 {
		return s == ""
	}
	lit := p.nodes[0].lit
	if p.mode&NoCase == 0 {
		return s == lit
	}
	return litEnd(s, 0, lit, true) == len(s)
}

// matchSimple matches a pattern without groups. A literal at either end is
// compared in place first (the common `*.c` and `prefix*`; under NoCase
// only where both sides are ASCII, since a non-ASCII character may fold to
// an ASCII one of another length), and the rest is
// matched by the classic loop that backtracks only to the last star: a later
// star can absorb whatever an earlier one could, so no earlier choice needs
// revisiting. In Pathname mode it is used only for subjects without '/',
// where the one extra constraint (a leading '.') can only stop a star at the
// start of the pattern.
func (p *Pattern) matchSimple(s string) bool {
	nodes := p.nodes
	lo, hi := 0, len(s)
	nocase := p.mode&NoCase != 0
	if nodes[0].kind == nodeLit {
		lit := nodes[0].lit
		switch {
		case !nocase:
			if lo = litEnd(s, 0, lit, false); lo < 0 {
				return false
			}
			nodes = nodes[1:]
		case len(lit) <= len(s) && isASCII(lit) && isASCII(s[:len(lit)]):
			if !equalFoldASCII(s[:len(lit)], lit) {
				return false
			}
			lo = len(lit)
			nodes = nodes[1:]
		}
	}
	if last := len(nodes) - 1; last >= 0 && nodes[last].kind == nodeLit {
		lit := nodes[last].lit
		if hi-lo < len(lit) {
			return false
		}
		tail := s[hi-len(lit):]
		switch {
		case !nocase:
			if tail != lit || !isBoundary(s, hi-len(lit)) {
				return false
			}
			hi -= len(lit)
			nodes = nodes[:last]
		case isASCII(lit) && isASCII(tail):
			// The last len(lit) characters are these bytes.
			if !equalFoldASCII(tail, lit) {
				return false
			}
			hi -= len(lit)
			nodes = nodes[:last]
		}
	}
	return p.matchLoop(nodes, s, lo, hi)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// equalFoldASCII compares ASCII strings of equal length under NoCase.
func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		if fold(rune(a[i])) != fold(rune(b[i])) {
			return false
		}
	}
	return true
}

// matchLoop matches nodes against s[lo:hi], keeping offsets into all of s
// so that the Pathname rules see each character's context.
func (p *Pattern) matchLoop(nodes []node, s string, si, hi int) bool {
	nocase := p.mode&NoCase != 0
	pi := 0
	starPi, starSi := -1, 0
	for {
		if pi < len(nodes) {
			nd := &nodes[pi]
			switch nd.kind {
			case nodeStar:
				if pi == len(nodes)-1 {
					return p.starReaches(s, si, hi)
				}
				starPi, starSi = pi, si
				pi++
				continue
			case nodeLit:
				if e := litEnd(s[:hi], si, nd.lit, nocase); e >= 0 {
					si = e
					pi++
					continue
				}
			case nodeAny:
				if si < hi && wildOK(s, si, p.mode) {
					si += charLen(s, si)
					pi++
					continue
				}
			case nodeBracket:
				if si < hi && wildOK(s, si, p.mode) {
					if ok, n := nd.set.matchAt(s, si); ok {
						si += n
						pi++
						continue
					}
				}
			}
		} else if si == hi {
			return true
		}
		if starPi < 0 || starSi >= hi || !wildOK(s, starSi, p.mode) {
			return false
		}
		starSi += charLen(s, starSi)
		pi, si = starPi+1, starSi
	}
}

// starReaches reports whether a final star can consume s[i:hi].
func (p *Pattern) starReaches(s string, i, hi int) bool {
	if p.mode&Pathname == 0 {
		return true
	}
	for ; i < hi; i += charLen(s, i) {
		if !wildOK(s, i, p.mode) {
			return false
		}
	}
	return true
}

// Prefix returns the length of the shortest (longest=false) or longest
// prefix of s that the pattern matches, or -1 if none does.
func (p *Pattern) Prefix(s string, longest bool) int {
	if p.literal {
		lit := ""
		if len(p.nodes) > 0 {
			lit = p.nodes[0].lit
		}
		return litEnd(s, 0, lit, p.mode&NoCase != 0)
	}
	var m matcher
	m.init(p, s)
	ends := m.forward(p.nodes, m.single(0))
	if longest {
		return ends.last()
	}
	return ends.first()
}

// Suffix returns the start of the shortest (longest=false) or longest
// suffix of s that the pattern matches, or -1 if none does.
func (p *Pattern) Suffix(s string, longest bool) int {
	if p.literal && p.mode&NoCase == 0 {
		lit := ""
		if len(p.nodes) > 0 {
			lit = p.nodes[0].lit
		}
		if at := len(s) - len(lit); at >= 0 && s[at:] == lit && isBoundary(s, at) {
			return at
		}
		return -1
	}
	var m matcher
	m.init(p, s)
	starts := m.backward(p.nodes, m.single(len(s)))
	if longest {
		return starts.first()
	}
	return starts.last()
}

// Find returns the leftmost match in s that starts at or after from, taking
// the longest match at that position, as bash's ${v/pat/rep} does. An empty
// match is a match, but as in bash the empty pattern matches nothing here
// (${v//} leaves v alone; ${v/#/r} and ${v/%/r} are Prefix and Suffix,
// where it does match). ok is false if there is no match.
func (p *Pattern) Find(s string, from int) (start, end int, ok bool) {
	if from < 0 || from > len(s) || len(p.nodes) == 0 {
		return 0, 0, false
	}
	if p.literal && p.mode&NoCase == 0 {
		lit := p.nodes[0].lit
		for i := from; i <= len(s); i++ {
			j := strings.Index(s[i:], lit)
			if j < 0 {
				break
			}
			i += j
			if isBoundary(s, i) && litEnd(s, i, lit, false) >= 0 {
				return i, i + len(lit), true
			}
		}
		return 0, 0, false
	}
	var m matcher
	m.init(p, s)
	starts := m.backward(p.nodes, m.all())
	start = starts.nextFrom(from)
	if start < 0 {
		return 0, 0, false
	}
	ends := m.forward(p.nodes, m.single(start))
	return start, ends.last(), true
}

// FindAll returns the spans that ${v//pat/rep} replaces, in order: at each
// position the longest match, searching on after it; after an empty match
// the next character is kept and the search goes on after it; no match is
// tried at the end of a non-empty s (bash: ${v//*(x)/-} on "ab" is "-a-b",
// on "" it is "-"). The empty pattern matches nothing, as in Find.
func (p *Pattern) FindAll(s string) [][2]int {
	if len(p.nodes) == 0 {
		return nil
	}
	var m matcher
	m.init(p, s)
	starts := m.backward(p.nodes, m.all())
	k := m.mark()
	var spans [][2]int
	for i := 0; ; {
		st := starts.nextFrom(i)
		if st < 0 || (st == len(s) && len(s) > 0) {
			return spans
		}
		en := m.forward(p.nodes, m.single(st)).last()
		m.reset(k)
		spans = append(spans, [2]int{st, en})
		if i = searchOn(s, st, en); i < 0 {
			return spans
		}
	}
}

// searchOn returns where ${v//p/r} searches on after the match s[st:en], or
// -1 when it stops: past the match, or past one more character after an
// empty one; a match at the end is the last.
func searchOn(s string, st, en int) int {
	switch {
	case st == len(s):
		return -1
	case en == st:
		return st + charLen(s, st)
	default:
		return en
	}
}

// matchGeneral is Match by the set engine alone; the tests and the fuzz
// target hold the fast paths to it.
func (p *Pattern) matchGeneral(s string) bool {
	var m matcher
	m.init(p, s)
	return m.forward(p.nodes, m.single(0)).has(len(s))
}
