package validation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"pingyi/fault"
)

// DecodeStrict reads a JSON document into out and reports, all at once,
// every field the document has that out does not know (a misspelt
// "catgory" must not be silently dropped) and every value of the wrong type,
// each with its JSON path. Unparseable JSON is Malformed, with its line.
//
// JSON text is UTF-8 (RFC 8259): bytes that are not are refused, with
// their place, rather than stored as U+FFFD as encoding/json would.
func DecodeStrict(raw []byte, out any) error {
	if bad := invalidUTF8(raw); bad >= 0 {
		line, col := position(raw, int64(bad))
		return fault.Malformedf("the request body is not valid JSON: line %d, column %d: the text is not UTF-8", line, col)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return malformed(raw, err)
	}
	if dec.More() {
		return fault.Malformedf("the request body holds more than one JSON value")
	}
	var problems []fault.Problem
	checkShape(generic, reflect.TypeOf(out).Elem(), "", &problems)
	if len(problems) > 0 {
		return fault.WithProblems(problems, "the document has fields of the wrong type or unknown fields")
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fault.WithProblems([]fault.Problem{fault.P("", "%s has an invalid value", err.Error())},
			"the document has fields of the wrong type or unknown fields")
	}
	return nil
}

func malformed(raw []byte, err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		line, col := position(raw, syn.Offset)
		return fault.Malformedf("the request body is not valid JSON: line %d, column %d: %s", line, col, syn.Error())
	}
	return fault.Malformedf("the request body is not valid JSON: %s", err.Error())
}

func position(raw []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for _, b := range raw[:min(int(offset), len(raw))] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// checkShape walks a generically decoded value against the Go type it will
// be decoded into.
func checkShape(v any, t reflect.Type, path string, out *[]fault.Problem) {
	if t.Kind() == reflect.Pointer {
		if v == nil {
			return
		}
		t = t.Elem()
	}
	if v == nil {
		return // null leaves the zero value; required fields are checked later
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return // a type that decodes itself judges its own shape (survey.UnitScope, survey.OrganizerDef)
	}
	name := path
	if name == "" {
		name = "the document"
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			*out = append(*out, fault.P(path, "%s must be an object", name))
			return
		}
		fields := jsonFields(t)
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			f, ok := fields[k]
			if !ok {
				*out = append(*out, fault.P(join(path, k), "unknown field %q", k))
				continue
			}
			checkShape(obj[k], f.Type, join(path, k), out)
		}
	case reflect.Map: // string keys; the caller's validation judges them
		obj, ok := v.(map[string]any)
		if !ok {
			*out = append(*out, fault.P(path, "%s must be an object", name))
			return
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			checkShape(obj[k], t.Elem(), join(path, k), out)
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			*out = append(*out, fault.P(path, "%s must be a list", name))
			return
		}
		for i, e := range arr {
			checkShape(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i), out)
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			*out = append(*out, fault.P(path, "%s must be text", name))
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			*out = append(*out, fault.P(path, "%s must be true or false", name))
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n, ok := v.(json.Number); !ok || !isInt(n.String()) {
			*out = append(*out, fault.P(path, "%s must be a whole number", name))
		}
	case reflect.Uint, reflect.Uint64, reflect.Uint32:
		if n, ok := v.(json.Number); !ok || !isUint(n.String()) {
			*out = append(*out, fault.P(path, "%s must be a whole number, 0 or more", name))
		}
	case reflect.Float64, reflect.Float32:
		n, ok := v.(json.Number)
		if !ok {
			*out = append(*out, fault.P(path, "%s must be a number", name))
			return
		}
		if _, err := n.Float64(); err != nil {
			*out = append(*out, fault.P(path, "%s must be a number", name))
		}
	}
}

// fieldCache keeps each struct type's JSON fields: a document checks the
// same fields again for every item of its lists (units, answers).
var fieldCache sync.Map // reflect.Type → map[string]reflect.StructField

func jsonFields(t reflect.Type) map[string]reflect.StructField {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.StructField)
	}
	m := readFields(t)
	fieldCache.Store(t, m)
	return m
}

func readFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.SplitN(f.Tag.Get("json"), ",", 2)[0]
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f
	}
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func isInt(s string) bool  { _, err := strconv.ParseInt(s, 10, 64); return err == nil }
func isUint(s string) bool { _, err := strconv.ParseUint(s, 10, 64); return err == nil }

// invalidUTF8 is the offset of the first byte that is not UTF-8; -1 if
// every one is.
func invalidUTF8(raw []byte) int {
	if utf8.Valid(raw) {
		return -1
	}
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}
