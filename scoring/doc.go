// Package scoring turns a campaign's responses into the satisfaction indices,
// standard errors, intervals and ranks that Pingyi publishes. It is pure
// computation: no database, no HTTP, no clock. The formulas are the product
// contract's (SPEC.md, "Scoring", steps 1–7) and are implemented literally.
//
// The pipeline inside [Run]:
//
//  1. Ingest (ingest.go): the response stream is read once, validated and
//     copied into compact per-response storage; nothing of the caller's
//     buffers is retained.
//  2. Canonical order (layout.go): responses are sorted by group, stratum and
//     Ref, so every floating-point sum is taken in an order that does not
//     depend on the order of the input.
//  3. Point estimates (estimate.go): steps 1 (respondent unit scores y_ru),
//     2 (group scores m_ug), 5 (satisfaction rates) and 7 (indicator scores).
//  4. Variance (variance.go): step 3, the two-pass design-based variance of
//     each group score.
//  5. Index (combine.go): step 4, groups reaching min_sample combined with
//     the group weights.
//  6. Rank (rank.go): step 6, competition ranks within each category, ties
//     decided on indices rounded half away from zero.
//  7. Rank intervals (bootstrap.go): step 6's stratified bootstrap,
//     reproducible on every machine.
//
// [InputDigest] documents the hash that identifies the input of a run, [AHP]
// derives indicator weights from a pairwise matrix, and [WriteCSV] and
// [WriteTable] render results for the command line.
//
// Every floating-point accumulation is written acc += float64(a*b): the
// conversion forces the product to be rounded on its own, which stops Go from
// fusing it into a multiply-add on arm64, ppc64 or s390x, so the published
// numbers are identical on every architecture.
package scoring
