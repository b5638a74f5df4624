package survey

import "fmt"

// The values of publish_data: whether a group's responses are published
// with each version of the result (SPEC "Publication: public data and
// verification").
const (
	PublishResponses = "responses"
	PublishNone      = "none"
)

// publishDataOf is a group's publish_data: its own, else the campaign's,
// else PublishResponses.
func publishDataOf(campaignDefault string, g GroupDef) string {
	switch {
	case g.PublishData != "":
		return g.PublishData
	case campaignDefault != "":
		return campaignDefault
	}
	return PublishResponses
}

// publishData checks the campaign's and every group's publish_data.
func (c *checker) publishData(d *Definition) {
	check := func(path, v string) {
		if v != "" && v != PublishResponses && v != PublishNone {
			c.addf(path, "publish_data must be %q or %q, not %q", PublishResponses, PublishNone, v)
		}
	}
	check("publish_data", d.PublishData)
	for i, g := range d.Groups {
		check(fmt.Sprintf("groups[%d].publish_data", i), g.PublishData)
	}
}

// Withheld reports whether a group's responses are kept out of the public
// data.
func (g Group) Withheld() bool { return g.PublishData == PublishNone }

// writtenPublishData is the group's publish_data as a definition writes
// it: only a withheld group says so.
func (g Group) writtenPublishData() string {
	if g.Withheld() {
		return PublishNone
	}
	return ""
}
