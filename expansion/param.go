package expansion

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// maxNameRefs bounds how many namerefs a lookup follows, so that a loop
// (declare -n a=b b=a) ends.
const maxNameRefs = 100

// value is what a parameter stands for, before any operator applies.
type value struct {
	name   string // the variable, after namerefs and ${!x}
	key    string // the subscript of name[key], for ${a[k]:=w}
	hasKey bool
	set    bool
	str    string   // a scalar's value
	list   []string // the elements of $@ or ${a[@]}
	isList bool
	star   bool // $* or ${a[*]}: joined with IFS's first character in quotes
	vr     Variable
}

// joined is the value as one string, as the null tests of ${x:-w} see
// it: a list joined as "$*" would join it in double quotes, and with
// spaces otherwise (bash: with IFS= and two empty parameters, "${*:-w}"
// is w but ${*:-w} is not).
func (v *value) joined(e *expander, q quoting) string {
	if !v.isList {
		return v.str
	}
	if q.double() {
		return strings.Join(v.list, e.listSep(v))
	}
	return strings.Join(v.list, " ")
}

// listSep is what joins a list's elements into one string: the first
// character of IFS for $* and ${a[*]}, a space for $@ and ${a[@]}.
func (e *expander) listSep(v *value) string {
	if !v.star {
		return " "
	}
	ifs := e.ifs()
	if ifs == "" {
		return ""
	}
	_, size := utf8.DecodeRuneInString(ifs)
	return ifs[:size]
}

// paramExp does parameter expansion (XCU 2.6.2 and bash's additions). The
// word of an operator is expanded only when the operator uses it, and then
// exactly once.
func (e *expander) paramExp(pe *syntax.ParamExp, q quoting) error {
	if pe.Param == nil || pe.Width || pe.IsSet || pe.Flags != nil || pe.NestedParam != nil || len(pe.Modifiers) > 0 {
		return badSubstitution(paramText(pe))
	}
	if pe.Names != 0 {
		names := e.namesWithPrefix(pe.Param.Value)
		return e.emit(&value{set: true, isList: true, list: names, star: pe.Names == syntax.NamesPrefix}, q)
	}
	val, err := e.lookup(pe)
	if err != nil {
		return err
	}
	v := &val
	if pe.Length {
		if !v.set && !v.isList && e.cfg.NoUnset {
			return unboundError(v.name)
		}
		n := utf8.RuneCountInString(v.str)
		if v.isList {
			n = len(v.list)
		}
		e.result(strconv.Itoa(n), q)
		return nil
	}
	if pe.Exp != nil {
		switch op := pe.Exp.Op; op {
		case syntax.AlternateUnset, syntax.AlternateUnsetOrNull:
			if v.set && (op == syntax.AlternateUnset || v.joined(e, q) != "") {
				return e.opWord(pe.Exp.Word, q)
			}
			if v.isList && !v.star && q.double() {
				e.dropEmptyQuotes() // "${a[@]+w}" of nothing is no field
			}
			return nil
		case syntax.DefaultUnset, syntax.DefaultUnsetOrNull:
			if !v.set || op == syntax.DefaultUnsetOrNull && v.joined(e, q) == "" {
				return e.opWord(pe.Exp.Word, q)
			}
			return e.emit(v, q)
		case syntax.AssignUnset, syntax.AssignUnsetOrNull:
			if !v.set || op == syntax.AssignUnsetOrNull && v.joined(e, q) == "" {
				s, err := e.literalWord(pe.Exp.Word, q)
				if err != nil {
					return err
				}
				if err := e.assign(v, s); err != nil {
					return err
				}
				e.result(s, q)
				return nil
			}
			return e.emit(v, q)
		case syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
			if !v.set || op == syntax.ErrorUnsetOrNull && v.joined(e, q) == "" {
				msg := "parameter not set"
				if op == syntax.ErrorUnsetOrNull {
					msg = "parameter null or not set"
				}
				if w := pe.Exp.Word; w != nil && len(w.Parts) > 0 {
					s, err := e.literalWord(w, q)
					if err != nil {
						return err
					}
					msg = s
				}
				return &Error{Msg: v.name + ": " + msg, Fatal: true}
			}
			return e.emit(v, q)
		}
	}
	if !v.set && !v.isList && e.cfg.NoUnset {
		return unboundError(v.name)
	}
	switch {
	case pe.Exp != nil:
		err = e.applyOp(v, pe.Exp)
	case pe.Slice != nil:
		err = e.slice(v, pe.Slice)
	case pe.Repl != nil:
		err = e.replace(v, pe.Repl, q)
	}
	if err != nil {
		return err
	}
	return e.emit(v, q)
}

// emit adds a parameter's value: a list as fields (XCU 2.5.2: "$@" is one
// field per element, "$*" one field joined by IFS's first character), a
// scalar as one result.
func (e *expander) emit(v *value, q quoting) error {
	if !v.isList {
		e.result(v.str, q)
		return nil
	}
	sep := e.listSep(v)
	if q.double() && v.star {
		e.add(piece{s: strings.Join(v.list, sep), quoted: true})
		return nil
	}
	if len(v.list) == 0 {
		if q.double() {
			e.dropEmptyQuotes()
		}
		return nil
	}
	for i, s := range v.list {
		if i > 0 {
			e.add(piece{brk: true, s: sep, split: !q.double()})
		}
		e.result(s, q)
	}
	return nil
}

// dropEmptyQuotes takes back the empty field that the double quotes just
// opened would make: "$@" of nothing is no field at all, not an empty one.
func (e *expander) dropEmptyQuotes() {
	if n := len(e.pieces); n > 0 && e.pieces[n-1].dq {
		e.pieces = e.pieces[:n-1]
	}
}

// opWord expands the word of ${x-word} ${x+word} in place, keeping its own
// quoting: unquoted text in it is split like the expansion's result.
func (e *expander) opWord(w *syntax.Word, q quoting) error {
	if w == nil {
		if q.double() {
			e.add(piece{quoted: true})
		}
		return nil
	}
	inner := inOpWord
	if q.double() {
		inner = inDoubleOpWord
	}
	parts := w.Parts
	if len(parts) > 0 && !q.double() {
		// In an assignment the word's tildes expand as the value's do,
		// after each ':' too (x=${u-~:~}).
		rule := tildeLeading
		if e.assignment {
			rule = tildeAssignment
		}
		if lit, ok := parts[0].(*syntax.Lit); ok && (strings.HasPrefix(lit.Value, "~") || rule == tildeAssignment && strings.Contains(lit.Value, ":~")) {
			e.tildeLit(lit.Value, len(parts) > 1 && isQuote(parts[1]), rule)
			parts = parts[1:]
		}
	}
	return e.parts(parts, inner)
}

// literalWord expands a word to one string with quote removal, as the
// word of ${x=word} and ${x?word} is.
func (e *expander) literalWord(w *syntax.Word, q quoting) (string, error) {
	if w == nil {
		return "", nil
	}
	mark := len(e.pieces)
	err := e.opWord(w, q)
	s := joinText(e.pieces[mark:])
	e.pieces = e.pieces[:mark]
	return s, err
}

// patternWord expands the pattern of ${x#pat} and friends. Its quoting is
// its own, whether or not the expansion is in double quotes.
func (e *expander) patternWord(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	mark := len(e.pieces)
	err := e.wordParts(w, tildeLeading)
	s := patternText(e.pieces[mark:])
	e.pieces = e.pieces[:mark]
	return s, err
}

// assign does the assignment of ${x=word} and ${x:=word}.
func (e *expander) assign(v *value, s string) error {
	if v.isList || !ValidName(v.name) {
		return fatalf("$%s: cannot assign in this way", v.name)
	}
	if v.hasKey {
		return e.cfg.Host.SetElem(v.name, v.key, s)
	}
	return e.cfg.Host.SetVar(v.name, Variable{Set: true, Kind: String, Str: s})
}

// lookup finds what a parameter names: a special parameter, a variable
// (following namerefs), an element, all elements, or for ${!x} the
// variable that x names.
func (e *expander) lookup(pe *syntax.ParamExp) (value, error) {
	name := pe.Param.Value
	index := pe.Index
	if pe.Excl {
		if isAllIndex(index) {
			// ${!a[@]}: the subscripts.
			_, vr, _ := e.resolve(name)
			keys := vr.Keys()
			return value{name: name, set: len(keys) > 0, isList: true, list: keys, star: indexLit(index) == "*"}, nil
		}
		if index == nil {
			if vr := e.host().Var(name); vr.Kind == NameRef {
				// ${!ref} of a nameref is the name it refers to.
				return value{name: name, set: vr.Set, str: vr.Str, vr: vr}, nil
			}
		}
		target, err := e.indirect(name, index)
		if err != nil {
			return value{}, err
		}
		return e.lookupText(target)
	}
	return e.lookupName(name, index)
}

// indirect returns the text that ${!name} refers to: the value of name.
func (e *expander) indirect(name string, index syntax.ArithmExpr) (string, error) {
	v, err := e.lookupName(name, index)
	if err != nil {
		return "", err
	}
	if !v.set {
		if e.cfg.NoUnset {
			return "", unboundError(name)
		}
		return "", fatalf("%s: invalid indirect expansion", name)
	}
	return v.joined(e, unquoted), nil
}

// lookupText looks up a parameter written as text: "x", "a[2]", "a[@]",
// "1", "@" (the result of ${!x}).
func (e *expander) lookupText(text string) (value, error) {
	name, sub := text, ""
	hasSub := false
	if i := strings.IndexByte(text, '['); i > 0 && strings.HasSuffix(text, "]") {
		name, sub, hasSub = text[:i], text[i+1:len(text)-1], true
	}
	if !ValidName(name) && !isSpecialParam(name) && !isDigits(name) {
		return value{}, fatalf("%s: invalid variable name", text)
	}
	if !hasSub {
		return e.lookupName(name, nil)
	}
	return e.lookupSub(name, sub)
}

// lookupName looks up name or name[index].
func (e *expander) lookupName(name string, index syntax.ArithmExpr) (value, error) {
	if index == nil {
		return e.lookupSub(name, "")
	}
	if isAllIndex(index) {
		return e.lookupSub(name, indexLit(index))
	}
	name, vr, _ := e.resolve(name)
	if vr.Kind == Associative {
		key, err := e.assocKey(index)
		if err != nil {
			return value{}, err
		}
		s, ok := vr.Map[key]
		return value{name: name, key: key, hasKey: true, set: ok, str: s, vr: vr}, nil
	}
	n, err := e.arithm(index)
	if err != nil {
		return value{}, err
	}
	return e.element(name, vr, n), nil
}

// lookupSub looks up name with a subscript given as text ("" for none).
func (e *expander) lookupSub(name, sub string) (value, error) {
	if isSpecialParam(name) && name != "@" && name != "*" || isDigits(name) {
		vr := e.host().Var(name)
		return value{name: name, set: vr.Set, str: vr.String(), vr: vr}, nil
	}
	if name == "@" || name == "*" {
		vr := e.host().Var(name)
		return value{name: name, set: len(vr.List) > 0, isList: true, list: vr.List, star: name == "*", vr: vr}, nil
	}
	name, vr, refSub := e.resolve(name)
	if sub == "" && refSub != "" {
		// A nameref to one element: declare -n r='a[1]'.
		return e.lookupSub(name, refSub)
	}
	switch sub {
	case "":
		switch vr.Kind {
		case Indexed:
			s, ok := vr.Elem(0)
			return value{name: name, set: ok, str: s, vr: vr}, nil
		case Associative:
			s, ok := vr.Map["0"]
			return value{name: name, set: ok, str: s, vr: vr}, nil
		}
		return value{name: name, set: vr.Set, str: vr.Str, vr: vr}, nil
	case "@", "*":
		list := vr.Values()
		return value{name: name, set: len(list) > 0, isList: true, list: list, star: sub == "*", vr: vr}, nil
	}
	if vr.Kind == Associative {
		s, ok := vr.Map[sub]
		return value{name: name, key: sub, hasKey: true, set: ok, str: s, vr: vr}, nil
	}
	n, err := e.evalArith(sub)
	if err != nil {
		return value{}, err
	}
	return e.element(name, vr, n), nil
}

// element is element n of an indexed array (or of a string, which is an
// array of one); a negative n counts back from the end.
func (e *expander) element(name string, vr Variable, n int64) value {
	v := value{name: name, key: strconv.FormatInt(n, 10), hasKey: true, vr: vr}
	if vr.Kind == String {
		if n == 0 || n == -1 {
			v.set, v.str = vr.Set, vr.Str
		}
		return v
	}
	if n < 0 {
		n += int64(vr.MaxIndex())
		if n < 0 {
			if e.cfg.Warn != nil {
				e.cfg.Warn(name + ": bad array subscript")
			}
			return v
		}
	}
	v.str, v.set = vr.Elem(int(n))
	return v
}

// resolve follows namerefs from name to the variable it stands for, and
// the subscript when the last nameref names one element (r='a[1]'). A loop
// of namerefs stands for nothing, with bash's warning.
func (e *expander) resolve(name string) (string, Variable, string) {
	vr := e.host().Var(name)
	start := name
	for range maxNameRefs {
		if vr.Kind != NameRef || !vr.Set || vr.Str == "" || vr.Str == name {
			return name, vr, ""
		}
		name = vr.Str
		if i := strings.IndexByte(name, '['); i > 0 && strings.HasSuffix(name, "]") {
			base := name[:i]
			return base, e.host().Var(base), name[i+1 : len(name)-1]
		}
		vr = e.host().Var(name)
	}
	if e.cfg.Warn != nil {
		e.cfg.Warn("warning: " + start + ": circular name reference")
	}
	return start, Variable{}, ""
}

// assocKey expands the subscript of an associative array: a word, with
// quote removal but no splitting.
func (e *expander) assocKey(index syntax.ArithmExpr) (string, error) {
	if w, ok := index.(*syntax.Word); ok {
		mark := len(e.pieces)
		err := e.wordParts(w, tildeLeading)
		s := joinText(e.pieces[mark:])
		e.pieces = e.pieces[:mark]
		return s, err
	}
	// The parser read the key as arithmetic (m[a-b]): its text, spaced as
	// written, is the key.
	return e.arithText(index)
}

// namesWithPrefix lists the set variables whose names start with prefix,
// sorted: ${!prefix*}.
func (e *expander) namesWithPrefix(prefix string) []string {
	var names []string
	e.host().Each(func(name string, vr Variable) bool {
		if strings.HasPrefix(name, prefix) && vr.Declared() {
			names = append(names, name)
		}
		return true
	})
	sortStrings(names)
	return names
}

func isAllIndex(index syntax.ArithmExpr) bool {
	s := indexLit(index)
	return s == "@" || s == "*"
}

// indexLit is the subscript's text when it is one plain word.
func indexLit(index syntax.ArithmExpr) string {
	if w, ok := index.(*syntax.Word); ok {
		return w.Lit()
	}
	return ""
}

func isSpecialParam(name string) bool {
	switch name {
	case "@", "*", "#", "?", "-", "$", "!", "0":
		return true
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValidName reports whether s is a shell variable name: a letter or _,
// then letters, digits and _.
func ValidName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9' {
			continue
		}
		return false
	}
	return true
}

// paramText prints a parameter expansion back as source, for messages.
func paramText(pe *syntax.ParamExp) string {
	var sb strings.Builder
	syntax.NewPrinter().Print(&sb, &syntax.Word{Parts: []syntax.WordPart{pe}})
	return sb.String()
}
