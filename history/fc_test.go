package history

import (
	"errors"
	"fmt"
	"testing"
)

// fcView20 is bash's list after `echo 1` ... `echo 20` and then an fc
// command (number 21), which is the list's newest entry.
func fcView20() FcView {
	v := FcView{Base: 1, OwnLine: true}
	for i := 1; i <= 20; i++ {
		v.Lines = append(v.Lines, fmt.Sprintf("echo %d", i))
	}
	v.Lines = append(v.Lines, "fc -l")
	return v
}

// The ranges are those bash 5.2 lists for the same list (numbers, not
// indexes, below: index+1).
func TestFcSelect(t *testing.T) {
	for _, c := range []struct {
		specs    []string
		listing  bool
		reverse  bool
		from, to int
		rev      bool
		err      error
	}{
		{nil, true, false, 5, 20, false, nil},
		{nil, true, true, 5, 20, true, nil},
		{nil, false, false, 20, 20, false, nil},
		{[]string{"-2"}, true, false, 19, 20, false, nil},
		{[]string{"3"}, true, false, 3, 20, false, nil},
		{[]string{"3", "3"}, true, false, 3, 3, false, nil},
		{[]string{"3"}, false, false, 3, 3, false, nil},
		{[]string{"100"}, true, false, 1, 20, false, nil},
		{[]string{"100", "2"}, true, false, 1, 2, false, nil},
		{[]string{"2", "100"}, true, false, 2, 20, false, nil},
		{[]string{"-100"}, true, false, 1, 20, false, nil},
		{[]string{"1", "-100"}, true, false, 1, 1, false, nil},
		{[]string{"0"}, true, false, 20, 20, false, nil},
		{[]string{"-0"}, true, false, 21, 21, false, nil},
		{[]string{"-3", "-5"}, true, false, 16, 18, true, nil},
		{[]string{"ec", "2"}, true, false, 2, 20, true, nil},
		{[]string{"echo 1"}, true, false, 19, 20, false, nil},
		{[]string{"", "2"}, true, false, 2, 20, true, nil},
		{[]string{"+2"}, true, false, 0, 0, false, ErrNoCommand},
		{[]string{"1", "nosuch"}, true, false, 0, 0, false, ErrNoCommand},
		{[]string{"99999999999999999999999"}, false, false, 1, 1, false, nil},
	} {
		sel, err := fcView20().Select(c.specs, c.listing, c.reverse)
		if !errors.Is(err, c.err) {
			t.Errorf("%q: error %v, want %v", c.specs, err, c.err)
			continue
		}
		if err != nil {
			continue
		}
		if sel.From+1 != c.from || sel.To+1 != c.to || sel.Reverse != c.rev {
			t.Errorf("%q listing=%v: %d..%d reverse %v, want %d..%d reverse %v",
				c.specs, c.listing, sel.From+1, sel.To+1, sel.Reverse, c.from, c.to, c.rev)
		}
	}
	// After HISTSIZE dropped the oldest: numbers below the list are out
	// of it too (bash: `fc -l 1 1` with entries 5..8 lists 5..7).
	v := FcView{Lines: []string{"echo b", "echo c", "fc -l", "fc -l 1 1"}, Base: 5, OwnLine: true}
	if sel, err := v.Select([]string{"1", "1"}, true, false); err != nil || sel.From != 0 || sel.To != 2 {
		t.Errorf("below the list: %+v %v", sel, err)
	}
	// Only fc's own line: that line is the one (bash lists it).
	v = FcView{Lines: []string{"fc -l"}, Base: 1, OwnLine: true}
	if sel, err := v.Select(nil, true, false); err != nil || sel.From != 0 || sel.To != 0 {
		t.Errorf("own line only: %+v %v", sel, err)
	}
	if _, err := (FcView{Base: 1}).Select(nil, true, false); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("empty list: %v", err)
	}
}

func TestFcEntry(t *testing.T) {
	for _, c := range []struct {
		spec string
		want int
		err  error
	}{
		{"", 20, nil},
		{"-1", 20, nil},
		{"-3", 18, nil},
		{"2", 2, nil},
		{"100", 20, nil},
		{"echo 1", 19, nil},
		{"nosuch", 0, ErrNoCommand},
	} {
		i, err := fcView20().Entry(c.spec)
		if !errors.Is(err, c.err) || err == nil && i+1 != c.want {
			t.Errorf("Entry(%q) = %d, %v; want %d, %v", c.spec, i+1, err, c.want, c.err)
		}
	}
	if _, err := (FcView{Base: 1}).Entry(""); !errors.Is(err, ErrNoCommand) {
		t.Errorf("empty list: %v", err)
	}
}

func TestSubstitute(t *testing.T) {
	for _, c := range []struct {
		in    string
		pairs [][2]string
		want  string
	}{
		{"echo one", nil, "echo one"},
		{"echo one one", [][2]string{{"one", "1"}}, "echo 1 1"},
		{"echo one", [][2]string{{"a", "b"}, {"c", "d"}}, "edho one"},
		{"echo ab", [][2]string{{"a", "b"}, {"bb", "c"}}, "echo c"},
		{"echo x", [][2]string{{"", "y"}}, "echo x"},
	} {
		if got := Substitute(c.in, c.pairs); got != c.want {
			t.Errorf("Substitute(%q, %q) = %q, want %q", c.in, c.pairs, got, c.want)
		}
	}
}
