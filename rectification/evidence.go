package rectification

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"

	"pingyi/fault"
	"pingyi/i18n"
)

// Limits of the files attached as evidence. 5 MiB is a scanned page or a
// phone photo; five of them fit well under the database's packet size.
const (
	MaxFileBytes   = 5 << 20
	MaxFileMiB     = MaxFileBytes >> 20
	MaxFilesPerAdd = 5
	maxNameBytes   = 200
)

// acceptedTypes are the types evidence may have, decided from the bytes
// (their signature), whatever the file's name says: a PDF or an image.
var acceptedTypes = map[string]bool{
	"application/pdf": true, "image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true,
}

// Upload is a file the liaison attaches.
type Upload struct {
	Name    string
	Content []byte
}

// checkedFile is an upload that passed: its type from its content.
type checkedFile struct {
	name, mediaType, sha string
	content              []byte
}

// checkUploads returns the files, or every problem with them at once.
func checkUploads(files []Upload) ([]checkedFile, error) {
	if len(files) > MaxFilesPerAdd {
		return nil, fault.TooLargef("attach at most %d files at a time", MaxFilesPerAdd)
	}
	var out []checkedFile
	var ps []fault.Problem
	tooLarge := false
	for i, f := range files {
		at := "files[" + itoa(int64(i)) + "]"
		name := cleanName(f.Name)
		switch {
		case len(f.Content) == 0:
			ps = append(ps, fault.P(at, "%s is empty", name))
			continue
		case len(f.Content) > MaxFileBytes:
			tooLarge = true
			ps = append(ps, fault.P(at, "%s is larger than the limit of %d MiB", name, MaxFileMiB))
			continue
		}
		mediaType := strings.TrimSpace(strings.Split(http.DetectContentType(f.Content), ";")[0])
		if !acceptedTypes[mediaType] {
			ps = append(ps, fault.P(at, "%s is not a PDF or an image (PNG, JPEG, GIF, WebP), whatever its name says", name))
			continue
		}
		sum := sha256.Sum256(f.Content)
		out = append(out, checkedFile{name: name, mediaType: mediaType, sha: hex.EncodeToString(sum[:]), content: f.Content})
	}
	if len(ps) > 0 {
		if tooLarge {
			return nil, &fault.Error{Kind: fault.TooLarge, Problems: ps,
				Message: i18n.M("a file may be at most %d MiB; nothing was stored", MaxFileMiB)}
		}
		return nil, fault.WithProblems(ps, "%d files cannot be attached (PDF or images only, at most %d MiB each); nothing was stored", len(ps), MaxFileMiB)
	}
	return out, nil
}

// cleanName keeps a file's base name, printable and short; it is shown,
// never used as a path.
func cleanName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
	for len(name) > maxNameBytes {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" || name == "." || name == "/" {
		return "file"
	}
	return name
}
