package survey

import (
	"bytes"
	"context"
	"encoding/json"

	"pingyi/fault"
	"pingyi/organizer"
	"pingyi/validation"
)

// OrganizerDef is a definition's "organizer": an object {"code", "name"},
// or a plain string, the name of the organiser "default" (SPEC; how
// definitions were written before organisers existed).
type OrganizerDef struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// malformed records a value that is neither, for Validate to name.
	malformed bool
}

// UnmarshalJSON reads either form. It never fails, so that a malformed
// organizer is reported with every other problem of the definition.
func (o *OrganizerDef) UnmarshalJSON(raw []byte) error {
	*o = OrganizerDef{}
	var name string
	if json.Unmarshal(raw, &name) == nil {
		o.Code, o.Name = organizer.Default, name
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var obj struct {
		Code *string `json:"code"`
		Name string  `json:"name"`
	}
	if string(raw) == "null" {
		return nil
	}
	if dec.Decode(&obj) != nil || obj.Code == nil {
		o.malformed = true
		return nil
	}
	o.Code, o.Name = *obj.Code, obj.Name
	return nil
}

// CodeOr is the organiser's code, "default" when none was given.
func (o OrganizerDef) CodeOr() string {
	if o.Code == "" {
		return organizer.Default
	}
	return o.Code
}

// SeriesOf is the definition's series: as given, or its organiser's code
// and its period ("city-annual"), which links a city's annual campaigns
// across years and keeps them apart from a county's.
func (d *Definition) SeriesOf() string {
	if d.Series != "" {
		return d.Series
	}
	return d.Organizer.CodeOr() + "-" + d.Period
}

func (c *checker) organizer(d *Definition) {
	o := d.Organizer
	switch {
	case o.malformed:
		c.addf("organizer", `organizer must be an object {"code": …, "name": …} or the organiser's name`)
	case o.Code != "" && !validation.IsCode(o.Code):
		c.addf("organizer.code", "%q is not a code: 1 to 64 letters, digits, '.', '-' or '_'", o.Code)
	case len([]rune(o.Name)) > 200:
		c.addf("organizer.name", "the organiser's name is longer than 200 characters")
	}
	if d.Series != "" && !validation.IsCode(d.Series) {
		c.addf("series", "%q is not a code: 1 to 64 letters, digits, '.', '-' or '_'", d.Series)
	}
}

// OrganizerOf returns the code of a campaign's organiser: whose staff may
// see it.
func (s *Store) OrganizerOf(ctx context.Context, code string) (string, error) {
	var org []string
	err := s.db.WithContext(ctx).Model(&Campaign{}).Where("code = ?", code).Limit(1).Pluck("organizer_code", &org).Error
	if err == nil && len(org) == 0 {
		return "", fault.NotFoundf("no campaign %q", code)
	}
	if err != nil {
		return "", err
	}
	return org[0], nil
}
