// Package builtins holds the registry of all gosh's builtins (registry.go:
// name, special or not, usage line, help text) and implements those that
// need no access to the evaluator's internals: echo, printf, test/[, read,
// getopts, umask, ulimit, times, kill, true, false, pwd. Every builtin,
// here and in the evaluator, parses its options with ParseOptions
// (ParseArgs prints bash's messages), except three whose words are not
// getopt-style options, which bash parses by hand too: echo (an unknown
// letter makes the word an operand), test/[ (an expression) and kill
// (-SIGNAL, -NUMBER).
//
// Each builtin is a Func taking a Context, which the evaluator implements.
// The package does not walk syntax trees, run commands, or own any state of
// its own: everything a builtin reads or changes goes through Context.
// Builtins that alter control flow or the evaluator's structures (break,
// eval, exec, set, trap, local, ...) have their code in the evaluator.
package builtins

import (
	"io"
	"os"
)

// Func is a builtin's entry point. args[0] is the name it was called by.
// The result is the exit status.
type Func func(c Context, args []string) int

// Context is the view of the shell a builtin gets.
type Context interface {
	// Stdin is the builtin's standard input. It is an *os.File whenever
	// the input is a real descriptor (terminal, pipe, file), which lets
	// read(1) use block reads and seek back on seekable input.
	Stdin() io.Reader
	// Stdout and Stderr are the builtin's output streams.
	Stdout() io.Writer
	Stderr() io.Writer
	// File returns the open file at descriptor fd as the shell sees it
	// (after redirections), or nil if fd is not open. Used by read -u,
	// test -t, and test's /dev/fd/N, /dev/stdin, ... operands.
	File(fd int) *os.File

	// Var returns a shell variable's string value and whether it is set;
	// name may be an array element, name[sub] (test -v a[1]).
	Var(name string) (string, bool)
	// SetVar assigns a string variable, honouring readonly and allexport.
	// name may carry a subscript ("arr[1]"), as read and printf -v allow.
	// An error's text is the whole diagnostic ("x: readonly variable"):
	// builtins print it as is through Errorf.
	SetVar(name, value string) error
	// SetArray assigns an indexed array (read -a).
	SetArray(name string, values []string) error
	// UnsetVar removes a variable.
	UnsetVar(name string) error
	// Params returns the positional parameters $1, $2, ... (getopts
	// scans them when given no arguments; test -v checks them).
	Params() []string

	// Dir is the shell's current directory (what $PWD should be).
	Dir() string
	// Interactive reports whether the shell is interactive.
	Interactive() bool
	// SetOption reports whether the set -o option name is on (test -o);
	// Shopt whether the shopt option name is (echo's xpg_echo).
	SetOption(name string) bool
	Shopt(name string) bool
	// Errorf prints one diagnostic line "gosh: [line N: ]MSG" on stderr.
	Errorf(format string, args ...any)
	// Jobs resolves a job spec (%1, %+, %string, ...) or pid for kill and
	// wait: the process group or pid to signal, and whether the target is
	// a whole group. A bad spec returns an error with bash's wording.
	ResolveJob(spec string) (pgid int, err error)
	// ContinueIfStopped is told after kill sends a terminating signal, so
	// the job table can also send SIGCONT to a stopped job. pid is the
	// target as given to kill(2): negative for a process group.
	ContinueIfStopped(pid int)
	// Interrupted reports whether the user pressed ^C (or a trapped signal
	// arrived) since the builtin started: read and wait poll it. The
	// channel is closed when that happens; nil means never.
	Interrupted() <-chan struct{}
}

// Lookup returns the code of the builtin called name if this package
// implements it, or nil. What the builtin is (special, usage, help) is in
// its Spec (registry.go).
func Lookup(name string) Func {
	return table[name]
}

// table maps the name of each builtin this package implements to its
// code. It is a plain map literal, so start-up costs nothing.
var table = map[string]Func{
	"[":       testBuiltin,
	"echo":    echo,
	"false":   falseBuiltin,
	"getopts": getopts,
	"kill":    kill,
	"printf":  printfBuiltin,
	"pwd":     pwd,
	"read":    readBuiltin,
	"test":    testBuiltin,
	"times":   times,
	"true":    trueBuiltin,
	"ulimit":  ulimit,
	"umask":   umask,
}
