package app

import (
	"fmt"
	"strings"

	"pingyi/secret"
	"pingyi/signing"
)

// loadSigner returns the signer of published versions: the organiser
// default's key from PINGYI_SIGNING_KEY (an Ed25519 seed, or "sm2:" and an
// SM2 one), or, without it, an Ed25519 key derived from the secret key, so
// that every deployment signs. Rotating either variable rotates the key;
// the retired key stays listed (review.SigningKeys).
func loadSigner(cfg Config, keys *secret.Keys) (*signing.Signer, error) {
	if cfg.SigningKey == "" {
		seed := keys.MAC(secret.Identity, []byte("pingyi/signing/ed25519/"+signing.DefaultOrganizer))
		return signing.NewSigner(signing.DefaultOrganizer, seed)
	}
	algorithm, seed := signing.Ed25519, cfg.SigningKey
	if rest, ok := strings.CutPrefix(seed, "sm2:"); ok {
		algorithm, seed = signing.SM2, rest
	}
	raw, err := secret.Parse(seed)
	if err != nil {
		return nil, fmt.Errorf("PINGYI_SIGNING_KEY: %w", err)
	}
	return signing.NewSignerOf(signing.DefaultOrganizer, algorithm, raw)
}
