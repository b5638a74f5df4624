package scoring

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestResultJSONGolden pins the whole JSON result of the reference run,
// its input digest and bootstrap ranks included, byte for byte. The golden
// file was written by the code before the hotline component (step 8)
// existed: a definition without components must give exactly what it gave.
func TestResultJSONGolden(t *testing.T) {
	out, err := json.MarshalIndent(runReference(t), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join(referenceDir, "result.json.golden"), append(out, '\n'))
}
