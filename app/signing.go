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
		return derivedSigner(keys, signing.DefaultOrganizer)
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

// derivedSigner is an organiser's Ed25519 signer, its seed derived from
// the secret key and the organiser's code: every serve process signs a
// county's versions with the same key, and no key file per organiser is
// needed.
func derivedSigner(keys *secret.Keys, organizer string) (*signing.Signer, error) {
	return signing.NewSigner(organizer, keys.MAC(secret.Identity, []byte("pingyi/signing/ed25519/"+organizer)))
}

// organizerSigners gives each organiser its own key: the default
// organiser's is loadSigner's (PINGYI_SIGNING_KEY when set), the others'
// derived from the secret key.
func organizerSigners(def *signing.Signer, keys *secret.Keys) func(string) (*signing.Signer, error) {
	return func(organizer string) (*signing.Signer, error) {
		if organizer == signing.DefaultOrganizer {
			return def, nil
		}
		return derivedSigner(keys, organizer)
	}
}
