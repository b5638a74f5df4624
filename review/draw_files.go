package review

import (
	"context"

	"pingyi/publicdata"
)

// DrawFiles are an executed phone draw's public files as a version freezes
// them: the record (draw.json) and the sample manifest (sample.csv, with
// SampleRows data rows).
type DrawFiles struct {
	Record     []byte
	Sample     []byte
	SampleRows int
}

// DrawSource gives a publication the campaign's executed phone draw, or
// nil when it has none (no draw, or one not executed yet). It is an
// interface so that review does not depend on the phone survey: the
// application wires the two.
type DrawSource interface {
	DrawFiles(ctx context.Context, code string) (*DrawFiles, error)
}

// UseDraws makes every version published from now on carry the campaign's
// executed draw as draw.json and sample.csv, listed with their SHA-256 in
// publication.json. Versions published before keep their bytes: they list
// no draw file.
func (s *Store) UseDraws(d DrawSource) { s.draws = d }

// drawFiles reads the campaign's executed draw before the publishing
// transaction: once executed, a draw never changes.
func (s *Store) drawFiles(ctx context.Context, code string) (*DrawFiles, error) {
	if s.draws == nil {
		return nil, nil
	}
	return s.draws.DrawFiles(ctx, code)
}

// addDrawFiles lists the draw's files in data and returns them to store.
func addDrawFiles(data *PublicData, d *DrawFiles) ([]*dataFileWriter, error) {
	if d == nil {
		return nil, nil
	}
	var files []*dataFileWriter
	for _, f := range []struct {
		name string
		b    []byte
		rows int
	}{{publicdata.DrawFile, d.Record, 0}, {publicdata.SampleFile, d.Sample, d.SampleRows}} {
		w := newDataFileWriter(f.name)
		if _, err := w.Write(f.b); err != nil {
			return nil, err
		}
		if err := w.finish(f.rows); err != nil {
			return nil, err
		}
		data.Files = append(data.Files, DataFile{Name: w.name, SHA256: w.sha256, Rows: f.rows})
		files = append(files, w)
	}
	return files, nil
}
