package shell

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/prompt"
	"github.com/gosh-sh/gosh/tty"
	"mvdan.cc/sh/v3/syntax"
)

// expandDocument expands a here-document body or a prompt string.
func expandDocument(cfg *expansion.Config, w *syntax.Word) (string, error) {
	return expansion.Document(cfg, w)
}

// promptEscapes decodes bash's backslash escapes in a prompt string (see
// package prompt), with this shell's facts.
func (r *Shell) promptEscapes(ps string) string {
	if !strings.Contains(ps, `\`) {
		return ps
	}
	host, _ := os.Hostname()
	ttyName := "tty" // bash's word when stdin is not a terminal
	if p, err := os.Readlink("/proc/self/fd/0"); err == nil && tty.IsTerminal(0) {
		ttyName = p[strings.LastIndexByte(p, '/')+1:]
	}
	return prompt.Decode(ps, &prompt.Facts{
		User: r.userName(), Host: host, Dir: r.dir, Home: r.varValue("HOME"), DirTrim: r.dirTrim(),
		Root: os.Geteuid() == 0, Jobs: len(r.g.jobs.Jobs()), History: r.historyNumber(),
		Command: r.commandNumber(), Shell: "gosh", Version: Version, TTY: ttyName, Now: time.Now(),
	})
}

// dirTrim is PROMPT_DIRTRIM as a count; 0 (keep all) when unset or not a
// positive number, as in bash.
func (r *Shell) dirTrim() int {
	n, err := strconv.Atoi(r.varValue("PROMPT_DIRTRIM"))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

func (r *Shell) userName() string {
	if u := r.varValue("USER"); u != "" {
		return u
	}
	if os.Getuid() == 0 {
		return "root"
	}
	return strconv.Itoa(os.Getuid())
}

// historyNumber is the number the next history entry will get (\!); a
// shell without history counts its commands instead.
func (r *Shell) historyNumber() int {
	if ui := r.ui(); ui != nil {
		return ui.hist.Next()
	}
	return r.commandNumber()
}
