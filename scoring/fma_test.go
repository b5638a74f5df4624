package scoring

import (
	"os"
	"os/exec"
	"regexp"
	"testing"
)

// TestNoFusedMultiplyAddOnArm64 compiles this package for arm64, where Go
// fuses x*y+z into one instruction unless a float64 conversion forbids it,
// and fails if any fused instruction remains: each would let results differ
// between an arm64 server and an amd64 laptop. Skipped with -short.
func TestNoFusedMultiplyAddOnArm64(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the package for arm64")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not on PATH")
	}
	cmd := exec.Command(goTool, "build", "-o", os.DevNull, "-gcflags=pingyi/scoring=-S", ".")
	cmd.Env = append(os.Environ(), "GOARCH=arm64", "GOOS=linux", "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build for arm64: %v\n%s", err, out)
	}
	for _, line := range regexp.MustCompile(`(?m)^.*\bF(N?MADD|N?MSUB)[SD]\b.*$`).FindAll(out, -1) {
		t.Errorf("fused multiply-add: %s", line)
	}
}
