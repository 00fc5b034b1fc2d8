// Package arith evaluates shell arithmetic with bash's semantics: the
// expressions of $((...)), ((...)), let, array subscripts, declare -i values
// and the operands of [[ -eq ]].
//
// The evaluator follows the structure of bash 5's expr.c closely, because
// much of bash's observable behaviour falls out of that structure rather
// than out of any grammar: a variable is read (and its value evaluated) when
// the lexer reaches its name, not when the parser uses it; a name followed
// by `=` is not read at all; whether `x = 1` is an assignment depends on the
// token before `=` being a name. Copying the structure copies the behaviour,
// including the order in which errors are found and the text bash prints.
//
// Arithmetic is on int64 with two's-complement wrap-around everywhere,
// including in integer constants that overflow.
package arith

import (
	"strconv"
	"strings"
)

// Env is what evaluation needs of the shell's variables.
type Env interface {
	// IsAssoc reports whether name is an associative array: its subscripts are
	// strings (used as written, after trimming nothing), not arithmetic expressions.
	IsAssoc(name string) bool
	// Get returns the value of name, or of name[key] when hasKey is true, and whether it is set.
	// For an indexed array key is the decimal index after evaluation (it may be negative: the
	// Env resolves negative indices from the end). Subscripts bash refuses to
	// evaluate are passed as written: "" (a[]), "@" and "*"; bash prints
	// "a[@]: bad array subscript" for an indexed array and goes on with 0.
	Get(name, key string, hasKey bool) (value string, set bool)
	// Set assigns value (decimal text) to name, or to name[key] when hasKey.
	// Keys are as for Get. A non-nil error ends the evaluation and Eval
	// returns it unchanged; bash's readonly-variable error does that, while its
	// "bad array subscript" on assignment is only printed, so an Env
	// mimicking that prints and returns nil.
	Set(name, key string, hasKey bool, value string) error
}

// IsSetter may be implemented by an Env to say whether a variable exists the
// way set -u sees it: bash complains about a missing variable, or one
// declared without a value (declare x, declare -a x), but not about an unset
// element of an existing array ($((a[5])) is 0 when a=(1)) nor about a=().
// Without it, under NoUnset every read Get reports unset is an error.
type IsSetter interface {
	IsSet(name string) bool
}

// Options change evaluation.
type Options struct {
	NoUnset bool // set -u: reading an unset variable is an error ("x: unbound variable")
}

// Kind classifies an *Error.
type Kind uint8

const (
	// Syntax is any malformed expression: a missing operand or operator,
	// an unbalanced parenthesis or conditional, a bad pre-increment.
	Syntax Kind = iota
	// BadNumber is an invalid integer constant: a digit too great for its
	// base, a base outside 2..64, a second base, a base with no digits.
	BadNumber
	// DivByZero is division or remainder by 0 (also /= and %=).
	DivByZero
	// NegativeExponent is a ** b with b < 0.
	NegativeExponent
	// NonVariable is an assignment operator after something that is not a
	// variable: 1=2, (x)+=1, x++=3.
	NonVariable
	// BadSubscript is an array subscript with no closing bracket.
	BadSubscript
	// Recursion is bash's limit on nested evaluation: a variable whose
	// value names itself (x=x), or more than MaxDepth levels of variables
	// whose values are expressions; also absurdly deep nesting of
	// parentheses and operators.
	Recursion
	// Unbound is a read of an unset variable under Options.NoUnset.
	// bash treats it as a fatal expansion error, unlike the others.
	Unbound
)

// MaxDepth is bash's MAX_EXPR_RECURSION_LEVEL: how many expressions may be
// under evaluation at once, counting the outermost, each variable whose
// value is being evaluated and each subscript.
const MaxDepth = 1024

// maxNesting bounds the syntactic nesting (parentheses, unary operators,
// right-associative chains) of everything under evaluation at once. bash
// has no such limit and would overflow its C stack; Go's stack would grow
// to its limit and crash the shell, so past this depth evaluation stops
// with bash's recursion error instead.
const maxNesting = 20000

// Error is an evaluation error carrying the fields bash prints.
type Error struct {
	Kind Kind
	// Expr is the expression being evaluated when the error was found, with
	// leading blanks removed: for an error inside a variable's value or a
	// subscript, that value or subscript. For an invalid constant bash
	// shows the expression only up to the end of the constant. For Unbound
	// it is the variable's name.
	Expr string
	// Msg is bash's message, e.g. "division by 0".
	Msg string
	// Token is bash's "error token": the rest of Expr from the token where
	// the error was found. Empty for Unbound.
	Token string
	// InSubscript is set when the error was found while evaluating an
	// indexed array's subscript (or something that led to). bash then
	// prints the message without the command's name (no "let: " or "((: ")
	// and abandons the whole command, as for Unbound: a non-interactive
	// shell exits (x=a[1/0]; let x; echo not reached).
	InSubscript bool
}

// Error gives bash's text without its "bash: line N: " (or "let: ") prefix.
func (e *Error) Error() string {
	if e.Kind == Unbound {
		return e.Expr + ": " + e.Msg
	}
	return e.Expr + ": " + e.Msg + ` (error token is "` + e.Token + `")`
}

// abort carries an error that ends evaluation, whether ours or the Env's,
// up through the recursive descent to Eval, which recovers it: the
// equivalent of bash's longjmp to evalbuf.
type abort struct{ err error }

// Eval parses and evaluates expr (the text of $((...)), ((...)), let's arguments, an array
// subscript, declare -i values, [[ -eq ]] operands: already through parameter expansion,
// command substitution and quote removal), returning its value.
// An empty or all-blank expr is 0. Errors are *Error, or an error returned
// by env.Set.
func Eval(expr string, env Env, opts Options) (val int64, err error) {
	top := parser{env: env, opts: opts}
	if is, ok := env.(IsSetter); ok {
		top.isSet = is
	}
	defer func() {
		if r := recover(); r != nil {
			a, ok := r.(abort)
			if !ok {
				panic(r)
			}
			val, err = 0, a.err
		}
	}()
	return top.subexpr(expr, false), nil
}

// subexpr evaluates an expression that outer's evaluation needs (the value
// of a variable, a subscript) in a fresh parser, as bash's subexpr does
// with a fresh expression context. Eval's outer parser has no expression.
// bash reports exceeding the recursion limit against the outer expression.
// subscript says expr is an indexed array's subscript.
func (outer *parser) subexpr(expr string, subscript bool) int64 {
	i := 0
	for i < len(expr) && isCRBlank(expr[i]) {
		i++
	}
	if i == len(expr) {
		return 0
	}
	inSubscript := outer.inSubscript || subscript
	if outer.depth >= MaxDepth {
		outer.inSubscript = inSubscript
		outer.fail(Recursion, "expression recursion level exceeded")
	}
	if v, ok := plainDecimal(expr); ok {
		return v
	}
	p := parser{
		env: outer.env, isSet: outer.isSet, opts: outer.opts,
		depth: outer.depth + 1, nesting: outer.nesting, inSubscript: inSubscript,
		expr: expr, end: len(expr),
	}
	p.readtok()
	v := p.expcomma()
	if p.curtok != tEOF {
		p.fail(Syntax, "syntax error in expression")
	}
	return v
}

// plainDecimal is the fast path for the commonest variable value, a
// decimal number with no sign, blanks or leading zero; it gives what the
// full evaluator would.
func plainDecimal(s string) (int64, bool) {
	if len(s) > 18 || s[0] == '0' && len(s) > 1 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return v, true
}

// fail ends evaluation with an *Error reported against p's expression and
// its current token, as bash's evalerror does.
func (p *parser) fail(kind Kind, msg string) {
	expr := p.expr[:p.end]
	tok := ""
	if p.lasttp < len(expr) {
		tok = expr[p.lasttp:]
	}
	panic(abort{&Error{Kind: kind, Expr: strings.TrimLeft(expr, " \t"), Msg: msg, Token: tok, InSubscript: p.inSubscript}})
}

func (p *parser) nest() {
	p.nesting++
	if p.nesting > maxNesting {
		p.fail(Recursion, "expression recursion level exceeded")
	}
}

func (p *parser) unnest() { p.nesting-- }

// The grammar, lowest precedence first. Each level mirrors the function of
// the same name in bash's expr.c, including where it sets lasttok, which
// decides whether a following `=` is an assignment.

func (p *parser) expcomma() int64 {
	v := p.expassign()
	for p.curtok == tCOMMA {
		p.readtok()
		v = p.expassign()
	}
	return v
}

func (p *parser) expassign() int64 {
	p.nest()
	value := p.expcond()
	if p.curtok != tEQ && p.curtok != tOPASSIGN {
		p.unnest()
		return value
	}
	special := p.curtok == tOPASSIGN
	if p.lasttok != tSTR {
		p.fail(NonVariable, "attempted assignment to non-variable")
	}
	op := p.assigntok
	lvalue := value
	if p.tokstr == "" {
		p.fail(Syntax, "syntax error in variable assignment")
	}
	lhs := p.tokstr
	lv := p.lval // the place lhs was read from, for op=
	p.readtok()
	value = p.expassign()
	if special {
		if (op == tDIV || op == tMOD) && value == 0 {
			if p.noeval == 0 {
				p.fail(DivByZero, "division by 0")
			}
			value = 1
		}
		value = binop(op, lvalue, value)
	}
	if p.noeval == 0 {
		if special && lv.valid {
			p.bindLvalue(lv, value)
		} else {
			p.bind(lhs, value)
		}
	}
	p.lval = lvalue0
	p.tokstr = ""
	p.unnest()
	return value
}

// binop applies a binary operator other than && and ||. The caller has
// dealt with division by 0. Shifts are as bash's C operators do them on
// the machines it runs on: the count is taken modulo 64 (1<<64 is 1, 1<<-1
// is MinInt64), and >> is arithmetic.
func binop(op token, a, b int64) int64 {
	switch op {
	case tEQEQ:
		return bool2int(a == b)
	case tNEQ:
		return bool2int(a != b)
	case tLEQ:
		return bool2int(a <= b)
	case tGEQ:
		return bool2int(a >= b)
	case tLT:
		return bool2int(a < b)
	case tGT:
		return bool2int(a > b)
	case tMUL:
		return a * b
	case tDIV:
		return a / b // Go defines MinInt64 / -1 as MinInt64, as bash makes it
	case tMOD:
		return a % b // and MinInt64 % -1 as 0
	case tPLUS:
		return a + b
	case tMINUS:
		return a - b
	case tLSH:
		return a << (uint64(b) & 63)
	case tRSH:
		return a >> (uint64(b) & 63)
	case tBAND:
		return a & b
	case tBOR:
		return a | b
	case tBXOR:
		return a ^ b
	}
	panic("arith: binop given a token that is no binary operator")
}

func (p *parser) expcond() int64 {
	cval := p.explor()
	if p.curtok != tQUES {
		return cval
	}
	p.nest()
	if cval == 0 {
		p.noeval++
	}
	p.readtok()
	if p.curtok == tEOF || p.curtok == tCOL {
		p.fail(Syntax, "expression expected")
	}
	val1 := p.expcomma()
	if cval == 0 {
		p.noeval--
	}
	if p.curtok != tCOL {
		p.fail(Syntax, "`:' expected for conditional expression")
	}
	if cval != 0 {
		p.noeval++
	}
	p.readtok()
	if p.curtok == tEOF {
		p.fail(Syntax, "expression expected")
	}
	val2 := p.expcond()
	if cval != 0 {
		p.noeval--
	}
	p.lasttok = tCOND
	p.unnest()
	if cval != 0 {
		return val1
	}
	return val2
}

func (p *parser) explor() int64 {
	v1 := p.expland()
	for p.curtok == tLOR {
		skip := v1 != 0
		if skip {
			p.noeval++
		}
		p.readtok()
		v2 := p.expland()
		if skip {
			p.noeval--
		}
		v1 = bool2int(v1 != 0 || v2 != 0)
		p.lasttok = tLOR
	}
	return v1
}

func (p *parser) expland() int64 {
	v1 := p.binary(1)
	for p.curtok == tLAND {
		skip := v1 == 0
		if skip {
			p.noeval++
		}
		p.readtok()
		v2 := p.binary(1)
		if skip {
			p.noeval--
		}
		v1 = bool2int(v1 != 0 && v2 != 0)
		p.lasttok = tLAND
	}
	return v1
}

// precedence gives the left-associative binary operators their levels,
// from the loosest binding, |, to the tightest, * / %. ** and the unary
// operators bind tighter still; && and || looser.
var precedence = [...]uint8{
	tBOR:  1,
	tBXOR: 2,
	tBAND: 3,
	tEQEQ: 4, tNEQ: 4,
	tLEQ: 5, tGEQ: 5, tLT: 5, tGT: 5,
	tLSH: 6, tRSH: 6,
	tPLUS: 7, tMINUS: 7,
	tMUL: 8, tDIV: 8, tMOD: 8,
	tCOMMA: 0, // the last token: sizes the array
}

const tightestBinary = 8

// binary parses the operators of one precedence level and those binding
// tighter: bash's expbor, expbxor, expband, exp5, exp4, expshift, exp3
// and exp2 in one loop. Each sets lasttok to NUM after an operator, so
// that x+y=1 is an assignment to a non-variable.
func (p *parser) binary(level uint8) int64 {
	if level > tightestBinary {
		return p.exppower()
	}
	v1 := p.binary(level + 1)
	for precedence[p.curtok] == level {
		op := p.curtok
		stp := p.tp // bash reports division by 0 at the divisor
		p.readtok()
		v2 := p.binary(level + 1)
		if (op == tDIV || op == tMOD) && v2 == 0 {
			if p.noeval == 0 {
				for stp < len(p.expr) && isBlank(p.expr[stp]) {
					stp++
				}
				p.lasttp = stp
				p.fail(DivByZero, "division by 0")
			}
			v2 = 1
		} else if op == tMOD && v1 == minInt64 && v2 == -1 {
			// bash skips its usual lasttok = NUM here; so do we.
			v1 = 0
			continue
		}
		v1 = binop(op, v1, v2)
		p.lasttok = tNUM
	}
	return v1
}

const minInt64 = -1 << 63

// exppower: ** is right-associative and binds tighter than * but looser
// than unary minus: -2**2 is 4.
func (p *parser) exppower() int64 {
	v1 := p.exp1()
	for p.curtok == tPOWER {
		p.nest()
		p.readtok()
		v2 := p.exppower()
		p.unnest()
		p.lasttok = tNUM
		if v2 == 0 {
			return 1
		}
		if v2 < 0 {
			// Even where nothing is evaluated, as in bash.
			p.fail(NegativeExponent, "exponent less than 0")
		}
		v1 = ipow(v1, v2)
	}
	return v1
}

func ipow(base, exp int64) int64 {
	result := int64(1)
	for exp != 0 {
		if exp&1 != 0 {
			result *= base
		}
		exp >>= 1
		base *= base
	}
	return result
}

// exp1: the unary operators ! ~ - +.
func (p *parser) exp1() int64 {
	var v int64
	switch p.curtok {
	case tNOT, tBNOT, tMINUS, tPLUS:
		op := p.curtok
		p.nest()
		p.readtok()
		v = p.exp1()
		p.unnest()
		switch op {
		case tNOT:
			v = bool2int(v == 0)
		case tBNOT:
			v = ^v
		case tMINUS:
			v = -v
		}
		p.lasttok = tNUM
	default:
		v = p.exp0()
	}
	return v
}

// exp0: pre-increment and -decrement, parentheses, numbers, variables and
// their post-increment and -decrement.
func (p *parser) exp0() int64 {
	var val int64
	switch p.curtok {
	case tPREINC, tPREDEC:
		stok := p.curtok
		p.lasttok = stok // makes readtok read the variable even before `=`
		p.readtok()
		if p.curtok != tSTR {
			p.fail(Syntax, "identifier expected after pre-increment or pre-decrement")
		}
		val = p.tokval + incr(stok)
		if p.noeval == 0 {
			if p.lval.valid {
				p.bindLvalue(p.lval, val)
			} else if p.tokstr != "" {
				p.bind(p.tokstr, val)
			}
		}
		p.curtok = tNUM // so that --x=7 is an assignment to a non-variable
		p.readtok()
	case tLPAR:
		p.readtok()
		val = p.expcomma()
		if p.curtok != tRPAR {
			p.fail(Syntax, "missing `)'")
		}
		p.readtok()
	case tNUM, tSTR:
		val = p.tokval
		if p.curtok == tSTR {
			// Peek: is the name followed by ++ or --?
			saved := p.state
			p.tokstr = ""
			p.noeval = 1
			p.readtok()
			if stok := p.curtok; stok == tPOSTINC || stok == tPOSTDEC {
				p.tokstr, p.noeval, p.lval = saved.tokstr, saved.noeval, saved.lval
				p.lasttok = tSTR
				if p.noeval == 0 {
					v2 := val + incr(stok)
					if p.lval.valid {
						p.bindLvalue(p.lval, v2)
					} else {
						p.bind(p.tokstr, v2)
					}
				}
				p.curtok = tNUM // so that x++=7 is an assignment to a non-variable
			} else {
				p.state = saved
			}
		}
		p.readtok()
	default:
		p.fail(Syntax, "syntax error: operand expected")
	}
	return val
}

func incr(tok token) int64 {
	if tok == tPREINC || tok == tPOSTINC {
		return 1
	}
	return -1
}

func bool2int(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// lvalue is where a variable token was read from, so that ++, -- and op=
// assign to the same place without evaluating its subscript again (bash's
// curlval).
type lvalue struct {
	valid  bool
	hasKey bool
	name   string
	key    string
}

var lvalue0 lvalue

// readVar is bash's expr_streval: the value of the variable token tok
// (name or name[subscript]), itself evaluated as an expression. It records
// where it read in p.lval.
func (p *parser) readVar(tok string) int64 {
	if p.noeval != 0 {
		return 0
	}
	name, sub, hasSub := splitSubscript(tok)
	if p.opts.NoUnset && p.isSet != nil && !p.isSet.IsSet(name) {
		p.unbound(name)
	}
	lv := lvalue{valid: true, name: name}
	if hasSub {
		lv.hasKey = true
		lv.key = p.subscriptKey(name, sub)
	}
	value, set := p.env.Get(lv.name, lv.key, lv.hasKey)
	if !set && p.opts.NoUnset && p.isSet == nil {
		p.unbound(name)
	}
	var v int64
	if value != "" {
		v = p.subexpr(value, false)
	}
	p.lval = lv
	return v
}

func (p *parser) unbound(name string) {
	panic(abort{&Error{Kind: Unbound, Expr: name, Msg: "unbound variable", InSubscript: p.inSubscript}})
}

// subscriptKey turns the subscript of name[sub] into the key Env takes:
// for an associative array the text itself; for an indexed array the
// value of the text as an expression, in decimal. bash does not evaluate
// an empty subscript, "@" or "*"; they are passed on as written.
func (p *parser) subscriptKey(name, sub string) string {
	if sub == "" || sub == "@" || sub == "*" || p.env.IsAssoc(name) {
		return sub
	}
	return strconv.FormatInt(p.subexpr(sub, true), 10)
}

// bind assigns v to the variable token tok (bash's expr_bind_variable): a
// subscript is evaluated now, after the value.
func (p *parser) bind(tok string, v int64) {
	name, sub, hasSub := splitSubscript(tok)
	lv := lvalue{valid: true, name: name}
	if hasSub {
		lv.hasKey = true
		lv.key = p.subscriptKey(name, sub)
	}
	p.bindLvalue(lv, v)
}

func (p *parser) bindLvalue(lv lvalue, v int64) {
	if err := p.env.Set(lv.name, lv.key, lv.hasKey, strconv.FormatInt(v, 10)); err != nil {
		panic(abort{err})
	}
}

// splitSubscript splits a variable token into its name and, if it has one,
// the text between its outer brackets.
func splitSubscript(tok string) (name, sub string, hasSub bool) {
	i := strings.IndexByte(tok, '[')
	if i < 0 {
		return tok, "", false
	}
	return tok[:i], tok[i+1 : len(tok)-1], true
}
