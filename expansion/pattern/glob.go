package pattern

import (
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"
)

// GlobOptions configures Glob.
type GlobOptions struct {
	// Mode: ExtGlob, NoCase and DotGlob are honoured; Pathname is implied.
	Mode Mode
	// GlobStar makes a component that is exactly `**` match zero or more
	// directories (bash's globstar).
	GlobStar bool
	// ReadDir lists a directory. dir is "" for the current directory, or
	// a path as written in the pattern (absolute or relative, with its
	// slashes as written); the caller resolves relative paths against the
	// shell's working directory. Nil means os.ReadDir (with "" as ".").
	// The slice returned is Glob's: it reorders and overwrites it.
	// The entries' names and types are used; "." and ".." are ignored.
	ReadDir func(dir string) ([]DirEntry, error)
	// Lstat checks that a path whose last components were literal exists.
	// Nil means os.Lstat. Paths are never "".
	Lstat func(path string) (fs.FileInfo, error)
	// Stat tells whether a path is a directory, following symbolic links,
	// for a pattern ending in '/' and for `**/`. Nil means os.Stat.
	Stat func(path string) (fs.FileInfo, error)
}

// Glob performs pathname expansion (XCU 2.6.6, 2.13.3) of pattern text with
// the same backslash quoting as Compile. It returns the matching paths sorted
// in byte order (bash in the C and C.UTF-8 locales), or nil if none match;
// applying nullglob or failglob is the caller's business. As in bash, a
// directory that cannot be read just contributes no matches, so the error
// is always nil; it is kept so that the signature can report failures.
//
// Paths keep the pattern's form: a directory prefix stays as written ("./x"
// stays "./x", "a//b*" gives "a//b", though as in bash a doubled slash after
// a globbed component is not kept: "*//b" gives "a/b"), and a trailing '/'
// keeps only directories and stays on them. A component without special characters is
// not listed but kept as written, and the result is checked to exist. A
// pattern component never matches "." or ".." (bash 5.2's globskipdots), and
// a leading '.' of a name must be matched by a literal '.' unless DotGlob.
//
// With GlobStar, `**` matches zero or more directories, not descending into
// symbolic links nor (without DotGlob) hidden directories; `**/` yields only
// directories; a final `**` also yields the directory it starts from (as
// "dir/" when that prefix was written literally). As in bash 5.2, a symbolic
// link to a directory found under a directory prefix (`d/**/x`, not `**/x`)
// counts as one of the directories `**` stands for, without going deeper.
func Glob(pat string, opts GlobOptions) ([]string, error) {
	g := globber{opts: opts, mode: opts.Mode | Pathname}
	if g.opts.ReadDir == nil {
		g.opts.ReadDir = func(dir string) ([]DirEntry, error) {
			if dir == "" {
				dir = "."
			}
			list, err := os.ReadDir(dir)
			return DirEntries(list), err
		}
	}
	if g.opts.Lstat == nil {
		g.opts.Lstat = os.Lstat
	}
	if g.opts.Stat == nil {
		g.opts.Stat = os.Stat
	}
	root, comps := splitPath(pat)
	if root == "" && len(comps) == 0 {
		return nil, nil
	}
	paths := []globPath{{path: root, literal: true, unchecked: len(comps) == 0}}
	for i := range comps {
		var done bool
		var err error
		paths, done, err = g.component(paths, comps, i)
		if err != nil {
			return nil, err
		}
		if len(paths) == 0 {
			return nil, nil
		}
		if done {
			break
		}
	}
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		if p.unchecked {
			if _, err := g.opts.Lstat(p.path); err != nil {
				continue
			}
		}
		out = append(out, p.path)
	}
	if len(out) == 0 {
		return nil, nil
	}
	sort.Strings(out)
	return out, nil
}

// DirEntry is a name a directory lists and the type of file it names
// (fs.FileMode's type bits), which is all pathname expansion needs: a
// lister can return thousands of them in one allocation.
type DirEntry struct {
	Name string
	Type fs.FileMode
}

// DirEntries converts os.ReadDir's entries.
func DirEntries(list []fs.DirEntry) []DirEntry {
	out := make([]DirEntry, len(list))
	for i, e := range list {
		out[i] = DirEntry{Name: e.Name(), Type: e.Type()}
	}
	return out
}

// globPath is a path built so far.
type globPath struct {
	path string
	// literal: every component so far was written literally.
	literal bool
	// unchecked: the path ends in literal components not yet known to exist.
	unchecked bool
	// globbed: the last component came from listing a directory; a
	// doubled slash after it is not kept (bash: `*//b` gives "a/b").
	globbed bool
	// doubled: such a doubled slash was just dropped.
	doubled bool
	// typ is the type its directory entry gave, if it came from one:
	// enough to tell a directory or a file from a symbolic link without
	// a stat.
	typ    fs.FileMode
	listed bool
}

// slashBase reports whether a final ** yields this directory as "dir/"
// rather than "dir": bash 5.2 does so for a prefix written literally
// (`a/**`) or ending in a dropped doubled slash (`*//**`).
func (p globPath) slashBase() bool {
	return (p.literal || p.doubled) && strings.Trim(p.path, "/") != ""
}

type globber struct {
	opts GlobOptions
	mode Mode
}

// splitPath splits pattern text into its leading slashes and the components
// between the others. An escaped '/' separates components too: a file name
// cannot contain one.
func splitPath(pat string) (root string, comps []string) {
	i := 0
	for i < len(pat) && pat[i] == '/' {
		i++
	}
	root = pat[:i]
	if i == len(pat) {
		return root, nil
	}
	var cur strings.Builder
	for ; i < len(pat); i++ {
		switch {
		case pat[i] == '\\' && i+1 < len(pat) && pat[i+1] == '/':
			i++
			fallthrough
		case pat[i] == '/':
			comps = append(comps, cur.String())
			cur.Reset()
		case pat[i] == '\\' && i+1 < len(pat):
			cur.WriteString(pat[i : i+2])
			i++
		default:
			cur.WriteByte(pat[i])
		}
	}
	return root, append(comps, cur.String())
}

// join appends a name to a path as the pattern wrote it.
func join(dir, name string) string { return joinPrefix(dir) + name }

// joinPrefix is what join puts before a name.
func joinPrefix(dir string) string {
	switch {
	case dir == "":
		return ""
	case strings.Trim(dir, "/") == "":
		return dir // the root, "/" or "//"
	}
	return dir + "/"
}

// component applies comps[i] to every path. done reports that it dealt with
// the rest of the pattern too (a final `**`).
func (g *globber) component(paths []globPath, comps []string, i int) (out []globPath, done bool, err error) {
	comp, last := comps[i], i == len(comps)-1
	if comp == "" {
		// A doubled slash, or the trailing slash that keeps directories.
		for _, p := range paths {
			switch {
			case last:
				if !g.pathIsDir(p) {
					continue
				}
				out = append(out, globPath{path: p.path + "/", literal: p.literal})
			case p.globbed:
				p.doubled = true
				out = append(out, p)
			default:
				out = append(out, globPath{path: p.path + "/", literal: p.literal, unchecked: p.unchecked})
			}
		}
		return out, false, nil
	}
	if g.opts.GlobStar && comp == "**" {
		if i > 0 && comps[i-1] == "**" {
			return paths, false, nil // **/** is **
		}
		out, done = g.globStar(paths, comps[i+1:])
		return out, done, nil
	}
	if !HasMeta(comp, g.mode) {
		name := Unescape(comp)
		out = make([]globPath, len(paths))
		for k, p := range paths {
			out[k] = globPath{path: join(p.path, name), literal: p.literal, unchecked: true}
		}
		return out, false, nil
	}
	pat, err := Compile(comp, g.mode)
	if err != nil {
		return nil, false, err
	}
	for _, p := range paths {
		entries, err := g.opts.ReadDir(p.path)
		if err != nil {
			continue // unreadable or not a directory: nothing matches, as in bash
		}
		matched := entries[:0] // the listing is Glob's to reuse
		for _, e := range entries {
			name := e.Name
			if name == "." || name == ".." || !pat.Match(name) {
				continue
			}
			if !last && !mayBeDir(e) {
				continue
			}
			matched = append(matched, e)
		}
		out = slices.Grow(out, len(matched))
		for k, path := range joinAll(p.path, matched) {
			out = append(out, globPath{path: path, globbed: true, typ: matched[k].Type, listed: true})
		}
	}
	return out, false, nil
}

// joinAll is join for every entry of one directory, with the paths made
// in one allocation: a glob over a large directory makes thousands of
// them, and the garbage collector then has one object to track, not one
// per name.
func joinAll(dir string, entries []DirEntry) []string {
	sep := joinPrefix(dir)
	size := 0
	for _, e := range entries {
		size += len(sep) + len(e.Name)
	}
	var b strings.Builder
	b.Grow(size)
	for _, e := range entries {
		b.WriteString(sep)
		b.WriteString(e.Name)
	}
	all := b.String()
	paths := make([]string, len(entries))
	at := 0
	for k, e := range entries {
		n := len(sep) + len(e.Name)
		paths[k] = all[at : at+n]
		at += n
	}
	return paths
}

// mayBeDir reports whether a directory entry can be descended into: a
// directory or a symbolic link (which may point at one).
func mayBeDir(e DirEntry) bool {
	t := e.Type
	return t.IsDir() || t&fs.ModeSymlink != 0
}

// pathIsDir is isDir without the stat when a directory entry said what
// the path is.
func (g *globber) pathIsDir(p globPath) bool {
	if p.listed && p.typ&fs.ModeSymlink == 0 {
		return p.typ.IsDir()
	}
	return g.isDir(p.path)
}

func (g *globber) isDir(path string) bool {
	if path == "" {
		return true
	}
	fi, err := g.opts.Stat(path)
	return err == nil && fi.IsDir()
}

// globStar expands a `**` component followed by the components rest.
// Followed by further components it stands for the directory itself and
// every directory below it; last, or followed only by slashes, it produces
// the listing itself (only directories, with their slash, in the second
// case) and reports done.
func (g *globber) globStar(paths []globPath, rest []string) (out []globPath, done bool) {
	repeated := false // **/** is **, but for the slash on its base
	for len(rest) > 0 && rest[0] == "**" {
		rest, repeated = rest[1:], true
	}
	slashes := 0
	for slashes < len(rest) && rest[slashes] == "" {
		slashes++
	}
	final := slashes == len(rest)
	dirsOnly := final && slashes > 0
	for _, p := range paths {
		entries, err := g.opts.ReadDir(p.path)
		if err != nil {
			continue
		}
		switch {
		case !final:
			// bash 5.2 also lets the next component look into a
			// symbolic link to a directory met on the way, unless
			// ** starts the pattern; `**//x` is `**/` then x.
			if p.path != "" || slashes == 0 {
				out = append(out, globPath{path: p.path, globbed: true})
			}
			links := p.path != "" || slashes > 0
			g.walk(p.path, entries, func(path string, e DirEntry) {
				if e.Type.IsDir() || (links && e.Type&fs.ModeSymlink != 0 && g.isDir(path)) {
					out = append(out, globPath{path: path, globbed: true})
				}
			})
		case dirsOnly:
			if p.path != "" {
				out = append(out, globPath{path: p.path + "/"})
			}
			g.walk(p.path, entries, func(path string, e DirEntry) {
				if e.Type.IsDir() || (e.Type&fs.ModeSymlink != 0 && g.isDir(path)) {
					out = append(out, globPath{path: path + "/"})
				}
			})
		default:
			if p.path != "" {
				base := p.path
				if p.slashBase() && !repeated {
					base += "/"
				}
				out = append(out, globPath{path: base})
			}
			g.walk(p.path, entries, func(path string, e DirEntry) {
				out = append(out, globPath{path: path})
			})
		}
	}
	return out, final
}

// walk calls fn for every entry below dir, whose entries are given, depth
// first, descending into real directories only (not symbolic links, so it
// cannot loop) and, without DotGlob, skipping hidden names.
func (g *globber) walk(dir string, entries []DirEntry, fn func(path string, e DirEntry)) {
	for _, e := range entries {
		name := e.Name
		if name == "." || name == ".." {
			continue
		}
		if name[0] == '.' && g.mode&DotGlob == 0 {
			continue
		}
		path := join(dir, name)
		fn(path, e)
		if e.Type.IsDir() {
			if sub, err := g.opts.ReadDir(path); err == nil {
				g.walk(path, sub, fn)
			}
		}
	}
}
