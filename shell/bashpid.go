package shell

import (
	"io"

	"mvdan.cc/sh/v3/syntax"
)

// Without job control a subshell, ( ) or $( ), runs in-process, on a copy
// of the shell's state: it has no process id of its own, so $BASHPID in it
// would be the shell's. A subshell whose text names $BASHPID runs as a
// process instead, a re-executed gosh, as bash's always does; the others
// keep the in-process speed. A name that only eval or ${!ref} builds at run
// time, or a function the subshell calls, is not seen (README).

// namesBashPid reports whether the statements of the subshell node (a
// *syntax.Subshell or *syntax.CmdSubst) expand $BASHPID, remembering the
// answer for the node.
func (r *Shell) namesBashPid(node syntax.Node, stmts []*syntax.Stmt) bool {
	if v, ok := r.g.needsPid.Load(node); ok {
		return v.(bool)
	}
	found := false
	for _, st := range stmts {
		syntax.Walk(st, func(n syntax.Node) bool {
			if pe, ok := n.(*syntax.ParamExp); ok && pe.Param != nil && pe.Param.Value == "BASHPID" {
				found = true
			}
			return !found
		})
		if found {
			break
		}
	}
	r.g.needsPid.Store(node, found)
	return found
}

// cmdSubstProcess runs $( ... ) as a process of its own, its standard
// output a pipe whose contents it copies to w. The pipe is read while the
// process runs, so that output larger than the pipe's buffer cannot stall
// it.
func (r *Shell) cmdSubstProcess(w io.Writer, cs *syntax.CmdSubst) error {
	pr, pw, err := osPipe()
	if err != nil {
		r.failf(1, "pipe: %v", err)
		return nil
	}
	out := make(chan []byte, 1)
	go func() {
		data, _ := io.ReadAll(pr)
		pr.Close()
		out <- data
	}()
	sub := r.copyForSubshell()
	sub.fds.set(1, &fdEntry{f: pw})
	sub.noErrExit = 0
	if !r.opts.posix {
		sub.opts.errexit = r.opts.errexit && r.opts.inheritErrexit // as in cmdSubst
	}
	body := &syntax.Subshell{Lparen: cs.Left, Rparen: cs.Right, Stmts: cs.Stmts}
	sub.launch([]*syntax.Stmt{{Cmd: body, Position: cs.Left}}, []bool{false}, "$(...)", true)
	pw.Close()
	data := <-out
	r.status = sub.status
	r.substStatus = sub.status
	r.hadSubst = true
	_, err = w.Write(data)
	return err
}
