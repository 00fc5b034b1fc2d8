package builtins

import (
	"testing"
	"time"
)

// Strftime against glibc's strftime in the C locale, for the conversions
// HISTTIMEFORMAT and printf %(fmt)T users write. The expectations are
// date(1)'s output for the same instant (TZ=UTC, and a zone east of it).
func TestStrftime(t *testing.T) {
	utc := time.Date(2023, time.November, 4, 22, 3, 9, 0, time.UTC)
	east := utc.In(time.FixedZone("IST", 5*3600+1800))
	cases := []struct {
		layout string
		t      time.Time
		want   string
	}{
		{"%F %T", utc, "2023-11-04 22:03:09"},
		{"%Y-%m-%d %H:%M:%S", utc, "2023-11-04 22:03:09"},
		{"%s", utc, "1699135389"},
		{"%b %a %e", utc, "Nov Sat  4"},
		{"%j", utc, "308"},
		{"%I %p", utc, "10 PM"},
		{"%I %p", utc.Add(-22 * time.Hour), "12 AM"},
		{"%y", utc, "23"},
		{"%Z %z", utc, "UTC +0000"},
		{"%Z %z", east, "IST +0530"},
		{"%%", utc, "%"},
		{"at %H:%M: ", utc, "at 22:03: "},
		{"%Q", utc, "%Q"}, // unknown: copied, as glibc does
		{"%", utc, "%"},
		{"", utc, ""},
	}
	for _, c := range cases {
		if got := Strftime(c.layout, c.t); got != c.want {
			t.Errorf("Strftime(%q) = %q, want %q", c.layout, got, c.want)
		}
	}
}
