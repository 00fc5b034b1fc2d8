package snapshot

import (
	"reflect"
	"testing"

	"github.com/gosh-sh/gosh/expansion"
)

func fullSnapshot() *State {
	return &State{
		Vars: map[string]Var{
			"s":     {Kind: expansion.String, Set: true, Str: "a b\x00\n\xff", Exported: true},
			"ro":    {Kind: expansion.String, Set: true, Str: "x", ReadOnly: true},
			"unset": {Kind: expansion.String},
			"arr":   {Kind: expansion.Indexed, Set: true, List: []string{"", "one", "two"}, Indexes: []int{0, 5, 1 << 40}},
			"assoc": {Kind: expansion.Associative, Set: true, Map: map[string]string{"k": "v", "": "empty key"}},
			"none":  {Kind: expansion.Associative, Set: true, Map: map[string]string{}},
			"loc":   {Kind: expansion.String, Set: true, Str: "l", Local: true},
			"i":     {Kind: expansion.String, Set: true, Str: "3", Integer: true},
			"lower": {Kind: expansion.String, Set: true, Str: "abc", Lower: true, Exported: true},
			"upper": {Kind: expansion.Indexed, Set: true, List: []string{"X"}, Upper: true, Integer: true},
		},
		Funcs:       "f() { echo hi; }\n",
		Aliases:     map[string]string{"ll": "ls -l"},
		Options:     []string{"errexit", "shopt:extglob"},
		Traps:       map[int]string{0: "echo bye", -1: "false", 2: "echo int"}, // EXIT, ERR, INT
		Params:      []string{"1", "", "three words"},
		Arg0:        "script.sh",
		Status:      130,
		LastBg:      12345,
		Dir:         "/tmp/some dir",
		Pid:         1 << 22,
		PPid:        1,
		Name:        "script.sh",
		Fds:         []int{0, 1, 2, 9},
		Program:     "( exit 3 )",
		Line:        -1,
		History:     []string{"ls", "echo 'multi\nline'"},
		HistBase:    7,
		HistOwnLine: true,

		FuncNames: []string{"outer", "inner"},
		Locals:    []string{"loc", "x"},
		Sourcing:  1,

		IgnoredOnEntry: []int{1, 2},
		Completions: []Completion{
			{Name: "svc", Function: "_svc", Options: 1 << 3},
			{Name: "_DefaultCmD_", Actions: 1<<5 | 1<<23, Glob: "*", Words: "a b", Command: "c", Filter: "!*.c", Prefix: "<", Suffix: ">"},
		},
	}
}

func TestRoundTrip(t *testing.T) {
	for _, s := range []*State{fullSnapshot(), {}} {
		got, err := Decode(s.Encode())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, s) {
			t.Errorf("round trip:\n got %#v\nwant %#v", got, s)
		}
	}
}

// TestDeterministic: maps are written in key order, so one state
// always encodes to the same bytes.
func TestDeterministic(t *testing.T) {
	a, b := string(fullSnapshot().Encode()), string(fullSnapshot().Encode())
	if a != b {
		t.Error("two encodings of one snapshot differ")
	}
}

// TestCorrupt: every truncation, and every single-byte change, of a
// valid encoding is rejected or decoded without a panic.
func TestCorrupt(t *testing.T) {
	b := fullSnapshot().Encode()
	for n := range len(b) {
		if _, err := Decode(b[:n]); err == nil {
			t.Errorf("truncated to %d of %d bytes: no error", n, len(b))
		}
	}
	if _, err := Decode(append(b[:len(b):len(b)], 0)); err == nil {
		t.Error("trailing byte: no error")
	}
	for i := range b {
		c := append([]byte(nil), b...)
		c[i] ^= 0xff
		Decode(c) // must not panic or allocate wildly
	}
	other := append([]byte{wireVersion + 1}, b[1:]...)
	if _, err := Decode(other); err == nil || err == errMalformed {
		t.Errorf("another format: err = %v, want the version error", err)
	}
}

// TestDecodeRefusesBrokenVariables: a wire form that decodes but breaks an
// invariant of expansion.Variable is refused, since restoring it would
// panic the first time the array is read (found by FuzzSnapshot).
func TestDecodeRefusesBrokenVariables(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    Var
		ok   bool
	}{
		{"dense", Var{Kind: expansion.Indexed, Set: true, List: []string{"x", "y"}}, true},
		{"sparse", Var{Kind: expansion.Indexed, Set: true, List: []string{"x", "y"}, Indexes: []int{0, 7}}, true},
		{"fewer indexes", Var{Kind: expansion.Indexed, Set: true, List: []string{"x", "y"}, Indexes: []int{3}}, false},
		{"more indexes", Var{Kind: expansion.Indexed, Set: true, Indexes: []int{0}}, false},
		{"unsorted", Var{Kind: expansion.Indexed, Set: true, List: []string{"x", "y"}, Indexes: []int{7, 0}}, false},
		{"repeated", Var{Kind: expansion.Indexed, Set: true, List: []string{"x", "y"}, Indexes: []int{2, 2}}, false},
		{"negative", Var{Kind: expansion.Indexed, Set: true, List: []string{"x"}, Indexes: []int{-1}}, false},
		{"lower and upper", Var{Kind: expansion.String, Set: true, Str: "x", Lower: true, Upper: true}, false},
	} {
		b := (&State{Vars: map[string]Var{"a": tc.v}}).Encode()
		_, err := Decode(b)
		if (err == nil) != tc.ok {
			t.Errorf("%s: Decode err = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
}
