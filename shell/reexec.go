package shell

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/history"
	"github.com/gosh-sh/gosh/jobs"
	"github.com/gosh-sh/gosh/parser"
	"github.com/gosh-sh/gosh/snapshot"
	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/syntax"
)

// Go cannot fork a running program, so a subshell that must be a process of
// its own (a stage of a job that ^Z must stop, anything run with &) is gosh
// executed again, with GOSH_SUBSHELL_FD=FD in its environment, where FD
// holds a snapshot of the state the subshell needs and the code it runs.
// The rest of its descriptor table arrives at the same numbers. Its argv is
// only a name for ps, "gosh: TEXT", where TEXT is the subshell's source on
// one line, and its comm is set to TEXT too (nameProcess): Go cannot write
// the argv area of a running process, so the name is chosen at exec.
// `gosh --subshell FD` still works, for tools and tests.

// SubshellFlag is the command-line flag of a re-executed subshell.
const SubshellFlag = "--subshell"

// subshellEnv is the environment variable that tells a re-executed gosh
// where its snapshot is. The subshell removes it at once, so it reaches
// neither the subshell's variables nor its children.
const subshellEnv = "GOSH_SUBSHELL_FD"

// subshellArgv0Prefix starts the argv[0] of a re-executed subshell.
const subshellArgv0Prefix = "gosh: "

// SubshellFD returns the snapshot descriptor when this process is a
// re-executed subshell, as its arguments or its environment say.
func SubshellFD(args []string) (fd string, ok bool) {
	if len(args) >= 3 && args[1] == SubshellFlag {
		return args[2], true
	}
	fd, ok = os.LookupEnv(subshellEnv)
	if ok {
		os.Unsetenv(subshellEnv)
	}
	return fd, ok
}

// reexecSpawn prepares a gosh process that runs st with this shell's state.
// done closes the snapshot's descriptor; call it once the child is started.
func (r *Shell) reexecSpawn(st *syntax.Stmt) (sp *jobs.Spawn, done func(), err error) {
	snap := r.snapshot(parser.Print(st), int(st.Pos().Line()))
	data := snap.Encode()
	mfd, err := unix.MemfdCreate("gosh-subshell", unix.MFD_CLOEXEC)
	if err != nil {
		return nil, nil, fmt.Errorf("memfd_create: %w", err)
	}
	f := os.NewFile(uintptr(mfd), "gosh-subshell")
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("writing subshell state: %w", err)
	}
	files := r.fds.childFiles()
	slot := len(files)
	if slot < 3 {
		slot = 3
		for len(files) < 3 {
			files = append(files, ^uintptr(0))
		}
	}
	files = append(files, f.Fd())
	text := stmtSource(st)
	sp = &jobs.Spawn{
		Path:  r.g.exe,
		Argv:  []string{subshellArgv0Prefix + text},
		Env:   append(r.environ(), subshellEnv+"="+strconv.Itoa(slot)),
		Files: files,
		Name:  text,
	}
	if r.dir != r.g.processDir() {
		sp.Dir = r.dir
	}
	return sp, func() { f.Close() }, nil
}

// snapshot captures what a subshell needs.
func (r *Shell) snapshot(program string, line int) *snapshot.State {
	s := &snapshot.State{
		Vars:    make(map[string]snapshot.Var, len(r.vars)),
		Aliases: r.aliases,
		// The traps the subshell lists until it sets its own; it
		// restores them as subshellTraps says (restoreState).
		Traps:   r.listedTraps(),
		Params:  r.params,
		Arg0:    r.arg0,
		Status:  r.status,
		LastBg:  r.lastBg,
		Dir:     r.dir,
		Pid:     r.g.pid,
		PPid:    r.g.ppid,
		Name:    r.g.name,
		Program: program,
		Line:    line,

		FuncNames: r.funcNameList(),
		Locals:    r.innermostLocals(),
		Sourcing:  r.sourcing,

		IgnoredOnEntry: r.g.ignoredOnEntry,
	}
	for name, vr := range r.vars {
		s.Vars[name] = snapshot.Var{Kind: vr.Kind, Set: vr.Set, Str: vr.Str, List: vr.List, Indexes: vr.Indexes,
			Map: vr.Map, Exported: vr.Exported, ReadOnly: vr.ReadOnly, Local: vr.Local,
			Integer: vr.Integer, Lower: vr.Lower, Upper: vr.Upper}
	}
	if ui := r.ui(); ui != nil {
		s.History, s.HistBase, s.HistOwnLine = ui.hist.Entries, ui.hist.Base, ui.lineAdded
	}
	s.Completions = r.completionSnapshot()
	var funcs strings.Builder
	for name, body := range r.funcs {
		funcs.WriteString(funcSource(name, body))
		funcs.WriteString("\n")
	}
	s.Funcs = funcs.String()
	for _, opt := range setOptions {
		if *opt.field(&r.opts) {
			s.Options = append(s.Options, opt.name)
		}
	}
	for _, opt := range shoptOptions {
		if *opt.field(&r.opts) {
			s.Options = append(s.Options, "shopt:"+opt.name)
		}
	}
	for i, e := range r.fds.e {
		if e != nil {
			s.Fds = append(s.Fds, i)
		}
	}
	return s
}

// RunSubshell is the entry point of a re-executed subshell: it reads the
// snapshot from fd, rebuilds the shell, runs the program and returns the
// exit status.
func RunSubshell(fdArg string, stdio [3]*os.File) int {
	if text, ok := strings.CutPrefix(os.Args[0], subshellArgv0Prefix); ok {
		nameProcess(text)
	}
	fd, err := strconv.Atoi(fdArg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gosh: --subshell: bad descriptor")
		return 2
	}
	f := os.NewFile(uintptr(fd), "snapshot")
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		fmt.Fprintf(os.Stderr, "gosh: --subshell: %v\n", err)
		return 2
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		fmt.Fprintf(os.Stderr, "gosh: --subshell: %v\n", err)
		return 2
	}
	s, err := snapshot.Decode(data)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gosh: --subshell: %v\n", err)
		return 2
	}
	r := New(stdio, nil)
	defer r.catchFatal()()
	r.restore(s)
	r.importFuncs(os.Environ(), false) // the export marks of its functions
	// A setuid gosh re-executed regains its effective ids: give them up
	// again unless the shell that forked it was privileged.
	if ids := currentIDs(); decideSetuidStart(ids, r.opts.privileged).dropIDs {
		dropPrivileges(ids, os.Stderr)
	}
	prog, err := parser.Parse(strings.Repeat("\n", max(s.Line-1, 0))+s.Program, s.Name)
	if err != nil {
		r.errorf("%s", syntaxErrorText(err))
		return 2
	}
	if len(prog.Stmts) == 1 {
		if sub, ok := prog.Stmts[0].Cmd.(*syntax.Subshell); ok {
			r.processFor = sub // this process is that subshell
		}
	}
	r.runStmts(prog.Stmts)
	r.runExitTrap()
	return r.status
}

// restore loads a snapshot into a fresh shell: its state, then what it
// sets in the process (signal dispositions, the directory, descriptors).
func (r *Shell) restore(s *snapshot.State) {
	r.restoreState(s)
	r.restoreProcess(s)
}

// restoreState is the part of restore that only sets the shell's own
// state, whatever the snapshot holds (FuzzSnapshot feeds it any bytes
// snapshot.Decode accepts).
func (r *Shell) restoreState(s *snapshot.State) {
	r.subshell = false // it is a whole process: it may chdir itself
	r.vars = make(map[string]expansion.Variable, len(s.Vars))
	for name, v := range s.Vars {
		r.vars[name] = expansion.Variable{Kind: v.Kind, Set: v.Set, Str: v.Str, List: v.List, Indexes: v.Indexes,
			Map: v.Map, Exported: v.Exported, ReadOnly: v.ReadOnly, Local: v.Local,
			Integer: v.Integer, Lower: v.Lower, Upper: v.Upper}
	}
	r.frames = make([]callFrame, len(s.FuncNames))
	for i, name := range s.FuncNames {
		r.frames[i] = callFrame{name: name}
	}
	r.inFunc, r.sourcing = len(s.FuncNames), s.Sourcing
	r.restoreScopes(len(s.FuncNames), s.Locals)
	r.g.ignoredOnEntry = s.IgnoredOnEntry
	if s.Aliases != nil {
		r.aliases = s.Aliases
	}
	r.opts = options{}
	for _, name := range s.Options {
		list := setOptions
		if n, ok := strings.CutPrefix(name, "shopt:"); ok {
			list, name = shoptOptions, n
		}
		if opt := findOption(list, name); opt != nil {
			*opt.field(&r.opts) = true
		}
	}
	r.opts.monitor = false
	r.traps, r.entryTraps = subshellTraps(s.Traps), s.Traps
	r.params, r.arg0, r.status, r.lastBg = s.Params, s.Arg0, s.Status, s.LastBg
	r.dir = s.Dir
	r.g.pid, r.g.ppid, r.g.name = s.Pid, s.PPid, s.Name
	if s.HistBase > 0 {
		r.g.ui = &uiState{hist: history.List{Entries: s.History, Base: s.HistBase}, lineAdded: s.HistOwnLine}
	}
	r.restoreCompletions(s.Completions)
	r.envDirty = true
	if s.Funcs != "" {
		if f, err := parser.Parse(s.Funcs, "functions"); err == nil {
			for _, st := range f.Stmts {
				// A forged snapshot may hold a nameless one (` ()x`),
				// which a script only reaches as an error.
				if fd, ok := st.Cmd.(*syntax.FuncDecl); ok && fd.Name != nil {
					r.funcs[fd.Name.Value] = fd.Body
				}
			}
		}
	}
}

// restoreProcess is the part of restore that acts on the process.
func (r *Shell) restoreProcess(s *snapshot.State) {
	r.applyTraps()
	r.g.setProcessDir(s.Dir)
	r.fds = fdTable{}
	for _, fd := range s.Fds {
		switch fd {
		case 0:
			r.fds.set(0, &fdEntry{f: os.Stdin})
		case 1:
			r.fds.set(1, &fdEntry{f: os.Stdout})
		case 2:
			r.fds.set(2, &fdEntry{f: os.Stderr})
		default:
			unix.CloseOnExec(fd)
			r.fds.set(fd, &fdEntry{f: os.NewFile(uintptr(fd), "fd"+strconv.Itoa(fd)), owner: r})
		}
	}
}

// nameProcess sets the comm of this process, which ps and top show, to
// (the first 15 bytes of) name: a re-executed subshell is otherwise "exe",
// after /proc/self/exe. PR_SET_NAME would name only the calling thread,
// which in Go need not be the main one; /proc/self/comm is the main
// thread's, which names the process. A failure leaves the old name.
func nameProcess(name string) {
	if len(name) > 15 {
		name = name[:15]
	}
	os.WriteFile("/proc/self/comm", []byte(name), 0)
}
