package httpx_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
)

// One rule for an id, two meanings of a bad one: a path that names nothing
// is 404, a field that holds no id is 400 naming the field.
func TestOneRuleForABadID(t *testing.T) {
	for _, tt := range []struct {
		raw  string
		want int64
	}{{"12", 12}, {"0", 0}, {"-3", 0}, {"abc", 0}, {"1.5", 0}, {"", 0}, {"99999999999999999999", 0}} {
		c, _ := gin.CreateTestContext(httptest.NewRecorder())
		c.Params = gin.Params{{Key: "id", Value: tt.raw}}
		got, err := httpx.PathID(c, "id")
		if tt.want != 0 && (err != nil || got != tt.want) {
			t.Errorf("path %q: %d, %v", tt.raw, got, err)
		}
		if tt.want == 0 && !fault.Is(err, fault.NotFound) {
			t.Errorf("path %q: %v, want not found", tt.raw, err)
		}
		got, err = httpx.FieldID("run", tt.raw)
		if tt.want != 0 && (err != nil || got != tt.want) {
			t.Errorf("field %q: %d, %v", tt.raw, got, err)
		}
		if e, ok := fault.As(err); tt.want == 0 && (!ok || e.Kind != fault.Malformed) {
			t.Errorf("field %q: %v, want malformed", tt.raw, err)
		}
	}
	c, _ := gin.CreateTestContext(httptest.NewRecorder())
	c.Request = httptest.NewRequest("GET", "/review/x", nil)
	if id, err := httpx.QueryID(c, "run"); id != 0 || err != nil {
		t.Errorf("an absent query id: %d, %v", id, err)
	}
}

// JSON is UTF-8: a string holding other bytes is refused as the invalid
// JSON it is, with its place, not stored with U+FFFD in their stead.
func TestDecodeJSONRefusesBytesThatAreNotUTF8(t *testing.T) {
	for _, tt := range []struct {
		body string
		bad  string // where the message says the bad byte is; "" for none
	}{
		{`{"name":"夜间导出"}`, ""},
		{"{\"name\":\"ab\xffcd\"}", "line 1, column 12"},
		{"{\n \"name\": \"\xe5\x90\"}", "line 2, column 11"},
		{"{\"name\":\"\xc0\xaf\"}", "line 1, column 10"},
	} {
		c, _ := gin.CreateTestContext(httptest.NewRecorder())
		c.Request = httptest.NewRequest("POST", "/api/v1/me/tokens", strings.NewReader(tt.body))
		var out struct {
			Name string `json:"name"`
		}
		err := httpx.DecodeJSON(c, &out)
		if tt.bad == "" {
			if err != nil || out.Name != "夜间导出" {
				t.Errorf("%q: %v %q", tt.body, err, out.Name)
			}
			continue
		}
		e, ok := fault.As(err)
		if !ok || e.Kind != fault.Malformed || !strings.Contains(e.Text(i18n.EN), tt.bad+": the text is not UTF-8") || out.Name != "" {
			t.Errorf("%q: %v (name %q)", tt.body, err, out.Name)
		}
	}
}
