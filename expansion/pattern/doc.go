// Package pattern implements the shell's pattern matching notation (XCU
// 2.13) with bash's extensions, for pathname expansion, case, [[ == ]] and
// the ${v#p} ${v##p} ${v%p} ${v%%p} ${v/p/r} ${v//p/r} ${v/#p/r} ${v/%p/r}
// expansions. It imports only the standard library.
//
// # Pattern text
//
// A backslash makes the next character literal; the word expander escapes
// every quoted character this way (`"?"` arrives as `\?`), and QuoteMeta
// does it for a whole string. A trailing lone backslash stands for itself.
// Everything else follows XCU 2.13:
//
//   - `*` matches any string, `?` any one character.
//   - A bracket expression `[...]` matches one character: `!` or `^` first
//     negates; `]` first is literal; `-` first or last is literal; `a-z` is a
//     range by code point; `[:class:]` for alpha digit alnum upper lower
//     space blank punct print graph cntrl xdigit and bash's word; `[.x.]`
//     collating symbols (one character or a POSIX name such as `[.hyphen.]`);
//     `[=x=]` equivalence classes (the character itself, as in a UTF-8 or C
//     locale); a backslash quotes inside too. An unknown class or symbol
//     matches nothing but spoils nothing else (`[![:foo:]]` matches any
//     character). A `[` that does not begin a complete bracket expression is
//     a literal `[` and the text after it is read as pattern text again.
//   - With ExtGlob, `?(p|q)` `*(p|q)` `+(p|q)` `@(p|q)` match zero or one,
//     any number, one or more, exactly one of the alternatives; `!(p|q)`
//     matches any string none of them matches. Groups nest. A group whose
//     `)` is missing is literal text, operator included. Groups are
//     delimited as bash's PATSCAN does: inside them a `[` opens a bracket
//     context in which `(`, `)` and `|` are ordinary.
//   - With NoCase, literal characters, bracket characters and ranges compare
//     case-folded; character classes test the character as it is (bash:
//     under nocasematch `X` is not `[[:lower:]]` but is `[x]`).
//   - With Pathname, `*`, `?`, brackets and `!(...)` never match `/`, a
//     bracket expression containing `/` is literal text (XCU 2.13.3), and a
//     `.` at the start of the string or after a `/` must be matched by a
//     literal `.` (also one inside a group: `*(.)x` matches `.x`), unless
//     DotGlob.
//
// Subjects are byte strings that need not be valid UTF-8. As in bash in a
// UTF-8 locale, a valid UTF-8 sequence is one character and each byte of an
// invalid sequence is a character of its own; a match never starts or ends
// inside a character, and no byte is lost.
//
// # Using it
//
// Compile once (it is cheap, and the result is immutable and safe for
// concurrent use), then Match for case and [[ ]]; Prefix for ${v#p}
// (shortest) and ${v##p} (longest); Suffix for ${v%p} and ${v%%p}; Prefix
// and Suffix with longest=true for ${v/#p/r} and ${v/%p/r}; Find for
// ${v/p/r}; FindAll for ${v//p/r}. HasMeta tells whether a word needs
// globbing at all (if not, Unescape gives its text). Glob does pathname
// expansion.
//
// Note for the expander: bash applies nocasematch to case, [[ ]] and the
// ${v/p/r} forms but not to ${v#p} ${v%p} and their doubles, which stay
// case-sensitive; and for ${v//p/r} on an empty v bash tries one match
// (${e//*/X} is X), which FindAll does too.
//
// # How it matches
//
// Patterns without groups are matched by the classic loop that backtracks
// only to the last star, after the literal text at either end is compared in
// place; it does not allocate and is O(len(s)·len(pattern)) at worst.
// Everything else (groups, and all of Prefix, Suffix, Find) is simulated
// over sets of string offsets, a bitset per pattern step, forwards from a
// set of starts or backwards from a set of ends; a group is resolved once
// per start offset and memoised. Nothing is exponential. Sets for subjects
// up to 255 bytes live inline in the matcher, on the stack.
//
// # Known differences from bash 5.2
//
// These are places where bash's own answers are inconsistent; the package
// keeps the plain reading of the rules. Found by differential runs of
// random patterns through bash's case and ${v...} forms (20,000 per mode)
// and pathname expansion (14,000, all agreeing); testdata/bashdiff reruns
// them.
//
//   - bash matches some malformed patterns in which a `*` is followed by an
//     unclosed group (`**(`, `*?(a`, `*!(`) against any string; here the
//     unclosed group is literal text.
//   - bash never matches an empty alternative at the end of the subject when
//     a `*` precedes the group (`*@(|b)` does not match `x` in bash).
//   - bash's ${v/*\*/X} and ${v#*!(a)b?} miss matches its [[ ]] finds.
//   - for an unclosed group bash compares the rest of the pattern with the
//     subject raw, backslashes included.
//   - a trailing lone backslash after a `*` (`*\`) never matches in bash.
//   - on a value containing invalid UTF-8, bash's ${v...} forms fall back to
//     treating every byte as a character, valid sequences included.
//   - ${v/p/r} on an empty v: bash's answer depends on how it rewrites p as
//     `*p*` (${e/?(b)/X} is empty, ${e/*/X} is X); here a pattern that
//     matches the empty string is replaced.
package pattern
