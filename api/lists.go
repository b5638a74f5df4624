package api

import (
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/survey"
	"pingyi/tabular"
	"pingyi/validation"
)

// list describes one of a campaign's lists (categories, units, indicators,
// scale, groups) so that reading and patching them is written once.
type list struct {
	name  string
	items func(d *survey.Definition) []any
	// patch merges a JSON merge patch (RFC 7386) into item i, strictly.
	patch func(d *survey.Definition, i int, raw []byte) error
	code  func(d *survey.Definition, i int) string
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
		code: func(d *survey.Definition, i int) string { return code((*field(d))[i]) },
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

func find(l list, d *survey.Definition, code string) (int, bool) {
	for i := range l.items(d) {
		if l.code(d, i) == code {
			return i, true
		}
	}
	return 0, false
}

func (s *Server) listItems(l list) gin.HandlerFunc {
	return func(c *gin.Context) {
		st, err := s.Campaigns.Structure(c, c.Param("code"))
		if err != nil {
			s.fail(c, err)
			return
		}
		d := st.Definition()
		c.JSON(http.StatusOK, gin.H{l.name: l.items(&d)})
	}
}

func (s *Server) getItem(l list) gin.HandlerFunc {
	return func(c *gin.Context) {
		st, err := s.Campaigns.Structure(c, c.Param("code"))
		if err != nil {
			s.fail(c, err)
			return
		}
		d := st.Definition()
		i, ok := find(l, &d, c.Param("item"))
		if !ok {
			s.fail(c, fault.NotFoundf("no %s item %q in campaign %q", l.name, c.Param("item"), c.Param("code")))
			return
		}
		c.JSON(http.StatusOK, l.items(&d)[i])
	}
}

func (s *Server) patchItem(l list) gin.HandlerFunc {
	return func(c *gin.Context) {
		raw, err := io.ReadAll(c.Request.Body)
		if err != nil {
			s.fail(c, err)
			return
		}
		code := c.Param("item")
		var result any
		_, err = s.Campaigns.Update(c, c.Param("code"), actor(c), l.name+".update", func(d *survey.Definition) error {
			i, ok := find(l, d, code)
			if !ok {
				return fault.NotFoundf("no %s item %q in campaign %q", l.name, code, c.Param("code"))
			}
			if err := l.patch(d, i, raw); err != nil {
				return err
			}
			result = l.items(d)[i]
			return nil
		})
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, result)
	}
}

func (s *Server) addUnit(c *gin.Context) {
	var u survey.UnitDef
	if err := decodeJSON(c, &u); err != nil {
		s.fail(c, err)
		return
	}
	_, err := s.Campaigns.Update(c, c.Param("code"), actor(c), "unit.add", func(d *survey.Definition) error {
		d.Units = append(d.Units, u)
		return nil
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, u)
}

func (s *Server) deleteUnit(c *gin.Context) {
	code := c.Param("item")
	_, err := s.Campaigns.Update(c, c.Param("code"), actor(c), "unit.delete", func(d *survey.Definition) error {
		for i, u := range d.Units {
			if u.Code == code {
				d.Units = append(d.Units[:i], d.Units[i+1:]...)
				return nil
			}
		}
		return fault.NotFoundf("no %s item %q in campaign %q", "units", code, c.Param("code"))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// importUnits takes a CSV or XLSX file in the multipart field "file".
func (s *Server) importUnits(c *gin.Context) {
	up, err := uploaded(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	defer up.Close()
	res, err := s.Campaigns.ImportUnits(c, c.Param("code"), up, up.format, actor(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"added": res.Added, "updated": res.Updated})
}

// upload is a CSV or XLSX file sent as the multipart field "file".
type upload struct {
	multipart.File
	name   string
	format tabular.Format
}

// uploaded opens the file of an upload form or API call.
func uploaded(c *gin.Context) (upload, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		return upload{}, fault.Malformedf("send the file as a multipart form field named %q", "file")
	}
	format, err := tabular.FormatOf(fh.Filename)
	if err != nil {
		return upload{}, err
	}
	f, err := fh.Open()
	if err != nil {
		return upload{}, err
	}
	return upload{File: f, name: fh.Filename, format: format}, nil
}
