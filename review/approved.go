package review

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"pingyi/fault"
	"pingyi/results"
	"pingyi/scoring"
)

// approvalRecord is what the audit log recorded when a run was approved.
type approvalRecord struct {
	Seq          int64
	Run          int64  `json:"run"`
	ResultDigest string `json:"result_digest"`
}

// approvalsRecorded reads, from the audit log, the result digest every
// approval recorded, by campaign object and run. This, not the run's own
// stored digest, is what the committee approved: a run's results edited
// afterwards with their digest recomputed still match themselves.
func (s *Store) approvalsRecorded(ctx context.Context) (map[string][]approvalRecord, error) {
	entries, err := s.audit.Entries(ctx, "run.approve")
	if err != nil {
		return nil, err
	}
	out := map[string][]approvalRecord{}
	for _, e := range entries {
		var r approvalRecord
		if err := json.Unmarshal([]byte(e.Detail), &r); err != nil {
			return nil, fmt.Errorf("audit entry %d: %w", e.Seq, err)
		}
		r.Seq = e.Seq
		key := e.Object + "/" + strconv.FormatInt(r.Run, 10)
		out[key] = append(out[key], r)
	}
	return out, nil
}

func approvalKey(code string, run int64) string {
	return "campaign:" + code + "/" + strconv.FormatInt(run, 10)
}

// approvedAsStored returns nil when a run's stored results are those its
// approvals recorded: they hash to the run's digest, at least one approval
// is recorded, and every approval recorded that digest; otherwise a
// conflict saying what does not hold.
func approvedAsStored(run *results.Run, recorded []approvalRecord) error {
	got := Digest(run.Units)
	if got != run.ResultDigest {
		return fault.Conflictf("score run %d's stored results hash to %s, not to their digest %s", run.ID, got, run.ResultDigest)
	}
	if len(recorded) == 0 {
		return fault.Conflictf("the audit log records no approval of score run %d", run.ID)
	}
	for _, r := range recorded {
		if r.ResultDigest != got {
			return fault.Conflictf("score run %d's results hash to %s, but its approval (audit entry %d) recorded %s: they were changed after approval",
				run.ID, got, r.Seq, r.ResultDigest)
		}
	}
	return nil
}

// verifyInputs recomputes a version's input digest from the responses
// stored now that counted when it was published: a response changed or
// deleted since gives another digest. The configuration is the run's, with
// the appeal counts it stored, which the digest covers. It returns the
// reason of a break, or "".
func (s *Store) verifyInputs(ctx context.Context, code string, p *Publication, c *Content, run *results.Run) (string, error) {
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return "", err
	}
	cfg, err := run.ScoringConfig(st)
	if err != nil {
		return fmt.Sprintf("its score run's configuration can no longer be read: %v", err), nil
	}
	digest, err := scoring.InputDigest(cfg, s.responses.CountedResponsesAt(ctx, st, p.PublishedAt))
	if err != nil {
		return fmt.Sprintf("its responses can no longer be read: %v", err), nil
	}
	if digest != c.Run.InputDigest {
		return fmt.Sprintf("the responses that counted when it was published give the input digest %s, not its %s: responses were changed or deleted after publication", digest, c.Run.InputDigest), nil
	}
	return "", nil
}

// RecordedHead is the longest audit log a published version recorded.
type RecordedHead struct {
	Campaign string
	Version  int
	Length   int64
}

// LongestRecordedHead returns the longest audit log head any published
// version recorded (Length 0 when none did): a log found shorter was cut
// back, whatever its own chain says.
func (s *Store) LongestRecordedHead(ctx context.Context) (RecordedHead, error) {
	var pubs []Publication
	if err := s.db.WithContext(ctx).Order("id").Find(&pubs).Error; err != nil {
		return RecordedHead{}, err
	}
	var out RecordedHead
	for i := range pubs {
		var c struct {
			Campaign CampaignInfo `json:"campaign"`
			AuditLog *AuditHead   `json:"audit_log"`
		}
		if json.Unmarshal(pubs[i].Content, &c) != nil || c.AuditLog == nil {
			continue // review.Verify names a document that does not decode
		}
		if c.AuditLog.Length > out.Length {
			out = RecordedHead{Campaign: c.Campaign.Code, Version: pubs[i].Version, Length: c.AuditLog.Length}
		}
	}
	return out, nil
}
