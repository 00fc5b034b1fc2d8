// Package expansion is gosh's word expansion: it turns the words of
// mvdan.cc/sh/v3/syntax into the strings a command sees, and owns the
// variable model (Variable: strings, indexed and associative arrays,
// namerefs) that expansion reads and writes.
//
// The order of expansions is that of XCU 2.6 (Word Expansions), with bash's
// brace expansion before it:
//
//  1. brace expansion: a{b,c} and {1..3} (braces.go; bash);
//  2. tilde expansion (tilde.go; XCU 2.6.1), then left to right in one pass
//     parameter expansion (param.go, ops.go; 2.6.2), command substitution
//     (cmdsubst.go; 2.6.3), arithmetic expansion (arith.go; 2.6.4) and
//     bash's process substitution (word.go, through the Host);
//  3. field splitting of the results of unquoted expansions with IFS
//     (split in word.go; 2.6.5);
//  4. pathname expansion (api.go, with package pattern; 2.6.6);
//  5. quote removal (2.6.7): pieces keep their quoting from step 2 on, and
//     a field's text is its pieces joined.
//
// Expansion is lazy where POSIX says a word is not expanded: the word of
// ${x-word}, ${x+word}, ${x=word} and ${x?word} is expanded only when the
// operator uses it, and then once; the unused arm of ?: and the right side
// of a false && are not evaluated (package arith).
//
// Entry points by context: Fields for command words; Literal for words
// that are not split (case subjects, [[ ]] operands, here-strings);
// Assignment for assignment values; Pattern for case, [[ == ]] and the
// pattern operators; Regexp for [[ =~ ]]; Document for here-documents;
// Arith and ArithString for arithmetic. Quoting rules live in lit (XCU
// 2.2), the pattern rules in package pattern (XCU 2.13), and the
// arithmetic rules in package arith.
package expansion
