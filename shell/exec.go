package shell

import (
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/parser"
	"mvdan.cc/sh/v3/syntax"
)

// debugTrap runs the DEBUG trap, if one is set, before a command at line:
// as bash, before simple commands, [[ ]], (( )), declarations, case, each
// iteration of for and each part of for (( )). It reports whether the
// command is to run: not when the trap made the shell exit.
func (r *Shell) debugTrap(line int) bool {
	action, ok := r.traps[trapDebug]
	if !ok || action == "" || r.inTrap {
		return true
	}
	r.lineno = line
	r.runTrap(action)
	return !r.exiting
}

// stopped reports whether control flow is unwinding: exit, return, break
// or continue, or ^C abandoning an interactive command line.
func (r *Shell) stopped() bool {
	return r.exiting || r.returning || r.breakN > 0 || r.contN > 0 || r.interrupted
}

// runStmts runs a list of statements in order.
func (r *Shell) runStmts(stmts []*syntax.Stmt) {
	for _, st := range stmts {
		r.stmt(st)
		if r.stopped() {
			return
		}
	}
}

// stmt runs one statement: background, negation, redirections, set -e.
func (r *Shell) stmt(st *syntax.Stmt) {
	r.lineno = int(st.Pos().Line())
	if r.g.sandbox && r.sandboxStep() {
		return
	}
	if r.detached {
		// A background line that fg brought back while it ran only
		// builtins: it is in the foreground from this statement on.
		r.line.takeForeground()
	}
	if r.g.sigs != nil {
		r.runPendingTraps()
		if r.exiting {
			return
		}
		// A signal that arrived while the command ran, kill $$ among
		// them, has its trap run as soon as the command is done.
		defer r.runTrapsAfterCommand()
	}
	if r.opts.noexec && !r.g.interactive {
		return
	}
	if st.Background {
		r.background(st)
		return
	}
	if st.Negated {
		r.noErrExit++
	}
	nsubst := len(r.procSubsts)
	ownRedirFailed := r.stmtCmd(st)
	r.closeProcSubsts(nsubst)
	if setsPipeStatus(st.Cmd) {
		r.pipeStatus, r.simpleStatus = nil, r.status
	}
	if st.Negated {
		r.noErrExit--
		if r.returning || r.exiting {
			// `! return 5` returns 5 and `! exit 3` exits 3: the status
			// belongs to the function or shell being left, not to the
			// negated pipeline (bash, dash). break and continue still
			// negate their 0, as in bash.
			return
		}
		if r.status == 0 {
			r.status = 1
		} else {
			r.status = 0
		}
		return
	}
	if r.status != 0 && r.noErrExit == 0 && !r.stopped() && (errexitApplies(st.Cmd) || ownRedirFailed) {
		// As in bash, a command that fails inside another trap's action
		// runs the ERR trap too, but not inside the ERR trap itself.
		if action, ok := r.traps[trapErr]; ok && action != "" && !r.inErrTrap {
			r.inErrTrap = true
			r.runTrap(action)
			r.inErrTrap = false
		}
		if r.opts.errexit {
			r.exit(r.status)
		}
	}
}

// runTrapsAfterCommand runs pending traps after a statement, unless the
// shell is on its way out.
func (r *Shell) runTrapsAfterCommand() {
	if !r.exiting {
		r.runPendingTraps()
	}
}

// errexitApplies reports whether set -e acts on a failure of cmd itself.
// Compound commands do not fail by themselves: the command inside that
// failed has already been checked (or was exempt, as a condition is).
func errexitApplies(cmd syntax.Command) bool {
	switch c := cmd.(type) {
	case *syntax.Block, *syntax.IfClause, *syntax.WhileClause, *syntax.ForClause,
		*syntax.CaseClause, *syntax.FuncDecl:
		return false
	case *syntax.BinaryCmd:
		return c.Op == syntax.Pipe || c.Op == syntax.PipeAll
	}
	return true
}

// setsPipeStatus reports whether a statement's command sets PIPESTATUS
// to its status alone, as in bash: a command, a subshell, (( )), [[ ]];
// not a pipeline, which sets one status per stage, nor a compound command
// or function definition, which leave what their last command ran set
// (case x in y) ;; esac changes nothing).
func setsPipeStatus(cmd syntax.Command) bool {
	switch cmd.(type) {
	case *syntax.Block, *syntax.IfClause, *syntax.WhileClause, *syntax.ForClause,
		*syntax.CaseClause, *syntax.FuncDecl:
		return false
	case *syntax.BinaryCmd:
		return false // a pipeline sets it itself; && and || by their last command
	}
	return true
}

// stmtCmd runs the statement's command with its redirections. It reports
// whether a redirection of a compound command failed, a failure of the
// statement itself that set -e acts on (`{ a; } > /`).
func (r *Shell) stmtCmd(st *syntax.Stmt) (ownRedirFailed bool) {
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		r.call(c, st.Redirs)
		return false
	case *syntax.DeclClause:
		return r.declStmt(c, st.Redirs)
	}
	if st.Cmd == nil {
		// Redirections alone: `> file` creates or truncates it.
		u, err := r.redirect(st.Redirs, false)
		if err != nil {
			r.failf(1, "%v", err)
			return
		}
		r.undo(u)
		r.status = 0
		return false
	}
	if len(st.Redirs) == 0 {
		r.command(st.Cmd)
		return false
	}
	u, err := r.redirect(st.Redirs, false)
	if err != nil {
		r.failf(1, "%v", err)
		return true
	}
	r.command(st.Cmd)
	r.undo(u)
	return false
}

// command runs a compound command.
func (r *Shell) command(cmd syntax.Command) {
	switch c := cmd.(type) {
	case *syntax.Block:
		r.runStmts(c.Stmts)
	case *syntax.Subshell:
		r.runSubshell(c)
	case *syntax.BinaryCmd:
		r.binary(c)
	case *syntax.IfClause:
		r.ifClause(c)
	case *syntax.WhileClause:
		r.whileClause(c)
	case *syntax.ForClause:
		r.forClause(c)
	case *syntax.CaseClause:
		if r.debugTrap(int(c.Pos().Line())) {
			r.caseClause(c)
		}
	case *syntax.FuncDecl:
		if c.Name == nil || c.Body == nil {
			r.failf(2, "syntax error: function without a name")
			return
		}
		r.defineFunc(c.Name.Value, c.Body)
		r.status = 0
	case *syntax.ArithmCmd:
		if !r.debugTrap(r.lineno) {
			return
		}
		var n int64
		var err error
		if r.opts.xtrace {
			start := syntax.NewPos(c.Left.Offset()+2, c.Left.Line(), c.Left.Col()+2)
			n, err = expansion.ArithTraced(r.expandConfig(), c.X, start, c.Right, r.traceArith)
		} else {
			n, err = expansion.ArithCommand(r.expandConfig(), c)
		}
		if err != nil {
			r.arithCommandFailed(err)
			return
		}
		r.status = boolStatus(n != 0)
	case *syntax.TestClause:
		if !r.debugTrap(r.lineno) {
			return
		}
		ok, err := r.testExpr(c.X)
		if err != nil {
			r.expansionFailed(err)
			return
		}
		r.status = boolStatus(ok)
	case *syntax.DeclClause:
		r.declStmt(c, nil)
	case *syntax.LetClause:
		if r.debugTrap(r.lineno) {
			r.letClause(c)
		}
	case *syntax.TimeClause:
		r.timeClause(c)
	case *syntax.CoprocClause:
		r.coproc(c)
	default:
		r.failf(2, "%T: not supported", cmd)
	}
}

func boolStatus(ok bool) int {
	if ok {
		return 0
	}
	return 1
}

func (r *Shell) binary(c *syntax.BinaryCmd) {
	switch c.Op {
	case syntax.AndStmt, syntax.OrStmt:
		r.noErrExit++
		r.stmt(c.X)
		r.noErrExit--
		if r.stopped() {
			return
		}
		if (r.status == 0) == (c.Op == syntax.AndStmt) {
			r.stmt(c.Y)
		}
	case syntax.Pipe, syntax.PipeAll:
		r.pipeline(&syntax.Stmt{Cmd: c, Position: c.OpPos})
	}
}

func (r *Shell) ifClause(c *syntax.IfClause) {
	for ; c != nil; c = c.Else {
		if len(c.Cond) == 0 { // else
			r.runStmts(c.Then)
			return
		}
		r.noErrExit++
		r.runStmts(c.Cond)
		r.noErrExit--
		if r.stopped() {
			return
		}
		if r.status == 0 {
			r.runStmts(c.Then)
			return
		}
	}
	r.status = 0
}

// loopBody runs one iteration's body and reports whether the loop should
// go on, consuming one level of break or continue.
func (r *Shell) loopBody(stmts []*syntax.Stmt) bool {
	r.runStmts(stmts)
	return r.loopNext()
}

// loopNext consumes a pending break or continue aimed at this loop.
func (r *Shell) loopNext() bool {
	if r.breakN > 0 {
		r.breakN--
		return false
	}
	if r.contN > 0 {
		r.contN--
		return r.contN == 0
	}
	return !r.exiting && !r.returning && !r.interrupted
}

func (r *Shell) whileClause(c *syntax.WhileClause) {
	r.loopDepth++
	defer func() { r.loopDepth-- }()
	status := 0
	for {
		r.noErrExit++
		r.runStmts(c.Cond)
		r.noErrExit--
		if r.stopped() {
			if !r.loopNext() {
				break
			}
			continue
		}
		if (r.status == 0) == c.Until {
			break
		}
		r.status = 0
		cont := r.loopBody(c.Do)
		status = r.status
		if !cont {
			break
		}
	}
	if !r.exiting && !r.returning && !r.interrupted {
		r.status = status
	}
}

func (r *Shell) forClause(c *syntax.ForClause) {
	r.loopDepth++
	defer func() { r.loopDepth-- }()
	r.status = 0
	switch loop := c.Loop.(type) {
	case *syntax.WordIter:
		var items []string
		if loop.InPos.IsValid() {
			var err error
			items, err = r.expandFields(loop.Items...)
			if err != nil {
				r.expansionFailed(err)
				return
			}
		} else {
			items = r.params
		}
		name := loop.Name.Value
		if !validName(name) {
			r.failf(1, "`%s': not a valid identifier", name)
			return
		}
		if c.Select {
			r.selectLoop(c, name, items)
			return
		}
		for _, it := range items {
			if !r.debugTrap(int(c.Pos().Line())) {
				return
			}
			if err := r.setLoopVar(name, it); err != nil {
				r.failf(1, "%v", err)
				return
			}
			if !r.loopBody(c.Do) {
				return
			}
		}
	case *syntax.CStyleLoop:
		line := int(c.Pos().Line())
		if !r.debugTrap(line) {
			return
		}
		if loop.Init != nil {
			if _, err := r.loopArith(loop.Init); err != nil {
				r.arithCommandFailed(err)
				return
			}
		}
		for {
			if !r.debugTrap(line) {
				return
			}
			r.lineno = line // $LINENO in the condition is the loop's line
			if loop.Cond != nil {
				n, err := r.loopArith(loop.Cond)
				if err != nil {
					r.arithCommandFailed(err)
					return
				}
				if n == 0 {
					break
				}
			}
			if !r.loopBody(c.Do) {
				return
			}
			if !r.debugTrap(line) {
				return
			}
			if loop.Post != nil {
				if _, err := r.loopArith(loop.Post); err != nil {
					r.arithCommandFailed(err)
					return
				}
			}
		}
	}
}

func (r *Shell) caseClause(c *syntax.CaseClause) {
	subject, err := r.expandLiteral(c.Word)
	if err != nil {
		r.expansionFailed(err)
		return
	}
	// $? in the item that runs is the status from before the case (XCU
	// 2.9.4.3); a case that matches nothing has status 0.
	ran := false
	defer func() {
		if !ran {
			r.status = 0
		}
	}()
	fallthru := false
	for _, item := range c.Items {
		matched := fallthru
		if !matched {
			for _, pw := range item.Patterns {
				pat, err := r.expandPattern(pw)
				if err != nil {
					r.expansionFailed(err)
					return
				}
				if r.matchPattern(pat, subject) {
					matched = true
					break
				}
			}
		}
		if !matched {
			continue
		}
		ran = true
		r.runStmts(item.Stmts)
		switch item.Op {
		case syntax.Fallthrough: // ;&
			fallthru = true
		case syntax.Resume: // ;;&
			fallthru = false
		default:
			return
		}
		if r.stopped() {
			return
		}
	}
}

// testExpr evaluates [[ ... ]].
func (r *Shell) testExpr(x syntax.TestExpr) (bool, error) { return r.condExpr(x, false) }

// condExpr evaluates one part of [[ ... ]]; negated says a ! stands right
// before it, which set -x shows with the term.
func (r *Shell) condExpr(x syntax.TestExpr, negated bool) (bool, error) {
	switch x := x.(type) {
	case *syntax.Word:
		s, err := r.expandLiteral(x)
		if err == nil && r.opts.xtrace {
			r.traceCond(negated, "-n", s)
		}
		return s != "", err
	case *syntax.ParenTest:
		return r.condExpr(x.X, false)
	case *syntax.UnaryTest:
		if x.Op == syntax.TsNot {
			_, paren := x.X.(*syntax.ParenTest)
			ok, err := r.condExpr(x.X, !paren)
			return !ok, err
		}
		s, err := r.expandLiteral(x.X.(*syntax.Word))
		if err != nil {
			return false, err
		}
		if r.opts.xtrace {
			r.traceCond(negated, x.Op.String(), s)
		}
		return r.runTest([]string{"test", x.Op.String(), s}), nil
	case *syntax.BinaryTest:
		switch x.Op {
		case syntax.AndTest, syntax.OrTest:
			ok, err := r.condExpr(x.X, false)
			if err != nil || ok == (x.Op == syntax.OrTest) {
				return ok, err
			}
			return r.condExpr(x.Y, false)
		}
		left, err := r.expandLiteral(x.X.(*syntax.Word))
		if err != nil {
			return false, err
		}
		switch x.Op {
		case syntax.TsMatchShort, syntax.TsMatch, syntax.TsNoMatch:
			pat, err := r.expandPattern(x.Y.(*syntax.Word))
			if err != nil {
				return false, err
			}
			if r.opts.xtrace {
				r.traceCond(negated, left, x.Op.String(), pat)
			}
			ok := r.matchPattern(pat, left)
			return ok == (x.Op != syntax.TsNoMatch), nil
		case syntax.TsReMatch:
			return r.regexMatch(left, x.Y.(*syntax.Word), negated)
		}
		right, err := r.expandLiteral(x.Y.(*syntax.Word))
		if err != nil {
			return false, err
		}
		if r.opts.xtrace {
			r.traceCond(negated, left, x.Op.String(), right)
		}
		switch x.Op {
		case syntax.TsBefore:
			return left < right, nil
		case syntax.TsAfter:
			return left > right, nil
		case syntax.TsEql, syntax.TsNeq, syntax.TsLss, syntax.TsLeq, syntax.TsGtr, syntax.TsGeq:
			// Inside [[ ]] both sides of -eq and friends are arithmetic
			// expressions, as in bash: [[ 1+2 -eq x ]] with x=3 is true.
			a, err := r.arithString(left)
			if err != nil {
				return false, err
			}
			b, err := r.arithString(right)
			if err != nil {
				return false, err
			}
			switch x.Op {
			case syntax.TsEql:
				return a == b, nil
			case syntax.TsNeq:
				return a != b, nil
			case syntax.TsLss:
				return a < b, nil
			case syntax.TsLeq:
				return a <= b, nil
			case syntax.TsGtr:
				return a > b, nil
			}
			return a >= b, nil
		}
		return r.runTest([]string{"test", left, x.Op.String(), right}), nil
	}
	return false, fmt.Errorf("unsupported test expression")
}

// runTest runs the test builtin on args and reports whether it succeeded.
func (r *Shell) runTest(args []string) bool {
	test := builtins.Lookup("test")
	if test == nil {
		return false
	}
	return r.runBuiltin(test, args) == 0
}

// regexMatch implements [[ s =~ re ]], setting BASH_REMATCH.
func (r *Shell) regexMatch(s string, w *syntax.Word, negated bool) (bool, error) {
	// Quoted parts of the regex match literally.
	expr, err := expansion.Regexp(r.expandConfig(), w)
	if err != nil {
		return false, err
	}
	if r.opts.xtrace {
		r.traceCond(negated, s, "=~", expr)
	}
	re, err := r.g.patterns.CompileRegexp(expr)
	if err != nil {
		return false, exitStatus(2)
	}
	m := re.FindStringSubmatch(s)
	if m == nil {
		r.setVar("BASH_REMATCH", expansion.Variable{Set: true, Kind: expansion.Indexed, List: []string{}})
		return false, nil
	}
	r.setVar("BASH_REMATCH", expansion.Variable{Set: true, Kind: expansion.Indexed, List: m})
	return true, nil
}

// traceCond shows one term of [[ ... ]] as it is tested, for set -x: its
// words expanded and unquoted, as bash shows them (each term on its own
// line, so && and || show which ran).
func (r *Shell) traceCond(negated bool, words ...string) {
	var sb strings.Builder
	sb.WriteString(r.ps4())
	sb.WriteString("[[ ")
	if negated {
		sb.WriteString("! ")
	}
	sb.WriteString(strings.Join(words, " "))
	sb.WriteString(" ]]\n")
	fmt.Fprint(r.stderr(), sb.String())
}

// traceArith shows a ((...)) command, or a part of for ((...)), as it is
// evaluated, for set -x: the expression's text with its words expanded,
// as bash shows it.
func (r *Shell) traceArith(text string) {
	fmt.Fprint(r.stderr(), r.ps4()+"(( "+text+" ))\n")
}

// defineFunc stores a function, copying the parent's table first in a
// subshell.
func (r *Shell) defineFunc(name string, body *syntax.Stmt) {
	r.ownFuncs()
	r.funcs[name] = body
	r.g.funcFiles.set(body, r.currentFile())
	if r.exportedFuncs[name] {
		r.envDirty = true // the environment carries its text
	}
}

// ownFuncs gives a subshell its own function and alias tables before it
// changes them.
func (r *Shell) ownFuncs() {
	if !r.funcsShared {
		return
	}
	r.funcs, r.aliases, r.funcsShared = maps.Clone(r.funcs), maps.Clone(r.aliases), false
	r.exportedFuncs = maps.Clone(r.exportedFuncs)
}

// callFunc runs a shell function with args as its positional parameters.
func (r *Shell) callFunc(name string, body *syntax.Stmt, args []string) {
	if len(r.frames) >= maxFuncDepth {
		r.failf(1, "%s: maximum function nesting level exceeded (%d)", name, maxFuncDepth)
		r.exit(1)
		return
	}
	oldParams := r.params
	if r.inFunc == 0 {
		r.topParams = oldParams
	}
	r.params = args
	r.pushFrame(name, r.g.funcFiles.get(body))
	r.pushScope()
	r.inFunc++
	// The caller's loops are not the function's: break and continue in
	// its body reach only loops the body itself runs (XCU 2.14, bash).
	callerLoops := r.loopDepth
	r.loopDepth = 0
	callerLine := r.lineno // what an ERR trap for the call reports
	held := r.holdUninheritedTraps()
	// An inherited DEBUG trap also runs as the body is entered, as in bash.
	if !r.opts.functrace || r.debugTrap(int(body.Pos().Line())) {
		r.stmt(body)
	}
	r.runReturnTrap(int(body.Pos().Line()))
	r.releaseHeldTraps(held)
	r.loopDepth = callerLoops
	r.lineno = callerLine
	r.inFunc--
	r.popScope()
	r.popFrame()
	r.params = oldParams
	r.returning = false
	r.breakN, r.contN = 0, 0
}

const maxFuncDepth = 1000

func (r *Shell) letClause(c *syntax.LetClause) {
	n := 0
	for _, x := range c.Exprs {
		var err error
		n, err = r.arith(x)
		if err != nil {
			r.expansionFailed(err)
			return
		}
	}
	r.status = boolStatus(n != 0)
}

// arithCommandFailed handles an error in ((...)) or for ((;;)): an
// arithmetic error is reported as bash does ("((: 1/0: division by 0")
// and fails the command without ending a script; others are expansion
// errors.
func (r *Shell) arithCommandFailed(err error) {
	var ee *expansion.Error
	if errors.As(err, &ee) && ee.Arith {
		r.failf(1, "((: %s", ee.Msg)
		return
	}
	r.expansionFailed(err)
}

// lineno formats "line N: " for diagnostics.
func (r *Shell) linePrefix() string {
	if r.lineno <= 0 || r.g.interactive && r.sourcing == 0 && r.inFunc == 0 {
		return ""
	}
	return "line " + strconv.Itoa(r.lineno) + ": "
}

// errorf prints a diagnostic: "gosh: line N: MSG".
func (r *Shell) errorf(format string, args ...any) {
	fmt.Fprintln(r.stderr(), r.diagnostic(format, args...))
}

// diagnostic is the line errorf prints, without its newline.
func (r *Shell) diagnostic(format string, args ...any) string {
	return r.progName() + ": " + r.linePrefix() + fmt.Sprintf(format, args...)
}

func (r *Shell) progName() string {
	if r.g.name != "" {
		return r.g.name
	}
	return "gosh"
}

// failf reports an error and sets the status.
func (r *Shell) failf(status int, format string, args ...any) {
	r.errorf(format, args...)
	r.status = status
}

// expansionFailed handles an error from word expansion: one line on
// stderr, status 1; POSIX makes some of them fatal in a script.
func (r *Shell) expansionFailed(err error) {
	if ex, ok := err.(exitStatus); ok {
		r.status = int(ex)
		return
	}
	r.failf(1, "%v", err)
	if isFatal(err) {
		r.abortExpansion(err)
	} else if !r.g.interactive && r.opts.posix {
		r.exit(1)
	}
}

// abortExpansion ends what a fatal expansion error ends (XCU 2.8.1), as
// bash does: a script exits with status 1, except that an arithmetic error
// abandons only the rest of its line (abandonLine); an interactive shell
// abandons the line.
func (r *Shell) abortExpansion(err error) {
	var ee *expansion.Error
	arith := errors.As(err, &ee) && ee.Arith
	var ie integerValueError
	if errors.As(err, &ie) && r.g.modeFlag == "c" {
		arith = false // bash -c exits for declare -i x='a b', not for $((a b))
	}
	if r.g.interactive || arith && !r.opts.posix {
		r.abandonLine()
		return
	}
	r.exit(1)
}

// integerValueError is an arithmetic error in the value given to an
// integer variable (declare -i x='a b'). A script read from a file or
// stdin goes on with its next line after it, as after one in $((...));
// bash -c exits for it.
type integerValueError struct{ error }

func (e integerValueError) Unwrap() error { return e.error }

// abandonLine ends what bash's jump to the top level after an error ends:
// the rest of the line being run (of the script, -c string, eval string
// or sourced file), or, in a subshell, the subshell with status 1.
func (r *Shell) abandonLine() {
	if r.subshell {
		r.exit(1)
		return
	}
	r.interrupted, r.discarded = true, true
}

// exit starts unwinding the shell with status.
func (r *Shell) exit(status int) {
	r.status = status
	r.exiting = true
}

// stmtSource is a statement's source text on one line, for job names.
func stmtSource(st *syntax.Stmt) string {
	return parser.PrintOneLine(st)
}
