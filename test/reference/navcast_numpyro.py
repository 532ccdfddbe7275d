"""NumPyro (JAX, float64) implementation of the NAVcast log posterior (issue 5 item 11).

Written from docs/navcast-model.md (b.2-b.8) and sampler/models/navcast/anchoring.ts, not
from the TypeScript kernel: one lax.scan over the weeks of a window, gradients by jax.grad.
Input: a JSON "problem" written by test/reference/navcastProblem.ts with the window's weekly
data (already masked for the window, b.5), the week flags, the priors (normal on u), and the
parameterisation (whitened, anchored, standardised, NAV-whitened; appraisal lag 0, log-normal
NAVs). NAV pivots are found here from the week flags (the rule of sampler/models/navcast/
navPivots.ts: for each NAV week without a flow, the first week of the flow-free stretch that ends
at it, within the NAV's segment).

Modes:
  evaluate  --problem P --points Q --out O   log density and gradient at each point of Q
  sample    --problem P --out O [--chains --warmup --draws --seed --init I]
            NUTS (diagonal metric, target acceptance 0.9, max tree depth 10) on the same
            coordinates; writes the draws (chains x draws x dim, little-endian float64)
            and prints one JSON line with timings, gradient counts and versions.
"""
import argparse
import json
import math
import os
import time

os.environ.setdefault("XLA_FLAGS", "--xla_force_host_platform_device_count=1")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import numpyro  # noqa: E402
from numpyro.infer import MCMC, NUTS  # noqa: E402

numpyro.enable_x64()
jax.config.update("jax_enable_x64", True)

HAS_RC, HAS_D, TERMINAL, HAS_NAV, HAS_SEC, HAS_FLOW, ANCHOR = 1, 2, 4, 8, 16, 32, 64
HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)
# Global order of the unconstrained vector (b.6), price source j adds two more.
ALPHA, BETA, LOGF, LOGITLAM, LOGSN, LOGDELTA, LOGSD, ALPHAC, BETACM, BETACF, LOGSC, PRICE = range(12)


def load_problem(path):
    with open(path) as f:
        p = json.load(f)
    w = p["window"]
    arr = lambda k: jnp.asarray(np.asarray(w[k], dtype=np.float64))  # noqa: E731
    weeks = {k: arr(k)[1:] for k in ("rm", "s", "C", "D", "logD", "age", "logNav", "logSec", "lBar")}
    rc = np.asarray([np.nan if x is None else x for x in w["rc"]], dtype=np.float64)[1:]
    weeks["rcMissing"] = jnp.asarray(np.isnan(rc))
    weeks["rc"] = jnp.asarray(np.nan_to_num(rc))
    weeks["flags"] = jnp.asarray(np.asarray(w["flags"], dtype=np.int64)[1:])
    weeks["secSource"] = jnp.asarray(np.maximum(np.asarray(w["secSource"], dtype=np.int64)[1:], 0))
    return p, weeks


def nav_pivots(flags):
    """(pivot week, NAV week) pairs, 1-based weeks, from the window's flags (index 0 = week 1)."""
    pairs, start = [], 1
    dynamic = HAS_FLOW | ANCHOR | TERMINAL
    for t in range(1, len(flags) + 1):
        if not flags[t - 1] & HAS_NAV:
            continue
        j = start
        for i in range(start, t + 1):
            if flags[i - 1] & dynamic:
                j = i + 1
        if j <= t:
            pairs.append((j, t))
        start = t + 1
    return pairs


def make_log_density(p, weeks):
    n_global = len(p["priors"])
    n_price = p["priceSources"]
    whitened, anchored, standardised = p["whitened"], p["anchored"], p["standardised"]
    v0, sigma_term, delta0, s_bar = p["window"]["v0"], p["sigmaTerm"], p["delta0"], p["sBar"]
    prior_mean = jnp.asarray([q["mean"] for q in p["priors"]])
    prior_sd = jnp.asarray([q["sd"] for q in p["priors"]])
    fixed = p.get("fixedU")  # u values of fixed globals (None = sampled), full layout order
    sampled_index = [k for k, x in enumerate(fixed) if x is None]
    full_u = jnp.asarray([0.0 if x is None else x for x in fixed])

    # Parameter-free terms, summed once (they are part of the normalised density).
    f = np.asarray(p["window"]["flags"], dtype=np.int64)[1:]
    s_np = np.asarray(p["window"]["s"], dtype=np.float64)[1:]
    const = -len(f) * HALF_LOG_2PI
    rc_w = (f & HAS_RC) != 0
    const -= np.sum(np.log(s_np[rc_w]) + HALF_LOG_2PI)
    logD = np.asarray(p["window"]["logD"])[1:]
    const -= np.sum((HALF_LOG_2PI + logD)[(f & HAS_D) != 0])
    const -= np.sum((HALF_LOG_2PI + logD + math.log(sigma_term))[(f & TERMINAL) != 0])
    const -= np.sum((HALF_LOG_2PI + np.asarray(p["window"]["logNav"])[1:])[(f & HAS_NAV) != 0])
    const -= np.sum((HALF_LOG_2PI + np.asarray(p["window"]["logSec"])[1:])[(f & HAS_SEC) != 0])
    anchor_w = (f & ANCHOR) != 0 if anchored else np.zeros_like(rc_w)
    pivots = nav_pivots(f) if p.get("navWhitened", False) else []
    is_pivot = np.zeros(len(f), dtype=bool)
    for j, _ in pivots:
        is_pivot[j - 1] = True
    is_pivot = jnp.asarray(is_pivot)
    log_nav_all = np.asarray(p["window"]["logNav"], dtype=np.float64)
    const += np.sum(math.log(s_bar) - np.log(s_np[anchor_w]))
    const += np.sum(-np.log(prior_sd) - HALF_LOG_2PI)
    if standardised:
        const += float(np.sum(np.log(np.asarray(prior_sd)[sampled_index])))

    def log_density(q):
        x = q[: len(sampled_index)]
        xs = x * prior_sd[jnp.asarray(sampled_index)] + prior_mean[jnp.asarray(sampled_index)] if standardised else x
        u = full_u.at[jnp.asarray(sampled_index)].set(xs)
        z_all = q[len(sampled_index):]
        a, beta, logF = u[ALPHA], u[BETA], u[LOGF]
        F = jnp.exp(logF)
        lam = jax.nn.sigmoid(u[LOGITLAM])
        log_sn, delta, log_sd = u[LOGSN], jnp.exp(u[LOGDELTA]), u[LOGSD]
        alpha_c, beta_cm, beta_cf, log_sc = u[ALPHAC], u[BETACM], u[BETACF], u[LOGSC]
        s_c = jnp.exp(log_sc)
        vv = beta_cf**2 + s_c**2
        z_scale = s_c / jnp.sqrt(vv)
        kappa = jnp.stack([u[PRICE + 2 * j] for j in range(n_price)]) if n_price else jnp.zeros(1)
        log_ss = jnp.stack([u[PRICE + 2 * j + 1] for j in range(n_price)]) if n_price else jnp.zeros(1)
        lp = -0.5 * jnp.sum(((u[:n_global] - prior_mean) / prior_sd) ** 2)

        # NAV pivots: at week j the coordinate zeta sets z_j = g (y - P) / D + (sigma_n / sqrt D) zeta
        # where the NAV mean is P + g z_j over the flow-free weeks j..t; P's part from weeks j..t
        # is summed here (lambda powers, later coordinates), the state before j is added in the scan.
        y_all = (weeks["rc"] - alpha_c - beta_cm * weeks["rm"]) / weeks["s"]
        white_all = (~weeks["rcMissing"]) & whitened
        shift_all = jnp.where(white_all, beta_cf * y_all / vv, 0.0)
        cw_all = jnp.where(white_all, z_scale, 1.0)
        n_weeks = len(f)
        seg_sum = jnp.zeros(n_weeks)
        lam_pow = jnp.zeros(n_weeks)
        gain = jnp.zeros(n_weeks)
        nav_y = jnp.zeros(n_weeks)
        for j, t in pivots:
            idx = np.arange(j, t + 1)  # weeks j..t
            c = 1 - lam ** (t - idx + 1.0)
            shock = jnp.where(idx == j, shift_all[idx - 1], shift_all[idx - 1] + cw_all[idx - 1] * z_all[idx - 1])
            part = jnp.sum(c * (a + beta * weeks["rm"][idx - 1] + F * weeks["s"][idx - 1] * shock))
            seg_sum = seg_sum.at[j - 1].set(part)
            lam_pow = lam_pow.at[j - 1].set(lam ** (t - j + 1.0))
            gain = gain.at[j - 1].set((1 - lam ** (t - j + 1.0)) * F * weeks["s"][j - 1] * cw_all[j - 1])
            nav_y = nav_y.at[j - 1].set(log_nav_all[t])

        def step(carry, wk):
            v_prev, b_prev = carry
            flag = wk["flags"]
            sn = jnp.exp(log_sn)
            d_piv = sn**2 + wk["gain"] ** 2
            mean_p = jnp.log(jnp.where(v_prev > 0, v_prev, 1.0)) + wk["lamPow"] * b_prev + wk["segSum"]
            z_piv = wk["gain"] * (wk["navY"] - mean_p) / d_piv + sn * wk["z"] / jnp.sqrt(d_piv)
            z = jnp.where(wk["isPivot"], z_piv, wk["z"])
            has = lambda bit: (flag & bit) != 0  # noqa: E731
            rc_obs, anchor = has(HAS_RC), has(ANCHOR) & anchored
            y = (wk["rc"] - alpha_c - beta_cm * wk["rm"]) / wk["s"]
            white = rc_obs & whitened
            shift = jnp.where(white, beta_cf * y / vv, 0.0)
            cw = jnp.where(white, z_scale, 1.0)
            e_bar = shift + cw * z
            mu, fs = a + beta * wk["rm"], F * wk["s"]
            # Plain week: the coordinate sets the return.
            r_plain = mu + fs * e_bar
            vm_plain = v_prev * jnp.exp(r_plain) + wk["C"]
            # Anchor week: the coordinate sets logit(D / Vm); V comes from D.
            v_anchor = wk["D"] * jnp.exp(-(wk["lBar"] + s_bar * z))
            w_anchor = v_anchor + wk["D"] - wk["C"]
            r_anchor = jnp.log(jnp.where(anchor, w_anchor, 1.0) / v_prev)
            e_full = jnp.where(anchor, (r_anchor - mu) / fs, e_bar)
            r = jnp.where(anchor, r_anchor, r_plain)
            vm = jnp.where(anchor, v_anchor + wk["D"], vm_plain)
            terminal = has(TERMINAL)
            v = jnp.where(terminal, 0.0, jnp.where(anchor, v_anchor, vm_plain - wk["D"]))
            feasible = terminal | (v > 0)
            v_safe = jnp.where(v > 0, v, 1.0)
            log_v, log_vm = jnp.log(v_safe), jnp.log(jnp.where(vm > 0, vm, 1.0))
            z_week = (e_full - shift) / cw
            term = -0.5 * z_week**2
            term += jnp.where(wk["isPivot"], log_sn - 0.5 * jnp.log(d_piv), 0.0)
            term += jnp.where(anchor, jnp.log(v_safe) - jnp.log(jnp.where(anchor, w_anchor, 1.0)) - logF - jnp.log(cw), 0.0)
            # L1: the comparable (plain) or its marginal (whitened).
            rho = (y - beta_cf * e_full) / s_c
            term += jnp.where(rc_obs & ~whitened, -0.5 * rho**2 - log_sc, 0.0)
            term += jnp.where(white, -0.5 * y**2 / vv - 0.5 * jnp.log(vv), 0.0)
            # L2 and L2'.
            dl = jnp.clip(delta0 + delta * wk["age"], 1e-6, 0.99)
            zd = (wk["logD"] - log_v - jnp.log(dl) + jnp.log1p(-dl)) * jnp.exp(-log_sd)
            term += jnp.where(has(HAS_D), -0.5 * zd**2 - log_sd + log_vm - log_v, 0.0)
            zt = (wk["logD"] - log_vm) / sigma_term
            term += jnp.where(terminal, -0.5 * zt**2, 0.0)
            # Smoothing and L3, L4.
            w = jnp.where(has(HAS_FLOW), wk["C"] / v_safe + wk["D"] / jnp.where(vm > 0, vm, 1.0), 0.0)
            lt = jnp.where(terminal | (w >= 1), 0.0, lam * (1 - w))
            b = lt * (b_prev - r)
            zn = (wk["logNav"] - log_v - b) * jnp.exp(-log_sn)
            term += jnp.where(has(HAS_NAV), -0.5 * zn**2 - log_sn, 0.0)
            j = wk["secSource"]
            zs = (wk["logSec"] - log_v - kappa[j]) * jnp.exp(-log_ss[j])
            term += jnp.where(has(HAS_SEC), -0.5 * zs**2 - log_ss[j], 0.0)
            term = jnp.where(feasible, term, -jnp.inf)
            return (v, b), term

        inputs = dict(weeks, z=z_all, isPivot=is_pivot, segSum=seg_sum, lamPow=lam_pow, gain=gain, navY=nav_y)
        _, terms = jax.lax.scan(step, (jnp.asarray(v0, dtype=jnp.float64), jnp.asarray(0.0)), inputs)
        total = lp + const + jnp.sum(terms)
        return jnp.where(jnp.isnan(total), -jnp.inf, total)

    return log_density


def evaluate(args):
    p, weeks = load_problem(args.problem)
    log_density = jax.jit(make_log_density(p, weeks))
    value_and_grad = jax.jit(jax.value_and_grad(make_log_density(p, weeks)))
    with open(args.points) as f:
        points = json.load(f)
    out = []
    for x in points:
        q = jnp.asarray(x, dtype=jnp.float64)
        value, grad = value_and_grad(q)
        finite = lambda x: float(x) if math.isfinite(x) else None  # noqa: E731 (JSON has no infinities)
        out.append({
            "logDensity": finite(float(log_density(q))),
            "valueWithGradient": finite(float(value)),
            "gradient": [finite(g) for g in np.asarray(grad).tolist()],
        })
    with open(args.out, "w") as f:
        json.dump(out, f, allow_nan=False)
    print(json.dumps({"points": len(out), "numpyro": numpyro.__version__, "jax": jax.__version__}))


def sample(args):
    p, weeks = load_problem(args.problem)
    log_density = make_log_density(p, weeks)
    with open(args.init) as f:
        init = jnp.asarray(json.load(f), dtype=jnp.float64)
    kernel = NUTS(potential_fn=lambda q: -log_density(q), target_accept_prob=0.9, max_tree_depth=10, dense_mass=False)
    mcmc = MCMC(kernel, num_warmup=args.warmup, num_samples=args.draws, num_chains=args.chains, chain_method="sequential", progress_bar=False)
    inits = init if args.chains == 1 else jnp.tile(init, (args.chains, 1))
    # --repeat: a first run compiles and a second, on the same MCMC object, reuses the compiled
    # kernel; its draws and time are reported. Without it, one run and its time with compilation.
    started = time.perf_counter()
    mcmc.run(jax.random.PRNGKey(args.seed + (1000 if args.repeat else 0)), init_params=inits, extra_fields=("num_steps", "diverging"))
    samples = mcmc.get_samples(group_by_chain=True)
    jax.block_until_ready(samples)
    seconds_with_compile = time.perf_counter() - started
    seconds = seconds_with_compile
    if args.repeat:
        started = time.perf_counter()
        mcmc.run(jax.random.PRNGKey(args.seed), init_params=inits, extra_fields=("num_steps", "diverging"))
        samples = mcmc.get_samples(group_by_chain=True)
        jax.block_until_ready(samples)
        seconds = time.perf_counter() - started
    draws = np.asarray(samples, dtype="<f8")
    if draws.ndim == 2:
        draws = draws[None]
    with open(args.out, "wb") as f:
        f.write(np.ascontiguousarray(draws).tobytes())
    extra = mcmc.get_extra_fields()
    print(json.dumps({
        "seconds": seconds,
        "secondsWithCompile": seconds_with_compile,
        "gradients": int(np.sum(extra["num_steps"])),
        "divergences": int(np.sum(extra["diverging"])),
        "shape": list(draws.shape),
        "numpyro": numpyro.__version__,
        "jax": jax.__version__,
    }))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["evaluate", "sample"])
    parser.add_argument("--problem", required=True)
    parser.add_argument("--points")
    parser.add_argument("--init")
    parser.add_argument("--out", required=True)
    parser.add_argument("--chains", type=int, default=4)
    parser.add_argument("--warmup", type=int, default=1000)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", action="store_true", help="report a second run with the compiled kernel cached")
    args = parser.parse_args()
    evaluate(args) if args.mode == "evaluate" else sample(args)


if __name__ == "__main__":
    main()
