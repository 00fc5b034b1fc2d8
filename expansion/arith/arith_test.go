package arith

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// The expected values and messages in these tables are what /bin/bash
// 5.2 prints for the same expression in the environment setup() builds
// (setupBash), as `r=$(($E)); echo "$r"` with E holding the expression.

var valueTests = []struct {
	expr string
	want int64
}{
	{"1+2", 3},
	{"7-10", -3},
	{"6*7", 42},
	{"7/2", 3},
	{"-7/2", -3},
	{"7%3", 1},
	{"-7%3", -1},
	{"7%-3", 1},
	{"2**10", 1024},
	{"2**0", 1},
	{"0**0", 1},
	{"(-2)**3", -8},
	{"-2**2", 4},
	{"-2**3", -8},
	{"2**3**2", 512},
	{"2**63", -9223372036854775808},
	{"2**64", 0},
	{"3**40", -6289078614652622815},
	{"1<<3", 8},
	{"1<<63", -9223372036854775808},
	{"1<<64", 1},
	{"1<<65", 2},
	{"1<<-1", -9223372036854775808},
	{"-8>>1", -4},
	{"-8>>-1", -1},
	{"-8>>65", -4},
	{"256>>4", 16},
	{"1<2", 1},
	{"2<1", 0},
	{"1<=1", 1},
	{"2>=3", 0},
	{"3>2", 1},
	{"1>1", 0},
	{"1==1", 1},
	{"1!=1", 0},
	{"5&3", 1},
	{"5|3", 7},
	{"5^3", 6},
	{"~0", -1},
	{"~-1", 0},
	{"!0", 1},
	{"!5", 0},
	{"!!7", 1},
	{"-5", -5},
	{"+5", 5},
	{"- -5", 5},
	{"--5", 5},
	{"---5", -5},
	{"+-+-1", 1},
	{"1---1", 0},
	{"1+++1", 2},
	{"1 + ++ 1", 2},
	{"++3", 3},
	{"-- 1", 1},
	{"1&&2", 1},
	{"1&&0", 0},
	{"0||0", 0},
	{"0||3", 1},
	{"1?2:3", 2},
	{"0?2:3", 3},
	{"0?1:0?2:3", 3},
	{"1?0?4:5:6", 5},
	{"1,2,3", 3},
	{"(1,2)+1", 3},
	{"1+2*3", 7},
	{"(1+2)*3", 9},
	{"1+2<<1", 6},
	{"1<<2+1", 8},
	{"1<2==1", 1},
	{"2==2<3", 0},
	{"1|2&3", 3},
	{"1^3|4", 6},
	{"6&3^1", 3},
	{"1|0&&0", 0},
	{"0&&1||1", 1},
	{"1||0&&0", 1},
	{"1?1:0||1", 1},
	{"2*3**2", 18},
	{"-3**2", 9},
	{"!1+1", 1},
	{"~1*2", -4},
	{"8/2/2", 2},
	{"2-3-4", -5},
	{"1<2<3", 1},
	{"3>2>1", 0},
	{"9223372036854775807+1", -9223372036854775808},
	{"-9223372036854775807-1", -9223372036854775808},
	{"(-9223372036854775807-1)/-1", -9223372036854775808},
	{"(-9223372036854775807-1)%-1", 0},
	{"-(-9223372036854775807-1)", -9223372036854775808},
	{"9223372036854775807*2", -2},
	{"99999999999999999999", 7766279631452241919},
	{"18446744073709551617", 1},
	{"0x7fffffffffffffff", 9223372036854775807},
	{"0xffffffffffffffff", -1},
	{"0777777777777777777777", 9223372036854775807},
	{"9223372036854775808", -9223372036854775808},
	{"0x1f", 31},
	{"0X1F", 31},
	{"0xAbC", 2748},
	{"0x", 0},
	{"0X", 0},
	{"017", 15},
	{"010", 8},
	{"00", 0},
	{"000", 0},
	{"0", 0},
	{"2#101", 5},
	{"8#17", 15},
	{"16#ff", 255},
	{"16#FF", 255},
	{"36#zZ", 1295},
	{"36#Zz", 1295},
	{"37#a", 10},
	{"37#A", 36},
	{"64#a", 10},
	{"64#A", 36},
	{"64#@", 62},
	{"64#_", 63},
	{"64#@_", 4031},
	{"64#zZ", 2301},
	{"10#009", 9},
	{"10#0", 0},
	{"2#1111111111111111111111111111111111111111111111111111111111111111", -1},
	{"64#zzzzzzzzzzzzzzzzzz", 4099276460824344803},
	{"x", 3},
	{"y", 3},
	{"z", 0},
	{"s", 3},
	{"s*2", 6},
	{"i", 0},
	{"n", -5},
	{"h", 31},
	{"h+1", 32},
	{"u", 0},
	{"u+1", 1},
	{"a", 1},
	{"a[0]", 1},
	{"a[1]", 2},
	{"a[2]", 3},
	{"a[3]", 0},
	{"a[-1]", 3},
	{"a[-3]", 1},
	{"a[1+1]", 3},
	{"a[x-2]", 2},
	{"a[ ]", 1},
	{"a[a[0]]", 2},
	{"x[0]", 3},
	{"A[k]", 5},
	{"A[j]", 7},
	{"A[ k ]", 6},
	{"A[q]", 0},
	{"A", 0},
	{"(x)", 3},
	{"x*y", 9},
	{"s*s", 9},
	{"h*n", -155},
	{" 1 + 2 ", 3},
	{"1\n+\n2", 3},
	{"1\t+\t2", 3},
	{"\n\t 5 \n", 5},
	{"", 0},
	{"   ", 0},
	{"\n", 0},
}

func TestValues(t *testing.T) {
	for _, tt := range valueTests {
		got, err := Eval(tt.expr, setup(), Options{})
		if err != nil || got != tt.want {
			t.Errorf("Eval(%q) = %d, %v; want %d", tt.expr, got, err, tt.want)
		}
	}
}

// sideEffectTests give the value and the variables afterwards (in
// fakeEnv.dump's form).
var sideEffectTests = []struct {
	expr string
	want int64
	vars string
}{
	{"x=5", 5, "x=5;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x = 5", 5, "x=5;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x=y=7", 7, "x=7;y=7;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x+=2", 5, "x=5;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x-=2", 1, "x=1;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x*=2", 6, "x=6;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x/=2", 1, "x=1;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x%=2", 1, "x=1;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x<<=2", 12, "x=12;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x>>=1", 1, "x=1;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x&=2", 2, "x=2;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x|=4", 7, "x=7;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x^=1", 2, "x=2;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x++", 3, "x=4;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x--", 3, "x=2;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"++x", 4, "x=4;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"--x", 2, "x=2;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x++ + x", 7, "x=4;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x + x++", 6, "x=4;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"i++ + i++", 1, "x=3;y=x;i=2;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x=++x", 4, "x=4;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x+=x++", 6, "x=6;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"u=1", 1, "x=3;y=x;i=0;u=1;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"u++", 0, "x=3;y=x;i=0;u=1;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"++u", 1, "x=3;y=x;i=0;u=1;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"u+=5", 5, "x=3;y=x;i=0;u=5;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"y=1", 1, "x=3;y=1;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"a[1]=9", 9, "x=3;y=x;i=0;u=unset;a=0:1,1:9,2:3,;A= k :6,j:7,k:5,"},
	{"a[5]=9", 9, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,5:9,;A= k :6,j:7,k:5,"},
	{"a[-1]=9", 9, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:9,;A= k :6,j:7,k:5,"},
	{"a[i]=i++", 0, "x=3;y=x;i=1;u=unset;a=0:1,1:0,2:3,;A= k :6,j:7,k:5,"},
	{"a[i++]=i", 0, "x=3;y=x;i=1;u=unset;a=0:0,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"a[i++]+=i++", 2, "x=3;y=x;i=2;u=unset;a=0:2,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"a[i++]++", 1, "x=3;y=x;i=1;u=unset;a=0:2,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"++a[i++]", 2, "x=3;y=x;i=1;u=unset;a=0:2,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"a[1]+=10", 12, "x=3;y=x;i=0;u=unset;a=0:1,1:12,2:3,;A= k :6,j:7,k:5,"},
	{"a[1]++", 2, "x=3;y=x;i=0;u=unset;a=0:1,1:3,2:3,;A= k :6,j:7,k:5,"},
	{"a=7", 7, "x=3;y=x;i=0;u=unset;a=0:7,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"a[0]=x=4", 4, "x=4;y=x;i=0;u=unset;a=0:4,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"a[x-1]*=2", 6, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:6,;A= k :6,j:7,k:5,"},
	{"A[k]=1", 1, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:1,"},
	{"A[k]++", 5, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:6,"},
	{"A[q]+=1", 1, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,q:1,"},
	{"A[ k ]+=2", 8, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :8,j:7,k:5,"},
	{"A[i++]=3", 3, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,i++:3,j:7,k:5,"},
	{"A[1+1]=3", 3, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,1+1:3,j:7,k:5,"},
	{"0 && x++", 0, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"1 || x++", 1, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"0 && (x=9)", 0, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"1 || (x=9)", 1, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"0 ? x++ : i++", 0, "x=3;y=x;i=1;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"1 ? x++ : i++", 3, "x=4;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"0 && a[i++]", 0, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"0 && (x /= 0)", 0, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"1 || 1/0", 1, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"0 ? 1/0 : 2", 2, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"1 ? 2 : 1/0", 2, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x++, x++, x", 5, "x=5;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"(x=1) + x", 2, "x=1;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x + (x=1)", 4, "x=1;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"i=x=2", 2, "x=2;y=x;i=2;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"x = 1 ? 2 : 3", 2, "x=2;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"1 ? x=5 : 6", 5, "x=5;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"0 ? 6 : (x=5)", 5, "x=5;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
	{"u[2]=4", 4, "x=3;y=x;i=0;u=unset;a=0:1,1:2,2:3,;A= k :6,j:7,k:5,"},
}

func TestSideEffects(t *testing.T) {
	for _, tt := range sideEffectTests {
		env := setup()
		got, err := Eval(tt.expr, env, Options{})
		if err != nil || got != tt.want {
			t.Errorf("Eval(%q) = %d, %v; want %d", tt.expr, got, err, tt.want)
			continue
		}
		// u[2]=4 makes u an array with only [2] set, which bash's
		// ${u-unset} (and dump) show as unset.
		if vars := env.dump(); vars != tt.vars {
			t.Errorf("after Eval(%q):\n got %s\nwant %s", tt.expr, vars, tt.vars)
		}
	}
}

var errorTests = []struct {
	expr string
	want string
}{
	{"1/0", "1/0: division by 0 (error token is \"0\")"},
	{"1%0", "1%0: division by 0 (error token is \"0\")"},
	{"1 / ( 2 - 2 )", "1 / ( 2 - 2 ): division by 0 (error token is \"( 2 - 2 )\")"},
	{"x /= 0", "x /= 0: division by 0 (error token is \"0\")"},
	{"x %= 0", "x %= 0: division by 0 (error token is \"0\")"},
	{"1 +", "1 +: syntax error: operand expected (error token is \"+\")"},
	{"1 2", "1 2: syntax error in expression (error token is \"2\")"},
	{"2**-1", "2**-1: exponent less than 0 (error token is \"1\")"},
	{"0 && 2**-1", "0 && 2**-1: exponent less than 0 (error token is \"1\")"},
	{"1=2", "1=2: attempted assignment to non-variable (error token is \"=2\")"},
	{"1 =", "1 =: attempted assignment to non-variable (error token is \"=\")"},
	{"(x)=1", "(x)=1: attempted assignment to non-variable (error token is \"=1\")"},
	{"(x)+=2", "(x)+=2: attempted assignment to non-variable (error token is \"+=2\")"},
	{"x+y=1", "x+y=1: attempted assignment to non-variable (error token is \"=1\")"},
	{"x++=7", "x++=7: attempted assignment to non-variable (error token is \"=7\")"},
	{"--x=9", "--x=9: attempted assignment to non-variable (error token is \"=9\")"},
	{"1 ? 2 : x = 3", "1 ? 2 : x = 3: attempted assignment to non-variable (error token is \"= 3\")"},
	{"5 %= 0", "5 %= 0: attempted assignment to non-variable (error token is \"%= 0\")"},
	{"-", "-: syntax error: operand expected (error token is \"-\")"},
	{"+", "+: syntax error: operand expected (error token is \"+\")"},
	{"()", "(): syntax error: operand expected (error token is \")\")"},
	{"(", "(: syntax error: operand expected (error token is \"(\")"},
	{"(1", "(1: missing `)' (error token is \"1\")"},
	{"((1)", "((1): missing `)' (error token is \")\")"},
	{"(1 2)", "(1 2): missing `)' (error token is \"2)\")"},
	{"1,", "1,: syntax error: operand expected (error token is \",\")"},
	{",1", ",1: syntax error: operand expected (error token is \",1\")"},
	{"=", "=: syntax error: operand expected (error token is \"=\")"},
	{"x=", "x=: syntax error: operand expected (error token is \"=\")"},
	{"x+=", "x+=: syntax error: operand expected (error token is \"+=\")"},
	{"x =< 1", "x =< 1: syntax error: operand expected (error token is \"< 1\")"},
	{"x**=2", "x**=2: syntax error: operand expected (error token is \"=2\")"},
	{"1?", "1?: expression expected (error token is \"?\")"},
	{"1?2", "1?2: `:' expected for conditional expression (error token is \"2\")"},
	{"1?:2", "1?:2: expression expected (error token is \":2\")"},
	{"1 ? 2 3", "1 ? 2 3: `:' expected for conditional expression (error token is \"3\")"},
	{"1 ? 2 : ", "1 ? 2 : : expression expected (error token is \": \")"},
	{"++x++", "++x++: ++: assignment requires lvalue (error token is \"++\")"},
	{"--x--", "--x--: --: assignment requires lvalue (error token is \"--\")"},
	{"x++ ++", "x++ ++: syntax error: operand expected (error token is \"+\")"},
	{"--4++", "--4++: syntax error: operand expected (error token is \"+\")"},
	{"1++", "1++: syntax error: operand expected (error token is \"+\")"},
	{"1++x", "1++x: syntax error in expression (error token is \"++x\")"},
	{"x++2", "x++2: syntax error in expression (error token is \"2\")"},
	{"x 1", "x 1: syntax error in expression (error token is \"1\")"},
	{"1 @ 2", "1 @ 2: syntax error: invalid arithmetic operator (error token is \"@ 2\")"},
	{"x @ 2", "x @ 2: syntax error: invalid arithmetic operator (error token is \"@ 2\")"},
	{"@", "@: syntax error: operand expected (error token is \"@\")"},
	{"$x", "$x: syntax error: operand expected (error token is \"$x\")"},
	{"$", "$: syntax error: operand expected (error token is \"$\")"},
	{"x$", "x$: syntax error: invalid arithmetic operator (error token is \"$\")"},
	{"1$", "1$: syntax error: invalid arithmetic operator (error token is \"$\")"},
	{"1 # 2", "1 # 2: syntax error: invalid arithmetic operator (error token is \"# 2\")"},
	{"x#1", "x#1: syntax error: invalid arithmetic operator (error token is \"#1\")"},
	{"1\r", "1\r: syntax error: invalid arithmetic operator (error token is \"\r\")"},
	{"1\\ 2", "1\\ 2: syntax error: invalid arithmetic operator (error token is \"\\ 2\")"},
	{"a]", "a]: syntax error: invalid arithmetic operator (error token is \"]\")"},
	{"a[1", "a[1: bad array subscript (error token is \"a[1\")"},
	{"a[1]]", "a[1]]: syntax error: invalid arithmetic operator (error token is \"]\")"},
	{"a[a[0]", "a[a[0]: bad array subscript (error token is \"a[a[0]\")"},
	{"a[1/0]", "1/0: division by 0 (error token is \"0\")"},
	{"a[1 +]", "1 +: syntax error: operand expected (error token is \"+\")"},
	{"a[1/0]=1", "1/0: division by 0 (error token is \"0\")"},
	{"a[[1]]", "[1]: syntax error: operand expected (error token is \"[1]\")"},
	{"e", "1 +: syntax error: operand expected (error token is \"+\")"},
	{"e+1", "1 +: syntax error: operand expected (error token is \"+\")"},
	{"s 1", "s 1: syntax error in expression (error token is \"1\")"},
	{"09", "09: value too great for base (error token is \"09\")"},
	{"08#1", "08#1: value too great for base (error token is \"08#1\")"},
	{"0x1g", "0x1g: value too great for base (error token is \"0x1g\")"},
	{"0xg", "0xg: value too great for base (error token is \"0xg\")"},
	{"1a", "1a: value too great for base (error token is \"1a\")"},
	{"1e5", "1e5: value too great for base (error token is \"1e5\")"},
	{"1_0", "1_0: value too great for base (error token is \"1_0\")"},
	{"0b1", "0b1: value too great for base (error token is \"0b1\")"},
	{"2#", "2#: invalid integer constant (error token is \"2#\")"},
	{"2#2", "2#2: value too great for base (error token is \"2#2\")"},
	{"2#-1", "2#: invalid integer constant (error token is \"2#\")"},
	{"10#", "10#: invalid integer constant (error token is \"10#\")"},
	{"64#", "64#: invalid integer constant (error token is \"64#\")"},
	{"2##1", "2##1: invalid integer constant (error token is \"2##1\")"},
	{"2#1#1", "2#1#1: invalid number (error token is \"2#1#1\")"},
	{"1#1", "1#1: invalid arithmetic base (error token is \"1#1\")"},
	{"0#1", "0#1: invalid number (error token is \"0#1\")"},
	{"0#", "0#: invalid number (error token is \"0#\")"},
	{"65#1", "65#1: invalid arithmetic base (error token is \"65#1\")"},
	{"0#1", "0#1: invalid number (error token is \"0#1\")"},
	{"0x1#1", "0x1#1: invalid number (error token is \"0x1#1\")"},
	{"10#1#1", "10#1#1: invalid number (error token is \"10#1#1\")"},
	{"010#1", "010#1: invalid number (error token is \"010#1\")"},
	{"37#Zz", "37#Zz: value too great for base (error token is \"37#Zz\")"},
	{"2#12", "2#12: value too great for base (error token is \"2#12\")"},
	{"09 + 1", "09: value too great for base (error token is \"09\")"},
	{"1 + 2#2 + 3", "1 + 2#2: value too great for base (error token is \"2#2\")"},
	{"x 09", "x 09: value too great for base (error token is \"09\")"},
	{"0 && 09", "0 && 09: value too great for base (error token is \"09\")"},
	{"99999999999999999999999999999#1", "99999999999999999999999999999#1: invalid arithmetic base (error token is \"99999999999999999999999999999#1\")"},
	{"  1/0", "1/0: division by 0 (error token is \"0\")"},
	{"1/0  ", "1/0  : division by 0 (error token is \"0  \")"},
	{"\t1/0", "1/0: division by 0 (error token is \"0\")"},
	{"\n1/0", "\n1/0: division by 0 (error token is \"0\")"},
}

func TestErrors(t *testing.T) {
	for _, tt := range errorTests {
		env := setup()
		before := env.dump()
		got, err := Eval(tt.expr, env, Options{})
		var aerr *Error
		if !errors.As(err, &aerr) {
			t.Errorf("Eval(%q) = %d, %v; want *Error %s", tt.expr, got, err, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Eval(%q) error:\n got %s\nwant %s", tt.expr, err, tt.want)
		}
		if after := env.dump(); after != before && !strings.ContainsAny(tt.expr, "=+-") {
			t.Errorf("Eval(%q) changed variables: %s", tt.expr, after)
		}
	}
}

func TestErrorKinds(t *testing.T) {
	for _, tt := range []struct {
		expr string
		kind Kind
	}{
		{"1 +", Syntax},
		{"1 2", Syntax},
		{"(1", Syntax},
		{"1 ? 2", Syntax},
		{"++x++", Syntax},
		{"09", BadNumber},
		{"65#1", BadNumber},
		{"2#", BadNumber},
		{"0x1#1", BadNumber},
		{"1/0", DivByZero},
		{"x%=0", DivByZero},
		{"2**-1", NegativeExponent},
		{"1=2", NonVariable},
		{"x++=1", NonVariable},
		{"a[1", BadSubscript},
		{strings.Repeat("(", maxNesting+1), Recursion},
	} {
		_, err := Eval(tt.expr, setup(), Options{})
		var aerr *Error
		if !errors.As(err, &aerr) || aerr.Kind != tt.kind {
			t.Errorf("Eval(%q) = %v; want kind %d", tt.expr, err, tt.kind)
		}
	}
}

// noIsSet hides fakeEnv's IsSet, to test NoUnset without it.
type noIsSet struct{ *fakeEnv }

func (e noIsSet) IsSet() {} // not IsSetter's method: IsSetter is not implemented

func TestNoUnset(t *testing.T) {
	for _, tt := range []struct {
		expr, setup string
		want        string // a value, or the error
		wantPlain   string // the same without IsSetter, if different
	}{
		{"u", "", "u: unbound variable", ""},
		{"u+1", "", "u: unbound variable", ""},
		{"u++", "", "u: unbound variable", ""},
		{"++u", "", "u: unbound variable", ""},
		{"u+=1", "", "u: unbound variable", ""},
		{"u=1", "", "1", ""},
		{"0 && u", "", "0", ""},
		{"1 || u", "", "1", ""},
		{"0 ? u : 1", "", "1", ""},
		{"1 ? 1 : u", "", "1", ""},
		{"b[1]", "", "b: unbound variable", ""},
		{"a[u]", "", "u: unbound variable", ""},
		{"w", "w=u", "u: unbound variable", ""},
		{"z", "", "0", ""},
		{"a[5]", "", "0", "a: unbound variable"},
		{"A[q]", "", "0", "A: unbound variable"},
		{"x 09", "", "x 09: value too great for base (error token is \"09\")", ""},
	} {
		for _, plain := range []bool{false, true} {
			env := setup()
			if tt.setup != "" {
				name, value, _ := strings.Cut(tt.setup, "=")
				env.scalars[name] = value
			}
			var e Env = env
			want := tt.want
			if plain {
				e = noIsSet{env}
				if tt.wantPlain != "" {
					want = tt.wantPlain
				}
			}
			v, err := Eval(tt.expr, e, Options{NoUnset: true})
			got := strconv.FormatInt(v, 10)
			if err != nil {
				got = err.Error()
			}
			if got != want {
				t.Errorf("Eval(%q, NoUnset, IsSetter=%v) = %s; want %s", tt.expr, !plain, got, want)
			}
			var aerr *Error
			if strings.HasSuffix(want, "unbound variable") && (!errors.As(err, &aerr) || aerr.Kind != Unbound) {
				t.Errorf("Eval(%q, NoUnset): error %#v is not of kind Unbound", tt.expr, err)
			}
		}
	}
}

// chain sets x1=x2, x2=x3, ..., xn=7: n variables whose values are
// expressions naming the next.
func chain(n int) *fakeEnv {
	env := newFakeEnv()
	for i := 1; i < n; i++ {
		env.scalars["x"+strconv.Itoa(i)] = "x" + strconv.Itoa(i+1)
	}
	env.scalars["x"+strconv.Itoa(n)] = "7"
	return env
}

func TestRecursion(t *testing.T) {
	// bash 5.2: a chain of 1023 works, of 1024 fails at the last name
	// (bash -c 'x1=x2 ... x1024=7; echo $((x1))').
	if v, err := Eval("x1", chain(MaxDepth-1), Options{}); err != nil || v != 7 {
		t.Errorf("chain of %d: %d, %v; want 7", MaxDepth-1, v, err)
	}
	_, err := Eval("x1", chain(MaxDepth), Options{})
	want := `x1024: expression recursion level exceeded (error token is "x1024")`
	if err == nil || err.Error() != want {
		t.Errorf("chain of %d: %v; want %s", MaxDepth, err, want)
	}
	for _, tt := range []struct{ vars, expr, want string }{
		{"x=x", "x", `x: expression recursion level exceeded (error token is "x")`},
		{"x=y y=x", "x", `y: expression recursion level exceeded (error token is "y")`},
		{"x=x+1", "1+x", `x+1: expression recursion level exceeded (error token is "x+1")`},
		{"x=a[x]", "x", `a[x]: expression recursion level exceeded (error token is "a[x]")`},
	} {
		env := setup()
		for _, kv := range strings.Fields(tt.vars) {
			name, value, _ := strings.Cut(kv, "=")
			env.scalars[name] = value
		}
		_, err := Eval(tt.expr, env, Options{})
		var aerr *Error
		if err == nil || err.Error() != tt.want || !errors.As(err, &aerr) || aerr.Kind != Recursion {
			t.Errorf("%s; Eval(%q) = %v; want %s", tt.vars, tt.expr, err, tt.want)
		}
	}
}

func TestDeepNesting(t *testing.T) {
	// Deep but within the bound: evaluated.
	const ok = 5000
	expr := strings.Repeat("(", ok) + "1" + strings.Repeat(")", ok)
	if v, err := Eval(expr, setup(), Options{}); err != nil || v != 1 {
		t.Errorf("%d parentheses: %d, %v", ok, v, err)
	}
	expr = strings.Repeat("-", ok) + "1"
	if v, err := Eval(expr, setup(), Options{}); err != nil || v != 1 {
		t.Errorf("%d minus signs: %d, %v", ok, v, err)
	}
	// Past it: an error, not a crash.
	for _, expr := range []string{
		strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000),
		strings.Repeat("!", 100000) + "1",
		strings.Repeat("2**", 100000) + "1",
		strings.Repeat("x=", 100000) + "1",
		strings.Repeat("1?1:", 100000) + "1",
	} {
		_, err := Eval(expr, setup(), Options{})
		var aerr *Error
		if !errors.As(err, &aerr) || aerr.Kind != Recursion {
			t.Errorf("Eval(%.20q...) = %v; want a recursion error", expr, err)
		}
	}
}

func TestSetErrorEndsEvaluation(t *testing.T) {
	env := setup()
	_, err := Eval("x=1, ro=2, i=5", env, Options{})
	if err == nil || err.Error() != "ro: readonly variable" {
		t.Fatalf("got %v; want the Env's error", err)
	}
	if env.scalars["x"] != "1" || env.scalars["i"] != "0" {
		t.Errorf("assignments around the failing one: x=%s i=%s; want x=1 i=0", env.scalars["x"], env.scalars["i"])
	}
	_, err = Eval("a[-9]=1", env, Options{})
	if !errors.Is(err, errBadSubscript) {
		t.Errorf("a[-9]=1: %v; want the Env's bad subscript error", err)
	}
}

// TestOnce checks that each variable is read and assigned once, and that
// nothing is read where bash evaluates nothing.
func TestOnce(t *testing.T) {
	for _, tt := range []struct {
		expr       string
		gets, sets int
	}{
		{"x", 1, 0},
		{"x=1", 0, 1},
		{"x+=1", 1, 1},
		{"x++", 1, 1},
		{"++x", 1, 1},
		{"a[i++]=1", 1, 2},
		{"a[i++]+=1", 2, 2},
		{"a[i++]++", 2, 2},
		{"++a[i++]", 2, 2},
		{"0 && x++", 0, 0},
		{"1 || x++", 0, 0},
		{"0 && a[i++]++", 0, 0},
		{"0 ? x++ : i", 1, 0},
		{"1 ? x++ : i++", 1, 1},
		{"0 && (x = i = 5)", 0, 0},
		{"y", 2, 0},
	} {
		env := setup()
		if _, err := Eval(tt.expr, env, Options{}); err != nil {
			t.Errorf("Eval(%q): %v", tt.expr, err)
			continue
		}
		if env.gets != tt.gets || env.sets != tt.sets {
			t.Errorf("Eval(%q): %d gets, %d sets; want %d, %d", tt.expr, env.gets, env.sets, tt.gets, tt.sets)
		}
	}
}

// TestSubscriptKeys checks what Get and Set are given as keys.
func TestSubscriptKeys(t *testing.T) {
	for _, tt := range []struct{ expr, key string }{
		{"a[1+1]", "2"},
		{"a[ 2 ]", "2"},
		{"a[-1]", "-1"},
		{"a[ ]", "0"},
		{"a[]", ""},
		{"a[@]", "@"},
		{"a[*]", "*"},
		{"a[a[0]]", "1"},
		{`a[\]]`, ""}, // an error: \] is not an expression
		{"A[ k ]", " k "},
		{"A[1+1]", "1+1"},
		{"A[@]", "@"},
		{"A[a[0]]", "a[0]"},
		{"A[x']'y]", "x']'y"},
		{`A["]"]`, `"]"`},
	} {
		rec := &keyRecorder{fakeEnv: setup()}
		_, err := Eval(tt.expr, rec, Options{})
		if tt.key == "" && tt.expr != "a[]" {
			if err == nil {
				t.Errorf("Eval(%q): no error", tt.expr)
			}
			continue
		}
		if err != nil || rec.key != tt.key {
			t.Errorf("Eval(%q): key %q, %v; want %q", tt.expr, rec.key, err, tt.key)
		}
	}
}

// keyRecorder records the last key asked of an array.
type keyRecorder struct {
	*fakeEnv
	key string
}

func (r *keyRecorder) Get(name, key string, hasKey bool) (string, bool) {
	if name == "a" || name == "A" {
		r.key = key
	}
	return r.fakeEnv.Get(name, key, hasKey)
}

func TestInSubscript(t *testing.T) {
	for _, tt := range []struct {
		expr string
		in   bool
	}{
		{"1/0", false},
		{"a[1/0]", true},
		{"a[1/0]=1", true},
		{"a[e]", true},
		{"a[1] + 1/0", false},
		{"a[1]/0", false},
		{"e", false},
		{"a[u]", true},
		{"a[x1]", true},
	} {
		env := setup()
		for k, v := range chain(MaxDepth).scalars {
			env.scalars[k] = v
		}
		_, err := Eval(tt.expr, env, Options{NoUnset: tt.expr == "a[u]"})
		var aerr *Error
		if !errors.As(err, &aerr) || aerr.InSubscript != tt.in {
			t.Errorf("Eval(%q) = %#v; want InSubscript %v", tt.expr, err, tt.in)
		}
	}
}

func TestErrorFields(t *testing.T) {
	_, err := Eval("x + e", setup(), Options{})
	want := &Error{Kind: Syntax, Expr: "1 +", Msg: "syntax error: operand expected", Token: "+"}
	var got *Error
	if !errors.As(err, &got) || *got != *want {
		t.Errorf("got %#v; want %#v", err, want)
	}
	_, err = Eval("u", setup(), Options{NoUnset: true})
	want = &Error{Kind: Unbound, Expr: "u", Msg: "unbound variable"}
	if !errors.As(err, &got) || *got != *want {
		t.Errorf("got %#v; want %#v", err, want)
	}
}

func FuzzEval(f *testing.F) {
	for _, tt := range valueTests {
		f.Add(tt.expr)
	}
	for _, tt := range errorTests[:20] {
		f.Add(tt.expr)
	}
	for _, s := range []string{"a[i++]+=i++", "x=y=z", "A[ k ]++", "0 ? x++ : i--", "64#@_", "1?2:3?4:5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		if len(expr) > 1000 {
			return
		}
		env := setup()
		// r refers to itself through arithmetic, to reach the recursion limit.
		env.scalars["r"] = "r+1"
		Eval(expr, env, Options{})
		Eval(expr, setup(), Options{NoUnset: true})
	})
}

func BenchmarkEval(b *testing.B) {
	env := setup()
	env.scalars["i"] = "12345"
	for _, expr := range []string{"i+1", "i < 100000", "x * 2 + a[1]", "i++", "(i % 7 == 0) ? i / 7 : i * 3 + 1"} {
		b.Run(expr, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Eval(expr, env, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestVariableValues: a variable's value is evaluated, with its side
// effects, each time the variable is read (bash 5.2, same variables).
func TestVariableValues(t *testing.T) {
	vars := map[string]string{"i": "0", "x": "i++", "w": " 5 ", "v": "010", "m": "-5", "q": "7\n", "r": "a[i++]"}
	for _, tt := range []struct {
		expr string
		want int64
		i    string // i afterwards
	}{
		{"x+x", 1, "2"},
		{"w*2", 10, "0"},
		{"v", 8, "0"},
		{"m*m", 25, "0"},
		{"q", 7, "0"},
		{"r+r", 3, "2"},
		{"x=x", 0, "1"},
		{"a[x]", 1, "1"},
		{"a[x]++", 1, "1"},
	} {
		env := setup()
		for k, v := range vars {
			env.scalars[k] = v
		}
		got, err := Eval(tt.expr, env, Options{})
		if err != nil || got != tt.want || env.scalars["i"] != tt.i {
			t.Errorf("Eval(%q) = %d, %v, i=%s; want %d, i=%s", tt.expr, got, err, env.scalars["i"], tt.want, tt.i)
		}
	}
}
