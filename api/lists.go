package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/survey"
	"pingyi/tabular"
	"pingyi/validation"
)

// list describes one of a campaign's lists (categories, units, indicators,
// scale, groups) so that reading and patching them is written once.
type list struct {
	name  string
	items func(d *survey.Definition) []any
	item  func(d *survey.Definition, i int) any
	// find returns the position of the item with a code.
	find func(d *survey.Definition, code string) (int, bool)
	// patch merges a JSON merge patch (RFC 7386) into item i, strictly.
	patch func(d *survey.Definition, i int, raw []byte) error
}

func listOf[T any](name string, field func(*survey.Definition) *[]T, code func(T) string) list {
	return list{
		name: name,
		items: func(d *survey.Definition) []any {
			out := []any{}
			for _, x := range *field(d) {
				out = append(out, x)
			}
			return out
		},
		item: func(d *survey.Definition, i int) any { return (*field(d))[i] },
		find: func(d *survey.Definition, c string) (int, bool) {
			i := slices.IndexFunc(*field(d), func(x T) bool { return code(x) == c })
			return i, i >= 0
		},
		patch: func(d *survey.Definition, i int, raw []byte) error {
			item := &(*field(d))[i]
			before := code(*item)
			merged, err := mergePatch(*item, raw)
			if err != nil {
				return err
			}
			var next T
			if err := validation.DecodeStrict(merged, &next); err != nil {
				return err
			}
			if code(next) != before {
				return fault.WithProblems([]fault.Problem{fault.P("code", "a code cannot change; add a new item instead")},
					"the change has %d problems", 1)
			}
			*item = next
			return nil
		},
	}
}

var lists = []list{
	listOf("categories", func(d *survey.Definition) *[]survey.CategoryDef { return &d.Categories }, func(x survey.CategoryDef) string { return x.Code }),
	listOf("units", func(d *survey.Definition) *[]survey.UnitDef { return &d.Units }, func(x survey.UnitDef) string { return x.Code }),
	listOf("indicators", func(d *survey.Definition) *[]survey.IndicatorDef { return &d.Indicators }, func(x survey.IndicatorDef) string { return x.Code }),
	listOf("scale", func(d *survey.Definition) *[]survey.OptionDef { return &d.Scale }, func(x survey.OptionDef) string { return x.Code }),
	listOf("groups", func(d *survey.Definition) *[]survey.GroupDef { return &d.Groups }, func(x survey.GroupDef) string { return x.Code }),
}

// mergePatch applies an RFC 7386 JSON merge patch to a value: fields in the
// patch replace the value's, null removes them.
func mergePatch(v any, patch []byte) ([]byte, error) {
	var p map[string]any
	if err := json.Unmarshal(patch, &p); err != nil {
		return nil, fault.Malformedf("the request body is not valid JSON: %s", err.Error())
	}
	cur, _ := json.Marshal(v)
	var m map[string]any
	json.Unmarshal(cur, &m)
	for k, val := range p {
		if val == nil {
			delete(m, k)
		} else {
			m[k] = val
		}
	}
	return json.Marshal(m)
}

// definition loads the path's campaign as its definition document; a
// failure is answered.
func (s *Server) definition(c *gin.Context) (*survey.Definition, bool) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return nil, false
	}
	d := st.Definition()
	return &d, true
}

func errNoItem(c *gin.Context, list string) error {
	return fault.NotFoundf("no %s item %q in campaign %q", list, c.Param("item"), c.Param("code"))
}

func (s *Server) listItems(l list) gin.HandlerFunc {
	return func(c *gin.Context) {
		if d, ok := s.definition(c); ok {
			c.JSON(http.StatusOK, itemsJSON{l.name: l.items(d)})
		}
	}
}

func (s *Server) getItem(l list) gin.HandlerFunc {
	return func(c *gin.Context) {
		d, ok := s.definition(c)
		if !ok {
			return
		}
		i, ok := l.find(d, c.Param("item"))
		if !ok {
			s.Fail(c, errNoItem(c, l.name))
			return
		}
		c.JSON(http.StatusOK, l.item(d, i))
	}
}

func (s *Server) patchItem(l list) gin.HandlerFunc {
	return func(c *gin.Context) {
		raw, err := httpx.ReadJSON(c)
		if err != nil {
			s.Fail(c, err)
			return
		}
		var result any
		_, err = s.Campaigns.Update(c, c.Param("code"), httpx.Who(c), l.name+".update", func(d *survey.Definition) error {
			i, ok := l.find(d, c.Param("item"))
			if !ok {
				return errNoItem(c, l.name)
			}
			if err := l.patch(d, i, raw); err != nil {
				return err
			}
			result = l.item(d, i)
			return nil
		})
		if err != nil {
			s.Fail(c, err)
			return
		}
		c.JSON(http.StatusOK, result)
	}
}

func (s *Server) addUnit(c *gin.Context) {
	var u survey.UnitDef
	if err := httpx.DecodeJSON(c, &u); err != nil {
		s.Fail(c, err)
		return
	}
	_, err := s.Campaigns.Update(c, c.Param("code"), httpx.Who(c), "unit.add", func(d *survey.Definition) error {
		d.Units = append(d.Units, u)
		return nil
	})
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, u)
}

func (s *Server) deleteUnit(c *gin.Context) {
	_, err := s.Campaigns.Update(c, c.Param("code"), httpx.Who(c), "unit.delete", func(d *survey.Definition) error {
		i := slices.IndexFunc(d.Units, func(u survey.UnitDef) bool { return u.Code == c.Param("item") })
		if i < 0 {
			return errNoItem(c, "units")
		}
		d.Units = slices.Delete(d.Units, i, i+1)
		return nil
	})
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// importUnits takes a CSV or XLSX file in the multipart field "file".
func (s *Server) importUnits(c *gin.Context) {
	up, err := httpx.Uploaded(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	defer up.Close()
	res, err := s.Campaigns.ImportUnits(c, c.Param("code"), up, up.Format, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, unitImportJSON{Added: res.Added, Updated: res.Updated})
}

// unitImportJSON counts the units an import added and updated.
type unitImportJSON struct {
	Added   int `json:"added"`
	Updated int `json:"updated"`
}

// itemsJSON is one list of a campaign's definition, under its name.
type itemsJSON map[string]any

// listsCampaigns is what lists.go needs of campaigns.
type listsCampaigns interface {
	ImportUnits(ctx context.Context, code string, src io.Reader, format tabular.Format, actor audit.Actor) (survey.UnitImport, error)
	Structure(ctx context.Context, code string) (*survey.Structure, error)
	Update(ctx context.Context, code string, actor audit.Actor, action string, change func(*survey.Definition) error) (*survey.Structure, error)
}
