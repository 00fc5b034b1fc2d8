package pattern

import (
	"math/bits"
	"strings"
)

// bitset is a set of byte offsets 0..len(s) of the subject.
type bitset []uint64

func (b bitset) has(i int) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }
func (b bitset) set(i int)      { b[i>>6] |= 1 << (uint(i) & 63) }

func (b bitset) clear() {
	for i := range b {
		b[i] = 0
	}
}

func (b bitset) or(o bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

func (b bitset) intersects(o bitset) bool {
	for i := range b {
		if b[i]&o[i] != 0 {
			return true
		}
	}
	return false
}

// nextFrom returns the smallest member >= i, or -1.
func (b bitset) nextFrom(i int) int {
	if i < 0 {
		i = 0
	}
	w := i >> 6
	if w >= len(b) {
		return -1
	}
	word := b[w] &^ (1<<(uint(i)&63) - 1)
	for {
		if word != 0 {
			return w<<6 + bits.TrailingZeros64(word)
		}
		w++
		if w >= len(b) {
			return -1
		}
		word = b[w]
	}
}

// fill adds lo..hi inclusive.
func (b bitset) fill(lo, hi int) {
	for w := lo >> 6; w <= hi>>6; w++ {
		word := ^uint64(0)
		if w == lo>>6 {
			word &^= 1<<(uint(lo)&63) - 1
		}
		if w == hi>>6 && hi&63 != 63 {
			word &= 1<<(uint(hi)&63+1) - 1
		}
		b[w] |= word
	}
}

func (b bitset) first() int { return b.nextFrom(0) }

// last returns the largest member, or -1.
func (b bitset) last() int {
	for w := len(b) - 1; w >= 0; w-- {
		if b[w] != 0 {
			return w<<6 + 63 - bits.LeadingZeros64(b[w])
		}
	}
	return -1
}

func (b bitset) empty() bool {
	for _, w := range b {
		if w != 0 {
			return false
		}
	}
	return true
}

// stackSets is how many small bitsets a matcher carries inline, enough for
// the whole of Prefix, Suffix and Find on a pattern without groups.
const (
	stackSets  = 8
	stackWords = 4 // subjects up to 255 bytes
)

// matcher runs a pattern over one subject by simulating it on sets of
// positions: forward from a set of start offsets to the set of offsets where
// the pattern can end, or backward from a set of end offsets to the set of
// offsets where it can start. Groups are resolved per start offset and
// memoised, so no work is repeated however the groups nest.
type matcher struct {
	p     *Pattern
	s     string
	mode  Mode
	words int
	ascii bool // every offset of s is a character boundary
	used  int
	stack [stackSets][stackWords]uint64
	// heap holds the sets handed out beyond the inline ones; those past
	// nheap are free for reuse (see mark and reset).
	heap  []bitset
	nheap int
	// grp resolves groups: a matcher of its own on the heap, so that
	// the inline sets of a matcher on the stack never reach the memo
	// tables (and escape analysis keeps simple matches allocation-free).
	grp *matcher
	// altMemo[id] holds, per start offset, the ends of group id's
	// alternatives; groupMemo[id] the ends of the group itself. Their
	// sets come from memoWords while it lasts.
	altMemo   []memoTable
	groupMemo []memoTable
	memoWords []uint64
}

// memoTable holds one set of offsets per start offset, for one group.
type memoTable struct {
	done bitset   // the start offsets whose row is computed
	flat []uint64 // the rows side by side, when that is small
	rows []bitset // otherwise one allocation per row, as needed
}

// flatMemoWords bounds the memory a table takes in one piece.
const flatMemoWords = 4096

// table returns group id's table in tabs, filling it in on first use.
func (m *matcher) table(tabs []memoTable, id int) *memoTable {
	t := &tabs[id]
	if t.done == nil {
		t.done = m.memoAlloc(m.words)
		if n := (len(m.s) + 1) * m.words; n <= flatMemoWords {
			t.flat = m.memoAlloc(n)
		} else {
			t.rows = make([]bitset, len(m.s)+1)
		}
	}
	return t
}

// row returns the set for start offset p, empty until it is filled.
func (t *memoTable) row(p, words int) bitset {
	if t.flat != nil {
		return t.flat[p*words : (p+1)*words : (p+1)*words]
	}
	if t.rows[p] == nil {
		t.rows[p] = make(bitset, words)
	}
	return t.rows[p]
}

// groups returns the matcher that resolves groups.
func (m *matcher) groups() *matcher {
	if m.grp == nil {
		g := &matcher{p: m.p, s: m.s, mode: m.mode, words: m.words, ascii: m.ascii, used: stackSets}
		g.grp = g
		tabs := make([]memoTable, 2*m.p.groups)
		g.altMemo, g.groupMemo = tabs[:m.p.groups], tabs[m.p.groups:]
		// One piece for every small table, if they are small.
		if n := 2 * m.p.groups * (len(m.s) + 2) * m.words; n <= flatMemoWords {
			g.memoWords = make([]uint64, n)
		}
		m.grp = g
	}
	return m.grp
}

// memoAlloc returns n zero words, from memoWords while it lasts.
func (m *matcher) memoAlloc(n int) []uint64 {
	if n <= len(m.memoWords) {
		w := m.memoWords[:n:n]
		m.memoWords = m.memoWords[n:]
		return w
	}
	return make([]uint64, n)
}

func (m *matcher) init(p *Pattern, s string) {
	m.p, m.s, m.mode = p, s, p.mode
	m.words = (len(s) + 1 + 63) / 64
	m.ascii = true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			m.ascii = false
			break
		}
	}
}

// alloc returns an empty set. Sets are handed out in order and taken back
// only by reset, so no one can be holding a set alloc returns.
func (m *matcher) alloc() bitset {
	if m.words <= stackWords && m.used < stackSets {
		b := bitset(m.stack[m.used][:m.words])
		m.used++
		b.clear()
		return b
	}
	if m.nheap < len(m.heap) {
		b := m.heap[m.nheap]
		m.nheap++
		b.clear()
		return b
	}
	b := make(bitset, m.words)
	m.heap = append(m.heap, b)
	m.nheap++
	return b
}

// allocMark records how many sets are handed out.
type allocMark struct{ used, nheap int }

func (m *matcher) mark() allocMark { return allocMark{m.used, m.nheap} }

// reset takes back every set handed out since k; the caller guarantees
// that none of them is still in use.
func (m *matcher) reset(k allocMark) { m.used, m.nheap = k.used, k.nheap }

func (m *matcher) single(i int) bitset {
	b := m.alloc()
	b.set(i)
	return b
}

// all returns the set of every character boundary of s.
func (m *matcher) all() bitset {
	b := m.alloc()
	for p := 0; ; p += charLen(m.s, p) {
		b.set(p)
		if p >= len(m.s) {
			return b
		}
	}
}

// forward returns the offsets at which seq, started at any offset in in,
// can end. The result may be in itself or a set later calls do not touch.
func (m *matcher) forward(seq []node, in bitset) bitset { return m.run(seq, in, false) }

// backward returns the offsets from which seq can match up to an offset in
// next.
func (m *matcher) backward(seq []node, next bitset) bitset { return m.run(seq, next, true) }

// run steps the set from through seq, first node to last or (back) last to
// first, alternating between two sets of its own.
func (m *matcher) run(seq []node, from bitset, back bool) bitset {
	if len(seq) == 0 {
		return from
	}
	a := m.alloc()
	var b bitset
	if len(seq) > 1 {
		b = m.alloc()
	}
	cur := from
	for i := range seq {
		out := a
		if i%2 == 1 {
			out = b
		}
		out.clear()
		if back {
			m.stepBackward(&seq[len(seq)-1-i], cur, out)
		} else {
			m.stepForward(&seq[i], cur, out)
		}
		cur = out
		if cur.empty() {
			break
		}
	}
	return cur
}

func (m *matcher) stepForward(nd *node, in, out bitset) {
	s, mode := m.s, m.mode
	n := len(s)
	switch nd.kind {
	case nodeLit:
		first := in.first()
		if mode&NoCase == 0 && nd.lit != "" && first >= 0 && first != in.last() {
			for p := m.nextLit(nd.lit, first); p >= 0; p = m.nextLit(nd.lit, p+1) {
				if in.has(p) {
					out.set(p + len(nd.lit))
				}
			}
			return
		}
		nocase := mode&NoCase != 0
		for p := first; p >= 0; p = in.nextFrom(p + 1) {
			if e := litEnd(s, p, nd.lit, nocase); e >= 0 {
				out.set(e)
			}
		}
	case nodeAny:
		for p := in.first(); p >= 0 && p < n; p = in.nextFrom(p + 1) {
			if wildOK(s, p, mode) {
				out.set(p + charLen(s, p))
			}
		}
	case nodeBracket:
		for p := in.first(); p >= 0 && p < n; p = in.nextFrom(p + 1) {
			if wildOK(s, p, mode) {
				if ok, l := nd.set.matchAt(s, p); ok {
					out.set(p + l)
				}
			}
		}
	case nodeStar:
		if m.ascii && mode&Pathname == 0 {
			if p := in.first(); p >= 0 {
				out.fill(p, n)
			}
			return
		}
		// A run from p covers every offset up to the first character a
		// wildcard may not consume; a later start inside that run
		// reaches the same place, so it is skipped.
		reach := -1
		for p := in.first(); p >= 0; p = in.nextFrom(p + 1) {
			if p <= reach {
				continue
			}
			q := p
			out.set(q)
			for q < n && wildOK(s, q, mode) {
				q += charLen(s, q)
				out.set(q)
			}
			reach = q
		}
	case nodeGroup:
		for p := in.first(); p >= 0; p = in.nextFrom(p + 1) {
			out.or(m.groups().groupEnds(nd, p))
		}
	}
}

func (m *matcher) stepBackward(nd *node, next, out bitset) {
	s, mode := m.s, m.mode
	n := len(s)
	switch nd.kind {
	case nodeLit:
		if mode&NoCase == 0 && nd.lit != "" {
			for p := m.nextLit(nd.lit, 0); p >= 0; p = m.nextLit(nd.lit, p+1) {
				if next.has(p + len(nd.lit)) {
					out.set(p)
				}
			}
			return
		}
		nocase := mode&NoCase != 0
		for p := 0; p <= n; p += m.step(p) {
			if e := litEnd(s, p, nd.lit, nocase); e >= 0 && next.has(e) {
				out.set(p)
			}
		}
	case nodeAny:
		for p := 0; p < n; p += charLen(s, p) {
			if wildOK(s, p, mode) && next.has(p+charLen(s, p)) {
				out.set(p)
			}
		}
	case nodeBracket:
		for p := 0; p < n; p += charLen(s, p) {
			if wildOK(s, p, mode) {
				if ok, l := nd.set.matchAt(s, p); ok && next.has(p+l) {
					out.set(p)
				}
			}
		}
	case nodeStar:
		if m.ascii && mode&Pathname == 0 {
			if q := next.last(); q >= 0 {
				out.fill(0, q)
			}
			return
		}
		// p can start the star if some q >= p in next is reachable
		// without consuming a character a wildcard may not consume.
		ok := false
		for p := n; p >= 0; p-- {
			if p < n && !wildOK(s, p, mode) {
				ok = false
			}
			if next.has(p) {
				ok = true
			}
			if ok && (m.ascii || isBoundary(s, p)) {
				out.set(p)
			}
		}
	case nodeGroup:
		for p := 0; p <= n; p += m.step(p) {
			if m.groups().groupEnds(nd, p).intersects(next) {
				out.set(p)
			}
		}
	}
}

// nextLit returns the first offset >= from at which lit matches as whole
// characters, or -1.
func (m *matcher) nextLit(lit string, from int) int {
	s := m.s
	for from <= len(s) {
		i := strings.Index(s[from:], lit)
		if i < 0 {
			return -1
		}
		from += i
		if m.ascii || (isBoundary(s, from) && isBoundary(s, from+len(lit))) {
			return from
		}
		from++
	}
	return -1
}

// step is the distance from offset p to the next character boundary, and 1
// at the end so that loops over 0..n terminate.
func (m *matcher) step(p int) int {
	if p >= len(m.s) {
		return 1
	}
	return charLen(m.s, p)
}

// altEnds returns the offsets at which one of the group's alternatives,
// started at p, ends.
func (m *matcher) altEnds(nd *node, p int) bitset {
	t := m.table(m.altMemo, nd.id)
	res := t.row(p, m.words)
	if t.done.has(p) {
		return res
	}
	k := m.mark()
	for _, alt := range nd.alts {
		res.or(m.forward(alt, m.single(p)))
		m.reset(k)
	}
	t.done.set(p)
	return res
}

// groupEnds returns the offsets at which the group, started at p, ends.
func (m *matcher) groupEnds(nd *node, p int) bitset {
	t := m.table(m.groupMemo, nd.id)
	res := t.row(p, m.words)
	if t.done.has(p) {
		return res
	}
	m.fillGroup(nd, p, res)
	t.done.set(p)
	return res
}

// fillGroup adds to res the offsets at which the group, started at p, ends.
func (m *matcher) fillGroup(nd *node, p int, res bitset) {
	switch nd.op {
	case '@':
		res.or(m.altEnds(nd, p))
	case '?':
		res.or(m.altEnds(nd, p))
		res.set(p)
	case '*', '+':
		// The closure of the alternatives: every offset reachable by
		// one (+) or any number (*) of them in a row.
		var stack [32]int
		work := stack[:0]
		if nd.op == '*' {
			res.set(p)
			work = append(work, p)
		} else {
			first := m.altEnds(nd, p)
			for q := first.first(); q >= 0; q = first.nextFrom(q + 1) {
				res.set(q)
				work = append(work, q)
			}
		}
		for len(work) > 0 {
			from := work[len(work)-1]
			work = work[:len(work)-1]
			ends := m.altEnds(nd, from)
			for q := ends.first(); q >= 0; q = ends.nextFrom(q + 1) {
				if !res.has(q) {
					res.set(q)
					work = append(work, q)
				}
			}
		}
	case '!':
		// Any substring from p that no alternative matches whole; in
		// Pathname mode it is a wildcard like *.
		not := m.altEnds(nd, p)
		s := m.s
		for q := p; ; q += charLen(s, q) {
			if !not.has(q) {
				res.set(q)
			}
			if q >= len(s) || !wildOK(s, q, m.mode) {
				break
			}
		}
	}
}
