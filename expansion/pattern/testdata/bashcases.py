#!/usr/bin/env python3
"""Regenerates bash_cases_test.go: runs every case below through /bin/bash
and records what bash answers, so the Go tests compare against bash itself.

    cd expansion/pattern && python3 testdata/bashcases.py > bash_cases_test.go && gofmt -w bash_cases_test.go

Match cases run through `case` (bash 5.2 parses [[ ]] with extglob on);
nocasematch applies to case, [[ ]] and ${s/p/r} but not to ${s#p} and the
other removal operators, so bash_test.go compiles those without NoCase.
Patterns are given in gosh's pattern text (a backslash quotes the next
character), which is also what bash makes of an unquoted $p in [[ == ]]
and ${s#$p}.
"""
import os, subprocess, sys

E, N = "ExtGlob", "NoCase"

# (mode flags, pattern, [subjects])
MATCH = [
    ([], "*[-.]xz", ["e.xz", "e-xz", "exz"]),
    ([], "[]a]", ["]", "a", "b"]),
    ([], "[!]a-]", ["]", "a", "-", "b"]),
    ([], "[^a]", ["a", "b"]),
    ([], "[a-]", ["a", "-", "b"]),
    ([], "[z-a]", ["z", "a", "m"]),
    ([], "[--0]", ["-", ".", "/", "0", "1"]),
    ([], "[]-a]", ["]", "^", "a", "b"]),
    ([], "[a-c-e]", ["b", "d", "-", "e"]),
    ([], "[a\\-z]", ["b", "-", "a", "z", "\\"]),
    ([], "[\\]]", ["]", "\\"]),
    ([], "[\\!a]", ["!", "a", "b"]),
    ([], "[[.-.]]", ["-", "a"]),
    ([], "[[.a.]]", ["a", "b"]),
    ([], "[[.a.]-c]", ["a", "b", "d"]),
    ([], "[[.space.]]", [" ", "s"]),
    ([], "[[.hyphen.]a]", ["-", "a", "h"]),
    ([], "[[.ab.]]", ["a", "b", "ab", "[[.ab.]]"]),
    ([], "[[=a=]]", ["a", "b", "A", "á"]),
    ([], "[[=e=]x]", ["e", "x", "é"]),
    ([], "[[:foo:]]", ["f", "[", ":", "[[:foo:]]"]),
    ([], "[![:foo:]]", ["a", "-"]),
    ([], "[[:foo:]a]", ["a", "b"]),
    ([], "[[:alpha:]", ["[[:alpha:]", "[a", "[:", "a"]),
    ([], "[[:alpha:]x", ["[ax", "[:x", "ax"]),
    ([], "[[:alpha:]-z]", ["b", "-", "z", "1"]),
    ([], "[a-[:alpha:]]", ["a", "[", "a]", "-]", ":]", "b]"]),
    ([], "[[:alpha:][:digit:]]", ["a", "1", "-", "é"]),
    ([], "[![:alpha:]]", ["a", "1", "é"]),
    ([], "[[:alpha:]]", ["a", "Z", "é", "中", "1", "_", "\xff"]),
    ([], "[[:digit:]]", ["0", "9", "a", "٣"]),
    ([], "[[:alnum:]]", ["a", "0", "_", "-"]),
    ([], "[[:upper:]]", ["A", "a", "É", "é", "1"]),
    ([], "[[:lower:]]", ["A", "a", "É", "é", "1"]),
    ([], "[[:space:]]", [" ", "\t", "\n", "\v", "\f", "\r", "a", "\u00a0", "\u2003"]),
    ([], "[[:blank:]]", [" ", "\t", "\n", "\u2003"]),
    ([], "[[:punct:]]", ["!", "-", "~", "a", " ", "€", "«"]),
    ([], "[[:print:]]", ["a", " ", "\t", "\x7f", "中"]),
    ([], "[[:graph:]]", ["a", " ", "\t", "中"]),
    ([], "[[:cntrl:]]", ["\x01", "\x7f", "a", "\u0085"]),
    ([], "[[:xdigit:]]", ["0", "a", "F", "g"]),
    ([], "[[:word:]]", ["_", "a", "0", "-"]),
    ([], "[[:ALPHA:]]", ["a"]),
    ([], "[", ["["]),
    ([], "[a", ["[a", "a"]),
    ([], "a[", ["a["]),
    ([], "[]", ["[]"]),
    ([], "[!]", ["[!]", "a"]),
    ([], "[]]", ["]", "]]"]),
    ([], "[!]]", ["]", "a", "a]"]),
    ([], "\\*", ["*", "a"]),
    ([], "\\[a]", ["[a]", "a"]),
    ([], "\\a", ["a", "\\a"]),
    ([], "a\\", ["a\\", "a"]),
    ([], "\\", ["\\"]),
    ([], "\\\\*", ["\\x", "x"]),
    ([], "[\\]a]", ["]", "a", "\\"]),
    ([], "[a\\]", ["a", "[a]", "[a\\]"]),
    ([], "*\\*", ["a*", "a", "*"]),
    ([], "\\\\[a]", ["\\a", "a"]),
    ([], "[[:alpha:]\\", ["a", "[[:alpha:]\\"]),
    ([], "[a-c]x", ["bx", "Bx", "dx"]),
    ([], "*[!.]", ["a.", "ab", "."]),
    ([], "?*?", ["a", "ab", "abc"]),
    ([E], "*.@(tar.gz|tgz)", ["a.tar.gz", "a.tgz", "a.gz"]),
    ([E], "!(*[0-9]*)", ["abc", "a1c", ""]),
    ([E], "+([[:digit:]])", ["123", "12a", ""]),
    ([E], "@(a|b|)x", ["x", "ax", "abx"]),
    ([E], "*(@(a|b)c)", ["acbc", "acb", ""]),
    ([E], "*(", ["*(", "(", "", "a("]),
    ([E], "?(", ["?(", "(", "a("]),
    ([E], "x*(", ["x*(", "x(", "xa"]),
    # An unclosed group is literal text; bash compares its rest raw,
    # backslashes included, which gosh does not copy.
    ([E], "!(a[\\])", ["b", "a]"]),
    ([E], "@([)|a])", [")", "a", "|", "[)|a]"]),
    ([E], "@(a|[|]b)", ["a", "|b", "b"]),
    ([E], "@([[:alpha:]]|)x", ["ax", "x", "1x"]),
    ([], "*", ["", "a", "abc", "/", ".x"]),
    ([], "?", ["", "a", "ab", "é", "\xff", "/"]),
    ([], "??", ["é", "\xc3a", "ab", "\xff\xfe"]),
    ([], "a*b*c", ["abc", "aXbYc", "ac", "abcbc", "abcb"]),
    ([], "*a*a*a*a*b", ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaab", "xaxaxaxaxb"]),
    ([], "*.c", ["a.c", "a.h", ".c", "c"]),
    ([], "[é]", ["é", "e", "\xc3"]),
    ([], "[\xff]", ["\xff", "a"]),
    ([], "\xff", ["\xff", "a"]),
    ([], "[a-é]", ["b", "é", "ê", "z"]),
    ([], "*/*", ["a/b", "ab", "/"]),
    ([], "(a|b)", ["(a|b)", "a"]),
    ([], "@(a)", ["@(a)", "a"]),
    ([E], "@(a|*(b|c))", ["a", "b", "bc", "cb", "", "ab", "d"]),
    ([E], "!(a)", ["a", "b", "", "aa"]),
    ([E], "!(a|b)x", ["ax", "bx", "x", "abx", "cx"]),
    ([E], "*(ab)", ["", "ab", "abab", "aba"]),
    ([E], "+(ab)", ["", "ab", "abab"]),
    ([E], "?(ab)c", ["c", "abc", "ababc"]),
    ([E], "!(*.c)", ["a.c", "a.h", ".c", ""]),
    ([E], "a!(b)c", ["ac", "abc", "abbc", "axc"]),
    ([E], "@(a", ["@(a", "a"]),
    ([E], "*(a|b", ["*(a|b", "ab"]),
    ([E], "@()", ["", "a"]),
    ([E], "!()", ["", "a"]),
    ([E], "@(a|)", ["", "a", "b"]),
    ([E], "\\@(a)", ["@(a)", "a"]),
    ([E], "@(\\|)", ["|", ""]),
    ([E], "@([|])", ["|"]),
    ([E], "@(a\\)b)", ["a)b"]),
    ([E], "@([)])", [")"]),
    ([E], "!(!(a))", ["a", "b"]),
    ([E], "@(*)", ["", "abc"]),
    ([E], "*(*)", ["abc"]),
    ([E], "+(a|ab)b", ["ab", "abb", "aab", "aabb", "b"]),
    ([E], "*(a*(b))c", ["c", "ac", "abbac", "bc"]),
    ([E], "@(foo|bar).@(c|h)", ["foo.c", "bar.h", "baz.c", "foo.x"]),
    ([E], "!(foo).c", ["foo.c", "bar.c", ".c", "foo.h"]),
    ([E], "*(+(a)|b)", ["", "aab", "bbba", "c"]),
    ([E], "x!(y)", ["x", "xy", "xz", "xyy"]),
    ([E], "@(a|b)*", ["a", "bcd", "c"]),
    ([E], "?(*)", ["", "x"]),
    ([E], "[[:alpha:]]*(-[[:digit:]])", ["a", "a-1-2", "a-", "1"]),
    ([N], "abc", ["ABC", "aBc", "abd"]),
    ([N], "ÉA", ["éa", "ÉA", "ea"]),
    ([N], "[a-c]", ["A", "a", "b", "B", "d"]),
    ([N], "[A-C]", ["a", "b"]),
    ([N], "[[:lower:]]", ["X", "x"]),
    ([N], "[[:upper:]]", ["X", "x"]),
    ([N], "[^x]", ["X", "x", "y"]),
    ([N], "[X]", ["X", "x"]),
    ([N], "*.C", ["a.c", "A.C", "a.h"]),
    ([E, N], "@(FOO|bar)", ["foo", "BAR", "baz"]),
    ([N], "k", ["\u212a", "K", "k"]),
    ([N], "[a-z]", ["\u212a", "K"]),
    ([N], "*\u01c5", ["x\u01c6", "x\u01c4", "x\u01c5"]),
    ([N], "\u00df*", ["\u1e9e", "ss"]),
    ([N], "[\u00c9]x", ["\u00e9x", "ex"]),
]

# (mode flags, pattern, [subjects]); each subject is run through every operator.
OPS = ["#", "##", "%", "%%", "/", "//", "/#", "/%"]
SUBST = [
    ([], "", ["abc", ""]),
    ([], "*/", ["foo/bar/baz", "nosep", "/lead", ""]),
    ([], "/*", ["foo/bar/baz", "nosep"]),
    ([], "?", ["abc", "é\xffx", ""]),
    ([], "a", ["banana", "xyz"]),
    ([], "an", ["banana"]),
    ([], "*", ["abc", ""]),
    ([], "[ab]*", ["abcabc", "cab"]),
    ([], "b*a", ["babab", "xbax"]),
    ([], "é", ["aéb", "e\xcc\x81"]),
    ([], "\\*", ["a*b*c"]),
    ([], "[[:digit:]]", ["a1b22c"]),
    ([E], "!(a)", ["abcabc", "aaa", "xaax"]),
    ([E], "!(b)", ["abcabc"]),
    ([E], "*(a)", ["xaax", "aaa", ""]),
    ([E], "+(o)", ["foo/boo"]),
    ([E], "*(o)", ["foo/bar/baz"]),
    ([E], "@(ab|a)", ["aab", "abab"]),
    ([E], "+(ab|a)", ["aab", "xabab"]),
    ([E], "*(a|b)c", ["abcabc"]),
    ([E], "?(x)y", ["xyxy", "yy"]),
    ([N], "B", ["abcABC"]),
    ([N], "[B-C]*", ["abcABC"]),
]

# Python literals above write raw bytes as \xNN (code points 0x80-0xff);
# every other character is UTF-8.
def tobytes(s):
    out = bytearray()
    for ch in s:
        if '\x80' <= ch <= '\xff':
            out.append(ord(ch))
        else:
            out += ch.encode('utf-8')
    return bytes(out)

def bash(mode, script, p, s):
    opts = []
    if E in mode: opts += ["-O", "extglob"]
    pre = "shopt -s nocasematch;" if N in mode else ""
    env = {b"p": tobytes(p), b"s": tobytes(s), b"LC_ALL": b"C.UTF-8", b"PATH": b"/usr/bin:/bin"}
    r = subprocess.run(["/bin/bash"] + opts + ["-c", pre + script], env=env, capture_output=True)
    return r.stdout

def gobytes(b):
    """A Go string literal of the bytes b."""
    out = ['"']
    for x in b:
        c = chr(x)
        if c == '"': out.append('\\"')
        elif c == '\\': out.append('\\\\')
        elif 0x20 <= x < 0x7f: out.append(c)
        else: out.append('\\x%02x' % x)
    out.append('"')
    return ''.join(out)

def mode(m):
    return " | ".join(m) if m else "0"

def main():
    print("// Code generated by testdata/bashcases.py from /bin/bash " +
          subprocess.run(["/bin/bash", "-c", "echo $BASH_VERSION"], capture_output=True, text=True).stdout.strip() +
          " (LC_ALL=C.UTF-8); DO NOT EDIT.\n")
    print("package pattern\n")
    print("var bashMatchCases = []struct {\n\tmode Mode\n\tpat, s string\n\twant bool\n}{")
    for m, p, subs in MATCH:
        for s in subs:
            # case, not [[ ]]: bash 5.2 parses [[ ]] with extglob forced on.
            out = bash(m, 'case $s in $p) echo y;; *) echo n;; esac', p, s).strip()
            print("\t{%s, %s, %s, %s}," % (mode(m), gobytes(tobytes(p)), gobytes(tobytes(s)), "true" if out == b"y" else "false"))
    print("}\n")
    print("var bashSubstCases = []struct {\n\tmode Mode\n\tpat, s, op, want string\n}{")
    for m, p, subs in SUBST:
        for s in subs:
            for op in OPS:
                if op.startswith("/"):
                    script = 'printf %s "${s' + op + '$p/X}"'
                else:
                    script = 'printf %s "${s' + op + '$p}"'
                out = bash(m, script, p, s)
                print("\t{%s, %s, %s, %s, %s}," % (mode(m), gobytes(tobytes(p)), gobytes(tobytes(s)), gobytes(op.encode()), gobytes(out)))
    print("}")

if __name__ == "__main__":
    main()
