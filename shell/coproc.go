package shell

import (
	"os"
	"strconv"

	"github.com/gosh-sh/gosh/expansion"
	"mvdan.cc/sh/v3/syntax"
)

// coproc runs `coproc [NAME] command`: the command in the background with
// its standard input and output on pipes whose other ends the shell keeps,
// at the descriptors in NAME[1] (to write to it) and NAME[0] (to read from
// it). NAME defaults to COPROC; NAME_PID is the process. As in bash, the
// descriptors are the highest free ones below 64 (63 and 60 at first).
func (r *Shell) coproc(c *syntax.CoprocClause) {
	name := "COPROC"
	if c.Name != nil {
		name = c.Name.Lit()
	}
	if !validName(name) {
		r.failf(1, "`%s': not a valid identifier", name)
		return
	}
	inR, inW, err := os.Pipe()
	if err != nil {
		r.failf(1, "coproc: %v", err)
		return
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		r.failf(1, "coproc: %v", err)
		return
	}
	saved0, saved1 := r.fds.get(0), r.fds.get(1)
	r.fds.set(0, &fdEntry{f: inR})
	r.fds.set(1, &fdEntry{f: outW})
	r.background(c.Stmt)
	r.fds.set(0, saved0)
	r.fds.set(1, saved1)
	inR.Close()
	outW.Close()
	readFd := r.freeFdBelow(63)
	r.fds.set(readFd, &fdEntry{f: outR, owner: r, shellOnly: true})
	writeFd := r.freeFdBelow(60)
	r.fds.set(writeFd, &fdEntry{f: inW, owner: r, shellOnly: true})
	arr := expansion.Variable{Set: true, Kind: expansion.Indexed, List: []string{strconv.Itoa(readFd), strconv.Itoa(writeFd)}}
	if err := r.setVar(name, arr); err != nil {
		r.failf(1, "%v", err)
		return
	}
	if err := r.setString(name+"_PID", strconv.Itoa(r.lastBg)); err != nil {
		r.failf(1, "%v", err)
		return
	}
	r.status = 0
}

// freeFdBelow is the highest descriptor number at most n that the shell
// has not open, or the lowest free one above 9 if all are taken.
func (r *Shell) freeFdBelow(n int) int {
	for fd := n; fd >= 10; fd-- {
		if r.fds.get(fd) == nil {
			return fd
		}
	}
	for fd := n + 1; ; fd++ {
		if r.fds.get(fd) == nil {
			return fd
		}
	}
}
