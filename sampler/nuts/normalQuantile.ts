/**
 * Standard normal quantile by Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3),
 * 477-484, 1988), relative accuracy about 1e-16. The sampler draws normals by inversion, one
 * uniform per normal, so a generator state fully determines the stream (no cached spare).
 */

const SPLIT1 = 0.425;
const SPLIT2 = 5;
const CONST1 = 0.180625;
const CONST2 = 1.6;

const scratch = new Float64Array(1);

/** Returns x with Phi(x) = u for u in (0, 1); NaN outside. */
export function standardNormalQuantile(u: number): number {
  standardNormalQuantileInto(u, scratch, 0);
  return scratch[0];
}

/**
 * Writes x with Phi(x) = u (NaN outside (0, 1)) to out[index]. Storing into the array instead
 * of returning spares V8 a heap-allocated number per call where the call is not inlined, which
 * matters when filling thousands of normals per transition.
 */
export function standardNormalQuantileInto(u: number, out: Float64Array, index: number): void {
  if (!(u > 0 && u < 1)) {
    out[index] = Number.NaN;
    return;
  }
  const q = u - 0.5;
  if (Math.abs(q) <= SPLIT1) {
    const r = CONST1 - q * q;
    const num =
      ((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r +
        1.3314166789178437745e2) *
        r +
      3.387132872796366608;
    const den =
      ((((((5.226495278852854561e3 * r + 2.8729085735721942674e4) * r + 3.930789580009271061e4) * r + 2.1213794301586595867e4) * r + 5.3941960214247511077e3) * r + 6.871870074920579083e2) * r +
        4.2313330701600911252e1) *
        r +
      1;
    out[index] = (q * num) / den;
    return;
  }
  let r = Math.sqrt(-Math.log(q < 0 ? u : 1 - u));
  let value: number;
  if (r <= SPLIT2) {
    r -= CONST2;
    const num =
      ((((((7.7454501427834140764e-4 * r + 2.27238449892691845833e-2) * r + 2.4178072517745061177e-1) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) *
        r +
      1.42343711074968357734;
    const den =
      ((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 1.51986665636164571966e-2) * r + 1.4810397642748007459e-1) * r + 6.8976733498510000455e-1) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) *
        r +
      1;
    value = num / den;
  } else {
    r -= SPLIT2;
    const num =
      ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.2426609473880784386e-3) * r + 2.6532189526576123093e-2) * r + 2.9656057182850489123e-1) * r + 1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
      6.6579046435011037772;
    const den =
      ((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 1.4875361290850614852e-2) * r + 1.3692988092273580531e-1) *
        r +
        5.9983220655588793769e-1) *
        r +
      1;
    value = num / den;
  }
  out[index] = q < 0 ? -value : value;
}
