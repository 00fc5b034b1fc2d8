// Package shell is gosh's evaluator: it walks the syntax trees that package
// parser produces, owns the shell's state (variables, functions, aliases,
// options, traps, positional parameters, open descriptors), expands words with
// package expansion, runs builtins, and starts external programs and
// subshells through package jobs.
//
// It does not use mvdan.cc/sh/v3/interp: that interpreter runs pipeline
// stages and subshells as goroutines, which no signal can stop. Here, a part
// of a job that job control must be able to stop is a real process: gosh
// re-executes itself with the state it needs (see reexec.go).
package shell

import (
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gosh-sh/gosh/completion"
	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/jobs"
	"mvdan.cc/sh/v3/syntax"
)

// Shell is one shell execution context: the top-level shell, or an
// in-process subshell copy of it (for $(...) and pipeline stages when job
// control is off).
type Shell struct {
	// State a subshell copies.
	vars  map[string]expansion.Variable
	funcs map[string]*syntax.Stmt
	// exportedFuncs are the functions export -f marked (exportfunc.go);
	// shared with funcs, copied with it (ownFuncs).
	exportedFuncs map[string]bool
	aliases       map[string]string
	opts          options
	traps         map[int]string // signal number (0 is EXIT) -> action; "" ignores
	// entryTraps are, in a subshell, the traps of the shell it was made
	// from: `trap` and `trap -p` list them until the subshell sets a trap
	// of its own, so that saved=$(trap) works (bash; POSIX allows it).
	entryTraps map[int]string
	params     []string
	arg0       string
	status     int // $?
	lastBg     int // $!
	dir        string
	fds        fdTable
	envDirty   bool
	envCache   []string
	// envComputed: envCache holds a computed variable (see environ).
	envComputed bool
	// funcsShared means funcs and aliases still belong to the parent shell
	// and must be copied before this subshell changes them.
	funcsShared bool
	// disabled are the builtins `enable -n` turned off, which dispatch
	// then passes over. enable replaces the map rather than change it, so
	// subshells share it safely.
	disabled map[string]bool

	g *global // shared by every copy in this process

	// Execution state, not copied.
	scopes             []varScope
	frames             []callFrame // FUNCNAME, BASH_SOURCE and caller (callstack.go)
	loopDepth          int
	breakN             int  // loops still to leave
	contN              int  // continue the loop this many levels out
	returning          bool // `return` unwinding the current function or sourced file
	statusBeforeReturn int  // $? when return ran: what a RETURN trap sees, as in bash
	exiting            bool // `exit`, or a fatal error, unwinding the whole shell
	noErrExit          int  // >0 inside a condition, where set -e does not apply
	subshell           bool // an in-process or re-executed subshell
	// processFor is the ( ) this re-executed gosh was started to run: it
	// runs that subshell's body in place, being its process (bashpid.go).
	processFor   *syntax.Subshell
	inFunc       int
	sourcing     int // files being sourced, one inside another
	evalDepth    int // evals running, one inside another
	lineno       int
	cfg          *expansion.Config
	pipeStatus   []string // PIPESTATUS of the last pipeline; nil means (simpleStatus)
	simpleStatus int      // the status of the last command that was not a pipeline

	lastArg     string     // $_: the last word of the previous command
	substStatus int        // status of the last command substitution
	hadSubst    bool       // a command substitution ran in this command
	procSubsts  []*os.File // our ends of <(...) and >(...) to close
	brokenPipe  bool       // a builtin wrote to a broken pipe
	inTrap      bool       // running a trap action
	inErrTrap   bool       // running the ERR trap's action, which does not run it again
	interrupted bool       // ^C: abandon the command line
	inSubst     bool       // the subshell of a command substitution, whose ^C abandons the line
	discarded   bool       // an error, not ^C, abandoned the line (bash's DISCARD): eval and . end it at their own line

	// An interactive command line's context (linejob.go).
	line      *lineRun // the line this context evaluates, if any
	detached  bool     // the line went to the background on its own state
	topParams []string // the line's positional parameters outside functions
	killedBy  int      // the signal that killed the line's job while it was parked
}

// global is what every in-process copy of the shell shares.
type global struct {
	mu          sync.Mutex
	jobs        *jobs.Table
	pid         int // $$: the top-level shell's pid, kept by subshells
	ppid        int
	exe         string // path of the gosh binary, for re-execution
	start       time.Time
	rng         *rand.Rand
	hash        map[string]string // command name -> path; guarded by mu
	interactive bool
	name        string // script name for messages ("" for -c and stdin)
	errOut      io.Writer
	sigs        *signals
	patterns    expansion.PatternCache
	// needsPid caches, per ( ) and $( ) node, whether its body names
	// $BASHPID (bashpid.go).
	needsPid sync.Map
	modeFlag string // "c" for -c, "s" for a script on stdin: the tail of $-
	// commandsRead counts the commands a script (file or stdin) has read
	// at top level, for the prompt's \# (commandNumber).
	commandsRead int
	// sandbox runs nothing outside the process and writes no file: the
	// fuzz target's mode. steps counts statements against its budget,
	// listings directories read for globbing against theirs.
	sandbox  bool
	steps    int
	listings int
	dirMu    sync.Mutex
	cwd      string // the process's real working directory
	// lines maps a line job to the evaluator of its command line; guarded
	// by mu.
	lines map[*jobs.Job]*lineRun
	// ui is an interactive shell's history and line editor (uistate.go);
	// nil in a shell that is not interactive.
	ui *uiState
	// substs counts the process substitutions still running, for wait.
	substs sync.WaitGroup
	// ignoredOnEntry are the signals the top-level shell found ignored
	// when it started; a subshell inherits the list (see trapFrozen).
	ignoredOnEntry []int
	// script is the script file gosh runs, as named: the outermost
	// frame of BASH_SOURCE. "" for -c and standard input.
	script string
	// funcFiles is where each function was defined.
	funcFiles funcFiles
	// stagesInProcess counts the pipeline stages running as goroutines of
	// this process: a SIGPIPE may then be the kernel's answer to one of
	// their writes, which must end that stage (EPIPE), not the shell.
	stagesInProcess atomic.Int32
	// notifyAtOnce is set -b as the reaper reads it: the shell's option,
	// copied before each line is read (Session.BeginRead).
	notifyAtOnce atomic.Bool
	// epipes counts the writes of in-process subshells that met a broken
	// pipe since the last SIGPIPE (diesOf).
	epipes atomic.Int32
	// completions are complete's specifications (compspec.go). Shared by
	// in-process subshells; a snapshot carries them to a re-executed one.
	completions completion.Table
	// compRun is the completion whose -F function is running, which
	// compopt without a name changes; compCall its command, which compgen
	// in the function reads; compStatus the function's status.
	compRun    *compRun
	compCall   *completion.Call
	compStatus int
}

// processDir is the directory the gosh process itself is in. Children are
// started there unless their shell context has cd'd elsewhere.
func (g *global) processDir() string {
	g.dirMu.Lock()
	defer g.dirMu.Unlock()
	return g.cwd
}

func (g *global) setProcessDir(d string) {
	g.dirMu.Lock()
	g.cwd = d
	g.dirMu.Unlock()
}

func (g *global) hashGet(name string) (string, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	p, ok := g.hash[name]
	return p, ok
}

func (g *global) hashSet(name, path string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.hash == nil {
		g.hash = make(map[string]string)
	}
	g.hash[name] = path
}

// hashDelete forgets name's program and reports whether it was known.
func (g *global) hashDelete(name string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	_, ok := g.hash[name]
	delete(g.hash, name)
	return ok
}

func (g *global) hashClear() {
	g.mu.Lock()
	g.hash = nil
	g.mu.Unlock()
}

// hashSnapshot returns a copy of the hash table, for the hash builtin.
func (g *global) hashSnapshot() map[string]string {
	g.mu.Lock()
	defer g.mu.Unlock()
	m := make(map[string]string, len(g.hash))
	for k, v := range g.hash {
		m[k] = v
	}
	return m
}

func (g *global) random() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.rng.IntN(32768)
}

// exitStatus is an error that carries only a status: the failure has been
// reported already, or needs no message (an invalid regex in [[ =~ ]]).
type exitStatus int

func (e exitStatus) Error() string { return "exit status " + itoa(int(e)) }

// New returns a top-level shell with stdio as fds 0, 1, 2 and the process
// environment imported.
func New(stdio [3]*os.File, environ []string) *Shell {
	r := &Shell{
		vars:          make(map[string]expansion.Variable, 64),
		funcs:         make(map[string]*syntax.Stmt),
		exportedFuncs: make(map[string]bool),
		aliases:       make(map[string]string),
		traps:         make(map[int]string),
		g: &global{
			pid:   os.Getpid(),
			ppid:  os.Getppid(),
			start: time.Now(),
			rng:   rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), uint64(os.Getpid()))),
		},
	}
	for i, f := range stdio {
		if f != nil { // nil: closed when gosh started (see Main)
			r.fds.set(i, &fdEntry{f: f})
		}
	}
	r.g.errOut = r.fdWriter(2)
	r.importEnviron(environ)
	r.opts = defaultOptions()
	r.initVars()
	r.pipeStatus = []string{} // bash's PIPESTATUS is empty before any command has run
	r.g.cwd = r.dir
	r.g.exe = "/proc/self/exe"
	r.g.jobs = jobs.NewTable(-1)
	r.g.ignoredOnEntry = ignoredSignals()
	return r
}

// initVars sets the variables every shell starts with.
func (r *Shell) initVars() {
	if wd, err := os.Getwd(); err == nil {
		r.dir = wd
		if pwd := r.vars["PWD"].Str; pwd != "" && sameDir(pwd, wd) {
			r.dir = pwd
		}
	} else {
		r.dir = "/"
	}
	r.vars["PWD"] = expansion.Variable{Set: true, Exported: true, Kind: expansion.String, Str: r.dir}
	if _, ok := r.vars["IFS"]; !ok {
		r.vars["IFS"] = strVar(" \t\n")
	}
	for name, def := range map[string]string{"PS1": "\\s-\\v\\$ ", "PS2": "> ", "PS4": "+ ", "OPTIND": "1", "OSTYPE": "linux-gnu",
		"COMP_WORDBREAKS": completion.DefaultWordBreaks} {
		if _, ok := r.vars[name]; !ok {
			r.vars[name] = strVar(def)
		}
	}
	if _, ok := r.vars["PATH"]; !ok {
		r.vars["PATH"] = strVar("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
	}
	r.vars["RANDOM"] = strVar("")
	r.vars["SECONDS"] = strVar("0")
	r.vars["PPID"] = strVar("")
	for _, name := range []string{"SHELLOPTS", "BASHOPTS"} {
		// Exported if inherited, as in bash; the value is computed.
		r.vars[name] = expansion.Variable{Set: true, ReadOnly: true, Kind: expansion.String, Exported: r.vars[name].Exported}
	}
	r.vars["UID"] = expansion.Variable{Set: true, ReadOnly: true, Kind: expansion.String, Str: itoa(os.Getuid())}
	r.vars["EUID"] = expansion.Variable{Set: true, ReadOnly: true, Kind: expansion.String, Str: itoa(os.Geteuid())}
	r.vars["GOSH_VERSION"] = strVar(Version)
	lvl := atoiDefault(r.vars["SHLVL"].Str, 0) + 1
	r.vars["SHLVL"] = expansion.Variable{Set: true, Exported: true, Kind: expansion.String, Str: itoa(lvl)}
}

func sameDir(a, b string) bool {
	var sa, sb syscall.Stat_t
	if syscall.Stat(a, &sa) != nil || syscall.Stat(b, &sb) != nil {
		return false
	}
	return sa.Dev == sb.Dev && sa.Ino == sb.Ino
}

// copyForSubshell returns an in-process subshell: a copy of every piece of
// state a subshell may change, sharing only what is process-wide.
func (r *Shell) copyForSubshell() *Shell {
	c := &Shell{
		vars:          cloneVars(r.vars),
		funcs:         r.funcs,
		exportedFuncs: r.exportedFuncs,
		disabled:      r.disabled,
		aliases:       r.aliases,
		opts:          r.opts,
		traps:         subshellTraps(r.traps),
		entryTraps:    maps.Clone(r.listedTraps()),
		params:        r.params,
		arg0:          r.arg0,
		status:        r.status,
		lastBg:        r.lastBg,
		dir:           r.dir,
		fds:           r.fds.subshellClone(),
		envCache:      r.envCache,
		envDirty:      r.envDirty,
		envComputed:   r.envComputed,
		g:             r.g,
		subshell:      true,
		lineno:        r.lineno,
		lastArg:       r.lastArg,
		frames:        r.frames,
		inFunc:        r.inFunc,
		sourcing:      r.sourcing,
		scopes:        subshellScopes(r.scopes),
		evalDepth:     r.evalDepth,
		noErrExit:     r.noErrExit,
	}
	// Functions and aliases are copied on first write (see defineFunc).
	c.funcsShared = true
	return c
}

// listedTraps are the traps `trap` without operands lists: the entry
// traps of a subshell that has set none, else the shell's own.
func (r *Shell) listedTraps() map[int]string {
	if r.entryTraps != nil {
		return r.entryTraps
	}
	return r.traps
}

// subshellTraps is what POSIX keeps of the traps in a subshell: ignored
// signals stay ignored, caught ones go back to their default.
func subshellTraps(t map[int]string) map[int]string {
	m := make(map[int]string)
	for sig, action := range t {
		if action == "" && sig != 0 {
			m[sig] = ""
		}
	}
	return m
}
