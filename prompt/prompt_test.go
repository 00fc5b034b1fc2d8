package prompt

import (
	"testing"
	"time"
)

func TestDecode(t *testing.T) {
	now := time.Date(2026, time.March, 5, 14, 7, 9, 0, time.UTC)
	f := &Facts{User: "ann", Host: "box.example.org", Dir: "/home/ann/src/gosh", Home: "/home/ann",
		Jobs: 2, History: 41, Command: 7, Shell: "gosh", Version: "0.1.0", TTY: "3", Now: now}
	for _, c := range []struct{ ps, want string }{
		{`plain $ `, `plain $ `},
		{`\u@\h:\w\$ `, "ann@box:~/src/gosh$ "},
		{`\H \W`, "box.example.org gosh"},
		{`[\j \! \#]`, "[2 41 7]"},
		{`\s-\v \V`, "gosh-0.1 0.1.0"},
		{`\t \T \@ \A \d`, "14:07:09 02:07:09 02:07 PM 14:07 Thu Mar 05"},
		{`\D{%Y-%m-%d %H:%M:%S %j %%}`, "2026-03-05 14:07:09 064 %"},
		{`\D{}`, "14:07:09"},
		{`\D`, `\D`},
		{`\[\e[1m\]x\[\e[0m\]`, "\x01\x1b[1m\x02x\x01\x1b[0m\x02"},
		{`a\\b \q \101\0101`, "a\\\\b \\q A\b1"}, // three octal digits at most
		{`\l \n\r\a`, "3 \n\r\a"},
		{`end\`, `end\`},
	} {
		if got := Decode(c.ps, f); got != c.want {
			t.Errorf("Decode(%q) = %q, want %q", c.ps, got, c.want)
		}
	}
}

// What an escape shows is quoted for the expansion after Decode, so that it
// shows as it is: a directory named with $ and ` is not expanded.
func TestDecodeQuotesWhatItShows(t *testing.T) {
	f := &Facts{User: "a$b", Host: "h`x`", Dir: `/tmp/d$x\y`, Shell: "$0", Now: time.Unix(0, 0).UTC()}
	for _, c := range []struct{ ps, want string }{
		{`\u \h \s`, "a\\$b h\\`x\\` \\$0"},
		{`\w|\W`, `/tmp/d\$x\\y|d\$x\\y`},
		{`\D{$x}`, `\$x`},
		{`$x \$`, `$x $`}, // the prompt's own text is expanded
	} {
		if got := Decode(c.ps, f); got != c.want {
			t.Errorf("Decode(%q) = %q, want %q", c.ps, got, c.want)
		}
	}
}

func TestDirTrim(t *testing.T) {
	for _, c := range []struct {
		dir  string
		n    int
		want string
	}{
		{"/usr/share/doc", 1, ".../doc"},
		{"/usr/share/doc", 2, ".../share/doc"},
		{"/usr/share/doc", 3, "/usr/share/doc"},
		{"/usr/share/doc", 0, "/usr/share/doc"},
		{"/home/ann/a/b/c", 2, "~/.../b/c"},
		{"/home/ann/a", 1, "~/a"},
		{"/home/ann", 1, "~"},
		{"/", 1, "/"},
	} {
		f := &Facts{Dir: c.dir, Home: "/home/ann", DirTrim: c.n}
		if got := Decode(`\w`, f); got != c.want {
			t.Errorf("%q trimmed to %d: %q, want %q", c.dir, c.n, got, c.want)
		}
	}
}

func TestDirs(t *testing.T) {
	for _, c := range []struct{ dir, home, w, W string }{
		{"/home/ann", "/home/ann", "~", "~"},
		{"/home/ann/x", "/home/ann", "~/x", "x"},
		{"/home/annex", "/home/ann", "/home/annex", "annex"},
		{"/", "/home/ann", "/", "/"},
		{"/usr/lib", "", "/usr/lib", "lib"},
		{"/", "/", "~", "~"},
	} {
		f := &Facts{Dir: c.dir, Home: c.home}
		if got := Decode(`\w|\W`, f); got != c.w+"|"+c.W {
			t.Errorf("dir %q home %q: %q, want %q", c.dir, c.home, got, c.w+"|"+c.W)
		}
	}
}
