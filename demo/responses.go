package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"pingyi/phone"
	"pingyi/responses"
	"pingyi/secret"
	"pingyi/survey"
)

// groupPlan says how many respondents a group has and how they behave.
type groupPlan struct {
	code  string
	n     int
	know  float64 // chance of knowing a unit (the public's depends on the category)
	bias  float64 // how much kinder or sterner than average
	paper float64 // share of paper forms; the rest answer on the web
}

var plans = []groupPlan{
	{"public", 3000, -1, 0, 0.12},
	{"deputies", 700, 0.7, -0.04, 0.6},
	{"officials", 600, 0.8, 0.05, 0},
	{"supervisors", 200, 0.85, -0.06, 0},
}

// phoneInterviews is the service-user group: each sampled person rates the
// one unit that served them.
const phoneInterviews = 700

// days is how long collection runs, from November 1st.
const days = 20

// gen draws the demo's responses from one seeded generator.
type gen struct {
	rng     *rand.Rand
	st      *survey.Structure
	keys    *secret.Keys
	start   time.Time
	quality []float64 // each unit's underlying standing
	known   []float64 // the public's chance to know each unit
	n       int
}

// newGen draws the units' standing from the demo's seed.
func newGen(st *survey.Structure, keys *secret.Keys) *gen {
	g := &gen{rng: rand.New(rand.NewPCG(2026, 1121)), st: st, keys: keys, start: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	for ci, c := range categories {
		for range c.units {
			q := 0.6 + 0.32*g.rng.Float64()
			if g.rng.Float64() < 0.06 {
				q = 0.42 + 0.1*g.rng.Float64() // a few units people are unhappy with
			}
			g.quality = append(g.quality, q)
			g.known = append(g.known, categories[ci].visibility*(0.6+0.8*g.rng.Float64()))
		}
	}
	return g
}

// Responses returns the demo responses for the demo campaign's structure.
// Its phone interviews are not among them: they are the interviews of the
// draw's cases (Interviews), stored once the draw is executed.
func Responses(st *survey.Structure, keys *secret.Keys) []responses.NewResponse {
	g := newGen(st, keys)
	out := g.forms(plans)
	return append(out, g.burst()...)
}

// Interviews is the demo's phone interviews as a call centre would send
// them back, in the long import format naming each interview's case: about
// one released case in three answered (the plan's response rate), each
// rating the unit that served the person. The draw gives them their
// stratum and weight.
func Interviews(st *survey.Structure, keys *secret.Keys, cases []phone.WaitingCase) string {
	g := newGen(st, keys)
	g.rng = rand.New(rand.NewPCG(2026, 1204))
	var b strings.Builder
	b.WriteString("response_ref,group,unit_code,indicator_code,option,channel,case,submitted_at\n")
	n := 0
	for _, c := range cases {
		u, ok := st.UnitIndex(c.Unit)
		if !ok || g.rng.Float64() >= 0.35 {
			continue
		}
		n++
		r := responses.NewResponse{Comments: map[int]string{}}
		g.rateUnit(&r, u, g.quality[u]+0.02)
		when := g.moment().Format(time.RFC3339)
		for _, rt := range r.Ratings {
			fmt.Fprintf(&b, "T-%05d,%s,%s,%s,%s,phone,%d,%s\n", n, PhoneGroup, c.Unit, st.Indicators[rt.Indicator].Code, st.Scale[rt.Option].Code, c.ID, when)
		}
	}
	return b.String()
}

// PreviousResponses returns the responses of the previous year's demo
// campaign: the same units a year earlier, each a little off its 2026
// standing, from a smaller sample and without a planted burst.
func PreviousResponses(st *survey.Structure, keys *secret.Keys) []responses.NewResponse {
	g := newGen(st, keys)
	g.rng = rand.New(rand.NewPCG(2025, 1121))
	g.start = time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	for u := range g.quality {
		g.quality[u] += g.rng.NormFloat64()*0.04 - 0.01
	}
	smaller := make([]groupPlan, len(plans))
	for i, p := range plans {
		p.n = p.n * 2 / 5
		smaller[i] = p
	}
	return append(g.forms(smaller), g.phone(phoneInterviews*2/5)...)
}

// forms draws every group's forms, group by group.
func (g *gen) forms(plans []groupPlan) []responses.NewResponse {
	var out []responses.NewResponse
	for gi, p := range plans {
		for i := 0; i < p.n; i++ {
			out = append(out, g.form(gi, p))
		}
	}
	return out
}

// form is one respondent's whole form.
func (g *gen) form(group int, p groupPlan) responses.NewResponse {
	g.n++
	r := responses.NewResponse{Group: group, Weight: 1, Comments: map[int]string{}}
	if p.code == "public" {
		d := g.district()
		r.Stratum, r.Weight = d.name, d.weight
	}
	leniency := g.rng.NormFloat64() * 0.08
	for u := range g.st.Units {
		know := p.know
		if know < 0 {
			know = g.known[u]
		}
		switch {
		case g.rng.Float64() < know:
			g.rateUnit(&r, u, g.quality[u]+leniency+p.bias)
		case g.rng.Float64() < 0.7:
			for i := range g.st.Indicators {
				r.Ratings = append(r.Ratings, responses.Rating{Unit: u, Indicator: i, Option: 4}) // 不了解
			}
		}
	}
	r.Channel = responses.Web
	if g.rng.Float64() < p.paper {
		r.Channel = responses.Paper
		r.Ref = fmt.Sprintf("P-%05d", g.n)
	} else {
		g.webFacts(&r, fmt.Sprintf("W-%05d", g.n), 300+g.rng.IntN(1200))
	}
	if r.SubmittedAt.IsZero() {
		r.SubmittedAt = g.moment()
	}
	return r
}

// rateUnit rates every indicator of a unit around a standing s.
func (g *gen) rateUnit(r *responses.NewResponse, unit int, s float64) {
	shift := []float64{-0.03, 0.02, 0, 0}
	for i := range g.st.Indicators {
		r.Ratings = append(r.Ratings, responses.Rating{Unit: unit, Indicator: i, Option: g.option(s + shift[i])})
	}
	if g.rng.Float64() < 0.03 {
		r.Comments[unit] = comments[g.rng.IntN(len(comments))]
	}
}

// option turns a standing into 满意 (0) … 不满意 (3).
func (g *gen) option(s float64) int {
	x := s + g.rng.NormFloat64()*0.15
	switch {
	case x > 0.82:
		return 0
	case x > 0.62:
		return 1
	case x > 0.42:
		return 2
	}
	return 3
}

func (g *gen) district() struct {
	name          string
	share, weight float64
} {
	x := g.rng.Float64()
	for _, d := range districts {
		if x < d.share {
			return d
		}
		x -= d.share
	}
	return districts[0]
}

func (g *gen) moment() time.Time {
	day := g.start.Add(time.Duration(g.rng.IntN(days)) * 24 * time.Hour)
	return day.Add(time.Duration(g.rng.IntN(14*3600)) * time.Second) // 08:00–22:00 China time
}

// webFacts gives a web response its ref, times and hashed device and IP.
// Members of the public share addresses behind carrier NAT, as in life.
func (g *gen) webFacts(r *responses.NewResponse, ref string, seconds int) {
	r.Ref = ref
	r.SubmittedAt = g.moment()
	started := r.SubmittedAt.Add(-time.Duration(seconds) * time.Second)
	r.StartedAt = &started
	device := g.keys.Hash(secret.Device, fmt.Sprintf("demo-device-%d", g.n))
	ip := g.keys.Hash(secret.IP, fmt.Sprintf("203.0.%d.%d", g.rng.IntN(6), g.rng.IntN(250)))
	r.DeviceHash, r.IPHash = &device, &ip
}

// phone is the telephone sample of service users, stratified by unit: each
// interview carries its stratum's design weight (frame size / sample size).
func (g *gen) phone(interviews int) []responses.NewResponse {
	group := len(plans)
	perUnit := make([]int, len(g.st.Units))
	units := make([]int, interviews)
	for i := range units {
		units[i] = g.rng.IntN(len(g.st.Units))
		perUnit[units[i]]++
	}
	frame := make([]int, len(g.st.Units))
	for u := range frame {
		frame[u] = 200 + g.rng.IntN(4800)
	}
	out := make([]responses.NewResponse, interviews)
	for i, u := range units {
		r := responses.NewResponse{Ref: fmt.Sprintf("T-%05d", i+1), Group: group, Stratum: g.st.Units[u].Code,
			Weight: math.Round(float64(frame[u])/float64(perUnit[u])*1000) / 1000, Channel: responses.Phone,
			SubmittedAt: g.moment(), Comments: map[int]string{}}
		g.rateUnit(&r, u, g.quality[u]+0.02)
		out[i] = r
	}
	return out
}

// burst is what a committee must catch: forty forms from one phone within
// twelve minutes, each rating one unit 满意 on everything and nothing else,
// each filled in under a minute and a half.
func (g *gen) burst() []responses.NewResponse {
	target := len(g.st.Units) - 3
	device := g.keys.Hash(secret.Device, "demo-burst-device")
	ip := g.keys.Hash(secret.IP, "198.51.100.23")
	at := time.Date(2026, 11, 15, 13, 2, 0, 0, time.UTC)
	out := make([]responses.NewResponse, 40)
	for i := range out {
		submitted := at.Add(time.Duration(i*18) * time.Second)
		started := submitted.Add(-time.Duration(40+g.rng.IntN(40)) * time.Second)
		r := responses.NewResponse{Ref: fmt.Sprintf("W-B%03d", i+1), Group: 0, Stratum: "江城区", Weight: 1,
			Channel: responses.Web, SubmittedAt: submitted, StartedAt: &started, DeviceHash: &device, IPHash: &ip}
		for ind := range g.st.Indicators {
			r.Ratings = append(r.Ratings, responses.Rating{Unit: target, Indicator: ind, Option: 0})
		}
		out[i] = r
	}
	return out
}
