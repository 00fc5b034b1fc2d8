package parser

import (
	"strings"
	"testing"
)

func TestIncomplete(t *testing.T) {
	for _, tc := range []struct {
		src        string
		incomplete bool
	}{
		{"echo 'open", true},
		{"if true; then", true},
		{"echo a |", true},
		{"true &&", true},
		{"echo \\", true},
		{"cat <<EOF\nbody", true},
		{"echo done", false},
		{"fi", false}, // a real syntax error, not more input
	} {
		_, err := Parse(tc.src+"\n", "t")
		if got := NeedsMoreInput(tc.src+"\n", err); got != tc.incomplete {
			t.Errorf("Incomplete(%q) = %v (err %v), want %v", tc.src, got, err, tc.incomplete)
		}
	}
}

func TestStages(t *testing.T) {
	for _, tc := range []struct {
		src     string
		stages  []string
		pipeAll []bool
	}{
		{"a", []string{"a"}, []bool{false}},
		{"a | b | c", []string{"a", "b", "c"}, []bool{false, false, false}},
		{"a |& b | c", []string{"a", "b", "c"}, []bool{true, false, false}},
		{"a | (b | c)", []string{"a", "(b | c)"}, []bool{false, false}},
		{"! a | b", []string{"a", "b"}, []bool{false, false}}, // negation stays on the statement
	} {
		f, err := Parse(tc.src, "t")
		if err != nil {
			t.Fatal(err)
		}
		stages, all := Stages(f.Stmts[0])
		var got []string
		for _, s := range stages {
			got = append(got, PrintOneLine(s))
		}
		if strings.Join(got, ",") != strings.Join(tc.stages, ",") {
			t.Errorf("Stages(%q) = %q, want %q", tc.src, got, tc.stages)
		}
		for i := range all {
			if i < len(tc.pipeAll) && all[i] != tc.pipeAll[i] {
				t.Errorf("Stages(%q) pipeAll = %v, want %v", tc.src, all, tc.pipeAll)
				break
			}
		}
	}
}

func TestErrorLine(t *testing.T) {
	_, err := Parse("echo ok\nif then\n", "script.sh")
	want := "script.sh:2:1: syntax error: `if` must be followed by a statement list"
	if got := ErrorLine(err); got != want {
		t.Errorf("ErrorLine = %q, want %q", got, want)
	}
}

func TestArithmeticAsText(t *testing.T) {
	tests := []struct{ src, want string }{
		{"echo $(( x$foo = 42 ))", `echo $((" x$foo = 42 "))`},
		{"echo $(($base#ff)) $((1 $op 2))", `echo $(("$base#ff")) $(("1 $op 2"))`},
		{"echo $((1 + 2))", "echo $((1 + 2))"},
	}
	for _, tt := range tests {
		f, err := Parse(tt.src, "t")
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if got := PrintOneLine(f.Stmts[0]); got != tt.want {
			t.Errorf("%s: parsed as %s, want %s", tt.src, got, tt.want)
		}
	}
}
