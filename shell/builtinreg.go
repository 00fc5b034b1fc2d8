package shell

import (
	"maps"

	"github.com/gosh-sh/gosh/builtins"
)

// builtinFunc is the code of a builtin as the evaluator runs it.
type builtinFunc func(r *Shell, args []string) int

// evaluatorCode maps the name of each builtin whose code is the
// evaluator's to that code. What a builtin is (special or not, its usage
// and help) is in its builtins.Spec; the registry's tests check that each
// Spec has code here or in package builtins. The map is filled by init,
// not a literal, because the builtins that dispatch (builtin, command,
// exec, ...) read it, which Go would call an initialisation cycle; nothing
// changes it afterwards.
var evaluatorCode map[string]builtinFunc

func init() {
	evaluatorCode = map[string]builtinFunc{
		":":         func(*Shell, []string) int { return 0 },
		".":         (*Shell).biSource,
		"alias":     (*Shell).biAlias,
		"bg":        (*Shell).biBg,
		"break":     (*Shell).biBreak,
		"builtin":   (*Shell).biBuiltin,
		"caller":    (*Shell).biCaller,
		"cd":        (*Shell).biCd,
		"command":   (*Shell).biCommand,
		"compgen":   (*Shell).biCompgen,
		"complete":  (*Shell).biComplete,
		"compopt":   (*Shell).biCompopt,
		"continue":  (*Shell).biContinue,
		"daemon":    (*Shell).biDaemon,
		"declare":   (*Shell).declareArgs,
		"dirs":      (*Shell).biDirs,
		"disown":    (*Shell).biDisown,
		"enable":    (*Shell).biEnable,
		"eval":      (*Shell).biEval,
		"exec":      (*Shell).biExec,
		"exit":      (*Shell).biExit,
		"export":    (*Shell).biExport,
		"fc":        (*Shell).biFc,
		"fg":        (*Shell).biFg,
		"hash":      (*Shell).biHash,
		"help":      (*Shell).biHelp,
		"history":   (*Shell).biHistory,
		"jobs":      (*Shell).biJobs,
		"let":       (*Shell).biLet,
		"local":     (*Shell).declareArgs,
		"logout":    (*Shell).biLogout,
		"mapfile":   (*Shell).biMapfile,
		"popd":      (*Shell).biPopd,
		"pushd":     (*Shell).biPushd,
		"readarray": (*Shell).biMapfile,
		"readonly":  (*Shell).biReadonly,
		"return":    (*Shell).biReturn,
		"set":       (*Shell).biSet,
		"shift":     (*Shell).biShift,
		"shopt":     (*Shell).biShopt,
		"source":    (*Shell).biSource,
		"suspend":   (*Shell).biSuspend,
		"trap":      (*Shell).biTrap,
		"type":      (*Shell).biType,
		"typeset":   (*Shell).declareArgs,
		"unalias":   (*Shell).biUnalias,
		"unset":     (*Shell).biUnset,
		"wait":      (*Shell).biWait,
	}
}

// builtinEntry is what dispatch needs of one builtin: its Spec and its
// code, the evaluator's own or a wrapper of package builtins'.
type builtinEntry struct {
	spec *builtins.Spec
	code builtinFunc
}

// builtinTable indexes every builtin by name, built once at start-up from
// the registry and never changed: each command looks its name up here,
// so that is one map access, and a package builtin's wrapper is made once,
// not per call.
var builtinTable map[string]builtinEntry

func init() {
	all := builtins.All()
	builtinTable = make(map[string]builtinEntry, len(all))
	for i := range all {
		s := &all[i]
		code := evaluatorCode[s.Name]
		if code == nil {
			if f := builtins.Lookup(s.Name); f != nil {
				code = func(r *Shell, args []string) int { return r.runBuiltin(f, args) }
			}
		}
		if code != nil {
			builtinTable[s.Name] = builtinEntry{spec: s, code: code}
		}
	}
}

// specialBuiltin returns the code of POSIX's special builtin called name,
// or nil: their prefix assignments persist, and their errors end a
// non-interactive shell.
func (r *Shell) specialBuiltin(name string) builtinFunc {
	if e, ok := builtinTable[name]; ok && e.spec.Special && !r.builtinOff(name) {
		return e.code
	}
	return nil
}

// builtin returns the code of the regular (not special) builtin called
// name, or nil. In the sandbox, builtins that act outside the shell do
// nothing.
func (r *Shell) builtin(name string) builtinFunc {
	e, ok := builtinTable[name]
	if !ok || e.spec.Special || r.builtinOff(name) {
		return nil
	}
	if r.g.sandbox && e.spec.Outside {
		return func(*Shell, []string) int { return 0 }
	}
	return e.code
}

// sandboxRefuses reports whether name is a builtin that acts on the world
// outside the shell, which does nothing in the sandbox.
func sandboxRefuses(name string) bool {
	s, ok := builtins.Find(name)
	return ok && s.Outside
}

// parseOptions is builtins.ParseArgs for the evaluator's builtins: on a bad
// option it prints bash's diagnostic and the usage line, and ok is false
// (the builtin then returns builtins.StatusUsage).
func (r *Shell) parseOptions(args []string, spec string) (opts []builtins.Option, operands []string, ok bool) {
	return builtins.ParseArgs(builtinCtx{r: r, name: args[0]}, args, spec)
}

// optionFailed is builtins.OptionFailed for the evaluator's builtins whose
// options are parsed apart (command, exec): it prints the diagnostic and
// the usage line and returns builtins.StatusUsage.
func (r *Shell) optionFailed(name string, err error) int {
	return builtins.OptionFailed(builtinCtx{r: r, name: name}, name, err)
}

// usage prints the usage line of the builtin name, without the shell's
// prefix as bash prints it, and returns builtins.StatusUsage.
func (r *Shell) usage(name string) int {
	return builtins.Usage(builtinCtx{r: r, name: name}, name)
}

// noOptions is bash's no_options for the builtins that take none (eval,
// ., source, builtin, caller): a leading "--" is skipped, any other option
// is an error with the usage line (ok false). args[0] stays in front.
func (r *Shell) noOptions(args []string) (rest []string, ok bool) {
	_, operands, ok := r.parseOptions(args, "")
	if !ok {
		return nil, false
	}
	return append(args[:1:1], operands...), true
}

// skipDashDash drops a "--" right after the name, as bash does for the
// builtins whose operand may be negative (break, continue, exit, return,
// shift, let): for them "-1" is an operand and "-z" a bad one, not an
// option.
func skipDashDash(args []string) []string {
	if len(args) > 1 && args[1] == "--" {
		return append(args[:1:1], args[2:]...)
	}
	return args
}

// builtinOff reports whether enable -n turned the builtin name off. The
// length test keeps the common case, nothing turned off, to a comparison:
// dispatch asks this for every command.
func (r *Shell) builtinOff(name string) bool {
	return len(r.disabled) > 0 && r.disabled[name]
}

// biEnable is enable [-a] [-dnps] [-f filename] [name ...]: -n NAME turns a
// builtin off (dispatch passes over it to PATH), NAME turns it on again;
// without NAME it lists them as bash does. Loading builtins from shared
// objects (-f, -d) is not available.
func (r *Shell) biEnable(args []string) int {
	opts, names, ok := r.parseOptions(args, "adnpsf:")
	if !ok {
		return builtins.StatusUsage
	}
	var all, off, special bool
	for _, o := range opts {
		switch o.Letter {
		case 'a':
			all = true
		case 'n':
			off = true
		case 's':
			special = true
		case 'f', 'd':
			r.errorf("enable: -%c: loading builtins from shared objects is not available", o.Letter)
			return 1
		}
	}
	if len(names) == 0 {
		for _, s := range builtins.All() {
			disabled := r.disabled[s.Name]
			if special && !s.Special || !all && disabled != off {
				continue
			}
			if disabled {
				r.writeOut("enable -n " + s.Name + "\n")
			} else {
				r.writeOut("enable " + s.Name + "\n")
			}
		}
		return 0
	}
	status := 0
	next := maps.Clone(r.disabled)
	if next == nil {
		next = map[string]bool{}
	}
	for _, n := range names {
		if _, ok := builtinTable[n]; !ok {
			r.errorf("enable: %s: not a shell builtin", n)
			status = 1
			continue
		}
		if off {
			next[n] = true
		} else {
			delete(next, n)
		}
	}
	r.disabled = next // a new map: subshells may share the old one
	return status
}
