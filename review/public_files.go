package review

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"

	"gorm.io/gorm"

	"pingyi/fault"
	"pingyi/storage"
)

// PublicationFile is a file a version serves beside publication.json, as
// served: its SHA-256, size and data rows. Its bytes are stored gzipped in
// chunks (fileChunk).
type PublicationFile struct {
	ID            int64
	PublicationID int64
	Name          string
	SHA256        string `gorm:"column:sha256"`
	Size          int64
	DataRows      int64
}

// TableName ties PublicationFile to the publication_files table.
func (PublicationFile) TableName() string { return "publication_files" }

type fileChunk struct {
	FileID  int64 `gorm:"primaryKey;autoIncrement:false"`
	Seq     int   `gorm:"primaryKey;autoIncrement:false"`
	Content []byte
}

func (fileChunk) TableName() string { return "publication_file_chunks" }

// chunkSize keeps each stored chunk well inside one MySQL packet.
const chunkSize = 1 << 20

// dataFileWriter takes a file's bytes as they are written: it hashes and
// counts them and keeps them gzipped, so a responses.csv of hundreds of
// megabytes takes a few tens in memory.
type dataFileWriter struct {
	name   string
	hash   hash.Hash
	size   int64
	gz     *gzip.Writer
	packed bytes.Buffer
	sha256 string
	rows   int
}

func newDataFileWriter(name string) *dataFileWriter {
	f := &dataFileWriter{name: name, hash: sha256.New()}
	f.gz = gzip.NewWriter(&f.packed)
	return f
}

func (f *dataFileWriter) Write(p []byte) (int, error) {
	f.hash.Write(p)
	f.size += int64(len(p))
	return f.gz.Write(p)
}

// finish closes the file, which had rows data rows.
func (f *dataFileWriter) finish(rows int) error {
	f.rows, f.sha256 = rows, hex.EncodeToString(f.hash.Sum(nil))
	return f.gz.Close()
}

// store writes the file of publication pub inside tx.
func (f *dataFileWriter) store(tx *gorm.DB, pub int64) error {
	row := PublicationFile{PublicationID: pub, Name: f.name, SHA256: f.sha256, Size: f.size, DataRows: int64(f.rows)}
	if err := tx.Create(&row).Error; err != nil {
		return err
	}
	packed := f.packed.Bytes()
	for seq := 0; len(packed) > 0; seq++ {
		n := min(chunkSize, len(packed))
		if err := tx.Create(&fileChunk{FileID: row.ID, Seq: seq, Content: packed[:n]}).Error; err != nil {
			return err
		}
		packed = packed[n:]
	}
	return nil
}

// WritePublicFile writes to w a file a published version serves beside
// publication.json (publicdata.ResponsesFile, AppealsFile or
// SignatureFile), byte-exact, reading it a chunk at a time; not found when
// the version has none, e.g. one published before public data existed.
// Routes: /p/CODE/v/N/responses.csv, …/appeals.csv, …/publication.json.sig.
func (s *Store) WritePublicFile(ctx context.Context, code string, version int, name string, w io.Writer) error {
	p, err := s.Head(ctx, code, version)
	if err != nil {
		return err
	}
	var f PublicationFile
	err = s.db.WithContext(ctx).Where("publication_id = ? AND name = ?", p.ID, name).Take(&f).Error
	if storage.IsNotFound(err) {
		return fault.NotFoundf("version %d of campaign %q has no file %s", p.Version, code, name)
	}
	if err != nil {
		return err
	}
	_, err = s.copyFile(ctx, f, w)
	return err
}

// PublicFile returns a small public file whole (the signature; tests).
func (s *Store) PublicFile(ctx context.Context, code string, version int, name string) ([]byte, error) {
	var b bytes.Buffer
	err := s.WritePublicFile(ctx, code, version, name, &b)
	return b.Bytes(), err
}

// copyFile writes a stored file's bytes to w and returns their SHA-256.
func (s *Store) copyFile(ctx context.Context, f PublicationFile, w io.Writer) (string, error) {
	gz, err := gzip.NewReader(&chunkReader{ctx: ctx, db: s.db, file: f.ID})
	if err != nil {
		return "", err
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(w, h), gz); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// chunkReader reads a file's chunks in order, one query each.
type chunkReader struct {
	ctx  context.Context
	db   *storage.DB
	file int64
	seq  int
	rest []byte
	done bool
}

func (r *chunkReader) Read(p []byte) (int, error) {
	for len(r.rest) == 0 {
		if r.done {
			return 0, io.EOF
		}
		var c fileChunk
		err := r.db.WithContext(r.ctx).Where("file_id = ? AND seq = ?", r.file, r.seq).Take(&c).Error
		if storage.IsNotFound(err) {
			r.done = true
			continue
		}
		if err != nil {
			return 0, err
		}
		r.rest, r.seq = c.Content, r.seq+1
	}
	n := copy(p, r.rest)
	r.rest = r.rest[n:]
	return n, nil
}
