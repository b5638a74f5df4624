package review

import (
	"gorm.io/gorm"

	"pingyi/publicdata"
	"pingyi/scoring"
	"pingyi/survey"
)

// ContentFormatV1 is the format of the versions published before public
// data existed. They keep their bytes and their digest; Verify recognises
// them by their "format" and checks them as before (no data files, no
// signature, the run's own input digest only).
const ContentFormatV1 = "pingyi-publication-v1"

// PublicDataFormat names the public input digest's definition (scoring's
// "Public input digest").
const PublicDataFormat = "pingyi-public-input-v1"

// PublicData is what a version says of its public data files.
type PublicData struct {
	// InputDigest is scoring.PublicInputDigest of the public files: anyone
	// can recompute it; the run's input digest covers the private refs.
	InputDigest       string     `json:"input_digest"`
	InputDigestFormat string     `json:"input_digest_format"`
	Files             []DataFile `json:"files"`
	// Withheld names the groups whose publish_data is "none": their
	// responses are in no file.
	Withheld []string `json:"withheld_groups"`
}

// DataFile is one public data file: its name, SHA-256 and data rows.
type DataFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Rows   int    `json:"rows"`
}

// AuditHead is the audit log as it stood when the version was published,
// before the publication's own entry: a log later found shorter is broken.
type AuditHead struct {
	Length int64  `json:"length"`
	Head   string `json:"head"`
}

// SignatureInfo names the key that signs publication.json; the signature
// is publication.json.sig, beside it.
type SignatureInfo struct {
	Organizer string `json:"organizer"`
	Algorithm string `json:"algorithm"`
	KeyID     string `json:"key_id"`
}

// publicFiles makes a version's data files from the responses that count
// now, as tx sees them, in one pass: responses.csv with every group whose
// data are published, numbered in the bootstrap's order, and the public
// input digest of exactly what it holds.
func (s *Store) publicFiles(tx *gorm.DB, st *survey.Structure, cfg scoring.Config) (*PublicData, []*dataFileWriter, error) {
	withheld := make([]bool, len(st.Groups))
	data := &PublicData{InputDigestFormat: PublicDataFormat, Withheld: []string{}}
	for i, g := range st.Groups {
		if withheld[i] = g.Withheld(); withheld[i] {
			data.Withheld = append(data.Withheld, g.Code)
		}
	}
	file := newDataFileWriter(publicdata.ResponsesFile)
	w, err := publicdata.NewResponsesWriter(file, cfg)
	if err != nil {
		return nil, nil, err
	}
	data.InputDigest, _, err = scoring.PublicData(cfg, s.responses.CountedResponsesTx(tx, st), withheld, w.Add)
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = file.finish(w.Rows)
	}
	if err != nil {
		return nil, nil, err
	}
	data.Files = append(data.Files, DataFile{Name: file.name, SHA256: file.sha256, Rows: w.Rows})
	files := []*dataFileWriter{file}
	if cfg.Hotline != nil {
		appeals := newDataFileWriter(publicdata.AppealsFile)
		rows, err := publicdata.WriteAppeals(appeals, cfg, cfg.Hotline.Units)
		if err == nil {
			err = appeals.finish(rows)
		}
		if err != nil {
			return nil, nil, err
		}
		data.Files = append(data.Files, DataFile{Name: appeals.name, SHA256: appeals.sha256, Rows: rows})
		files = append(files, appeals)
	}
	return data, files, nil
}

// MethodHotline is step 8's configuration as the method states it (the
// counts are in appeals.csv); absent without a hotline component.
type MethodHotline struct {
	Survey   float64            `json:"survey"`
	Hotline  float64            `json:"hotline"`
	Rates    map[string]float64 `json:"rates"`
	MinCases int                `json:"min_cases"`
	MinRateN int                `json:"min_rate_n"`
}

func methodHotline(h *scoring.Hotline) *MethodHotline {
	if h == nil {
		return nil
	}
	m := &MethodHotline{Survey: h.Survey, Hotline: h.Hotline, Rates: map[string]float64{}, MinCases: h.MinCases, MinRateN: h.MinRateN}
	for k, code := range scoring.RateCodes {
		m.Rates[code] = h.Weights[k]
	}
	return m
}

// attachPublicData adds to content, inside the publishing transaction, its
// public data (with cfg, the run's configuration: appeals.csv holds the
// run's appeal counts; with draw, the executed phone draw's files), the
// software's version, the audit log's head and the signing key; it returns
// the data files to store with the version.
func (s *Store) attachPublicData(tx *gorm.DB, st *survey.Structure, cfg scoring.Config, draw *DrawFiles, content *Content) ([]*dataFileWriter, error) {
	data, files, err := s.publicFiles(tx, st, cfg)
	if err != nil {
		return nil, err
	}
	drawn, err := addDrawFiles(data, draw)
	if err != nil {
		return nil, err
	}
	files = append(files, drawn...)
	content.Method.Hotline = methodHotline(cfg.Hotline)
	length, head, err := s.audit.HeadTx(tx)
	if err != nil {
		return nil, err
	}
	content.Data, content.Software, content.AuditLog = data, publicdata.SoftwareVersion(), &AuditHead{Length: length, Head: head}
	signer, err := s.signerOf(st.Campaign.OrganizerCode)
	if err != nil {
		return nil, err
	}
	if signer != nil {
		k, err := s.listSigner(tx, signer, content.PublishedAt)
		if err != nil {
			return nil, err
		}
		content.Signature = &SignatureInfo{Organizer: k.Organizer, Algorithm: k.Algorithm, KeyID: k.ID}
	}
	return files, nil
}

// storeFiles stores a version's data files and the signature of its
// document.
func (s *Store) storeFiles(tx *gorm.DB, organizer string, pub *Publication, files []*dataFileWriter) error {
	signer, err := s.signerOf(organizer)
	if err != nil {
		return err
	}
	if signer != nil {
		signature, err := signer.Sign(pub.Content)
		if err != nil {
			return err
		}
		sig := newDataFileWriter(publicdata.SignatureFile)
		if _, err := sig.Write(signature); err != nil {
			return err
		}
		if err := sig.finish(0); err != nil {
			return err
		}
		files = append(files, sig)
	}
	for _, f := range files {
		if err := f.store(tx, pub.ID); err != nil {
			return err
		}
	}
	return nil
}
