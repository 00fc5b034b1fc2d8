package expansion

import (
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

// Arith evaluates a parsed arithmetic expression: $((...)), ((...)), the
// parts of for ((;;)).
func Arith(cfg *Config, x syntax.ArithmExpr) (int64, error) {
	return newExpander(cfg).arithm(x)
}

// ArithString evaluates arithmetic given as text: let's operands, the
// values of declare -i variables, [[ -eq ]] operands, subscripts.
func ArithString(cfg *Config, s string) (int64, error) {
	return newExpander(cfg).evalArith(s)
}

// AssocKey expands the subscript of an associative array's element: a
// word with quote removal and no splitting, or the text of what the parser
// read as arithmetic (m[1+2] has the key "1+2").
func AssocKey(cfg *Config, index syntax.ArithmExpr) (string, error) {
	return newExpander(cfg).assocKey(index)
}

func (e *expander) arithm(x syntax.ArithmExpr) (int64, error) {
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
	text, err := e.arithText(x)
	if err != nil {
		return 0, err
	}
	return e.evalArith(text)
}

func (e *expander) evalArith(text string) (int64, error) {
	n, err := arith.Eval(text, arithEnv{e}, arith.Options{NoUnset: e.cfg.NoUnset})
	if err != nil {
		return 0, &Error{Msg: err.Error(), Fatal: true}
	}
	return n, nil
}

// arithText prints an arithmetic expression back as text, with its words
// expanded. The printed tokens are those of the source, so evaluating the
// text parses it as the source was parsed; a word's expansion is spliced
// in as text, as bash does ($((x*2)) and $(($x*2)) differ when x is 1+2).
func (e *expander) arithText(x syntax.ArithmExpr) (string, error) {
	var sb strings.Builder
	err := e.writeArith(&sb, x)
	return sb.String(), err
}

func (e *expander) writeArith(sb *strings.Builder, x syntax.ArithmExpr) error {
	switch x := x.(type) {
	case *syntax.Word:
		if len(x.Parts) == 1 {
			if pe, ok := x.Parts[0].(*syntax.ParamExp); ok && !pe.Dollar.IsValid() && pe.Index != nil && pe.Param != nil {
				// a[i] written without $: arith looks it up itself.
				sb.WriteString(pe.Param.Value)
				sb.WriteByte('[')
				if err := e.writeSubscript(sb, pe.Param.Value, pe.Index); err != nil {
					return err
				}
				sb.WriteByte(']')
				return nil
			}
		}
		saved := e.pieces
		e.pieces = nil
		err := e.parts(x.Parts, inDouble)
		s := joinText(e.pieces)
		e.pieces = saved
		if err != nil {
			return err
		}
		sb.WriteString(s)
	case *syntax.BinaryArithm:
		if err := e.writeArith(sb, x.X); err != nil {
			return err
		}
		if e.keyText {
			sb.WriteString(x.Op.String())
		} else {
			sb.WriteString(" " + x.Op.String() + " ")
		}
		return e.writeArith(sb, x.Y)
	case *syntax.UnaryArithm:
		if x.Post {
			if err := e.writeArith(sb, x.X); err != nil {
				return err
			}
			sb.WriteString(x.Op.String())
			return nil
		}
		sb.WriteString(x.Op.String())
		if x.Op == syntax.Plus || x.Op == syntax.Minus {
			// Keep - -x from reading as --x.
			sb.WriteByte(' ')
		}
		return e.writeArith(sb, x.X)
	case *syntax.ParenArithm:
		sb.WriteByte('(')
		if err := e.writeArith(sb, x.X); err != nil {
			return err
		}
		sb.WriteByte(')')
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
	return e.writeArith(sb, index)
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

func (a arithEnv) Set(name, key string, hasKey bool, value string) error {
	if hasKey {
		return a.e.host().SetElem(name, key, value)
	}
	return a.e.host().SetVar(name, Variable{Set: true, Kind: String, Str: value})
}
