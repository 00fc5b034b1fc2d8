package shell

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/expansion"
)

// setSpec is set's ParseOptions spec: +L as well as -L, the letters of
// setOptions and the command-line-only i, s, c and l (accepted and
// ignored), and -o with an optional option name.
func setSpec() string {
	spec := []byte("+iscl")
	for _, o := range setOptions {
		if o.letter != 0 {
			spec = append(spec, o.letter)
		}
	}
	return string(append(spec, "o;"...))
}

// biSet implements set: options, positional parameters, and listing. As
// in bash, every option is checked before any is applied.
func (r *Shell) biSet(args []string) int {
	if len(args) == 1 {
		r.printAllVars()
		return 0
	}
	for {
		opts, operands, err := builtins.ParseOptions(args, setSpec())
		if err != nil {
			return r.optionFailed("set", err)
		}
		for _, o := range opts {
			on := !o.Plus
			switch {
			case o.Letter != 'o':
				r.setLetterOption(o.Letter, on)
			case !o.HasValue:
				printOptions(r.stdout(), setOptions, &r.opts, !on, "set")
			case !r.setNamedOption(o.Value, on):
				r.errorf("set: %s: invalid option name", o.Value)
				return 2
			}
		}
		// "--" ends the options and sets the parameters even to none; it
		// is the word before the operands unless an option value took it,
		// which -o's optional value cannot (it starts with '-').
		end := len(args) - len(operands) - 1
		dashdash := end > 0 && args[end] == "--"
		switch {
		case dashdash:
		case len(operands) > 0 && operands[0] == "+":
			// A lone + is an ignored flag, as in bash: options go on.
			args = append([]string{args[0]}, operands[1:]...)
			continue
		case len(operands) > 0 && operands[0] == "-":
			// As POSIX has it: -x and -v off, and without arguments after
			// it the positional parameters stay (unlike set --).
			r.opts.xtrace, r.opts.verbose = false, false
			operands = operands[1:]
		}
		if dashdash || len(operands) > 0 {
			r.params = append([]string{}, operands...)
		}
		return 0
	}
}

// setNamedOption sets a `set -o NAME` option; false if there is none.
func (r *Shell) setNamedOption(name string, on bool) bool {
	opt := findOption(setOptions, name)
	if opt == nil {
		return false
	}
	*opt.field(&r.opts) = on
	r.optionChanged(name, on)
	return true
}

// setLetterOption sets a single-letter option; false if there is none.
func (r *Shell) setLetterOption(c byte, on bool) bool {
	switch c {
	case 'i', 's', 'c', 'l':
		return true // only meaningful on the command line
	}
	opt := optionByLetter(c)
	if opt == nil {
		return false
	}
	*opt.field(&r.opts) = on
	r.optionChanged(opt.name, on)
	return true
}

// optionChanged applies side effects of options.
func (r *Shell) optionChanged(name string, on bool) {
	switch name {
	case "monitor":
		r.setMonitor(on)
	case "vi":
		if on {
			r.opts.emacs = false
		}
	case "emacs":
		if on {
			r.opts.vi = false
		}
	case "jobtrace":
		r.setJobTrace(on)
	case "privileged":
		// set +p gives up the effective ids, as in bash.
		if ids := currentIDs(); !on && decideSetuidStart(ids, false).dropIDs {
			dropPrivileges(ids, r.stderr())
		}
	}
}

// printAllVars is `set` with no arguments: every variable, quoted for reuse.
func (r *Shell) printAllVars() {
	names := make([]string, 0, len(r.vars))
	for n, vr := range r.vars {
		if vr.Set && !strings.HasPrefix(n, "_GOSH") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	w := r.stdout()
	for _, n := range names {
		vr := r.lookupVar(n)
		switch s := vr.String(); {
		case vr.Kind == expansion.Indexed || vr.Kind == expansion.Associative:
			fmt.Fprintf(w, "%s=%s\n", n, expansion.DeclareValue(vr))
		case strings.ContainsFunc(s, func(c rune) bool { return c < 0x20 || c == 0x7f }):
			fmt.Fprintf(w, "%s=%s\n", n, expansion.Quote(s))
		default:
			fmt.Fprintf(w, "%s=%s\n", n, shellQuote(s))
		}
	}
}

func (r *Shell) biShopt(args []string) int {
	opts, names, ok := r.parseOptions(args, "opqsu")
	if !ok {
		return builtins.StatusUsage
	}
	set, unset, quiet, printMode, oMode := false, false, false, false, false
	for _, o := range opts {
		switch o.Letter {
		case 's':
			set = true
		case 'u':
			unset = true
		case 'q':
			quiet = true
		case 'p':
			printMode = true
		case 'o':
			oMode = true
		}
	}
	if set && unset {
		r.errorf("shopt: cannot set and unset shell options simultaneously")
		return 1
	}
	list := shoptOptions
	if oMode {
		list = setOptions
	}
	if len(names) == 0 {
		if quiet {
			return 0
		}
		printOptions(r.stdout(), list, &r.opts, printMode, shoptStyle(oMode))
		return 0
	}
	status := 0
	for _, n := range names {
		opt := findOption(list, n)
		if opt == nil {
			r.errorf("shopt: %s: invalid shell option name", n)
			status = 1
			continue
		}
		switch {
		case (set || unset) && oMode:
			r.setNamedOption(n, set) // shopt -so monitor is set -m
		case (set || unset) && !slices.Contains(readOnlyShopts, n):
			*opt.field(&r.opts) = set
		case set || unset:
			// login_shell and restricted_shell: left alone, as in bash
		default:
			on := *opt.field(&r.opts)
			switch {
			case quiet: // -q only answers, even with -p, as in bash
			case printMode:
				printOptions(r.stdout(), []setOption{*opt}, &r.opts, true, shoptStyle(oMode))
			default:
				state := "off"
				if on {
					state = "on"
				}
				fmt.Fprintf(r.stdout(), "%-15s\t%s\n", n, state)
			}
			if !on {
				status = 1
			}
		}
	}
	return status
}

// shoptStyle is how shopt -p prints: as set -o commands for -o options.
func shoptStyle(oMode bool) string {
	if oMode {
		return "set"
	}
	return "shopt"
}

// biCd changes the shell's directory: cd [-L|-P] [dir], cd -, CDPATH.
func (r *Shell) biCd(args []string) int {
	opts, rest, ok := r.parseOptions(args, "LPe@")
	if !ok {
		return builtins.StatusUsage
	}
	physical := false
	for _, o := range opts {
		switch o.Letter {
		case 'P':
			physical = true
		case 'L':
			physical = false
		}
	}
	if len(rest) > 1 {
		r.errorf("%s: too many arguments", args[0])
		return 1
	}
	var target string
	printDir := false
	if len(rest) == 0 {
		target = r.varValue("HOME")
		if target == "" {
			r.errorf("%s: HOME not set", args[0])
			return 1
		}
	} else {
		target = rest[0]
		if target == "-" {
			target = r.varValue("OLDPWD")
			if target == "" {
				r.errorf("%s: OLDPWD not set", args[0])
				return 1
			}
			printDir = true
		}
	}
	if target == "" {
		return 0
	}
	dir := ""
	if !strings.HasPrefix(target, "/") && !strings.HasPrefix(target, "./") && !strings.HasPrefix(target, "../") && target != "." && target != ".." {
		for cd := range strings.SplitSeq(r.varValue("CDPATH"), ":") {
			if cd == "" {
				continue
			}
			cand := filepath.Join(r.abs(cd), target)
			if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
				dir = cand
				printDir = true
				break
			}
		}
	}
	if dir == "" {
		if strings.HasPrefix(target, "/") {
			dir = target
		} else {
			dir = r.dir + "/" + target
		}
	}
	logical := filepath.Clean(dir)
	if physical {
		if p, err := filepath.EvalSymlinks(logical); err == nil {
			logical = p
		}
	}
	fi, err := os.Stat(logical)
	if err != nil {
		// A logical .. that crosses a symlink may not exist: try physically.
		r.errorf("%s: %s: %s", args[0], target, errnoText(err))
		return 1
	}
	if !fi.IsDir() {
		r.errorf("%s: %s: Not a directory", args[0], target)
		return 1
	}
	if err := accessX(logical); err != nil {
		r.errorf("%s: %s: %s", args[0], target, errnoText(err))
		return 1
	}
	if !r.subshell && !r.detached {
		if err := os.Chdir(logical); err != nil {
			r.errorf("%s: %s: %s", args[0], target, errnoText(err))
			return 1
		}
		r.g.setProcessDir(logical)
	}
	old := r.dir
	r.dir = logical
	r.setString("OLDPWD", old)
	r.setString("PWD", logical)
	if printDir {
		fmt.Fprintln(r.stdout(), logical)
	}
	return 0
}

// biAlias is alias [-p] [name[=value] ...]: with -p or no operands it
// lists every alias first, as bash does.
func (r *Shell) biAlias(args []string) int {
	opts, operands, ok := r.parseOptions(args, "p")
	if !ok {
		return builtins.StatusUsage
	}
	if len(opts) > 0 || len(operands) == 0 {
		names := make([]string, 0, len(r.aliases))
		for n := range r.aliases {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			r.printAlias(n, r.aliases[n])
		}
	}
	status := 0
	for _, a := range operands {
		name, val, ok := strings.Cut(a, "=")
		if !ok {
			v, found := r.aliases[name]
			if !found {
				r.errorf("alias: %s: not found", name)
				status = 1
				continue
			}
			r.printAlias(name, v)
			continue
		}
		r.ownFuncs()
		r.aliases[name] = val
	}
	return status
}

// printAlias prints an alias as the command that defines it; a name that
// looks like an option gets a "--" before it, as in bash.
func (r *Shell) printAlias(name, value string) {
	dashes := ""
	if strings.HasPrefix(name, "-") {
		dashes = "-- "
	}
	fmt.Fprintf(r.stdout(), "alias %s%s=%s\n", dashes, name, shellQuoteAlways(value))
}

func shellQuoteAlways(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// biUnalias is unalias [-a] name [name ...]; -a removes every alias and
// ignores the names.
func (r *Shell) biUnalias(args []string) int {
	opts, names, ok := r.parseOptions(args, "a")
	if !ok {
		return builtins.StatusUsage
	}
	if len(opts) > 0 {
		r.ownFuncs()
		clear(r.aliases)
		return 0
	}
	if len(names) == 0 {
		return r.usage("unalias")
	}
	status := 0
	r.ownFuncs()
	for _, a := range names {
		if _, ok := r.aliases[a]; !ok {
			r.errorf("unalias: %s: not found", a)
			status = 1
			continue
		}
		delete(r.aliases, a)
	}
	return status
}

// commandOptions are the command builtin's option letters.
const commandOptions = "pVv"

// commandInvocation is `command [-pVv] [--] [name [arg ...]]`.
type commandInvocation struct {
	argv        []string // the command and its arguments
	describe    bool     // -v or -V: describe the names, run nothing
	verbose     bool     // -V: describe in words (the last of -v and -V wins)
	defaultPath bool     // -p: search a default PATH
}

// parseCommandArgs reads command's options.
func parseCommandArgs(args []string) (inv commandInvocation, err error) {
	opts, argv, err := builtins.ParseOptions(args, commandOptions)
	if err != nil {
		return inv, err
	}
	inv.argv = argv
	for _, o := range opts {
		switch o.Letter {
		case 'p':
			inv.defaultPath = true
		case 'v', 'V':
			inv.describe, inv.verbose = true, o.Letter == 'V'
		}
	}
	return inv, nil
}

// biCommand: command [-pVv] name [args]: run name skipping functions, or
// describe it.
func (r *Shell) biCommand(args []string) int {
	inv, err := parseCommandArgs(args)
	if err != nil {
		return r.optionFailed("command", err)
	}
	describe, verbose, defaultPath, rest := inv.describe, inv.verbose, inv.defaultPath, inv.argv
	if len(rest) == 0 {
		return 0
	}
	if describe {
		status := 0
		for _, n := range rest {
			if !r.describe(n, verbose, false) {
				if verbose {
					r.errorf("command: %s: not found", n)
				}
				status = 1
			}
		}
		return status
	}
	name := rest[0]
	if sb := r.specialBuiltin(name); sb != nil {
		return sb(r, rest)
	}
	if bf := r.builtin(name); bf != nil {
		return bf(r, rest)
	}
	if defaultPath {
		saved := r.vars["PATH"]
		r.vars["PATH"] = strVar("/usr/bin:/bin:/usr/sbin:/sbin")
		r.g.hashClear()
		defer func() { r.vars["PATH"] = saved; r.g.hashClear() }()
	}
	r.external(rest, nil, nil)
	return r.status
}

// describe prints what name is, for type and command -v/-V. It reports
// whether name was found.
func (r *Shell) describe(name string, verbose, typeMode bool) bool {
	w := r.stdout()
	if a, ok := r.aliases[name]; ok {
		if verbose {
			fmt.Fprintf(w, "%s is aliased to `%s'\n", name, a)
		} else {
			fmt.Fprintf(w, "alias %s=%s\n", name, shellQuoteAlways(a))
		}
		return true
	}
	if isKeyword(name) {
		if verbose {
			fmt.Fprintf(w, "%s is a shell keyword\n", name)
		} else {
			fmt.Fprintln(w, name)
		}
		return true
	}
	if body, ok := r.funcs[name]; ok {
		if verbose {
			fmt.Fprintf(w, "%s is a function\n%s\n", name, funcSource(name, body))
		} else {
			fmt.Fprintln(w, name)
		}
		return true
	}
	if r.specialBuiltin(name) != nil {
		if verbose {
			fmt.Fprintf(w, "%s is a special shell builtin\n", name)
		} else {
			fmt.Fprintln(w, name)
		}
		return true
	}
	if r.builtin(name) != nil {
		if verbose {
			fmt.Fprintf(w, "%s is a shell builtin\n", name)
		} else {
			fmt.Fprintln(w, name)
		}
		return true
	}
	var path string
	if strings.Contains(name, "/") {
		if fi, err := os.Stat(r.abs(name)); err == nil && !fi.IsDir() && accessX(r.abs(name)) == nil {
			path = name
		}
	} else if p, ok := r.g.hashGet(name); ok {
		if verbose {
			fmt.Fprintf(w, "%s is hashed (%s)\n", name, p)
			return true
		}
		path = p
	} else {
		path = r.searchPath(name)
		if path != "" && accessX(path) != nil {
			path = ""
		}
	}
	if path == "" {
		return false
	}
	if verbose {
		fmt.Fprintf(w, "%s is %s\n", name, path)
	} else {
		fmt.Fprintln(w, path)
	}
	return true
}

func isKeyword(s string) bool {
	switch s {
	case "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until",
		"do", "done", "in", "function", "time", "{", "}", "!", "[[", "]]", "coproc":
		return true
	}
	return false
}

// kindOf is type -t: alias, keyword, function, builtin, file or "".
func (r *Shell) kindOf(name string) string {
	switch {
	case r.aliases[name] != "":
		return "alias"
	case isKeyword(name):
		return "keyword"
	case r.funcs[name] != nil:
		return "function"
	case r.specialBuiltin(name) != nil || r.builtin(name) != nil:
		return "builtin"
	case strings.Contains(name, "/"):
		if accessX(r.abs(name)) == nil {
			return "file"
		}
	case r.searchPath(name) != "":
		return "file"
	}
	return ""
}

// biHash is hash [-lr] [-p pathname] [-dt] [name ...]: with no names,
// list the remembered programs (-l as commands that remember them again);
// with names, look each up in PATH and remember it, or with -p remember
// PATHNAME for it, with -d forget it, with -t print where it is. -r first
// forgets everything.
func (r *Shell) biHash(args []string) int {
	opts, names, ok := r.parseOptions(args, "dlp:rt")
	if !ok {
		return builtins.StatusUsage
	}
	var forget, reusable, print bool
	path := ""
	for _, o := range opts {
		switch o.Letter {
		case 'd':
			forget = true
		case 'l':
			reusable = true
		case 'p':
			path = o.Value
		case 'r':
			r.g.hashClear()
		case 't':
			print = true
		}
	}
	if len(names) == 0 {
		if slices.ContainsFunc(opts, func(o builtins.Option) bool { return o.Letter == 'r' }) {
			return 0 // hash -r [-l]: forgetting is all
		}
		return r.listHash(reusable)
	}
	status := 0
	for _, n := range names {
		switch {
		case print:
			p, found := r.g.hashGet(n)
			switch {
			case !found:
				r.errorf("hash: %s: not found", n)
				status = 1
			case len(names) == 1:
				fmt.Fprintln(r.stdout(), p)
			default:
				fmt.Fprintf(r.stdout(), "%s\t%s\n", n, p)
			}
		case forget:
			if !r.g.hashDelete(n) {
				r.errorf("hash: %s: not found", n)
				status = 1
			}
		case path != "":
			r.g.hashSet(n, path)
		default:
			p := r.searchPath(n)
			if p == "" {
				r.errorf("hash: %s: not found", n)
				status = 1
				continue
			}
			r.g.hashSet(n, p)
		}
	}
	return status
}

// listHash prints the remembered programs, as a table or with reusable
// as hash -p commands.
func (r *Shell) listHash(reusable bool) int {
	table := r.g.hashSnapshot()
	if len(table) == 0 {
		fmt.Fprintln(r.stdout(), "hash: hash table empty") // stdout, as bash has it
		return 0
	}
	names := make([]string, 0, len(table))
	for n := range table {
		names = append(names, n)
	}
	sort.Strings(names)
	if !reusable {
		fmt.Fprintln(r.stdout(), "hits\tcommand")
	}
	for _, n := range names {
		if reusable {
			fmt.Fprintf(r.stdout(), "builtin hash -p %s %s\n", table[n], n)
		} else {
			fmt.Fprintf(r.stdout(), "   1\t%s\n", table[n])
		}
	}
	return 0
}

func (r *Shell) biBuiltin(args []string) int {
	args, ok := r.noOptions(args)
	if !ok {
		return builtins.StatusUsage
	}
	if len(args) < 2 {
		return 0
	}
	name := args[1]
	if sb := r.specialBuiltin(name); sb != nil {
		return sb(r, args[1:])
	}
	if bf := r.builtin(name); bf != nil {
		return bf(r, args[1:])
	}
	r.errorf("builtin: %s: not a shell builtin", name)
	return 1
}

// biHelp is help [-ds] [name ...]: every builtin's name, or what the
// registry says of the named ones.
func (r *Shell) biHelp(args []string) int {
	opts, names, ok := r.parseOptions(args, "ds")
	if !ok {
		return builtins.StatusUsage
	}
	w := r.stdout()
	if len(names) == 0 {
		fmt.Fprintf(w, "gosh %s: a POSIX shell with job control.\nBuiltins:\n", Version)
		all := make([]string, 0, len(builtins.All()))
		for _, b := range builtins.All() {
			all = append(all, b.Name)
		}
		fmt.Fprintln(w, strings.Join(all, " "))
		return 0
	}
	status := 0
	for _, n := range names {
		s, found := builtins.Find(n)
		if !found {
			r.errorf("help: no help topics match `%s'", n)
			status = 1
			continue
		}
		switch {
		case len(opts) == 0:
			s.Describe(w, false)
		case opts[len(opts)-1].Letter == 'd':
			s.Describe(w, true)
		default:
			fmt.Fprintf(w, "%s: %s\n", s.Name, s.Usage)
		}
	}
	return status
}
