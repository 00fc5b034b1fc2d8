package expansion

import (
	"slices"
	"strings"
	"testing"
)

func TestFlagsOrder(t *testing.T) {
	vr := Variable{Kind: Indexed, Integer: true, ReadOnly: true, Exported: true, Lower: true}
	if got := vr.Flags(); got != "airxl" {
		t.Errorf("Flags = %q, want airxl (bash's a A i n r x l u)", got)
	}
	if got := (Variable{Kind: NameRef, Upper: true}).Flags(); got != "nu" {
		t.Errorf("Flags = %q, want nu", got)
	}
}

// TestAssocOrder: bash 5.2 lists ${!m[@]} for the keys a..p as p o n ... a
// (bucket order of its FNV-1 table).
func TestAssocOrder(t *testing.T) {
	m := map[string]string{}
	for c := 'a'; c <= 'p'; c++ {
		m[string(c)] = ""
	}
	got := strings.Join(Variable{Kind: Associative, Map: m}.Keys(), "")
	if got != "ponmlkjihgfedcba" {
		t.Errorf("keys in order %q, want bash's ponmlkjihgfedcba", got)
	}
	if got := (Variable{Kind: Associative, Map: map[string]string{"a": "1", "b": "2"}}).Values(); !slices.Equal(got, []string{"2", "1"}) {
		t.Errorf("values %q, want bash's [2 1]", got)
	}
}

func TestDeclareText(t *testing.T) {
	cases := []struct {
		vr   Variable
		want string
	}{
		{Variable{Set: true, Kind: String, Str: "a\"$`\\b"}, `declare -- x="a\"\$\` + "`" + `\\b"`},
		{Variable{Set: true, Kind: String, Str: "a\nb", Integer: true}, `declare -i x=$'a\nb'`},
		{Variable{Kind: Indexed}, `declare -a x`},
		{Variable{Set: true, Kind: Indexed, List: []string{"p", "q"}, Indexes: []int{1, 5}}, `declare -a x=([1]="p" [5]="q")`},
		{Variable{Set: true, Kind: Associative, Map: map[string]string{}}, `declare -A x=()`},
		{Variable{Set: true, Kind: Associative, Map: map[string]string{"a b": "1"}}, `declare -A x=(["a b"]="1" )`},
		{Variable{Set: true, Kind: NameRef, Str: "y"}, `declare -n x="y"`},
	}
	for _, c := range cases {
		if got := DeclareText("x", c.vr); got != c.want {
			t.Errorf("DeclareText(%+v) = %s, want %s", c.vr, got, c.want)
		}
	}
	for k, want := range map[string]string{"a": "a", "a#": "a#", "#a": `"#a"`, "~h": `"~h"`, "a~": "a~", "@": `"@"`,
		"x y": `"x y"`, "a]": `"a]"`, "n\nl": `$'n\nl'`, "": `""`} {
		if got := AssocKeyQuote(k); got != want {
			t.Errorf("AssocKeyQuote(%q) = %s, want %s", k, got, want)
		}
	}
}
