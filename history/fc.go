package history

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// How fc names entries, as bash 5.2 reads them. A specification is a
// number (an entry's number, or with a minus sign an offset back from the
// newest: -1 is the command before fc), or a string (the newest entry
// that starts with it). fc works on the entries before its own command
// line, which is in the list by the time it runs. An entry number outside
// the list is not an error: as first it means the oldest entry, as last
// (or for fc -s) the newest. A string that no entry starts with is.

// ErrNoCommand is a string specification that no entry starts with.
var ErrNoCommand = errors.New("no command found")

// ErrOutOfRange is a specification in an empty list.
var ErrOutOfRange = errors.New("history specification out of range")

// FcView is the list as fc sees it: Lines are the entries as fc matches
// and lists them (a command of several lines joined into one), Lines[0]
// is number Base, and OwnLine says that the newest entry is the command
// line that runs fc, which fc passes over.
type FcView struct {
	Lines   []string
	Base    int
	OwnLine bool
}

// last is the index of the newest entry fc works on, and real the
// newest of all; last is -1 in an empty list. With nothing but fc's own
// line in the list, that line is the one, as in bash.
func (v FcView) last() (last, real int) {
	real = len(v.Lines) - 1
	last = real
	if v.OwnLine && last > 0 {
		last--
	}
	return last, real
}

// index resolves one specification. inRange is false for an entry
// number outside the list, which the caller replaces by one end.
func (v FcView) index(spec string) (i int, inRange bool, err error) {
	last, real := v.last()
	if last < 0 {
		return 0, false, ErrOutOfRange
	}
	digits := strings.TrimPrefix(spec, "-")
	if digits != "" && digits[0] >= '0' && digits[0] <= '9' {
		n, err := strconv.Atoi(leadingDigits(digits))
		if err != nil {
			n = math.MaxInt // too many digits: beyond any entry
		}
		switch {
		case n == 0 && digits != spec:
			return real, true, nil // -0: fc's own line
		case n == 0:
			return last, true, nil
		case digits != spec:
			return max(last-n+1, 0), true, nil
		}
		i := n - v.Base
		if i < 0 || i > last {
			return 0, false, nil
		}
		return i, true, nil
	}
	for i := last; i >= 0; i-- {
		if strings.HasPrefix(v.Lines[i], spec) {
			return i, true, nil
		}
	}
	return 0, false, ErrNoCommand
}

// leadingDigits is the digits s starts with (atoi's reading).
func leadingDigits(s string) string {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return s[:n]
}

// Entry is the index of the entry that `fc -s [spec]` runs: the newest
// before fc's line when spec is "".
func (v FcView) Entry(spec string) (int, error) {
	last, _ := v.last()
	if last < 0 {
		return 0, ErrNoCommand
	}
	if spec == "" {
		return last, nil
	}
	i, ok, err := v.index(spec)
	if err != nil {
		return 0, err
	}
	if !ok {
		return last, nil
	}
	return i, nil
}

// Selection is the entries fc lists or edits, by index: From to To
// (From <= To), newest first if Reverse.
type Selection struct {
	From, To int
	Reverse  bool
}

// Select resolves fc's [first [last]] (specs holds those given, at most
// two are looked at) for listing (fc -l) or editing, with -r as reverse.
// Listing defaults to the last 16 entries, editing to the newest; a first
// without a last runs to the newest when listing and is alone when
// editing. A first later than the last lists the range newest first.
func (v FcView) Select(specs []string, listing, reverse bool) (Selection, error) {
	last, real := v.last()
	if last < 0 {
		return Selection{}, ErrOutOfRange
	}
	if len(specs) == 0 {
		if listing {
			return Selection{max(last-15, 0), last, reverse}, nil
		}
		return Selection{last, last, reverse}, nil
	}
	from, ok, err := v.index(specs[0])
	if err != nil {
		return Selection{}, err
	}
	if !ok {
		from = 0
	}
	to := from
	switch {
	case len(specs) > 1:
		if to, ok, err = v.index(specs[1]); err != nil {
			return Selection{}, err
		} else if !ok {
			to = last
		}
	case listing && from == real:
		to = real
	case listing:
		to = last
	}
	if to < from {
		from, to, reverse = to, from, true
	}
	return Selection{from, to, reverse}, nil
}

// Substitute applies fc -s's old=new pairs in order, each replacing
// every occurrence (bash's fc_dosubs). An empty old changes nothing.
func Substitute(command string, pairs [][2]string) string {
	for _, p := range pairs {
		if p[0] != "" {
			command = strings.ReplaceAll(command, p[0], p[1])
		}
	}
	return command
}
