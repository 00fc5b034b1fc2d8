package shell

import "testing"

// TestExpansionThroughShell checks, through the whole shell, what issue 10
// asks of word expansion; each expected result is what bash 5.2 prints.
func TestExpansionThroughShell(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "unused word in quotes is not run", src: `unset X; y="${X:+$(echo RAN >&2)}"; echo "[$y]"`, out: "[]\n"},
		{name: "unused word in a here-document is not run", src: "unset X; cat <<E\n${X:+$(echo RAN >&2)}x\nE", out: "x\n"},
		{name: "unused word in [[ ]] is not run", src: `unset X; [[ -z ${X:+$(echo RAN >&2)} ]] && echo empty`, out: "empty\n"},
		{name: "unused word in an assignment is not run", src: `unset X; v=${X:+$(echo RAN >&2)}; echo "[$v]"`, out: "[]\n"},
		{name: "unused subscript word is not run", src: `a=(x y); i=0; echo ${a[${u:+$((i++))}0]} $i`, out: "x 0\n"},
		{name: "default word is expanded once", src: `i=0; x=; echo "${x:-$((i++))}" $i; x=s; echo "${x:-$((i++))}" $i`, out: "0 1\ns 1\n"},
		{name: ":= assigns", src: `unset v; echo "${v:=a b}"; echo "$v"`, out: "a b\na b\n"},
		{name: ":? reports and exits", src: `unset v; echo "${v:?is missing}"; echo after`, status: 1, errSub: "v: is missing"},
		{name: "(( a[3]=1 )) assigns", src: `(( a[3]=1 )); echo ${!a[@]} ${a[3]}`, out: "3 1\n"},
		{name: "out-of-range negative subscript is empty", src: `a=(1 2); echo "[${a[-5]}]"; echo next`, out: "[]\nnext\n", errSub: "bad array subscript"},
		{name: "textual arithmetic", src: `x=1+2; echo $((x*2)) $(($x*2))`, out: "6 5\n"},
		{name: "arithmetic error in $(( )) ends a script", src: `echo $((1/0)); echo after`, status: 1, errSub: "1/0: division by 0"},
		{name: "arithmetic error in (( )) does not", src: `(( 1/0 )); echo after $?`, out: "after 1\n", errSub: "((: 1/0 : division by 0"},
		{name: "quoted pattern character is literal", src: `F="a?b"; echo "${F#*"?"}"`, out: "b\n"},
		{name: "quoted expansion in case is literal", src: `p='*'; case x in "$p") echo bad;; *) echo good;; esac`, out: "good\n"},
		{name: "POSIX bracket with dash", src: `case e.xz in *[-.]xz) echo yes;; esac`, out: "yes\n"},
		{name: "status in a case item", src: `false; case a in a) echo $?;; esac`, out: "1\n"},
		{name: "IFS and $* in an assignment", src: `IFS=:; set -- x 'y z'; s=$*; echo "$s"; s=$@; echo "$s"`, out: "x:y z\nx y z\n"},
		{name: "extglob group with expansions", src: `c1=help c2=verbose p=no; [[ --verbose == --@($c1|$c2) ]] && echo a; [[ --no-x == --@(h|$p-@(x|y)) ]] && echo b; [[ '--a|b' == --@('a|b') ]] && echo c`, out: "a\nb\nc\n"},
		{name: "a+=s appends to element 0", src: `a=(x y); a+=z; echo "${a[@]}"`, out: "xz y\n"},
		{name: "unquoted $@ keeps an empty element when IFS is not blank", src: `set -- one "" two; IFS=x; printf '[%s]' $@; IFS=' '; printf '[%s]' $@`, out: "[one][][two][one][two]"},
		{name: "tilde in a name=value argument, and a colon ends the prefix", src: `HOME=/h; echo x=~/a y=a:~ a:~ ~:b; set -o posix; echo x=~/a`, out: "x=/h/a y=a:/h a:~ /h:b\nx=~/a\n"},
		{name: "patsub replacement", src: `x=abc; echo "${x/b/<&>}" ${x/b/\&}`, out: "a<b>c a&c\n"},
	})
}
