package pattern

import (
	"strings"
	"unicode"
)

// bracket is a compiled bracket expression.
type bracket struct {
	ascii   [2]uint64 // the verdict, negation included, for each ASCII character
	negate  bool
	nocase  bool
	classes classSet
	chars   []rune // single characters (folded under NoCase)
	ranges  []runeRange
}

type runeRange struct{ lo, hi rune }

// matchAt reports whether the character at s[i] is in the set, and its length.
func (b *bracket) matchAt(s string, i int) (bool, int) {
	if c := s[i]; c < 0x80 {
		return b.ascii[c>>6]&(1<<(c&63)) != 0, 1
	}
	r, n := decode(s, i)
	return b.contains(r) != b.negate, n
}

// contains tests membership before negation. Classes see the character as
// it is and everything else its folded form: that is what bash does under
// nocasematch ([[ X == [[:lower:]] ]] is false, [[ X == [x] ]] is true).
func (b *bracket) contains(r rune) bool {
	if b.classes != 0 && r < rawBase && b.classes.has(r) {
		return true
	}
	return b.listed(r)
}

// listed tests the characters and ranges alone.
func (b *bracket) listed(r rune) bool {
	if b.nocase {
		r = fold(r)
	}
	for _, c := range b.chars {
		if c == r {
			return true
		}
	}
	for _, rg := range b.ranges {
		if rg.lo <= r && r <= rg.hi {
			return true
		}
	}
	return false
}

// parseBracket parses the bracket expression that starts with the '[' at
// pat[i]. ok is false when there is none there: no closing ']', or (in
// Pathname mode) a '/' inside, which POSIX says makes the '[' literal. end
// is the index after the closing ']'.
//
// The rules are XCU 2.13.1 and XBD 9.3.5 as bash implements them: '!' or '^'
// negates; a ']' first is literal; '-' first or last is literal; ranges go
// by code point; [:class:], [.sym.] and [=c=] are recognised, and an unknown
// class or collating symbol matches nothing without spoiling the rest; a
// backslash quotes the next character.
func parseBracket(pat string, i int, mode Mode) (set *bracket, end int, ok bool) {
	b := &bracket{nocase: mode&NoCase != 0}
	end, ok = b.parse(pat, i, mode)
	if !ok {
		return nil, 0, false
	}
	for k, e := range classNames {
		if b.classes&e.c != 0 {
			b.ascii[0] |= asciiClasses[k][0]
			b.ascii[1] |= asciiClasses[k][1]
		}
	}
	for c := rune(0); c < 0x80; c++ {
		if b.listed(c) {
			b.ascii[c>>6] |= 1 << (c & 63)
		}
	}
	if b.negate {
		b.ascii[0], b.ascii[1] = ^b.ascii[0], ^b.ascii[1]
	}
	return b, end, true
}

// bracketEnd is parseBracket without building the set: where the bracket
// expression at pat[i] ends, if there is one.
func bracketEnd(pat string, i int, mode Mode) (end int, ok bool) {
	return (*bracket)(nil).parse(pat, i, mode)
}

// parse reads the bracket expression at pat[i] into b, or only checks it
// when b is nil.
func (b *bracket) parse(pat string, i int, mode Mode) (end int, ok bool) {
	j := i + 1
	if j < len(pat) && (pat[j] == '!' || pat[j] == '^') {
		if b != nil {
			b.negate = true
		}
		j++
	}
	for first := true; ; first = false {
		if j >= len(pat) {
			return 0, false
		}
		if pat[j] == ']' && !first {
			j++
			break
		}
		lo, isChar, next, ok := b.element(pat, j, mode, true)
		if !ok {
			return 0, false
		}
		j = next
		if !isChar {
			continue
		}
		if j+1 < len(pat) && pat[j] == '-' && pat[j+1] != ']' {
			hi, hiIsChar, next, ok := b.element(pat, j+1, mode, false)
			if !ok {
				return 0, false
			}
			j = next
			if hiIsChar {
				b.addRange(lo, hi)
			}
			continue
		}
		b.addChar(lo)
	}
	return j, true
}

// element parses one bracket element at pat[j]: a character (isChar with
// its value), or a class (added to b unless b is nil; isChar false). A class is not
// recognised as a range's end (bash reads [a-[:alpha:]] as the range a-[).
func (b *bracket) element(pat string, j int, mode Mode, classOK bool) (r rune, isChar bool, next int, ok bool) {
	c := pat[j]
	if c == '[' && j+1 < len(pat) {
		delim := pat[j+1]
		if delim == '.' || delim == '=' || (delim == ':' && classOK) {
			if k := strings.Index(pat[j+2:], string(delim)+"]"); k >= 0 {
				name := pat[j+2 : j+2+k]
				next = j + 2 + k + 2
				if mode&Pathname != 0 && strings.IndexByte(name, '/') >= 0 {
					return 0, false, 0, false
				}
				if delim == ':' {
					if b != nil {
						b.classes |= classByName(name)
					}
					return 0, false, next, true
				}
				r, isChar = collatingElement(name)
				return r, isChar, next, true
			}
		}
	}
	if c == '\\' && j+1 < len(pat) {
		j++
		c = pat[j]
	}
	if c == '/' && mode&Pathname != 0 {
		return 0, false, 0, false
	}
	r, n := decode(pat, j)
	return r, true, j + n, true
}

func (b *bracket) addChar(r rune) {
	if b == nil {
		return
	}
	if b.nocase {
		r = fold(r)
	}
	b.chars = append(b.chars, r)
}

func (b *bracket) addRange(lo, hi rune) {
	if b == nil {
		return
	}
	if b.nocase {
		lo, hi = fold(lo), fold(hi)
	}
	if lo <= hi {
		b.ranges = append(b.ranges, runeRange{lo, hi})
	}
}

// collatingElement resolves the name in [.name.] or [=name=]: a single
// character, or one of the POSIX portable character names. In a UTF-8 or C
// locale every character is its own equivalence class.
func collatingElement(name string) (rune, bool) {
	if name == "" {
		return 0, false
	}
	if r, n := decode(name, 0); n == len(name) {
		return r, true
	}
	for _, e := range posixCharNames {
		if e.name == name {
			return e.r, true
		}
	}
	return 0, false
}

var posixCharNames = [...]struct {
	name string
	r    rune
}{
	{"NUL", 0}, {"SOH", 1}, {"STX", 2}, {"ETX", 3}, {"EOT", 4}, {"ENQ", 5}, {"ACK", 6},
	{"alert", 7}, {"BEL", 7}, {"backspace", 8}, {"BS", 8}, {"tab", 9}, {"HT", 9},
	{"newline", 10}, {"LF", 10}, {"vertical-tab", 11}, {"VT", 11}, {"form-feed", 12}, {"FF", 12},
	{"carriage-return", 13}, {"CR", 13}, {"SO", 14}, {"SI", 15}, {"DLE", 16}, {"DC1", 17},
	{"DC2", 18}, {"DC3", 19}, {"DC4", 20}, {"NAK", 21}, {"SYN", 22}, {"ETB", 23}, {"CAN", 24},
	{"EM", 25}, {"SUB", 26}, {"ESC", 27}, {"IS4", 28}, {"FS", 28}, {"IS3", 29}, {"GS", 29},
	{"IS2", 30}, {"RS", 30}, {"IS1", 31}, {"US", 31}, {"space", ' '}, {"exclamation-mark", '!'},
	{"quotation-mark", '"'}, {"number-sign", '#'}, {"dollar-sign", '$'}, {"percent-sign", '%'},
	{"ampersand", '&'}, {"apostrophe", '\''}, {"left-parenthesis", '('}, {"right-parenthesis", ')'},
	{"asterisk", '*'}, {"plus-sign", '+'}, {"comma", ','}, {"hyphen", '-'}, {"hyphen-minus", '-'},
	{"period", '.'}, {"full-stop", '.'}, {"slash", '/'}, {"solidus", '/'}, {"zero", '0'},
	{"one", '1'}, {"two", '2'}, {"three", '3'}, {"four", '4'}, {"five", '5'}, {"six", '6'},
	{"seven", '7'}, {"eight", '8'}, {"nine", '9'}, {"colon", ':'}, {"semicolon", ';'},
	{"less-than-sign", '<'}, {"equals-sign", '='}, {"greater-than-sign", '>'},
	{"question-mark", '?'}, {"commercial-at", '@'}, {"left-square-bracket", '['},
	{"backslash", '\\'}, {"reverse-solidus", '\\'}, {"right-square-bracket", ']'},
	{"circumflex", '^'}, {"circumflex-accent", '^'}, {"underscore", '_'}, {"low-line", '_'},
	{"grave-accent", '`'}, {"left-brace", '{'}, {"left-curly-bracket", '{'},
	{"vertical-line", '|'}, {"right-brace", '}'}, {"right-curly-bracket", '}'},
	{"tilde", '~'}, {"DEL", 0x7f},
}

// classSet is a set of character classes.
type classSet uint16

const (
	classAlpha classSet = 1 << iota
	classDigit
	classAlnum
	classUpper
	classLower
	classSpace
	classBlank
	classPunct
	classPrint
	classGraph
	classCntrl
	classXdigit
	classWord
)

var classNames = [...]struct {
	name string
	c    classSet
}{
	{"alpha", classAlpha}, {"digit", classDigit}, {"alnum", classAlnum}, {"upper", classUpper},
	{"lower", classLower}, {"space", classSpace}, {"blank", classBlank}, {"punct", classPunct},
	{"print", classPrint}, {"graph", classGraph}, {"cntrl", classCntrl}, {"xdigit", classXdigit},
	{"word", classWord},
}

// asciiClasses holds, in the order of classNames, each class's members
// among the ASCII characters; it is computed once and never written again.
var asciiClasses = func() (t [len(classNames)][2]uint64) {
	for k, e := range classNames {
		for c := rune(0); c < 0x80; c++ {
			if e.c.test(c) {
				t[k][c>>6] |= 1 << (c & 63)
			}
		}
	}
	return t
}()

// classByName returns the class, or the empty set for an unknown name (bash:
// [[:foo:]] matches nothing, [![:foo:]] everything).
func classByName(name string) classSet {
	for _, e := range classNames {
		if e.name == name {
			return e.c
		}
	}
	return 0
}

func (cs classSet) has(r rune) bool {
	for c := classSet(1); c != 0 && c <= cs; c <<= 1 {
		if cs&c != 0 && c.test(r) {
			return true
		}
	}
	return false
}

// test follows glibc's C.UTF-8 tables closely enough for the shell: digits
// and hex digits are ASCII only, letters and punctuation are Unicode's, and
// the no-break spaces are not spaces.
func (c classSet) test(r rune) bool {
	switch c {
	case classAlpha:
		return isAlpha(r)
	case classDigit:
		return '0' <= r && r <= '9'
	case classAlnum:
		return isAlpha(r) || ('0' <= r && r <= '9')
	case classUpper:
		return unicode.IsUpper(r)
	case classLower:
		return unicode.IsLower(r)
	case classSpace:
		return isSpace(r)
	case classBlank:
		return r == ' ' || r == '\t' || (r > 0x7f && unicode.Is(unicode.Zs, r) && !isNoBreak(r))
	case classPunct:
		if r < 0x80 {
			return r > ' ' && r < 0x7f && !isAlnumASCII(r)
		}
		return isGraph(r) && !isAlpha(r)
	case classPrint:
		return isGraph(r) || r == ' ' || (r > 0x7f && unicode.Is(unicode.Zs, r))
	case classGraph:
		return isGraph(r)
	case classCntrl:
		return unicode.IsControl(r) || r == 0x2028 || r == 0x2029
	case classXdigit:
		return ('0' <= r && r <= '9') || ('a' <= r && r <= 'f') || ('A' <= r && r <= 'F')
	case classWord:
		return r == '_' || isAlpha(r) || ('0' <= r && r <= '9')
	}
	return false
}

func isAlnumASCII(r rune) bool {
	return ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
}

func isAlpha(r rune) bool {
	if r < 0x80 {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isNoBreak(r rune) bool { return r == 0xa0 || r == 0x2007 || r == 0x202f }

func isSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || ('\t' <= r && r <= '\r')
	}
	return unicode.IsSpace(r) && !isNoBreak(r) && r != 0x85
}

func isGraph(r rune) bool {
	if r < 0x80 {
		return r > ' ' && r < 0x7f
	}
	return unicode.IsGraphic(r) && !unicode.Is(unicode.Zs, r)
}
