package review

import (
	"bytes"
	"context"

	"gorm.io/gorm"

	"pingyi/fault"
	"pingyi/publicdata"
	"pingyi/scoring"
	"pingyi/storage"
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

// PublicationFile is a stored file of a version.
type PublicationFile struct {
	ID            int64
	PublicationID int64
	Name          string
	Content       []byte
	SHA256        string `gorm:"column:sha256"`
	DataRows      int64
}

// TableName ties PublicationFile to the publication_files table.
func (PublicationFile) TableName() string { return "publication_files" }

// publicFiles makes a version's data files from the responses that count
// now, as tx sees them: responses.csv with every group whose data are
// published, numbered in the bootstrap's order, and the public input
// digest computed by reading that file back, exactly as `pingyi verify`
// will.
func (s *Store) publicFiles(tx *gorm.DB, st *survey.Structure) (*PublicData, []PublicationFile, error) {
	cfg := st.ScoringConfig()
	withheld := make([]int, len(st.Groups))
	data := &PublicData{InputDigestFormat: PublicDataFormat, Withheld: []string{}}
	for _, g := range st.Groups {
		if g.Withheld() {
			data.Withheld = append(data.Withheld, g.Code)
		}
	}
	var buf bytes.Buffer
	w, err := publicdata.NewResponsesWriter(&buf, cfg)
	if err != nil {
		return nil, nil, err
	}
	err = scoring.Canonical(cfg, s.responses.CountedResponsesTx(tx, st), func(id int, r scoring.Response) error {
		if st.Groups[r.Group].Withheld() {
			withheld[r.Group]++
			return nil
		}
		return w.Add(id, r)
	})
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return nil, nil, err
	}
	public, _, err := publicdata.ReadResponses(bytes.NewReader(buf.Bytes()), cfg)
	if err != nil {
		return nil, nil, err
	}
	data.InputDigest, err = scoring.PublicInputDigest(cfg, func(yield func(scoring.Response, error) bool) {
		for _, r := range public {
			if !yield(r, nil) {
				return
			}
		}
	}, withheld)
	if err != nil {
		return nil, nil, err
	}
	file := PublicationFile{Name: publicdata.ResponsesFile, Content: buf.Bytes(), SHA256: publicdata.SHA256(buf.Bytes()), DataRows: int64(w.Rows)}
	data.Files = append(data.Files, DataFile{Name: file.Name, SHA256: file.SHA256, Rows: w.Rows})
	return data, []PublicationFile{file}, nil
}

// PublicFile returns a file a published version serves beside
// publication.json (publicdata.ResponsesFile, AppealsFile or
// SignatureFile), byte-exact; not found when the version has none, e.g. a
// version published before public data existed. Routes:
// /p/CODE/v/N/responses.csv, …/appeals.csv, …/publication.json.sig.
func (s *Store) PublicFile(ctx context.Context, code string, version int, name string) ([]byte, error) {
	p, err := s.Head(ctx, code, version)
	if err != nil {
		return nil, err
	}
	var f PublicationFile
	err = s.db.WithContext(ctx).Where("publication_id = ? AND name = ?", p.ID, name).Take(&f).Error
	if storage.IsNotFound(err) {
		return nil, fault.NotFoundf("version %d of campaign %q has no file %s", p.Version, code, name)
	}
	return f.Content, err
}

// attachPublicData adds to content, inside the publishing transaction, its
// public data, the software's version, the audit log's head and the
// signing key; it returns the data files to store with the version.
func (s *Store) attachPublicData(tx *gorm.DB, st *survey.Structure, content *Content) ([]PublicationFile, error) {
	data, files, err := s.publicFiles(tx, st)
	if err != nil {
		return nil, err
	}
	length, head, err := s.audit.HeadTx(tx)
	if err != nil {
		return nil, err
	}
	content.Data, content.Software, content.AuditLog = data, publicdata.SoftwareVersion(), &AuditHead{Length: length, Head: head}
	if s.signer != nil {
		k, err := s.listSigner(tx, content.PublishedAt)
		if err != nil {
			return nil, err
		}
		content.Signature = &SignatureInfo{Organizer: k.Organizer, Algorithm: k.Algorithm, KeyID: k.ID}
	}
	return files, nil
}

// storeFiles stores a version's data files and the signature of its
// document raw.
func (s *Store) storeFiles(tx *gorm.DB, pub *Publication, files []PublicationFile) error {
	if s.signer != nil {
		sig := s.signer.Sign(pub.Content)
		files = append(files, PublicationFile{Name: publicdata.SignatureFile, Content: sig, SHA256: publicdata.SHA256(sig)})
	}
	for i := range files {
		files[i].PublicationID = pub.ID
		if err := tx.Create(&files[i]).Error; err != nil {
			return err
		}
	}
	return nil
}
