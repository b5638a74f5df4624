package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/demo"
)

// TestPublicAnswersAreKeptByVersion: a stranger's second request for a
// published version's page or file is answered from memory, byte for byte
// as the first, without reading the publication again; gzip is offered as
// its own representation with its own tag; language, address and a signed-in
// reader each get their own answer.
func TestPublicAnswersAreKeptByVersion(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		if _, err := demo.Load(context.Background(), h.App); err != nil {
			t.Fatal(err)
		}
		page, file := "/p/"+demo.PreviousCode, "/p/"+demo.PreviousCode+"/v/1/publication.json"
		get := func(path string, header ...string) *httptest.ResponseRecorder {
			req := httptest.NewRequest("GET", path, nil)
			for i := 0; i+1 < len(header); i += 2 {
				req.Header.Set(header[i], header[i+1])
			}
			return h.Do(req)
		}
		first, firstFile := apptest.Expect(t, get(page), http.StatusOK), apptest.Expect(t, get(file), http.StatusOK)

		// gzip: the same bytes, compressed, under a tag of their own.
		zipped := apptest.Expect(t, get(page, "Accept-Encoding", "br, gzip"), http.StatusOK)
		tag, ztag := first.Header().Get("ETag"), zipped.Header().Get("ETag")
		if zipped.Header().Get("Content-Encoding") != "gzip" || ztag == tag || !strings.HasSuffix(ztag, `-gzip"`) {
			t.Fatalf("gzip answer: encoding %q, tag %s (identity %s)", zipped.Header().Get("Content-Encoding"), ztag, tag)
		}
		if v := zipped.Header().Values("Vary"); !strings.Contains(strings.Join(v, ","), "Accept-Encoding") || !strings.Contains(strings.Join(v, ","), "Cookie") {
			t.Errorf("gzip answer varies by %v", v)
		}
		zr, err := gzip.NewReader(zipped.Body)
		if err != nil {
			t.Fatal(err)
		}
		if plain, _ := io.ReadAll(zr); !bytes.Equal(plain, first.Body.Bytes()) {
			t.Error("the gzipped page is not the page")
		}
		if get(page, "Accept-Encoding", "gzip;q=0").Header().Get("Content-Encoding") != "" {
			t.Error("gzip;q=0 was answered with gzip")
		}
		apptest.Expect(t, get(page, "Accept-Encoding", "gzip", "If-None-Match", ztag), http.StatusNotModified)
		apptest.Expect(t, get(page, "If-None-Match", tag), http.StatusNotModified)
		apptest.Expect(t, get(page, "Accept-Encoding", "gzip", "If-None-Match", tag), http.StatusOK)

		// Language and address are part of the answer.
		english := apptest.Expect(t, get(page, "Cookie", "pingyi_lang=en"), http.StatusOK).Body.String()
		if !strings.Contains(english, "<strong>English</strong>") || strings.Contains(first.Body.String(), "<strong>English</strong>") {
			t.Error("the English page is not the Chinese one in English")
		}
		query := apptest.Expect(t, get(page+"?from=weibo"), http.StatusOK).Body.String()
		if !strings.Contains(query, "next=%2fp%2f"+demo.PreviousCode+"%3ffrom%3dweibo") {
			t.Error("an address with a query is answered with another address's language links")
		}

		// A signed-in reader's page names them and is never shared.
		mine := apptest.Expect(t, h.Page(account.Committee, "GET", page, nil), http.StatusOK)
		if !strings.Contains(mine.Body.String(), "/logout") || mine.Header().Get("Cache-Control") != "private, no-cache" {
			t.Error("a signed-in reader got the strangers' page")
		}
		if strings.Contains(apptest.Expect(t, get(page), http.StatusOK).Body.String(), "/logout") {
			t.Error("a stranger got a signed-in reader's page")
		}

		// The stored publication changes under the cache (it never does in
		// earnest): the answers already given do not.
		if err := h.App.DB.Gorm.Exec("UPDATE publications SET content = ?", []byte(`{"tampered":true}`)).Error; err != nil {
			t.Fatal(err)
		}
		for path, want := range map[string]*httptest.ResponseRecorder{page: first, file: firstFile} {
			again := apptest.Expect(t, get(path), http.StatusOK)
			if again.Header().Get("X-Request-ID") == want.Header().Get("X-Request-ID") || again.Header().Get("Content-Security-Policy") == "" {
				t.Errorf("%s: the cached answer replays the first one's request id or lacks the site's headers", path)
			}
			if !bytes.Equal(again.Body.Bytes(), want.Body.Bytes()) || again.Header().Get("ETag") != want.Header().Get("ETag") ||
				again.Header().Get("Cache-Control") != want.Header().Get("Cache-Control") || again.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
				t.Errorf("%s: the second answer differs from the first", path)
			}
		}
		if got := apptest.Expect(t, get(file), http.StatusOK).Header().Get("X-Pingyi-Digest"); got == "" || got != firstFile.Header().Get("X-Pingyi-Digest") {
			t.Errorf("the cached publication.json has digest header %q", got)
		}

		// What is not published is not kept, and says so.
		apptest.Expect(t, get("/p/"+demo.CampaignCode), http.StatusNotFound)
		apptest.Expect(t, get("/p/"+demo.PreviousCode+"/v/9"), http.StatusNotFound)
		apptest.Expect(t, get("/p/"+demo.PreviousCode+"/v/x/publication.json"), http.StatusNotFound)
	})
}
