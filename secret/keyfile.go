package secret

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// LoadOrCreateFile reads a master key from path, creating it (mode 0600)
// with a fresh key when it does not exist. It serves the embedded SQLite
// default, where a single machine holds everything and a newcomer must not
// have to generate a key by hand; production sets PINGYI_SECRET_KEY.
func LoadOrCreateFile(path string) (key []byte, created bool, err error) {
	b, err := os.ReadFile(path)
	if err == nil {
		key, err := Parse(string(b))
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, err)
		}
		return key, false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, err
	}
	key = Generate()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, false, err
	}
	if _, err := f.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return nil, false, err
	}
	return key, true, f.Close()
}
