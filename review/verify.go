package review

import (
	"context"
	"encoding/json"
	"fmt"
)

// Break names the first published version that does not hold.
type Break struct {
	Campaign string
	Version  int
	Reason   string
}

func (b *Break) Error() string {
	return fmt.Sprintf("publication %s version %d: %s", b.Campaign, b.Version, b.Reason)
}

// Verify checks every published version of every campaign: its content
// still hashes to its digest, it names its campaign and version, it links
// to the previous version's digest, the versions run 1, 2, … without a
// gap, the audit log recorded exactly this digest when it was published,
// the score run it was made from still holds the results it had and they
// are those its approvals recorded in the audit log, the responses that
// counted when it was published still give its input digest, and (since
// pingyi-publication-v2) its data files and signature hold. It
// also checks that no version the audit log records publishing is gone. It
// returns the number of versions checked and the first break, or nil. The
// audit log's own chain is checked by audit.Log.Verify; run that first.
func (s *Store) Verify(ctx context.Context) (int, *Break, error) {
	recorded, err := s.recordedDigests(ctx)
	if err != nil {
		return 0, nil, err
	}
	approved, err := s.approvalsRecorded(ctx)
	if err != nil {
		return 0, nil, err
	}
	campaigns, err := s.survey.Campaigns(ctx)
	if err != nil {
		return 0, nil, err
	}
	codes := map[int64]string{}
	for _, c := range campaigns {
		codes[c.ID] = c.Code
	}
	var pubs []Publication
	if err := s.db.WithContext(ctx).Order("campaign_id, version").Find(&pubs).Error; err != nil {
		return 0, nil, err
	}
	var prev *Publication
	for i := range pubs {
		p := &pubs[i]
		code := codes[p.CampaignID]
		if prev != nil && prev.CampaignID != p.CampaignID {
			prev = nil
		}
		if brk, err := s.verifyOne(ctx, code, p, prev, recorded, approved); brk != nil || err != nil {
			return i, brk, err
		}
		delete(recorded, PublicationObject(code, p.Version))
		prev = p
	}
	var missing *recordedPublication
	for _, r := range recorded {
		if missing == nil || r.Seq < missing.Seq {
			missing = &r
		}
	}
	if missing != nil {
		return len(pubs), &Break{Campaign: missing.Campaign, Version: missing.Version,
			Reason: fmt.Sprintf("the audit log records its publication (entry %d) but it is missing", missing.Seq)}, nil
	}
	return len(pubs), nil, nil
}

func (s *Store) verifyOne(ctx context.Context, code string, p, prev *Publication, recorded map[string]recordedPublication, approved map[string][]approvalRecord) (*Break, error) {
	want := 1
	if prev != nil {
		want = prev.Version + 1
	}
	brk := func(format string, args ...any) *Break {
		return &Break{Campaign: code, Version: p.Version, Reason: fmt.Sprintf(format, args...)}
	}
	if p.Version != want {
		return &Break{Campaign: code, Version: want, Reason: fmt.Sprintf("missing: the next version stored is %d", p.Version)}, nil
	}
	if got := Digest(p.Content); got != p.Digest {
		return brk("content was changed after publication: it hashes to %s, its digest is %s", got, p.Digest), nil
	}
	rec, ok := recorded[PublicationObject(code, p.Version)]
	switch {
	case !ok:
		return brk("no audit entry records its publication"), nil
	case rec.Digest != p.Digest:
		return brk("its digest %s is not the %s the audit log recorded at publication (entry %d)", p.Digest, rec.Digest, rec.Seq), nil
	}
	content, err := p.Decode()
	if err != nil {
		return brk("content is not a publication document"), nil
	}
	if (content.Format != ContentFormat && content.Format != ContentFormatV1) || content.Campaign.Code != code || content.Version != p.Version || content.Run.ID != p.RunID {
		return brk("content names another campaign, version or run than its record"), nil
	}
	var prevDigest string
	if prev != nil {
		prevDigest = prev.Digest
	}
	if deref(content.PreviousDigest) != prevDigest || deref(p.PreviousDigest) != prevDigest {
		return brk("does not link to the digest of version %d", want-1), nil
	}
	run, err := s.runs.Get(ctx, code, p.RunID)
	if err != nil {
		return nil, err
	}
	if got := Digest(run.Units); got != run.ResultDigest || got != content.Run.ResultDigest {
		return brk("score run %d's results were changed after publication", run.ID), nil
	}
	if err := approvedAsStored(run, approved[approvalKey(code, run.ID)]); err != nil {
		return brk("%s", err.Error()), nil
	}
	if reason, err := s.verifyInputs(ctx, code, p, content, run); reason != "" || err != nil {
		return brk("%s", reason), err
	}
	if reason, err := s.verifyPublicData(ctx, p, content); reason != "" || err != nil {
		return brk("%s", reason), err
	}
	return nil, nil
}

type recordedPublication struct {
	Seq      int64
	Campaign string `json:"campaign"`
	Version  int    `json:"version"`
	Digest   string `json:"digest"`
}

// recordedDigests reads, from the audit log, the digest recorded for every
// version when it was published, by audit object.
func (s *Store) recordedDigests(ctx context.Context) (map[string]recordedPublication, error) {
	entries, err := s.audit.Entries(ctx, "publication.publish")
	if err != nil {
		return nil, err
	}
	out := make(map[string]recordedPublication, len(entries))
	for _, e := range entries {
		var r recordedPublication
		if err := json.Unmarshal([]byte(e.Detail), &r); err != nil {
			return nil, fmt.Errorf("audit entry %d: %w", e.Seq, err)
		}
		r.Seq = e.Seq
		out[e.Object] = r
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
