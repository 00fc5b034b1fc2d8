package builtins

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Spec declares one builtin: everything about it that is not its code.
// Dispatch, help, type, command -v, completion and the sandbox all read
// the registry, so a builtin exists exactly when it has a Spec here. The
// code is registered apart, by name: this package's builtins in table
// (builtins.go), the evaluator's in package shell; tests on both sides
// check that every Spec has code and all code has a Spec. (Code cannot
// sit in the Spec: builtins read the registry for their usage lines, and
// Go would see an initialisation cycle.)
type Spec struct {
	Name string
	// Special marks POSIX's special builtins (XCU 2.14): found before
	// functions, their prefix assignments stay, and their errors end a
	// non-interactive shell.
	Special bool
	// Outside marks builtins that act on the world outside the shell
	// (processes, limits, the process's directory, the terminal's input):
	// the fuzzing sandbox makes them do nothing.
	Outside bool
	// JobArgs marks builtins whose operands are job specs, which
	// completion offers after them.
	JobArgs bool
	// Usage is the synopsis, as "NAME: usage: USAGE" and help -s show it.
	Usage string
	// Help is what help NAME prints under the synopsis: a first line
	// that help -d shows alone, then optional detail lines.
	Help string
}

// registry lists every builtin, sorted by name (Find searches it).
// Aliases such as test and [ have a Spec each, as bash's help has.
var registry = []Spec{
	{Name: ".", Special: true, Usage: ". filename [arguments]",
		Help: "Execute commands from a file in the current shell.\nA FILENAME without a slash is searched for in PATH; ARGUMENTS become the positional parameters while it runs."},
	{Name: ":", Special: true, Usage: ":",
		Help: "Null command: expand the arguments and succeed."},
	{Name: "[", Usage: "[ arg... ]",
		Help: "Evaluate a conditional expression; the last argument must be `]'."},
	{Name: "alias", Usage: "alias [-p] [name[=value] ... ]",
		Help: "Define or display aliases.\nWithout arguments, or with -p, print every alias in a form that can be reused as input."},
	{Name: "bg", JobArgs: true, Outside: true, Usage: "bg [job_spec ...]",
		Help: "Move jobs to the background, resuming them as if started with `&'."},
	{Name: "break", Special: true, Usage: "break [n]",
		Help: "Exit for, while, or until loops; with N, the N innermost."},
	{Name: "builtin", Usage: "builtin [shell-builtin [arg ...]]",
		Help: "Run a shell builtin, bypassing any function of the same name."},
	{Name: "caller", Usage: "caller [expr]",
		Help: "Print the line number and source file of the current subroutine call, or of the EXPR'th one up."},
	{Name: "cd", Outside: true, Usage: "cd [-L|[-P [-e]] [-@]] [dir]",
		Help: "Change the shell working directory.\nDIR defaults to $HOME; `-' is $OLDPWD; CDPATH is searched for a relative DIR.\n-L follows symbolic links logically (the default), -P resolves them first."},
	{Name: "command", Usage: "command [-pVv] command [arg ...]",
		Help: "Run a command, bypassing functions, or describe it.\n-p searches a default PATH, -v prints how the command would be found, -V describes it in words."},
	{Name: "compgen", Usage: "compgen [-abcdefgjksuv] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [word]",
		Help: "Display the possible completions of WORD, one per line, as complete's options would generate them.\nFails when nothing matches."},
	{Name: "complete", Usage: "complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]",
		Help: "Specify how the arguments of each NAME are completed.\n-p prints the specifications as reusable input, -r removes them; -D is for commands without one, -E for an empty line, -I for the first word.\n-F runs a function with COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set, which leaves its matches in COMPREPLY."},
	{Name: "compopt", Usage: "compopt [-o|+o option] [-DEI] [name ...]",
		Help: "Modify or display the completion options of each NAME, or of the completion running now.\n-o sets an option (default, filenames, nospace, ...), +o clears it."},
	{Name: "continue", Special: true, Usage: "continue [n]",
		Help: "Resume the next iteration of the enclosing for, while, or until loop; with N, of the N'th one out."},
	{Name: "daemon", Usage: "daemon [-p PIDFILE] [-o LOGFILE] [-C DIR] CMD [ARGS...]",
		Help: "Run a command as a daemon: detached from the terminal and the shell's session, its own session leader.\n-p writes its pid to PIDFILE, -o sends its output to LOGFILE, -C starts it in DIR."},
	{Name: "declare", Usage: "declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]",
		Help: "Set variable values and attributes, or print them with -p."},
	{Name: "dirs", Usage: "dirs [-clpv] [+N] [-N]",
		Help: "Display the directory stack that pushd and popd keep."},
	{Name: "disown", JobArgs: true, Outside: true, Usage: "disown [-h] [-ar] [jobspec ... | pid ...]",
		Help: "Remove jobs from the job table; with -h keep them but send them no SIGHUP when the shell exits."},
	{Name: "echo", Usage: "echo [-neE] [arg ...]",
		Help: "Write the arguments, separated by spaces, to the standard output."},
	{Name: "enable", Usage: "enable [-a] [-dnps] [-f filename] [name ...]",
		Help: "Enable and disable shell builtins.\n-n disables each NAME, so that a command of that name is looked for in PATH; without it each NAME is enabled again.\nWith no NAME, list the builtins enabled (-n: disabled; -a: all, each as enabled or not; -s: the special ones).\n-f and -d, which load builtins from shared objects, are not available."},
	{Name: "eval", Special: true, Usage: "eval [arg ...]",
		Help: "Join the arguments with spaces and run the result as shell commands."},
	{Name: "exec", Special: true, Usage: "exec [-cl] [-a name] [command [argument ...]] [redirection ...]",
		Help: "Replace the shell with the given command, or with no command apply the redirections to the shell itself.\n-a sets the command's argv[0], -c empties its environment, -l prefixes argv[0] with a dash."},
	{Name: "exit", Special: true, Usage: "exit [n]",
		Help: "Exit the shell with status N, or with the last command's status."},
	{Name: "export", Special: true, Usage: "export [-fn] [name[=value] ...] or export -p",
		Help: "Mark variables to be passed to the environment of commands; -n removes the mark."},
	{Name: "false", Usage: "false",
		Help: "Return an unsuccessful result."},
	{Name: "fc", Usage: "fc [-e ename] [-lnr] [first] [last] or fc -s [pat=rep] [command]",
		Help: "Display or execute commands from the history list.\nFIRST and LAST name entries: a number, -N for N commands back, or the start of a command;\n-l lists them (the last 16 by default), -n without numbers, -r newest first;\nwithout -l they are edited with ENAME (default FCEDIT, then EDITOR, then vi) and run.\n-s runs a command again after replacing each PAT with REP; -e - is -s."},
	{Name: "fg", JobArgs: true, Outside: true, Usage: "fg [job_spec]",
		Help: "Move a job to the foreground, giving it the terminal, and wait for it."},
	{Name: "getopts", Usage: "getopts optstring name [arg ...]",
		Help: "Parse option arguments, one per call, as a loop over the positional parameters (or ARGs) needs them."},
	{Name: "hash", Usage: "hash [-lr] [-p pathname] [-dt] [name ...]",
		Help: "Remember or display program locations.\n-r forgets them all, -d forgets NAME, -p remembers PATHNAME for NAME, -t prints where NAME is, -l lists as reusable input."},
	{Name: "help", Usage: "help [-ds] [name ...]",
		Help: "Display information about builtin commands.\n-d prints each one's short description, -s its synopsis only."},
	{Name: "history", Usage: "history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]",
		Help: "Display or edit the history list of the interactive shell.\n-c clears it, -d deletes the entry at OFFSET, N shows the last N entries;\n-a appends the entries added since the last -a to FILENAME (to HISTFILE: those it lacks),\n-n reads the entries other shells added to HISTFILE, -r reads a file into the list, -w writes the list to one;\n-p prints each ARG history-expanded, -s adds the ARGs to the list as one entry."},
	{Name: "jobs", JobArgs: true, Usage: "jobs [-lnprs] [jobspec ...] or jobs -x command [args]",
		Help: "Display the status of jobs.\n-l adds process ids, -p prints only the leaders' pids, -r and -s show only running or stopped jobs.\n-x runs COMMAND with each job spec among ARGS replaced by that job's process group ID."},
	{Name: "kill", JobArgs: true, Outside: true,
		Usage: "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]",
		Help:  "Send a signal (by default SIGTERM) to processes or jobs; -l lists signal names."},
	{Name: "let", Usage: "let arg [arg ...]",
		Help: "Evaluate arithmetic expressions; fail if the last one is 0."},
	{Name: "local", Usage: "local [option] name[=value] ...",
		Help: "Define variables local to the running function; options as for declare."},
	{Name: "logout", Usage: "logout [n]",
		Help: "Exit a login shell."},
	{Name: "mapfile", Usage: "mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]",
		Help: "Read lines from the standard input into an indexed array variable (MAPFILE by default)."},
	{Name: "popd", Usage: "popd [-n] [+N | -N]",
		Help: "Remove a directory from the stack and change to the new top one."},
	{Name: "printf", Usage: "printf [-v var] format [arguments]",
		Help: "Format and print the arguments under control of FORMAT; -v assigns the result to VAR."},
	{Name: "pushd", Usage: "pushd [-n] [+N | -N | dir]",
		Help: "Add a directory to the stack and change to it, or rotate the stack."},
	{Name: "pwd", Usage: "pwd [-LP]",
		Help: "Print the name of the current working directory; -P resolves symbolic links."},
	{Name: "read", Outside: true,
		Usage: "read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]",
		Help:  "Read a line from the standard input and split it into fields, one per NAME (REPLY by default)."},
	{Name: "readarray", Usage: "readarray [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]",
		Help: "Read lines into an array variable: a synonym for mapfile."},
	{Name: "readonly", Special: true, Usage: "readonly [-aAf] [name[=value] ...] or readonly -p",
		Help: "Mark variables as unchangeable."},
	{Name: "return", Special: true, Usage: "return [n]",
		Help: "Return from a function or sourced script with status N, or with the last command's status."},
	{Name: "set", Special: true, Usage: "set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]",
		Help: "Set or unset shell options, set the positional parameters, or with no arguments list the variables."},
	{Name: "shift", Special: true, Usage: "shift [n]",
		Help: "Shift the positional parameters left by N (1 by default)."},
	{Name: "shopt", Usage: "shopt [-pqsu] [-o] [optname ...]",
		Help: "Set (-s) and unset (-u) shell options, or show them."},
	{Name: "source", Usage: "source filename [arguments]",
		Help: "Execute commands from a file in the current shell, as `.' does."},
	{Name: "suspend", Outside: true, Usage: "suspend [-f]",
		Help: "Stop this shell until it receives SIGCONT.\nUnless forced (-f), a login shell and a shell without job control refuse."},
	{Name: "test", Usage: "test [expr]",
		Help: "Evaluate a conditional expression: file tests, string and integer comparisons."},
	{Name: "times", Special: true, Usage: "times",
		Help: "Print the user and system times used by the shell and by its children."},
	{Name: "trap", Special: true, Outside: true, Usage: "trap [-lp] [[arg] signal_spec ...]",
		Help: "Run ARG when the shell receives a signal or meets a condition (EXIT, ERR, DEBUG, RETURN).\n-l lists signal names, -p prints the traps set."},
	{Name: "true", Usage: "true",
		Help: "Return a successful result."},
	{Name: "type", Usage: "type [-afptP] name [name ...]",
		Help: "Display how each NAME would be run: alias, keyword, function, builtin or file.\n-a shows every match, -t one word per match, -p and -P the file that would run."},
	{Name: "typeset", Usage: "typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]",
		Help: "Set variable values and attributes: a synonym for declare."},
	{Name: "ulimit", Outside: true, Usage: "ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]",
		Help: "Display or set the resource limits of the shell and of the processes it starts."},
	{Name: "umask", Outside: true, Usage: "umask [-p] [-S] [mode]",
		Help: "Display or set the file mode creation mask; -S symbolically, -p as a reusable command."},
	{Name: "unalias", Usage: "unalias [-a] name [name ...]",
		Help: "Remove each NAME from the aliases; -a removes them all."},
	{Name: "unset", Special: true, Usage: "unset [-f] [-v] [-n] [name ...]",
		Help: "Unset variables (-v, the default), functions (-f), or namerefs themselves (-n)."},
	{Name: "wait", JobArgs: true, Outside: true, Usage: "wait [-n] [-p var] [id ...]",
		Help: "Wait for jobs or processes to finish and return the last one's status.\n-n waits for the next one to finish (of the IDs given, if any); -p VAR sets VAR to its pid."},
}

// Find returns the Spec of the builtin called name.
func Find(name string) (*Spec, bool) {
	i, ok := slices.BinarySearchFunc(registry, name, func(s Spec, n string) int {
		return strings.Compare(s.Name, n)
	})
	if !ok {
		return nil, false
	}
	return &registry[i], true
}

// All lists every builtin's Spec in name order. The slice is shared:
// callers must not change it.
func All() []Spec { return registry }

// UsageLine is bash's "NAME: usage: SYNOPSIS".
func (s *Spec) UsageLine() string { return s.Name + ": usage: " + s.Usage }

// Describe writes help's entry for s: "NAME: SYNOPSIS" then the help
// text indented, or with short only the first line, "NAME - TEXT".
func (s *Spec) Describe(w io.Writer, short bool) {
	first, rest, _ := strings.Cut(s.Help, "\n")
	if short {
		fmt.Fprintf(w, "%s - %s\n", s.Name, first)
		return
	}
	fmt.Fprintf(w, "%s: %s\n    %s\n", s.Name, s.Usage, first)
	if rest != "" {
		fmt.Fprintf(w, "\n    %s\n", strings.ReplaceAll(rest, "\n", "\n    "))
	}
}
