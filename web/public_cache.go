package web

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/httpx"
)

// Publication day brings thousands of readers a second to one page. A
// published version never changes and its digest names it, so what the
// public handlers answer a stranger is a function of the version's digest,
// the latest version (the page lists the versions), the language and the
// address: publicCache keeps those answers' bytes, keyed by exactly that,
// and serves them without reading or decoding the publication again. The
// key holds nothing a database change could make stale, so several serve
// processes each keep their own cache and stay correct.
//
// Finding the digest for an address is a lookup of the campaign's head
// (two queries, about 0.3 ms of CPU: alone they would cap the site near
// 2,000 requests a second), which changes when a correction is published:
// it is kept for headTTL, so each process asks the database at most once a
// second per address. The latest page already tells browsers and proxies
// to keep it for a minute (cacheLatest), so a second more cannot show
// anyone something the site does not already allow; and a process that
// publishes through its pages forgets the campaign's heads at once, so the
// committee sees its correction on the next request.
//
// Both are variables so that a benchmark can measure the site without them.
var (
	headTTL = time.Second
	// publicCacheBytes bounds the rendered answers kept, least recently
	// used first out: a version's page, files and charts in both languages
	// take about a megabyte.
	publicCacheBytes = 64 << 20
)

const maxHeads = 4096

type publicCache struct {
	s   *Site
	now func() time.Time

	mu      sync.Mutex
	heads   map[headKey]headEntry
	answers map[string]*list.Element // of *answer
	lru     list.List                // most recently used first
	size    int
}

type headKey struct {
	code    string
	version int
}

type headEntry struct {
	digest  string
	version int
	at      time.Time
}

// answer is a public handler's 200 answer to a stranger, as sent.
type answer struct {
	key    string
	header http.Header
	body   []byte
	gz     []byte // body gzipped, for text that gains from it
	tag    string
	page   bool
}

func (s *Site) newPublicCache() *publicCache {
	return &publicCache{s: s, now: time.Now, heads: map[headKey]headEntry{}, answers: map[string]*list.Element{}}
}

// page wraps a handler of a version's page; file a handler of its files.
func (pc *publicCache) page(h gin.HandlerFunc) gin.HandlerFunc { return pc.wrap(true, h) }
func (pc *publicCache) file(h gin.HandlerFunc) gin.HandlerFunc { return pc.wrap(false, h) }

func (pc *publicCache) wrap(page bool, h gin.HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		key, ok := pc.key(c, page)
		if !ok {
			h(c)
			return
		}
		if a := pc.get(key); a != nil {
			pc.serve(c, a)
			return
		}
		before := c.Writer.Header().Clone() // the middleware's, such as the request id
		rec := &recorder{ResponseWriter: c.Writer}
		c.Writer = rec
		h(c)
		c.Writer = rec.ResponseWriter
		if rec.Status() == http.StatusOK && !rec.failed && rec.Header().Get("Set-Cookie") == "" {
			pc.put(newAnswer(key, page, handlerHeaders(before, rec.Header()), rec.body.Bytes()))
		}
	}
}

// key names what a stranger's request is answered with; ok is false when
// the answer is not kept: for the signed in (the page names them) and when
// the address names no published version (the handler says why).
func (pc *publicCache) key(c *gin.Context, page bool) (string, bool) {
	if _, ok := httpx.CurrentUser(c); ok {
		return "", false
	}
	code, version := c.Param("code"), 0
	if c.Param("version") != "" {
		v, err := httpx.PathVersion(c)
		if err != nil {
			return "", false
		}
		version = v
	}
	head, ok := pc.head(c, code, version)
	if !ok {
		return "", false
	}
	parts := []string{head.digest, c.Request.URL.RequestURI()}
	if page {
		latest := head
		if version > 0 {
			if latest, ok = pc.head(c, code, 0); !ok {
				return "", false
			}
		}
		parts = append(parts, strconv.Itoa(latest.version), string(httpx.Lang(c)))
	}
	return strings.Join(parts, "\x00"), true
}

// forgetAfter wraps the publishing handler: once it has run, the
// campaign's heads are looked up again.
func (pc *publicCache) forgetAfter(h gin.HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		h(c)
		code := c.Param("code")
		pc.mu.Lock()
		for k := range pc.heads {
			if k.code == code {
				delete(pc.heads, k)
			}
		}
		pc.mu.Unlock()
	}
}

// head is the published version an address names (0: the latest), at most
// headTTL old.
func (pc *publicCache) head(ctx context.Context, code string, version int) (headEntry, bool) {
	k, now := headKey{code, version}, pc.now()
	pc.mu.Lock()
	e, ok := pc.heads[k]
	pc.mu.Unlock()
	if ok && now.Sub(e.at) < headTTL {
		return e, true
	}
	p, err := pc.s.Review.Head(ctx, code, version)
	if err != nil {
		return headEntry{}, false
	}
	e = headEntry{digest: p.Digest, version: p.Version, at: now}
	pc.mu.Lock()
	if len(pc.heads) >= maxHeads {
		clear(pc.heads)
	}
	pc.heads[k] = e
	pc.mu.Unlock()
	return e, true
}

func (pc *publicCache) get(key string) *answer {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	el, ok := pc.answers[key]
	if !ok {
		return nil
	}
	pc.lru.MoveToFront(el)
	return el.Value.(*answer)
}

func (pc *publicCache) put(a *answer) {
	n, limit := a.bytes(), publicCacheBytes
	if n > limit/4 {
		return
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if _, ok := pc.answers[a.key]; ok {
		return
	}
	pc.answers[a.key] = pc.lru.PushFront(a)
	pc.size += n
	for pc.size > limit {
		old := pc.lru.Remove(pc.lru.Back()).(*answer)
		delete(pc.answers, old.key)
		pc.size -= old.bytes()
	}
}

// newAnswer keeps what the handler sent (h is the answer's from then on). Text is also kept gzipped, once,
// for the readers who accept it: the page shrinks about tenfold.
func newAnswer(key string, page bool, h http.Header, body []byte) *answer {
	a := &answer{key: key, header: h, body: bytes.Clone(body), tag: h.Get("ETag"), page: page}
	if compressible(h.Get("Content-Type")) && len(body) > 1024 {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		a.gz = b.Bytes()
	}
	return a
}

// handlerHeaders are the headers a handler set: those of after that differ
// from before it ran.
func handlerHeaders(before, after http.Header) http.Header {
	h := http.Header{}
	for k, v := range after {
		if !slices.Equal(before[k], v) {
			h[k] = slices.Clone(v)
		}
	}
	return h
}

func compressible(contentType string) bool {
	for _, t := range []string{"text/", "application/json", "image/svg+xml"} {
		if strings.HasPrefix(contentType, t) {
			return true
		}
	}
	return false
}

func (a *answer) bytes() int { return len(a.key) + len(a.body) + len(a.gz) + 512 }

// serve answers from the cache, with the handler's own headers, and 304
// when the reader already holds this representation.
func (pc *publicCache) serve(c *gin.Context, a *answer) {
	h := c.Writer.Header()
	for k, v := range a.header {
		h[k] = slices.Clip(v) // appending copies: the answer is shared
	}
	body, tag := a.body, a.tag
	gz := a.gz != nil && acceptsGzip(c.GetHeader("Accept-Encoding"))
	if gz {
		// Another representation, so another tag (RFC 9110, 8.8.3).
		body, tag = a.gz, strings.TrimSuffix(a.tag, `"`)+`-gzip"`
		h.Set("Content-Encoding", "gzip")
	}
	notModified := pc.s.notModified(c, tag, a.header.Get("Cache-Control"), a.page)
	if a.gz != nil {
		h["Vary"] = append(slices.Clip(h["Vary"]), "Accept-Encoding")
	}
	if notModified {
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	c.Status(http.StatusOK)
	c.Writer.Write(body)
}

// acceptsGzip reads Accept-Encoding, honouring "gzip;q=0".
func acceptsGzip(accept string) bool {
	for _, part := range strings.Split(accept, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(name) != "gzip" {
			continue
		}
		q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		return !ok || strings.Trim(q, "0.") != ""
	}
	return false
}

// recorder keeps a copy of what a handler writes.
type recorder struct {
	gin.ResponseWriter
	body   bytes.Buffer
	failed bool
}

func (r *recorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.body.Write(b[:n])
	r.failed = r.failed || err != nil
	return n, err
}

func (r *recorder) WriteString(s string) (int, error) { return r.Write([]byte(s)) }
