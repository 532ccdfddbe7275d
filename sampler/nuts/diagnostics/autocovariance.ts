import { fftInPlace, nextPowerOfTwo } from './fft.js';
import { mean, variance } from './matrix.js';

/**
 * posterior's `autocovariance`: the "biased" estimate recommended by Geyer (1992),
 * acov[t] = sum_{i} (y_i - ybar)(y_{i+t} - ybar) / N for t = 0..N-1, computed with an FFT of
 * the centred sequence zero-padded to at least 2N (so the circular correlation does not wrap),
 * then rescaled so that acov[0] = var(y) (N-1)/N exactly as posterior does. A constant
 * sequence gives all zeros. posterior pads to 2*nextn(N); any length >= 2N - 1 gives the same
 * values up to rounding, and a power of two keeps the transform radix-2.
 */
export function autocovariance(y: ArrayLike<number>): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  const varY = variance(y);
  if (varY === 0) return out;
  const size = nextPowerOfTwo(2 * n);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const m = mean(y);
  for (let i = 0; i < n; i++) re[i] = y[i] - m;
  fftInPlace(re, im);
  // |FFT|^2 is real and even, so its inverse transform equals its forward transform / size;
  // the 1/size cancels in the normalisation below.
  for (let k = 0; k < size; k++) {
    re[k] = re[k] * re[k] + im[k] * im[k];
    im[k] = 0;
  }
  fftInPlace(re, im);
  const scale = (varY * (n - 1)) / n / re[0];
  for (let t = 0; t < n; t++) out[t] = re[t] * scale;
  return out;
}
