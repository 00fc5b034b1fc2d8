package shell

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestExpansions(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "param default", src: `echo ${u:-d} ${u-e} ${x:=set} $x`, out: "d e set set\n"},
		{name: "param alternate", src: `x=1; echo ${x:+alt} ${u:+alt}.`, out: "alt .\n"},
		{name: "param error", src: `echo ${u:?gone}; echo not reached`, status: 1, errSub: "u: gone"},
		{name: "prefix suffix", src: `p=/a/b/c.tar.gz; echo ${p#*/} ${p##*/} ${p%/*} ${p%%.*}`, out: "a/b/c.tar.gz c.tar.gz /a/b /a/b/c\n"},
		{name: "length", src: `x=hello; echo ${#x}`, out: "5\n"},
		{name: "replace", src: `x=aXbXc; echo ${x/X/-} ${x//X/-}`, out: "a-bXc a-b-c\n"},
		{name: "slice", src: `x=abcdef; echo ${x:1:3} ${x: -2}`, out: "bcd ef\n"},
		{name: "case conversion", src: `x=abc; echo ${x^^} ${x^}`, out: "ABC Abc\n"},
		{name: "arith", src: `i=3; echo $((i*2+1)) $((i<<2)) $((10%3))`, out: "7 12 1\n"},
		{name: "cmdsubst", src: "x=$(echo hi; echo there); echo \"$x\"; echo `echo back`", out: "hi\nthere\nback\n"},
		{name: "cmdsubst status", src: `x=$(exit 3); echo $?`, out: "3\n"},
		{name: "field splitting", src: `x="a  b c"; set -- $x; echo $#`, out: "3\n"},
		{name: "ifs non-white", src: `IFS=:; x="a::b"; set -- $x; echo $#`, out: "3\n"},
		{name: "quoted at", src: `set -- "a b" c; for i in "$@"; do echo "[$i]"; done`, out: "[a b]\n[c]\n"},
		{name: "empty at", src: `set --; for i in "$@"; do echo x; done; echo done`, out: "done\n"},
		{name: "star join", src: `set -- a b; IFS=-; echo "$*"`, out: "a-b\n"},
		{name: "brace", src: `echo a{1,2}b {1..3}`, out: "a1b a2b 1 2 3\n"},
		{name: "tilde", src: `HOME=/h; echo ~ ~/x`, out: "/h /h/x\n"},
		{name: "ansi c", src: `echo $'a\tb'`, out: "a\tb\n"},
		{name: "arrays", src: `a=(x y z); echo ${a[1]} ${#a[@]} "${a[@]}"; a+=(w); echo ${a[3]}`, out: "y 3 x y z\nw\n"},
		{name: "special params", src: `set -- a b c; echo $# $1 $3`, out: "3 a c\n"},
		{name: "glob", src: `touch b.txt a.txt; echo *.txt; echo nomatch*`, out: "a.txt b.txt\nnomatch*\n"},
		{name: "noglob", src: `touch a.txt; set -f; echo *.txt`, out: "*.txt\n"},
	})
}

func TestRedirections(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "out and in", src: `echo hi >f; cat <f`, out: "hi\n"},
		{name: "append", src: `echo a >f; echo b >>f; cat f`, out: "a\nb\n"},
		{name: "dup stderr", src: `ls /nonexistent-gosh 2>&1 >/dev/null | wc -l | tr -d ' '`, out: "1\n"},
		{name: "close", src: `echo x >&-; echo $?`, out: "1\n"},
		{name: "heredoc", src: "x=v\ncat <<EOF\n$x here\nEOF", out: "v here\n"},
		{name: "heredoc quoted", src: "x=v\ncat <<'EOF'\n$x here\nEOF", out: "$x here\n"},
		{name: "heredoc dash", src: "cat <<-EOF\n\tindented\n\tEOF", out: "indented\n"},
		{name: "herestring", src: `cat <<< "a b"`, out: "a b\n"},
		{name: "exec fd", src: `exec 3>f; echo to3 >&3; exec 3>&-; cat f`, out: "to3\n"},
		{name: "noclobber", src: `echo a >f; set -C; echo b >f; echo $?; echo c >|f; cat f`, out: "1\nc\n", errSub: "cannot overwrite"},
		{name: "read write", src: `echo abc >f; exec 4<>f; read -r l <&4; echo $l`, out: "abc\n"},
		{name: "missing file", src: `cat <nofile; echo $?`, out: "1\n", errSub: "nofile: No such file or directory"},
	})
}

func TestControlFlow(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "if elif else", src: `if false; then echo 1; elif true; then echo 2; else echo 3; fi`, out: "2\n"},
		{name: "while break", src: `i=0; while :; do i=$((i+1)); [ $i -ge 3 ] && break; done; echo $i`, out: "3\n"},
		{name: "until", src: `i=0; until [ $i -eq 2 ]; do i=$((i+1)); done; echo $i`, out: "2\n"},
		{name: "for continue", src: `for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done`, out: "1\n3\n"},
		{name: "nested break 2", src: `for i in 1 2; do for j in a b; do echo $i$j; break 2; done; done`, out: "1a\n"},
		{name: "c for", src: `for ((i=0; i<3; i++)); do echo $i; done`, out: "0\n1\n2\n"},
		{name: "case", src: `case abc in a*) echo A;; *) echo other;; esac`, out: "A\n"},
		{name: "case fallthrough", src: `case a in a) echo 1;& b) echo 2;; c) echo 3;; esac`, out: "1\n2\n"},
		{name: "and or", src: `false && echo no || echo yes`, out: "yes\n"},
		{name: "negation", src: `! false; echo $?`, out: "0\n"},
		{name: "function", src: `f() { echo "$1-$2"; return 4; }; f a b; echo $?`, out: "a-b\n4\n"},
		{name: "local", src: `x=g; f() { local x=l; echo $x; }; f; echo $x`, out: "l\ng\n"},
		{name: "subshell isolation", src: `x=1; (x=2; cd /); echo $x; pwd | grep -c '^/$'`, out: "1\n0\n", status: 1},
		{name: "pipeline status", src: `false | true; echo $? ${PIPESTATUS[@]}`, out: "0 1 0\n"},
		{name: "pipefail", src: `set -o pipefail; false | true; echo $?`, out: "1\n"},
		{name: "dbracket", src: `[[ abc == a* && -n x ]] && echo y; [[ ab =~ ^(a)(b)$ ]] && echo ${BASH_REMATCH[2]}`, out: "y\nb\n"},
		{name: "dparen", src: `(( 2 > 1 )) && echo gt`, out: "gt\n"},
		{name: "eval", src: `eval 'x=5; echo $x'`, out: "5\n"},
		{name: "alias", src: "alias say='echo said'\nsay hi", out: "said hi\n"},
	})
}

// TestLoopControlScope: break and continue reach the loops of the function
// or file that runs them, never the loops of a function's caller (XCU 2.14;
// bash). eval and . run in the caller's context, so they do reach them.
func TestLoopControlScope(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "break N in a function", src: `f() { break 5 2>/dev/null; echo post; }; for i in 1 2; do f; done`, out: "post\npost\n"},
		{name: "continue in a function", src: `f() { continue; echo "post $?"; }; for i in 1 2; do f; echo $i; done`, out: "post 0\n1\npost 0\n2\n",
			errSub: "continue: only meaningful in a `for', `while', or `until' loop"},
		{name: "break N stops at the function's own loops", src: `f() { for j in a b; do break 5; done; echo "post $j"; }; for i in 1 2; do f; done`, out: "post a\npost a\n"},
		{name: "return outside a function", src: `return 3; echo "return=$?"; (return 4); echo "sub=$?"`, out: "return=2\nsub=2\n", errSub: "return: can only `return' from a function or sourced script"},
		{name: "break outside a loop", src: `break; echo "break=$?"`, out: "break=0\n", errSub: "break: only meaningful"},
		{name: "break as a pipeline stage in a loop", src: `for i in 1 2; do echo | break; echo $i; done 2>&1`, out: "1\n2\n"},
		{name: "break in a subshell in a loop", src: `for i in 1 2; do (break; echo sub); echo $i; done 2>&1`, out: "gosh: line 1: break: only meaningful in a `for', `while', or `until' loop\nsub\n1\ngosh: line 1: break: only meaningful in a `for', `while', or `until' loop\nsub\n2\n"},
		{name: "eval break reaches the loop", src: `for i in 1 2; do eval break; echo no; done; echo $i`, out: "1\n"},
		{name: "break in a sourced file reaches the loop", src: `echo 'break; echo no' >b.sh; for i in 1 2; do . ./b.sh; done; echo $i`, out: "1\n"},
		{name: "the caller's loop goes on after the function", src: `f() { while :; do break; done; }; for i in 1 2 3; do f; [ $i = 2 ] && break; done; echo $i`, out: "2\n"},
	})
}

// TestFunctionContextInSubshells: a subshell of a function's body is still
// in the function: local, return and FUNCNAME work there. Pipeline stages
// run as in-process copies of the shell; background lists are re-executed
// gosh processes, so the function context travels in their snapshot.
func TestFunctionContextInSubshells(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "local in a while loop a pipeline feeds", src: `f() { printf 'a\nb\n' | while read l; do local x=$l; echo "[$x]"; done; }; f`, out: "[a]\n[b]\n"},
		{name: "local of a name local already keeps its value", src: `f() { local x=1; echo | { local x; echo "[$x]"; }; }; f`, out: "[1]\n"},
		{name: "local in a stage does not reach the function", src: `x=g; f() { local x=1; echo | { local x=2; echo "[$x]"; }; echo $x; }; f; echo $x`, out: "[2]\n1\ng\n"},
		{name: "local hides a global in a stage", src: `x=g; f() { echo | { local x; echo "[${x-unset}]"; }; }; f`, out: "[unset]\n"},
		{name: "return in a stage", src: `f() { echo | return 3; echo $?; }; f`, out: "3\n"},
		{name: "local in a background list", src: `f() { local x=1; { local x; echo "[$x]"; local y=2; echo "$y ${FUNCNAME[0]}"; } & wait; echo "${y-unset}"; }; f`, out: "[1]\n2 f\nunset\n"},
		{name: "return in a background subshell", src: `f() { (return 3) & wait $!; echo $?; }; f`, out: "3\n"},
		{name: "declare -p of locals in a background list", src: `f() { local y=1; { local x=2; declare -p y x; } & wait; }; f`, out: "declare -- y=\"1\"\ndeclare -- x=\"2\"\n"},
	})
}

// TestCommandExec: `command exec REDIRS` opens and closes descriptors for
// the shell as exec does; command only keeps a failure from being fatal.
func TestCommandExec(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "fd stays open", src: `echo hello >f; command exec 8<f; cat <&8`, out: "hello\n"},
		{name: "with -p, -- and command twice", src: `echo hi >f; command -p exec 7<f; command command exec -- 8<f; cat <&7; cat <&8`, out: "hi\nhi\n"},
		{name: "stdout moves", src: `command exec >f; echo x; cat f >&2`, errSub: "x\n"},
		{name: "in a function, for the caller", src: `echo fn >f; g() { command exec 8<f; }; g; cat <&8`, out: "fn\n"},
		{name: "closing", src: `exec 8</dev/null; command exec 8<&-; cat <&8`, status: 1, errSub: "8: Bad file descriptor"},
		{name: "a failed redirection is not fatal", src: `command exec 8</nonexistent; echo "still $?"`, out: "still 1\n", errSub: "/nonexistent: No such file or directory"},
		{name: "assignments last for the command", src: `X=1 command exec 8</dev/null; echo "[$X]"`, out: "[]\n"},
		{name: "command -v exec opens nothing", src: `command -v exec 8</dev/null; cat <&8`, out: "exec\n", status: 1},
	})
}

// TestBackgroundExpandedName: a background or pipeline stage whose command
// name comes from an expansion is expanded once, in the shell, and then
// runs as the program itself, or, for a builtin, a function or a missing
// program, in a gosh process given the words as expanded. Outputs are
// bash's.
func TestBackgroundExpandedName(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "function named by a variable", src: `f() { echo "f:$1:$2"; }; S=f; $S "a'b c" '' & wait`, out: "f:a'b c:\n"},
		{name: "builtin named by a variable, words expanded once", src: `S=echo; $S "it's" $(echo sub >&2) x & wait`, out: "it's x\n", errSub: "sub\n"},
		{name: "arithmetic side effects stay in the job", src: `S=echo; i=0; $S $((i+=1)) & wait; echo "[$i]"`, out: "1\n[0]\n"},
		{name: "empty words: the status of the substitution", src: `$(exit 3) & wait $!; echo $?; x=$(exit 4) $(exit 3) & wait $!; echo $?; e=; false; $e & wait $!; echo $?`, out: "3\n4\n0\n"},
		{name: "a missing program is a job that fails", src: `nosuch-gosh & wait $!; echo $?; N=nosuch-gosh; $N & wait $!; echo $?`, out: "127\n127\n", errSub: "nosuch-gosh: command not found"},
		{name: "a directory is a job that fails", src: `./ & [ -n "$!" ] && wait $!; echo $?`, out: "126\n", errSub: "./: Is a directory"},
		{name: "program in a pipeline", src: `c=cat; echo hi | $c | $c`, out: "hi\n"},
		{name: "exec named by a variable", src: `E=exec; $E echo ex & wait`, out: "ex\n"},
	})
}

// TestNegatedStatus: `!` inverts a pipeline's status, but the status that
// return and exit leave with is theirs (XCU 2.9.2; bash and dash agree).
func TestNegatedStatus(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "! return N returns N", src: `f() { ! return 5; }; f; echo $?`, out: "5\n"},
		{name: "! return keeps $?", src: `f() { false; ! return; }; f; echo $?`, out: "1\n"},
		{name: "! return under set -e", src: `f() { false; ! return; }; set -e; f; echo no`, status: 1},
		{name: "! exit N exits N", src: `! exit 3`, status: 3},
		{name: "! break negates break's 0", src: `for i in 1; do ! break; done; echo $?`, out: "1\n"},
		{name: "! of a function negates its return", src: `f() { return 4; }; ! f; echo $?`, out: "0\n"},
	})
}

func TestExitStatuses(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "not found", src: `nosuchcmd-gosh`, status: 127, errSub: "nosuchcmd-gosh: command not found"},
		{name: "not executable", src: `touch f; chmod -x f; ./f`, status: 126},
		{name: "killed", src: `sh -c 'kill -TERM $$'; echo $?`, out: "143\n"},
		{name: "exit", src: `exit 7`, status: 7},
		{name: "errexit", src: `set -e; false; echo no`, status: 1},
		{name: "errexit exempt", src: `set -e; if false; then :; fi; false || true; ! true; echo yes`, out: "yes\n"},
		{name: "nounset", src: `set -u; echo $nope; echo no`, status: 1, errSub: "nope: unbound variable"},
		{name: "syntax error", src: `echo (`, status: 2, errSub: "syntax error"},
		{name: "readonly", src: `readonly r=1; r=2; echo no`, status: 1, errSub: "r: readonly variable"},
		{name: "background wait", src: `(exit 5) & wait $!; echo $?`, out: "5\n"},
		{name: "bad option", src: `set -Q`, status: 2, errSub: "invalid option"},
	})
}

func TestSpecialBuiltins(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "set positional", src: `set -- a b; shift; echo $1 $#`, out: "b 1\n"},
		{name: "export env", src: `export GOSH_T=1; sh -c 'echo $GOSH_T'`, out: "1\n"},
		{name: "prefix assign", src: `GOSH_T=2 sh -c 'echo $GOSH_T'; echo "[$GOSH_T]"`, out: "2\n[]\n"},
		{name: "unset", src: `x=1; unset x; echo "[${x-unset}]"`, out: "[unset]\n"},
		{name: "trap exit", src: `trap 'echo bye' EXIT; echo hi`, out: "hi\nbye\n"},
		{name: "trap print", src: `trap 'echo x' INT; trap -p INT`, out: "trap -- 'echo x' SIGINT\n"},
		{name: "dot", src: `echo 'y=sourced' >lib.sh; . ./lib.sh; echo $y`, out: "sourced\n"},
		{name: "command -v", src: `command -v echo; command -v sh`, out: "echo\n/usr/bin/sh\n"},
		{name: "type", src: `f() { :; }; type f | head -1`, out: "f is a function\n"},
		{name: "cd dash", src: `cd /; cd /tmp; cd - >/dev/null; pwd`, out: "/\n"},
		{name: "declare -p", src: `declare -a a=(1 2); declare -p a`, out: "declare -a a=([0]=\"1\" [1]=\"2\")\n"},
	})
}

// TestBashExtensions covers bash features the README lists that the other
// tables do not reach.
func TestBashExtensions(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "process substitution in", src: `cat <(echo from-sub)`, out: "from-sub\n"},
		{name: "process substitution loop", src: `while read l; do echo "l=$l"; done < <(printf 'a\nb\n')`, out: "l=a\nl=b\n"},
		{name: "cat idiom", src: `echo FOO >f; echo $(<f)`, out: "FOO\n"},
		{name: "named descriptor", src: `exec {fd}>f; echo hi >&$fd; exec {fd}>&-; [ $fd -ge 10 ] && cat f`, out: "hi\n"},
		{name: "hash", src: `hash -r; hash sh; hash | grep -c '/sh$'`, out: "1\n"},
		{name: "time", src: `time true 2>&1`, errSub: "real\t0m"},
		{name: "shopt -p", src: `shopt -s nullglob; shopt -p nullglob; shopt -p -o errexit`, out: "shopt -s nullglob\nset +o errexit\n", status: 1},
		{name: "ERR trap", src: `trap 'echo err $?' ERR; false; true`, out: "err 1\n"},
		{name: "DEBUG trap", src: "trap 'echo \"dbg $LINENO\"' DEBUG\necho a", out: "dbg 2\na\n"},
		{name: "prompt expansion", src: `x='\$ '; echo "${x@P}"`, out: "# \n"},
		{name: "assignment tilde", src: `HOME=/h; p=a:~/b; echo $p`, out: "a:/h/b\n"},
		{name: "no-shebang file runs as a script", src: `echo 'echo ran $1' >s; chmod +x s; ./s arg`, out: "ran arg\n"},
		{name: "extglob @() in [[ ]]", src: `[[ --verbose == --@(help|verbose) ]] && echo T; [[ --oops == --@(help|verbose) ]] || echo F`, out: "T\nF\n"},
		{name: "extglob +() and *()", src: `[[ foofoo == +(foo) ]] && echo T; [[ '' == *(foo) ]] && echo E`, out: "T\nE\n"},
		{name: "extglob !() whole", src: `for x in foo bar baz; do [[ $x == !(foo|bar) ]] && echo $x; done`, out: "baz\n"},
		{name: "extglob !() inside", src: `[[ --oops == --!(help|verbose) ]] && echo T; [[ --help == --!(help|verbose) ]] || echo F; [[ a.c == !(*.h).c ]] && echo C`, out: "T\nF\nC\n"},
		{name: "xtrace each assignment", src: `set -x; x=1 x=2`, errSub: "+ x=1\n+ x=2\n"},
		{name: "xtrace array assignments", src: `set -x; a=(1 "2 3"); a+=(4); s=a; s+=b`, errSub: "+ a=(1 '2 3')\n+ a+=(4)\n+ s=a\n+ s+=b\n"},
		{name: "xtrace lone quote", src: `set -x; : \' "a'b"`, errSub: "+ : \\' 'a'\\''b'\n"},
		{name: "DEBUG trap before [[ ]], (( )), for and case", src: "trap 'echo \"d $LINENO\"' DEBUG\n[[ x ]]\n(( 1 ))\nfor i in 1; do :; done\ncase x in x) ;; esac", out: "d 2\nd 3\nd 4\nd 4\nd 5\n"},
		{name: "exit in a DEBUG trap", src: "trap 'exit 42' DEBUG\necho no", status: 42},
		{name: "prompt \\D{} \\v \\V", src: `x='\D{%%x%n}\v \V'; echo "${x@P}"`, out: "%x\n" + Version[:strings.LastIndexByte(Version, '.')] + " " + Version + "\n"},
		{name: "fg with set -m and no terminal waits", src: `set -m; (exit 3) & fg; echo $?`, out: "(exit 3)\n3\n"},
		{name: "test -v of array elements", src: `a=(1 ''); declare -A m=([k]=v); s=x; for e in 'a[1]' 'a[2]' 'a[-1]' 'm[k]' 'm[z]' 's[0]'; do test -v "$e"; printf %s $?; done; [[ -v a[0] ]] && echo`, out: "010010\n"},
		{name: "getopts inside one word of options", src: `while getopts abc: o -abcx -a; do echo "$o $OPTIND $OPTARG"; done`, out: "a 1 \nb 1 \nc 2 x\na 3 \n"},
		{name: "quoted ? in case and [[ ]] is literal", src: `case "?" in "?") echo q;; esac; case a in "?") echo no;; *) echo lit;; esac; [[ a == "?" ]] || echo f`, out: "q\nlit\nf\n"},
		{name: "backslash escapes in assignments", src: `v=x\\y; echo "$v"; v=a\$b; echo "$v"; HOME=/h; v=~/x\\y; echo "$v"`, out: "x\\y\na$b\n/h/x\\y\n"},
		{name: "for with a bad name", src: "for - in a; do echo hi; done", status: 1, errSub: "`-': not a valid identifier"},
		{name: "set - and a lone +", src: `set a b; set -; echo "$*"; set + -- c; echo "$*"; set - +; echo "$*"`, out: "a b\nc\n+\n"},
		{name: "default words keep their quotes when split", src: `printf '[%s]' 1 ${u:-"2 3" "4 5"} 6 x${u:-"a b"c d}y; echo; x=a; set -u; printf '[%s]' ${x:+"p q" r} ${nope-"d e"}`, out: "[1][2 3][4 5][6][xa bc][dy]\n[p q][r][d e]"},
		{name: "an empty quoted string next to split text is a field", src: `sp=' '; printf '[%s]' 1 $sp"" 2 ""$sp 3; echo`, out: "[1][][2][][3]\n"},
		{name: "a failed redirection of a special builtin ends a script", src: `: > /nonexistent/x; echo no`, status: 1, errSub: "/nonexistent/x: No such file or directory"},
		{name: "an alternate of an unset variable under set -u", src: `set -u; printf '[%s]' a ${u:+no} ${u+no} b; echo`, out: "[a][b]\n"},
		{name: "an unused default word is not expanded", src: `i=0; x=x; echo ${x:-$((i++))} $i ${u:-$((i++))} $i`, out: "x 0 0 1\n"},
		{name: "$@ and - +", src: `echo a${@-minus} b${@+plus}; set -- ''; echo a${@-minus} b${@+plus} c${@:-minus}`, out: "aminus b\na bplus cminus\n"},
		{name: "shopt -s lastpipe", src: `echo a | read x; echo "[$x]"; shopt -s lastpipe; echo b | read x; echo "[$x]"; i=0; printf '1\n2\n' | while read l; do i=$((i+l)); done; echo $i; false | true; echo ${PIPESTATUS[*]}`, out: "[]\n[b]\n3\n1 0\n"},
		{name: "wait waits for >(cmd)", src: `echo hi > >(read -r l; sleep 0.05; echo "got $l"); wait; echo after`, out: "got hi\nafter\n"},
		{name: "extglob in case", src: `case foo.py in @(*.sh|*.py)) echo py;; esac`, out: "py\n"},
	})
}

// Runaway eval and `.` stop at maxNestDepth with bash's message: the
// command is abandoned with status 1 and the next line runs. Before the
// limit they ended in a Go stack overflow; the smaller stack here makes that
// failure cheap.
func TestNestingLimits(t *testing.T) {
	defer debug.SetMaxStack(debug.SetMaxStack(256 << 20))
	runCases(t, []scriptCase{
		{name: "eval", src: "x='eval \"$x\"'; eval \"$x\"; echo same line\necho next $?",
			out: "next 1\n", errSub: "eval: maximum eval nesting level exceeded (1000)"},
		{name: "source", src: "echo '. ./self' >self; . ./self; echo same line\necho next $?",
			out: "next 1\n", errSub: "./self: maximum source nesting level exceeded (1000)"},
		{name: "eval in subshells", src: "x='(eval \"$x\")'; eval \"$x\"; echo same line $?",
			out: "same line 1\n", errSub: "eval: maximum eval nesting level exceeded (1000)"},
		{name: "deep but bounded", src: "n=0; x='n=$((n+1)); [ $n -lt 900 ] && eval \"$x\"'; eval \"$x\"; echo $n",
			out: "900\n"},
	})
}
