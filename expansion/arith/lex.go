package arith

import "strings"

// token is a lexical token. The order and grouping follow bash's expr.c,
// where the multi-character operators have small codes and the others are
// their own characters.
type token uint8

const (
	tEOF token = iota
	tEQEQ
	tNEQ
	tLEQ
	tGEQ
	tSTR // a variable, with its subscript if any
	tNUM
	tLAND
	tLOR
	tLSH
	tRSH
	tOPASSIGN // op=, the op in parser.assigntok
	tCOND     // only ever lasttok: set after a whole a ? b : c
	tPOWER
	tPREINC
	tPREDEC
	tPOSTINC
	tPOSTDEC
	// The one-character operators.
	tEQ
	tGT
	tLT
	tPLUS
	tMINUS
	tMUL
	tDIV
	tMOD
	tNOT
	tLPAR
	tRPAR
	tBAND
	tBOR
	tBXOR
	tBNOT
	tQUES
	tCOL
	tCOMMA
)

// charToken maps the characters that are operators on their own to their tokens.
var charToken = [256]token{
	'=': tEQ, '>': tGT, '<': tLT, '+': tPLUS, '-': tMINUS, '*': tMUL, '/': tDIV,
	'%': tMOD, '!': tNOT, '(': tLPAR, ')': tRPAR, '&': tBAND, '|': tBOR,
	'^': tBXOR, '~': tBNOT, '?': tQUES, ':': tCOL, ',': tCOMMA,
}

// isMultiop reports whether t is one of the operators bash codes as
// numbers rather than characters (its _is_multiop).
func isMultiop(t token) bool {
	return t >= tEQEQ && t <= tPOSTDEC && t != tSTR && t != tNUM
}

// state is what bash saves and restores around a look-ahead (its
// EXPR_CONTEXT, less the expression).
type state struct {
	curtok, lasttok token
	tp              int   // where the next token starts looking
	lasttp          int   // where the current token starts: the error token
	tokval          int64 // the value of the current number or variable
	tokstr          string
	noeval          int // > 0: parse only; read, assign and divide nothing
	lval            lvalue
}

// parser evaluates one expression as it parses it.
//
// The parser holds, besides, what the whole evaluation shares. It is
// copied into the parser of each nested expression rather than pointed
// to, which keeps it off the heap; the nested evaluation finishes before
// the outer one goes on, so nothing needs to flow back.
type parser struct {
	env     Env
	isSet   IsSetter // env, if it implements IsSetter
	opts    Options
	depth   int // expressions under evaluation, this one included (bash's expr_depth)
	nesting int // syntactic nesting across them, bounded by maxNesting
	// inSubscript: this expression is, or serves, an indexed array's subscript.
	inSubscript bool

	expr      string
	end       int   // errors show expr only up to here: bash cuts it at the end of a bad constant
	assigntok token // the operator of the last op= lexed
	state
}

// readtok reads the next token into p.curtok, moving the previous one to
// p.lasttok. A variable is read, and its value evaluated, here, unless it
// is followed by `=` (and not preceded by ++ or --); this is bash's
// readtok, and which side effects happen when depends on it.
func (p *parser) readtok() {
	s := p.expr
	cp := p.tp
	for cp < len(s) && isCRBlank(s[cp]) {
		cp++
	}
	if cp == len(s) {
		p.lasttok = p.curtok
		p.curtok = tEOF
		p.tp = cp
		return
	}
	start := cp
	p.lasttp, p.tp = start, start
	c := s[cp]
	cp++

	switch {
	case isVarStart(c):
		for cp < len(s) && isVarChar(s[cp]) {
			cp++
		}
		if cp < len(s) && s[cp] == '[' {
			e := skipSubscript(s, cp)
			if e < 0 {
				p.fail(BadSubscript, "bad array subscript")
			}
			cp = e + 1
		}
		p.lval = lvalue0
		p.tokstr = s[start:cp]

		// Peek at the next token, evaluating nothing, to see whether this
		// is the target of a plain assignment.
		saved := p.state
		p.tokstr = ""
		p.tp = cp
		p.noeval = 1
		p.curtok = tSTR
		p.readtok()
		peek := p.curtok
		p.state = saved

		if p.lasttok == tPREINC || p.lasttok == tPREDEC || peek != tEQ {
			p.tokval = p.readVar(p.tokstr)
		} else {
			p.tokval = 0
		}
		p.lasttok = p.curtok
		p.curtok = tSTR

	case isDigit(c):
		for cp < len(s) && (isAlnum(s[cp]) || s[cp] == '#' || s[cp] == '@' || s[cp] == '_') {
			cp++
		}
		p.end = cp
		p.tokval = p.strlong(s[start:cp])
		p.end = len(s)
		p.lasttok = p.curtok
		p.curtok = tNUM

	default:
		var c1 byte
		if cp < len(s) {
			c1 = s[cp]
		}
		cp++ // past c1, unread below where c1 is not part of the token
		var t token
		switch {
		case c == '=' && c1 == '=':
			t = tEQEQ
		case c == '!' && c1 == '=':
			t = tNEQ
		case c == '>' && c1 == '=':
			t = tGEQ
		case c == '<' && c1 == '=':
			t = tLEQ
		case (c == '<' || c == '>') && c1 == c:
			t = either(c == '<', tLSH, tRSH)
			if cp < len(s) && s[cp] == '=' {
				p.assigntok = t
				t = tOPASSIGN
				cp++
			}
		case c == '&' && c1 == '&':
			t = tLAND
		case c == '|' && c1 == '|':
			t = tLOR
		case c == '*' && c1 == '*':
			t = tPOWER
		case (c == '-' || c == '+') && c1 == c && p.curtok == tSTR:
			t = either(c == '+', tPOSTINC, tPOSTDEC)
		case (c == '-' || c == '+') && c1 == c && p.curtok == tNUM && (p.lasttok == tPREINC || p.lasttok == tPREDEC):
			// ++x++ and the like
			p.fail(Syntax, string([]byte{c, c})+": assignment requires lvalue")
		case (c == '-' || c == '+') && c1 == c:
			// ++ and -- are pre-increment and -decrement only before a
			// name; otherwise they are two unary operators (--1 is 1).
			xp := cp
			for xp < len(s) && isCRBlank(s[xp]) {
				xp++
			}
			if xp < len(s) && isVarStart(s[xp]) {
				t = either(c == '+', tPREINC, tPREDEC)
			} else {
				cp--
				t = charToken[c]
			}
		case c1 == '=' && strings.IndexByte("*/%+-&^|", c) >= 0:
			p.assigntok = charToken[c]
			t = tOPASSIGN
		case charToken[c] == 0:
			if p.curtok == tEOF || isCharOp(p.curtok) || isMultiop(p.curtok) {
				p.fail(Syntax, "syntax error: operand expected")
			}
			p.fail(Syntax, "syntax error: invalid arithmetic operator")
		default:
			cp--
			t = charToken[c]
		}
		p.lasttok = p.curtok
		p.curtok = t
	}
	p.tp = cp
}

func either(cond bool, yes, no token) token {
	if cond {
		return yes
	}
	return no
}

// isCharOp reports whether t is one of the one-character operators
// (bash's _is_arithop applied to a token).
func isCharOp(t token) bool { return t >= tEQ }

// strlong is the value of an integer constant: decimal, octal with a
// leading 0, hexadecimal with 0x, or base#digits for bases 2 to 64, whose
// digits are 0-9, a-z, A-Z, @ and _ (letters of either case are the same
// digit in bases up to 36). Overflow wraps, as in bash.
func (p *parser) strlong(num string) int64 {
	i := 0
	base := int64(10)
	foundbase := false
	if num[0] == '0' {
		i++
		if i == len(num) {
			return 0
		}
		if num[i] == 'x' || num[i] == 'X' {
			base = 16
			i++
		} else {
			base = 8
		}
		foundbase = true
	}
	var val int64
	for ; i < len(num); i++ {
		c := num[i]
		var d int64
		switch {
		case c == '#':
			if foundbase {
				p.fail(BadNumber, "invalid number")
			}
			if val < 2 || val > 64 {
				p.fail(BadNumber, "invalid arithmetic base")
			}
			base = val
			val = 0
			foundbase = true
			if i+1 == len(num) || num[i+1] == '#' {
				p.fail(BadNumber, "invalid integer constant")
			}
			continue
		case isDigit(c):
			d = int64(c - '0')
		case c >= 'a' && c <= 'z':
			d = int64(c-'a') + 10
		case c >= 'A' && c <= 'Z':
			d = int64(c-'A') + 10
			if base > 36 {
				d += 26
			}
		case c == '@':
			d = 62
		default: // '_'
			d = 63
		}
		if d >= base {
			p.fail(BadNumber, "value too great for base")
		}
		val = val*base + d
	}
	return val
}

// skipSubscript returns the index of the ']' closing the '[' at s[open],
// or -1 if there is none. Like bash it skips backslash-escaped characters
// and quoted strings, and counts nested brackets.
func skipSubscript(s string, open int) int {
	depth := 1
	for i := open + 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return i
			}
		case '\'', '`':
			j := strings.IndexByte(s[i+1:], s[i])
			if j < 0 {
				return -1
			}
			i += 1 + j
		case '"':
			i++
			for i < len(s) && s[i] != '"' {
				if s[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(s) {
				return -1
			}
		}
	}
	return -1
}

func isBlank(c byte) bool   { return c == ' ' || c == '\t' }
func isCRBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }
func isDigit(c byte) bool   { return c >= '0' && c <= '9' }
func isAlpha(c byte) bool   { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool   { return isAlpha(c) || isDigit(c) }
func isVarStart(c byte) bool {
	return isAlpha(c) || c == '_'
}
func isVarChar(c byte) bool { return isAlnum(c) || c == '_' }
