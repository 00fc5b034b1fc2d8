package shell

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gosh-sh/gosh/expansion"
)

// Variables are kept by value in one map per shell. A value's List and Map are
// never modified in place once stored (an element assignment builds a new
// slice or map), so a subshell can share them after a shallow map copy.

// ReadonlyError is returned when assigning or unsetting a read-only variable.
type ReadonlyError struct{ Name string }

func (e ReadonlyError) Error() string { return e.Name + ": readonly variable" }

// varScope records what a function's `local` declarations hid, so the
// caller's variables come back when the function returns.
type varScope struct {
	saved map[string]expansion.Variable // name -> the value before `local`
}

// lookupVar returns a variable, including the special parameters.
func (r *Shell) lookupVar(name string) expansion.Variable {
	if len(name) > 0 {
		c := name[0]
		if c >= '0' && c <= '9' {
			n, err := strconv.Atoi(name)
			if err != nil {
				return expansion.Variable{}
			}
			if n == 0 {
				return strVar(r.arg0)
			}
			if n <= len(r.params) {
				return strVar(r.params[n-1])
			}
			return expansion.Variable{}
		}
		switch name {
		case "?":
			return strVar(strconv.Itoa(r.status))
		case "#":
			return strVar(strconv.Itoa(len(r.params)))
		case "@", "*":
			return expansion.Variable{Set: true, Kind: expansion.Indexed, List: r.params}
		case "$":
			return strVar(strconv.Itoa(r.g.pid))
		case "!":
			if r.lastBg == 0 {
				return expansion.Variable{}
			}
			return strVar(strconv.Itoa(r.lastBg))
		case "-":
			return strVar(r.opts.flags(r.g.interactive) + r.g.modeFlag)
		case "RANDOM":
			if _, ok := r.vars["RANDOM"]; ok {
				return strVar(strconv.Itoa(r.g.random()))
			}
		case "SECONDS":
			if v, ok := r.vars["SECONDS"]; ok {
				base, _ := strconv.Atoi(v.Str)
				return strVar(strconv.Itoa(base + int(time.Since(r.g.start).Seconds())))
			}
		case "BASHPID":
			return strVar(strconv.Itoa(os.Getpid()))
		case "SHELLOPTS", "BASHOPTS":
			// Read-only, with attributes of their own (export).
			if v, ok := r.vars[name]; ok {
				v.Str = r.opts.shellOptsValue()
				if name == "BASHOPTS" {
					v.Str = r.opts.bashOptsValue()
				}
				return v
			}
		case "PPID":
			return strVar(strconv.Itoa(r.g.ppid))
		case "LINENO":
			return strVar(strconv.Itoa(r.lineno))
		case "PIPESTATUS":
			return r.pipeStatusVar()
		case "DIRSTACK":
			return r.dirStackVar()
		case "_":
			return strVar(r.lastArg)
		case "HOSTNAME":
			if v, ok := r.vars[name]; ok {
				return v
			}
			h, _ := os.Hostname()
			return strVar(h)
		case "FUNCNAME", "BASH_SOURCE", "BASH_LINENO":
			return r.stackVar(name)
		}
	}
	return r.vars[name]
}

func strVar(s string) expansion.Variable {
	return expansion.Variable{Set: true, Kind: expansion.String, Str: s}
}

// varValue is the string value of a variable, "" if unset.
func (r *Shell) varValue(name string) string {
	return r.lookupVar(name).String()
}

// setVar is the one place variables change. It enforces readonly, applies
// the integer and case attributes, and exports under `set -a`. A vr that is
// not set unsets the variable; KeepValue changes only attributes.
func (r *Shell) setVar(name string, vr expansion.Variable) error {
	if vr.Kind != expansion.NameRef && vr.Kind != expansion.KeepValue {
		// Assigning through a nameref assigns to its target.
		ref, err := r.resolveRef(name)
		if err != nil {
			return err
		}
		if ref.hasSub && vr.Kind == expansion.String {
			return r.setElemText(ref.name, ref.sub, vr.Str, false)
		}
		name = ref.name
	}
	old, exists := r.vars[name]
	if old.Kind == expansion.NameRef && !old.Set && vr.Kind == expansion.String {
		// The first value of `declare -n r` names its target.
		if err := r.checkRefTarget(name, vr.Str); err != nil {
			return err
		}
		old.Str, old.Set = vr.Str, true
		r.vars[name] = old
		return nil
	}
	if old.ReadOnly && (vr.Kind != expansion.KeepValue || !vr.ReadOnly) {
		if vr.Kind == expansion.KeepValue && !vr.Set {
			// export or local of a readonly name keeps it read-only
		} else {
			return ReadonlyError{name}
		}
	}
	if vr.Kind == expansion.KeepValue {
		nv := old
		nv.Exported = nv.Exported || vr.Exported
		nv.ReadOnly = nv.ReadOnly || vr.ReadOnly
		nv.Local = nv.Local || vr.Local
		r.vars[name] = nv
		r.envDirty = true
		return nil
	}
	if !vr.Set && !vr.Declared() {
		if exists {
			delete(r.vars, name)
			r.envDirty = true
			if name == "PATH" {
				r.g.hashClear()
			}
		}
		return nil
	}
	if exists {
		vr.Exported = vr.Exported || old.Exported
		vr.ReadOnly = vr.ReadOnly || old.ReadOnly
		vr.Local = vr.Local || old.Local
		vr.Integer = vr.Integer || old.Integer
		if !vr.Lower && !vr.Upper {
			vr.Lower, vr.Upper = old.Lower, old.Upper
		}
		if old.Kind == expansion.Indexed && vr.Kind == expansion.String {
			// x=v on an array sets element 0.
			list := slices.Clone(old.List)
			if len(list) == 0 {
				list = []string{vr.Str}
			} else {
				list[0] = vr.Str
			}
			vr.Kind, vr.List, vr.Str, vr.Indexes = expansion.Indexed, list, "", old.Indexes
		}
	}
	if r.g.sandbox && len(vr.Str)+len(vr.List) > sandboxMaxValue {
		return fmt.Errorf("%s: value too large for the sandbox", name)
	}
	if vr.Kind == expansion.String {
		s, err := r.attrValue(vr, vr.Str)
		if err != nil {
			return err
		}
		vr.Str = s
	}
	if r.opts.allexport {
		vr.Exported = true
	}
	if vr.Exported || old.Exported {
		r.envDirty = true
	}
	r.vars[name] = vr
	switch name {
	case "PATH":
		r.g.hashClear()
	case "IFS":
	case "OPTIND":
		// A fresh OPTIND restarts getopts inside a word.
		delete(r.vars, "_GOSH_OPTPOS")
	}
	return nil
}

// attrValue is the value s as a variable with vr's attributes stores it:
// evaluated as arithmetic for declare -i, then lowered or raised for
// declare -l and -u.
func (r *Shell) attrValue(vr expansion.Variable, s string) (string, error) {
	if vr.Integer {
		n, err := r.arithString(s)
		if err != nil {
			return "", integerValueError{err}
		}
		s = strconv.Itoa(n)
	}
	return vr.WithCase(s), nil
}

// attrValues applies attrValue to each element of a new list.
func (r *Shell) attrValues(vr expansion.Variable, vals []string) ([]string, error) {
	if !vr.Integer && !vr.Lower && !vr.Upper {
		return vals, nil
	}
	out := make([]string, len(vals))
	for i, s := range vals {
		v, err := r.attrValue(vr, s)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// varRef is where a name leads through namerefs: a variable, or one
// element of an array (declare -n r='a[1]').
type varRef struct {
	name   string
	sub    string // the subscript's text, when hasSub
	hasSub bool
}

// CircularRefError is a chain of namerefs that leads back to itself.
type CircularRefError struct{ Name string }

func (e CircularRefError) Error() string { return "warning: " + e.Name + ": circular name reference" }

// maxNameRefs bounds a chain of namerefs, as expansion's does.
const maxNameRefs = 100

// resolveRef follows namerefs from name to the variable an assignment to
// name changes. A nameref without a value stands for itself.
func (r *Shell) resolveRef(name string) (varRef, error) {
	ref := varRef{name: name}
	for range maxNameRefs {
		vr := r.vars[ref.name]
		if vr.Kind != expansion.NameRef || !vr.Set || vr.Str == "" || vr.Str == ref.name {
			return ref, nil
		}
		ref = varRef{name: vr.Str}
		if base, sub, ok := strings.Cut(vr.Str, "["); ok && strings.HasSuffix(sub, "]") {
			return varRef{name: base, sub: strings.TrimSuffix(sub, "]"), hasSub: true}, nil
		}
	}
	return ref, CircularRefError{name}
}

// checkRefTarget reports whether target may be the value of nameref name,
// with bash's messages.
func (r *Shell) checkRefTarget(name, target string) error {
	base, sub, hasSub := strings.Cut(target, "[")
	if !validName(base) || hasSub && !strings.HasSuffix(sub, "]") {
		return fmt.Errorf("`%s': invalid variable name for name reference", target)
	}
	if base == name {
		return fmt.Errorf("%s: nameref variable self references not allowed", name)
	}
	return nil
}

// setLoopVar sets the variable of a for loop. When it is a nameref, each
// word names the variable it refers to, as in bash.
func (r *Shell) setLoopVar(name, word string) error {
	vr := r.vars[name]
	if vr.Kind != expansion.NameRef {
		return r.setString(name, word)
	}
	if base, _, _ := strings.Cut(word, "["); !validName(base) {
		return fmt.Errorf("`%s': not a valid identifier", word)
	}
	if err := r.checkRefTarget(name, word); err != nil {
		return err
	}
	vr.Str, vr.Set = word, true
	r.vars[name] = vr
	return nil
}

// setString assigns a plain string value.
func (r *Shell) setString(name, value string) error {
	return r.setVar(name, strVar(value))
}

// unsetVar removes a variable; read-only ones cannot be removed.
func (r *Shell) unsetVar(name string) error {
	old := r.vars[name]
	if old.ReadOnly {
		return fmt.Errorf("%s: cannot unset: readonly variable", name)
	}
	if _, ok := r.vars[name]; ok {
		delete(r.vars, name)
		r.envDirty = true
	}
	if name == "PATH" {
		r.g.hashClear()
	}
	return nil
}

// environ builds the environment for a child: every exported variable
// that is set, as NAME=value. It is cached until a variable changes, unless
// one of the variables the shell computes when asked (SECONDS, SHELLOPTS,
// ...) is exported: its value of the moment goes to each child.
func (r *Shell) environ() []string {
	if !r.envDirty && r.envCache != nil && !r.envComputed {
		return r.envCache
	}
	env := make([]string, 0, len(r.vars))
	r.envComputed = false
	for name, vr := range r.vars {
		if vr.Exported && vr.Set && vr.Kind != expansion.Associative && vr.Kind != expansion.Indexed {
			if computedVars[name] {
				vr, r.envComputed = r.lookupVar(name), true
			}
			env = append(env, name+"="+vr.String())
		}
	}
	if len(r.exportedFuncs) > 0 {
		env = r.appendFuncEnv(env)
	}
	slices.Sort(env)
	r.envCache, r.envDirty = env, false
	return env
}

// computedVars are the variables in the table whose value lookupVar
// computes each time it is asked; the table holds only their attributes.
var computedVars = map[string]bool{"RANDOM": true, "SECONDS": true, "SHELLOPTS": true, "BASHOPTS": true}

// importEnviron fills the variable table from the process environment.
func (r *Shell) importEnviron(environ []string) {
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || !validName(name) {
			continue
		}
		r.vars[name] = expansion.Variable{Set: true, Exported: true, Kind: expansion.String, Str: value}
	}
	r.envDirty = true
}

// validName reports whether s is a valid shell variable name.
func validName(s string) bool { return expansion.ValidName(s) }

// pushScope starts a function's variable scope.
func (r *Shell) pushScope() { r.scopes = append(r.scopes, varScope{}) }

// popScope ends a function's scope, restoring what its locals hid.
func (r *Shell) popScope() {
	sc := r.scopes[len(r.scopes)-1]
	r.scopes = r.scopes[:len(r.scopes)-1]
	for name, old := range sc.saved {
		if old.Declared() {
			r.vars[name] = old
		} else {
			delete(r.vars, name)
		}
		r.envDirty = true
	}
}

// declareLocal makes name local to the innermost function scope, saving the
// outer value. It reports whether the name became local just now (rather
// than being local to this function already).
func (r *Shell) declareLocal(name string) bool {
	if len(r.scopes) == 0 {
		return false
	}
	sc := &r.scopes[len(r.scopes)-1]
	if sc.saved == nil {
		sc.saved = make(map[string]expansion.Variable)
	}
	if _, done := sc.saved[name]; done {
		return false
	}
	sc.saved[name] = r.vars[name]
	return true
}

// subshellScopes gives a subshell of a function the function's scopes, so
// that `local` works there too (in a pipeline stage or ( ) in the body).
// The subshell never pops them, so only the innermost one, which its own
// `local` declarations write, needs a copy of its own.
func subshellScopes(scopes []varScope) []varScope {
	if len(scopes) == 0 {
		return nil
	}
	c := slices.Clone(scopes)
	top := &c[len(c)-1]
	top.saved = maps.Clone(top.saved)
	return c
}

// innermostLocals lists the names declared local in the innermost function
// scope, for a re-executed subshell (see restoreScopes).
func (r *Shell) innermostLocals() []string {
	if len(r.scopes) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(r.scopes[len(r.scopes)-1].saved))
}

// restoreScopes rebuilds, in a re-executed subshell of a function, one
// scope per active function call, the innermost holding the names already
// local there. What the locals hid stays with the parent: the subshell ends
// before any of these functions returns, so it never restores them.
func (r *Shell) restoreScopes(depth int, locals []string) {
	if depth == 0 {
		return
	}
	r.scopes = make([]varScope, depth)
	top := &r.scopes[depth-1]
	for _, name := range locals {
		if top.saved == nil {
			top.saved = make(map[string]expansion.Variable, len(locals))
		}
		top.saved[name] = expansion.Variable{}
	}
}

// cloneVars copies the variable table for a subshell.
func cloneVars(m map[string]expansion.Variable) map[string]expansion.Variable {
	return maps.Clone(m)
}
