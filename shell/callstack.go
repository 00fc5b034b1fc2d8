package shell

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/expansion"
	"mvdan.cc/sh/v3/syntax"
)

// callFrame is one function call or sourced file on the call stack that
// FUNCNAME, BASH_SOURCE, BASH_LINENO and caller show.
type callFrame struct {
	name string // the function, or "source"
	file string // where the frame's code was read from
	line int    // the line of the caller that entered the frame
}

// funcFiles records the file each function body was read from, for
// BASH_SOURCE. It is keyed by the body, which outlives any name it is
// defined under, and shared by every in-process copy of the shell.
type funcFiles struct{ m sync.Map }

func (f *funcFiles) set(body *syntax.Stmt, file string) { f.m.Store(body, file) }

func (f *funcFiles) get(body *syntax.Stmt) string {
	if v, ok := f.m.Load(body); ok {
		return v.(string)
	}
	return ""
}

// callStack is every frame, the outermost first: for a script, the frame
// of the script itself ("main", line 0), then the calls. A -c string or
// standard input has no frame of its own, as in bash.
func (r *Shell) callStack() []callFrame {
	if r.g.script == "" {
		return r.frames
	}
	return append([]callFrame{{name: "main", file: r.g.script}}, r.frames...)
}

// currentFile is the file the running code was read from.
func (r *Shell) currentFile() string {
	if n := len(r.frames); n > 0 {
		return r.frames[n-1].file
	}
	return r.g.script
}

// pushFrame enters a function (with the body it runs) or a sourced file.
func (r *Shell) pushFrame(name, file string) {
	r.frames = append(r.frames, callFrame{name: name, file: file, line: r.lineno})
}

func (r *Shell) popFrame() { r.frames = r.frames[:len(r.frames)-1] }

// funcNameList is the names of the functions being called, innermost
// last: what a re-executed subshell needs to stay inside them.
func (r *Shell) funcNameList() []string {
	var names []string
	for _, f := range r.frames {
		if f.name != "source" {
			names = append(names, f.name)
		}
	}
	return names
}

// inFunction reports whether a function is running, which is when bash
// sets FUNCNAME.
func (r *Shell) inFunction() bool {
	for _, f := range r.frames {
		if f.name != "source" {
			return true
		}
	}
	return false
}

// stackVar is FUNCNAME, BASH_SOURCE or BASH_LINENO: one element per
// frame, the innermost first.
func (r *Shell) stackVar(name string) expansion.Variable {
	if name == "FUNCNAME" && !r.inFunction() {
		return expansion.Variable{}
	}
	stack := r.callStack()
	list := make([]string, len(stack))
	for i, f := range stack {
		var s string
		switch name {
		case "FUNCNAME":
			s = f.name
		case "BASH_SOURCE":
			s = f.file
		default:
			s = strconv.Itoa(f.line)
		}
		list[len(stack)-1-i] = s
	}
	return expansion.Variable{Set: true, Kind: expansion.Indexed, List: list}
}

// biCaller is `caller [N]`: the line and file of the current call, or the
// line, function and file of frame N.
func (r *Shell) biCaller(args []string) int {
	stack := r.callStack()
	if len(stack) == 0 {
		return 1 // before the options, as in bash
	}
	args, ok := r.noOptions(args)
	if !ok {
		return builtins.StatusUsage
	}
	if len(args) > 2 {
		r.errorf("caller: too many arguments")
		return 2
	}
	if len(args) == 1 {
		file := "NULL"
		if len(stack) > 1 {
			file = stack[len(stack)-2].file
		}
		fmt.Fprintf(r.stdout(), "%d %s\n", stack[len(stack)-1].line, file)
		return 0
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 0 {
		r.errorf("caller: %s: invalid number", args[1])
		return r.usage("caller")
	}
	i := len(stack) - 1 - n
	if i < 1 {
		return 1
	}
	fmt.Fprintf(r.stdout(), "%d %s %s\n", stack[i].line, stack[i-1].name, stack[i-1].file)
	return 0
}
