package snapshot

import (
	"cmp"
	"encoding/binary"
	"errors"
	"maps"
	"math"
	"slices"

	"github.com/gosh-sh/gosh/expansion"
)

// The snapshot travels to a re-executed subshell in a compact binary form:
// each field in a fixed order, numbers as varints, strings and lists
// prefixed by their length. It used to be JSON, but encoding/json and the
// reflection it keeps alive were a tenth of the gosh binary, and every page
// of the binary that start-up touches counts in its resident memory.
//
// Parent and child are the same executable, so the format needs no
// compatibility; wireVersion only makes a mismatch (the binary replaced on
// disk between the fork and the exec) fail with a clear error.
const wireVersion = 4

var errMalformed = errors.New("malformed subshell snapshot")

// Encode returns the snapshot's wire form.
func (s *State) Encode() []byte {
	e := encoder{b: make([]byte, 0, 4096)}
	e.uint(wireVersion)
	e.uint(uint64(len(s.Vars)))
	for _, name := range slices.Sorted(maps.Keys(s.Vars)) {
		v := s.Vars[name]
		e.str(name)
		e.uint(uint64(v.Kind))
		e.bools(v.Set, v.Exported, v.ReadOnly, v.Local)
		e.bools(v.Integer, v.Lower, v.Upper, false)
		e.str(v.Str)
		e.strs(v.List)
		e.ints(v.Indexes)
		e.strMap(v.Map)
	}
	e.str(s.Funcs)
	e.strMap(s.Aliases)
	e.strs(s.Options)
	e.uint(uint64(len(s.Traps)))
	for _, sig := range slices.Sorted(maps.Keys(s.Traps)) {
		e.int(sig)
		e.str(s.Traps[sig])
	}
	e.strs(s.Params)
	e.str(s.Arg0)
	e.int(s.Status)
	e.int(s.LastBg)
	e.str(s.Dir)
	e.int(s.Pid)
	e.int(s.PPid)
	e.str(s.Name)
	e.ints(s.Fds)
	e.str(s.Program)
	e.int(s.Line)
	e.strs(s.History)
	e.int(s.HistBase)
	e.bools(s.HistOwnLine, false, false, false)
	e.strs(s.FuncNames)
	e.strs(s.Locals)
	e.int(s.Sourcing)
	e.ints(s.IgnoredOnEntry)
	e.uint(uint64(len(s.Completions)))
	for _, c := range s.Completions {
		e.str(c.Name)
		e.uint(c.Actions)
		e.uint(c.Options)
		e.strs([]string{c.Glob, c.Words, c.Function, c.Command, c.Filter, c.Prefix, c.Suffix})
	}
	return e.b
}

// Decode is Encode's inverse. It never panics and never allocates
// more than the input could hold, whatever the bytes, and it refuses a
// variable that breaks expansion.Variable's invariants (a sparse array's
// indexes, one case attribute), which restoring it would trust.
func Decode(b []byte) (*State, error) {
	d := decoder{b: b}
	if f := d.uint(); f != wireVersion {
		if d.err == nil {
			return nil, errors.New("subshell snapshot from another version of gosh")
		}
		return nil, d.err
	}
	s := &State{}
	if n := d.count(); n > 0 {
		s.Vars = make(map[string]Var, n)
		for range n {
			name := d.str()
			var v Var
			v.Kind = expansion.Kind(d.uint())
			v.Set, v.Exported, v.ReadOnly, v.Local = d.bools()
			v.Integer, v.Lower, v.Upper, _ = d.bools()
			v.Str = d.str()
			v.List = d.strs()
			v.Indexes = d.ints()
			v.Map = d.strMap()
			if v.Indexes != nil && !expansion.SparseIndexesValid(v.Indexes, len(v.List)) || v.Lower && v.Upper {
				d.err = cmp.Or(d.err, errMalformed) // the variable model's invariants, not only the wire form
			}
			if v.Kind == expansion.Associative && v.Map == nil {
				v.Map = map[string]string{} // declared, still empty: assignable
			}
			s.Vars[name] = v
		}
	}
	s.Funcs = d.str()
	s.Aliases = d.strMap()
	s.Options = d.strs()
	if n := d.count(); n > 0 {
		s.Traps = make(map[int]string, n)
		for range n {
			sig := d.int()
			s.Traps[sig] = d.str()
		}
	}
	s.Params = d.strs()
	s.Arg0 = d.str()
	s.Status = d.int()
	s.LastBg = d.int()
	s.Dir = d.str()
	s.Pid = d.int()
	s.PPid = d.int()
	s.Name = d.str()
	s.Fds = d.ints()
	s.Program = d.str()
	s.Line = d.int()
	s.History = d.strs()
	s.HistBase = d.int()
	s.HistOwnLine, _, _, _ = d.bools()
	s.FuncNames = d.strs()
	s.Locals = d.strs()
	s.Sourcing = d.int()
	s.IgnoredOnEntry = d.ints()
	if n := d.count(); n > 0 {
		for range n { // no capacity ahead: a Completion is bigger than its bytes
			c := Completion{Name: d.str(), Actions: d.uint(), Options: d.uint()}
			if f := d.strs(); len(f) == 7 {
				c.Glob, c.Words, c.Function, c.Command, c.Filter, c.Prefix, c.Suffix = f[0], f[1], f[2], f[3], f[4], f[5], f[6]
			} else if d.err == nil {
				d.err = errMalformed
			}
			s.Completions = append(s.Completions, c)
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errMalformed
	}
	if d.err != nil {
		return nil, d.err
	}
	return s, nil
}

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int)     { e.b = binary.AppendVarint(e.b, int64(v)) }

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// bools packs up to four flags into one byte.
func (e *encoder) bools(a, b, c, d bool) {
	var v uint64
	for i, f := range [...]bool{a, b, c, d} {
		if f {
			v |= 1 << i
		}
	}
	e.uint(v)
}

// strs, ints and strMap write nil and empty alike (as a zero count), and
// the decoder gives back nil: the evaluator treats the two the same.
func (e *encoder) strs(l []string) { encodeList(e, l, e.str) }
func (e *encoder) ints(l []int)    { encodeList(e, l, e.int) }

func encodeList[T any](e *encoder, l []T, elem func(T)) {
	e.uint(uint64(len(l)))
	for _, v := range l {
		elem(v)
	}
}

func (e *encoder) strMap(m map[string]string) {
	e.uint(uint64(len(m)))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		e.str(k)
		e.str(m[k])
	}
}

// decoder reads what encoder wrote. After the first error every
// read returns a zero value and err stays set.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errMalformed
	}
	d.b = nil
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 || v < math.MinInt || v > math.MaxInt {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// count reads a length. Every element takes at least one byte, so a count
// larger than what is left is corrupt; checking it bounds allocations.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.count()
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) bools() (a, b, c, e bool) {
	v := d.uint()
	return v&1 != 0, v&2 != 0, v&4 != 0, v&8 != 0
}

func (d *decoder) strs() []string { return decodeList(d, d.str) }
func (d *decoder) ints() []int    { return decodeList(d, d.int) }

// decodeList reads a count and that many elements; none gives nil.
func decodeList[T any](d *decoder, elem func() T) []T {
	n := d.count()
	if n == 0 {
		return nil
	}
	l := make([]T, n)
	for i := range l {
		l[i] = elem()
	}
	return l
}

func (d *decoder) strMap() map[string]string {
	n := d.count()
	if n == 0 {
		return nil
	}
	m := make(map[string]string, n)
	for range n {
		k := d.str()
		m[k] = d.str()
	}
	return m
}
