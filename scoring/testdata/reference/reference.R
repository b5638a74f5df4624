# Expected numbers for scoring/reference_test.go, computed independently of
# the Go code with R's survey package, following SPEC.md "Scoring" literally.
#
# Regenerate from the repository root (R >= 4, packages survey and jsonlite):
#
#   Rscript scoring/testdata/reference/reference.R scoring/testdata/reference \
#       scoring/testdata/reference/expected.csv
#
# Output: one line per number, "unit_code,field,value", numbers written with
# %.17g, NA for null. Fields: index, se, ci_low, ci_high, satisfaction_rate,
# rank, flags, then group.<code>.{score,se,n,satisfaction_rate,counted} for
# every group with at least one response counting for the unit, then
# indicator.<code> for every indicator.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
options(survey.lonely.psu = "certainty") # a stratum with one response adds 0

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: reference.R DATA_DIR OUTPUT_FILE")
cfg <- fromJSON(file.path(args[1], "config.json"), simplifyVector = FALSE)
D <- read.csv(file.path(args[1], "responses.csv"), colClasses = "character",
              na.strings = character(0), encoding = "UTF-8")
D$weight <- as.numeric(D$weight)

field <- function(l, name, default) sapply(l, function(e) if (is.null(e[[name]])) default else e[[name]])
opt_codes <- field(cfg$scale, "code", NA)
opt_score <- setNames(field(cfg$scale, "score", 0), opt_codes)
opt_sat <- setNames(field(cfg$scale, "satisfied", FALSE), opt_codes)
opt_excl <- setNames(field(cfg$scale, "excluded", FALSE), opt_codes)
ind_codes <- field(cfg$indicators, "code", NA)
ind_main <- setNames(!field(cfg$indicators, "auxiliary", FALSE), ind_codes)
a <- setNames(field(cfg$indicators, "weight", 0), ind_codes)
grp_codes <- field(cfg$groups, "code", NA)
b <- setNames(field(cfg$groups, "weight", 0), grp_codes)
min_sample <- setNames(field(cfg$groups, "min_sample", 0), grp_codes)
unit_codes <- field(cfg$units, "code", NA)
unit_cat <- setNames(field(cfg$units, "category", ""), unit_codes)
tie_decimals <- cfg$scoring$tie_decimals

# Valid ratings: the option is not excluded (不了解).
V <- D[!opt_excl[D$option], ]
V$x <- unname(opt_score[V$option])

# Step 1: y_ru = sum_i a_i x_rui / sum_i a_i over the main indicators rated
# validly; k_ru and s_ru count them and their satisfied options.
M <- V[ind_main[V$indicator_code], ]
M$a <- unname(a[M$indicator_code])
M$ax <- M$a * M$x
M$k <- 1
M$s <- as.numeric(opt_sat[M$option])
Y <- aggregate(cbind(ax, a, k, s) ~ response_ref + unit_code, data = M, FUN = sum)
Y$y <- Y$ax / Y$a

# One row per response; "" (the group's single stratum) gets a visible name.
R <- D[!duplicated(D$response_ref), c("response_ref", "group", "stratum", "weight")]
R$stratum[R$stratum == ""] <- "(single)"

# Steps 2, 3 and 5 for one unit and group, through svydesign as in the SPEC.
group_estimate <- function(u, g) {
  Dg <- R[R$group == g, ]
  Yu <- Y[Y$unit_code == u, ]
  at <- match(Dg$response_ref, Yu$response_ref)
  Dg$counts <- !is.na(at)
  if (!any(Dg$counts)) return(NULL)
  Dg$y <- ifelse(Dg$counts, Yu$y[at], 0)
  Dg$s <- ifelse(Dg$counts, Yu$s[at], 0)
  Dg$k <- ifelse(Dg$counts, Yu$k[at], 1)
  des <- svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = Dg)
  sub <- subset(des, counts)
  m <- svymean(~y, sub)
  list(score = unname(coef(m)), v = unname(vcov(m)[1, 1]), n = sum(Dg$counts),
       rate = unname(coef(svyratio(~s, ~k, sub))))
}

# Step 7 for one unit, indicator and group: the weighted mean of x over the
# responses of the group that rated the indicator validly for the unit.
indicator_estimate <- function(u, i, g) {
  Vi <- V[V$unit_code == u & V$indicator_code == i & V$group == g, ]
  list(n = nrow(Vi), score = if (nrow(Vi) > 0) sum(Vi$weight * Vi$x) / sum(Vi$weight) else NA)
}

counted <- function(g, n) n >= max(min_sample[[g]], 1) && b[[g]] > 0

# The decimal key a number rounds to at d decimals, half away from zero,
# rounding the shortest decimal that reads back as x (as the SPEC's
# "rounded to tie_decimals" is read by a person), as an exact integer.
shortest_fixed <- function(x) {
  for (f in 0:30) {
    s <- sprintf("%.*f", f, x)
    if (as.numeric(s) == x) return(s)
  }
  stop("no round-tripping representation")
}
rounded_key <- function(x, d) {
  parts <- strsplit(shortest_fixed(abs(x)), ".", fixed = TRUE)[[1]]
  frac <- if (length(parts) > 1) parts[2] else ""
  frac <- paste0(frac, strrep("0", max(0, d + 1 - nchar(frac))))
  n <- as.numeric(paste0(parts[1], substr(frac, 1, d)))
  if (substr(frac, d + 1, d + 1) >= "5") n <- n + 1
  sign(x) * n
}

out <- character(0)
emit <- function(u, f, v) out <<- c(out, paste(u, f, v, sep = ","))
num <- function(x) if (is.null(x) || is.na(x)) "NA" else sprintf("%.17g", x)

units <- list()
for (u in unit_codes) {
  groups <- list()
  S <- 0; B <- 0; V2 <- 0; RATE <- 0
  for (g in grp_codes) {
    e <- group_estimate(u, g)
    if (is.null(e)) next
    e$counted <- counted(g, e$n)
    groups[[g]] <- e
    if (e$counted) { # step 4
      S <- S + b[[g]] * e$score; B <- B + b[[g]]
      V2 <- V2 + b[[g]]^2 * e$v; RATE <- RATE + b[[g]] * e$rate
    }
  }
  ind <- list()
  for (i in ind_codes) {
    IS <- 0; IB <- 0
    for (g in grp_codes) {
      e <- indicator_estimate(u, i, g)
      if (counted(g, e$n)) { IS <- IS + b[[g]] * e$score; IB <- IB + b[[g]] }
    }
    ind[[i]] <- if (IB > 0) IS / IB else NA
  }
  has <- B > 0
  units[[u]] <- list(
    index = if (has) S / B else NA, se = if (has) sqrt(V2) / B else NA,
    rate = if (has) RATE / B else NA, groups = groups, ind = ind)
}

# Step 6: competition ranks within each category on the rounded indices.
rank_of <- setNames(rep(NA_integer_, length(unit_codes)), unit_codes)
for (cat in unique(unit_cat)) {
  us <- unit_codes[unit_cat == cat & sapply(unit_codes, function(u) !is.na(units[[u]]$index))]
  if (length(us) == 0) next
  keys <- sapply(us, function(u) rounded_key(units[[u]]$index, tie_decimals))
  rank_of[us] <- as.integer(rank(-keys, ties.method = "min"))
}

for (u in unit_codes) {
  x <- units[[u]]
  has <- !is.na(x$index)
  emit(u, "index", num(x$index))
  emit(u, "se", num(x$se))
  emit(u, "ci_low", if (has) num(x$index - 1.959964 * x$se) else "NA")
  emit(u, "ci_high", if (has) num(x$index + 1.959964 * x$se) else "NA")
  emit(u, "satisfaction_rate", num(x$rate))
  emit(u, "rank", if (has) as.character(rank_of[[u]]) else "NA")
  emit(u, "flags", if (has) "" else "insufficient_sample")
  for (g in names(x$groups)) {
    e <- x$groups[[g]]
    emit(u, paste0("group.", g, ".score"), num(e$score))
    emit(u, paste0("group.", g, ".se"), num(sqrt(e$v)))
    emit(u, paste0("group.", g, ".n"), as.character(e$n))
    emit(u, paste0("group.", g, ".satisfaction_rate"), num(e$rate))
    emit(u, paste0("group.", g, ".counted"), if (e$counted) "true" else "false")
  }
  for (i in ind_codes) emit(u, paste0("indicator.", i), num(x$ind[[i]]))
}
writeLines(c("unit_code,field,value", out), args[2])
