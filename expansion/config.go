package expansion

import (
	"io"
	"io/fs"

	"github.com/gosh-sh/gosh/expansion/pattern"
	"mvdan.cc/sh/v3/syntax"
)

// Host is what expansion needs of the shell that owns the variables and
// runs commands.
type Host interface {
	// Var returns a variable as stored, without following a nameref, or
	// the value of a special parameter ($?, $#, $@, $1, LINENO...).
	Var(name string) Variable
	// Each calls fn for every variable, in any order, until fn returns
	// false: ${!prefix*}.
	Each(fn func(name string, vr Variable) bool)
	// SetVar assigns a whole variable (${x:=w}, arithmetic assignment).
	SetVar(name string, vr Variable) error
	// SetElem assigns one element: key is the decimal index of an indexed
	// array (negative counts from the end) or the key of an associative one.
	SetElem(name, key, value string) error
	// CmdSubst runs the commands of $(...) with standard output to w.
	CmdSubst(w io.Writer, cs *syntax.CmdSubst) error
	// ProcSubst starts <(...) or >(...) and returns the path that names
	// its pipe.
	ProcSubst(ps *syntax.ProcSubst) (string, error)
}

// Config is one shell's view of expansion: its host and the options that
// change how words expand. The shell keeps it in step with `set` and
// `shopt`.
type Config struct {
	Host Host

	NoUnset     bool // set -u
	NoGlob      bool // set -f
	NullGlob    bool // shopt -s nullglob
	FailGlob    bool // shopt -s failglob
	DotGlob     bool // shopt -s dotglob
	GlobStar    bool // shopt -s globstar
	NoCaseGlob  bool // shopt -s nocaseglob
	NoCaseMatch bool // shopt -s nocasematch
	ExtGlob     bool // shopt -s extglob
	Posix       bool // set -o posix: no bash extensions that change results

	// ReadDir lists a directory for pathname expansion; a relative path
	// is relative to the shell's directory. Nil disables globbing.
	ReadDir func(dir string) ([]pattern.DirEntry, error)
	// Lstat and Stat look up paths for pathname expansion, relative ones
	// from the shell's directory (nil: the os functions).
	Lstat, Stat func(path string) (fs.FileInfo, error)
	// HomeDir returns the home directory of user ("" is the current
	// user: $HOME first, as POSIX says). ok is false if there is none.
	HomeDir func(user string) (dir string, ok bool)
	// DirStack returns entry n of the directory stack for ~+N and ~-N
	// (fromEnd for ~-N); nil when there is no stack.
	DirStack func(n int, fromEnd bool) (string, bool)
	// Prompt decodes prompt escapes for ${x@P}.
	Prompt func(string) string
	// Warn reports a problem that is not an error, as bash does on
	// stderr (${a[-9]} of a short array: "a: bad array subscript").
	Warn func(msg string)
	// Patterns caches compiled patterns; nil compiles every time.
	Patterns *PatternCache
	// free holds expanders for reuse (see newExpander).
	free []*expander

	// MaxRecursion bounds nested expansions (a word inside a word inside
	// a word...); 0 means 1000.
	MaxRecursion int
}
