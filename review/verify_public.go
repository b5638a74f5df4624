package review

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"pingyi/publicdata"
	"pingyi/signing"
)

// verifyPublicData checks what a pingyi-publication-v2 version adds: every
// data file it names is stored and hashes as named, and the stored
// signature is that of its document by the listed key it names. It returns
// the reason of the first break, or "".
func (s *Store) verifyPublicData(ctx context.Context, p *Publication, c *Content) (string, error) {
	if c.Format == ContentFormatV1 {
		return "", nil
	}
	if c.Data == nil || c.AuditLog == nil {
		return "the document names no public data or no audit head", nil
	}
	// The log as it stood at publishing must still be there: a log cut
	// back and rewound would no longer hold this head at this length.
	if c.AuditLog.Length > 0 {
		hash, err := s.audit.HashAt(ctx, c.AuditLog.Length)
		if err != nil {
			return "", err
		}
		if hash != c.AuditLog.Head {
			return fmt.Sprintf("the audit log no longer holds the head it had at publishing (entry %d): it was cut back or rewritten", c.AuditLog.Length), nil
		}
	}
	var files []PublicationFile
	if err := s.db.WithContext(ctx).Where("publication_id = ?", p.ID).Find(&files).Error; err != nil {
		return "", err
	}
	stored := map[string]PublicationFile{}
	for _, f := range files {
		stored[f.Name] = f
	}
	for _, want := range c.Data.Files {
		f, ok := stored[want.Name]
		if !ok {
			return fmt.Sprintf("its data file %s is missing", want.Name), nil
		}
		got, err := s.copyFile(ctx, f, io.Discard)
		if err != nil || got != want.SHA256 {
			return fmt.Sprintf("its data file %s was changed: it hashes to %s (%v), the document names %s", want.Name, got, err, want.SHA256), nil
		}
	}
	if c.Signature == nil {
		return "", nil
	}
	keys, err := s.SigningKeys(ctx)
	if err != nil {
		return "", err
	}
	key := keys.Find(c.Signature.KeyID)
	if key == nil {
		return fmt.Sprintf("the key %s that signed it is not listed", c.Signature.KeyID), nil
	}
	f, ok := stored[publicdata.SignatureFile]
	if !ok {
		return "its signature is missing", nil
	}
	var sig bytes.Buffer
	if _, err := s.copyFile(ctx, f, &sig); err != nil {
		return "its signature cannot be read: " + err.Error(), nil
	}
	if err := signing.Verify(*key, p.Content, sig.Bytes()); err != nil {
		return "its signature does not hold: " + err.Error(), nil
	}
	return "", nil
}
