package shell

import "testing"

// These cases came from gaps the public conformance suite showed; each is
// checked against bash as well (runBashCases).

func TestDupOntoItself(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "closed fd onto itself", src: `: 3>&3; echo $?`, out: "0\n"},
		{name: "closed fd moved onto itself", src: `: 3>&3-; echo $?`, out: "0\n"},
		{name: "exec keeps an open fd", src: `exec 4>f; exec 4>&4; echo hi >&4; exec 4>&4-; echo there >&4; cat f`, out: "hi\nthere\n"},
		{name: "input onto itself", src: `: 5<&5; echo $?`, out: "0\n"},
	})
}

func TestExecEnvironmentAndScripts(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "exec exports prefix assignments", src: `(B=2 exec env) | grep '^B='`, out: "B=2\n"},
		{name: "exec of a file without #! reads it as a script", src: `printf 'echo hello $B\n' >s; chmod +x s; (B=1 exec ./s)`, out: "hello 1\n"},
		{name: "a binary without #! is not run as a script", src: `printf '\177ELF\1\0\necho x\n' >b; chmod +x b; ./b 2>/dev/null; echo $?`, out: "126\n"},
		{name: "a NUL in the first line marks a binary", src: `printf 'echo x\0\necho y\n' >b; chmod +x b; ./b 2>/dev/null; echo $?`, out: "126\n"},
		{name: "a NUL after the first line does not", src: `printf 'echo x\necho y\0\n' >b; chmod +x b; ./b 2>/dev/null; echo $?`, out: "x\ny\n0\n"},
	})
}

func TestLooksBinary(t *testing.T) {
	for _, c := range []struct {
		sample string
		want   bool
	}{
		{"", false},
		{"echo hi\n", false},
		{"\x7fELF\x02\x01", true},
		{"ab\x00c\n", true},
		{"echo\nab\x00", false},
		{"#!/bin/sh\nab\x00\n", true},
		{"#!/bin/sh\nab\ncd\x00", false},
	} {
		if got := looksBinary([]byte(c.sample)); got != c.want {
			t.Errorf("looksBinary(%q) = %v, want %v", c.sample, got, c.want)
		}
	}
}

// An arithmetic error, or a list assigned to an array element, abandons
// the rest of the line being run: of the -c string, of an eval string, of
// a sourced file; a subshell exits.
func TestErrorAbandonsLine(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "arith in -c goes on with the next line", src: "echo $((1/0)); echo same\necho next $?", out: "next 1\n"},
		{name: "arith in eval ends the eval's line", src: "eval 'echo $((1/0)); echo same'; echo after $?", out: "after 1\n"},
		{name: "eval goes on with its next line", src: "eval 'echo $((1/0))\necho second'; echo after $?", out: "second\nafter 0\n"},
		{name: "source goes on with its next line", src: "printf 'echo $((1/0)); echo same\\necho next\\n' >s; . ./s; echo after $?", out: "next\nafter 0\n"},
		{name: "subshell exits", src: "(echo $((1/0)); echo same); echo out $?", out: "out 1\n"},
		{name: "function call abandoned with its line", src: "f() { echo $((1/0)); echo in; }\nf; echo same\necho next", out: "next\n"},
		{name: "list to an element", src: "a=(1 '2 3')\na[-1]+=(4 5); echo same\necho \"$? ${a[@]}\"", out: "1 1 2 3\n"},
		{name: "declare -i with a bad value, -c", src: "declare -i x='a b'; echo same\necho next $?", status: 1},
		{name: "integer assignment, -c", src: "declare -i y; y='a b'; echo same\necho next $?", status: 1},
		{name: "list to an element in a subshell", src: "(a[1]+=(x); echo in); echo $?", out: "1\n"},
	})
}

func TestPrefixAssignmentsSeeEarlierOnes(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "external command", src: `A=a B="[$A][$C]" C=c sh -c 'echo $A $B $C'; echo "after [$A][$B]"`, out: "a [a][] c\nafter [][]\n"},
		{name: "command substitution sees them", src: `A=1 B=$(printenv A) sh -c 'echo $B'; echo "[$A]"`, out: "1\n[]\n"},
		{name: "exported variable comes back", src: `export E=1; E=2 F=$E sh -c 'echo $E $F'; echo $E; sh -c 'echo $E'`, out: "2 2\n1\n1\n"},
		{name: "array comes back", src: `a=(1 2); a=x sh -c 'echo $a'; echo "${a[@]}"`, out: "x\n1 2\n"},
		{name: "attributes do not apply", src: `declare -i n; n=1+1 sh -c 'echo $n'`, out: "1+1\n"},
		{name: "function", src: `f() { echo "$P $Q"; }; P=1 Q=$P f; echo "[$P]"`, out: "1 1\n[]\n"},
		{name: "regular builtin", src: `P=a Q=$P command eval 'echo $Q'; echo "[$Q]"`, out: "a\n[]\n"},
	})
}

// A declaration command's words are all expanded before it assigns
// anything, and before its redirections are made, as for any command.
func TestDeclarationExpandsFirst(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "local sees the outer value", src: `x=5; f() { local x=$x; echo "[$x]"; }; f`, out: "[5]\n"},
		{name: "local default from the outer value", src: `y=outer; f() { local y="${y:-d}"; echo $y; }; f`, out: "outer\n"},
		{name: "local array extends the outer one", src: `a=(o1 o2); f() { local a=("${a[@]}" "n 3"); echo "${#a[@]} ${a[2]}"; }; f`, out: "3 n 3\n"},
		{name: "later value sees the old variable", src: `x=0; export x=1 y=$x; echo $y`, out: "0\n"},
		{name: "readonly too", src: `readonly r=1 q=$r; echo "[$q]"`, out: "[]\n"},
		{name: "values before redirections", src: `readonly z=$(echo E) >/dev/null; echo "$z"; export w=$(echo F >&2) 2>/dev/null`, out: "E\n", errSub: "F"},
		{name: "associative elements", src: `x=1; declare -A m=([k]=$x [j]="a b"); echo "${m[k]} ${m[j]}"`, out: "1 a b\n"},
		{name: "integer attribute applies after", src: `declare -i n=2+3; echo $n`, out: "5\n"},
	})
}

func TestEmptySliceOperands(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "string", src: `s=123; echo "[${s: }] [${s::}] [${s:1:}] [${s: :2}]"`, out: "[123] [] [] [12]\n"},
		{name: "array", src: `a=(1 2 3); echo "[${a[@]::}] [${a[@]:0:}] [${a[@]: }]"`, out: "[] [] [1 2 3]\n"},
		{name: "positional", src: `set -- x y; echo "[${@::}] [${@:1:}]"`, out: "[] []\n"},
	})
}

// PIPESTATUS is set by what runs: a command, a pipeline, a subshell; a
// compound command leaves what its last command set.
func TestPipeStatus(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "empty at first", src: `echo "[${PIPESTATUS[@]}] ${#PIPESTATUS[@]}"`, out: "[] 0\n"},
		{name: "set by the first command", src: `x=1; echo "[${PIPESTATUS[@]}]"; false | true; echo "${PIPESTATUS[@]}"`, out: "[0]\n1 0\n"},
		{name: "not by a case that ran nothing", src: `false | true; case x in y) ;; esac; echo "${PIPESTATUS[@]}"`, out: "1 0\n"},
		{name: "nor an empty loop", src: `false | true; for i in; do :; done; echo "${PIPESTATUS[@]}"`, out: "1 0\n"},
		{name: "nor a function definition", src: `false | true; f() { return 4; }; echo "${PIPESTATUS[@]}"`, out: "1 0\n"},
		{name: "an if by the command it ran last", src: `false | true; if false; then :; fi; echo "${PIPESTATUS[@]} $?"`, out: "1 0\n"},
		{name: "a subshell", src: `false | true; (exit 3); echo "${PIPESTATUS[@]}"`, out: "3\n"},
		{name: "a negated command its own status", src: `! false; echo "${PIPESTATUS[@]}"`, out: "1\n"},
	})
}

func TestUnsetNegativeSubscript(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "out of range", src: `a=(1); unset -v 'a[-2]'; echo $? ${#a[@]}`, out: "1 1\n", errSub: "unset: [-2]: bad array subscript"},
		{name: "in range", src: `b=(1 2 3); unset 'b[-3]'; echo $? "${b[@]}"`, out: "0 2 3\n"},
	})
}
