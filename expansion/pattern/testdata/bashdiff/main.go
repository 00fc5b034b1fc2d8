// Command bashdiff holds package pattern to /bin/bash on random input: case
// matching, the ${v...} forms and pathname expansion. It prints every
// disagreement and a count per mode; the ones listed in the package doc are
// bash's own inconsistencies. It lives under testdata so that ./... skips
// it; run it from the repository root:
//
//	go run ./expansion/pattern/testdata/bashdiff -n 20000 -seed 1
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/gosh-sh/gosh/expansion/pattern"
)

func main() {
	n := flag.Int("n", 5000, "random cases per mode")
	seed := flag.Int64("seed", 1, "random seed")
	show := flag.Int("show", 10, "disagreements shown per mode")
	flag.Parse()
	r := rand.New(rand.NewSource(*seed))
	d := differ{show: *show}
	d.matches(r, *n)
	d.substitutions(r, *n/4)
	if err := d.globs(r, *n/4); err != nil {
		fmt.Fprintln(os.Stderr, "bashdiff:", err)
		os.Exit(2)
	}
	if d.total > 0 {
		os.Exit(1)
	}
}

type differ struct{ show, total int }

func (d *differ) report(kind string, mode pattern.Mode, bad []string, of int) {
	fmt.Printf("%s mode %d: %d of %d differ\n", kind, mode, len(bad), of)
	for i, b := range bad {
		if i == d.show {
			break
		}
		fmt.Println("  " + b)
	}
	d.total += len(bad)
}

func pick(r *rand.Rand, atoms []string, min, max int) string {
	var b strings.Builder
	for k := min + r.Intn(max-min+1); k > 0; k-- {
		b.WriteString(atoms[r.Intn(len(atoms))])
	}
	return b.String()
}

// bash runs script with the given options, input on stdin, in dir.
func bash(opts []string, script, dir string, in []byte) ([]byte, error) {
	cmd := exec.Command("/bin/bash", append(opts, "-c", script)...)
	cmd.Stdin = bytes.NewReader(in)
	cmd.Dir = dir
	cmd.Env = []string{"LC_ALL=C.UTF-8"}
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("bash: %w", err)
	}
	return out, nil
}

func shellOpts(mode pattern.Mode) (opts []string, pre string) {
	if mode&pattern.ExtGlob != 0 {
		opts = []string{"-O", "extglob"}
	}
	if mode&pattern.NoCase != 0 {
		pre = "shopt -s nocasematch; "
	}
	return opts, pre
}

func (d *differ) matches(r *rand.Rand, n int) {
	patAtoms := []string{"a", "b", ".", "-", "]", "!", "^", "*", "?", "\\", "[", "[", "(", "|", ")", "@(", "*(", "!(", "+(", "?(", "[:alpha:]", "[:digit:]", "é", "/", "\\*", "\\]", "[.a.]", "[=b=]", "z"}
	strAtoms := []string{"a", "b", ".", "-", "]", "!", "^", "*", "?", "\\", "[", "(", "|", ")", "é", "/", "1", "z", "A"}
	for _, mode := range []pattern.Mode{0, pattern.ExtGlob, pattern.ExtGlob | pattern.NoCase} {
		var in bytes.Buffer
		pats, subs := make([]string, n), make([]string, n)
		for i := range pats {
			pats[i], subs[i] = pick(r, patAtoms, 1, 7), pick(r, strAtoms, 0, 5)
			in.WriteString(pats[i] + "\x00" + subs[i] + "\x00")
		}
		opts, pre := shellOpts(mode)
		out, err := bash(opts, pre+`while IFS= read -r -d '' p && IFS= read -r -d '' s; do case $s in $p) printf y;; *) printf n;; esac; done`, "", in.Bytes())
		if err != nil || len(out) != n {
			fmt.Println("case run failed:", err)
			d.total++
			continue
		}
		var bad []string
		for i := range pats {
			p, _ := pattern.Compile(pats[i], mode)
			if got, want := p.Match(subs[i]), out[i] == 'y'; got != want {
				bad = append(bad, fmt.Sprintf("%q on %q: %v, bash %v", pats[i], subs[i], got, want))
			}
		}
		d.report("case", mode, bad, n)
	}
}

// ops are the ${v...} forms, with what the expander does for each.
var ops = []struct {
	op    string
	apply func(p *pattern.Pattern, s string) string
}{
	{"#", func(p *pattern.Pattern, s string) string { return cut(s, p.Prefix(s, false), true) }},
	{"##", func(p *pattern.Pattern, s string) string { return cut(s, p.Prefix(s, true), true) }},
	{"%", func(p *pattern.Pattern, s string) string { return cut(s, p.Suffix(s, false), false) }},
	{"%%", func(p *pattern.Pattern, s string) string { return cut(s, p.Suffix(s, true), false) }},
	{"/", func(p *pattern.Pattern, s string) string {
		if st, en, ok := p.Find(s, 0); ok {
			return s[:st] + "X" + s[en:]
		}
		return s
	}},
	{"//", func(p *pattern.Pattern, s string) string {
		var b strings.Builder
		i := 0
		for _, sp := range p.FindAll(s) {
			b.WriteString(s[i:sp[0]] + "X")
			i = sp[1]
		}
		return b.String() + s[i:]
	}},
}

func cut(s string, at int, front bool) string {
	switch {
	case at < 0:
		return s
	case front:
		return s[at:]
	default:
		return s[:at]
	}
}

func (d *differ) substitutions(r *rand.Rand, n int) {
	patAtoms := []string{"a", "b", ".", "-", "*", "?", "[ab]", "[!a]", "*(a)", "+(b|a)", "@(ab|a)", "!(a)", "?(b)", "é", "\\*", "[[:alpha:]]"}
	strAtoms := []string{"a", "b", ".", "-", "*", "é", "/", "1", "ab"}
	for _, mode := range []pattern.Mode{0, pattern.ExtGlob} {
		var in bytes.Buffer
		var pats, subs []string
		for len(pats) < n {
			p := pick(r, patAtoms, 1, 4)
			if mode == 0 && strings.ContainsAny(p, "()") {
				continue
			}
			s := pick(r, strAtoms, 0, 7)
			pats, subs = append(pats, p), append(subs, s)
			in.WriteString(p + "\x00" + s + "\x00")
		}
		var script strings.Builder
		script.WriteString(`while IFS= read -r -d '' p && IFS= read -r -d '' s; do printf '%s\0'`)
		for _, o := range ops {
			if strings.HasPrefix(o.op, "/") {
				script.WriteString(` "${s` + o.op + `$p/X}"`)
			} else {
				script.WriteString(` "${s` + o.op + `$p}"`)
			}
		}
		script.WriteString("; done")
		opts, _ := shellOpts(mode)
		out, err := bash(opts, script.String(), "", in.Bytes())
		fields := bytes.Split(out, []byte{0})
		if err != nil || len(fields) < len(pats)*len(ops) {
			fmt.Println("substitution run failed:", err)
			d.total++
			continue
		}
		var bad []string
		for i := range pats {
			p, _ := pattern.Compile(pats[i], mode)
			for k, o := range ops {
				if got, want := o.apply(p, subs[i]), string(fields[i*len(ops)+k]); got != want {
					bad = append(bad, fmt.Sprintf("${s%sp} s=%q p=%q: %q, bash %q", o.op, subs[i], pats[i], got, want))
				}
			}
		}
		d.report("${v...}", mode, bad, len(pats)*len(ops))
	}
}

// tree is the directory the glob runs expand in: directories, files and
// symbolic links (name, target), hidden ones and a non-ASCII name included.
var tree = struct{ dirs, files, links []string }{
	dirs:  []string{"a", "a/b", "a/b/c", ".h", "d1", "d2", "d2/.hid", "d2/sub", "sp ace"},
	files: []string{"a/f", "a/b/g", "a/b/c/h", ".hf", "x.c", "y.c", "X.C", "d2/.hid/z", "d2/sub/w", "q*", "[ab]", "b", "é.txt", ".h/x"},
	links: []string{"la", "a", "broken", "nowhere", "d1/lk", "../a", "lf", "x.c"},
}

func makeTree() (string, error) {
	root, err := os.MkdirTemp("", "bashdiff")
	if err != nil {
		return "", err
	}
	for _, dir := range tree.dirs {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			return "", err
		}
	}
	for _, f := range tree.files {
		if err := os.WriteFile(filepath.Join(root, f), nil, 0o644); err != nil {
			return "", err
		}
	}
	for i := 0; i < len(tree.links); i += 2 {
		if err := os.Symlink(tree.links[i+1], filepath.Join(root, tree.links[i])); err != nil {
			return "", err
		}
	}
	return root, nil
}

func (d *differ) globs(r *rand.Rand, n int) error {
	root, err := makeTree()
	if err != nil {
		return err
	}
	defer os.RemoveAll(root)
	abs := func(p string) string { return root + "/" + p } // not Join: it would clean ".."
	comps := []string{"*", "?", "a", "b", "d?", "**", ".*", "[ab]", "b*", "", ".", "*.c", "la", "d1", "lk", "?*", "[!a]*", ".h*", "x.c", "sub", "*/", "[[:alpha:]]*", "[.]*", "*[!c]", "\\*", "q\\*", "\\[ab]", "*.[[:upper:]]", "é*", "s*e"}
	for _, o := range []struct {
		shopt    string
		mode     pattern.Mode
		globstar bool
	}{{"", 0, false}, {"globstar", 0, true}, {"dotglob", pattern.DotGlob, false}, {"globstar dotglob", pattern.DotGlob, true}} {
		var pats []string
		var script strings.Builder
		script.WriteString("shopt -s nullglob " + o.shopt + "\n")
		for len(pats) < n {
			var parts []string
			for k := 1 + r.Intn(3); k > 0; k-- {
				parts = append(parts, comps[r.Intn(len(comps))])
			}
			p := strings.Join(parts, "/")
			if p == "" || p[0] == '/' || !pattern.HasMeta(p, pattern.Pathname) {
				continue
			}
			pats = append(pats, p)
			script.WriteString("printf '%s\\0' " + p + "; printf '\\1\\0'\n")
		}
		out, err := bash(nil, script.String(), root, nil)
		if err != nil {
			return err
		}
		groups := bytes.Split(out, []byte("\x01\x00"))
		opts := pattern.GlobOptions{
			Mode:     o.mode,
			GlobStar: o.globstar,
			ReadDir:  func(dir string) ([]fs.DirEntry, error) { return os.ReadDir(abs(dir)) },
			Lstat:    func(p string) (fs.FileInfo, error) { return os.Lstat(abs(p)) },
			Stat:     func(p string) (fs.FileInfo, error) { return os.Stat(abs(p)) },
		}
		var bad []string
		for i, p := range pats {
			var want []string
			for _, f := range bytes.Split(groups[i], []byte{0}) {
				if len(f) > 0 {
					want = append(want, string(f))
				}
			}
			if got, _ := pattern.Glob(p, opts); !reflect.DeepEqual(got, want) {
				bad = append(bad, fmt.Sprintf("%q: %q, bash %q", p, got, want))
			}
		}
		d.report("glob "+o.shopt, o.mode, bad, len(pats))
	}
	return nil
}
