// Package phone runs the telephone survey of service users on top of the
// pure building blocks in sampling: it imports and seals the sampling
// frames units provide, plans, witnesses and executes verifiable draws,
// releases the sample in replicates, hands cases to operators through a
// call queue whose locks live in the database, records every attempt with
// its AAPOR disposition, stores completed interviews through
// responses.Submit, and reports progress and outcome rates.
//
// Phone numbers and names are personal data. They are stored only sealed
// under their frame's data key (datakey.go; secret.Phone for frames from
// before frames had keys), matched by keyed hashes, opened only for the
// operator who holds the case, and erased per campaign once it closes by
// destroying that key. Nothing in
// this package logs, audits or exports them.
//
// The files each hold one concern:
//
//	model.go              the rows of the phone_* tables
//	store.go              Store and the lookups every file shares
//	settings.go, hours.go the campaign's calling rules and calling hours
//	frameimport.go        importing a contact list into the frame
//	datakey.go            each frame's data key, which seals its contacts
//	donotcall.go          the do-not-call list
//	framestream.go        the frozen frame as the draw reads it
//	plan.go, execute.go   planning, witnessing and executing a draw
//	release.go            releasing replicates and keeping weights N_h/n_h
//	verify.go             re-deriving a draw: `pingyi sample verify`
//	queue.go              the call queue: next case, leases
//	outcome.go            recording attempts, appointments, quotas
//	interview.go          a completed interview, through responses.Submit
//	rates.go, progress.go AAPOR counts and rates, productivity, progress
//	erase.go              destroying a closed campaign's numbers
package phone
