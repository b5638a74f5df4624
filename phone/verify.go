package phone

import (
	"context"
	"slices"
	"strings"

	"pingyi/fault"
	"pingyi/sampling"
	"pingyi/storage"
)

// Verification is the verdict on a stored draw.
type Verification struct {
	Draw   Draw
	Strata []Stratum
	sampling.Verification
	// Problem is why the list could not be re-derived at all (the frame
	// is out of order, or a stratum is smaller than its allocation).
	Problem error
	// StoredDigest is the SampleDigest of the cases the call queue holds;
	// StoredMatches says whether it is the published one.
	StoredDigest  string
	StoredMatches bool
	// Differ lists the strata whose re-derived list is not the stored one.
	Differ []StratumDiff
	// Cases counts the stored cases; Repointed lists those that no longer
	// point at the frame entry they were drawn for (another contact, or
	// another unit to rate), which the operator would call instead.
	Cases     int
	Repointed []int64
}

// StratumDiff is how one stratum's stored list departs from the re-derived
// one.
type StratumDiff struct {
	Stratum           string
	Stored, Derived   int // cases in each list
	Missing, Unwanted int // derived cases not stored, stored cases not derived
	Reordered         bool
}

// Identical is the verdict: the seed matches its commitment, the frame its
// digest, the re-derived list the published one, and the stored list too.
func (v Verification) Identical() bool {
	return v.Problem == nil && v.Verification.Identical() && v.StoredMatches && len(v.Repointed) == 0
}

// Verify re-derives an executed draw from its revealed seed, its witness,
// the frozen frame and the recorded allocation, and compares it with the
// published digests and the stored list. It needs only the database: no
// key, since keys are already hashes.
func Verify(ctx context.Context, db *storage.DB, drawID int64) (Verification, error) {
	var v Verification
	q := db.WithContext(ctx)
	if err := q.Take(&v.Draw, drawID).Error; storage.IsNotFound(err) {
		return v, fault.NotFoundf("no draw %d", drawID)
	} else if err != nil {
		return v, err
	}
	d := v.Draw
	if d.Status != Executed || d.Seed == nil || d.Witness == nil || d.SampleDigest == nil {
		return v, fault.Conflictf("draw %d is %s: its seed is revealed only once it is executed", drawID, d.Status)
	}
	seed, err := sampling.ParseSeed(*d.Seed)
	if err != nil {
		return v, fault.Invalidf("the revealed seed of draw %d is malformed", drawID)
	}
	var err2 error
	if v.Strata, err2 = strataOf(q, d.ID); err2 != nil {
		return v, err2
	}
	rec := sampling.DrawRecord{Version: d.Version, Commitment: d.Commitment, Witness: *d.Witness,
		Allocation: sampling.Allocation{}, FrameDigest: d.FrameDigest, FrameEntries: d.FrameEntries, SampleDigest: *d.SampleDigest}
	for _, st := range v.Strata {
		rec.Allocation[st.Stratum] = st.Drawn
	}
	v.Verification, v.Problem = sampling.VerifyDraw(rec, seed, drawFrame(q, d.FrameID, d.Design))
	stored, err := storedSample(ctx, db, d.ID)
	if err != nil {
		return v, err
	}
	v.StoredDigest = sampling.SampleDigest(stored)
	v.StoredMatches = v.StoredDigest == *d.SampleDigest
	if v.Problem == nil {
		v.Differ = compareSamples(stored, v.Recomputed.Strata)
	}
	v.Cases, v.Repointed, err = repointedCases(ctx, db, d)
	return v, err
}

// repointedCases checks that every case still points at the entry it was
// drawn for: the entry of its stratum and drawn key, in the draw's frame,
// with the case's contact hash, and that it rates that entry's unit. The
// draw's digests cover the keys drawn, not the entry a case dials: without
// this, a case pointed at another contact would still verify.
func repointedCases(ctx context.Context, db *storage.DB, d Draw) (int, []int64, error) {
	rows, err := db.WithContext(ctx).Raw(`SELECT c.id, c.stratum, c.unit, c.draw_key, c.match_hash, e.id, e.stratum, e.phone_key, e.match_hash
		FROM phone_cases c LEFT JOIN phone_frame_entries e ON e.id = c.entry_id AND e.frame_id = ?
		WHERE c.draw_id = ? ORDER BY c.id`, d.FrameID, d.ID).Rows()
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	n := 0
	var out []int64
	for rows.Next() {
		var id int64
		var stratum, unit, key, match string
		var entryID *int64
		var eStratum, eKey, eMatch *string
		if err := rows.Scan(&id, &stratum, &unit, &key, &match, &entryID, &eStratum, &eKey, &eMatch); err != nil {
			return 0, nil, err
		}
		n++
		want := entryOf(stratum, key)
		if entryID == nil || *eStratum != want.stratum || *eKey != want.phoneKey || *eMatch != match || unit != *eStratum {
			out = append(out, id)
		}
	}
	return n, out, rows.Err()
}

// storedSample reads the cases of a draw back as sampling's lists: by
// stratum, in position (priority) order.
func storedSample(ctx context.Context, db *storage.DB, drawID int64) ([]sampling.StratumSample, error) {
	rows, err := db.WithContext(ctx).Model(&phoneCase{}).Select("stratum, draw_key").
		Where("draw_id = ?", drawID).Order("stratum, position").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sampling.StratumSample
	for rows.Next() {
		var stratum, key string
		if err := rows.Scan(&stratum, &key); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].Stratum != stratum {
			out = append(out, sampling.StratumSample{Stratum: stratum})
		}
		last := &out[len(out)-1]
		last.Cases = append(last.Cases, sampling.Case{Key: key})
	}
	return out, rows.Err()
}

func compareSamples(stored, derived []sampling.StratumSample) []StratumDiff {
	index := func(list []sampling.StratumSample) map[string][]sampling.Case {
		m := map[string][]sampling.Case{}
		for _, s := range list {
			m[s.Stratum] = append(m[s.Stratum], s.Cases...)
		}
		return m
	}
	a, b := index(stored), index(derived)
	names := map[string]bool{}
	for k := range a {
		names[k] = true
	}
	for k := range b {
		names[k] = true
	}
	var out []StratumDiff
	for name := range names {
		sa, sb := a[name], b[name]
		keysA, keysB := map[string]bool{}, map[string]bool{}
		for _, c := range sa {
			keysA[c.Key] = true
		}
		for _, c := range sb {
			keysB[c.Key] = true
		}
		diff := StratumDiff{Stratum: name, Stored: len(sa), Derived: len(sb)}
		for k := range keysB {
			if !keysA[k] {
				diff.Missing++
			}
		}
		for k := range keysA {
			if !keysB[k] {
				diff.Unwanted++
			}
		}
		if diff.Missing == 0 && diff.Unwanted == 0 && len(sa) == len(sb) {
			for i := range sa {
				if sa[i].Key != sb[i].Key {
					diff.Reordered = true
					break
				}
			}
			if !diff.Reordered {
				continue
			}
		}
		out = append(out, diff)
	}
	slices.SortFunc(out, func(x, y StratumDiff) int { return strings.Compare(x.Stratum, y.Stratum) })
	return out
}
