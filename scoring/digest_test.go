package scoring

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"slices"
	"testing"
)

// TestInputDigestFollowsItsDocumentation recomputes the digest by hand from
// the encoding documented on inputDigest, as an outsider would.
func TestInputDigestFollowsItsDocumentation(t *testing.T) {
	cfg := tinyConfig()
	rs := []Response{
		{Ref: "r-b", Group: 1, Stratum: "东区", Weight: 2.5, Ratings: []Rating{rate(unitA2, indI2, optB), rate(unitA1, indAux, optX)}},
		{Ref: "r-a", Group: 0, Weight: 1, Ratings: []Rating{rate(unitA1, indI1, optA)}},
	}
	var b bytes.Buffer
	u32 := func(n int) { b.Write(binary.BigEndian.AppendUint32(nil, uint32(n))) }
	u64 := func(n uint64) { b.Write(binary.BigEndian.AppendUint64(nil, n)) }
	str := func(s string) { u32(len(s)); b.WriteString(s) }
	f64 := func(x float64) { u64(math.Float64bits(x)) }
	boolean := func(v bool) {
		if v {
			b.WriteByte(1)
		} else {
			b.WriteByte(0)
		}
	}
	b.WriteString("pingyi-scoring-input-v1\n")
	u32(3)
	for _, u := range cfg.Units {
		str(u.Code)
		str(u.Category)
	}
	u32(3)
	for _, i := range cfg.Indicators {
		str(i.Code)
		f64(i.Weight)
		boolean(i.Auxiliary)
	}
	u32(4)
	for _, o := range cfg.Options {
		str(o.Code)
		f64(o.Score)
		boolean(o.Satisfied)
		boolean(o.Excluded)
	}
	u32(2)
	for _, g := range cfg.Groups {
		str(g.Code)
		f64(g.Weight)
		u64(uint64(g.MinSample))
	}
	u64(uint64(cfg.Bootstrap))
	u64(cfg.Seed)
	u64(uint64(cfg.TieDecimals))
	u64(2)
	// r-a before r-b; within r-b, unit A1 before A2.
	str("r-a")
	u32(0)
	str("")
	f64(1)
	u32(1)
	b.Write([]byte{0, unitA1, indI1, optA})
	str("r-b")
	u32(1)
	str("东区")
	f64(2.5)
	u32(2)
	b.Write([]byte{0, unitA1, indAux, optX, 0, unitA2, indI2, optB})
	sum := sha256.Sum256(b.Bytes())

	if got := mustRun(t, cfg, rs).InputDigest; got != hex.EncodeToString(sum[:]) {
		t.Errorf("digest %s, by hand %x", got, sum)
	}
}

// TestInputDigestSeesEveryInput: changing any input changes the digest.
func TestInputDigestSeesEveryInput(t *testing.T) {
	base := func() (Config, []Response) {
		return tinyConfig(), []Response{
			{Ref: "r1", Group: 0, Stratum: "s", Weight: 1, Ratings: []Rating{rate(unitA1, indI1, optA), rate(unitA2, indI2, optX)}},
			{Ref: "r2", Group: 1, Weight: 2, Ratings: []Rating{rate(unitB1, indI1, optD)}},
		}
	}
	cfg, rs := base()
	want := mustRun(t, cfg, rs).InputDigest
	mutations := map[string]func(*Config, []Response){
		"ref":            func(_ *Config, rs []Response) { rs[0].Ref = "r0" },
		"group":          func(_ *Config, rs []Response) { rs[1].Group = 0 },
		"stratum":        func(_ *Config, rs []Response) { rs[0].Stratum = "" },
		"weight":         func(_ *Config, rs []Response) { rs[1].Weight = 2.0000000001 },
		"option":         func(_ *Config, rs []Response) { rs[0].Ratings[1].Option = optD },
		"unit":           func(_ *Config, rs []Response) { rs[1].Ratings[0].Unit = unitA1 },
		"indicator":      func(_ *Config, rs []Response) { rs[1].Ratings[0].Indicator = indI2 },
		"extra rating":   func(_ *Config, rs []Response) { rs[1].Ratings = append(rs[1].Ratings, rate(unitB1, indAux, optX)) },
		"unit code":      func(c *Config, _ []Response) { c.Units[0].Code = "A0" },
		"category":       func(c *Config, _ []Response) { c.Units[2].Category = "c1" },
		"indicator wt":   func(c *Config, _ []Response) { c.Indicators[0].Weight = 2 },
		"auxiliary":      func(c *Config, _ []Response) { c.Indicators[1].Auxiliary = true },
		"option score":   func(c *Config, _ []Response) { c.Options[1].Score = 75 },
		"satisfied":      func(c *Config, _ []Response) { c.Options[2].Satisfied = true },
		"group weight":   func(c *Config, _ []Response) { c.Groups[1].Weight = 0.4 },
		"min_sample":     func(c *Config, _ []Response) { c.Groups[0].MinSample = 3 },
		"bootstrap":      func(c *Config, _ []Response) { c.Bootstrap = 21 },
		"seed":           func(c *Config, _ []Response) { c.Seed = 8 },
		"tie_decimals":   func(c *Config, _ []Response) { c.TieDecimals = 1 },
		"one more group": func(c *Config, _ []Response) { c.Groups = append(c.Groups, Group{Code: "g3", Weight: 1}) },
	}
	seen := map[string]string{want: "base"}
	for name, mutate := range mutations {
		cfg, rs := base()
		mutate(&cfg, rs)
		got := mustRun(t, cfg, rs).InputDigest
		if other, dup := seen[got]; dup {
			t.Errorf("changing the %s gives the digest of %s", name, other)
		}
		seen[got] = name
	}
	// The order of responses and ratings is not an input.
	cfg, rs = base()
	slices.Reverse(rs)
	slices.Reverse(rs[1].Ratings)
	if got := mustRun(t, cfg, rs).InputDigest; got != want {
		t.Error("reordering the input changes the digest")
	}
}
