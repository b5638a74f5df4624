# Times R on the synthetic campaign that BenchmarkRun uses (42,000 responses
# × 82 units × 4 indicators): steps 1–5 for every unit and group with the
# survey package as SPEC.md describes (svydesign + svymean per unit and
# group), and the bootstrap of step 6 written with data.table, timed on 10
# replicates and extrapolated to 1000. It also checks R's point estimates
# against Go's on the same data.
#
# Export the data first (about 400 MB, not committed), then run, from the
# repository root:
#
#   PINGYI_BENCH_EXPORT=/tmp/pingyi-bench go test ./scoring -run TestExportSyntheticForR
#   Rscript scoring/testdata/bench/bench.R /tmp/pingyi-bench

suppressPackageStartupMessages({
  library(data.table)
  library(survey)
  library(jsonlite)
})
options(survey.lonely.psu = "certainty")
setDTthreads(2)

dir <- commandArgs(trailingOnly = TRUE)[1]
cfg <- fromJSON(file.path(dir, "config.json"))
go <- fromJSON(file.path(dir, "go_result.json"), simplifyVector = FALSE)

t_read <- system.time({
  R <- fread(file.path(dir, "responses.csv"), colClasses = "character", na.strings = NULL)
  X <- fread(file.path(dir, "ratings.csv"), colClasses = "character", na.strings = NULL)
  R[, weight := as.numeric(weight)]
})

scale <- as.data.table(cfg$scale)
scale[, satisfied := !is.na(satisfied) & satisfied]
scale[, excluded := !is.na(excluded) & excluded]
inds <- as.data.table(cfg$indicators)
inds[, main := is.na(auxiliary) | !auxiliary]
groups <- as.data.table(cfg$groups)
units <- as.data.table(cfg$units)
R[stratum == "", stratum := "(single)"]

t_point <- system.time({
  # Step 1: y_ru, k_ru, s_ru over the valid main ratings.
  M <- X[scale, on = c(option = "code"), nomatch = NULL][inds, on = c(indicator_code = "code"), nomatch = NULL]
  M <- M[excluded == FALSE & main == TRUE]
  Y <- M[, .(y = sum(weight * score) / sum(weight), k = .N, s = sum(satisfied)), by = .(response_ref, unit_code)]
  setkey(Y, unit_code)
  # Steps 2, 3, 5 per unit and group through svydesign, then step 4.
  by_group <- split(R, by = "group")
  est <- rbindlist(lapply(units$code, function(u) {
    Yu <- Y[.(u)]
    rbindlist(lapply(seq_len(nrow(groups)), function(gi) {
      Dg <- copy(by_group[[groups$code[gi]]])
      at <- match(Dg$response_ref, Yu$response_ref)
      Dg[, counts := !is.na(at)]
      Dg[, y := ifelse(counts, Yu$y[at], 0)]
      Dg[, s := ifelse(counts, Yu$s[at], 0)]
      Dg[, k := ifelse(counts, Yu$k[at], 1)]
      sub <- subset(svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = Dg), counts)
      m <- svymean(~y, sub)
      data.table(unit = u, group = groups$code[gi], b = groups$weight[gi], n = sum(Dg$counts),
                 score = coef(m)[[1]], v = vcov(m)[1, 1], rate = coef(svyratio(~s, ~k, sub))[[1]])
    }))
  }))
  est[, counted := n >= groups$min_sample[match(group, groups$code)] & b > 0]
  idx <- est[counted == TRUE, .(index = sum(b * score) / sum(b), se = sqrt(sum(b^2 * v)) / sum(b),
                                rate = sum(b * rate) / sum(b)), by = unit]
})

# Compare with Go.
rel <- function(a, b) abs(a - b) / pmax(abs(a), abs(b))
worst <- 0
for (gu in go$units) {
  r <- idx[unit == gu$unit_code]
  worst <- max(worst, rel(r$index, gu$index), rel(r$se, gu$se), rel(r$rate, gu$satisfaction_rate))
  for (g in names(gu$groups)) {
    e <- est[unit == gu$unit_code & group == g]
    worst <- max(worst, rel(e$score, gu$groups[[g]]$score), rel(sqrt(e$v), gu$groups[[g]]$se),
                 rel(e$rate, gu$groups[[g]]$satisfaction_rate))
  }
}

# Step 6's bootstrap: resample n_h responses with replacement in every
# stratum, redo steps 2 and 4, rank within categories. For timing only:
# R's round() stands in for rounding half away from zero.
boot_replicates <- 10
t_boot <- system.time({
  R[, pos := .I]
  strata <- split(R$pos, paste(R$group, R$stratum))
  YR <- Y[R, on = "response_ref", nomatch = NULL][, .(pos, unit_code, group, weight, y)]
  ms <- setNames(groups$min_sample, groups$code)
  bw <- setNames(groups$weight, groups$code)
  cat_of <- setNames(units$category, units$code)
  set.seed(1)
  for (b in seq_len(boot_replicates)) {
    mult <- integer(nrow(R))
    for (h in strata) {
      t <- tabulate(sample.int(length(h), length(h), replace = TRUE), length(h))
      mult[h] <- t
    }
    YR[, c := mult[pos]]
    S <- YR[c > 0, .(m = sum(c * weight * y) / sum(c * weight), n = sum(c)), by = .(unit_code, group)]
    S <- S[n >= ms[group] & bw[group] > 0, .(index = sum(bw[group] * m) / sum(bw[group])), by = unit_code]
    S[, cat := cat_of[unit_code]]
    S[, rank := frank(-round(index, 2), ties.method = "min"), by = cat]
  }
})

cat(sprintf("R %s, survey %s, data.table %s\n", getRversion(), packageVersion("survey"), packageVersion("data.table")))
cat(sprintf("read CSV:                        %6.1f s elapsed\n", t_read[["elapsed"]]))
cat(sprintf("steps 1-5 (svymean, 246 cells):  %6.1f s elapsed\n", t_point[["elapsed"]]))
cat(sprintf("bootstrap, %d replicates:         %6.1f s elapsed, so about %.0f s for 1000\n",
            boot_replicates, t_boot[["elapsed"]], t_boot[["elapsed"]] * 1000 / boot_replicates))
cat(sprintf("largest relative difference from Go: %.3g\n", worst))
