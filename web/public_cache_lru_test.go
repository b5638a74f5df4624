package web

import (
	"bytes"
	"net/http"
	"strconv"
	"testing"
)

// TestPublicCacheStaysWithinItsBound: the cache never holds more than
// publicCacheBytes, evicting the least recently used answer first.
func TestPublicCacheStaysWithinItsBound(t *testing.T) {
	old := publicCacheBytes
	publicCacheBytes = 10_000
	defer func() { publicCacheBytes = old }()
	pc := (&Site{}).newPublicCache()
	add := func(i int) {
		pc.put(newAnswer(strconv.Itoa(i), false, http.Header{"Content-Type": {"application/octet-stream"}}, bytes.Repeat([]byte{byte(i)}, 1500)))
	}
	for i := range 4 {
		add(i)
	}
	pc.get("0") // 0 is now the most recently used
	for i := 4; i < 7; i++ {
		add(i)
	}
	if pc.size > publicCacheBytes {
		t.Errorf("the cache holds %d bytes, more than %d", pc.size, publicCacheBytes)
	}
	for key, kept := range map[string]bool{"0": true, "6": true, "1": false, "2": false} {
		if got := pc.get(key) != nil; got != kept {
			t.Errorf("answer %s kept: %v, want %v", key, got, kept)
		}
	}
	pc.put(newAnswer("huge", false, http.Header{}, make([]byte, publicCacheBytes)))
	if pc.get("huge") != nil {
		t.Error("an answer larger than a quarter of the cache was kept")
	}
}
