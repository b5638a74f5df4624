// Package review is the evaluation committee's part of a campaign: the
// quality flags it reviews, its approvals of score runs by quorum, and the
// publication of an approved run as an immutable, verifiable, versioned
// document.
//
// # Quorum
//
// A run is approved when Settings.Quorum committee members have approved
// that exact run; with Quorum 0 (the default) a majority of the committee
// accounts that are active at the time of publishing: ⌊n/2⌋+1 of n. Only
// approvals by committee accounts that are active then count, so a
// disabled account's approval no longer carries a run. An approval is of a
// run, and a run is of its inputs: publishing checks that the run's input
// digest equals a fresh digest of the responses that count now and the
// campaign's configuration (scoring.InputDigest), so any exclusion or
// reinstatement after the run needs a new run and new approvals.
//
// # Publication digest
//
// A publication's content is the JSON document served at
// /p/CODE/v/N/publication.json, byte for byte as stored; its digest is the
// lowercase hex SHA-256 of exactly those bytes (`sha256sum
// publication.json` recomputes it). The document holds the campaign, the
// version, the time of publication, the change note, the previous
// version's digest (null for version 1, so the versions form a chain), the
// score run's id and its input and result digests, the quorum and the
// number of approvals, the method's inputs (groups and their weights,
// indicators and theirs, the scale, sample sizes by group and channel,
// min_sample, bootstrap replicates, seed, tie decimals, the phone survey's
// response rates where recorded), the tiers, the campaign it is compared
// with (by code, version and digest) and every unit's published numbers.
// See Content. `pingyi audit verify` recomputes every digest, follows the
// chain, and checks each against the digest the audit log recorded when
// the version was published.
package review

import (
	"context"
	"pingyi/signing"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/responses"
	"pingyi/results"
	"pingyi/storage"
	"pingyi/survey"
)

// Members is what review needs to know of staff accounts: who is on the
// committee now.
type Members interface {
	List(ctx context.Context) ([]account.User, error)
}

// PhoneRateSource reports the phone survey's AAPOR outcome rates for a
// campaign, or nil when it recorded none; a publication then says that no
// rates were recorded, never a number. It is an interface so that review
// does not depend on the phone survey: the application wires the two.
type PhoneRateSource interface {
	PhoneRates(ctx context.Context, code string) (*PhoneRates, error)
}

// Store keeps settings, approvals and publications.
type Store struct {
	db        *storage.DB
	audit     *audit.Log
	survey    *survey.Store
	responses *responses.Store
	runs      *results.Store
	members   Members
	rates     PhoneRateSource
	signer    *signing.Signer // nil: versions are published unsigned
	// signers, when set, gives each organiser's signer (UseSigners).
	signers func(organizer string) (*signing.Signer, error)
	draws   DrawSource // nil: versions carry no draw files
}

// NewStore returns the review store; rates may be nil.
func NewStore(db *storage.DB, log *audit.Log, campaigns *survey.Store, answers *responses.Store, runs *results.Store, members Members, rates PhoneRateSource) *Store {
	return &Store{db: db, audit: log, survey: campaigns, responses: answers, runs: runs, members: members, rates: rates}
}
