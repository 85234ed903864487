#!/usr/bin/env Rscript
# Reference values for outliers/reference_test.go, computed independently of
# the Go code with base R (R >= 4.2; Debian: apt-get install r-base-core):
# mean, sd, median, mad, quantile(type = 7), qt and rank are R's own.
#
#   cd outliers/testdata/reference && Rscript make.R
#
# writes samples.csv (the data), scores.csv (the score and flag of every
# value under every method), esd.csv (R_i, lambda_i of the generalized ESD test),
# grubbs.csv (G and its critical value) and blend.csv (percentile-rank
# blends). The Go test reads these files; it needs neither R nor this script.
# Each method follows the definitions documented in ../../doc.go.

set.seed(20240601)
num <- function(v) ifelse(is.na(v), "", sprintf("%.17g", v))

# ---- samples: normal, heavy-tailed, skewed, contaminated and tied ----------
draw <- function(kind, n) {
  switch(kind,
    normal   = rnorm(n, 50, 10),
    t3       = rt(n, 3),
    t1       = rt(n, 1),                         # Cauchy
    lognorm  = rlnorm(n, 0, 1),
    contam   = ifelse(runif(n) < 0.05, rnorm(n, 0, 10), rnorm(n)),
    planted  = { x <- rnorm(n); k <- max(1, n %/% 20); x[sample(n, k)] <- rnorm(k, 6, 1) * sample(c(-1, 1), k, TRUE); x },
    poisson  = as.numeric(rpois(n, 0.6)),         # many ties: MAD = 0, IQR = 0
    rounded  = round(rnorm(n, 10, 2), 0),         # ties
    constant = rep(3.25, n))
}
kinds <- c("normal", "t3", "t1", "lognorm", "contam", "planted", "poisson", "rounded")
sizes <- c(3:12, 15, 20, 25, 30, 40, 54, 75, 100, 150)
samples <- list()
for (s in 1:300) {
  kind <- if (s %% 50 == 0) "constant" else kinds[(s - 1) %% length(kinds) + 1]
  n <- sizes[(s * 7) %% length(sizes) + 1]
  samples[[s]] <- list(kind = kind, x = draw(kind, n))
}
out <- file("samples.csv", "w")
writeLines("sample,kind,pos,x", out)
for (s in seq_along(samples))
  writeLines(sprintf("%d,%s,%d,%s", s, samples[[s]]$kind, seq_along(samples[[s]]$x) - 1, num(samples[[s]]$x)), out)
close(out)

# ---- methods ---------------------------------------------------------------
ratio <- function(d, s) if (s == 0) 0 * d else d / s
flag_dir <- function(score, dir, limit)
  switch(dir, both = abs(score) > limit, high = score > limit, low = score < -limit)

zscore <- function(x, p) { s <- ratio(x - mean(x), sd(x)); list(score = s, flag = flag_dir(s, p$dir, p$threshold)) }

robust_z <- function(x, p) {
  med <- median(x); mad0 <- mad(x, constant = 1); meanad <- mean(abs(x - med))
  s <- if (mad0 > 0) 0.6745 * (x - med) / mad0 else ratio(x - med, 1.253314 * meanad)
  list(score = s, flag = flag_dir(s, p$dir, p$threshold))
}

iqr <- function(x, p) {
  q <- quantile(x, c(0.25, 0.75), type = 7, names = FALSE)
  unit <- q[2] - q[1]
  if (unit == 0) unit <- 1.349 * 1.253314 * mean(abs(x - median(x)))
  lo <- q[1] - p$k * unit; hi <- q[2] + p$k * unit
  s <- ifelse(x > hi, ratio(x - hi, unit), ifelse(x < lo, ratio(x - lo, unit), 0))
  f <- switch(p$dir, both = x > hi | x < lo, high = x > hi, low = x < lo)
  list(score = s, flag = f)
}

crit <- function(n, alpha, dir) {
  pr <- if (dir == "both") 1 - alpha / (2 * n) else 1 - alpha / n
  t <- qt(pr, n - 2)
  (n - 1) * t / sqrt((n - 2 + t^2) * n)
}

# Generalized ESD (Rosner 1983, NIST e-Handbook 1.3.5.17.3), steps removals.
gesd <- function(x, alpha, steps, dir) {
  left <- seq_along(x); score <- numeric(length(x))
  R <- lambda <- idx <- numeric(0)
  for (i in seq_len(steps)) {
    v <- x[left]; m <- mean(v); s <- sd(v); d <- v - m
    side <- switch(dir, both = abs(d), high = d, low = -d)
    k <- which.max(side)
    score[left[k]] <- ratio(d[k], s)
    R <- c(R, ratio(side[k], s)); lambda <- c(lambda, crit(length(x) - i + 1, alpha, dir))
    idx <- c(idx, left[k]); left <- left[-k]
  }
  v <- x[left]; score[left] <- ratio(v - mean(v), sd(v))
  nout <- if (any(R > lambda)) max(which(R > lambda)) else 0
  flag <- rep(FALSE, length(x)); flag[idx[seq_len(nout)]] <- TRUE
  list(score = score, flag = flag, R = R, lambda = lambda, idx = idx, nout = nout)
}
# At most floor((n - 1)/2) steps: outliers are a minority (see ESDTest).
esd <- function(x, p) gesd(x, p$alpha, min(p$max_outliers, (length(x) - 1) %/% 2), p$dir)
grubbs <- function(x, p) gesd(x, p$alpha, 1, p$dir)

# ---- per sample parameters, rotated so every option is exercised -----------
dirs <- c("both", "high", "low")
params <- function(s) list(
  dir = dirs[(s %/% 5) %% 3 + 1],
  z = c(3, 2, 2.5)[s %% 3 + 1], rz = c(3.5, 2.5, 3)[s %% 3 + 1],
  k = c(1.5, 3, 1, 0.5)[s %% 4 + 1], alpha = c(0.05, 0.01, 0.1)[s %% 3 + 1],
  max_outliers = c(10, 1, 3, 5, 20)[s %% 5 + 1])

sc <- file("scores.csv", "w"); writeLines("sample,method,direction,threshold,k,alpha,max_outliers,flags,scores", sc)
es <- file("esd.csv", "w"); writeLines("sample,direction,alpha,max_outliers,step,R,lambda,index,outliers", es)
gr <- file("grubbs.csv", "w"); writeLines("sample,direction,alpha,G,critical,index,outlier", gr)
# One line per sample and method: flags as a string of 0/1, scores separated
# by spaces, both in the order of the sample.
emit <- function(s, method, p, th, res)
  writeLines(sprintf("%d,%s,%s,%s,%s,%s,%d,%s,%s", s, method, p$dir, num(th), num(p$k), num(p$alpha),
                     as.integer(p$max_outliers), paste(as.integer(res$flag), collapse = ""),
                     paste(num(res$score), collapse = " ")), sc)
for (s in seq_along(samples)) {
  x <- samples[[s]]$x; p <- params(s); n <- length(x)
  emit(s, "zscore", p, p$z, zscore(x, modifyList(p, list(threshold = p$z))))
  emit(s, "robust_z", p, p$rz, robust_z(x, modifyList(p, list(threshold = p$rz))))
  emit(s, "iqr", p, 0, iqr(x, p))
  if (n >= 3) {
    e <- esd(x, p); emit(s, "esd", p, 0, e)
    writeLines(sprintf("%d,%s,%s,%d,%d,%s,%s,%d,%d", s, p$dir, num(p$alpha), as.integer(p$max_outliers),
                       seq_along(e$R), num(e$R), num(e$lambda), as.integer(e$idx - 1), as.integer(e$nout)), es)
    g <- grubbs(x, p); emit(s, "grubbs", p, 0, g)
    writeLines(sprintf("%d,%s,%s,%s,%s,%d,%s", s, p$dir, num(p$alpha), num(g$R), num(g$lambda),
                       as.integer(g$idx - 1), tolower(g$nout == 1)), gr)
  }
}
close(sc); close(es); close(gr)

# ---- score blends: percentile ranks with average ties ------------------------
prank <- function(v) { r <- rep(NA_real_, length(v)); ok <- !is.na(v); n <- sum(ok)
  r[ok] <- if (n == 1) 0.5 else (rank(v[ok], ties.method = "average") - 1) / (n - 1); r }
bl <- file("blend.csv", "w"); writeLines("case,row,m1,m2,m3,w1,w2,w3,score", bl)
for (case in 1:40) {
  n <- c(1, 2, 5, 12, 30, 80)[case %% 6 + 1]
  m <- cbind(round(rnorm(n, 5, 2), if (case %% 2) 0 else 3), rlnorm(n), rpois(n, 2))
  m[runif(3 * n) < 0.15] <- NA
  w <- list(c(0.6, -0.4, 0), c(1, 1, 1), c(-2, 0.5, 0.25), c(1, 0, 0), c(0.3, -0.3, 0.9))[[case %% 5 + 1]]
  pr <- apply(m, 2, prank)
  if (n == 1) pr <- matrix(pr, nrow = 1)
  for (j in 1:3) if (w[j] < 0) pr[, j] <- 1 - pr[, j]
  score <- sapply(1:n, function(i) { ok <- !is.na(pr[i, ]) & w != 0
    if (!any(ok)) NA else 100 * sum(abs(w[ok]) * pr[i, ok]) / sum(abs(w[ok])) })
  writeLines(sprintf("%d,%d,%s,%s,%s,%s,%s,%s,%s", case, 0:(n - 1), num(m[, 1]), num(m[, 2]), num(m[, 3]),
                     num(w[1]), num(w[2]), num(w[3]), num(score)), bl)
}
close(bl)
