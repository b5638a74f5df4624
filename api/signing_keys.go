package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/httpx"
	"pingyi/signing"
)

// signingKeyJSON is one organiser key as /.well-known/pingyi-signing-keys
// lists it; `pingyi verify` reads the same document (signing.KeyList).
type signingKeyJSON struct {
	ID          string     `json:"id"`
	Organizer   string     `json:"organizer"`
	Algorithm   string     `json:"algorithm"`
	PublicKey   string     `json:"public_key"`
	Fingerprint string     `json:"fingerprint"`
	ValidFrom   time.Time  `json:"valid_from"`
	ValidTo     *time.Time `json:"valid_to"`
}

type signingKeysJSON struct {
	Keys []signingKeyJSON `json:"keys"`
}

// signingKeysRoutes serve the keys that sign published versions, current
// and retired, for anyone.
func (s *Server) signingKeysRoutes(e *gin.Engine) {
	s.On(e, "GET", "/.well-known/pingyi-signing-keys", httpx.Public, s.signingKeys)
}

func (s *Server) signingKeys(c *gin.Context) {
	list, err := s.Review.SigningKeys(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := signingKeysJSON{Keys: make([]signingKeyJSON, len(list.Keys))}
	for i, k := range list.Keys {
		out.Keys[i] = signingKeyJSON{ID: k.ID, Organizer: k.Organizer, Algorithm: k.Algorithm, PublicKey: k.PublicKey,
			Fingerprint: k.Fingerprint(), ValidFrom: k.ValidFrom, ValidTo: k.ValidTo}
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.JSON(http.StatusOK, out)
}

// signingKeysReview is what signing_keys.go needs of review.
type signingKeysReview interface {
	SigningKeys(ctx context.Context) (signing.KeyList, error)
}
