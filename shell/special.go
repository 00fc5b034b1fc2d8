package shell

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/jobs"
	"github.com/gosh-sh/gosh/parser"
	"mvdan.cc/sh/v3/syntax"
)

func (r *Shell) biBreak(args []string) int    { return r.loopControl(args, &r.breakN) }
func (r *Shell) biContinue(args []string) int { return r.loopControl(args, &r.contN) }

func (r *Shell) loopControl(args []string, counter *int) int {
	args = skipDashDash(args)
	n := 1
	if len(args) > 1 {
		v, err := strconv.Atoi(args[1])
		if err != nil {
			r.errorf("%s: %s: numeric argument required", args[0], args[1])
			r.breakN = r.loopDepth // bash leaves every loop
			return 128
		}
		if v < 1 {
			r.errorf("%s: %s: loop count out of range", args[0], args[1])
			return 1
		}
		n = v
	}
	if r.loopDepth == 0 {
		r.errorf("%s: only meaningful in a `for', `while', or `until' loop", args[0])
		return 0
	}
	if n > r.loopDepth {
		n = r.loopDepth
	}
	*counter = n
	return 0
}

func (r *Shell) biEval(args []string) int {
	args, ok := r.noOptions(args)
	if !ok {
		return builtins.StatusUsage
	}
	return r.evalString(strings.Join(args[1:], " "), "eval")
}

// evalString runs src as eval does (and fc, which names itself in the
// errors): in the running command's context, counted against eval's
// nesting limit. It returns the status of the last command, 2 on a syntax
// error.
func (r *Shell) evalString(src, name string) int {
	if strings.TrimSpace(src) == "" {
		return 0
	}
	if r.evalDepth >= maxNestDepth {
		return r.nestingExceeded(name+": maximum eval nesting level exceeded (%d)", maxNestDepth)
	}
	in := parser.NewSource(strings.NewReader(src), name)
	in.FirstLine = r.lineno
	r.evalDepth++
	err := r.runNested(in)
	r.evalDepth--
	if err != nil {
		r.errorf("%s", syntaxErrorText(err))
		return 2
	}
	return r.status
}

func (r *Shell) biSource(args []string) int {
	args, ok := r.noOptions(args)
	if !ok {
		return builtins.StatusUsage
	}
	if len(args) < 2 {
		r.errorf("%s: filename argument required", args[0])
		return 2
	}
	name := args[1]
	if r.sourcing >= maxNestDepth {
		return r.nestingExceeded("%s: maximum source nesting level exceeded (%d)", name, maxNestDepth)
	}
	path := name
	if !strings.Contains(name, "/") {
		if p := r.findSourceFile(name); p != "" {
			path = p
		}
	}
	f, err := openScript(r.abs(path))
	if err != nil {
		r.errorf("%s: %s", name, errnoText(err))
		if !r.g.interactive && args[0] == "." {
			r.exit(1)
		}
		return 1
	}
	defer f.Close()
	oldParams := r.params
	if len(args) > 2 {
		r.params = args[2:]
	}
	r.sourcing++
	r.status = 0
	r.pushFrame("source", name)
	line := r.lineno
	err = r.runNested(parser.NewSource(f, name))
	r.runReturnTrap(line)
	r.popFrame()
	r.sourcing--
	if len(args) > 2 {
		r.params = oldParams
	}
	r.returning = false
	if err != nil {
		r.errorf("%s", syntaxErrorText(err))
		return 2
	}
	return r.status
}

// maxNestDepth bounds how deeply eval and `.` nest, each on its own, as
// maxFuncDepth bounds functions: runaway recursion is an error, not a Go
// stack overflow.
const maxNestDepth = 1000

// nestingExceeded reports a runaway eval or `.` the way bash does when it
// is built with a limit (EVALNEST_MAX, SOURCENEST_MAX): the command being
// run is abandoned with status 1 and the shell goes on with the next one; a
// subshell exits.
func (r *Shell) nestingExceeded(format string, args ...any) int {
	r.failf(1, format, args...)
	if r.subshell {
		r.exit(1)
	} else {
		r.interrupted = true
	}
	return 1
}

// findSourceFile searches PATH for a file to source (it need not be
// executable), then the current directory, as bash does.
func (r *Shell) findSourceFile(name string) string {
	for dir := range strings.SplitSeq(r.varValue("PATH"), ":") {
		if dir == "" {
			dir = "."
		}
		p := r.abs(dir + "/" + name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

func (r *Shell) biExit(args []string) int {
	args = skipDashDash(args)
	status := r.status
	if len(args) > 1 {
		n, err := strconv.Atoi(args[1])
		if err != nil {
			r.errorf("exit: %s: numeric argument required", args[1])
			n = 2
		}
		status = n & 0xff
	}
	if r.g.interactive && !r.subshell && !r.detached && r.checkStoppedJobs() {
		return 1
	}
	r.exit(status)
	return status
}

func (r *Shell) biReturn(args []string) int {
	args = skipDashDash(args)
	status := r.status
	if len(args) > 1 {
		n, err := strconv.Atoi(args[1])
		if err != nil {
			r.errorf("return: %s: numeric argument required", args[1])
			n = 2
		}
		status = n & 0xff
	}
	if r.inFunc == 0 && r.sourcing == 0 {
		r.errorf("return: can only `return' from a function or sourced script")
		return 2 // bash's status for a misused builtin
	}
	r.returning = true
	r.statusBeforeReturn = r.status
	return status
}

func (r *Shell) biShift(args []string) int {
	args = skipDashDash(args)
	n := 1
	if len(args) > 1 {
		v, err := strconv.Atoi(args[1])
		if err != nil || v < 0 {
			r.errorf("shift: %s: numeric argument required", args[1])
			return 1
		}
		n = v
	}
	if n > len(r.params) {
		if r.opts.posix && !r.g.interactive {
			r.errorf("shift: %d: shift count out of range", n)
		}
		return 1
	}
	r.params = r.params[n:]
	return 0
}

func (r *Shell) biExport(args []string) int {
	return r.declareArgs(append([]string{"export"}, args[1:]...))
}
func (r *Shell) biReadonly(args []string) int {
	return r.declareArgs(append([]string{"readonly"}, args[1:]...))
}

// declareArgs runs declare-like builtins called with already-expanded
// words (for example through `command export` or `builtin declare`).
func (r *Shell) declareArgs(args []string) int {
	return r.declare(args[0], args[1:], nil)
}

// declareSpec is the ParseOptions spec of each declaration builtin, as in
// bash: declare, typeset and local take +L as well as -L (t and I are
// accepted and have no effect in gosh).
func declareSpec(variant string) string {
	switch variant {
	case "export":
		return "fnp"
	case "readonly":
		return "aAfp"
	}
	return "+aAfFgiIlnprtux"
}

// declare implements declare/typeset/local/export/readonly: words are the
// expanded words before the first assignment word (options, then names),
// assigns the assignment words after them.
func (r *Shell) declare(variant string, words []string, assigns []*syntax.Assign) int {
	opts, names, err := builtins.ParseOptions(append([]string{variant}, words...), declareSpec(variant))
	if err != nil {
		return r.optionFailed(variant, err)
	}
	var on, off string
	for _, o := range opts {
		if o.Plus {
			off += string(o.Letter)
		} else {
			on += string(o.Letter)
		}
	}
	if len(names) > 0 {
		named := make([]*syntax.Assign, 0, len(names)+len(assigns))
		for _, n := range names {
			if n == "-" && variant == "local" {
				// local - (bash's saving of the options) is accepted;
				// gosh's functions do not restore them.
				continue
			}
			named = append(named, assignWord(n))
		}
		if len(named) == 0 && len(assigns) == 0 {
			return 0
		}
		assigns = append(named, assigns...)
	}
	has := func(c byte) bool { return strings.IndexByte(on, c) >= 0 }
	switch variant {
	case "export":
		on += "x"
		if strings.Contains(off, "n") {
			off += "x"
		}
	case "readonly":
		on += "r"
	case "local":
		if len(r.scopes) == 0 {
			r.errorf("local: can only be used in a function")
			return 1
		}
	}
	local := variant == "local" || ((variant == "declare" || variant == "typeset") && len(r.scopes) > 0 && !has('g'))
	if has('f') && !has('p') && (has('x') || strings.Contains(off, "x")) {
		// export -f, declare -fx: the export mark of functions.
		if len(assigns) == 0 {
			r.printExportedFuncs()
			return 0
		}
		names := make([]string, len(assigns))
		for i, as := range assigns {
			names[i] = as.Name.Value
		}
		return r.exportFuncs(variant, names, has('x') && !has('n') && !strings.Contains(off, "x"))
	}
	if has('f') || has('F') {
		return r.printFuncs(assigns, has('F'))
	}
	if len(assigns) == 0 {
		r.printVars(variant, on)
		return 0
	}
	status := 0
	for _, as := range assigns {
		name := as.Name.Value
		if !validName(name) {
			r.errorf("%s: `%s': not a valid identifier", variant, name+assignSuffix(as))
			status = 1
			continue
		}
		if vr := r.vars[name]; vr.Kind == expansion.NameRef && vr.Set && !local && !has('n') && !strings.Contains(off, "n") && !has('p') {
			// Attributes given to a nameref go to its target.
			if ref, err := r.resolveRef(name); err == nil && !ref.hasSub {
				name = ref.name
			}
		}
		if has('p') {
			if !r.printVar(name) {
				r.errorf("%s: %s: not found", variant, name)
				status = 1
			}
			continue
		}
		if local {
			if r.vars[name].ReadOnly && len(r.scopes) > 0 {
				r.errorf("%s: %s: readonly variable", variant, name)
				status = 1
				continue
			}
			if r.declareLocal(name) {
				// A new local starts unset and hides the outer variable
				// entirely, attributes included, until the function returns.
				r.vars[name] = expansion.Variable{Local: true}
				r.envDirty = true
			}
		}
		vr := r.vars[name]
		if msg := kindChangeError(vr, has('a'), has('A')); msg != "" {
			r.errorf("%s: %s: %s", variant, name, msg)
			status = 1
			continue
		}
		switch {
		case has('a') && vr.Kind != expansion.Indexed:
			if vr.Kind == expansion.String && vr.Set {
				vr.List, vr.Str = []string{vr.Str}, ""
			}
			vr.Kind = expansion.Indexed
		case has('A') && vr.Kind != expansion.Associative:
			vr.Kind, vr.Map = expansion.Associative, map[string]string{}
			if vr.Set && vr.Str != "" {
				vr.Map["0"], vr.Str = vr.Str, "" // a string becomes element "0"
			}
		case has('n'):
			vr.Kind = expansion.NameRef
		case strings.Contains(off, "n") && vr.Kind == expansion.NameRef:
			vr.Kind = expansion.String
		}
		setAttributes(&vr, on, off)
		if strings.Contains(on, "x") {
			vr.Exported = true
		}
		if strings.Contains(off, "x") {
			vr.Exported = false
		}
		if local {
			vr.Local = true
		}
		if vr.ReadOnly && !as.Naked {
			r.errorf("%s: readonly variable", name)
			status = 1
			continue
		}
		r.vars[name] = vr
		r.envDirty = true
		if !as.Naked || as.Array != nil {
			if vr.Kind == expansion.NameRef {
				val, err := r.assignValue(as)
				if err != nil {
					r.expansionFailed(err)
					return 1
				}
				if err := r.checkRefTarget(name, val); err != nil {
					r.errorf("%s: %v", variant, err)
					status = 1
					continue
				}
				vr.Str, vr.Set = val, true
				r.vars[name] = vr
			} else if err := r.assign(as); err != nil {
				if isFatal(err) {
					// declare -i x='a b': the arithmetic error
					// abandons the line, as for x='a b' alone.
					r.errorf("%s: %v", variant, err)
					r.abortExpansion(err)
					return 1
				}
				r.errorf("%v", err)
				status = 1
				continue
			}
		}
		if strings.Contains(on, "r") {
			vr = r.vars[name]
			vr.ReadOnly = true
			r.vars[name] = vr
		}
	}
	return status
}

// kindChangeError is bash's refusal to turn an indexed array into an
// associative one or back, or "".
func kindChangeError(vr expansion.Variable, indexed, assoc bool) string {
	switch {
	case assoc && vr.Kind == expansion.Indexed:
		return "cannot convert indexed to associative array"
	case indexed && vr.Kind == expansion.Associative:
		return "cannot convert associative to indexed array"
	}
	return ""
}

// setAttributes turns on the attributes i, l and u that the letters in on
// name and turns off those in off. -l and -u exclude each other: given
// together, bash sets neither.
func setAttributes(vr *expansion.Variable, on, off string) {
	if strings.Contains(on, "i") {
		vr.Integer = true
	}
	if strings.Contains(off, "i") {
		vr.Integer = false
	}
	lower, upper := strings.Contains(on, "l"), strings.Contains(on, "u")
	switch {
	case lower && upper:
		vr.Lower, vr.Upper = false, false
	case lower:
		vr.Lower, vr.Upper = true, false
	case upper:
		vr.Lower, vr.Upper = false, true
	}
	if strings.Contains(off, "l") {
		vr.Lower = false
	}
	if strings.Contains(off, "u") {
		vr.Upper = false
	}
}

func assignSuffix(as *syntax.Assign) string {
	if as.Naked {
		return ""
	}
	v := ""
	if as.Value != nil {
		v = wordText(as.Value)
	}
	return "=" + v
}

// printVars lists variables for declare -p, export -p, readonly -p, set.
func (r *Shell) printVars(variant, on string) {
	names := make([]string, 0, len(r.vars))
	for name, vr := range r.vars {
		if variant == "export" && !vr.Exported || variant == "readonly" && !vr.ReadOnly {
			continue
		}
		if !hasFlags(vr.Flags(), on) {
			continue
		}
		if name == "RANDOM" || name == "SECONDS" || name == "PPID" || strings.HasPrefix(name, "_GOSH") {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	for _, n := range names {
		r.printVar(n)
	}
}

// hasFlags reports whether a variable with the attribute letters flags
// has every attribute that declare's options on ask for (declare -p -i
// lists the integer variables).
func hasFlags(flags, on string) bool {
	for _, c := range on {
		if strings.ContainsRune("aAilnrux", c) && !strings.ContainsRune(flags, c) {
			return false
		}
	}
	return true
}

// printVar prints one variable as a declare command that recreates it.
func (r *Shell) printVar(name string) bool {
	vr, ok := r.vars[name]
	if name == "DIRSTACK" {
		vr, ok = r.dirStackVar(), true
	}
	if ok && computedVars[name] {
		vr.Str = r.lookupVar(name).Str
	}
	if !ok {
		return false
	}
	fmt.Fprintln(r.stdout(), expansion.DeclareText(name, vr))
	return true
}

// printFuncs prints functions (declare -f) or their names (declare -F).
func (r *Shell) printFuncs(assigns []*syntax.Assign, namesOnly bool) int {
	var names []string
	listAll := len(assigns) == 0
	if listAll {
		for n := range r.funcs {
			names = append(names, n)
		}
		sort.Strings(names)
	} else {
		for _, as := range assigns {
			names = append(names, as.Name.Value)
		}
	}
	status := 0
	for _, n := range names {
		body, ok := r.funcs[n]
		if !ok {
			status = 1
			continue
		}
		if namesOnly {
			// declare -F lists as declare commands, declare -F f names f.
			if listAll {
				fmt.Fprintf(r.stdout(), "declare -f %s\n", n)
			} else {
				fmt.Fprintln(r.stdout(), n)
			}
			continue
		}
		fmt.Fprintln(r.stdout(), funcSource(n, body))
	}
	return status
}

// funcSource renders a function definition, as type and declare -f show it.
func funcSource(name string, body *syntax.Stmt) string {
	return parser.Print(&syntax.FuncDecl{Name: &syntax.Lit{Value: name}, Parens: true, Body: body})
}

// biUnset is unset [-f] [-v] [-n] [name ...]. As in bash, -f and -v
// together are an error, and -f overrides -n.
func (r *Shell) biUnset(args []string) int {
	opts, names, ok := r.parseOptions(args, "fnv")
	if !ok {
		return builtins.StatusUsage
	}
	var funcs, vars, refs bool
	for _, o := range opts {
		switch o.Letter {
		case 'f':
			funcs = true
		case 'v':
			vars = true
		case 'n':
			refs = true
		}
	}
	mode := "v"
	switch {
	case funcs && vars:
		r.errorf("unset: cannot simultaneously unset a function and a variable")
		return 1
	case funcs:
		mode = "f"
	case refs:
		mode = "n"
	}
	status := 0
	for _, name := range names {
		if mode == "f" {
			r.ownFuncs()
			delete(r.funcs, name)
			if r.exportedFuncs[name] {
				delete(r.exportedFuncs, name)
				r.envDirty = true
			}
			continue
		}
		base, index, isElem := strings.Cut(name, "[")
		if isElem && strings.HasSuffix(index, "]") {
			if err := r.unsetElem(base, strings.TrimSuffix(index, "]")); err != nil {
				r.errorf("unset: %v", err)
				status = 1
			}
			continue
		}
		if !validName(name) {
			r.errorf("unset: `%s': not a valid identifier", name)
			status = 1
			continue
		}
		if _, isVar := r.vars[name]; !isVar && mode == "v" {
			if _, isFunc := r.funcs[name]; isFunc {
				r.ownFuncs()
				delete(r.funcs, name)
				continue
			}
		}
		if vr := r.vars[name]; vr.Kind == expansion.NameRef && mode != "n" && vr.Str != "" {
			name = vr.Str
		}
		if err := r.unsetVar(name); err != nil {
			r.errorf("unset: %v", err)
			status = 1
		}
	}
	return status
}

func (r *Shell) unsetElem(name, index string) error {
	vr, ok := r.vars[name]
	if !ok {
		return nil
	}
	if vr.ReadOnly {
		return fmt.Errorf("%s: cannot unset: readonly variable", name)
	}
	switch vr.Kind {
	case expansion.Associative:
		m := make(map[string]string, len(vr.Map))
		for k, v := range vr.Map {
			if k != index {
				m[k] = v
			}
		}
		vr.Map = m
	case expansion.Indexed:
		i, err := r.arithString(index)
		if err != nil {
			return err
		}
		list, idx := arrayOf(vr)
		if idx == nil {
			idx = make([]int, len(list))
			for k := range idx {
				idx[k] = k
			}
		}
		if i < 0 {
			n := 0
			if len(idx) > 0 {
				n = idx[len(idx)-1] + 1
			}
			i += n
			if i < 0 {
				return fmt.Errorf("[%s]: bad array subscript", index)
			}
		}
		if pos, found := slices.BinarySearch(idx, i); found {
			list = slices.Delete(list, pos, pos+1)
			idx = slices.Delete(idx, pos, pos+1)
		}
		vr.List, vr.Indexes = list, idx
	default:
		if index == "0" || index == "@" || index == "*" {
			return r.unsetVar(name)
		}
	}
	r.vars[name] = vr
	return nil
}

func (r *Shell) biLet(args []string) int {
	args = skipDashDash(args)
	if len(args) < 2 {
		r.errorf("let: expression expected")
		return 1
	}
	n := 0
	for _, a := range args[1:] {
		v, err := r.arithString(a)
		if err != nil {
			r.errorf("let: %v", err)
			return 1
		}
		n = v
	}
	return boolStatus(n != 0)
}

// execInvocation is `exec [-cl] [-a name] [--] [command [arg...]]`.
type execInvocation struct {
	argv     []string // the command and its arguments; none for exec REDIRS
	arg0     string   // -a: the command's argv[0], when set
	login    bool     // -l: argv[0] gets a leading '-', as for a login shell
	clearEnv bool     // -c: the command gets an empty environment
}

// parseExecArgs reads exec's options as bash does.
func parseExecArgs(args []string) (execInvocation, error) {
	opts, argv, err := builtins.ParseOptions(args, "a:cl")
	inv := execInvocation{argv: argv}
	for _, o := range opts {
		switch o.Letter {
		case 'a':
			inv.arg0 = o.Value
		case 'c':
			inv.clearEnv = true
		case 'l':
			inv.login = true
		}
	}
	return inv, err
}

// childArgv is the command's argv as exec's options leave it.
func (inv *execInvocation) childArgv() []string {
	argv := slices.Clone(inv.argv)
	if inv.arg0 != "" {
		argv[0] = inv.arg0
	}
	if inv.login {
		argv[0] = "-" + argv[0]
	}
	return argv
}

// execInSubshell is exec of a program inside an in-process subshell (a
// pipeline stage, ( ), $( ) with job control off). The subshell shares
// gosh's process, so replacing the process would end the whole shell: the
// program runs as a child instead, and the subshell ends with its status,
// which is all a parent can see of a real subshell's exec.
func (r *Shell) execInSubshell(inv execInvocation, exported []string) int {
	sp, status, found := r.prepareSpawn(inv.argv, nil)
	if !found {
		r.exit(status)
		return status
	}
	sp.Argv = inv.childArgv()
	sp.Env = r.execEnviron(inv, exported)
	sp.Files = r.fds.childFiles()
	r.runForeground([]*jobs.Spawn{sp}, strings.Join(inv.argv, " "))
	r.exit(r.status)
	return r.status
}

// biExec runs a command in place of the shell. With no command, its
// redirections change the shell's own descriptors (handled in execRedirs).
func (r *Shell) biExec(args []string) int { return r.execCommand(args, nil) }

// execEnviron is the environment exec gives its program: the exported
// variables and those the command's prefix assignments set (bash and dash
// export them, though the assignments to a special builtin also stay in
// the shell); exec -c gives it none.
func (r *Shell) execEnviron(inv execInvocation, exported []string) []string {
	if inv.clearEnv {
		return nil
	}
	env := r.environ()
	if len(exported) > 0 {
		env = slices.Clone(env)
		for _, name := range exported {
			env = setEnv(env, name, r.varValue(name))
		}
	}
	return env
}

// execCommand is exec; exported names the variables of the command's prefix
// assignments, which the program gets in its environment.
func (r *Shell) execCommand(args []string, exported []string) int {
	inv, err := parseExecArgs(args)
	if err != nil {
		return r.optionFailed("exec", err)
	}
	args = inv.argv
	if len(args) == 0 {
		return 0
	}
	if r.funcs[args[0]] != nil || r.builtin(args[0]) != nil || r.specialBuiltin(args[0]) != nil {
		// exec of a builtin or function: run it, then exit.
		r.run(args, nil, nil)
		r.exit(r.status)
		return r.status
	}
	if r.subshell {
		return r.execInSubshell(inv, exported)
	}
	path, status := r.lookPath(args[0])
	if status == 0 && r.g.sandbox {
		status = 127
	}
	if status != 0 {
		if !r.g.interactive {
			r.exit(status)
		}
		return status
	}
	if err := r.installFds(); err != nil {
		r.errorf("exec: %v", err)
		return 126
	}
	if r.dir != r.g.processDir() {
		os.Chdir(r.dir)
	}
	argv, env := inv.childArgv(), r.execEnviron(inv, exported)
	err = syscall.Exec(path, argv, env)
	if errors.Is(err, syscall.ENOEXEC) {
		// A file without a #! line is a shell script (POSIX), here as in
		// start: gosh replaces itself with gosh reading the file.
		err = syscall.Exec(r.g.exe, append([]string{argv[0], path}, argv[1:]...), env)
	}
	r.errorf("%s: %s", args[0], errnoText(err))
	status = 126
	if err == syscall.ENOENT {
		status = 127
	}
	if !r.g.interactive {
		r.exit(status)
	}
	return status
}

// execRedirs applies `exec REDIRS` to the shell itself, permanently.
func (r *Shell) execRedirs(redirs []*syntax.Redirect) {
	if _, err := r.redirect(redirs, true); err != nil {
		r.failf(1, "%v", err)
		if !r.g.interactive {
			r.exit(1)
		}
		return
	}
	r.status = 0
}

// installFds makes the process's real descriptors match the shell's table,
// for exec: entry i ends up at fd i without close-on-exec.
func (r *Shell) installFds() error {
	files := r.fds.childFiles()
	// First move every source out of the way of the targets.
	tmp := make([]int, len(files))
	for i, fd := range files {
		tmp[i] = -1
		if fd == ^uintptr(0) {
			continue
		}
		nfd, err := dupHigh(int(fd))
		if err != nil {
			return err
		}
		tmp[i] = nfd
	}
	for i, fd := range tmp {
		if fd < 0 {
			syscall.Close(i)
			continue
		}
		if err := syscall.Dup3(fd, i, 0); err != nil {
			return err
		}
		syscall.Close(fd)
	}
	return nil
}

func dupHigh(fd int) (int, error) {
	nfd, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_DUPFD_CLOEXEC, 100)
	if errno != 0 {
		return -1, errno
	}
	return int(nfd), nil
}

// atLine places code at line n, so that $LINENO inside eval'd text and trap
// actions counts from the line that runs them (expand takes LINENO from
// the syntax tree's positions).
func atLine(code string, n int) string {
	if n <= 1 {
		return code
	}
	return strings.Repeat("\n", n-1) + code
}

func syntaxErrorText(err error) string {
	return parser.ErrorLine(err)
}
