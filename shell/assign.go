package shell

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/parser"
	"mvdan.cc/sh/v3/syntax"
)

// assignValue expands the string value of a scalar assignment. A tilde
// expands at its start and after each unquoted colon (x=~/a:~/b).
func (r *Shell) assignValue(as *syntax.Assign) (string, error) {
	return expansion.Assignment(r.expandConfig(), as.Value)
}

// assign performs one assignment word: name=value, name+=value,
// name[i]=value, name=(a b c), name+=(d).
func (r *Shell) assign(as *syntax.Assign) error {
	ref, err := r.resolveRef(as.Name.Value)
	if err != nil {
		return err
	}
	name := ref.name
	if ref.hasSub && as.Array == nil && as.Index == nil {
		// The nameref names one element: r='a[1]'; r=v sets a[1].
		val, err := r.assignValue(as)
		if err != nil {
			return err
		}
		return r.setElemText(name, ref.sub, val, as.Append)
	}
	if as.Array != nil {
		if as.Index != nil {
			// a[i]+=(x): mvdan reads it, bash refuses it when it runs.
			return lineError(fmt.Sprintf("%s[%s]: cannot assign list to array member", as.Name.Value, subscriptSource(as.Index)))
		}
		return r.assignArray(name, as.Array, as.Append)
	}
	val, err := r.assignValue(as)
	if err != nil {
		return err
	}
	if as.Index != nil {
		return r.assignElem(name, as.Index, val, as.Append)
	}
	if as.Append {
		old := r.lookupVar(name)
		if old.Kind == expansion.Indexed {
			// a+=s appends to element 0, as bash does.
			return r.setElem(name, "0", val, true)
		}
		if val, err = r.appendValue(old, old.String(), val); err != nil {
			return err
		}
	}
	return r.setString(name, val)
}

// subscriptSource prints a subscript back as shell text, for messages.
// mvdan prints an arithmetic expression only inside $((...)).
func subscriptSource(index syntax.ArithmExpr) string {
	text := parser.PrintOneLine(&syntax.ArithmExp{X: index})
	return strings.TrimSuffix(strings.TrimPrefix(text, "$(("), "))")
}

// lineError is an error that abandons the rest of the command line being
// run, as bash's jump to the top level does: the script goes on with its
// next line, a subshell exits with status 1.
type lineError string

func (e lineError) Error() string { return string(e) }

// assignElem sets one element of an indexed or associative array.
func (r *Shell) assignElem(name string, index syntax.ArithmExpr, val string, appendTo bool) error {
	var key string
	var err error
	if r.vars[name].Kind == expansion.Associative {
		key, err = r.assocKey(index)
	} else {
		var i int
		i, err = r.arith(index)
		key = strconv.Itoa(i)
	}
	if err != nil {
		return err
	}
	return r.setElem(name, key, val, appendTo)
}

// setElemText sets name[sub] with the subscript given as text: the key of
// an associative array, else an arithmetic expression.
func (r *Shell) setElemText(name, sub, val string, appendTo bool) error {
	if r.vars[name].Kind != expansion.Associative {
		i, err := r.arithString(sub)
		if err != nil {
			return err
		}
		sub = strconv.Itoa(i)
	}
	return r.setElem(name, sub, val, appendTo)
}

// setElem sets element key of an array: the key of an associative array,
// or the decimal index of an indexed one (negative counts from the end).
func (r *Shell) setElem(name, key, val string, appendTo bool) error {
	ref, err := r.resolveRef(name)
	if err != nil {
		return err
	}
	name = ref.name
	old := r.vars[name]
	if old.ReadOnly {
		return ReadonlyError{name}
	}
	if old.Kind == expansion.Associative {
		m := maps.Clone(old.Map)
		if m == nil {
			m = map[string]string{}
		}
		if key == "" {
			return fmt.Errorf("%s[\"\"]: bad array subscript", name)
		}
		val, err := r.elemValue(old, m[key], val, appendTo)
		if err != nil {
			return err
		}
		m[key] = val
		old.Map, old.Set = m, true
		return r.setVar(name, old)
	}
	i, err := strconv.Atoi(key)
	if err != nil {
		return fmt.Errorf("%s[%s]: bad array subscript", name, key)
	}
	list, idx := arrayOf(old)
	if i < 0 {
		n := len(list)
		if idx != nil && len(idx) > 0 {
			n = idx[len(idx)-1] + 1
		}
		i += n
		if i < 0 {
			return fmt.Errorf("%s[%d]: bad array subscript", name, i-n)
		}
	}
	prev, _ := old.Elem(i)
	if old.Kind == expansion.String && i == 0 {
		prev = old.Str
	}
	if val, err = r.elemValue(old, prev, val, appendTo); err != nil {
		return err
	}
	list, idx = setIndex(list, idx, i, val, false)
	nv := old
	nv.Set, nv.Kind, nv.List, nv.Indexes, nv.Str = true, expansion.Indexed, list, idx, ""
	r.vars[name] = nv
	r.envDirty = true
	return nil
}

// elemValue is the value an element assignment stores: val, or for +=
// prev with val appended (added, for declare -i), with vr's attributes.
func (r *Shell) elemValue(vr expansion.Variable, prev, val string, appendTo bool) (string, error) {
	if appendTo {
		return r.appendValue(vr, prev, val)
	}
	return r.attrValue(vr, val)
}

// appendValue is x+=val for a variable x whose value is prev: the sum for
// declare -i, else the concatenation, with vr's attributes applied.
func (r *Shell) appendValue(vr expansion.Variable, prev, val string) (string, error) {
	if vr.Integer {
		a, err := r.arithString(prev)
		if err != nil {
			return "", err
		}
		b, err := r.arithString(val)
		if err != nil {
			return "", err
		}
		return strconv.Itoa(a + b), nil
	}
	return vr.WithCase(prev + val), nil
}

// arrayOf returns a variable's elements as a fresh indexed list.
func arrayOf(v expansion.Variable) ([]string, []int) {
	switch v.Kind {
	case expansion.Indexed:
		return slices.Clone(v.List), slices.Clone(v.Indexes)
	case expansion.String:
		if v.Set {
			return []string{v.Str}, nil
		}
	}
	return nil, nil
}

// setIndex stores val at array index i, keeping a sparse array's index list
// sorted. list and idx are owned by the caller.
func setIndex(list []string, idx []int, i int, val string, appendTo bool) ([]string, []int) {
	if idx == nil {
		if i < len(list) {
			if appendTo {
				val = list[i] + val
			}
			list[i] = val
			return list, nil
		}
		if i == len(list) {
			return append(list, val), nil
		}
		// Becomes sparse.
		idx = make([]int, len(list))
		for k := range idx {
			idx[k] = k
		}
	}
	pos := sort.SearchInts(idx, i)
	if pos < len(idx) && idx[pos] == i {
		if appendTo {
			val = list[pos] + val
		}
		list[pos] = val
		return list, idx
	}
	list = slices.Insert(list, pos, val)
	idx = slices.Insert(idx, pos, i)
	return list, idx
}

// assocKey expands the subscript of an associative array element.
func (r *Shell) assocKey(index syntax.ArithmExpr) (string, error) {
	return expansion.AssocKey(r.expandConfig(), index)
}

// assignArray performs name=(...) and name+=(...).
func (r *Shell) assignArray(name string, arr *syntax.ArrayExpr, appendTo bool) error {
	old := r.vars[name]
	if old.ReadOnly {
		return ReadonlyError{name}
	}
	if old.Kind == expansion.Associative {
		m := map[string]string{}
		if appendTo {
			m = maps.Clone(old.Map)
		}
		if err := r.assocElems(name, old, m, arr.Elems); err != nil {
			return err
		}
		old.Map, old.Set = m, true
		return r.setVar(name, old)
	}
	var list []string
	var idx []int
	if appendTo {
		list, idx = arrayOf(old)
	}
	next := len(list)
	if idx != nil && len(idx) > 0 {
		next = idx[len(idx)-1] + 1
	}
	for _, el := range arr.Elems {
		if el.Index != nil {
			i, err := r.arith(el.Index)
			if err != nil {
				return err
			}
			val, err := r.expandLiteral(el.Value)
			if err != nil {
				return err
			}
			if val, err = r.attrValue(old, val); err != nil {
				return err
			}
			list, idx = setIndex(list, idx, i, val, false)
			next = i + 1
			continue
		}
		vals, err := r.expandFields(el.Value)
		if err == nil {
			vals, err = r.attrValues(old, vals)
		}
		if err != nil {
			return err
		}
		for _, v := range vals {
			list, idx = setIndex(list, idx, next, v, false)
			next++
		}
	}
	if list == nil {
		list = []string{}
	}
	nv := old
	nv.Set, nv.Kind, nv.List, nv.Indexes, nv.Str = true, expansion.Indexed, list, idx, ""
	r.vars[name] = nv
	r.envDirty = true
	return nil
}

// assocElems stores the elements of m=(...) in m: [key]=value pairs, or
// (bash 5.1) a list of words taken key, value, key, value when the first
// element has no subscript. A key without a value gets "".
func (r *Shell) assocElems(name string, vr expansion.Variable, m map[string]string, elems []*syntax.ArrayElem) error {
	if len(elems) > 0 && elems[0].Index == nil {
		var words []string
		for _, el := range elems {
			if el.Index != nil {
				// In the key-value form, [k]=v is just a word.
				val, err := r.expandLiteral(el.Value)
				if err != nil {
					return err
				}
				words = append(words, "["+parser.PrintOneLine(el.Index)+"]="+val)
				continue
			}
			fields, err := r.expandFields(el.Value)
			if err != nil {
				return err
			}
			words = append(words, fields...)
		}
		for i := 0; i < len(words); i += 2 {
			val := ""
			if i+1 < len(words) {
				val = words[i+1]
			}
			v, err := r.attrValue(vr, val)
			if err != nil {
				return err
			}
			m[words[i]] = v
		}
		return nil
	}
	for _, el := range elems {
		if el.Index == nil {
			w, _ := r.expandLiteral(el.Value)
			r.errorf("%s: '%s': must use subscript when assigning associative array", name, w)
			continue
		}
		key, err := r.assocKey(el.Index)
		if err != nil {
			return err
		}
		val, err := r.expandLiteral(el.Value)
		if err != nil {
			return err
		}
		if key == "" {
			r.errorf("[%s]=%s: bad array subscript", parser.PrintOneLine(el.Index), shellQuoteAlways(val))
			continue
		}
		if m[key], err = r.attrValue(vr, val); err != nil {
			return err
		}
	}
	return nil
}

// assignWord turns an already-expanded word "name=value" (or a bare
// "name") into an assignment whose value is taken literally.
func assignWord(w string) *syntax.Assign {
	name, val, hasVal := strings.Cut(w, "=")
	appendTo := false
	if hasVal && strings.HasSuffix(name, "+") {
		name, appendTo = strings.TrimSuffix(name, "+"), true
	}
	a := &syntax.Assign{Name: &syntax.Lit{Value: name}, Naked: !hasVal, Append: appendTo}
	if hasVal {
		a.Value = literalWord(val)
	}
	return a
}

// declStmt runs declare, typeset, local, export, readonly or nameref with
// its redirections. As for any command, the words are expanded first,
// assignment values included, and the redirections made after: bash and
// dash run readonly x=$(cmd) 2>/dev/null with cmd's stderr where it was.
// It reports whether a redirection failed.
func (r *Shell) declStmt(c *syntax.DeclClause, redirs []*syntax.Redirect) (redirFailed bool) {
	if !r.debugTrap(r.lineno) {
		return false
	}
	flags, assigns, err := r.declWords(c)
	if err != nil {
		r.expansionFailed(err)
		return false
	}
	u, err := r.redirect(redirs, false)
	if err != nil {
		r.failf(1, "%v", err)
		return true
	}
	r.declClause(c.Variant.Value, flags, assigns)
	r.undo(u)
	return false
}

// declWords expands a declaration command's words: flags are those before
// the first assignment word, options, then names, which declare tells
// apart with ParseOptions. After an assignment word, an option-like word
// is a name (declare x -r: '-r' is not a valid identifier), as in bash.
// Every value is expanded here, before any assignment is made, as bash and
// dash do: local x=$x sees the outer x, and declare a=1 b=$a the old a.
func (r *Shell) declWords(c *syntax.DeclClause) (flags []string, assigns []*syntax.Assign, err error) {
	for _, as := range c.Args {
		if as.Naked && as.Name == nil && as.Value != nil {
			// An option word like -x, or a name produced by expansion.
			words, err := r.expandFields(as.Value)
			if err != nil {
				return nil, nil, err
			}
			for _, w := range words {
				if len(assigns) == 0 {
					flags = append(flags, w)
					continue
				}
				assigns = append(assigns, assignWord(w))
			}
			continue
		}
		expanded, err := r.expandedAssign(as)
		if err != nil {
			return nil, nil, err
		}
		assigns = append(assigns, expanded)
	}
	return flags, assigns, nil
}

// expandedAssign is as with its value expanded into literal text: a
// scalar's value, or an array's elements, each field of an element
// without a subscript becoming an element of its own.
func (r *Shell) expandedAssign(as *syntax.Assign) (*syntax.Assign, error) {
	cp := *as
	switch {
	case as.Array != nil:
		arr := *as.Array
		arr.Elems = nil
		for _, el := range as.Array.Elems {
			if el.Index != nil {
				val, err := r.expandLiteral(el.Value)
				if err != nil {
					return nil, err
				}
				arr.Elems = append(arr.Elems, &syntax.ArrayElem{Index: el.Index, Value: literalWord(val)})
				continue
			}
			fields, err := r.expandFields(el.Value)
			if err != nil {
				return nil, err
			}
			for _, f := range fields {
				arr.Elems = append(arr.Elems, &syntax.ArrayElem{Value: literalWord(f)})
			}
		}
		cp.Array = &arr
	case as.Value != nil:
		val, err := r.assignValue(as)
		if err != nil {
			return nil, err
		}
		cp.Value = literalWord(val)
	}
	return &cp, nil
}

// declClause runs declare, typeset, local, export, readonly and nameref on
// words declWords expanded.
func (r *Shell) declClause(variant string, flags []string, assigns []*syntax.Assign) {
	if r.opts.xtrace {
		args := []string{variant}
		args = append(args, flags...)
		for _, as := range assigns {
			if as.Naked {
				args = append(args, as.Name.Value)
			} else {
				v, _ := r.assignValue(as)
				args = append(args, as.Name.Value+"="+v)
			}
		}
		r.trace(nil, args)
	}
	r.status = r.declare(variant, flags, assigns)
	// $_ is the last word, as for any command: the name of an array
	// assignment (declare a=(1 2) gives a), the whole word otherwise.
	switch {
	case len(assigns) > 0 && assigns[len(assigns)-1].Array != nil:
		r.lastArg = assigns[len(assigns)-1].Name.Value
	case len(assigns) > 0:
		last := assigns[len(assigns)-1]
		if last.Naked {
			r.lastArg = last.Name.Value
		} else {
			// The value as assigned: expanding the word again could run
			// a command substitution twice.
			r.lastArg = last.Name.Value + "=" + r.lookupVar(last.Name.Value).String()
		}
	case len(flags) > 0:
		r.lastArg = flags[len(flags)-1]
	default:
		r.lastArg = variant
	}
}
