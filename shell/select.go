package shell

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// selectLoop runs `select name in items; do ...; done` as bash's
// execute_select_command does: the numbered menu and PS3 on standard
// error, a line read into REPLY, name set to the item it numbers (or ""),
// the body run; the menu again only when the reply is empty. End of input
// ends the loop with status 1 after a newline on standard output.
func (r *Shell) selectLoop(c *syntax.ForClause, name string, items []string) {
	read := r.builtin("read")
	showMenu := true
	for {
		prompt := "#? "
		if vr := r.lookupVar("PS3"); vr.Set {
			prompt = vr.String()
		}
		var choice string
		for {
			if showMenu {
				r.printSelectMenu(items)
			}
			fmt.Fprint(r.stderr(), prompt)
			if read(r, []string{"read"}) != 0 {
				fmt.Fprintln(r.stdout())
				r.status = 1
				return
			}
			reply := r.varValue("REPLY")
			if reply == "" {
				showMenu = true
				continue
			}
			if n, err := strconv.Atoi(reply); err == nil && n >= 1 && n <= len(items) {
				choice = items[n-1]
			}
			break
		}
		if !r.debugTrap(int(c.Pos().Line())) {
			return
		}
		if err := r.setString(name, choice); err != nil {
			r.failf(1, "%v", err)
			return
		}
		if !r.loopBody(c.Do) {
			return
		}
		showMenu = r.varValue("REPLY") == ""
	}
}

// printSelectMenu lays out the menu as bash's print_select_list: in as
// many columns as fit in COLUMNS (80 when unset), filled down first, each
// entry "N) item" with the numbers right-aligned.
func (r *Shell) printSelectMenu(items []string) {
	w := r.stderr()
	if len(items) == 0 {
		fmt.Fprintln(w)
		return
	}
	width, _ := strconv.Atoi(r.varValue("COLUMNS"))
	if width <= 0 {
		width = 80
	}
	maxLen := 0
	for _, it := range items {
		maxLen = max(maxLen, utf8.RuneCountInString(it))
	}
	numLen := len(strconv.Itoa(len(items)))
	maxLen += numLen + 4 // ") " and two spaces between columns
	cols := max(width/maxLen, 1)
	rows := (len(items) + cols - 1) / cols
	cols = (len(items) + rows - 1) / rows
	if rows == 1 {
		rows, cols = cols, 1
	}
	firstLen := len(strconv.Itoa(rows))
	var sb strings.Builder
	for row := range rows {
		pos := 0
		for i := row; ; i += rows {
			n := numLen
			if pos == 0 {
				n = firstLen
			}
			fmt.Fprintf(&sb, "%*d) %s", n, i+1, items[i])
			if i+rows >= len(items) {
				break
			}
			selectIndent(&sb, pos+utf8.RuneCountInString(items[i])+n+2, pos+maxLen)
			pos += maxLen
		}
		sb.WriteByte('\n')
	}
	fmt.Fprint(w, sb.String())
}

// selectIndent pads from column from to column to with tabs (every
// eight columns) and spaces, as bash does.
func selectIndent(sb *strings.Builder, from, to int) {
	for from < to {
		if to/8 > from/8 {
			sb.WriteByte('\t')
			from += 8 - from%8
		} else {
			sb.WriteByte(' ')
			from++
		}
	}
}
