package arith

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// fakeEnv is a small model of the shell's variables: scalars, indexed
// arrays and associative arrays, with bash's rules for reading a scalar
// with a subscript, an array without one, and negative indices.
type fakeEnv struct {
	scalars map[string]string
	indexed map[string]map[int64]string
	assoc   map[string]map[string]string
	// gets and sets count calls, to check side effects happen once.
	gets, sets int
}

func newFakeEnv() *fakeEnv {
	return &fakeEnv{
		scalars: map[string]string{},
		indexed: map[string]map[int64]string{},
		assoc:   map[string]map[string]string{},
	}
}

// setup builds the environment the tables share (and that bashdiff_test.go
// recreates in bash):
//
//	x=3 y=x z= s='1+2' e='1 +' i=0 n=-5 h=0x1f; a=(1 2 3); declare -A A=([k]=5 [j]=7 [" k "]=6)
func setup() *fakeEnv {
	env := newFakeEnv()
	for name, v := range map[string]string{"x": "3", "y": "x", "z": "", "s": "1+2", "e": "1 +", "i": "0", "n": "-5", "h": "0x1f"} {
		env.scalars[name] = v
	}
	env.indexed["a"] = map[int64]string{0: "1", 1: "2", 2: "3"}
	env.assoc["A"] = map[string]string{"k": "5", "j": "7", " k ": "6"}
	return env
}

const setupBash = `x=3 y=x z= s='1+2' e='1 +' i=0 n=-5 h=0x1f; a=(1 2 3); declare -A A=([k]=5 [j]=7 [" k "]=6)`

func (f *fakeEnv) IsAssoc(name string) bool { _, ok := f.assoc[name]; return ok }

func (f *fakeEnv) IsSet(name string) bool {
	_, s := f.scalars[name]
	_, i := f.indexed[name]
	_, a := f.assoc[name]
	return s || i || a
}

// index resolves an indexed-array key; ok is false for a key bash calls a
// bad subscript.
func (f *fakeEnv) index(name, key string) (int64, bool) {
	n, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return 0, false
	}
	if n < 0 {
		var max int64 = -1
		for k := range f.indexed[name] {
			max = maxInt(max, k)
		}
		n += max + 1
	}
	return n, n >= 0
}

func maxInt(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

func (f *fakeEnv) Get(name, key string, hasKey bool) (string, bool) {
	f.gets++
	if !hasKey {
		key = "0"
	}
	if m, ok := f.assoc[name]; ok {
		v, ok := m[key]
		return v, ok
	}
	if m, ok := f.indexed[name]; ok {
		n, ok := f.index(name, key)
		if !ok {
			return "", false
		}
		v, ok := m[n]
		return v, ok
	}
	if v, ok := f.scalars[name]; ok && (key == "0" || key == "-1") {
		return v, true
	}
	return "", false
}

var errBadSubscript = errors.New("bad array subscript")

func (f *fakeEnv) Set(name, key string, hasKey bool, value string) error {
	f.sets++
	if name == "ro" {
		return errors.New("ro: readonly variable")
	}
	if !hasKey {
		key = "0"
	}
	if m, ok := f.assoc[name]; ok {
		m[key] = value
		return nil
	}
	if _, ok := f.indexed[name]; !ok {
		if !hasKey || key == "0" {
			f.scalars[name] = value
			return nil
		}
		m := map[int64]string{}
		if v, ok := f.scalars[name]; ok {
			m[0] = v
			delete(f.scalars, name)
		}
		f.indexed[name] = m
	}
	n, ok := f.index(name, key)
	if !ok {
		return fmt.Errorf("%s[%s]: %w", name, key, errBadSubscript)
	}
	f.indexed[name][n] = value
	return nil
}

// dump describes the variables the tables look at, in the form
// bashdiff_test.go makes bash print them.
func (f *fakeEnv) dump() string {
	var b strings.Builder
	for _, name := range []string{"x", "y", "i", "u"} {
		v, ok := f.scalars[name]
		if m, isArray := f.indexed[name]; isArray {
			v, ok = m[0]
		}
		if !ok {
			v = "unset"
		}
		fmt.Fprintf(&b, "%s=%s;", name, v)
	}
	var idx []int64
	for k := range f.indexed["a"] {
		idx = append(idx, k)
	}
	sort.Slice(idx, func(i, j int) bool { return idx[i] < idx[j] })
	b.WriteString("a=")
	for _, k := range idx {
		fmt.Fprintf(&b, "%d:%s,", k, f.indexed["a"][k])
	}
	var keys []string
	for k, v := range f.assoc["A"] {
		keys = append(keys, k+":"+v)
	}
	sort.Strings(keys)
	b.WriteString(";A=")
	for _, k := range keys {
		b.WriteString(k + ",")
	}
	return b.String()
}
