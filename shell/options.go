package shell

import (
	"fmt"
	"io"
	"sort"
)

// options are the shell's `set` and `shopt` options.
type options struct {
	allexport, notify, errexit, noglob, hashall, monitor, noexec, nounset,
	verbose, xtrace, noclobber, ignoreeof, pipefail, posix, vi, emacs,
	huponexit, interactiveComments, jobtrace, privileged, errtrace, functrace,
	histexpand bool // on in an interactive shell only
	// shopt options
	nullglob, globstar, dotglob, nocaseglob, extglob, expandAliases,
	lastpipe, inheritErrexit, failglob, nocasematch bool
}

func defaultOptions() options {
	return options{hashall: true, interactiveComments: true, expandAliases: true, huponexit: true, extglob: true}
}

// setOption describes one option for `set -o` and `shopt`.
type setOption struct {
	name   string
	letter byte // 0 when it has no single-letter form
	field  func(*options) *bool
}

// setOptions are the options `set -o` knows, in bash's listing order.
var setOptions = []setOption{
	{"allexport", 'a', func(o *options) *bool { return &o.allexport }},
	{"emacs", 0, func(o *options) *bool { return &o.emacs }},
	{"errexit", 'e', func(o *options) *bool { return &o.errexit }},
	{"errtrace", 'E', func(o *options) *bool { return &o.errtrace }},
	{"functrace", 'T', func(o *options) *bool { return &o.functrace }},
	{"hashall", 'h', func(o *options) *bool { return &o.hashall }},
	{"histexpand", 'H', func(o *options) *bool { return &o.histexpand }},
	{"huponexit", 0, func(o *options) *bool { return &o.huponexit }},
	{"ignoreeof", 0, func(o *options) *bool { return &o.ignoreeof }},
	{"interactive-comments", 0, func(o *options) *bool { return &o.interactiveComments }},
	{"jobtrace", 0, func(o *options) *bool { return &o.jobtrace }},
	{"monitor", 'm', func(o *options) *bool { return &o.monitor }},
	{"noclobber", 'C', func(o *options) *bool { return &o.noclobber }},
	{"noexec", 'n', func(o *options) *bool { return &o.noexec }},
	{"noglob", 'f', func(o *options) *bool { return &o.noglob }},
	{"notify", 'b', func(o *options) *bool { return &o.notify }},
	{"nounset", 'u', func(o *options) *bool { return &o.nounset }},
	{"pipefail", 0, func(o *options) *bool { return &o.pipefail }},
	{"posix", 0, func(o *options) *bool { return &o.posix }},
	{"privileged", 'p', func(o *options) *bool { return &o.privileged }},
	{"verbose", 'v', func(o *options) *bool { return &o.verbose }},
	{"vi", 0, func(o *options) *bool { return &o.vi }},
	{"xtrace", 'x', func(o *options) *bool { return &o.xtrace }},
}

// shoptOptions are bash's shopt options that gosh honours.
var shoptOptions = []setOption{
	{"dotglob", 0, func(o *options) *bool { return &o.dotglob }},
	{"expand_aliases", 0, func(o *options) *bool { return &o.expandAliases }},
	{"extglob", 0, func(o *options) *bool { return &o.extglob }},
	{"failglob", 0, func(o *options) *bool { return &o.failglob }},
	{"globstar", 0, func(o *options) *bool { return &o.globstar }},
	{"inherit_errexit", 0, func(o *options) *bool { return &o.inheritErrexit }},
	{"lastpipe", 0, func(o *options) *bool { return &o.lastpipe }},
	{"nocaseglob", 0, func(o *options) *bool { return &o.nocaseglob }},
	{"nocasematch", 0, func(o *options) *bool { return &o.nocasematch }},
	{"nullglob", 0, func(o *options) *bool { return &o.nullglob }},
}

func findOption(list []setOption, name string) *setOption {
	for i := range list {
		if list[i].name == name {
			return &list[i]
		}
	}
	return nil
}

func optionByLetter(c byte) *setOption {
	for i := range setOptions {
		if setOptions[i].letter == c {
			return &setOptions[i]
		}
	}
	return nil
}

// flags is $-: the letters of the options that are on, in bash's order,
// with i for an interactive shell and B (brace expansion is always on).
func (o *options) flags(interactive bool) string {
	var b []byte
	for _, c := range []byte("abefhimnpuvxCEHT") {
		if c == 'i' {
			if interactive {
				b = append(b, c)
			}
			continue
		}
		if opt := optionByLetter(c); opt != nil && *opt.field(o) {
			b = append(b, c)
		}
		if c == 'x' {
			b = append(b, 'B')
		}
	}
	return string(b)
}

// printOptions lists options as `set -o` (reusable=false) or `set +o`.
func printOptions(w io.Writer, list []setOption, o *options, reusable bool, cmd string) {
	sorted := append([]setOption(nil), list...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })
	for _, opt := range sorted {
		on := *opt.field(o)
		if reusable {
			sign := "+"
			if on {
				sign = "-"
			}
			if cmd == "shopt" {
				flag := "-u"
				if on {
					flag = "-s"
				}
				fmt.Fprintf(w, "shopt %s %s\n", flag, opt.name)
				continue
			}
			fmt.Fprintf(w, "set %so %s\n", sign, opt.name)
			continue
		}
		state := "off"
		if on {
			state = "on"
		}
		fmt.Fprintf(w, "%-15s\t%s\n", opt.name, state)
	}
}
