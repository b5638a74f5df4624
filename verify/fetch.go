package verify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"pingyi/publicdata"
)

// names are the files a version may have; a missing optional one (the
// appeals of an index without hotline, the draw of a campaign without
// phone draw, the keys given with --key) is left out, and Check names what
// publication.json lists and was not found.
var names = []string{publicdata.PublicationFile, publicdata.SignatureFile, publicdata.ResponsesFile, publicdata.AppealsFile,
	publicdata.DrawFile, publicdata.SampleFile, publicdata.KeysFile}

// ReadDir reads a version's files from a directory.
func ReadDir(dir string) (Files, error) {
	files := Files{}
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		files[name] = b
	}
	if _, ok := files[publicdata.PublicationFile]; !ok {
		return nil, fmt.Errorf("%s has no %s", dir, publicdata.PublicationFile)
	}
	return files, nil
}

// maxFile bounds a download, so a wrong address cannot fill the memory.
const maxFile = 1 << 30

// KeysPath is where a Pingyi host lists its signing keys.
const KeysPath = "/.well-known/pingyi-signing-keys"

// Fetch downloads a version's files from its address (…/p/CODE/v/N): the
// files beneath it, and the keys from KeysPath on the same host.
func Fetch(ctx context.Context, client *http.Client, version string) (Files, error) {
	base, err := url.Parse(strings.TrimSuffix(version, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") {
		return nil, fmt.Errorf("%q is not an http(s) address of a published version", version)
	}
	files := Files{}
	for _, name := range names {
		at := base.JoinPath(name)
		if name == publicdata.KeysFile {
			at = &url.URL{Scheme: base.Scheme, Host: base.Host, Path: KeysPath}
		}
		b, found, err := get(ctx, client, at.String())
		if err != nil {
			return nil, err
		}
		if found {
			files[name] = b
		}
	}
	if _, ok := files[publicdata.PublicationFile]; !ok {
		return nil, fmt.Errorf("%s has no %s", version, publicdata.PublicationFile)
	}
	return files, nil
}

func get(ctx context.Context, client *http.Client, at string) ([]byte, bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, at, nil)
	if err != nil {
		return nil, false, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, false, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, false, nil
	case resp.StatusCode != http.StatusOK:
		return nil, false, fmt.Errorf("%s: %s", at, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxFile+1))
	if err == nil && len(b) > maxFile {
		err = fmt.Errorf("%s is larger than %d bytes", at, maxFile)
	}
	return b, err == nil, err
}
