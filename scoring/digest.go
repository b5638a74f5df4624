package scoring

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"slices"
)

// inputDigest returns Result.InputDigest, encoding the configuration and
// the responses as the package documentation's "Input digest" section
// specifies.
func inputDigest(cfg Config, s *store, l *layout) string {
	return digestOf("pingyi-scoring-input-v1\n", cfg, s, l.byRef, func(r int32) string { return s.refs[r] }, nil)
}

// digestOf writes header, the configuration, extra (when not nil), the
// responses of order (store indices in ascending order of their refs, as
// ref gives them) and the hotline counts: the layout both input digests
// share.
func digestOf(header string, cfg Config, s *store, order []int32, ref func(int32) string, extra func(*digester)) string {
	d := digester{h: sha256.New()}
	d.buf = append(d.buf, header...)
	d.u32(len(cfg.Units))
	for _, u := range cfg.Units {
		d.str(u.Code)
		d.str(u.Category)
	}
	d.u32(len(cfg.Indicators))
	for _, ind := range cfg.Indicators {
		d.str(ind.Code)
		d.f64(ind.Weight)
		d.bool(ind.Auxiliary)
	}
	d.u32(len(cfg.Options))
	for _, o := range cfg.Options {
		d.str(o.Code)
		d.f64(o.Score)
		d.bool(o.Satisfied)
		d.bool(o.Excluded)
	}
	d.u32(len(cfg.Groups))
	for _, g := range cfg.Groups {
		d.str(g.Code)
		d.f64(g.Weight)
		d.buf = binary.BigEndian.AppendUint64(d.buf, uint64(int64(g.MinSample)))
	}
	d.buf = binary.BigEndian.AppendUint64(d.buf, uint64(int64(cfg.Bootstrap)))
	d.buf = binary.BigEndian.AppendUint64(d.buf, cfg.Seed)
	d.buf = binary.BigEndian.AppendUint64(d.buf, uint64(int64(cfg.TieDecimals)))
	if extra != nil {
		extra(&d)
	}

	d.buf = binary.BigEndian.AppendUint64(d.buf, uint64(len(order)))
	for _, r := range order {
		d.str(ref(r))
		d.u32(int(s.group[r]))
		d.str(s.strata[s.stratum[r]].name)
		d.f64(s.weight[r])
		units, opts := s.blocks(int(r))
		n := 0
		for _, b := range opts {
			if b != 0 {
				n++
			}
		}
		d.u32(n)
		for j, u := range units {
			for i, b := range opts[j*s.nInd : (j+1)*s.nInd] {
				if b != 0 {
					d.buf = append(d.buf, byte(u>>8), byte(u), byte(i), b-1)
				}
			}
		}
		d.flushIfFull()
	}
	if h := cfg.Hotline; h != nil {
		d.hotline(h)
	}
	d.parents(cfg.Units)
	d.h.Write(d.buf)
	return hex.EncodeToString(d.h.Sum(nil))
}

// hotline appends step 8's configuration and every unit's appeal counts.
// A definition without components writes none of it, so its digest is what
// it was before step 8 existed.
func (d *digester) hotline(h *Hotline) {
	d.str("hotline")
	d.f64(h.Survey)
	d.f64(h.Hotline)
	for _, w := range h.Weights {
		d.f64(w)
	}
	d.i64(h.MinCases)
	d.i64(h.MinRateN)
	d.u32(len(h.Units))
	for _, c := range h.Units {
		d.i64(c.Cases)
		for _, rc := range c.Rates {
			d.i64(rc.Num)
			d.i64(rc.Den)
		}
		d.flushIfFull()
	}
}

// parents appends every unit's parent code when some unit has one: the
// parents fix the levels, and the levels who is ranked against whom. A
// campaign of departments only writes none of it, so its digest is what it
// was before levels existed.
func (d *digester) parents(units []Unit) {
	if !slices.ContainsFunc(units, func(u Unit) bool { return u.Parent != "" }) {
		return
	}
	d.str("parents")
	d.u32(len(units))
	for _, u := range units {
		d.str(u.Parent)
	}
}

// digester batches the small writes, which hash.Hash handles slowly.
type digester struct {
	h   hash.Hash
	buf []byte
}

func (d *digester) i64(n int) { d.buf = binary.BigEndian.AppendUint64(d.buf, uint64(int64(n))) }
func (d *digester) u32(n int) { d.buf = binary.BigEndian.AppendUint32(d.buf, uint32(n)) }
func (d *digester) f64(x float64) {
	d.buf = binary.BigEndian.AppendUint64(d.buf, math.Float64bits(x))
}
func (d *digester) str(s string) {
	d.u32(len(s))
	d.buf = append(d.buf, s...)
}
func (d *digester) bool(b bool) {
	if b {
		d.buf = append(d.buf, 1)
	} else {
		d.buf = append(d.buf, 0)
	}
}

func (d *digester) flushIfFull() {
	if len(d.buf) >= 1<<16 {
		d.h.Write(d.buf)
		d.buf = d.buf[:0]
	}
}
