package shell

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gosh-sh/gosh/builtins"
)

// typeCmd is `type [-afptP] name...`.
type typeCmd struct {
	all       bool // -a: every alias, keyword, function, builtin and file
	kindOnly  bool // -t: one word per match
	pathOnly  bool // -p: the file's path, if a file is what runs
	forcePath bool // -P: search PATH whatever else the name is
	noFuncs   bool // -f: functions do not count
}

func (r *Shell) biType(args []string) int {
	opts, names, ok := r.parseOptions(args, "afptP")
	if !ok {
		return builtins.StatusUsage
	}
	var tc typeCmd
	for _, o := range opts {
		switch o.Letter {
		case 'a':
			tc.all = true
		case 't':
			tc.kindOnly = true
		case 'p':
			tc.pathOnly = true
		case 'P':
			tc.forcePath = true
		case 'f':
			tc.noFuncs = true
		}
	}
	status := 0
	for _, n := range names {
		if !r.typeOne(tc, n) {
			if !tc.kindOnly && !tc.pathOnly && !tc.forcePath {
				r.errorf("type: %s: not found", n)
			}
			status = 1
		}
	}
	return status
}

// typeOne describes one name; it reports whether anything was found.
func (r *Shell) typeOne(tc typeCmd, name string) bool {
	w := r.stdout()
	found := false
	// say reports one match that is not a file, as the options ask.
	say := func(kind, long string) bool {
		found = true
		switch {
		case tc.kindOnly:
			fmt.Fprintln(w, kind)
		case tc.pathOnly:
		default:
			fmt.Fprintln(w, long)
		}
		return !tc.all // stop at the first match
	}
	if !tc.forcePath {
		if a, ok := r.aliases[name]; ok && say("alias", fmt.Sprintf("%s is aliased to `%s'", name, a)) {
			return true
		}
		if isKeyword(name) && say("keyword", name+" is a shell keyword") {
			return true
		}
		if body, ok := r.funcs[name]; ok && !tc.noFuncs && say("function", name+" is a function\n"+funcSource(name, body)) {
			return true
		}
		if r.specialBuiltin(name) != nil && say("builtin", name+" is a special shell builtin") {
			return true
		}
		if r.specialBuiltin(name) == nil && r.builtin(name) != nil && say("builtin", name+" is a shell builtin") {
			return true
		}
	}
	if !tc.all && !strings.Contains(name, "/") {
		if p, ok := r.g.hashGet(name); ok {
			tc.printFile(w, name, p, "hashed ("+p+")")
			return true
		}
	}
	for _, p := range r.pathMatches(name, tc.all) {
		found = true
		tc.printFile(w, name, p, p)
	}
	return found
}

// printFile reports a program found at path p, as -t, -p/-P or plainly
// ("NAME is WHAT").
func (tc *typeCmd) printFile(w io.Writer, name, p, what string) {
	switch {
	case tc.kindOnly:
		fmt.Fprintln(w, "file")
	case tc.pathOnly || tc.forcePath:
		fmt.Fprintln(w, p)
	default:
		fmt.Fprintf(w, "%s is %s\n", name, what)
	}
}

// pathMatches lists the executable files that name runs, as type shows
// them: the first (or, with all, every) match in PATH, spelled as PATH
// spells it, or name itself when it holds a slash.
func (r *Shell) pathMatches(name string, all bool) []string {
	isExec := func(p string) bool {
		fi, err := os.Stat(r.abs(p))
		return err == nil && fi.Mode().IsRegular() && accessX(r.abs(p)) == nil
	}
	if strings.Contains(name, "/") {
		if isExec(name) {
			return []string{name}
		}
		return nil
	}
	var out []string
	for dir := range strings.SplitSeq(r.varValue("PATH"), ":") {
		if dir == "" {
			dir = "."
		}
		if p := dir + "/" + name; isExec(p) {
			out = append(out, p)
			if !all {
				break
			}
		}
	}
	return out
}
