// Command nothing is a floor for bench/run.sh: a Go program that does
// nothing, so start-up and memory can be compared with the least any Go
// program costs. It ignores its arguments (run.sh passes -c true).
package main

func main() {}
