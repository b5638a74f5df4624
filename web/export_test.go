package web

import "time"

// PublicCacheKnobs lets benchmarks measure the public pages without their
// cache.
var PublicCacheKnobs = struct {
	HeadTTL *time.Duration
	Bytes   *int
}{&headTTL, &publicCacheBytes}
