package expansion

import (
	"strings"
	"unicode/utf8"
)

// DeclareText is the declare command that recreates a variable, as bash's
// declare -p prints it (without the newline): `declare -- x="v"`,
// `declare -a a=([0]="x")`, `declare -A m=([k]="v" )`, or without a
// value for a variable that is declared but not set.
func DeclareText(name string, vr Variable) string {
	flags := vr.Flags()
	if flags == "" {
		flags = "-"
	}
	text := "declare -" + flags + " " + name
	if !vr.Set {
		return text
	}
	return text + "=" + DeclareValue(vr)
}

// DeclareValue is the value part of DeclareText: a quoted string, or a
// compound assignment with every element's subscript.
func DeclareValue(vr Variable) string {
	var sb strings.Builder
	switch vr.Kind {
	case Indexed:
		sb.WriteByte('(')
		for i, k := range vr.Keys() {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString("[" + k + "]=" + DeclareQuote(vr.List[i]))
		}
		sb.WriteByte(')')
	case Associative:
		if len(vr.Map) == 0 {
			return "()"
		}
		sb.WriteByte('(')
		for _, k := range vr.Keys() {
			sb.WriteString("[" + AssocKeyQuote(k) + "]=" + DeclareQuote(vr.Map[k]) + " ")
		}
		sb.WriteByte(')')
	default:
		return DeclareQuote(vr.Str)
	}
	return sb.String()
}

// keyValueText is ${a[@]@K}: one word of each subscript and value, quoted
// as declare -p quotes them, separated by spaces (and, as bash has it, with
// a space after each pair of an associative array).
func keyValueText(vr Variable) string {
	keys, vals := vr.Keys(), vr.Values()
	var sb strings.Builder
	for i, k := range keys {
		if vr.Kind == Associative {
			sb.WriteString(AssocKeyQuote(k) + " " + DeclareQuote(vals[i]) + " ")
			continue
		}
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(k + " " + DeclareQuote(vals[i]))
	}
	return sb.String()
}

// DeclareQuote quotes a value as declare -p does: in $'...' when it holds
// characters that are not printable, else in double quotes.
func DeclareQuote(s string) string {
	if needsANSI(s) {
		return Quote(s)
	}
	return DoubleQuote(s)
}

// AssocKeyQuote quotes an associative array's key as declare -p does
// (assoc_to_assign in bash's assoc.c): bare unless it holds a character
// that the shell would read specially, or is @ or *.
func AssocKeyQuote(k string) string {
	switch {
	case needsANSI(k):
		return Quote(k)
	case k == "" || k == "@" || k == "*" || hasShellMeta(k):
		return DoubleQuote(k)
	}
	return k
}

// hasShellMeta is bash's sh_contains_shell_metas: whether s holds a
// character that is special to the shell where it stands.
func hasShellMeta(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\'', '"', '\\', '|', '&', ';', '(', ')', '<', '>',
			'!', '{', '}', '*', '[', '?', ']', '^', '$', '`':
			return true
		case '~':
			if i == 0 || s[i-1] == '=' || s[i-1] == ':' {
				return true
			}
		case '#':
			if i == 0 {
				return true
			}
		}
	}
	return false
}

// needsANSI reports whether s holds a control character or invalid UTF-8,
// which only $'...' can quote readably.
func needsANSI(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0x20 || r == 0x7f || r == utf8.RuneError && size <= 1 {
			return true
		}
		i += size
	}
	return false
}
