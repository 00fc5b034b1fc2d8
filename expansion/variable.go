package expansion

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Kind says which of a Variable's value fields is in use. An unset
// variable may still have a kind: `declare -a x` declares an empty array.
type Kind uint8

const (
	// Unknown is the kind of a variable that has none yet.
	Unknown Kind = iota
	// String is a plain value: x=v.
	String
	// NameRef refers to another variable by name: declare -n r=x.
	NameRef
	// Indexed is an indexed array: a=(x y).
	Indexed
	// Associative is an associative array: declare -A m=([k]=v).
	Associative
	// KeepValue asks Host.Set to change only attributes (export x,
	// readonly x), leaving the value alone.
	KeepValue
)

// Variable is a shell variable: its attributes and its value. A stored
// Variable's List and Map are never modified in place (an element assignment
// builds a new slice or map), so copies of a variable table can share them.
type Variable struct {
	// Set is true when the variable has a value, which may be empty.
	Set bool

	Local    bool
	Exported bool
	ReadOnly bool
	// Integer (declare -i) evaluates every value assigned as arithmetic;
	// Lower and Upper (declare -l, -u) change its case. At most one of
	// Lower and Upper is set.
	Integer bool
	Lower   bool
	Upper   bool

	Kind Kind

	Str  string            // String and NameRef
	List []string          // Indexed
	Map  map[string]string // Associative

	// Indexes holds the index of each List element of a sparse array
	// (a=([2]=x [5]=y)): unique, non-negative and sorted. Nil means
	// element i has index i.
	Indexes []int
}

// SparseIndexesValid reports whether indexes can be the Indexes of a
// List of n elements: one per element, unique, non-negative and sorted.
// Code that builds a Variable from outside data (a snapshot) checks it,
// because Elem and every array operation rely on it.
func SparseIndexesValid(indexes []int, n int) bool {
	if len(indexes) != n {
		return false
	}
	for i, x := range indexes {
		if x < 0 || i > 0 && x <= indexes[i-1] {
			return false
		}
	}
	return true
}

// Declared reports whether the variable exists at all: it has a value or
// an attribute (`export x` and `declare -a x` declare without setting).
func (v Variable) Declared() bool {
	return v.Set || v.Local || v.Exported || v.ReadOnly || v.Kind != Unknown || v.Integer || v.Lower || v.Upper
}

// Flags returns the attribute letters in the order of bash's declare -p
// and ${x@a} (var_attribute_string in bash's variables.c): a or A, i, n,
// r, x, then l or u.
func (v Variable) Flags() string {
	var flags []byte
	switch v.Kind {
	case Indexed:
		flags = append(flags, 'a')
	case Associative:
		flags = append(flags, 'A')
	}
	if v.Integer {
		flags = append(flags, 'i')
	}
	if v.Kind == NameRef {
		flags = append(flags, 'n')
	}
	if v.ReadOnly {
		flags = append(flags, 'r')
	}
	if v.Exported {
		flags = append(flags, 'x')
	}
	if v.Lower {
		flags = append(flags, 'l')
	}
	if v.Upper {
		flags = append(flags, 'u')
	}
	return string(flags)
}

// WithCase applies the Lower or Upper attribute to a value being assigned.
func (v Variable) WithCase(s string) string {
	switch {
	case v.Lower:
		return strings.ToLower(s)
	case v.Upper:
		return strings.ToUpper(s)
	}
	return s
}

// String is the variable's scalar value: the string, element 0 of an
// indexed array, the element with key "0" of an associative one (as bash),
// or "".
func (v Variable) String() string {
	switch v.Kind {
	case String, NameRef:
		return v.Str
	case Indexed:
		s, _ := v.Elem(0)
		return s
	case Associative:
		return v.Map["0"]
	}
	return ""
}

// Elem returns the element of an indexed array with index i (i ≥ 0).
func (v Variable) Elem(i int) (string, bool) {
	if v.Indexes != nil {
		if pos, ok := slices.BinarySearch(v.Indexes, i); ok {
			return v.List[pos], true
		}
		return "", false
	}
	if i >= 0 && i < len(v.List) {
		return v.List[i], true
	}
	return "", false
}

// MaxIndex is one more than the highest index in use: the base for
// negative subscripts (a[-1] is a[MaxIndex-1]).
func (v Variable) MaxIndex() int {
	if v.Indexes != nil {
		if len(v.Indexes) == 0 {
			return 0
		}
		return v.Indexes[len(v.Indexes)-1] + 1
	}
	return len(v.List)
}

// Keys returns the subscripts of an array's elements in order: the indexes
// of an indexed array, the sorted keys of an associative one, "0" for a set
// string.
func (v Variable) Keys() []string {
	switch v.Kind {
	case Indexed:
		keys := make([]string, len(v.List))
		for i := range v.List {
			if v.Indexes != nil {
				keys[i] = strconv.Itoa(v.Indexes[i])
			} else {
				keys[i] = strconv.Itoa(i)
			}
		}
		return keys
	case Associative:
		return sortedKeys(v.Map)
	}
	if v.Set {
		return []string{"0"}
	}
	return nil
}

// Values returns every element's value in subscript order: ${a[@]}.
func (v Variable) Values() []string {
	switch v.Kind {
	case Indexed:
		return v.List
	case Associative:
		keys := sortedKeys(v.Map)
		vals := make([]string, len(keys))
		for i, k := range keys {
			vals[i] = v.Map[k]
		}
		return vals
	}
	if v.Set {
		return []string{v.Str}
	}
	return nil
}

// sortedKeys gives an associative array's keys in bash's order, so that
// scripts that print ${!m[@]} print what they print under bash: bash walks
// its hash table bucket by bucket (hashlib.c). Keys that share a bucket,
// which bash orders by insertion, come in byte order here: ${!m[@]} and
// ${m[@]} still agree with each other and from run to run.
func sortedKeys(m map[string]string) []string {
	type entry struct {
		bucket uint32
		key    string
	}
	mask := assocBuckets(len(m)) - 1
	entries := make([]entry, 0, len(m))
	for k := range m {
		entries = append(entries, entry{bashHash(k) & mask, k})
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if a.bucket != b.bucket {
			return cmp.Compare(a.bucket, b.bucket)
		}
		return strings.Compare(a.key, b.key)
	})
	keys := make([]string, len(entries))
	for i, e := range entries {
		keys[i] = e.key
	}
	return keys
}

// assocBuckets is how many buckets bash's table for n keys has: 1024
// (ASSOC_HASH_BUCKETS), growing fourfold whenever the keys reach twice
// the buckets (HASH_SHOULDGROW).
func assocBuckets(n int) uint32 {
	b := uint32(1024)
	for n > int(b)*2 && b < 1<<28 {
		b *= 4
	}
	return b
}

// bashHash is bash's hash_string: 32-bit FNV-1.
func bashHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h *= 16777619
		h ^= uint32(s[i])
	}
	return h
}
