// Package sampling holds the pure building blocks of the telephone survey:
// normalising and masking the phone numbers clerks type into frame sheets,
// allocating a sample over strata, sizing it, drawing it so that anyone
// holding the revealed seed can prove the list was not hand-picked, and the
// AAPOR dispositions and outcome rates that describe how the calls went.
//
// Nothing here touches a database, the network or a clock, and nothing here
// logs, prints or exports a phone number: errors about numbers carry a
// reason and never the number, a Phone formats itself masked, and the draw
// works on keyed hashes of numbers (PhoneKey), never on the numbers. Storage,
// the frame import, the call queue and the operator console are built on top
// of this package elsewhere.
//
// Errors are sentinels to test with errors.Is; their texts, Chinese and
// English, serve logs and the report of `pingyi sample verify`. Only the
// caller knows whether a refusal is the user's doing and how to say it in
// the user's terms, so it turns them into fault errors. A PhoneError is the
// exception: the frame import shows it row by row as it is, so its text is
// a message of the catalogue (PhoneError.Reason).
//
// The files each hold one concern:
//
//	phone.go, phoneerr.go  NormalizePhone and the reasons it refuses a cell
//	privacy.go             MaskPhone, masked printing of Phone, PhoneKey
//	allocate.go            Allocate: equal, proportional and Neyman allocation
//	overdraw.go            Overdraw and the ceiling that ignores float noise
//	samplesize.go          CalculateSampleSize: z, n0, finite population correction
//	seed.go                the seed, its published commitment, the draw seed
//	frame.go               Entry and the order-independent FrameDigester
//	selector.go            Priority and the bounded per-stratum Selector
//	draw.go, pipeline.go   Draw and VerifyDraw, the record `pingyi sample verify` checks
//	replicate.go           Replicates and DesignWeight
//	disposition.go         the AAPOR telephone disposition codes
//	aapor.go               Counts and the RR, COOP, REF and CON rates
package sampling
