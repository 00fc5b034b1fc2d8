// Command syntax is a floor for bench/run.sh: a Go program that only links
// mvdan.cc/sh/v3/syntax, the parser gosh must use, so gosh's start-up and
// memory can be compared with what its one mandated dependency costs. It
// ignores its arguments (run.sh passes -c true).
package main

import _ "mvdan.cc/sh/v3/syntax"

func main() {}
