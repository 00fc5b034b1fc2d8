package shell

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/jobs"
	"github.com/gosh-sh/gosh/lineedit"
	"github.com/gosh-sh/gosh/parser"
	"mvdan.cc/sh/v3/syntax"
)

// call runs a simple command: assignments, words, redirections.
func (r *Shell) call(ce *syntax.CallExpr, redirs []*syntax.Redirect) {
	r.hadSubst = false
	if !r.debugTrap(r.lineno) {
		return
	}
	if len(ce.Args) == 0 {
		r.assignOnly(ce.Assigns, redirs)
		r.lastArg = "" // bash: $_ after x=1 is empty
		return
	}
	args, err := r.expandFields(ce.Args...)
	if err != nil {
		r.expansionFailed(err)
		return
	}
	if len(args) == 0 {
		// Every word expanded to nothing: like an assignment-only command,
		// keeping a command substitution's status.
		r.assignOnly(ce.Assigns, redirs)
		return
	}
	r.run(args, ce.Assigns, redirs)
	r.lastArg = args[len(args)-1]
}

// assignOnly handles `a=1 b=2 >file` without a command name: the
// assignments change the shell; the status is that of the last command
// substitution, else 0.
func (r *Shell) assignOnly(assigns []*syntax.Assign, redirs []*syntax.Redirect) {
	substBefore := r.hadSubst
	r.hadSubst = false
	for _, as := range assigns {
		old := ""
		if r.opts.xtrace && as.Append {
			old = r.varValue(as.Name.Value)
		}
		if err := r.assign(as); err != nil {
			r.assignFailed(err)
			return
		}
		if r.opts.xtrace {
			r.traceAssign(as, old) // each as it is made: x=1 x=2 shows both
		}
	}
	status := 0
	if r.hadSubst || substBefore {
		status = r.substStatus
	}
	if len(redirs) > 0 {
		u, err := r.redirect(redirs, false)
		if err != nil {
			r.failf(1, "%v", err)
			return
		}
		r.undo(u)
	}
	r.status = status
}

// assignFailed reports a failed assignment; POSIX makes it fatal for a
// non-interactive shell.
func (r *Shell) assignFailed(err error) {
	if _, ok := err.(exitStatus); ok {
		r.expansionFailed(err)
		return
	}
	r.failf(1, "%v", err)
	var le lineError
	if errors.As(err, &le) {
		r.abandonLine()
		return
	}
	if !r.g.interactive {
		var ro ReadonlyError
		if errors.As(err, &ro) || r.opts.posix {
			r.exit(1)
		} else if isFatal(err) {
			r.abortExpansion(err)
		}
	}
}

// run executes a command whose words are expanded: special builtin,
// function, regular builtin or external program, in POSIX's order.
func (r *Shell) run(args []string, assigns []*syntax.Assign, redirs []*syntax.Redirect) {
	name := args[0]
	if r.opts.xtrace {
		r.trace(assigns, args)
	}
	if sb := r.specialBuiltin(name); sb != nil {
		if r.g.sandbox && sandboxRefuses(name) {
			r.status = 0
			return
		}
		// Assignments before a special builtin stay (POSIX).
		for _, as := range assigns {
			if err := r.assign(as); err != nil {
				r.assignFailed(err)
				return
			}
		}
		if name == "exec" {
			if inv, err := parseExecArgs(args); err == nil && len(inv.argv) == 0 {
				r.execRedirs(redirs)
				return
			}
		}
		u, err := r.redirect(redirs, false)
		if err != nil {
			r.failf(1, "%v", err)
			if !r.g.interactive {
				r.exit(1)
			}
			return
		}
		if name == "exec" && len(assigns) > 0 {
			r.status = r.execCommand(args, assignedNames(assigns))
		} else {
			r.status = sb(r, args)
		}
		r.undo(u)
		return
	}
	if body, ok := r.funcs[name]; ok {
		r.withCommandEnv(assigns, redirs, func() { r.callFunc(name, body, args[1:]) })
		return
	}
	if bf := r.builtin(name); bf != nil {
		if name == "command" && commandRunsBareExec(args) {
			r.commandExecRedirs(assigns, redirs)
			return
		}
		r.withCommandEnv(assigns, redirs, func() { r.status = bf(r, args) })
		return
	}
	r.external(args, assigns, redirs)
}

// commandRunsBareExec reports whether args, a call of the command builtin,
// comes down to exec without a program: `command exec 8<file`, also with
// command's -p and --, or `command command exec`.
func commandRunsBareExec(args []string) bool {
	for len(args) > 0 && args[0] == "command" {
		inv, err := parseCommandArgs(args)
		if err != nil || inv.describe {
			return false // -v or -V describes; a bad option fails
		}
		args = inv.argv
	}
	if len(args) == 0 || args[0] != "exec" {
		return false
	}
	inv, err := parseExecArgs(args)
	return err == nil && len(inv.argv) == 0
}

// commandExecRedirs runs `command exec REDIRS`: the redirections stay, as
// for exec, but command takes away what makes exec special (XCU 2.14): a
// redirection that fails does not end the shell, and the prefix
// assignments last only for the command.
func (r *Shell) commandExecRedirs(assigns []*syntax.Assign, redirs []*syntax.Redirect) {
	restore, err := r.tempAssigns(assigns)
	if err != nil {
		r.assignFailed(err)
		return
	}
	defer restore()
	if _, err := r.redirect(redirs, true); err != nil {
		r.failf(1, "%v", err)
		return
	}
	r.status = 0
}

// withCommandEnv runs a function or regular builtin with the command's
// prefix assignments and redirections in force, undoing both afterwards.
func (r *Shell) withCommandEnv(assigns []*syntax.Assign, redirs []*syntax.Redirect, run func()) {
	restore, err := r.tempAssigns(assigns)
	if err != nil {
		r.assignFailed(err)
		return
	}
	u, err := r.redirect(redirs, false)
	if err != nil {
		restore()
		r.failf(1, "%v", err)
		return
	}
	run()
	r.undo(u)
	restore()
}

// external runs a program found by PATH search, in the foreground. The
// redirections come first, so `foo 2>/dev/null` also silences "command not
// found".
func (r *Shell) external(args []string, assigns []*syntax.Assign, redirs []*syntax.Redirect) {
	u, err := r.redirect(redirs, false)
	if err != nil {
		r.failf(1, "%v", err)
		return
	}
	sp, status, ok := r.prepareSpawn(args, assigns)
	if !ok {
		r.undo(u)
		r.status = status
		return
	}
	sp.Files = r.fds.childFiles()
	r.runForeground([]*jobs.Spawn{sp}, strings.Join(args, " "))
	r.undo(u)
}

// prepareSpawn resolves args[0] and builds the child's environment (the
// exported variables plus the command's own assignments). On failure it has
// printed the error and returns the status.
func (r *Shell) prepareSpawn(args []string, assigns []*syntax.Assign) (*jobs.Spawn, int, bool) {
	path, status := r.lookPath(args[0])
	if status != 0 {
		return nil, status, false
	}
	env := r.environ()
	if len(assigns) > 0 {
		env = slices.Clone(env)
		// Each value sees the assignments before it (a=1 b=$a cmd, and
		// a command substitution in b's value has a in its environment),
		// as in bash and dash: they shadow the shell's variables while
		// the values are expanded. They are plain strings in the
		// command's environment, whatever the variables' attributes.
		var shadows varShadows
		defer func() { shadows.restore(r) }()
		for i, as := range assigns {
			val, err := r.assignValue(as)
			if err != nil {
				r.expansionFailed(err)
				return nil, r.status, false
			}
			env = setEnv(env, as.Name.Value, val)
			if i < len(assigns)-1 {
				vr := strVar(val)
				vr.Exported = true
				shadows.shadow(r, as.Name.Value, vr)
			}
		}
	}
	sp := &jobs.Spawn{Path: path, Argv: args, Env: env}
	if r.dir != r.g.processDir() {
		sp.Dir = r.dir
	}
	return sp, 0, true
}

// assignedNames lists the variables a command's prefix assignments set.
func assignedNames(assigns []*syntax.Assign) []string {
	names := make([]string, len(assigns))
	for i, as := range assigns {
		names[i] = as.Name.Value
	}
	return names
}

func setEnv(env []string, name, val string) []string {
	prefix := name + "="
	for i, kv := range env {
		if strings.HasPrefix(kv, prefix) {
			env[i] = prefix + val
			return env
		}
	}
	return append(env, prefix+val)
}

// lookPath finds a command: a name with a slash is used as is; otherwise
// POSIX PATH search (an empty entry is the current directory), remembered in
// the hash table. It prints the error and returns 127 or 126 on failure.
func (r *Shell) lookPath(name string) (string, int) {
	path, status, problem := r.resolveProgram(name)
	if status != 0 {
		r.errorf("%s: %s", name, problem)
	}
	return path, status
}

// resolveProgram is lookPath without the message: on failure it returns
// the status and what is wrong with name.
func (r *Shell) resolveProgram(name string) (path string, status int, problem string) {
	if strings.Contains(name, "/") {
		full := r.abs(name)
		fi, err := os.Stat(full)
		if err != nil {
			return "", 127, errnoText(err)
		}
		if fi.IsDir() {
			return "", 126, "Is a directory"
		}
		return full, 0, ""
	}
	if p, ok := r.g.hashGet(name); ok {
		return p, 0, ""
	}
	if p := r.searchPath(name); p != "" {
		r.g.hashSet(name, p)
		return p, 0, ""
	}
	return "", 127, "command not found"
}

// searchPath returns the first executable regular file called name in
// $PATH, or "".
func (r *Shell) searchPath(name string) string {
	path := r.varValue("PATH")
	var firstNonExec string
	for dir := range strings.SplitSeq(path, ":") {
		if dir == "" {
			dir = "."
		}
		full := dir + "/" + name
		if !strings.HasPrefix(full, "/") {
			full = r.abs(full)
		}
		var st syscall.Stat_t
		if syscall.Stat(full, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
			continue
		}
		if syscall.Access(full, 1) == nil {
			return full
		}
		if firstNonExec == "" {
			firstNonExec = full
		}
	}
	return firstNonExec // exec reports "Permission denied", status 126
}

// runForeground starts a job's processes and waits for it, setting $?.
func (r *Shell) runForeground(sps []*jobs.Spawn, command string) {
	if r.g.sandbox {
		r.status = 127
		return
	}
	j := r.startJob(sps, command, true)
	if len(j.Procs) == 0 {
		return // nothing could start; startJob has set $?
	}
	r.finishForeground(j, r.waitForeground(j))
}

// startJob starts each member of a job into its process group, all between
// one Begin and Done, so that no member is reaped before the last one has
// joined the group. It is the launch of every job: a simple command, a
// pipeline, a subshell, a job started with &.
//
// A member that fails to start (no execute permission, a #! interpreter
// that is not there) follows one rule, bash's: it reports why on its own
// standard error and its status is 126 or 127 (startFailure), and the other
// members still run. In bash that member is a forked child whose exec
// failed; gosh cannot fork, so a stand-in process (standIn) takes the
// member's place in the job: it prints the message and exits with the
// status. $?, PIPESTATUS, pipefail, $! and wait therefore see the member as
// they would any other, and the message goes where the member's stderr
// was redirected. Only if the stand-in cannot start either (no process can
// be started) is the member missing from the job: the shell then reports
// it itself and sets $? to its status.
func (r *Shell) startJob(sps []*jobs.Spawn, command string, fg bool) *jobs.Job {
	l := r.beginJob(command, fg)
	type unstarted struct {
		status int
		msg    string
	}
	var lost []unstarted
	for _, sp := range sps {
		_, err := r.start(l, sp)
		if err == nil {
			continue
		}
		status, msg := r.startFailure(sp, err)
		if _, err := l.Start(r.standIn(sp, status, msg)); err != nil {
			lost = append(lost, unstarted{status, msg})
		}
	}
	j := l.Done()
	for _, u := range lost {
		fmt.Fprintln(r.stderr(), u.msg)
		r.status = u.status
	}
	return j
}

// standIn is the process that takes the place of sp, a member that failed
// to start: a gosh that writes msg on the member's standard error and
// exits with status. It has the member's descriptors, directory and name
// (for jobs -l and the job trace), and the shell's environment, not the
// command's (which may be what failed).
func (r *Shell) standIn(sp *jobs.Spawn, status int, msg string) *jobs.Spawn {
	name := sp.Name
	if name == "" {
		name = strings.Join(sp.Argv, " ")
	}
	return &jobs.Spawn{
		Path:             r.g.exe,
		Argv:             []string{"gosh", "-c", `printf '%s\n' "$1" >&2; exit "$2"`, "gosh", msg, strconv.Itoa(status)},
		Env:              r.environ(),
		Dir:              sp.Dir,
		Files:            sp.Files,
		Name:             name,
		IgnoreInterrupts: sp.IgnoreInterrupts,
	}
}

// start starts one process of a job. A file the kernel will not execute
// (ENOEXEC: no #! line) is run by gosh as a shell script, as POSIX says.
func (r *Shell) start(l *jobs.Launch, sp *jobs.Spawn) (*jobs.Proc, error) {
	p, err := l.Start(sp)
	if !errors.Is(err, syscall.ENOEXEC) {
		return p, err
	}
	script := *sp
	script.Path = r.g.exe
	script.Argv = append([]string{sp.Argv[0], sp.Path}, sp.Argv[1:]...)
	return l.Start(&script)
}

// finishForeground sets $? (and PIPESTATUS) from a waited job.
func (r *Shell) finishForeground(j *jobs.Job, st jobs.ProcState) {
	if st == jobs.Stopped {
		r.noteStopped(j, true)
		return
	}
	r.status = j.Status(r.opts.pipefail)
	if len(j.Procs) > 0 {
		last := j.Procs[len(j.Procs)-1].Status
		if last.Signaled() && r.line != nil && r.line.inBackground() && last.Signal() != syscall.SIGPIPE {
			// Only kill reaches a background line's job: the user
			// meant the job, so the rest of the line goes too.
			r.interrupted, r.killedBy = true, int(last.Signal())
			return
		}
		if last.Signaled() && r.g.interactive && (!r.subshell || r.inSubst) && r.killedBy == 0 && r.line.inForeground() {
			switch last.Signal() {
			case syscall.SIGINT:
				r.interrupted = true // ^C abandons the rest of the line
				r.noteCompletionInterrupted()
				// The terminal echoed ^C where the job's output ended:
				// start a new line, as bash does, so that the prompt
				// does not take it for output without a newline and show
				// the partial-line mark.
				fmt.Fprintln(r.stderr())
			case syscall.SIGPIPE:
			default:
				// bash reports a foreground job a signal killed: Terminated.
				fmt.Fprintln(r.stderr(), jobs.StateText(last, false))
			}
		}
		if last.Signaled() && !r.g.interactive && !r.subshell && !r.inSubst {
			r.reportKilled(j, last)
		}
	}
	r.reportBackgroundKills()
}

// reportKilled tells, in a script, that a signal killed the last process
// of a foreground job, as bash does: nothing for SIGINT and SIGPIPE (the
// user's ^C, a reader that went away); the signal's name alone for
// SIGTERM or a signal the script traps; else the line, the pid, the name
// and the command, "gosh: line 3:  4242 Segmentation fault      ./crash".
func (r *Shell) reportKilled(j *jobs.Job, ws syscall.WaitStatus) {
	sig := ws.Signal()
	switch {
	case sig == syscall.SIGINT || sig == syscall.SIGPIPE:
	case sig == syscall.SIGTERM || r.g.sigs != nil && r.g.sigs.isTrapped(sig):
		fmt.Fprintln(r.stderr(), jobs.StateText(ws, false))
	default:
		p := j.Procs[len(j.Procs)-1]
		r.printKillReport(jobs.FormatKilled([]jobs.ProcLine{{Pid: p.Pid, State: jobs.StateText(ws, false), Command: j.Command}}))
	}
}

// reportBackgroundKills tells, in a script, of the background jobs a
// signal has killed since the shell last looked, as bash does each time it
// has waited for a job (a foreground one, or with wait): the line of the
// command that waited, then each job's pid, state and command, a pipeline's
// processes each on a line ("gosh: line 3:  4242 Killed                  sleep 10"). As for a foreground job, SIGINT and SIGPIPE go untold; unlike
// one, so do SIGTERM and a signal the script traps, without even the
// signal's name. Such jobs leave `jobs` all the same. extra is a job that
// wait PID has already taken from the table. An interactive shell tells of
// its jobs before the prompt instead (printNotices), and a subshell or
// command substitution leaves its jobs to `jobs` and `wait`, as gosh does
// for their foreground jobs.
func (r *Shell) reportBackgroundKills(extra ...*jobs.Job) {
	if r.g.interactive || r.subshell || r.inSubst {
		return
	}
	for _, k := range r.g.jobs.TakeKilled(r.opts.pipefail, extra...) {
		switch sig := k.Signal; {
		case sig == syscall.SIGINT || sig == syscall.SIGPIPE || sig == syscall.SIGTERM:
		case r.g.sigs != nil && r.g.sigs.isTrapped(sig):
		default:
			r.printKillReport(k.Report)
		}
	}
}

// printKillReport prints a job's report (jobs.FormatKilled) after the
// shell's name and the line, as bash names its script there.
func (r *Shell) printKillReport(report string) {
	fmt.Fprintf(r.stderr(), "%s: %s%s\n", r.progName(), r.linePrefix(), report)
}

// startFailure is the status of a program that could not start, and the
// line that says why: POSIX gives 126 for a file that cannot be executed
// and 127 for one that is not there. (A file without a #! line that the
// kernel refuses, ENOEXEC, is run as a gosh script, as POSIX requires:
// start; it fails only when that fails too.)
func (r *Shell) startFailure(sp *jobs.Spawn, err error) (status int, msg string) {
	name := sp.Argv[0]
	switch {
	case errors.Is(err, syscall.ENOEXEC):
		return 126, r.diagnostic("%s: cannot execute: not a shell script this gosh can run", name)
	case errors.Is(err, syscall.ENOENT):
		return 127, r.diagnostic("%s: %s", name, errnoText(err))
	}
	return 126, r.diagnostic("%s: %s", name, errnoText(err))
}

// tempAssigns applies a command's prefix assignments for the duration of a
// function or builtin call and returns how to undo them.
func (r *Shell) tempAssigns(assigns []*syntax.Assign) (func(), error) {
	if len(assigns) == 0 {
		return func() {}, nil
	}
	var saved varShadows
	for _, as := range assigns {
		name := as.Name.Value
		saved.save(r, name)
		val, err := r.assignValue(as)
		if err != nil {
			saved.restore(r) // the assignments before the one that failed
			return nil, err
		}
		vr := strVar(val)
		vr.Exported = true
		if err := r.setVar(name, vr); err != nil {
			saved.restore(r)
			return nil, err
		}
	}
	return func() { saved.restore(r) }, nil
}

// varShadows records variables as they were before a command's prefix
// assignments changed them, to put them back.
type varShadows []shadowedVar

type shadowedVar struct {
	name string
	vr   expansion.Variable
	had  bool
}

// save records name's variable as it is now.
func (s *varShadows) save(r *Shell, name string) {
	old, had := r.vars[name]
	*s = append(*s, shadowedVar{name, old, had})
}

// shadow records name's variable and replaces it with vr, bypassing
// attributes, namerefs and read-only checks: a value only the expansions
// that follow see.
func (s *varShadows) shadow(r *Shell, name string, vr expansion.Variable) {
	s.save(r, name)
	r.vars[name] = vr
	r.envDirty = true
}

// restore puts back every recorded variable, the last recorded first.
func (s varShadows) restore(r *Shell) {
	for i := len(s) - 1; i >= 0; i-- {
		if v := s[i]; v.had {
			r.vars[v.name] = v.vr
		} else {
			delete(r.vars, v.name)
		}
	}
	if len(s) > 0 {
		r.envDirty = true
	}
}

// trace prints a command for set -x: PS4, then the assignments and words
// quoted so they could be run again.
func (r *Shell) trace(assigns []*syntax.Assign, args []string) {
	var sb strings.Builder
	sb.WriteString(r.ps4())
	for i, as := range assigns {
		if i > 0 {
			sb.WriteByte(' ')
		}
		val, _ := r.assignValue(as)
		sb.WriteString(as.Name.Value + "=" + shellQuote(val))
	}
	for i, a := range args {
		if i > 0 || len(assigns) > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(shellQuote(a))
	}
	sb.WriteByte('\n')
	fmt.Fprint(r.stderr(), sb.String())
}

// traceAssign traces an assignment the shell has just made (set -x). An
// array assignment shows its elements as the variable now holds them: all
// of them for a=(...), the last ones for a+=(...); s+=x shows what was
// appended to old, the value before.
func (r *Shell) traceAssign(as *syntax.Assign, old string) {
	op := "="
	val := r.varValue(as.Name.Value)
	if rest, ok := strings.CutPrefix(val, old); as.Append && ok {
		op, val = "+=", rest
	}
	val = shellQuote(val)
	if as.Array != nil {
		op = map[bool]string{true: "+=", false: "="}[as.Append]
		list := r.lookupVar(as.Name.Value).List
		if as.Append {
			list = list[max(len(list)-len(as.Array.Elems), 0):]
		}
		quoted := make([]string, len(list))
		for i, e := range list {
			quoted[i] = shellQuote(e)
		}
		val = "(" + strings.Join(quoted, " ") + ")"
	}
	fmt.Fprint(r.stderr(), r.ps4()+as.Name.Value+op+val+"\n")
}

func (r *Shell) ps4() string {
	ps4 := r.varValue("PS4")
	if ps4 == "" {
		return ""
	}
	if strings.IndexByte(ps4, '\\') >= 0 {
		ps4 = lineedit.StripMarkers(r.promptEscapes(ps4)) // bash decodes PS4's escapes too
	}
	w, err := parser.ParseDocument(ps4)
	if err != nil {
		return ps4
	}
	saved := r.opts.xtrace
	r.opts.xtrace = false
	s, err := expandDocument(r.expandConfig(), w)
	r.opts.xtrace = saved
	if err != nil {
		return ps4
	}
	return s
}

// shellQuote quotes s for xtrace and `set`/`declare -p` output, the way
// bash does: bare when safe, else in single quotes.
func shellQuote(s string) string {
	switch s {
	case "":
		return "''"
	case "'":
		return `\'` // bash's sh_single_quote special case, not ''\'''
	}
	safe := true
	for _, c := range s {
		if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
			// $'...', as bash's xtrace writes control characters (a tab
			// or newline stays in single quotes).
			return expansion.Quote(s)
		}
		if !(c == '_' || c == '-' || c == '.' || c == '/' || c == ':' || c == ',' || c == '+' || c == '=' || c == '@' || c == '%' ||
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
