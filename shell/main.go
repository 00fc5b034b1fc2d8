package shell

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/gosh-sh/gosh/daemon"
	"github.com/gosh-sh/gosh/parser"
	"github.com/gosh-sh/gosh/tty"
	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/syntax"
)

// Version is gosh's version, shown by --version and $GOSH_VERSION.
const Version = "0.1.0"

const usage = `Usage: gosh [options] [script [args...]]
       gosh [options] -c command [name [args...]]
       gosh [options] -s [args...]

Options:
  -c            read commands from the command string
  -s            read commands from standard input
  -i            interactive
  -l, --login   login shell: read /etc/profile and ~/.gosh_profile or ~/.profile
  -n            read commands but do not run them
  -e -u -x -v -f -C -a -m -b -h   as for set; +X turns X off
  -o NAME, +o NAME   set or unset an option (see set -o)
  --norc, --noprofile, --rcfile FILE
  --version, --help
`

// invocation is what the command line asked for.
type invocation struct {
	command     string // -c
	hasCommand  bool
	stdinMode   bool // -s
	interactive bool // -i
	login       bool
	norc        bool
	noprofile   bool
	rcfile      string
	script      string
	args        []string
	setOpts     []optionSetting
	// noStartupFiles: a setuid or setgid gosh reads no profile, rc file
	// or $ENV (see privilege.go).
	noStartupFiles bool
	// reply is what --help or --version asks to be printed, instead of
	// running anything.
	reply string
}

type optionSetting struct {
	name   string
	letter byte
	on     bool
	shopt  bool // -O NAME: a shopt option
}

// Main runs gosh with the given standard files and arguments (args[0] is
// the program name) and returns the exit status. A nil file is a standard
// descriptor that was closed when gosh started: it stays closed for the
// shell (a write to it fails with EBADF, as in bash) and for the commands
// it runs.
//
// loop is the read-eval loop of an interactive shell that reads its
// commands from the terminal (package interactive gives it); with a nil
// loop such a shell reads them as a script on standard input would.
func Main(stdio [3]*os.File, args []string, loop Loop) (status int) {
	holdClosedStdio(stdio)
	if fd, ok := SubshellFD(args); ok {
		return RunSubshell(fd, stdio)
	}
	if len(args) >= 2 && args[1] == daemon.HelperFlag {
		// A setuid gosh re-executed regains its effective ids; a daemon
		// never keeps them (the helper cannot tell whether -p was given).
		if ids := currentIDs(); decideSetuidStart(ids, false).dropIDs {
			dropPrivileges(ids, stdio[2])
		}
		return daemon.RunHelper(args[2:])
	}
	inv, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stdio[2], "gosh: %v\n%s", err, usage)
		return 2
	}
	if inv.reply != "" {
		// On a closed standard output the reply is lost, and the status
		// is still 0, as in bash.
		fmt.Fprint(stdio[1], inv.reply)
		return 0
	}
	setuid := decideSetuidStart(currentIDs(), inv.privileged())
	if setuid.dropIDs {
		dropPrivileges(currentIDs(), stdio[2])
	}
	inv.noStartupFiles = setuid.skipStartupFiles
	r := New(stdio, os.Environ())
	defer r.catchFatal()()
	r.arg0 = args[0]
	r.lastArg = args[0]
	if !inv.noStartupFiles {
		r.optionsFromEnviron(os.Environ()) // then the command line's own
		if !inv.privileged() {
			r.importFuncs(os.Environ(), true) // as bash, not when privileged
		}
	}
	*findOption(shoptOptions, "login_shell").field(&r.opts) = inv.login
	for _, s := range inv.setOpts {
		ok := false
		if s.shopt {
			if opt := findOption(shoptOptions, s.name); opt != nil {
				*opt.field(&r.opts) = s.on
				ok = true
			}
		} else if s.name != "" {
			ok = r.setNamedOption(s.name, s.on)
		} else {
			ok = r.setLetterOption(s.letter, s.on)
		}
		if !ok {
			fmt.Fprintf(stdio[2], "gosh: %s: invalid option\n", s.name+string(s.letter))
			return 2
		}
	}
	if v := os.Getenv("GOSH_JOBTRACE"); v != "" && v != "0" {
		r.setNamedOption("jobtrace", true)
	}
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stdio[2], "gosh: internal error: %v\n", p)
			if os.Getenv("GOSH_DEBUG") != "" {
				fmt.Fprintf(stdio[2], "%s", debug.Stack())
			}
			status = 70
		}
	}()
	switch {
	case inv.hasCommand:
		r.g.modeFlag = "c"
		if len(inv.args) > 0 {
			r.arg0, r.params = inv.args[0], inv.args[1:]
		}
		if inv.interactive {
			// gosh -i -c: an interactive shell (rc file, job control,
			// $- with i) that runs the string instead of prompting.
			r.beginInteractive(inv)
			r.runSource(inv.command, "")
			r.endInteractive(false)
			return r.status
		}
		r.profileFiles(inv)
		r.runSource(inv.command, "")
	case inv.script != "":
		r.arg0, r.params = inv.script, inv.args
		r.g.name = ""
		r.g.script = inv.script
		status, ok := r.runScriptFile(inv.script)
		if !ok {
			return status
		}
	default:
		r.params = inv.args
		interactive := inv.interactive || (!inv.stdinMode || len(inv.args) == 0) && tty.IsTerminal(0) && tty.IsTerminal(2)
		if inv.stdinMode && !inv.interactive && !tty.IsTerminal(0) {
			interactive = false
		}
		if interactive && loop != nil {
			return r.runLoop(inv, loop)
		}
		r.g.modeFlag = "s"
		r.runStdin()
	}
	r.runExitTrap()
	return r.status
}

// parseArgs reads gosh's command line. It prints nothing: what --help and
// --version ask for is the invocation's reply, which Main writes to its
// standard output.
func parseArgs(args []string) (*invocation, error) {
	inv := &invocation{}
	if strings.HasPrefix(args[0], "-") {
		inv.login = true
	}
	i := 1
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" || a == "-" {
			i++
			break
		}
		if strings.HasPrefix(a, "--") {
			switch a {
			case "--version":
				return &invocation{reply: "gosh version " + Version + "\n"}, nil
			case "--help":
				return &invocation{reply: usage}, nil
			case "--login":
				inv.login = true
			case "--norc":
				inv.norc = true
			case "--noprofile":
				inv.noprofile = true
			case "--posix":
				inv.setOpts = append(inv.setOpts, optionSetting{name: "posix", on: true})
			case "--rcfile", "--init-file":
				if i+1 >= len(args) {
					return nil, fmt.Errorf("%s: option requires an argument", a)
				}
				i++
				inv.rcfile = args[i]
			default:
				return nil, fmt.Errorf("%s: invalid option", a)
			}
			continue
		}
		if len(a) < 2 || (a[0] != '-' && a[0] != '+') {
			break
		}
		on := a[0] == '-'
		for k := 1; k < len(a); k++ {
			c := a[k]
			switch c {
			case 'c':
				inv.hasCommand = true
			case 's':
				inv.stdinMode = true
			case 'i':
				inv.interactive = true
			case 'l':
				inv.login = true
			case 'o':
				if i+1 >= len(args) {
					return nil, fmt.Errorf("-o: option requires an argument")
				}
				i++
				inv.setOpts = append(inv.setOpts, optionSetting{name: args[i], on: on})
			case 'O':
				if i+1 >= len(args) {
					return nil, fmt.Errorf("-O: option requires an argument")
				}
				i++
				inv.setOpts = append(inv.setOpts, optionSetting{name: args[i], on: on, shopt: true})
			default:
				if optionByLetter(c) == nil {
					return nil, fmt.Errorf("%c%c: invalid option", a[0], c)
				}
				inv.setOpts = append(inv.setOpts, optionSetting{letter: c, on: on})
			}
		}
	}
	rest := args[i:]
	switch {
	case inv.hasCommand:
		if len(rest) == 0 {
			return nil, errors.New("-c: option requires an argument")
		}
		inv.command, inv.args = rest[0], rest[1:]
	case inv.stdinMode:
		inv.args = rest
	case len(rest) > 0:
		inv.script, inv.args = rest[0], rest[1:]
	}
	return inv, nil
}

// runSource runs the -c string src at top level.
func (r *Shell) runSource(src, name string) {
	if err := r.runTop(parser.NewSource(strings.NewReader(src), name)); err != nil {
		r.reportSyntaxError(err, name)
	}
}

// The five sources of commands (a script file, -c, stdin, `.` and eval)
// share one reading path, parser.Source: a command is read, then run, then
// the next is read, as bash and dash do. So everything before a syntax
// error runs, an alias defined on one line applies from the next, and a
// script of any length runs in constant memory.

// runTop runs the commands of src as the shell's own program. It returns
// a syntax error (or an error reading the input) once the commands before
// it have run, unless the shell is exiting anyway.
func (r *Shell) runTop(src *parser.Source) error {
	r.readingFrom(src)
	counting := r.g.modeFlag != "c" && !r.g.interactive
	err := src.Run(func(stmts []*syntax.Stmt) bool {
		if counting {
			r.g.commandsRead++
		}
		for _, st := range stmts {
			r.stmt(st)
			r.afterTopStmt()
			if r.exiting {
				return false
			}
			if r.interrupted {
				// An error or ^C abandoned the rest of the line.
				r.interrupted = false
				break
			}
		}
		return true
	})
	if r.exiting {
		return nil
	}
	return err
}

// readingFrom connects src to the shell's state as it reads: the alias
// table, and set -v, which shows the input as it is read.
func (r *Shell) readingFrom(src *parser.Source) {
	src.Aliases = shellAliases{r}
	src.Echo = func(text []byte) {
		if r.opts.verbose {
			r.stderr().Write(text)
		}
	}
}

// runNested runs the commands of src inside a running command (eval, `.`):
// it stops where a list of statements stops, at return, break or exit.
func (r *Shell) runNested(src *parser.Source) error {
	r.readingFrom(src)
	err := src.Run(func(stmts []*syntax.Stmt) bool {
		r.discarded = false
		r.runStmts(stmts)
		if r.interrupted && r.discarded && !r.exiting {
			// An error abandoned the rest of this line: the next
			// line of the eval string or sourced file runs, as in bash.
			r.interrupted, r.discarded = false, false
		}
		return !r.stopped()
	})
	if r.stopped() {
		return nil
	}
	return err
}

func (r *Shell) reportSyntaxError(err error, name string) {
	var pe syntax.ParseError
	if errors.As(err, &pe) && name == "" {
		// -c and stdin have no file name: say which, then line:column.
		src := "-c"
		switch {
		case r.g.modeFlag == "s":
			src = "stdin"
		case r.g.interactive:
			src = "line"
		}
		fmt.Fprintf(r.stderr(), "gosh: %s:%d:%d: syntax error: %s\n", src, pe.Pos.Line(), pe.Pos.Col(), pe.Text)
	} else {
		fmt.Fprintf(r.stderr(), "gosh: %s\n", syntaxErrorText(err))
	}
	r.status = 2
	if !r.g.interactive {
		r.exiting = true
	}
}

// afterTopStmt is the bookkeeping after each top-level statement.
func (r *Shell) afterTopStmt() {
	r.closeProcSubsts(0)
	if r.breakN > 0 || r.contN > 0 {
		r.breakN, r.contN = 0, 0
	}
	if r.returning {
		r.returning = false
	}
}

// runScriptFile runs `gosh FILE`, reading the file as it runs. ok is
// false when the file could not be opened (the status is then 127 or 126,
// as bash gives).
func (r *Shell) runScriptFile(path string) (int, bool) {
	f, err := openScript(path)
	if err != nil {
		fmt.Fprintf(r.stderr(), "gosh: %s: %s\n", path, errnoText(err))
		if errors.Is(err, os.ErrNotExist) {
			return 127, false
		}
		return 126, false
	}
	defer f.Close()
	if isBinaryScript(f) {
		// A program the kernel would not run (ENOEXEC, which start and
		// exec hand to gosh) is refused rather than read as commands.
		fmt.Fprintf(r.stderr(), "gosh: %s: cannot execute binary file\n", path)
		return 126, false
	}
	// A #! line is a comment to the parser.
	if err := r.runTop(parser.NewSource(f, path)); err != nil {
		r.reportSyntaxError(err, path)
	}
	return r.status, true
}

// openScript opens a script file (for `gosh FILE` or `.`) on a descriptor
// of 100 or more, closed on exec, so that the script's own redirections of
// low descriptors (exec 3<...) cannot close or replace the file the shell
// is still reading. A directory is refused as bash refuses it.
func openScript(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, &os.PathError{Op: "open", Path: path, Err: syscall.EISDIR}
	}
	fd, err := dupHigh(int(f.Fd()))
	if err != nil {
		return nil, fmt.Errorf("moving %s to a high descriptor: %w", path, err)
	}
	return os.NewFile(uintptr(fd), path), nil
}

// runStdin runs a script read from standard input. It reads one line at a
// time (and seeks back on seekable input), so a `read` in the script sees
// the lines after the command being run, as POSIX requires.
func (r *Shell) runStdin() {
	if err := r.runTop(parser.NewSource(&lineReader{fd: 0}, "")); err != nil {
		r.reportSyntaxError(err, "")
	}
}

// lineReader reads at most one line per Read from a descriptor, never
// consuming past the newline: on seekable input it reads a block and seeks
// back; otherwise it reads one byte at a time.
type lineReader struct {
	fd      int
	unseek  bool // the descriptor cannot seek
	checked bool
	buf     [4096]byte
}

func (l *lineReader) Read(p []byte) (int, error) {
	if !l.checked {
		l.checked = true
		if _, err := unix.Seek(l.fd, 0, io.SeekCurrent); err != nil {
			l.unseek = true
		} else {
			var st unix.Stat_t
			if unix.Fstat(l.fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
				l.unseek = true
			}
		}
	}
	if l.unseek {
		n := 0
		for n < len(p) {
			m, err := unix.Read(l.fd, p[n:n+1])
			if err == unix.EINTR {
				continue
			}
			if err != nil || m == 0 {
				if n > 0 {
					return n, nil
				}
				if err != nil {
					return 0, err
				}
				return 0, io.EOF
			}
			n++
			if p[n-1] == '\n' {
				break
			}
		}
		return n, nil
	}
	want := min(len(p), len(l.buf))
	m, err := unix.Read(l.fd, l.buf[:want])
	for err == unix.EINTR {
		m, err = unix.Read(l.fd, l.buf[:want])
	}
	if err != nil {
		return 0, err
	}
	if m == 0 {
		return 0, io.EOF
	}
	line := l.buf[:m]
	if i := strings.IndexByte(string(line), '\n'); i >= 0 && i+1 < m {
		unix.Seek(l.fd, int64(i+1-m), io.SeekCurrent)
		line = line[:i+1]
	}
	return copy(p, line), nil
}

func accessX(path string) error {
	return syscall.Access(path, 1)
}
