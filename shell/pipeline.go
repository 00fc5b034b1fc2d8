package shell

import (
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/jobs"
	"github.com/gosh-sh/gosh/parser"
	"github.com/gosh-sh/gosh/tty"
	"mvdan.cc/sh/v3/syntax"
)

// jobControl reports whether jobs get their own process groups and the
// terminal (interactive, or set -m with a terminal).
func (r *Shell) jobControl() bool {
	return r.g.jobs.JobControl() && !r.subshell
}

// pipeline runs a foreground pipeline and sets $? and PIPESTATUS.
func (r *Shell) pipeline(st *syntax.Stmt) {
	stages, all := parser.Stages(st)
	if !r.stagesDebugTrap(stages) {
		return
	}
	if r.jobControl() {
		r.launch(stages, all, stmtSource(st), true)
		return
	}
	r.pipelineInProcess(stages, all)
	r.reportBackgroundKills() // its stages' jobs, on copies of the shell, did not
}

// stagesDebugTrap runs the DEBUG trap, if one is set, once for each stage of
// a pipeline that is a simple command (or [[ ]], (( )), a declaration),
// with that stage's line, before any stage starts: bash runs it in each
// stage's process as the command begins, which gosh cannot for a stage it
// runs on a copy of the shell, and a trap that runs a program cannot run
// while a job is being launched. A compound stage runs none, as in bash:
// a subshell does not inherit the trap. It reports whether the pipeline is
// to run: not when the trap made the shell exit.
func (r *Shell) stagesDebugTrap(stages []*syntax.Stmt) bool {
	if len(r.traps) == 0 {
		return true // every pipeline asks: keep the common case to a comparison
	}
	if action := r.traps[trapDebug]; action == "" || r.inTrap {
		return true
	}
	for _, st := range stages {
		switch st.Cmd.(type) {
		case *syntax.CallExpr, *syntax.TestClause, *syntax.ArithmCmd, *syntax.DeclClause, *syntax.LetClause:
			if !r.debugTrap(int(st.Pos().Line())) {
				return false
			}
		}
	}
	return true
}

// pipelineInProcess runs each stage of a pipeline on its own copy of the
// shell in a goroutine, connected by real pipes; external commands in a
// stage are children of the shell. Used only when job control is off, so no
// stage needs to be stoppable on its own.
func (r *Shell) pipelineInProcess(stages []*syntax.Stmt, all []bool) {
	n := len(stages)
	statuses := make([]int, n)
	var wg sync.WaitGroup
	var prevRead *os.File
	for i, stage := range stages {
		if i == n-1 && n > 1 && r.opts.lastpipe {
			// shopt -s lastpipe: the last stage runs in this shell, so
			// echo hi | read line sets line here.
			statuses[i] = r.lastStage(stage, prevRead)
			break
		}
		sub := r.copyForSubshell()
		// A stage is inside the loops around the pipeline, as in bash:
		// `echo | break` ends only its own stage, and says nothing.
		sub.loopDepth = r.loopDepth
		var in, out *os.File
		if i > 0 {
			in = prevRead
			sub.fds.set(0, &fdEntry{f: in})
		}
		if i < n-1 {
			pr, pw, err := osPipe()
			if err != nil {
				r.failf(1, "pipe: %v", err)
				return
			}
			out, prevRead = pw, pr
			sub.fds.set(1, &fdEntry{f: out})
			if all[i] {
				sub.fds.set(2, &fdEntry{f: out})
			}
		}
		wg.Add(1)
		r.g.stagesInProcess.Add(1)
		go func(i int, stage *syntax.Stmt, sub *Shell, in, out *os.File) {
			defer wg.Done()
			defer r.g.stagesInProcess.Add(-1)
			sub.stmt(stage)
			sub.runExitTrap()
			// Closing our ends as soon as the stage is done gives the next
			// stage its EOF, and the previous one its SIGPIPE.
			if out != nil {
				out.Close()
			}
			if in != nil {
				in.Close()
			}
			statuses[i] = sub.status
		}(i, stage, sub, in, out)
	}
	wg.Wait()
	r.setPipeStatus(statuses)
}

// lastStage runs a pipeline's last stage in the shell itself, reading
// from in, and returns its status.
func (r *Shell) lastStage(stage *syntax.Stmt, in *os.File) int {
	saved := r.fds.get(0)
	r.fds.set(0, &fdEntry{f: in})
	r.stmt(stage)
	r.fds.set(0, saved)
	in.Close()
	return r.status
}

// setPipeStatus sets $? and PIPESTATUS from the stages' statuses.
func (r *Shell) setPipeStatus(statuses []int) {
	list := make([]string, len(statuses))
	for i, s := range statuses {
		list[i] = strconv.Itoa(s)
	}
	r.pipeStatus = list
	status := statuses[len(statuses)-1]
	if r.opts.pipefail {
		for i := len(statuses) - 1; i >= 0; i-- {
			if statuses[i] != 0 {
				status = statuses[i]
				break
			}
		}
	}
	r.status = status
}

// launch starts a job whose every stage is a process: an external command
// directly, anything else a re-executed gosh. fg waits for it (handing it
// the terminal under job control); otherwise it becomes a background job.
func (r *Shell) launch(stages []*syntax.Stmt, all []bool, command string, fg bool) *jobs.Job {
	n := len(stages)
	spawns := make([]*jobs.Spawn, 0, n)
	var cleanup []func()
	defer func() {
		for _, c := range cleanup {
			c()
		}
	}()
	var prevRead *os.File
	for i, stage := range stages {
		sub := r.copyForSubshell()
		if i > 0 {
			sub.fds.set(0, &fdEntry{f: prevRead})
			pr := prevRead
			cleanup = append(cleanup, func() { pr.Close() })
		}
		if i < n-1 {
			pr, pw, err := osPipe()
			if err != nil {
				r.failf(1, "pipe: %v", err)
				return nil
			}
			prevRead = pr
			sub.fds.set(1, &fdEntry{f: pw})
			if all[i] {
				sub.fds.set(2, &fdEntry{f: pw})
			}
			cleanup = append(cleanup, func() { pw.Close() })
		}
		if !fg && !r.jobControl() && n == 1 && sub.fds.get(0) != nil && isTerminalStdin(sub) {
			// POSIX: without job control an async list's stdin is /dev/null.
			if f, err := os.Open(os.DevNull); err == nil {
				sub.fds.set(0, &fdEntry{f: f})
				cleanup = append(cleanup, func() { f.Close() })
			}
		}
		sp, undo, ok := sub.stageSpawn(stage)
		if undo != nil {
			cleanup = append(cleanup, undo)
		}
		if !ok {
			r.status = sub.status
			if fg {
				return nil
			}
			continue
		}
		sp.IgnoreInterrupts = !fg && !r.jobControl()
		if sp.Name == "" && n > 1 {
			// A pipeline's process is known by the text of its stage, as
			// in bash's `jobs -l` and reports ("sh -c 'exit 1'", not argv).
			sp.Name = stmtSource(stage)
		}
		spawns = append(spawns, sp)
	}
	if len(spawns) == 0 || r.g.sandbox {
		return nil
	}
	j := r.startJob(spawns, command, fg)
	for _, c := range cleanup {
		c()
	}
	cleanup = nil
	if len(j.Procs) == 0 {
		return nil
	}
	if !fg {
		return j
	}
	st := r.waitForeground(j)
	r.finishForeground(j, st)
	statuses := make([]int, len(j.Procs))
	for i, p := range j.Procs {
		statuses[i] = p.ExitCode()
	}
	if st != jobs.Stopped {
		r.setPipeStatus(statuses)
	}
	return j
}

func isTerminalStdin(r *Shell) bool {
	e := r.fds.get(0)
	if e == nil || e.f == nil {
		return false
	}
	return e.f == os.Stdin && tty.IsTerminal(int(e.f.Fd()))
}

// stageSpawn prepares one stage of a job as a process. A simple command
// naming an external program is started directly; anything else runs in a
// re-executed gosh. The returned undo closes what redirections opened.
func (r *Shell) stageSpawn(st *syntax.Stmt) (*jobs.Spawn, func(), bool) {
	if ce, ok := st.Cmd.(*syntax.CallExpr); ok && !st.Negated && len(ce.Args) > 0 {
		if sp, undo, ok, handled := r.externalSpawn(st, ce); handled {
			return sp, undo, ok
		}
	}
	return r.reexecStage(st)
}

// reexecStage prepares a stage that gosh itself runs, as a re-executed gosh.
func (r *Shell) reexecStage(st *syntax.Stmt) (*jobs.Spawn, func(), bool) {
	sp, done, err := r.reexecSpawn(st)
	if err != nil {
		r.failf(1, "cannot start subshell: %v", err)
		return nil, nil, false
	}
	return sp, done, true
}

// runsInShell reports whether a command called name is one gosh runs
// itself: a special builtin, a function or a regular builtin.
func (r *Shell) runsInShell(name string) bool {
	return r.specialBuiltin(name) != nil || r.funcs[name] != nil || r.builtin(name) != nil
}

// externalSpawn expands a simple command and, if it names an external
// program, prepares its Spawn: the program is the stage's process, so $!
// and the job's pids are the program's own, with no gosh in between. That
// holds when the name is known only after expansion (S=sleep; $S 5 &).
// handled is false when a literal name is a builtin or function: the
// stage then runs in gosh, which expands the words itself.
func (r *Shell) externalSpawn(st *syntax.Stmt, ce *syntax.CallExpr) (sp *jobs.Spawn, undo func(), ok, handled bool) {
	if name, isLit := expansion.PlainLiteral(ce.Args[0]); isLit && r.runsInShell(name) {
		return nil, nil, false, false
	}
	args, err := r.expandFields(ce.Args...)
	if err != nil {
		r.expansionFailed(err)
		return nil, nil, false, true
	}
	if len(args) == 0 || r.runsInShell(args[0]) || !r.programExists(args[0]) {
		// gosh runs this stage: a builtin or function that only the
		// expansion named, or a program that is not there, which the
		// stage reports and exits 127 or 126 for (so `nosuch &` is a job
		// with a status, as in bash). Its words are expanded now, and
		// expanding them again in the stage would run their side effects
		// twice: the stage gets them as expanded.
		sp, undo, ok := r.reexecStage(expandedStmt(st, ce, args, r.hadSubst, r.substStatus))
		return sp, undo, ok, true
	}
	if r.opts.xtrace {
		r.trace(ce.Assigns, args)
	}
	u, err := r.redirect(st.Redirs, false)
	if err != nil {
		r.failf(1, "%v", err)
		return nil, nil, false, true
	}
	sp, status, found := r.prepareSpawn(args, ce.Assigns)
	if !found {
		r.undo(u)
		r.status = status
		return nil, nil, false, true
	}
	sp.Files = r.fds.childFiles()
	return sp, func() { r.undo(u) }, true, true
}

// programExists reports whether PATH search (or a name with a slash) finds
// a program called name.
func (r *Shell) programExists(name string) bool {
	_, status, _ := r.resolveProgram(name)
	return status == 0
}

// expandedStmt is st with its command words replaced by args, the fields
// they expanded to, quoted so that running it expands them to themselves.
// The assignments and redirections stay as they are: POSIX expands them
// after the words. Words that expanded to nothing leave a command of
// assignments and redirections alone, whose status is that of the last
// command substitution, else 0 (`$(exit 3) &` has status 3): a $(exit N)
// stands in for the words.
func expandedStmt(st *syntax.Stmt, ce *syntax.CallExpr, args []string, hadSubst bool, substStatus int) *syntax.Stmt {
	call := *ce
	call.Args = make([]*syntax.Word, 0, max(len(args), 1))
	for _, a := range args {
		call.Args = append(call.Args, literalWord(a))
	}
	if len(args) == 0 {
		if !hadSubst {
			substStatus = 0
		}
		exit := &syntax.CallExpr{Args: []*syntax.Word{literalWord("exit"), literalWord(strconv.Itoa(substStatus))}}
		call.Args = append(call.Args, &syntax.Word{Parts: []syntax.WordPart{
			&syntax.CmdSubst{Stmts: []*syntax.Stmt{{Cmd: exit}}},
		}})
	}
	stmt := *st
	stmt.Cmd = &call
	return &stmt
}

// literalWord is a word that expands to exactly s: single-quoted, with
// each ' written as \'.
func literalWord(s string) *syntax.Word {
	var parts []syntax.WordPart
	for i, piece := range strings.Split(s, "'") {
		if i > 0 {
			parts = append(parts, &syntax.Lit{Value: `\'`})
		}
		if piece != "" || len(parts) == 0 {
			parts = append(parts, &syntax.SglQuoted{Value: piece})
		}
	}
	return &syntax.Word{Parts: parts}
}

// runSubshell runs ( ... ): a re-executed gosh in its own group under job
// control or when it names $BASHPID (bashpid.go), else an in-process copy
// of the shell.
func (r *Shell) runSubshell(c *syntax.Subshell) {
	if c == r.processFor {
		// A re-executed gosh started for this subshell runs it in place.
		r.processFor = nil
		r.runStmts(c.Stmts)
		return
	}
	if r.jobControl() || r.namesBashPid(c, c.Stmts) {
		r.launch([]*syntax.Stmt{{Cmd: c, Position: c.Lparen}}, []bool{false}, "("+parser.PrintOneLine(&syntax.Block{Stmts: c.Stmts})+")", true)
		return
	}
	sub := r.copyForSubshell()
	sub.runStmts(c.Stmts)
	sub.runExitTrap()
	sub.closeOwned()
	r.status = sub.status
}

// background runs `cmd &`: always a real process (so $! is a pid that kill
// and wait act on), in its own group under job control.
func (r *Shell) background(st *syntax.Stmt) {
	fgst := *st
	fgst.Background = false
	stages, all := parser.Stages(&fgst)
	j := r.launch(stages, all, stmtSource(&fgst), false)
	r.status = 0
	if j == nil {
		return
	}
	id := r.g.jobs.Background(j)
	if r.jobControl() && j.Pgid != 0 {
		r.lastBg = j.Pgid
	} else {
		r.lastBg = j.Procs[len(j.Procs)-1].Pid
	}
	if r.g.interactive && !r.subshell {
		r.printf2("[%d] %d\n", id, r.lastBg)
	}
}

// closeOwned closes the files a subshell opened with exec.
func (r *Shell) closeOwned() {
	for i, e := range r.fds.e {
		if e != nil && e.owner == r && e.f != nil {
			e.f.Close()
			r.fds.e[i] = nil
		}
	}
}

// pipeStatusVar is PIPESTATUS: the last pipeline's statuses, or the last
// other command's status alone.
func (r *Shell) pipeStatusVar() expansion.Variable {
	if r.pipeStatus == nil {
		return expansion.Variable{Set: true, Kind: expansion.Indexed, List: []string{strconv.Itoa(r.simpleStatus)}}
	}
	return expansion.Variable{Set: true, Kind: expansion.Indexed, List: r.pipeStatus}
}
