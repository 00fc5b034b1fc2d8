package snapshot

import (
	"reflect"
	"testing"

	"github.com/gosh-sh/gosh/expansion"
)

// FuzzDecode feeds arbitrary bytes to the decoder, as a forged or damaged
// --subshell descriptor would. It must not panic, and what it accepts must
// encode back to itself. (What a shell does with an accepted snapshot is
// FuzzSnapshot's, in package shell.)
func FuzzDecode(f *testing.F) {
	f.Add(fullSnapshot().Encode())
	f.Add((&State{}).Encode())
	small := &State{Vars: map[string]Var{
		"a": {Kind: expansion.Indexed, Set: true, List: []string{"x", "y"}, Indexes: []int{0, 7}},
		"m": {Kind: expansion.Associative, Set: true, Map: map[string]string{"k": "v"}},
	}, Params: []string{"p1"}}
	f.Add(small.Encode())
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Decode(b)
		if err != nil {
			return
		}
		again, err := Decode(s.Encode())
		if err != nil {
			t.Fatalf("a decoded snapshot does not decode once encoded: %v", err)
		}
		if !reflect.DeepEqual(again, s) {
			t.Fatalf("round trip:\n got %#v\nwant %#v", again, s)
		}
	})
}
