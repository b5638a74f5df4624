package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"

	"pingyi/phone"
	"pingyi/review"
)

// phoneDraws gives a publication the executed phone draw's public files.
// It lives here, where both packages are wired, so that neither the phone
// survey nor the review depends on the other.
type phoneDraws struct{ phone *phone.Store }

// DrawFiles returns the campaign's executed draw as draw.json (the public
// record, indented for people who read it before they check it) and
// sample.csv (the sample manifest), or nil when no draw was executed.
func (p phoneDraws) DrawFiles(ctx context.Context, code string) (*review.DrawFiles, error) {
	d, found, err := p.phone.PublicDraw(ctx, code)
	if err != nil || !found || d.Status != phone.Executed {
		return nil, err
	}
	var record, sample bytes.Buffer
	enc := json.NewEncoder(&record)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	if err := p.phone.WriteSampleManifest(ctx, code, &sample); err != nil {
		return nil, err
	}
	rows, err := csv.NewReader(bytes.NewReader(sample.Bytes())).ReadAll()
	if err != nil || len(rows) == 0 {
		return nil, fmt.Errorf("the sample manifest of campaign %q cannot be read back: %v", code, err)
	}
	return &review.DrawFiles{Record: record.Bytes(), Sample: sample.Bytes(), SampleRows: len(rows) - 1}, nil
}
