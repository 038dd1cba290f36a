/**
 * A quasi-Poisson GLM with log link fitted by iteratively reweighted least
 * squares, as R's glm(family = quasipoisson) fits it: prior weights, the
 * Pearson dispersion, coefficient t-tests, hat values and the standard error
 * of a prediction on the response scale. Small designs only (a handful of
 * columns), which is all the alert method needs.
 */
import { twoSidedTP } from '../stats/distributions.ts';

export interface QuasiPoissonFit {
  coefficients: number[];
  /** Fitted means. */
  fitted: number[];
  /** Pearson dispersion Σ w (y − μ)² / μ / (n − p), as summary.glm reports it. */
  dispersion: number;
  /** (Xᵀ W X)⁻¹ with W the final working weights (w·μ); the covariance is this × dispersion. */
  unscaledCovariance: number[][];
  /** Diagonal of the hat matrix. */
  hat: number[];
  /** Two-sided p-value of each coefficient (t with n − p degrees of freedom). */
  pValues: number[];
  converged: boolean;
  residualDf: number;
}

/** Inverse of a small symmetric positive-definite matrix (Gauss–Jordan with partial pivoting); null when singular. */
export function invert(matrix: number[][]): number[][] | null {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let column = 0; column < n; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < n; row += 1) if (Math.abs(a[row]![column]!) > Math.abs(a[pivot]![column]!)) pivot = row;
    if (Math.abs(a[pivot]![column]!) < 1e-12) return null;
    [a[column], a[pivot]] = [a[pivot]!, a[column]!];
    const divisor = a[column]![column]!;
    for (let j = 0; j < 2 * n; j += 1) a[column]![j]! /= divisor;
    for (let row = 0; row < n; row += 1) {
      if (row === column) continue;
      const factor = a[row]![column]!;
      if (factor === 0) continue;
      for (let j = 0; j < 2 * n; j += 1) a[row]![j]! -= factor * a[column]![j]!;
    }
  }
  return a.map((row) => row.slice(n));
}

function quadraticForm(matrix: number[][], x: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < x.length; i += 1) for (let j = 0; j < x.length; j += 1) total += x[i]! * matrix[i]![j]! * x[j]!;
  return total;
}

function deviance(y: readonly number[], mu: readonly number[], weights: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < y.length; i += 1) total += 2 * weights[i]! * ((y[i]! > 0 ? y[i]! * Math.log(y[i]! / mu[i]!) : 0) - (y[i]! - mu[i]!));
  return total;
}

/** Fits log E[y] = X β; rows of `design` are the covariates (include a 1 for the intercept). */
export function fitQuasiPoisson(y: readonly number[], design: readonly (readonly number[])[], priorWeights?: readonly number[]): QuasiPoissonFit | null {
  const n = y.length;
  const p = design[0]?.length ?? 0;
  if (n === 0 || p === 0 || n <= p) return null;
  const weights = priorWeights ?? y.map(() => 1);
  // R's starting values for the Poisson family: μ = y + 0.1.
  let mu = y.map((value) => value + 0.1);
  let eta = mu.map(Math.log);
  let beta: number[] = Array.from({ length: p }, () => 0);
  let previousDeviance = Infinity;
  let converged = false;
  let unscaled: number[][] | null = null;
  for (let iteration = 0; iteration < 50; iteration += 1) {
    const xtwx = Array.from({ length: p }, () => Array.from({ length: p }, () => 0));
    const xtwz = Array.from({ length: p }, () => 0);
    for (let i = 0; i < n; i += 1) {
      const w = weights[i]! * mu[i]!;
      const z = eta[i]! + (y[i]! - mu[i]!) / mu[i]!;
      const x = design[i]!;
      for (let a = 0; a < p; a += 1) {
        xtwz[a]! += x[a]! * w * z;
        for (let b = 0; b < p; b += 1) xtwx[a]![b]! += x[a]! * w * x[b]!;
      }
    }
    unscaled = invert(xtwx);
    if (!unscaled) return null;
    beta = unscaled.map((row) => row.reduce((sum, value, j) => sum + value * xtwz[j]!, 0));
    eta = design.map((x) => x.reduce((sum, value, j) => sum + value * beta[j]!, 0));
    mu = eta.map((value) => Math.max(Math.exp(value), 1e-10));
    const current = deviance(y, mu, weights);
    if (Math.abs(current - previousDeviance) / (Math.abs(current) + 0.1) < 1e-8) {
      converged = true;
      break;
    }
    previousDeviance = current;
  }
  // Final working weights and (Xᵀ W X)⁻¹ at the fitted means.
  const xtwx = Array.from({ length: p }, () => Array.from({ length: p }, () => 0));
  for (let i = 0; i < n; i += 1) {
    const w = weights[i]! * mu[i]!;
    for (let a = 0; a < p; a += 1) for (let b = 0; b < p; b += 1) xtwx[a]![b]! += design[i]![a]! * w * design[i]![b]!;
  }
  unscaled = invert(xtwx);
  if (!unscaled) return null;
  const residualDf = n - p;
  let pearson = 0;
  for (let i = 0; i < n; i += 1) pearson += (weights[i]! * (y[i]! - mu[i]!) ** 2) / mu[i]!;
  const dispersion = pearson / residualDf;
  const hat = design.map((x, i) => weights[i]! * mu[i]! * quadraticForm(unscaled!, x));
  const pValues = beta.map((value, j) => {
    const se = Math.sqrt(dispersion * unscaled![j]![j]!);
    return se > 0 ? twoSidedTP(value / se, residualDf) : value === 0 ? 1 : 0;
  });
  return { coefficients: beta, fitted: mu, dispersion, unscaledCovariance: unscaled, hat, pValues, converged, residualDf };
}

/** The prediction at covariates x0: mean and its standard error on the response scale (delta method, as predict.glm). */
export function predictResponse(fit: QuasiPoissonFit, x0: readonly number[]): { mean: number; se: number } {
  const eta = x0.reduce((sum, value, j) => sum + value * fit.coefficients[j]!, 0);
  const mean = Math.exp(eta);
  const seEta = Math.sqrt(fit.dispersion * quadraticForm(fit.unscaledCovariance, x0));
  return { mean, se: mean * seEta };
}
