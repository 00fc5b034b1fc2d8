package builtins

import (
	"fmt"
	"strings"
)

// testBuiltin is test and [. It follows bash's test.c: the POSIX rules
// for zero to four arguments first (so `[ -n ]`, `[ ! ]` and `[ = = = ]`
// mean what POSIX says), then the full grammar with -a, -o, ! and
// parentheses. Syntax and integer errors yield status 2.
func testBuiltin(c Context, args []string) int {
	name := args[0]
	argv := args[1:]
	if name == "[" {
		if len(argv) == 0 || argv[len(argv)-1] != "]" {
			c.Errorf("[: missing `]'")
			return 2
		}
		argv = argv[:len(argv)-1]
	}
	t := tester{c: c, argv: argv}
	ok, err := t.run()
	if err != nil {
		c.Errorf("%s: %s", name, err.msg)
		return 2
	}
	if ok {
		return 0
	}
	return 1
}

// testError aborts evaluation; tester's methods panic with it and run
// recovers, which keeps the recursive descent free of error plumbing.
type testError struct{ msg string }

type tester struct {
	c    Context
	argv []string
	pos  int
}

func (t *tester) fail(format string, args ...any) {
	panic(&testError{fmt.Sprintf(format, args...)})
}

func (t *tester) run() (ok bool, err *testError) {
	defer func() {
		if r := recover(); r != nil {
			e, isTest := r.(*testError)
			if !isTest {
				panic(r)
			}
			err = e
		}
	}()
	if len(t.argv) == 0 {
		return false, nil
	}
	ok = t.posix()
	if t.pos != len(t.argv) {
		if t.argv[t.pos] != "" && t.argv[t.pos][0] == '-' {
			t.fail("syntax error: `%s' unexpected", t.argv[t.pos])
		}
		t.fail("too many arguments")
	}
	return ok, nil
}

// posix applies POSIX's rules by argument count before falling back to
// the general grammar.
func (t *tester) posix() bool {
	argc := len(t.argv)
	switch argc {
	case 1:
		t.pos = argc
		return t.argv[0] != ""
	case 2:
		v := t.twoArgs()
		t.pos = argc
		return v
	case 3:
		return t.threeArgs()
	case 4:
		if t.argv[0] == "!" {
			t.pos++
			return !t.threeArgs()
		}
		if t.argv[0] == "(" && t.argv[3] == ")" {
			t.pos++
			v := t.twoArgs()
			t.pos = argc
			return v
		}
	}
	return t.expr()
}

func (t *tester) twoArgs() bool {
	a := t.argv[t.pos]
	if a == "!" {
		return t.argv[t.pos+1] == ""
	}
	if isUnaryOp(a) {
		return t.unary()
	}
	t.fail("%s: unary operator expected", a)
	return false
}

func (t *tester) threeArgs() bool {
	a, op, b := t.argv[t.pos], t.argv[t.pos+1], t.argv[t.pos+2]
	var v bool
	switch {
	case isBinaryOp(op):
		v = t.binary()
	case op == "-a":
		v = a != "" && b != ""
	case op == "-o":
		v = a != "" || b != ""
	case a == "!":
		t.pos++
		v = !t.twoArgs()
	case a == "(" && b == ")":
		v = op != ""
	default:
		t.fail("%s: binary operator expected", op)
	}
	t.pos = len(t.argv)
	return v
}

// advance moves past the current word; with need set, running out of
// words is an error.
func (t *tester) advance(need bool) {
	t.pos++
	if need && t.pos >= len(t.argv) {
		t.fail("argument expected")
	}
}

func (t *tester) expr() bool {
	if t.pos >= len(t.argv) {
		t.fail("argument expected")
	}
	return t.or()
}

func (t *tester) or() bool {
	v := t.and()
	if t.pos < len(t.argv) && t.argv[t.pos] == "-o" {
		t.advance(false)
		v2 := t.or()
		return v || v2
	}
	return v
}

func (t *tester) and() bool {
	v := t.term()
	if t.pos < len(t.argv) && t.argv[t.pos] == "-a" {
		t.advance(false)
		v2 := t.and()
		return v && v2
	}
	return v
}

func (t *tester) term() bool {
	if t.pos >= len(t.argv) {
		t.fail("argument expected")
	}
	if t.argv[t.pos] == "!" {
		neg := false
		for t.pos < len(t.argv) && t.argv[t.pos] == "!" {
			t.advance(true)
			neg = !neg
		}
		return t.term() != neg
	}
	if t.argv[t.pos] == "(" {
		t.advance(true)
		v := t.expr()
		if t.pos >= len(t.argv) {
			t.fail("`)' expected")
		}
		if t.argv[t.pos] != ")" {
			t.fail("`)' expected, found %s", t.argv[t.pos])
		}
		t.advance(false)
		return v
	}
	if t.pos+3 <= len(t.argv) && isBinaryOp(t.argv[t.pos+1]) {
		return t.binary()
	}
	if t.pos+2 <= len(t.argv) && isUnaryOp(t.argv[t.pos]) {
		return t.unary()
	}
	v := t.argv[t.pos] != ""
	t.advance(false)
	return v
}

func isUnaryOp(op string) bool {
	return len(op) == 2 && op[0] == '-' && strings.IndexByte("abcdefghknoprstuvwxzGLNORS", op[1]) >= 0
}

func isBinaryOp(op string) bool {
	switch op {
	case "=", "==", "!=", "<", ">", "-nt", "-ot", "-ef", "-eq", "-ne", "-lt", "-le", "-gt", "-ge":
		return true
	}
	return false
}

func (t *tester) unary() bool {
	op := t.argv[t.pos]
	if op == "-t" {
		// -t may stand alone (fd 1) or take a number; a non-number is
		// left for the caller, which then finds it unexpected.
		t.advance(false)
		if t.pos < len(t.argv) {
			if _, ok := legalNumber(t.argv[t.pos]); !ok {
				return false
			}
			t.advance(false)
			return unaryTest(t.c, op, t.argv[t.pos-1])
		}
		return unaryTest(t.c, op, "1")
	}
	t.advance(true)
	v := unaryTest(t.c, op, t.argv[t.pos])
	t.pos++
	return v
}

func (t *tester) binary() bool {
	a, op, b := t.argv[t.pos], t.argv[t.pos+1], t.argv[t.pos+2]
	t.pos += 3
	switch op {
	case "=", "==":
		return a == b
	case "!=":
		return a != b
	case "<":
		return a < b
	case ">":
		return a > b
	case "-nt", "-ot", "-ef":
		return fileCompare(t.c, a, op, b)
	}
	x, ok := legalNumber(a)
	if !ok {
		t.fail("%s: integer expression expected", a)
	}
	y, ok := legalNumber(b)
	if !ok {
		t.fail("%s: integer expression expected", b)
	}
	switch op {
	case "-eq":
		return x == y
	case "-ne":
		return x != y
	case "-lt":
		return x < y
	case "-le":
		return x <= y
	case "-gt":
		return x > y
	}
	return x >= y // -ge
}
