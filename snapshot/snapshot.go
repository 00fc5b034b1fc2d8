// Package snapshot is the state a re-executed subshell starts from, and its
// wire form.
//
// Go cannot fork a running program, so a subshell that must be a process of
// its own is gosh executed again, handed a State on a descriptor (package
// shell, reexec.go). This package holds the State and its codec, and
// nothing else: taking a snapshot of a shell and restoring one act on the
// evaluator's state and the process, and stay in package shell. So the
// codec, which reads bytes from outside, is tested and fuzzed on its own.
// It imports nothing of gosh's but expansion, whose variable kinds a Var
// carries.
package snapshot

import "github.com/gosh-sh/gosh/expansion"

// State is a subshell's state: what the evaluator needs to go on where the
// parent was, and the program it runs.
type State struct {
	Vars    map[string]Var
	Funcs   string // source of every function
	Aliases map[string]string
	Options []string // names of the options that are on
	Traps   map[int]string
	Params  []string
	Arg0    string
	Status  int
	LastBg  int
	Dir     string
	Pid     int
	PPid    int
	Name    string
	Fds     []int // descriptor numbers open in the table
	Program string
	Line    int // line of the program in its script
	// History is an interactive shell's history list, for `history | cmd`;
	// HistBase is the number of its first entry. HistOwnLine says that
	// its newest entry is the command line being run, which fc passes
	// over.
	History     []string
	HistBase    int
	HistOwnLine bool
	// FuncNames are the functions being called, innermost last, when the
	// subshell runs inside one: return and local work there, and FUNCNAME
	// is right. Locals are the names already local to the innermost call.
	// Sourcing counts the . files being read, where return also works.
	FuncNames []string
	Locals    []string
	Sourcing  int
	// IgnoredOnEntry are the signals the top-level shell found ignored.
	IgnoredOnEntry []int
	// Completions are complete's specifications, for `complete -p | cmd`.
	Completions []Completion
}

// Completion is one specification of complete: completion.Spec and the
// name it is for, field for field.
type Completion struct {
	Name                                                   string
	Actions, Options                                       uint64
	Glob, Words, Function, Command, Filter, Prefix, Suffix string
}

// Var is a variable: expansion.Variable, field for field.
type Var struct {
	Kind     expansion.Kind
	Set      bool
	Str      string
	List     []string
	Indexes  []int
	Map      map[string]string
	Exported bool
	ReadOnly bool
	Local    bool
	Integer  bool
	Lower    bool
	Upper    bool
}
