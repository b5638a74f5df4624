package app

import (
	"fmt"

	"pingyi/secret"
	"pingyi/signing"
)

// loadSigner returns the signer of published versions: the organiser
// default's key from PINGYI_SIGNING_KEY, or, without it, a key derived from
// the secret key, so that every deployment signs. Rotating either variable
// rotates the key; the retired key stays listed (review.SigningKeys).
func loadSigner(cfg Config, keys *secret.Keys) (*signing.Signer, error) {
	seed := keys.MAC(secret.Identity, []byte("pingyi/signing/ed25519/"+signing.DefaultOrganizer))
	if cfg.SigningKey != "" {
		raw, err := secret.Parse(cfg.SigningKey)
		if err != nil {
			return nil, fmt.Errorf("PINGYI_SIGNING_KEY: %w", err)
		}
		seed = raw
	}
	return signing.NewSigner(signing.DefaultOrganizer, seed)
}
