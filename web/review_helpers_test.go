package web_test

import (
	"net/http/httptest"
	"strconv"

	"pingyi/app/apptest"
	"pingyi/scoring"
)

type httpRecorder = httptest.ResponseRecorder

func httptestGet(h *apptest.Harness, path, etag string) *httpRecorder {
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("If-None-Match", etag)
	return h.Do(req)
}

func atoi(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

func opt2(x float64) string { return strconv.FormatFloat(scoring.RoundHalfAway(x, 2), 'f', 2, 64) }
