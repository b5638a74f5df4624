package responses_test

import (
	"bytes"
	"testing"

	"pingyi/audit"
	"pingyi/responses"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/survey"
	"pingyi/validation"
)

// stores is a campaign's two stores as the tests use them: s.Create and
// s.SetStatus reach survey, s.Submit and s.Exclude reach responses.
type stores struct {
	*campaigns
	*answers
}

type (
	campaigns = survey.Store
	answers   = responses.Store
)

func newStore(t testing.TB, db *storage.DB) stores {
	t.Helper()
	log := audit.New(db, keysOf(t))
	s := survey.NewStore(db, log, validation.New())
	return stores{s, responses.NewStore(db, log, s)}
}

func keysOf(t testing.TB) *secret.Keys {
	keys, err := secret.New(bytes.Repeat([]byte{5}, secret.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return keys
}
