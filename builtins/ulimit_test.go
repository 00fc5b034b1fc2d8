package builtins

import (
	"testing"

	"golang.org/x/sys/unix"
)

// ulimitCases only read limits or fail, so bash (a child inheriting the
// test's limits) must print exactly the same.
var ulimitCases = []outputCase{
	{args: []string{"ulimit", "-x", "-y"}, status: 2,
		err: "gosh: ulimit: -y: invalid option\nulimit: usage: ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]\n"},
	{args: []string{"ulimit", "-f", "-1"}, status: 2,
		err: "gosh: ulimit: -1: invalid option\nulimit: usage: ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]\n"},
	{args: []string{"ulimit", "-n", "abc"}, status: 1, err: "gosh: ulimit: abc: invalid number\n"},
	{args: []string{"ulimit", "-f", "1.5"}, status: 1, err: "gosh: ulimit: 1.5: invalid number\n"},
	{args: []string{"ulimit", "-nH"}, status: 1, err: "gosh: ulimit: H: invalid number\n"},
	{args: []string{"ulimit", "--", "-n"}, status: 1, err: "gosh: ulimit: -n: invalid number\n"},
	{args: []string{"ulimit", "-f", "0x10"}, status: 1, err: "gosh: ulimit: 0x10: invalid hex number\n"},
	{args: []string{"ulimit", "-s", "10000000000000000000"}, status: 1, err: "gosh: ulimit: 10000000000000000000: limit out of range\n"},
	{args: []string{"ulimit", "-c", "18014398509481984"}, status: 1, err: "gosh: ulimit: 18014398509481984: limit out of range\n"},
	{args: []string{"ulimit", "-p", "5"}, status: 1, err: "gosh: ulimit: pipe size: cannot modify limit: Invalid argument\n"},
	{args: []string{"ulimit", "-p"}, out: "8\n"},
}

// ulimitShows are compared with bash by output only, since the values
// are the machine's.
var ulimitShows = [][]string{
	{"ulimit"}, {"ulimit", "-H"}, {"ulimit", "-a"}, {"ulimit", "-Ha"}, {"ulimit", "-S", "-a"},
	{"ulimit", "-n"}, {"ulimit", "-Hn"}, {"ulimit", "-n", "-s"}, {"ulimit", "-a", "-n"},
	{"ulimit", "-s", "-c", "-d", "-e", "-f", "-i", "-l", "-m", "-n", "-p", "-q", "-r", "-R", "-t", "-u", "-v", "-x"},
	{"ulimit", "-n", "--"}, {"ulimit", "-SH", "-n"},
}

func TestUlimit(t *testing.T) {
	checkCases(t, ulimitCases)
	for _, args := range ulimitShows {
		got := runFake(args, "")
		if got.status != 0 || got.err != "" || got.out == "" {
			t.Errorf("%q: %v", args, got)
		}
	}
}

func TestUlimitBashAgrees(t *testing.T) {
	checkBashAgrees(t, ulimitCases)
	for _, args := range ulimitShows {
		want := runFake(args, "")
		if got := bashBuiltin(t, args, ""); got != want {
			t.Errorf("%q:\nbash %v\ngosh %v", args, got, want)
		}
	}
}

func TestUlimitSet(t *testing.T) {
	var saved unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_CORE, &saved); err != nil {
		t.Fatal(err)
	}
	defer unix.Setrlimit(unix.RLIMIT_CORE, &saved) // as far as permitted
	if saved.Max != unix.RLIM_INFINITY && saved.Max < 8192 {
		t.Skip("core hard limit too low to play with")
	}
	get := func() unix.Rlimit {
		var rl unix.Rlimit
		unix.Getrlimit(unix.RLIMIT_CORE, &rl)
		return rl
	}
	// -S changes only the soft limit, in bash's 1024-byte blocks.
	if st := runFake([]string{"ulimit", "-S", "-c", "4"}, ""); st.status != 0 || get().Cur != 4096 || get().Max != saved.Max {
		t.Errorf("ulimit -S -c 4: %v, limit %+v", st, get())
	}
	if st := runFake([]string{"ulimit", "-c"}, ""); st.out != "4\n" {
		t.Errorf("ulimit -c: %v", st)
	}
	// "hard" copies the hard limit; "soft" keeps the soft one.
	if st := runFake([]string{"ulimit", "-Sc", "hard"}, ""); st.status != 0 || get().Cur != saved.Max {
		t.Errorf("ulimit -Sc hard: %v, limit %+v", st, get())
	}
	if st := runFake([]string{"ulimit", "-S", "-c", "2"}, ""); st.status != 0 {
		t.Fatal(st)
	}
	if st := runFake([]string{"ulimit", "-Sc", "soft"}, ""); st.status != 0 || get().Cur != 2048 {
		t.Errorf("ulimit -Sc soft: %v, limit %+v", st, get())
	}
	// Without -S or -H both limits change. Lowering the hard limit cannot
	// be undone without privilege, so this comes last; it only affects
	// the test process.
	if st := runFake([]string{"ulimit", "-c", "8"}, ""); st.status != 0 || get().Cur != 8192 || get().Max != 8192 {
		t.Errorf("ulimit -c 8: %v, limit %+v", st, get())
	}
	if st := runFake([]string{"ulimit", "-Hc"}, ""); st.out != "8\n" {
		t.Errorf("ulimit -Hc: %v", st)
	}
	// A soft limit above the hard one is refused.
	unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{Cur: 0, Max: 1024})
	want := "gosh: ulimit: core file size: cannot modify limit: Invalid argument\n"
	if st := runFake([]string{"ulimit", "-S", "-c", "4"}, ""); st.status != 1 || st.err != want {
		t.Errorf("soft above hard: %v", st)
	}
}
