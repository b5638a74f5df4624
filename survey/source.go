package survey

import "fmt"

// The values of a group's source (SPEC "Campaign definition document"):
// where its responses may come from, and so who fixes their stratum and
// weight.
const (
	// SourceDefault: forms, invitations and imports; a response's weight
	// is 1 unless an administrator imports it.
	SourceDefault = ""
	// SourceDraw: only the interviews of a phone draw's cases, which fix
	// their stratum and weight.
	SourceDraw = "draw"
	// SourceExternal: imported (or sent by an administrator) with weights
	// of their own, which the method states.
	SourceExternal = "external"
)

// source checks every group's source.
func (c *checker) source(d *Definition) {
	for i, g := range d.Groups {
		switch g.Source {
		case SourceDefault, SourceExternal:
		case SourceDraw:
			if g.OpenLink != nil && *g.OpenLink {
				c.addf(fmt.Sprintf("groups[%d].open_link", i), "a group whose source is draw answers only through the phone draw, not the open link")
			}
		default:
			c.addf(fmt.Sprintf("groups[%d].source", i), "source must be %q or %q (or absent), not %q", SourceDraw, SourceExternal, g.Source)
		}
	}
}

// FromDraw reports whether the group's responses come only from a phone
// draw's cases.
func (g Group) FromDraw() bool { return g.Source == SourceDraw }

// External reports whether the group's responses come with weights of
// their own.
func (g Group) External() bool { return g.Source == SourceExternal }
