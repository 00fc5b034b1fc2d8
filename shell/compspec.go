package shell

// Programmable completion, the evaluator's side: the builtins complete,
// compgen and compopt, the actions that read the shell's state, and
// running a specification's -F function and -C command with COMP_WORDS and
// the rest set as bash sets them. The pure parts (the specification table,
// COMP_WORDS's splitting, -X, -P and -S) are package completion's.

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/completion"
	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/jobs"
	"github.com/gosh-sh/gosh/lineedit"
	"github.com/gosh-sh/gosh/parser"
	"github.com/gosh-sh/gosh/snapshot"
	"mvdan.cc/sh/v3/syntax"
)

// compRun is a completion in progress: what compopt with no name changes.
type compRun struct {
	opts completion.Options
	// interrupted says ^C ended the function or command (see
	// noteCompletionInterrupted): the completion and the line are
	// abandoned.
	interrupted bool
}

// completeSpecOptions are the options complete takes, compgen's plus the
// table's own (-p -r -D -E -I).
const (
	compgenOptions  = completion.ActionLetters + "o:A:G:W:F:C:X:P:S:"
	completeOptions = compgenOptions + "prDEI"
)

// specNames maps -D, -E and -I to the table's names for them.
var specNames = map[byte]string{'D': completion.DefaultSpec, 'E': completion.EmptySpec, 'I': completion.InitialSpec}

func (r *Shell) biComplete(args []string) int {
	opts, names, ok := r.parseOptions(args, completeOptions)
	if !ok {
		return builtins.StatusUsage
	}
	var spec completion.Spec
	print, remove, defined := len(opts) == 0, false, false
	for _, o := range opts {
		switch o.Letter {
		case 'p':
			print = true
		case 'r':
			remove = true
		case 'D', 'E', 'I':
			names = append(names, specNames[o.Letter])
		default:
			defined = true
			if err := spec.SetOption(o.Letter, o.Value); err != nil {
				r.errorf("complete: %v", err)
				return builtins.StatusUsage
			}
		}
	}
	table := &r.g.completions
	switch {
	case print && !remove:
		if len(names) == 0 {
			names = table.Names()
		}
		status := 0
		for _, n := range names {
			s, ok := table.Get(n)
			if !ok {
				r.errorf("complete: %s: no completion specification", n)
				status = 1
				continue
			}
			r.writeOut(s.Line(n) + "\n")
		}
		return status
	case remove:
		if len(names) == 0 {
			table.Clear()
			return 0
		}
		status := 0
		for _, n := range names {
			if !table.Remove(n) && !table.Empty() {
				r.errorf("complete: %s: no completion specification", n)
				status = 1
			}
		}
		return status
	case len(names) == 0:
		if defined {
			return r.usage("complete")
		}
		return 0
	}
	for _, n := range names {
		table.Set(n, spec)
	}
	return 0
}

func (r *Shell) biCompgen(args []string) int {
	opts, operands, ok := r.parseOptions(args, compgenOptions)
	if !ok {
		return builtins.StatusUsage
	}
	var spec completion.Spec
	for _, o := range opts {
		if err := spec.SetOption(o.Letter, o.Value); err != nil {
			r.errorf("compgen: %v", err)
			return builtins.StatusUsage
		}
	}
	word := ""
	if len(operands) > 0 {
		word = operands[0]
	}
	if spec.Function != "" {
		r.errorf("compgen: warning: -F option may not work as you expect")
	}
	if spec.Command != "" {
		r.errorf("compgen: warning: -C option may not work as you expect")
	}
	// Outside a completion there is no command line: a function or
	// command gets no COMP_ variables, as in bash.
	call := completion.Call{Cur: word}
	if cur := r.g.compCall; cur != nil {
		call = *cur
		call.Cur = word
	}
	if spec == (completion.Spec{}) {
		return 0 // nothing asked, nothing failed: bash's status too
	}
	matches := r.compMatches(spec, call, word)
	if len(matches) == 0 {
		matches = r.compFallback(spec.Options, word)
	}
	if spec.Options&completion.OptPlusdirs != 0 {
		matches = append(matches, r.completerFor().Files(word, true)...)
	}
	if len(matches) == 0 {
		return 1
	}
	r.writeOut(strings.Join(matches, "\n") + "\n")
	return 0
}

// compFallback is what -o dirnames and -o default offer when a
// specification generated nothing (compgen's view: no quoting).
func (r *Shell) compFallback(opts completion.Options, word string) []string {
	switch {
	case opts&completion.OptDirnames != 0:
		return r.completerFor().Files(word, true)
	case opts&completion.OptDefault != 0:
		return r.completerFor().Files(word, false)
	}
	return nil
}

func (r *Shell) biCompopt(args []string) int {
	opts, names, ok := r.parseOptions(args, "+o:DEI")
	if !ok {
		return builtins.StatusUsage
	}
	var set, clear completion.Options
	changes := false
	for _, o := range opts {
		switch o.Letter {
		case 'o':
			opt, ok := completion.OptionNamed(o.Value)
			if !ok {
				r.errorf("compopt: %s: invalid option name", o.Value)
				return builtins.StatusUsage
			}
			changes = true
			if o.Plus {
				clear |= opt
			} else {
				set |= opt
			}
		default:
			names = append(names, specNames[o.Letter])
		}
	}
	if len(names) == 0 {
		run := r.g.compRun
		if run == nil {
			r.errorf("compopt: not currently executing completion function")
			return 1
		}
		if !changes {
			r.writeOut(compoptLine(run.opts, "") + "\n")
		}
		run.opts = run.opts&^clear | set
		return 0
	}
	status := 0
	for _, n := range names {
		s, ok := r.g.completions.Get(n)
		if !ok {
			r.errorf("compopt: %s: no completion specification", n)
			status = 1
			continue
		}
		if !changes {
			r.writeOut(compoptLine(s.Options, n) + "\n")
			continue
		}
		s.Options = s.Options&^clear | set
		r.g.completions.Set(n, s)
	}
	return status
}

// compoptLine is compopt's listing of a set of options: every option,
// with - when it is on and + when off.
func compoptLine(opts completion.Options, name string) string {
	var b strings.Builder
	b.WriteString("compopt")
	for _, n := range completion.OptionNames() {
		o, _ := completion.OptionNamed(n)
		if opts&o != 0 {
			b.WriteString(" -o " + n)
		} else {
			b.WriteString(" +o " + n)
		}
	}
	if name != "" {
		b.WriteString(" " + completion.DisplayName(name))
	}
	return b.String()
}

// writeOut writes a builtin's output to the shell's standard output.
func (r *Shell) writeOut(s string) {
	r.stdout().Write([]byte(s))
}

// compMatches generates a specification's matches for word, in bash's
// order: the actions, -G, -W, -F, -C, then -X filters them and -P and -S
// go around them.
func (r *Shell) compMatches(spec completion.Spec, call completion.Call, word string) []string {
	var out []string
	// bash matches -W's words against the word without its quoting, and
	// the actions too while completing a line (readline's dequoting).
	plain := completion.Dequote(word)
	actionWord := word
	if r.g.compCall != nil {
		actionWord = plain
	}
	for _, a := range spec.Actions.Names() {
		for _, n := range r.actionWords(a, actionWord) {
			if strings.HasPrefix(n, actionWord) {
				out = append(out, n)
			}
		}
	}
	if spec.Glob != "" {
		out = append(out, r.expandText(spec.Glob)...)
	}
	if spec.Words != "" {
		for _, raw := range completion.SplitWordList(spec.Words, r.lookupVar("IFS").String()) {
			for _, w := range r.expandText(raw) {
				if strings.HasPrefix(w, plain) {
					out = append(out, w)
				}
			}
		}
	}
	if spec.Function != "" {
		out = append(out, r.compFunction(spec.Function, call)...)
	}
	if spec.Command != "" && (r.g.compRun == nil || !r.g.compRun.interrupted) {
		out = append(out, r.compCommand(spec.Command, call)...)
	}
	out = completion.Filter(out, spec.Filter, word, r.matchPattern)
	return completion.Affix(out, spec.Prefix, spec.Suffix)
}

// expandText expands src as the words of a command line: -W's word list
// and -G's pattern, as bash expands them when completing.
func (r *Shell) expandText(src string) []string {
	f, err := parser.Parse(": "+src, "complete")
	if err != nil || len(f.Stmts) != 1 {
		return nil
	}
	ce, ok := f.Stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(ce.Args) < 2 {
		return nil
	}
	saved := r.status
	fields, err := r.expandFields(ce.Args[1:]...)
	r.status = saved
	if err != nil {
		return nil
	}
	return fields
}

// actionWords lists the names an action (-A) offers; those that are
// paths are found from word, the others are filtered by the caller.
func (r *Shell) actionWords(action, word string) []string {
	var out []string
	switch action {
	case "alias":
		for n := range r.aliases {
			out = append(out, n)
		}
	case "builtin", "enabled", "helptopic":
		for _, b := range builtins.All() {
			out = append(out, b.Name)
		}
	case "command":
		return r.completerFor().CommandNames(word)
	case "directory":
		return r.completerFor().Files(word, true)
	case "file":
		return r.completerFor().Files(word, false)
	case "export", "variable", "arrayvar":
		for n, v := range r.vars {
			switch {
			case strings.HasPrefix(n, "_GOSH"):
			case action == "export" && !v.Exported:
			case action == "arrayvar" && v.Kind != expansion.Indexed && v.Kind != expansion.Associative:
			case action == "variable" && !v.Declared():
			default:
				out = append(out, n)
			}
		}
	case "function":
		for n := range r.funcs {
			out = append(out, n)
		}
	case "group":
		out = fileColumn("/etc/group", ':')
	case "user":
		out = fileColumn("/etc/passwd", ':')
	case "service":
		out = fileColumn("/etc/services", ' ')
	case "hostname":
		out = hostNames(r.varValue("HOSTFILE"))
	case "job", "running", "stopped":
		for _, j := range r.g.jobs.Jobs() {
			state := r.g.jobs.GroupState(j)
			if action == "running" && state != jobs.Running || action == "stopped" && state != jobs.Stopped {
				continue
			}
			name, _, _ := strings.Cut(j.Command, " ")
			out = append(out, name)
		}
	case "keyword":
		out = strings.Fields("if then else elif fi case esac for select while until do done in function time { } ! [[ ]] coproc")
	case "signal":
		for _, sig := range builtins.SignalNames() {
			out = append(out, "SIG"+builtins.SignalName(sig))
		}
	case "setopt":
		for _, o := range setOptions {
			out = append(out, o.name)
		}
	case "shopt":
		for _, o := range shoptOptions {
			out = append(out, o.name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// fileColumn is the first field of each line of a system file such as
// /etc/passwd, skipping comments.
func fileColumn(path string, sep byte) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		if sep == ' ' {
			out = append(out, strings.Fields(line)[0])
		} else if name, _, ok := strings.Cut(line, string(sep)); ok {
			out = append(out, name)
		}
	}
	return out
}

// hostNames are the names a hosts file gives (HOSTFILE, by default
// /etc/hosts), as bash's -A hostname reads them.
func hostNames(file string) []string {
	if file == "" {
		file = "/etc/hosts"
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var out []string
	for line := range strings.SplitSeq(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		f := strings.Fields(line)
		if len(f) > 1 {
			out = append(out, f[1:]...)
		}
	}
	return out
}

// compVars are the variables a completion function or command sees.
var compVars = []string{"COMP_WORDS", "COMP_CWORD", "COMP_LINE", "COMP_POINT", "COMP_TYPE", "COMP_KEY"}

// withCompVars runs f with COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT,
// COMP_TYPE and COMP_KEY set for call, and unsets them after, as bash
// does; with export (for -C) only the last four, exported. COMP_TYPE and
// COMP_KEY say a Tab.
func (r *Shell) withCompVars(call completion.Call, export bool, f func()) {
	if call.Words == nil {
		f() // compgen outside a completion
		return
	}
	set := func(name string, vr expansion.Variable) {
		vr.Exported = export
		r.setVar(name, vr)
	}
	if !export {
		// A function's only: an environment cannot carry an array.
		set("COMP_WORDS", expansion.Variable{Set: true, Kind: expansion.Indexed, List: slices.Clone(call.Words)})
		set("COMP_CWORD", strVar(strconv.Itoa(call.CWord)))
	}
	set("COMP_LINE", strVar(call.Line))
	set("COMP_POINT", strVar(strconv.Itoa(call.Point)))
	set("COMP_TYPE", strVar("9"))
	set("COMP_KEY", strVar("9"))
	savedCall := r.g.compCall
	r.g.compCall = &call
	f()
	r.g.compCall = savedCall
	for _, n := range compVars {
		r.unsetVar(n)
	}
}

// compFunction runs a -F function with the command name, the word being
// completed and the word before it as arguments, and returns COMPREPLY.
// A function that returns 124 has loaded a new specification (bash's
// completion loaders): the caller looks again.
func (r *Shell) compFunction(name string, call completion.Call) []string {
	body, ok := r.funcs[name]
	if !ok {
		r.errorf("completion: function `%s' not found", name)
		return nil
	}
	r.unsetVar("COMPREPLY")
	saved, interrupted := r.status, r.interrupted
	r.withCompVars(call, false, func() {
		r.callFunc(name, body, []string{compCommandName(call), call.Cur, call.Prev()})
	})
	r.g.compStatus = r.status
	// A fatal expansion error ends the function (as in bash), not the
	// line being typed.
	r.status, r.interrupted = saved, interrupted
	reply := r.lookupVar("COMPREPLY")
	r.unsetVar("COMPREPLY")
	if !reply.Set {
		return nil
	}
	return slices.Clone(reply.Values())
}

// compCommandName is the first argument of a -F function or -C command:
// the command being completed, or compgen when compgen calls it outside a
// completion, as bash has it.
func compCommandName(call completion.Call) string {
	if call.Words == nil {
		return "compgen"
	}
	return call.Command()
}

// compCommand runs a -C command in a subshell, as $(command name word
// prev) with the COMP_ variables exported, and returns its output's lines.
func (r *Shell) compCommand(command string, call completion.Call) []string {
	src := command + " " + expansion.Quote(compCommandName(call)) + " " + expansion.Quote(call.Cur) + " " + expansion.Quote(call.Prev())
	f, err := parser.Parse(src, "complete")
	if err != nil {
		return nil
	}
	var out strings.Builder
	saved, interrupted := r.status, r.interrupted
	r.withCompVars(call, true, func() {
		r.cmdSubst(&out, &syntax.CmdSubst{Stmts: f.Stmts})
	})
	r.status, r.interrupted = saved, interrupted
	var lines []string
	for l := range strings.SplitSeq(strings.TrimRight(out.String(), "\n"), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// noteCompletionInterrupted records that ^C ended what a completion in
// progress runs. Called where ^C abandons a command line (SIGINT at a
// statement boundary, a child killed by it): a completion function runs
// at the prompt, with no line to abandon, so the completion must know.
func (r *Shell) noteCompletionInterrupted() {
	if run := r.g.compRun; run != nil {
		run.interrupted = true
	}
}

// consumeCompletionInterrupt ends the ^C that interrupted a completion:
// the completion is abandoned and the line editor abandons the line, so
// the signal must not also abandon the next one. A SIGINT that stopped
// a function was taken at a statement boundary; a -C command runs as a
// foreground job in a process group of its own, and only it gets the
// signal. Either way nothing is left pending but the wake-up, drained
// here (other signals' actions run before the next prompt). The shell's
// interrupted state goes back to that of the prompt.
func (r *Shell) consumeCompletionInterrupt() {
	r.interrupted, r.exiting = false, false
	if r.g.sigs != nil {
		r.g.sigs.take(func(sig syscall.Signal) bool { return sig == syscall.SIGINT })
		r.g.sigs.drainWake()
	}
}

// compStatusRetry is the status with which a -F function says it has
// loaded a specification for the command and completion should begin
// again (bash's completion loaders, complete -D -F _loader).
const compStatusRetry = 124

// programmable completes the line with the specification that applies,
// and reports false if none does (the shell's own completion then runs).
//
// It returns lineedit.ErrInterrupted when ^C ended a function or command it ran.
func (r *Shell) programmable(c *completion.Context, line string, pos int) (lineedit.Completions, bool, error) {
	call := completion.NewCall(line, pos, r.wordBreaks())
	for attempt := 0; ; attempt++ {
		spec, ok := r.specFor(call)
		if !ok {
			return lineedit.Completions{}, false, nil
		}
		run := &compRun{opts: spec.Options}
		r.g.compRun, r.g.compStatus = run, 0
		matches := r.compMatches(spec, call, r.compWord(call))
		r.g.compRun = nil
		if run.interrupted {
			r.consumeCompletionInterrupt()
			return lineedit.Completions{}, true, lineedit.ErrInterrupted
		}
		if spec.Function != "" && r.g.compStatus == compStatusRetry && attempt == 0 {
			continue // a loader replaced the specification: once more
		}
		spec.Options = run.opts // as compopt left them
		return r.compInsert(c, spec, call, matches, line, pos), true, nil
	}
}

// specFor is the specification for call: complete -E's on an empty
// line, -I's for the first word, else the command's own or -D's.
func (r *Shell) specFor(call completion.Call) (completion.Spec, bool) {
	switch {
	case call.Empty:
		return r.g.completions.Get(completion.EmptySpec)
	case call.CWord == 0:
		return r.g.completions.Get(completion.InitialSpec)
	}
	return r.g.completions.Lookup(call.Command())
}

// compWord is the word the generators match against: the text being
// completed without its quoting.
func (r *Shell) compWord(call completion.Call) string {
	if call.Quote != 0 {
		return call.Cur
	}
	return completion.Dequote(call.Cur)
}

// compInsert turns a specification's matches into the line editor's
// insertions and listing, with -o plusdirs, dirnames, default and
// bashdefault.
func (r *Shell) compInsert(c *completion.Context, spec completion.Spec, call completion.Call, matches []string, line string, pos int) lineedit.Completions {
	word := r.compWord(call)
	opts := spec.Options
	if opts&completion.OptPlusdirs != 0 {
		matches = append(matches, c.Files(word, true)...)
	}
	if len(matches) == 0 {
		// bash's order: directory names, then its own completion, then
		// readline's file names; the first that finds anything.
		fallbacks := []struct {
			opt completion.Options
			f   func() ([]string, int)
		}{
			{completion.OptDirnames, func() ([]string, int) { return c.CompleteFiles(line, pos, true) }},
			{completion.OptBashdefault, func() ([]string, int) { return c.Complete(line, pos) }},
			{completion.OptDefault, func() ([]string, int) { return c.CompleteFiles(line, pos, false) }},
		}
		for _, fb := range fallbacks {
			if opts&fb.opt == 0 {
				continue
			}
			if s, n := fb.f(); len(s) > 0 {
				return editorCompletions(line[:pos], s, n)
			}
		}
		return lineedit.Completions{}
	}
	in := completion.Insertion{
		Filenames: opts&completion.OptFilenames != 0,
		Noquote:   opts&completion.OptNoquote != 0,
		Nospace:   opts&completion.OptNospace != 0,
		Nosort:    opts&completion.OptNosort != 0,
		IsDir:     c.IsDir,
	}
	s, n := in.Suffixes(call, matches)
	return lineedit.Completions{Suffixes: s, Shared: n, List: in.Listing(matches)}
}

// wordBreaks is COMP_WORDBREAKS, bash's default when it is unset.
func (r *Shell) wordBreaks() string {
	if v := r.lookupVar("COMP_WORDBREAKS"); v.Set {
		return v.String()
	}
	return completion.DefaultWordBreaks
}

// tildeDir is the directory a tilde prefix names (~, ~user, ~+, ~-, ~N),
// for completing the words that start with one.
func (r *Shell) tildeDir(prefix string) (string, bool) {
	fields := r.expandText(prefix)
	if len(fields) != 1 || fields[0] == prefix {
		return "", false
	}
	return fields[0], true
}

// completionSnapshot is the specification table for a re-executed
// subshell, so that `complete -p | grep x` shows it.
func (r *Shell) completionSnapshot() []snapshot.Completion {
	var out []snapshot.Completion
	for _, n := range r.g.completions.Names() {
		s, _ := r.g.completions.Get(n)
		out = append(out, snapshot.Completion{Name: n, Actions: uint64(s.Actions), Options: uint64(s.Options),
			Glob: s.Glob, Words: s.Words, Function: s.Function, Command: s.Command, Filter: s.Filter, Prefix: s.Prefix, Suffix: s.Suffix})
	}
	return out
}

// restoreCompletions loads the table a snapshot carries; bits that name
// no action or option are dropped.
func (r *Shell) restoreCompletions(list []snapshot.Completion) {
	r.g.completions.Clear()
	for _, c := range list {
		r.g.completions.Set(c.Name, completion.Spec{
			Actions: completion.Action(c.Actions) & completion.AllActions, Options: completion.Options(c.Options) & completion.AllOptions,
			Glob: c.Glob, Words: c.Words, Function: c.Function, Command: c.Command, Filter: c.Filter, Prefix: c.Prefix, Suffix: c.Suffix})
	}
}
