package expansion

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gosh-sh/gosh/expansion/arith"
	"mvdan.cc/sh/v3/syntax"
)

// Arithmetic expansion (XCU 2.6.4): the expression's words go through
// parameter expansion, command substitution and quote removal first, and
// the text that results is evaluated by package arith. Variables named in
// the text are read, and assigned, by arith itself, so that x++ and
// a[i]=1 happen once and only when evaluated (not in the unused arm of
// ?: or after a false &&).

// Arith evaluates a parsed arithmetic expression at the command level:
// the parts of for ((;;)), subscripts. Quotes are removed as in a command
// word, single quotes too.
func Arith(cfg *Config, x syntax.ArithmExpr) (int64, error) {
	e := newExpander(cfg)
	defer e.release()
	return e.arithmTo(x, syntax.Pos{}, true)
}

// ArithString evaluates arithmetic given as text: let's operands, the
// values of declare -i variables, [[ -eq ]] operands, subscripts.
func ArithString(cfg *Config, s string) (int64, error) {
	e := newExpander(cfg)
	defer e.release()
	return e.evalArith(s)
}

// ArithCommand evaluates the expression of ((...)).
func ArithCommand(cfg *Config, c *syntax.ArithmCmd) (int64, error) {
	e := newExpander(cfg)
	defer e.release()
	return e.arithmTo(c.X, c.Right, true)
}

// ArithTraced evaluates x as Arith does, a ((...)) command's expression
// when end is where its )) is (and start just past its opening (( ), and
// first gives trace the text it evaluates, its words expanded once: what
// set -x shows. The text keeps the source's blanks after (( and before )),
// as bash's does.
func ArithTraced(cfg *Config, x syntax.ArithmExpr, start, end syntax.Pos, trace func(text string)) (int64, error) {
	e := newExpander(cfg)
	defer e.release()
	if x == nil {
		trace("")
		return 0, nil
	}
	text, err := e.arithTextTo(x, end, true)
	if err != nil {
		return 0, err
	}
	if lead := offsetOf(x.Pos()) - offsetOf(start); start.IsValid() && lead > 0 {
		text = strings.Repeat(" ", lead) + text
	}
	trace(text)
	return e.evalArith(text)
}

// AssocKey expands the subscript of an associative array's element: a
// word with quote removal and no splitting, or the text of what the parser
// read as arithmetic (m[1+2] has the key "1+2").
func AssocKey(cfg *Config, index syntax.ArithmExpr) (string, error) {
	return newExpander(cfg).assocKey(index)
}

func (e *expander) arithm(x syntax.ArithmExpr) (int64, error) {
	return e.arithmTo(x, syntax.Pos{}, true)
}

// arithmTo evaluates x, which ends in the source at end (if valid).
// command says the expression is a command's ((...)) or part of one, where
// single quotes are removed; in a word's $((...)) they stay, and are a
// syntax error, as in bash.
func (e *expander) arithmTo(x syntax.ArithmExpr, end syntax.Pos, command bool) (int64, error) {
	if x == nil {
		return 0, nil
	}
	if w, ok := x.(*syntax.Word); ok {
		if s, ok := PlainLiteral(w); ok {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil && (len(s) == 1 || s[0] != '0') {
				return n, nil
			}
		}
	}
	text, err := e.arithTextTo(x, end, command)
	if err != nil {
		return 0, err
	}
	return e.evalArith(text)
}

func (e *expander) evalArith(text string) (int64, error) {
	n, err := arith.Eval(text, arithEnv{e}, arith.Options{NoUnset: e.cfg.NoUnset})
	if err != nil {
		var ae *arith.Error
		// An unbound variable, or an error inside an array subscript or
		// a variable's value (x='1 3'; ((x))), abandons the command even
		// in ((...)), as in bash.
		nested := errors.As(err, &ae) && strings.TrimLeft(ae.Expr, " \t\n") != strings.TrimLeft(text, " \t\n") && ae.Kind != arith.BadNumber
		isArith := !errors.As(err, &ae) || ae.Kind != arith.Unbound && !ae.InSubscript && !nested
		return 0, &Error{Msg: err.Error(), Fatal: true, Arith: isArith}
	}
	return n, nil
}

// arithText prints an arithmetic expression back as text, with its words
// expanded. The printed tokens are those of the source, spaced as in the
// source where positions are known, so evaluating the text parses it as
// the source was parsed and error messages quote what the user wrote; a
// word's expansion is spliced in as text, as bash does ($((x*2)) and
// $(($x*2)) differ when x is 1+2). end, if valid, is where the expression
// ends in the source (the "))"): the space before it is kept, as bash's
// messages keep it.
func (e *expander) arithText(x syntax.ArithmExpr) (string, error) {
	return e.arithTextTo(x, syntax.Pos{}, true)
}

func (e *expander) arithTextTo(x syntax.ArithmExpr, end syntax.Pos, command bool) (string, error) {
	w := arithWriter{e: e, quoting: inDoubleOpWord}
	if command {
		w.quoting = inDouble
	}
	err := w.expr(x)
	if end.IsValid() {
		w.gap(end)
	}
	return w.sb.String(), err
}

// arithWriter prints arithmetic expressions; last is the source offset
// just past what it has printed, or -1 when unknown.
type arithWriter struct {
	e       *expander
	quoting quoting // how a word's quotes are taken
	sb      strings.Builder
	last    int
	used    bool
}

// gap writes the space that the source has before position p: as many
// blanks as there were characters, or one blank when positions are
// unknown.
func (w *arithWriter) gap(p syntax.Pos) {
	if !w.used {
		w.used = true
		w.last = offsetOf(p)
		return
	}
	off := offsetOf(p)
	switch {
	case off < 0 || w.last < 0:
		w.sb.WriteByte(' ')
	case off > w.last:
		for range off - w.last {
			w.sb.WriteByte(' ')
		}
	}
}

// token writes source text that starts at p.
func (w *arithWriter) token(p syntax.Pos, text string) {
	w.gap(p)
	w.sb.WriteString(text)
	if off := offsetOf(p); off >= 0 {
		w.last = off + len(text)
	} else {
		w.last = -1
	}
}

func offsetOf(p syntax.Pos) int {
	if !p.IsValid() {
		return -1
	}
	return int(p.Offset())
}

func (w *arithWriter) expr(x syntax.ArithmExpr) error {
	switch x := x.(type) {
	case *syntax.Word:
		if len(x.Parts) == 1 {
			if pe, ok := x.Parts[0].(*syntax.ParamExp); ok && !pe.Dollar.IsValid() && pe.Index != nil && pe.Param != nil {
				// a[i] written without $: arith looks it up itself.
				w.token(x.Pos(), pe.Param.Value+"[")
				var sb strings.Builder
				if err := w.e.writeSubscript(&sb, pe.Param.Value, pe.Index); err != nil {
					return err
				}
				w.sb.WriteString(sb.String() + "]")
				w.last = offsetOf(x.End())
				return nil
			}
		}
		mark := len(w.e.pieces)
		err := w.e.parts(x.Parts, w.quoting)
		s := joinText(w.e.pieces[mark:])
		w.e.pieces = w.e.pieces[:mark]
		if err != nil {
			return err
		}
		w.gap(x.Pos())
		w.sb.WriteString(s)
		w.last = offsetOf(x.End())
	case *syntax.BinaryArithm:
		if err := w.expr(x.X); err != nil {
			return err
		}
		w.token(x.OpPos, x.Op.String())
		return w.expr(x.Y)
	case *syntax.UnaryArithm:
		if x.Post {
			if err := w.expr(x.X); err != nil {
				return err
			}
			w.token(x.OpPos, x.Op.String())
			return nil
		}
		w.token(x.OpPos, x.Op.String())
		if (x.Op == syntax.Plus || x.Op == syntax.Minus) && offsetOf(x.OpPos) < 0 {
			w.sb.WriteByte(' ') // keep - -x from reading as --x
		}
		return w.expr(x.X)
	case *syntax.ParenArithm:
		w.token(x.Lparen, "(")
		if err := w.expr(x.X); err != nil {
			return err
		}
		w.token(x.Rparen, ")")
	case nil:
	default:
		return fatalf("unsupported arithmetic expression %T", x)
	}
	return nil
}

// writeSubscript writes the subscript of name[...] inside arithmetic: an
// expression for an indexed array, the expanded key for an associative
// one.
func (e *expander) writeSubscript(sb *strings.Builder, name string, index syntax.ArithmExpr) error {
	if _, vr, _ := e.resolve(name); vr.Kind == Associative {
		key, err := e.assocKey(index)
		if err != nil {
			return err
		}
		sb.WriteString(key)
		return nil
	}
	s, err := e.arithText(index)
	sb.WriteString(s)
	return err
}

// arithEnv is the shell's variables as package arith sees them.
type arithEnv struct{ e *expander }

func (a arithEnv) IsAssoc(name string) bool {
	_, vr, _ := a.e.resolve(name)
	return vr.Kind == Associative
}

func (a arithEnv) Get(name, key string, hasKey bool) (string, bool) {
	if !hasKey {
		v, err := a.e.lookupSub(name, "")
		if err != nil {
			return "", false
		}
		return v.str, v.set
	}
	name, vr, _ := a.e.resolve(name)
	if vr.Kind == Associative {
		s, ok := vr.Map[key]
		return s, ok
	}
	n, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return "", false
	}
	v := a.e.element(name, vr, n)
	return v.str, v.set
}

// IsSet says whether a variable exists as set -u sees it: a set scalar or
// an array with a value (an unset element of an existing array is 0).
func (a arithEnv) IsSet(name string) bool {
	_, vr, _ := a.e.resolve(name)
	switch vr.Kind {
	case Indexed, Associative:
		return vr.Set || len(vr.List) > 0 || len(vr.Map) > 0
	}
	if isSpecialParam(name) || isDigits(name) {
		return a.e.host().Var(name).Set
	}
	return vr.Set
}

func (a arithEnv) Set(name, key string, hasKey bool, value string) error {
	if hasKey {
		return a.e.host().SetElem(name, key, value)
	}
	return a.e.host().SetVar(name, Variable{Set: true, Kind: String, Str: value})
}
