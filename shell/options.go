package shell

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// options are the shell's `set` and `shopt` options.
type options struct {
	allexport, notify, errexit, noglob, hashall, monitor, noexec, nounset,
	verbose, xtrace, noclobber, ignoreeof, pipefail, posix, vi, emacs,
	huponexit, interactiveComments, jobtrace, privileged, errtrace, functrace,
	histexpand, // on in an interactive shell only
	history bool // command lines go into the history: on at the prompt
	// shopt options
	nullglob, globstar, dotglob, nocaseglob, extglob, expandAliases,
	lastpipe, inheritErrexit, failglob, nocasematch, xpgEcho bool
	// bashShopts are the options of bashOnlyShopts, recorded only.
	bashShopts [len(bashOnlyShopts)]bool
}

func defaultOptions() options {
	o := options{hashall: true, interactiveComments: true, expandAliases: true, huponexit: true, extglob: true}
	for i, b := range bashOnlyShopts {
		o.bashShopts[i] = b.on
	}
	return o
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
	{"history", 0, func(o *options) *bool { return &o.history }},
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

// shoptOptions are the options shopt knows: those gosh acts on, then
// bash's others, which it records (shopt -s, -q and BASHOPTS see them) so
// that startup files and scripts written for bash run; see bashOnlyShopts.
var shoptOptions = append([]setOption{
	{"dotglob", 0, func(o *options) *bool { return &o.dotglob }},
	{"expand_aliases", 0, func(o *options) *bool { return &o.expandAliases }},
	{"extglob", 0, func(o *options) *bool { return &o.extglob }},
	{"failglob", 0, func(o *options) *bool { return &o.failglob }},
	{"globstar", 0, func(o *options) *bool { return &o.globstar }},
	{"huponexit", 0, func(o *options) *bool { return &o.huponexit }},
	{"inherit_errexit", 0, func(o *options) *bool { return &o.inheritErrexit }},
	{"interactive_comments", 0, func(o *options) *bool { return &o.interactiveComments }},
	{"lastpipe", 0, func(o *options) *bool { return &o.lastpipe }},
	{"nocaseglob", 0, func(o *options) *bool { return &o.nocaseglob }},
	{"nocasematch", 0, func(o *options) *bool { return &o.nocasematch }},
	{"nullglob", 0, func(o *options) *bool { return &o.nullglob }},
	{"xpg_echo", 0, func(o *options) *bool { return &o.xpgEcho }},
}, bashOnlyShoptOptions()...)

// bashOnlyShopts are bash 5.2's shopt options that change nothing gosh
// does, with bash's defaults: gosh behaves as with the default (it always
// keeps COLUMNS and LINES, checkwinsize; it has no cd spelling correction,
// cdspell), and only records what a script sets.
var bashOnlyShopts = [...]struct {
	name string
	on   bool
}{
	{"assoc_expand_once", false}, {"autocd", false}, {"cdable_vars", false}, {"cdspell", false},
	{"checkhash", false}, {"checkjobs", false}, {"checkwinsize", true}, {"cmdhist", true},
	{"compat31", false}, {"compat32", false}, {"compat40", false}, {"compat41", false},
	{"compat42", false}, {"compat43", false}, {"compat44", false}, {"complete_fullquote", true},
	{"direxpand", false}, {"dirspell", false}, {"execfail", false}, {"extdebug", false},
	{"extquote", true}, {"force_fignore", true}, {"globasciiranges", true}, {"globskipdots", true},
	{"gnu_errfmt", false}, {"histappend", false}, {"histreedit", false}, {"histverify", false},
	{"hostcomplete", true}, {"lithist", false}, {"localvar_inherit", false}, {"localvar_unset", false},
	{"login_shell", false}, {"mailwarn", false}, {"no_empty_cmd_completion", false},
	{"noexpand_translation", false}, {"patsub_replacement", true}, {"progcomp", true},
	{"progcomp_alias", false}, {"promptvars", true}, {"restricted_shell", false},
	{"shift_verbose", false}, {"sourcepath", true}, {"varredir_close", false},
}

// readOnlyShopts are shopt options that say what the shell is: shopt -s
// and -u leave them alone, as bash does, without an error.
var readOnlyShopts = []string{"login_shell", "restricted_shell"}

// bashOnlyShoptOptions are bashOnlyShopts as shopt's table reads them.
func bashOnlyShoptOptions() []setOption {
	list := make([]setOption, len(bashOnlyShopts))
	for i, b := range bashOnlyShopts {
		list[i] = setOption{b.name, 0, func(o *options) *bool { return &o.bashShopts[i] }}
	}
	return list
}

// bashOnlySetOptions are bash's set -o names that gosh has no option for:
// brace expansion is always on (braceexpand), and the others change
// nothing gosh does. An inherited SHELLOPTS may name them.
var bashOnlySetOptions = []string{"braceexpand", "keyword", "nolog", "onecmd", "physical"}

// goshOnlySetOptions are gosh's set -o names that bash does not have;
// SHELLOPTS leaves them out, since a bash that inherits it exported
// rejects a name it does not know.
var goshOnlySetOptions = []string{"huponexit", "jobtrace"}

// shellOptsValue is SHELLOPTS: the set -o options that are on, by name in
// alphabetical order, colon-separated, as bash gives it (braceexpand first,
// since brace expansion is always on, as $- says with B).
func (o *options) shellOptsValue() string {
	names := []string{"braceexpand"}
	for _, opt := range setOptions {
		if *opt.field(o) && !slices.Contains(goshOnlySetOptions, opt.name) {
			names = append(names, opt.name)
		}
	}
	slices.Sort(names)
	return strings.Join(names, ":")
}

// bashOptsValue is BASHOPTS: the shopt options that are on.
func (o *options) bashOptsValue() string {
	var names []string
	for _, opt := range shoptOptions {
		if *opt.field(o) {
			names = append(names, opt.name)
		}
	}
	slices.Sort(names)
	return strings.Join(names, ":")
}

// optionsFromEnviron turns on the options an inherited SHELLOPTS and
// BASHOPTS name, as bash does before it reads any startup file, so that
// `export SHELLOPTS` carries set -o options into a child shell. A name in
// SHELLOPTS that neither gosh nor bash knows is reported as bash reports
// it; BASHOPTS's unknown names (bash has many shopt options gosh lacks)
// pass in silence, as in bash.
func (r *Shell) optionsFromEnviron(environ []string) {
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		if name != "SHELLOPTS" && name != "BASHOPTS" || value == "" {
			continue
		}
		for opt := range strings.SplitSeq(value, ":") {
			if name == "BASHOPTS" {
				if o := findOption(shoptOptions, opt); o != nil {
					*o.field(&r.opts) = true
				}
				continue
			}
			if !r.setNamedOption(opt, true) && !slices.Contains(bashOnlySetOptions, opt) {
				fmt.Fprintf(r.stderr(), "gosh: %s: invalid option name\n", opt)
			}
		}
	}
}

// findOption finds the option called name in list (setOptions or
// shoptOptions).
func findOption(list []setOption, name string) *setOption {
	for i := range list {
		if list[i].name == name {
			return &list[i]
		}
	}
	return nil
}

// shoptIndex finds a shopt option in one map lookup, for the builtins
// that ask at every call (echo asks for xpg_echo).
var shoptIndex = func() map[string]int {
	m := make(map[string]int, len(shoptOptions))
	for i, opt := range shoptOptions {
		m[opt.name] = i
	}
	return m
}()

// shoptOn reports whether the shopt option called name is on in o.
func (o *options) shoptOn(name string) bool {
	i, ok := shoptIndex[name]
	return ok && *shoptOptions[i].field(o)
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
