package arith_test

import (
	"fmt"

	"github.com/gosh-sh/gosh/expansion/arith"
)

// vars is the simplest Env: scalars only.
type vars map[string]string

func (v vars) IsAssoc(string) bool { return false }

func (v vars) Get(name, key string, hasKey bool) (string, bool) {
	if hasKey && key != "0" {
		return "", false
	}
	s, ok := v[name]
	return s, ok
}

func (v vars) Set(name, key string, hasKey bool, value string) error {
	v[name] = value
	return nil
}

func ExampleEval() {
	env := vars{"x": "1+2", "i": "5"}
	fmt.Println(arith.Eval("x*2", env, arith.Options{})) // x's value is an expression too
	fmt.Println(arith.Eval("i++", env, arith.Options{}))
	fmt.Println(env["i"])
	_, err := arith.Eval("i/0", env, arith.Options{})
	fmt.Println(err)
	_, err = arith.Eval("u", env, arith.Options{NoUnset: true})
	fmt.Println(err)
	// Output:
	// 6 <nil>
	// 5 <nil>
	// 6
	// i/0: division by 0 (error token is "0")
	// u: unbound variable
}
