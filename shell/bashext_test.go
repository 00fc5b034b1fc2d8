package shell

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// bashPath is bash. Tests that compare with bash fail without it, as in
// every package (README: bash is a test dependency).
func bashPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("bash")
	if err != nil {
		t.Fatalf("this test compares gosh with bash, which is not installed: %v", err)
	}
	return p
}

// runBashCases runs each case through gosh and through bash too: want is
// what bash prints, so a case whose expectation drifts from bash fails as
// surely as one gosh gets wrong.
func runBashCases(t *testing.T, cases []scriptCase) {
	t.Helper()
	runCases(t, cases)
	bash := bashPath(t)
	for _, c := range cases {
		t.Run(c.name+"/bash", func(t *testing.T) {
			cmd := exec.Command(bash, "-c", c.src)
			cmd.Dir = t.TempDir()
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			status := 0
			if err := cmd.Run(); err != nil {
				var ee *exec.ExitError
				if !errors.As(err, &ee) {
					t.Fatal(err)
				}
				status = ee.ExitCode()
			}
			if out.String() != c.out || status != c.status {
				t.Errorf("bash disagrees with the expectation:\n%s\nstdout %q, want %q\nstatus %d, want %d\nstderr %q",
					c.src, out.String(), c.out, status, c.status, errb.String())
			}
		})
	}
}

func TestDeclareAttributes(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "flags in bash's order", src: `declare -rxil x=1; declare -p x; echo ${x@a}`,
			out: "declare -irxl x=\"1\"\nirxl\n"},
		{name: "lower on assignment", src: `declare -l l=ABC; echo $l; l=MiXeD; l+=XY; echo $l`,
			out: "abc\nmixedxy\n"},
		{name: "upper", src: `declare -u u; u=abc; echo $u ${u@a}`, out: "ABC u\n"},
		{name: "l and u together cancel", src: `declare -lu y=AbC; declare -p y`, out: "declare -- y=\"AbC\"\n"},
		{name: "l replaces u, old value kept", src: `declare -u w=abc; declare -l w; declare -p w`,
			out: "declare -l w=\"ABC\"\n"},
		{name: "integer", src: `declare -i n; n=2+3; n+=4; echo $n; declare +i n; n=1+1; echo $n`,
			out: "9\n1+1\n"},
		{name: "integer array", src: `declare -ai b=(1+1 3); b+=(2*3); b[5]=7-1; declare -p b`,
			out: "declare -ai b=([0]=\"2\" [1]=\"3\" [2]=\"6\" [5]=\"6\")\n"},
		{name: "integer element append", src: `declare -ai b=(1); b[0]+=4; echo ${b[0]}`, out: "5\n"},
		{name: "upper assoc", src: `declare -A m=([K]=v); declare -u m; m[x]=y; echo ${m[x]} ${m[K]} ${m@a}`,
			out: "Y v Au\n"},
		{name: "lower array", src: `declare -la ar=(A B); echo ${ar[@]} ${ar@a}`, out: "a b al\n"},
		{name: "attributes on unset", src: `declare -i i; declare -A m; declare -a a; declare x; declare -p i m a x; echo "[${i@a}]"`,
			out: "declare -i i\ndeclare -A m\ndeclare -a a\ndeclare -- x\n[i]\n"},
		{name: "@A", src: `declare -i i=3; echo ${i@A}; a=(1 2); echo ${a@A}; echo ${a[@]@A}; readonly ro=1; echo ${ro@A}; declare -a e; echo "${e@A}"`,
			out: "declare -i i='3'\ndeclare -a a='1'\ndeclare -a a=([0]=\"1\" [1]=\"2\")\ndeclare -r ro='1'\ndeclare -a e\n"},
		{name: "@K", src: `a=(x 'y z'); echo ${a[@]@K}; declare -A m=([k]=v); printf "<%s>" "${m[@]@K}" "${m[@]@k}" "${a[@]@k}"`,
			out: "0 \"x\" 1 \"y z\"\n<k \"v\" ><k><v><0><x><1><y z>"},
		{name: "declare -p quoting", src: `x=$'a\nb'; declare -p x; a=($'q\tz' "d\"q" '$'); declare -p a`,
			out: "declare -- x=$'a\\nb'\ndeclare -a a=([0]=$'q\\tz' [1]=\"d\\\"q\" [2]=\"\\$\")\n"},
		{name: "integer in subshell", src: `declare -i n=1; (n=2+2; echo $n; declare -p n); echo $(n+=1; echo $n)`,
			out: "4\ndeclare -i n=\"4\"\n2\n"},
		{name: "case in subshell", src: `declare -u u; (u=abc; echo $u)`, out: "ABC\n"},
		{name: "export keeps integer", src: `declare -i n=1; export n; n=3*3; declare -p n`, out: "declare -ix n=\"9\"\n"},
	})
}

func TestNameRefs(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "read and write through", src: `a=1; declare -n r=a; echo $r; r=2; echo $a ${!r}`, out: "1\n2 a\n"},
		{name: "to an element", src: `a=(x y z); declare -n r='a[1]'; echo $r; r=Q; echo ${a[@]}`, out: "y\nx Q z\n"},
		{name: "unset -n", src: `a=1; declare -n r=a; unset -n r; echo "${r-unset}" $a`, out: "unset 1\n"},
		{name: "unset through", src: `a=1; declare -n r=a; unset r; echo "${a-unset}"; declare -p r`,
			out: "unset\ndeclare -n r=\"a\"\n"},
		{name: "local -n", src: `f() { local -n ref=$1; ref=changed; }; x=orig; f x; echo $x`, out: "changed\n"},
		{name: "local -n array append", src: `f() { local -n arr=$1; arr+=(new); arr[5]=five; echo ${#arr[@]}; }; l=(a b); f l; echo "${l[@]}"`,
			out: "4\na b new five\n"},
		{name: "first value names the target", src: `declare -n r; r=x; declare -p r; echo "[$r]"`, out: "declare -n r=\"x\"\n[]\n"},
		{name: "+n", src: `x=1; declare -n r=x; declare +n r; declare -p r`, out: "declare -- r=\"x\"\n"},
		{name: "invalid target", src: `declare -n r=1bad; echo $?`, out: "1\n"},
		{name: "self reference", src: `declare -n r=r; echo $?`, out: "1\n"},
		{name: "assoc through a ref", src: `f() { declare -n r=$1; echo "${r[@]}"; echo "${!r[@]}"; r[c]=3; }; declare -A m=([a]=1 [b]=2); f m; echo ${m[c]}`,
			out: "2 1\nb a\n3\n"},
		{name: "loop reads nothing", src: `declare -n a=b; declare -n b=a; echo "[$a]"`, out: "[]\n"},
		{name: "@a and @A", src: `declare -n r=x; echo ${r@a}; x=5; declare -p r`, out: "\ndeclare -n r=\"x\"\n"},
		{name: "prefix names", src: `foo1=a foo2=b foobar=c; echo ${!foo*}; for n in "${!foo@}"; do echo $n; done`,
			out: "foo1 foo2 foobar\nfoo1\nfoo2\nfoobar\n"},
		{name: "indirect", src: `x=y; y=z; echo ${!x}; a=(1 2); p='a[1]'; echo ${!p}; q='a[@]'; echo ${!q}`,
			out: "z\n2\n1 2\n"},
		{name: "arithmetic through", src: `n=1; declare -n r=n; (( r += 4 )); echo $n $((r*2))`, out: "5 10\n"},
		{name: "default assigns through", src: `declare -n r=v; : ${r:=dflt}; echo $v`, out: "dflt\n"},
		{name: "for over a nameref", src: `a=1 b=2; declare -n r; for r in a b; do echo $r; r+=x; done; echo $a $b; declare -p r; declare -n q=a; for q in 1; do :; done 2>/dev/null; echo $?`,
			out: "1\n2\n1x 2x\ndeclare -n r=\"b\"\n1\n"},
		{name: "attributes go to the target", src: `declare -n r=x; declare -i r; r=1+1; export r; declare r=5+1; declare -p x r`,
			out: "declare -ix x=\"6\"\ndeclare -n r=\"x\"\n"},
	})
}

func TestAssocArrays(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "keys with spaces and quotes", src: `declare -A m; m=(["a b"]=1 ['c"d']=2 [e\ f]=3); declare -p m; echo "${!m[@]}"`,
			out: "declare -A m=([\"c\\\"d\"]=\"2\" [\"e f\"]=\"3\" [\"a b\"]=\"1\" )\nc\"d e f a b\n"},
		{name: "append and unset", src: `declare -A m=([a]=1); m+=([b]=2 [a]=3); declare -p m; unset 'm[a]'; declare -p m; unset m[b]; declare -p m`,
			out: "declare -A m=([b]=\"2\" [a]=\"3\" )\ndeclare -A m=([b]=\"2\" )\ndeclare -A m=()\n"},
		{name: "element append and variable key", src: `declare -A m; m[k]=v; m[k]+=w; echo ${m[k]}; k="sp ace"; m[$k]=q; echo "${m[$k]}" "${#m[@]}"`,
			out: "vw\nq 2\n"},
		{name: "declare -p reads back", src: `declare -A m=(['$x']=1 ['a\b']=2 ["q'"]=3 [' ']=4 ['~h']=5 [$'n\nl']=6 [a#]=7); eval "$(declare -p m | sed 's/ m=/ n=/')"; [[ "$(declare -p m)" == "$(declare -p n | sed 's/ n=/ m=/')" ]] && echo same; declare -p n`,
			out: "same\ndeclare -A n=([\"q'\"]=\"3\" [\"a\\\\b\"]=\"2\" [\" \"]=\"4\" [a#]=\"7\" [$'n\\nl']=\"6\" [\"\\$x\"]=\"1\" [\"~h\"]=\"5\" )\n"},
		{name: "key-value list", src: `declare -A m=(a 1 b); declare -p m; declare -A p=("a b" "c d"); declare -p p`,
			out: "declare -A m=([b]=\"\" [a]=\"1\" )\ndeclare -A p=([\"a b\"]=\"c d\" )\n"},
		{name: "missing subscript", src: `declare -A n=([x]=1 a 2); declare -p n`, out: "declare -A n=([x]=\"1\" )\n"},
		{name: "empty key", src: `declare -A m=([a]=1 ['']=5); declare -p m`, out: "declare -A m=([a]=\"1\" )\n"},
		{name: "iterate", src: `declare -A m=([a]=1 [b]=2); for k in "${!m[@]}"; do echo "$k=${m[$k]}"; done; echo ${#m[@]} ${m[@]}`,
			out: "b=2\na=1\n2 2 1\n"},
		{name: "key from arithmetic-looking text", src: `declare -A m=([1+2]=x [a-b]=y); echo "${!m[@]}" ${m[1+2]}; m[x-y]=1; echo ${m[x-y]}`, out: "a-b 1+2 x\n1\n"},
		{name: "quoted keys in every position", src: `declare -A m; m["x y"]=1; echo "${m["x y"]}" "${m['x y']}"; k='x y'; (( m[$k]++ )) ; echo ${m[$k]}`,
			out: "1 1\n2\n"},
		{name: "subshell keeps it", src: `declare -A m=([k]=v); (m[j]=w; declare -p m)`, out: "declare -A m=([k]=\"v\" [j]=\"w\" )\n"},
	})
}

func TestTransforms(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "E", src: `x='a\tb\x41\u00e9\n'; printf '[%s]\n' "${x@E}"; a=('a\nb' c); printf '[%s]' "${a[@]@E}"`,
			out: "[a\tbAé\n]\n[a\nb][c]"},
		{name: "P", src: `x='\\ \a'; printf '[%s]\n' "${x@P}"; y='\[\e[1m\]z'; printf '%q\n' "${y@P}"`,
			out: "[\\ \a]\n$'\\E[1mz'\n"},
		{name: "case", src: `x=héllo; echo ${x@U} ${x@u} ${x@L}; a=(ab cd); echo ${a[@]@u} ${a[*]@U}`,
			out: "HÉLLO Héllo héllo\nAb Cd AB CD\n"},
		{name: "Q", src: `x="it's"; echo ${x@Q}; a=('' 'a b'); echo ${a[@]@Q}; echo "[${unset@Q}]"; y=$'t\tab'; echo ${y@Q}`,
			out: "'it'\\''s'\n'' 'a b'\n[]\n$'t\\tab'\n"},
		{name: "A of positional parameters", src: `set -- a 'b c'; echo ${@@Q} ${1@U}; echo ${*@A}; set --; echo "[${@@A}]"`,
			out: "'a' 'b c' A\nset -- 'a' 'b c'\n[]\n"},
		{name: "a", src: `declare -i i=1; declare -rx r=2; a=(1); declare -A m; declare -n n=i; declare -l l; echo ${i@a} ${r@a} ${a@a} ${m@a} ${n@a} ${l@a} ${a[0]@a}`,
			out: "i rx a A i l a\n"},
		{name: "assoc elements", src: `declare -A m=([a]=x); echo ${m[@]@U} ${m[a]@Q}`, out: "X 'x'\n"},
	})
}

func TestMapfile(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "keeps delimiters", src: `printf 'a\nb\nc\n' | { mapfile x; declare -p x; }`,
			out: "declare -a x=([0]=$'a\\n' [1]=$'b\\n' [2]=$'c\\n')\n"},
		{name: "t s n", src: `printf 'a\nb\nc\n' > f; mapfile -t x < f; declare -p x; readarray -t -s 1 -n 1 y < f; declare -p y`,
			out: "declare -a x=([0]=\"a\" [1]=\"b\" [2]=\"c\")\ndeclare -a y=([0]=\"b\")\n"},
		{name: "d", src: `printf 'a:b:c' | { mapfile -d : -t x; declare -p x; }`, out: "declare -a x=([0]=\"a\" [1]=\"b\" [2]=\"c\")\n"},
		{name: "d empty is NUL", src: `printf 'a\0b\0' | { mapfile -d '' x; declare -p x; }`, out: "declare -a x=([0]=\"a\" [1]=\"b\")\n"},
		{name: "O keeps the array", src: `printf 'a\nb\n' > f; x=(q r s t); mapfile -t -O 2 x < f; declare -p x`,
			out: "declare -a x=([0]=\"q\" [1]=\"r\" [2]=\"a\" [3]=\"b\")\n"},
		{name: "no O clears it", src: `x=(1 2 3); printf 'a\n' | { mapfile x; declare -p x; }`, out: "declare -a x=([0]=$'a\\n')\n"},
		{name: "C c", src: `printf '1\n2\n3\n4\n5\n' > f; cb() { echo "cb $1 $2 ${#x[@]}"; }; mapfile -t -C cb -c 2 x < f; declare -p x`,
			out: "cb 1 2 1\ncb 3 4 3\ndeclare -a x=([0]=\"1\" [1]=\"2\" [2]=\"3\" [3]=\"4\" [4]=\"5\")\n"},
		{name: "u", src: `printf '1\n2\n' > f; exec 5<f; mapfile -u 5 -t x; declare -p x`, out: "declare -a x=([0]=\"1\" [1]=\"2\")\n"},
		{name: "MAPFILE", src: `mapfile -t < /dev/null; declare -p MAPFILE`, out: "declare -a MAPFILE=()\n"},
		{name: "last line without newline", src: `printf 'x\ny' | { readarray a; declare -p a; }`, out: "declare -a a=([0]=$'x\\n' [1]=\"y\")\n"},
		{name: "leaves the rest of a pipe", src: `printf '1\n2\n3\n' | { mapfile -n 1 a; read b; echo "${a[0]%?} $b"; }`, out: "1 2\n"},
		{name: "leaves the rest of a file", src: `printf '1\n2\n3\n' > f; { mapfile -t -n 2 a; cat; } < f; echo ${a[@]}`, out: "3\n1 2\n"},
		{name: "errors", src: `mapfile -Z 2>/dev/null; echo $?; mapfile 1bad </dev/null 2>/dev/null; echo $?; mapfile -u 9 2>/dev/null; echo $?; declare -A m; mapfile m < /dev/null 2>/dev/null; echo $?`,
			out: "2\n1\n1\n1\n"},
	})
}

func TestDirStack(t *testing.T) {
	// p runs a command in this shell and shows its output with the test's
	// directory as H.
	const setup = `mkdir -p d1 d2 h/sub; H=$PWD; HOME=$H/h; p() { "$@" >$H/o; s=$?; sed "s|$H|H|g" $H/o; return $s; }; `
	runBashCases(t, []scriptCase{
		{name: "push, list, pop", src: setup + `p pushd d1; p pushd ../d2; p dirs -v; p popd; p popd; popd; echo $?`,
			out: "H/d1 H\nH/d2 H/d1 H\n 0  H/d2\n 1  H/d1\n 2  H\nH/d1 H\nH\n1\n"},
		{name: "DIRSTACK follows cd", src: setup + `pushd d1 >/dev/null; cd ../d2; echo "${DIRSTACK[@]#$H}"; p declare -p DIRSTACK`,
			out: "/d2 \ndeclare -a DIRSTACK=([0]=\"H/d2\" [1]=\"H\")\n"},
		{name: "home as tilde unless -l", src: setup + `cd h; pushd sub >/dev/null; dirs; p dirs -l -p`,
			out: "~/sub ~\nH/h/sub\nH/h\n"},
		{name: "tilde N", src: setup + `pushd d1 >/dev/null; pushd ../d2 >/dev/null; p echo ~0 ~1 ~+2 ~-0 ~-2 ~9`,
			out: "H/d2 H/d1 H H H/d2 ~9\n"},
		{name: "plus and minus N", src: setup + `pushd d1 >/dev/null; pushd ../d2 >/dev/null; p dirs +1; p pushd +2; p popd -0; p pwd`,
			out: "H/d1\nH H/d2 H/d1\nH H/d2\nH\n"},
		{name: "swap and -n", src: setup + `pushd d1 >/dev/null; p pushd; p pushd -n /x; p popd -n`,
			out: "H H/d1\nH /x H/d1\nH H/d1\n"},
		{name: "clear", src: setup + `pushd d1 >/dev/null; dirs -c; p dirs; echo ${#DIRSTACK[@]}`, out: "H/d1\n1\n"},
		{name: "errors", src: setup + `pushd; echo $?; pushd a b; echo $?; pushd /nonexistent; echo $?; dirs +3; echo $?; popd +1; echo $?`,
			out: "1\n1\n1\n1\n1\n"},
	})
}

// TestCallStack runs a script that sources a library, as bash would, and
// compares FUNCNAME, BASH_SOURCE, BASH_LINENO and caller with bash's.
func TestCallStack(t *testing.T) {
	files := map[string]string{
		"lib.sh": `echo "lib top: ${FUNCNAME[*]} | ${BASH_SOURCE[*]} | ${BASH_LINENO[*]} | $(caller)"
libf() {
  echo "libf: ${FUNCNAME[*]} | ${BASH_SOURCE[*]} | ${BASH_LINENO[*]}"
  caller 0; caller 1; caller 2; echo "rc=$?"
}
`,
		"main.sh": `echo "top: ${FUNCNAME[*]-unset} | ${BASH_SOURCE[*]} | ${BASH_LINENO[*]} | $(caller; echo $?)"
. ./lib.sh
f() {
  libf
}
f
echo "${#FUNCNAME[@]} $(caller 0; echo $?)"
g() { echo "${FUNCNAME[0]} ${FUNCNAME[1]}"; }; g
echo "${BASH_VERSION-no version}"
`,
	}
	want := "top: unset | main.sh | 0 | 0 NULL\n0\n" +
		"lib top:  | ./lib.sh main.sh | 2 0 | 2 main.sh\n" +
		"libf: libf f main | ./lib.sh main.sh main.sh | 4 6 0\n4 f main.sh\n6 main main.sh\nrc=1\n" +
		"0 1\ng main\n"
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(dir+"/"+name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, status := runGosh(t, dir, []string{"gosh", "main.sh"}, "")
	if out != want+"no version\n" || status != 0 {
		t.Errorf("gosh:\n%s\nwant\n%s(status %d, stderr %q)", out, want+"no version\n", status, errOut)
	}
	cmd := exec.Command(bashPath(t), "main.sh")
	cmd.Dir = dir
	got, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	// bash sets BASH_VERSION, which gosh leaves unset on purpose.
	if lines := strings.SplitAfter(string(got), "\n"); strings.Join(lines[:len(lines)-2], "") != want {
		t.Errorf("bash disagrees:\n%s\nwant\n%s", got, want)
	}
	runBashCases(t, []scriptCase{
		{name: "-c has no frame", src: `echo "[${BASH_SOURCE[*]}] [${BASH_LINENO[*]}] [${FUNCNAME[*]}]"; caller; echo $?; g() { echo "[${BASH_LINENO[*]}]"; caller; }
g`, out: "[] [] []\n1\n[2]\n2 NULL\n"},
		{name: "caller errors", src: `caller x 2>/dev/null; echo $?; f() { caller 5; echo $?; }; f`, out: "1\n1\n"},
	})
}

func TestType(t *testing.T) {
	const setup = `mkdir -p b1 b2; printf '#!/bin/sh\n' > b1/tool; cp b1/tool b2/tool; cp b1/tool b1/echo; chmod +x b1/* b2/*; PATH=b1:b2:/usr/bin:/bin; f() { :; }; `
	runBashCases(t, []scriptCase{
		{name: "a", src: setup + `type -a tool; type -a echo | head -2`,
			out: "tool is b1/tool\ntool is b2/tool\necho is a shell builtin\necho is b1/echo\n"},
		{name: "t", src: setup + `type -t echo tool f if; type -t -a echo | head -2; type -t nosuch; echo $?`,
			out: "builtin\nfile\nfunction\nkeyword\nbuiltin\nfile\n1\n"},
		{name: "p", src: setup + `type -p echo; echo $?; type -p tool; type -p f; echo $?; type -ap tool`,
			out: "0\nb1/tool\n0\nb1/tool\nb2/tool\n"},
		{name: "P", src: setup + `type -P echo tool; type -aP tool; type -P nosuch; echo $?`,
			out: "b1/echo\nb1/tool\nb1/tool\nb2/tool\n1\n"},
		{name: "f", src: setup + `type -f f 2>/dev/null; echo $?; type -ft f; echo $?; type -t f`,
			out: "1\n1\nfunction\n"},
		{name: "slash and hash", src: setup + `type -t ./b1/tool; type b2/tool; P=$PWD; PATH=$P/b1:$PATH; hash tool; type tool >o; type -p tool >>o; sed "s|$P|P|" o`,
			out: "file\nb2/tool is b2/tool\ntool is hashed (P/b1/tool)\nP/b1/tool\n"},
	})
}

func TestSelect(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "menu, PS3, REPLY, empty and bad replies, EOF", src: `printf '\n2\nx\n' > in; select x in a b c; do echo "got [$x] [$REPLY]"; done <in 2>&1; echo "rc=$?"`,
			out: "1) a\n2) b\n3) c\n#? 1) a\n2) b\n3) c\n#? got [b] [2]\n#? got [] [x]\n#? \nrc=1\n"},
		{name: "PS3 and positional parameters", src: `PS3="pick> "; set -- p q r; select v; do echo "$v"; break; done <<<3 2>&1`,
			out: "1) p\n2) q\n3) r\npick> r\n"},
		{name: "menu again after an empty REPLY", src: `printf '3\n1\n' > in; select v in p q; do echo "[$v]"; REPLY=; done <in 2>&1`,
			out: "1) p\n2) q\n#? []\n1) p\n2) q\n#? [p]\n1) p\n2) q\n#? \n", status: 1},
		{name: "columns", src: `COLUMNS=40; select x in $(seq 1 12); do echo $x; break; done <<<12 2>&1`,
			out: "1) 1\t 4) 4\t 7) 7\t10) 10\n2) 2\t 5) 5\t 8) 8\t11) 11\n3) 3\t 6) 6\t 9) 9\t12) 12\n#? 12\n"},
	})
}

func TestCoproc(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "COPROC", src: `coproc cat; echo ${COPROC[@]}; echo hi >&"${COPROC[1]}"; read -u "${COPROC[0]}" l; echo $l; [[ $COPROC_PID =~ ^[0-9]+$ ]] && echo pid; exec {COPROC[1]}>&-; wait $COPROC_PID; echo $?`,
			out: "63 60\nhi\npid\n0\n"},
		{name: "named, compound", src: `coproc UP { tr a-z A-Z; echo end; }; echo abc >&${UP[1]}; exec {UP[1]}>&-; cat <&${UP[0]}; wait $UP_PID; echo done $?`,
			out: "ABC\nend\ndone 0\n"},
		{name: "neither programs nor subshells get the pipes", src: `coproc cat; sh -c 'test -e /proc/self/fd/63 || test -e /proc/self/fd/60 || echo closed'; (read -u ${COPROC[0]} x 2>/dev/null || echo "sub closed"); { read -u ${COPROC[0]} y 2>/dev/null || echo "bg closed"; } & wait $!; echo x >&${COPROC[1]}; read -u ${COPROC[0]} z; echo "[$z]"; exec {COPROC[1]}>&-; wait $COPROC_PID; echo $?`,
			out: "closed\nsub closed\nbg closed\n[x]\n0\n"},
		{name: "status of the coprocess", src: `coproc F { read x; exit 3; }; echo go >&${F[1]}; wait $F_PID; echo $?`,
			out: "3\n"},
	})
}

func TestDeclareOptions(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "list by attribute", src: `declare -i a=1 b=2; declare -l l=x; declare -ai arr=(1); declare -p -i | grep -v '^declare -i[r]* [A-Z]'; declare -l`,
			out: "declare -i a=\"1\"\ndeclare -ai arr=([0]=\"1\")\ndeclare -i b=\"2\"\ndeclare -l l=\"x\"\n"},
		{name: "F and f", src: `f() { :; }; declare -F f; declare -F; declare -F nosuch; echo $?; declare -f nosuch; echo $?`,
			out: "f\ndeclare -f f\n1\n1\n"},
		{name: "g and local", src: `g() { declare -g G=1; declare L=2; typeset T=3; local -n R=G; R=3; }; g; echo "$G ${L-unset} ${T-unset}"`,
			out: "3 unset unset\n"},
		{name: "r", src: `declare -r r=1; (r=2) 2>/dev/null || echo refused; declare -p r`, out: "refused\ndeclare -r r=\"1\"\n"},
		{name: "x", src: `declare -x e=1; sh -c 'echo $e'; declare +x e; sh -c 'echo "[$e]"'`, out: "1\n[]\n"},
		{name: "a and A", src: `declare -a a=(x y); declare -A m=([k]=v); declare -p a m`,
			out: "declare -a a=([0]=\"x\" [1]=\"y\")\ndeclare -A m=([k]=\"v\" )\n"},
		{name: "typeset is declare", src: `typeset -u u=abc; typeset -p u`, out: "declare -u u=\"ABC\"\n"},
	})
}

func TestSetListing(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "set quotes as bash", src: `a=(x 'y z'); declare -A m=([k]=v); x='a b'; y=$'q\nz'; z=plain; set | grep -E '^(a|m|x|y|z)='`,
			out: "a=([0]=\"x\" [1]=\"y z\")\nm=([k]=\"v\" )\nx='a b'\ny=$'q\\nz'\nz=plain\n"},
		{name: "arrays are not exported", src: `export a=(x y); declare -A m=([k]=v); export m; env | grep -E '^(a|m)=' || echo none`,
			out: "none\n"},
	})
}

func TestAppendForms(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "scalar append to an array's element 0", src: `a=(x y); a+=z; declare -p a`, out: "declare -a a=([0]=\"xz\" [1]=\"y\")\n"},
		{name: "declare with +=", src: `typeset -a b=(1); typeset b+=2; declare -p b; typeset c+=x; typeset c+=y; echo $c; dyn=x; typeset s${dyn}+=foo; echo $sx`,
			out: "declare -a b=([0]=\"12\")\nxy\nfoo\n"},
	})
}

// TestAssocKeysParse: subscripts that are not arithmetic parse as words in
// code that parser.Parse reads (eval, source, traps). The -c string and
// the script itself are read by parser.Stmts, which does not retry yet.
func TestAssocKeysParse(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "eval", src: `eval 'declare -A m=([x y]=z [a.b]=1); m[p q]=2; m[a:b]=3; echo "${m[x y]}"'; declare -p m`,
			out: "z\ndeclare -A m=([a.b]=\"1\" [a:b]=\"3\" [\"p q\"]=\"2\" [\"x y\"]=\"z\" )\n"},
		{name: "source", src: `echo 'declare -A m; m[x y]=1; m[x y]+=2; echo "${m[x y]}"; unset "m[x y]"; echo ${#m[@]}' > lib; . ./lib`,
			out: "12\n0\n"},
	})
}

func TestDeclareConversions(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "indexed to assoc refused", src: `a=(1 2); declare -A a 2>/dev/null; echo $?; declare -p a`,
			out: "1\ndeclare -a a=([0]=\"1\" [1]=\"2\")\n"},
		{name: "assoc to indexed refused", src: `declare -A m=([k]=v); declare -a m 2>/dev/null; echo $?; declare -p m`,
			out: "1\ndeclare -A m=([k]=\"v\" )\n"},
		{name: "string to arrays", src: `x=str; declare -a x; declare -p x; y=str; declare -A y; declare -p y`,
			out: "declare -a x=([0]=\"str\")\ndeclare -A y=([0]=\"str\" )\n"},
		{name: "octal and bases", src: `declare -i x=010 y=0x10 z=2#101 w=-010; echo $x $y $z $w`, out: "8 16 5 -8\n"},
		{name: "read and printf honour attributes", src: `declare -u U; read U <<< "hello world"; declare -l L; printf -v L %s ABC; declare -i n; read n <<< "3+4"; declare -ai arr; read -a arr <<< "1+1 2*2"; echo $U $L $n ${arr[@]}`,
			out: "HELLO WORLD abc 7 2 4\n"},
		{name: "loop and mapfile honour attributes", src: `declare -l l; for l in AA BB; do echo $l; done; declare -u u; mapfile -t u <<< $'a\nb'; echo ${u[@]}`,
			out: "aa\nbb\nA B\n"},
	})
}

// TestTrapsFunctionsInherit: a function runs without its caller's DEBUG,
// RETURN and ERR traps unless set -T (DEBUG, RETURN) or set -E (ERR) is
// on; a RETURN trap runs as a function (traced) or a `.` file finishes,
// with the function's locals and the status before `return`.
func TestTrapsFunctionsInherit(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "ERR not inherited", src: `trap 'echo err' ERR; f() { false; echo x; }; f; echo =; set -E; f`,
			out: "x\n=\nerr\nx\n"},
		{name: "DEBUG not inherited", src: "trap 'echo \"d $LINENO\"' DEBUG\nf() {\n  echo in\n}\nf\nset -T\nf",
			out: "d 5\nin\nd 6\nd 7\nd 2\nd 3\nin\n"},
		{name: "RETURN of a . file", src: `printf 'false\n' > s; trap 'echo "ret $?"' RETURN; f() { return 3; }; f; . ./s; echo "st $?"`,
			out: "ret 1\nst 1\n"},
		{name: "RETURN set in the function", src: `g() { local L=loc; trap 'echo "gret $L"' RETURN; echo in; }; g; g; f() { :; }; f; trap -p RETURN`,
			out: "in\ngret loc\nin\ngret loc\ntrap -- 'echo \"gret $L\"' RETURN\n"},
		{name: "RETURN sees the status before return", src: `set -T; trap 'echo "ret $?"' RETURN; f() { false; return 3; }; f; echo $?`,
			out: "ret 1\n3\n"},
		{name: "flags", src: `set -ET; echo $-; set -o | grep -e errtrace -e functrace`, out: "hBETc\nerrtrace       \ton\nfunctrace      \ton\n"},
	})
}

// TestTrapListInSubshell: a subshell lists its parent's traps until it
// sets one of its own, so that saved=$(trap) can be eval'd later.
func TestTrapListInSubshell(t *testing.T) {
	runBashCases(t, []scriptCase{
		// (No trap '' here: the shell runs inside the test process, whose
		// children would inherit the ignored signal.)
		{name: "command substitution", src: `trap 'echo x' INT; trap 'echo q' USR2; s=$(trap); trap - INT USR2; eval "$s"; trap`,
			out: "trap -- 'echo x' SIGINT\ntrap -- 'echo q' SIGUSR2\n"},
		{name: "own trap set", src: `trap 'echo x' INT; (trap 'echo y' USR1; trap -p INT USR1)`, out: "trap -- 'echo y' SIGUSR1\n"},
		// (INT and QUIT are ignored in a non-interactive shell's
		// background job, which bash's listing shows.)
		{name: "background and pipeline", src: `trap 'echo x' USR1; (trap -p USR1) & wait; trap -p USR1 | cat; { (trap -p USR1) | cat; } & wait`,
			out: "trap -- 'echo x' SIGUSR1\ntrap -- 'echo x' SIGUSR1\ntrap -- 'echo x' SIGUSR1\n"},
	})
}

// TestTrapLineAndNesting: LINENO in a trap (the command's line for DEBUG
// and ERR, counted from 1 for a signal, EXIT or RETURN), ERR inside another
// trap, and DEBUG before each simple command of a pipeline.
func TestTrapLineAndNesting(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "LINENO", src: "trap 'echo \"usr1 $LINENO\"' USR1\ntrap 'echo \"exit $LINENO\"' EXIT\n\nkill -USR1 $$\nf() {\n  false\n}\ntrap 'echo \"err $LINENO\"' ERR\nf\necho end",
			out: "usr1 1\nerr 9\nend\nexit 1\n"},
		{name: "RETURN LINENO", src: "set -T\ntrap 'echo \"ret $LINENO\"' RETURN\nf() {\n  :\n}\nprintf 'echo a\\n' >s\n\n. ./s\nf",
			out: "a\nret 8\nret 3\n"},
		{name: "ERR inside a signal trap", src: "trap 'echo \"err $LINENO\"' ERR\ntrap 'false; echo usr1' USR1\nkill -USR1 $$\necho after",
			out: "err 1\nusr1\nafter\n"},
		{name: "DEBUG before pipeline stages", src: "trap 'echo \"d $LINENO\"' DEBUG\necho a |\n  cat\n{ echo b; } | cat",
			out: "d 2\nd 3\na\nd 4\nb\n"},
	})
}

// TestPromptDirTrim: PROMPT_DIRTRIM shortens \w, as ${p@P} shows.
func TestPromptDirTrim(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "dirtrim", src: `mkdir -p a/b/c && cd a/b/c && HOME=/nonexistent && p='\w' && PROMPT_DIRTRIM=2 && v=${p@P} && echo "${v##*/b}"; PROMPT_DIRTRIM=x; w=${p@P}; [ "$w" = "$PWD" ] && echo whole`,
			out: "/c\nwhole\n"},
		{name: "dirtrim dots", src: `mkdir -p a/b/c && cd a/b/c && HOME=/nonexistent && p='\w' && PROMPT_DIRTRIM=1 && echo "${p@P}"`,
			out: ".../c\n"},
	})
}

// TestEnable: enable -n turns a builtin off, so its name is looked up in
// PATH; enable lists builtins as bash does.
func TestEnable(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "off and on", src: `enable -n echo; type -t echo; enable echo; type -t echo`, out: "file\nbuiltin\n"},
		{name: "special off", src: `enable -n cd; cd / 2>/dev/null; echo $?; enable -n; enable -s | head -2`, out: "127\nenable -n cd\nenable .\nenable :\n"},
		{name: "listing", src: `enable -n test; enable -a | grep -c -- -n; enable -a | grep -- -n; enable | grep -c test; enable -a | grep -c '^enable test'`, out: "1\nenable -n test\n0\n0\n", status: 1},
		{name: "not a builtin", src: `enable -n nosuch 2>/dev/null; echo $?`, out: "1\n"},
		{name: "subshell", src: `(enable -n echo; type -t echo); type -t echo`, out: "file\nbuiltin\n"},
	})
}

// TestWaitNextPid: wait -n returns the next job to finish, of the ids
// given if any, and -p names a variable for its pid, as in bash 5.1+.
func TestWaitNextPid(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "-n -p", src: `(exit 3) & b=$!; wait -n -p who; echo "$? $([ "$who" = $b ] && echo b)"; wait -n; echo "none $?"`, out: "3 b\nnone 127\n"},
		{name: "-n among ids", src: `sleep 0.2 & c=$!; (exit 4) & d=$!; wait $d; wait -n -p w $c; echo "$? $([ "$w" = $c ] && echo c)"`, out: "0 c\n"},
		{name: "bad name", src: `wait -p 1x; echo $?`, out: "1\n", errSub: "`1x': not a valid identifier"},
	})
}

// TestJobsExec: jobs -x runs a command with job specs replaced by the
// jobs' process group IDs: the leader's pid (bash, without job control,
// gives its own group, which no job has, so this is not compared).
func TestJobsExec(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "-x", src: `sleep 1 & p=$!; jobs -x; echo $?; jobs -x echo %1 x%1 %2 >out; [ "$(cat out)" = "$p x%1 %2" ] && echo replaced; kill %1`, out: "0\nreplaced\n"},
	})
}

func TestShellOptsVariables(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "SHELLOPTS by default", src: `echo $SHELLOPTS; declare -p SHELLOPTS`,
			out: "braceexpand:hashall:interactive-comments\ndeclare -r SHELLOPTS=\"braceexpand:hashall:interactive-comments\"\n"},
		{name: "SHELLOPTS follows set", src: `set -eu -o pipefail; echo $SHELLOPTS; set +e; echo $SHELLOPTS`,
			out: "braceexpand:errexit:hashall:interactive-comments:nounset:pipefail\nbraceexpand:hashall:interactive-comments:nounset:pipefail\n"},
		{name: "BASHOPTS follows shopt", src: `shopt -s nullglob; [[ :$BASHOPTS: == *:nullglob:* ]] && echo on; shopt -u nullglob; [[ :$BASHOPTS: == *:nullglob:* ]] || echo off`,
			out: "on\noff\n"},
		{name: "read-only", src: `(SHELLOPTS=x) 2>/dev/null; echo $?; (unset BASHOPTS) 2>/dev/null; echo $?`,
			out: "1\n1\n"},
		{name: "a child shell takes the options exported", src: `set -o pipefail; shopt -s lastpipe; export SHELLOPTS BASHOPTS; /proc/self/exe -c 'set -o | grep pipefail; shopt lastpipe'`,
			out: "pipefail       \ton\nlastpipe       \ton\n"},
		{name: "bash takes gosh's SHELLOPTS without a complaint", src: `export SHELLOPTS; bash -c 'echo $SHELLOPTS' 2>&1`,
			out: "braceexpand:hashall:interactive-comments\n"},
		{name: "the value exported is the value now", src: `export SHELLOPTS; env | grep ^SHELLOPTS; set -f; env | grep ^SHELLOPTS`,
			out: "SHELLOPTS=braceexpand:hashall:interactive-comments\nSHELLOPTS=braceexpand:hashall:interactive-comments:noglob\n"},
	})
}

func TestShoptBashNames(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "bash's names are recorded", src: `shopt -s histappend cdable_vars; echo $?; shopt -q cdable_vars; echo $?; shopt -u cdable_vars; shopt -q cdable_vars; echo $?`,
			out: "0\n0\n1\n"},
		{name: "with bash's defaults", src: `shopt -q checkwinsize sourcepath; echo $?; shopt -p autocd`, out: "0\nshopt -u autocd\n", status: 1},
		{name: "login_shell says what the shell is", src: `shopt -s login_shell; echo $?; shopt -q login_shell; echo $?`, out: "0\n1\n"},
		{name: "xpg_echo", src: `shopt -s xpg_echo; echo 'a\tb'; echo -E 'a\tb'; shopt -u xpg_echo; echo 'a\tb'`, out: "a\tb\na\\tb\na\\tb\n"},
		{name: "shopt -so is set -o", src: `shopt -so pipefail; false | true; echo $?`, out: "1\n"},
		{name: "an unknown name", src: `shopt -s nosuch 2>/dev/null; echo $?`, out: "1\n"},
	})
}

// A carriage return is an ordinary byte to bash: part of a word, kept in
// a here-document line and in a prompt.
func TestCarriageReturn(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "in a word", src: "x=a\rb; echo ${#x}; echo a\r | od -An -c | tr -s ' '", out: "3\n a \\r \\n\n"},
		{name: "before a newline in a here-document", src: "cat <<E | od -An -c | tr -s ' '\nx\r\nE\n", out: " x \\r \\n\n"},
		{name: "a prompt's \\r", src: `PS1='\r\n'; echo "${PS1@P}" | od -An -c | tr -s ' '`, out: " \\r \\n \\n\n"},
	})
}

// What a prompt escape shows is not expanded again: bash quotes it.
func TestPromptEscapesShowLiterally(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "a directory with a dollar", src: `mkdir 'd$foo'; cd 'd$foo'; foo=V; PS1='\W $foo'; echo "${PS1@P}"`, out: "d$foo V\n"},
		{name: "a strftime format", src: `foo=V; PS1='\D{$foo}'; echo "${PS1@P}"`, out: "$foo\n"},
	})
}

// The prompt's \# in a script is the number of the command being run, a
// compound command counting once, as bash counts the commands it reads.
func TestPromptCommandNumberInScript(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "counted per command read", src: `printf '%s\n' 'PS1="\#"' 'echo ${PS1@P}' 'echo ${PS1@P}; echo ${PS1@P}' 'if true; then' 'echo ${PS1@P}' 'fi' 'echo ${PS1@P}' >s.sh; /proc/self/exe s.sh; /proc/self/exe <s.sh`,
			out: "2\n3\n3\n4\n5\n2\n3\n3\n4\n5\n"},
	})
}

// set -x shows each term of [[ ]] as it is tested and each ((...)),
// for ((...)) part too, as bash shows them.
func TestXtraceConditionsAndArithmetic(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "[[ ]] terms", src: `{ set -x; x="a b"; [[ $x == a* ]]; [[ ! ( $x == q ) ]]; [[ ! $x ]]; [[ -d / && $x =~ ^a || a < b ]]; } 2>&1`,
			out: "+ x='a b'\n+ [[ a b == a* ]]\n+ [[ a b == q ]]\n+ [[ ! -n a b ]]\n+ [[ -d / ]]\n+ [[ a b =~ ^a ]]\n"},
		{name: "arithmetic", src: `{ set -x; y=3; (( y = $y + 1 )); ((  y++ )); for ((i=0; i<1; i++)); do :; done; } 2>&1`,
			out: "+ y=3\n+ ((  y = 3 + 1  ))\n+ ((   y++  ))\n+ (( i=0 ))\n+ (( i<1 ))\n+ :\n+ (( i++ ))\n+ (( i<1 ))\n"},
	})
}

// $BASHPID in a subshell is the subshell's own pid: a subshell that names
// it runs as a process even without job control.
func TestBashPidInSubshells(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "( )", src: `[ $BASHPID = $$ ] && echo top; ( [ $BASHPID != $$ ] && echo sub; exit 3 ); echo $?`, out: "top\nsub\n3\n"},
		{name: "$( )", src: `x=$(echo $BASHPID; exit 4); echo $?; [ "$x" != $$ ] && [ -n "$x" ] && echo differs`, out: "4\ndiffers\n"},
		{name: "nested subshells differ", src: `( echo $BASHPID; ( echo $BASHPID ) ) | sort -u | wc -l`, out: "2\n"},
		{name: "state stays in the subshell", src: `a=1; ( a=2; : $BASHPID; cd /; echo $a ); echo $a; [ "$PWD" != / ] && echo here`, out: "2\n1\nhere\n"},
		{name: "output beyond a pipe's buffer", src: `x=$(: $BASHPID; seq 100000); echo ${#x}`, out: "588894\n"},
	})
}

// export -f puts a function in the environment as bash does, so that a
// bash or gosh started by the script can call it.
func TestExportedFunctions(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "to bash and to gosh", src: `f() { echo "in f $1"; }; export -f f; bash -c 'f x'; /proc/self/exe -c 'f y'`, out: "in f x\nin f y\n"},
		{name: "the definition of the moment", src: `f() { echo old; }; export -f f; f() { echo new; }; bash -c f`, out: "new\n"},
		{name: "declare -fx, export -fn, unset -f", src: `g() { echo g; }; declare -fx g; bash -c g; export -fn g; bash -c g 2>/dev/null; echo $?; export -f g; unset -f g; bash -c g 2>/dev/null; echo $?`,
			out: "g\n127\n127\n"},
		{name: "not a function", src: `export -f nosuch 2>/dev/null; echo $?`, out: "1\n"},
		{name: "through a subshell and xargs", src: `h() { echo "h$1"; }; export -f h; ( bash -c 'h s' ); echo a | xargs bash -c 'h $0'`, out: "hs\nha\n"},
		{name: "imported from the environment", src: `env 'BASH_FUNC_k%%=() { echo "k$1"; }' /proc/$$/exe -c 'k 1; declare -F k'; true`, out: "k1\nk\n"},
		{name: "only a lone definition is imported", src: `env 'BASH_FUNC_k%%=() { echo k; }; echo PWNED' /proc/$$/exe -c 'k' 2>/dev/null; echo $?`, out: "127\n"},
	})
}

// test -o and [[ -o ]] ask the set -o options themselves.
func TestTestOptionOperator(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "set -o names", src: `set -e; [ -o errexit ] && echo on; [ -o nosuch ] || echo unknown; [[ -o pipefail ]] || echo off`, out: "on\nunknown\noff\n"},
	})
	// gosh's own set -o options, which SHELLOPTS leaves out for bash's sake.
	runCases(t, []scriptCase{
		{name: "gosh's own names", src: `[ -o huponexit ] && echo on; set -o jobtrace; [[ -o jobtrace ]] && echo trace`, out: "on\ntrace\n"},
	})
}
