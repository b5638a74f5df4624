// Package scoring turns a campaign's responses into the satisfaction indices,
// standard errors, intervals and ranks that Pingyi publishes. It is pure
// computation: no database, no HTTP, no clock. The formulas are the product
// contract's (SPEC.md, "Scoring", steps 1–8) and are implemented literally;
// testdata/reference checks every published number against R's survey
// package.
//
// The pipeline inside [Run]:
//
//  1. Ingest (ingest.go): the response stream is read once, validated and
//     copied into compact per-response storage; nothing of the caller's
//     buffers is retained.
//  2. Canonical order (layout.go), below.
//  3. Point estimates (estimate.go): steps 1 (respondent unit scores y_ru),
//     2 (group scores m_ug), 5 (satisfaction rates) and 7 (indicator
//     scores); the (unit, y_ru) pairs are kept compactly (counts.go).
//  4. Variance (variance.go): step 3, two-pass.
//  5. Index (combine.go): step 4, the groups reaching min_sample combined
//     with the group weights; 95% interval S_u ± 1.959964·SE_u.
//  6. Rank (rank.go): step 6, competition ranks (1, 2, 2, 4) within each
//     category and level (levels.go: a department is level 1, its stations
//     level 2, …), ties decided by [RoundHalfAway] to Config.TieDecimals.
//     A unit with units directly below it also reports their summary
//     (stations.go), which never changes its own numbers.
//  7. Rank intervals (bootstrap.go), below.
//
// [UnitScorer] gives step 1's y_ru one response at a time, for checks
// outside a run. [AHP] derives indicator weights from a pairwise matrix, [WriteCSV] and
// [WriteTable] render results for the command line, and [Synthetic] makes
// realistic test campaigns.
//
// # Canonical order
//
// Responses are processed by group (campaign order), then stratum name, then
// Ref (both in byte order); ratings by unit, then indicator (campaign
// order). Every floating-point sum runs in this order, so permuting the
// input changes no bit of the result.
//
// # Input digest
//
// Result.InputDigest is the lowercase hex SHA-256 of the byte string below;
// [InputDigest] computes it alone, without the run.
// Integers are big-endian; str is a uint32 byte length followed by the UTF-8
// bytes; f64 is the IEEE-754 binary64 bit pattern as a uint64; bool is one
// byte, 0 or 1. Indices are positions in the Config slices, whose codes
// precede them. Every rating counts, 不了解 included; the order of the input
// does not matter.
//
//	"pingyi-scoring-input-v1\n" (24 bytes)
//	uint32 len(Units),      per unit:      str Code, str Category
//	uint32 len(Indicators), per indicator: str Code, f64 Weight, bool Auxiliary
//	uint32 len(Options),    per option:    str Code, f64 Score, bool Satisfied, bool Excluded
//	uint32 len(Groups),     per group:     str Code, f64 Weight, int64 MinSample
//	int64 Bootstrap, uint64 Seed, int64 TieDecimals
//	uint64 number of responses, then per response in ascending byte order of Ref:
//	    str Ref, uint32 Group, str Stratum, f64 Weight, uint32 number of ratings,
//	    per rating in ascending order of (unit index, indicator index):
//	        uint16 unit index, uint8 indicator index, uint8 option index
//	only when Config.Hotline is set (a definition with components):
//	    str "hotline", f64 Survey, f64 Hotline, f64 Weights[k] for the five
//	    rates in RateCodes order, int64 MinCases, int64 MinRateN,
//	    uint32 len(Units), per unit in campaign order: int64 Cases, then per
//	    rate in RateCodes order: int64 Num, int64 Den
//	only when some unit has a Parent (a campaign with stations):
//	    str "parents", uint32 len(Units), per unit in campaign order:
//	    str Parent ("" for a department)
//
// # Public input digest
//
// A published version carries a second digest, computed by
// [PublicInputDigest] from exactly what its public files hold ([PublicData]
// computes it for the publisher in the pass that writes them), so that
// anyone can rebuild it without the database: the configuration is the one
// publication.json's method states (weights as written, min_sample,
// bootstrap, seed, tie_decimals, and the hotline's when it has one), the
// responses are the rows of responses.csv and the hotline counts the rows
// of appeals.csv. It is the byte string of the input digest above with
// three changes:
//
//	the header is "pingyi-public-input-v1\n" (23 bytes);
//	after int64 TieDecimals come uint32 len(Groups) and, per group in
//	    campaign order, int64 the number of its responses whose data are
//	    withheld (publish_data "none"; 0 otherwise);
//	the responses are only those published, each with Ref = its
//	    response_id as ten decimal digits ([PublicRef]), so "ascending byte
//	    order of Ref" is the order of response_id.
//
// response_id is a response's position, 1, 2, …, in canonical order
// ([Canonical]), which is the order the bootstrap draws from: the public
// responses, sorted by these Refs, fall in the same canonical order as the
// originals, and a run over them reproduces every number bit for bit.
// The run's own input digest (above) is unchanged and stays the one score
// runs and approvals record; it covers the refs, which are not public.
//
// # Hotline component
//
// With Config.Hotline (step 8), each unit's hotline score H_u is computed
// once from its appeal counts ([Hotline.HotlineScore]); a unit with both
// S_u and H_u has the index I_u = (w_s S_u + w_h H_u)/(w_s + w_h), written
// (float64(w_s·S_u) + float64(w_h·H_u)) / (w_s + w_h), and the SE
// float64(w_s·SE_S)/(w_s + w_h). Ranks, in the point estimate and in every
// replicate, are by this index, H_u unchanged in the replicates. A unit
// without H_u keeps S_u and is flagged no_hotline; its components report
// the survey's weight as 1 and the hotline's as 0.
//
// # Rank intervals
//
// Replicate b = 0, 1, …, B−1 draws from its own generator: gonum's
// Xoshiro256** (prng.NewXoshiro256starstar, which expands its seed with
// SplitMix64) seeded with s_b, the first output of SplitMix64 seeded with
// Seed XOR t_b, where t_b is the first output of SplitMix64 seeded with b.
// For each stratum in canonical order, holding n_h responses at positions
// 0…n_h−1 in Ref order, it draws n_h times j = bounded(n_h) and adds 1 to
// the multiplicity c_r of the response at position j. bounded(n) is
// Lemire's method: x is the generator's next uint64 and (hi, lo) the 128-bit
// product x·n; while lo < (2⁶⁴ − n) mod n, x is redrawn; the result is hi.
//
// The replicate then redoes steps 1–6: for each response with c_r > 0 in
// canonical order and each unit u it counts for, in unit order, it adds
// float64(float64(c_r)·w_r · y_ru) to Σ c w y, float64(c_r)·w_r to Σ c w
// and c_r to n_ug of (g, u); steps 2 and 4 follow, min_sample applied to
// n_ug, and the units are ranked as in step 6. y_ru is step 1's value.
//
// Of a unit's ranks in the B' replicates where it has an index, rank_low is
// the ⌈0.025·B'⌉-th smallest and rank_high the ⌈0.975·B'⌉-th, the ceilings
// computed in integers as (25·B'+999)/1000 and (975·B'+999)/1000 (0.025·B'
// in binary floating point is not always what it looks like). B' = 0 gives
// null. Replicates run in parallel, but each depends only on (Seed, b).
//
// # Identical on every machine
//
// Go may fuse x*y+z into one multiply-add on arm64, ppc64 or s390x, which
// rounds once instead of twice. Every product that is added is therefore
// written float64(a*b): the explicit conversion forces the rounding and
// forbids the fusion, so results are bit-identical across architectures.
//
// # Decisions where the SPEC is silent
//
//   - A group with weight 0 is reported for a unit but never counted: it
//     would add nothing to S_u or SE_u. A unit whose only groups reaching
//     min_sample have weight 0 has no index (insufficient_sample).
//   - A response counts for a unit when the weights of the main indicators
//     it rated validly sum to more than 0; with positive weights this is
//     the SPEC's rule, and a lone zero-weight rating would make y_ru = 0/0.
//   - Step 5's sums run over the responses that count for the unit.
//   - min_sample below 1 acts as 1: a group score needs a response.
//   - The stratum "" is a stratum like any other; strata are per group.
//   - Weights must lie in [1e-12, 1e12] (design) or [0, 1e12] (groups,
//     indicators) and scores in [−1e12, 1e12], so no sum can overflow.
//   - "Rounded to tie_decimals" rounds the shortest decimal that reads back
//     as the index (what strconv.FormatFloat(x, 'f', -1, 64) prints), so
//     2.675 ties with 2.68, as on paper.
package scoring
