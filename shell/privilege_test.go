package shell

import "testing"

func TestDecideSetuidStart(t *testing.T) {
	for _, c := range []struct {
		name       string
		ids        processIDs
		privileged bool
		want       setuidStart
	}{
		{"ordinary", processIDs{1000, 1000, 1000, 1000}, false, setuidStart{}},
		{"ordinary -p", processIDs{1000, 1000, 1000, 1000}, true, setuidStart{}},
		{"root", processIDs{0, 0, 0, 0}, false, setuidStart{}},
		{"setuid", processIDs{1000, 0, 1000, 1000}, false, setuidStart{skipStartupFiles: true, dropIDs: true}},
		{"setuid -p", processIDs{1000, 0, 1000, 1000}, true, setuidStart{skipStartupFiles: true}},
		{"setgid", processIDs{1000, 1000, 1000, 50}, false, setuidStart{skipStartupFiles: true, dropIDs: true}},
		{"setgid -p", processIDs{1000, 1000, 1000, 50}, true, setuidStart{skipStartupFiles: true}},
		{"root running a setuid-nobody gosh", processIDs{0, 65534, 0, 0}, false, setuidStart{skipStartupFiles: true, dropIDs: true}},
	} {
		if got := decideSetuidStart(c.ids, c.privileged); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestInvocationPrivileged(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"gosh", "-c", ":"}, false},
		{[]string{"gosh", "-p", "-c", ":"}, true},
		{[]string{"gosh", "-ep", "-c", ":"}, true},
		{[]string{"gosh", "-o", "privileged", "-c", ":"}, true},
		{[]string{"gosh", "-p", "+p", "-c", ":"}, false},
		{[]string{"gosh", "-p", "+o", "privileged"}, false},
	} {
		inv, err := parseArgs(c.args)
		if err != nil {
			t.Fatalf("%q: %v", c.args, err)
		}
		if got := inv.privileged(); got != c.want {
			t.Errorf("%q: privileged %v, want %v", c.args, got, c.want)
		}
	}
}

func TestPrivilegedOption(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "set -p", src: `set -p; echo $-; set +p; echo $-`, out: "hpBc\nhBc\n"},
		{name: "set -o privileged", src: `set -o privileged; set -o | grep privileged`, out: "privileged     \ton\n"},
	})
}
