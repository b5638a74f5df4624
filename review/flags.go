package review

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strings"
	"time"

	"pingyi/responses"
	"pingyi/scoring"
)

// The quality flags put evidence before the committee; they exclude
// nothing themselves. All of them look only at the responses that count
// now, so a flag disappears once its responses are excluded. With t =
// BurstMinutes, k = BurstSize, d = BurstGap, and y_ru a respondent's unit
// score (SPEC step 1, unweighted here: a flag is about forms, not about
// the population):
//
//   - Suspected ballot stuffing, by device or by address: k or more forms
//     with the same keyed device hash (or IP hash), each within t minutes
//     of the k−1 before it — the forms of every such window, windows that
//     overlap merged — of which at least k count for a unit u, and whose
//     mean y_ru for u exceeds the mean y_ru of all other counted forms that
//     count for u by d points or more, and by BurstT standard errors or
//     more (Welch's t = gap / √(s²_b/n_b + s²_o/n_o), sample variances), so
//     that chance — an honest office sharing one address — is not
//     flagged; at least one other form must exist to compare with. The
//     same forms flagged for the same unit by device and by address are
//     one flag with both sources.
//   - Suspected ballot stuffing, by time: WindowSize or more web forms that
//     count for u within t minutes of each other (merged the same way),
//     from any device or address, leaving out forms already flagged for u
//     by device or address, whose mean y_ru exceeds the others' by d
//     points and BurstT standard errors.
//     Paper and phone forms are left out: a paper import stamps its forms
//     with one time, and interviews are scheduled.
//   - Identical answers: IdenticalCopies or more forms whose stored answers
//     are byte for byte the same, with at least IdenticalCells valid
//     ratings (不了解 does not count), so that short forms about one unit,
//     which honestly coincide, are not flagged.
//   - Straight-lining: a form whose valid ratings all carry one option,
//     over StraightUnits units or more.
//   - Unusually fast: a form submitted less than FastSeconds after it was
//     started (known for web forms).
//   - A wide interval: a unit whose 95% interval is wider than
//     WideInterval points; insufficient sample: as the score run says.
//
// Each flag carries a batch label derived from its forms' refs, so
// excluding a flag's forms as one batch ties them in the record.

// Flag kinds as units and the API name them.
const (
	FlagInsufficientSample = scoring.FlagInsufficientSample
	FlagWideInterval       = "wide_interval"
	FlagBallotStuffing     = "ballot_stuffing"
)

// Detection is what the checks found among the counted responses.
type Detection struct {
	Checked   int            `json:"checked"`
	Bursts    []BurstFlag    `json:"ballot_stuffing"`
	Identical []PatternFlag  `json:"identical_answers"`
	Straight  []ResponseFlag `json:"straight_lining"`
	Fast      []ResponseFlag `json:"fast_completion"`
}

// BurstFlag is suspected ballot stuffing for one unit.
type BurstFlag struct {
	Unit       int           `json:"-"` // position
	UnitCode   string        `json:"unit"`
	Sources    []BurstSource `json:"sources"`
	From       time.Time     `json:"from"`
	To         time.Time     `json:"to"`
	Forms      int           `json:"forms"`       // forms in the burst
	Refs       []string      `json:"refs"`        // the burst's forms that count for the unit
	Mean       float64       `json:"mean"`        // their mean y_ru
	Others     int           `json:"others"`      // other counted forms that count for the unit
	OthersMean float64       `json:"others_mean"` // their mean y_ru
	Gap        float64       `json:"gap"`         // Mean − OthersMean
	// T is Welch's statistic for the gap: Gap / √(s²_b/n_b + s²_o/n_o)
	// (capped at 1e9 when neither side varies, so it stays a JSON number).
	T     float64 `json:"t"`
	Batch string  `json:"batch"`
}

// BurstSource is how a burst was found: by "device" or "ip" (with the
// first characters of the keyed hash) or by "time".
type BurstSource struct {
	Kind string `json:"kind"`
	Key  string `json:"key,omitempty"`
}

// PatternFlag is a set of forms with identical answers.
type PatternFlag struct {
	Refs  []string `json:"refs"`
	Cells int      `json:"cells"` // valid ratings in the pattern
	Units int      `json:"units"` // units rated validly
	Batch string   `json:"batch"`
}

// ResponseFlag is one form flagged on its own.
type ResponseFlag struct {
	Ref     string            `json:"ref"`
	Channel responses.Channel `json:"channel"`
	Seconds int               `json:"seconds,omitempty"` // fast: seconds from start to submission
	Option  string            `json:"option,omitempty"`  // straight-lining: the option code used throughout
	Units   int               `json:"units,omitempty"`   // straight-lining: units rated
}

// Detect runs the checks over the counted responses' facts.
func Detect(cfg scoring.Config, facts []responses.Facts, th Thresholds) (*Detection, error) {
	us, err := scoring.NewUnitScorer(cfg)
	if err != nil {
		return nil, err
	}
	d := &detector{cfg: cfg, facts: facts, th: th, scores: make([][]unitScore, len(facts)),
		sum: make([]float64, len(cfg.Units)), sumsq: make([]float64, len(cfg.Units)), n: make([]int, len(cfg.Units))}
	out := &Detection{Checked: len(facts)}
	var decoded []responses.Rating
	var ratings []scoring.Rating
	for i, f := range facts {
		if decoded, err = responses.DecodeAnswers(f.Answers, decoded); err != nil {
			return nil, err
		}
		ratings = ratings[:0]
		for _, r := range decoded {
			ratings = append(ratings, scoring.Rating{Unit: r.Unit, Indicator: r.Indicator, Option: r.Option})
		}
		us.Scores(ratings, func(u int, y float64) {
			d.scores[i] = append(d.scores[i], unitScore{int32(u), y})
			d.sum[u] += y
			d.sumsq[u] += y * y
			d.n[u]++
		})
		if rf, ok := d.straight(f, decoded); ok {
			out.Straight = append(out.Straight, rf)
		}
		if f.StartedAt != nil {
			if s := f.SubmittedAt.Sub(*f.StartedAt); s < time.Duration(th.FastSeconds)*time.Second {
				out.Fast = append(out.Fast, ResponseFlag{Ref: f.Ref, Channel: f.Channel, Seconds: int(s.Seconds())})
			}
		}
	}
	out.Bursts = d.bursts()
	out.Identical, err = d.identical()
	return out, err
}

type unitScore struct {
	unit int32
	y    float64
}

type detector struct {
	cfg          scoring.Config
	facts        []responses.Facts
	th           Thresholds
	scores       [][]unitScore // per fact
	sum, sumsq   []float64     // per unit, over all counted forms
	n            []int
	refIndex     map[string]int
	flaggedByKey map[[2]int]bool // (unit, fact) already in a device or address burst
	byKey        map[string]int  // burst identity → index in found
	found        []BurstFlag
	window       time.Duration
}

// straight reports a form whose valid ratings carry one option throughout.
func (d *detector) straight(f responses.Facts, ratings []responses.Rating) (ResponseFlag, bool) {
	option, units, last := -1, 0, -1
	for _, r := range ratings {
		if !d.valid(r) {
			continue
		}
		if option >= 0 && r.Option != option {
			return ResponseFlag{}, false
		}
		option = r.Option
		if r.Unit != last {
			units, last = units+1, r.Unit
		}
	}
	if option < 0 || units < d.th.StraightUnits {
		return ResponseFlag{}, false
	}
	return ResponseFlag{Ref: f.Ref, Channel: f.Channel, Option: d.cfg.Options[option].Code, Units: units}, true
}

// valid reports whether a stored rating counts: its option is on the scale
// and is not 不了解.
func (d *detector) valid(r responses.Rating) bool {
	return r.Option < len(d.cfg.Options) && !d.cfg.Options[r.Option].Excluded
}

// bursts finds suspected ballot stuffing by device, by address and by time.
func (d *detector) bursts() []BurstFlag {
	d.window = time.Duration(d.th.BurstMinutes) * time.Minute
	d.flaggedByKey, d.byKey = map[[2]int]bool{}, map[string]int{}
	for _, src := range []struct {
		kind string
		key  func(responses.Facts) string
	}{{"device", func(f responses.Facts) string { return f.DeviceHash }}, {"ip", func(f responses.Facts) string { return f.IPHash }}} {
		groups := map[string][]int{}
		for i, f := range d.facts {
			if k := src.key(f); k != "" {
				groups[k] = append(groups[k], i)
			}
		}
		keys := make([]string, 0, len(groups))
		for k, members := range groups {
			if len(members) >= d.th.BurstSize {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			members := d.byTime(groups[k])
			for _, c := range d.clusters(members, d.th.BurstSize) {
				d.checkCluster(c, BurstSource{Kind: src.kind, Key: short(k)}, -1)
			}
		}
	}
	for _, b := range d.found {
		for _, ref := range b.Refs {
			d.flaggedByKey[[2]int{b.Unit, d.factOf(ref)}] = true
		}
	}
	byUnit := make([][]int, len(d.cfg.Units))
	for i, f := range d.facts {
		if f.Channel != responses.Web {
			continue
		}
		for _, s := range d.scores[i] {
			if !d.flaggedByKey[[2]int{int(s.unit), i}] {
				byUnit[s.unit] = append(byUnit[s.unit], i)
			}
		}
	}
	for u, members := range byUnit {
		if len(members) < d.th.WindowSize {
			continue
		}
		for _, c := range d.clusters(d.byTime(members), d.th.WindowSize) {
			d.checkCluster(c, BurstSource{Kind: "time"}, u)
		}
	}
	slices.SortFunc(d.found, func(a, b BurstFlag) int {
		return cmp.Or(cmp.Compare(a.Unit, b.Unit), a.From.Compare(b.From))
	})
	return d.found
}

func (d *detector) factOf(ref string) int {
	if d.refIndex == nil {
		d.refIndex = make(map[string]int, len(d.facts))
		for i, f := range d.facts {
			d.refIndex[f.Ref] = i
		}
	}
	return d.refIndex[ref]
}

func (d *detector) byTime(members []int) []int {
	out := slices.Clone(members)
	slices.SortFunc(out, func(a, b int) int {
		return cmp.Or(d.facts[a].SubmittedAt.Compare(d.facts[b].SubmittedAt), cmp.Compare(d.facts[a].ID, d.facts[b].ID))
	})
	return out
}

// clusters returns the forms (in time order) of every window of at least k
// forms spanning at most the burst window, overlapping windows merged.
func (d *detector) clusters(members []int, k int) [][]int {
	marked := make([]bool, len(members))
	next := 0 // first position not yet marked
	for i, j := 0, 0; j < len(members); j++ {
		for d.facts[members[j]].SubmittedAt.Sub(d.facts[members[i]].SubmittedAt) > d.window {
			i++
		}
		if j-i+1 >= k {
			for x := max(i, next); x <= j; x++ {
				marked[x] = true
			}
			next = j + 1
		}
	}
	var out [][]int
	for x := 0; x < len(members); x++ {
		if !marked[x] {
			continue
		}
		start := x
		for x < len(members) && marked[x] {
			x++
		}
		out = append(out, members[start:x])
	}
	return out
}

// checkCluster flags each unit (or only unit, when ≥ 0) that the cluster
// rates far above everyone else.
func (d *detector) checkCluster(cluster []int, src BurstSource, only int) {
	type acc struct {
		refs       []string
		sum, sumsq float64
	}
	per := map[int]*acc{}
	for _, i := range cluster {
		for _, s := range d.scores[i] {
			u := int(s.unit)
			if only >= 0 && u != only {
				continue
			}
			a := per[u]
			if a == nil {
				a = &acc{}
				per[u] = a
			}
			a.refs = append(a.refs, d.facts[i].Ref)
			a.sum += s.y
			a.sumsq += s.y * s.y
		}
	}
	units := make([]int, 0, len(per))
	for u := range per {
		units = append(units, u)
	}
	slices.Sort(units)
	need := d.th.BurstSize
	if src.Kind == "time" {
		need = d.th.WindowSize
	}
	for _, u := range units {
		a := per[u]
		nb, no := len(a.refs), d.n[u]-len(a.refs)
		if nb < need || no < 1 {
			continue
		}
		mean := a.sum / float64(nb)
		others := (d.sum[u] - a.sum) / float64(no)
		gap := mean - others
		varB := variance(a.sum, a.sumsq, nb)
		varO := variance(d.sum[u]-a.sum, d.sumsq[u]-a.sumsq, no)
		t := math.Min(gap/math.Sqrt(varB/float64(nb)+varO/float64(no)), maxT)
		if gap < d.th.BurstGap || !(t >= d.th.BurstT) {
			continue
		}
		refs := slices.Clone(a.refs)
		slices.Sort(refs)
		id := d.cfg.Units[u].Code + "\x00" + strings.Join(refs, "\x00")
		if at, ok := d.byKey[id]; ok {
			d.found[at].Sources = append(d.found[at].Sources, src)
			continue
		}
		d.byKey[id] = len(d.found)
		d.found = append(d.found, BurstFlag{Unit: u, UnitCode: d.cfg.Units[u].Code, Sources: []BurstSource{src},
			From: d.facts[cluster[0]].SubmittedAt, To: d.facts[cluster[len(cluster)-1]].SubmittedAt, Forms: len(cluster),
			Refs: refs, Mean: mean, Others: no, OthersMean: others, Gap: gap,
			T: t, Batch: batchLabel("burst", refs)})
	}
}

// maxT stands for an infinite t, which JSON cannot carry.
const maxT = 1e9

// variance is the sample variance from a sum and a sum of squares; 0 for
// fewer than two values.
func variance(sum, sumsq float64, n int) float64 {
	if n < 2 {
		return 0
	}
	v := (sumsq - sum*sum/float64(n)) / float64(n-1)
	return max(v, 0)
}

// identical finds sets of forms with byte-identical answers.
func (d *detector) identical() ([]PatternFlag, error) {
	sets := map[string][]int{}
	for i, f := range d.facts {
		sets[string(f.Answers)] = append(sets[string(f.Answers)], i)
	}
	var out []PatternFlag
	var decoded []responses.Rating
	for answers, members := range sets {
		if len(members) < d.th.IdenticalCopies {
			continue
		}
		var err error
		if decoded, err = responses.DecodeAnswers([]byte(answers), decoded); err != nil {
			return nil, err
		}
		cells, units, last := 0, 0, -1
		for _, r := range decoded {
			if d.valid(r) {
				cells++
				if r.Unit != last {
					units, last = units+1, r.Unit
				}
			}
		}
		if cells < d.th.IdenticalCells {
			continue
		}
		refs := make([]string, len(members))
		for i, m := range members {
			refs[i] = d.facts[m].Ref
		}
		slices.Sort(refs)
		out = append(out, PatternFlag{Refs: refs, Cells: cells, Units: units, Batch: batchLabel("identical", refs)})
	}
	slices.SortFunc(out, func(a, b PatternFlag) int { return cmp.Compare(a.Refs[0], b.Refs[0]) })
	return out, nil
}

// batchLabel names a flag's forms for an exclusion batch: the kind and a
// digest of the refs, stable for as long as the flag finds the same forms.
func batchLabel(kind string, refs []string) string {
	sum := sha256.Sum256([]byte(strings.Join(refs, "\n")))
	return kind + "-" + hex.EncodeToString(sum[:5])
}

// ListLabel is the batch label for excluding forms picked from a list of
// single-form flags (fast, straight-lining).
func ListLabel(kind string, flags []ResponseFlag) string {
	refs := make([]string, len(flags))
	for i, f := range flags {
		refs[i] = f.Ref
	}
	slices.Sort(refs)
	return batchLabel(kind, refs)
}

// short is the part of a keyed hash the committee sees: enough to tell
// sources apart, nothing to identify anyone by.
func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}
