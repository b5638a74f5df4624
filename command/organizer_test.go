package command

import (
	"strings"
	"testing"

	"pingyi/storage/storagetest"
)

func TestUserAddTakesOnlyExistingOrganisers(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			c := newCLI(t, d)
			c.env["PINGYI_LANG"] = "en"
			code, _, errOut := c.run("user", "add", "--role", "committee", "--name", "c1", "--organizer", "city")
			if code != 1 || !strings.Contains(errOut, "organizers[0]") || !strings.Contains(errOut, `no organiser "city"`) {
				t.Fatalf("unknown organiser: %d %q", code, errOut)
			}
			if code, _, errOut = c.run("organizer", "add", "county", "--name", "县测评办", "--parent", "city"); code != 1 || !strings.Contains(errOut, "parent") {
				t.Fatalf("a parent that does not exist: %d %q", code, errOut)
			}
			for _, args := range [][]string{
				{"organizer", "add", "city", "--name", "市测评办"},
				{"organizer", "add", "county", "--name", "县测评办", "--parent", "city"},
				{"user", "add", "--role", "committee", "--name", "c1", "--organizer", "city", "--organizer", "county"},
			} {
				if code, _, errOut := c.run(args...); code != 0 {
					t.Fatalf("%v: %d %q", args, code, errOut)
				}
			}
			if code, _, errOut = c.run("organizer", "add", "city", "--name", "市测评办", "--parent", "county"); code != 1 || !strings.Contains(errOut, "cannot also be above") {
				t.Fatalf("a loop: %d %q", code, errOut)
			}
			code, out, _ := c.run("organizer", "list")
			if code != 0 || !strings.Contains(out, "county\tcity\t县测评办") || !strings.Contains(out, "default\t\t") {
				t.Fatalf("organizer list: %d %q", code, out)
			}
			// A refused account is not written: its login stays free.
			if code, _, errOut = c.run("user", "add", "--role", "committee", "--name", "c2", "--organizer", "nowhere"); code != 1 {
				t.Fatalf("c2 of nowhere: %d %q", code, errOut)
			}
			if code, _, errOut = c.run("user", "add", "--role", "committee", "--name", "c2"); code != 0 {
				t.Fatalf("c2, refused before, is free: %d %q", code, errOut)
			}
		})
	}
}
