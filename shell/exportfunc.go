package shell

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/gosh-sh/gosh/parser"
	"mvdan.cc/sh/v3/syntax"
)

// Exported functions travel in the environment as bash's do, so that a
// bash or gosh started by the script (xargs bash -c, find -exec, a
// re-executed subshell) can call them: BASH_FUNC_name%%=() { body }. The
// export mark is the shell's (export -f, declare -fx); the text is written
// when the environment is built, so a redefined function goes as it is now.

const (
	funcEnvPrefix = "BASH_FUNC_"
	funcEnvSuffix = "%%"
)

// funcEnvName is the environment name of exported function name, and
// funcFromEnvName its inverse.
func funcEnvName(name string) string { return funcEnvPrefix + name + funcEnvSuffix }

func funcFromEnvName(envName string) (string, bool) {
	rest, ok := strings.CutPrefix(envName, funcEnvPrefix)
	if !ok {
		return "", false
	}
	return strings.CutSuffix(rest, funcEnvSuffix)
}

// exportFuncs sets or clears the export mark of the functions named
// (export -f, export -fn, declare -fx, declare -f +x). A name that is not a
// function is an error, as in bash.
func (r *Shell) exportFuncs(variant string, names []string, export bool) int {
	status := 0
	for _, name := range names {
		if _, ok := r.funcs[name]; !ok {
			r.errorf("%s: %s: not a function", variant, name)
			status = 1
			continue
		}
		r.ownFuncs()
		if export {
			r.exportedFuncs[name] = true
		} else {
			delete(r.exportedFuncs, name)
		}
		r.envDirty = true
	}
	return status
}

// appendFuncEnv appends the exported functions to env.
func (r *Shell) appendFuncEnv(env []string) []string {
	for _, name := range slices.Sorted(maps.Keys(r.exportedFuncs)) {
		if body, ok := r.funcs[name]; ok {
			env = append(env, funcEnvName(name)+"=() "+parser.Print(body))
		}
	}
	return env
}

// importFuncs defines the functions an environment exports, marked
// exported again. Only a value that is exactly one function definition is
// taken: `() {` first, and nothing after the body (the rule bash adopted
// after Shellshock); anything else stays an ordinary, unusable variable.
// With define false it only marks the functions already defined (a
// re-executed subshell, whose snapshot has the definitions).
func (r *Shell) importFuncs(environ []string, define bool) {
	for _, kv := range environ {
		envName, value, _ := strings.Cut(kv, "=")
		name, ok := funcFromEnvName(envName)
		if ok && !define {
			if _, defined := r.funcs[name]; defined {
				r.ownFuncs()
				r.exportedFuncs[name] = true
			}
			continue
		}
		if !ok || !strings.HasPrefix(value, "() {") || strings.ContainsAny(name, " \t\n=$`'\"\\;|&<>()") || name == "" {
			continue
		}
		f, err := parser.Parse(name+" "+value, "")
		if err != nil || len(f.Stmts) != 1 {
			continue
		}
		fd, ok := f.Stmts[0].Cmd.(*syntax.FuncDecl)
		if !ok || fd.Name.Value != name || len(f.Stmts[0].Redirs) > 0 {
			continue
		}
		r.ownFuncs()
		r.funcs[name] = fd.Body
		r.exportedFuncs[name] = true
	}
	r.envDirty = true
}

// printExportedFuncs lists the exported functions, as export -f does:
// each definition, then the declare that exports it.
func (r *Shell) printExportedFuncs() {
	for _, name := range slices.Sorted(maps.Keys(r.exportedFuncs)) {
		if body, ok := r.funcs[name]; ok {
			fmt.Fprintf(r.stdout(), "%s\ndeclare -fx %s\n", funcSource(name, body), name)
		}
	}
}
