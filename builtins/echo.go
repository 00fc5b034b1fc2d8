package builtins

import "github.com/gosh-sh/gosh/escapes"

// echo prints its operands separated by spaces, as bash's echo: options
// -n (no newline), -e (interpret escapes) and -E (don't, the default) may
// be combined in one word; the first word that is not made only of those
// letters, including "--" and "-x", is printed literally.
//
// With shopt -s xpg_echo it interprets escapes unless told -E, as bash
// does, and as POSIX's XSI echo always does.
func echo(c Context, args []string) int {
	newline, interpret := true, c.Shopt("xpg_echo")
	i := 1
opts:
	for ; i < len(args); i++ {
		w := args[i]
		if len(w) < 2 || w[0] != '-' {
			break
		}
		for j := 1; j < len(w); j++ {
			if w[j] != 'n' && w[j] != 'e' && w[j] != 'E' {
				break opts
			}
		}
		for j := 1; j < len(w); j++ {
			switch w[j] {
			case 'n':
				newline = false
			case 'e':
				interpret = true
			case 'E':
				interpret = false
			}
		}
	}
	n := 1
	for _, a := range args[i:] {
		n += len(a) + 1
	}
	buf := make([]byte, 0, n)
	for j, a := range args[i:] {
		if j > 0 {
			buf = append(buf, ' ')
		}
		if !interpret {
			buf = append(buf, a...)
			continue
		}
		var stop bool
		if buf, stop = escapes.Append(buf, a, escapes.Echo, nil); stop {
			return out(c, "echo", buf)
		}
	}
	if newline {
		buf = append(buf, '\n')
	}
	return out(c, "echo", buf)
}
