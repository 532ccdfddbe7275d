"""NumPyro reference run of the AR(1) state-space posterior (sampler/models/ar1StateSpace.ts).

Same model, priors, data and run length as the TypeScript benchmark: mu ~ N(0, 2),
sigma_state, sigma_obs ~ HalfNormal(1), phi ~ Uniform(-1, 1), z_t ~ N(0, 1),
x_1 = mu + sigma_state / sqrt(1 - phi^2) z_1, x_t = mu + phi (x_{t-1} - mu) + sigma_state z_t,
y_t ~ N(x_t, sigma_obs). NUTS with a diagonal metric, target acceptance 0.8, maximum tree
depth 10, float64, chains run one after another on one CPU device.

Writes the draws of (mu, sigma_state, phi, sigma_obs, x_1..x_T) as little-endian float64,
shape chains x draws x (T + 4), to --out, and prints one JSON line with timings, leapfrog
counts and versions. Run by test/bench/sampler.bench.ts inside .navcast/venv.
"""
import argparse
import json
import os
import time

os.environ.setdefault("XLA_FLAGS", "--xla_force_host_platform_device_count=1")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import numpyro  # noqa: E402
import numpyro.distributions as dist  # noqa: E402
from numpyro.infer import MCMC, NUTS  # noqa: E402

numpyro.enable_x64()


def model(y):
    mu = numpyro.sample("mu", dist.Normal(0.0, 2.0))
    sigma_state = numpyro.sample("sigma_state", dist.HalfNormal(1.0))
    phi = numpyro.sample("phi", dist.Uniform(-1.0, 1.0))
    sigma_obs = numpyro.sample("sigma_obs", dist.HalfNormal(1.0))
    z = numpyro.sample("z", dist.Normal(0.0, 1.0).expand([y.shape[0]]).to_event(1))
    h1 = sigma_state / jnp.sqrt(1.0 - phi**2) * z[0]

    def step(h, z_t):
        h = phi * h + sigma_state * z_t
        return h, h

    _, rest = jax.lax.scan(step, h1, z[1:])
    x = numpyro.deterministic("x", mu + jnp.concatenate([h1[None], rest]))
    numpyro.sample("y", dist.Normal(x, sigma_obs), obs=y)


def run_once(y, args, seed):
    kernel = NUTS(model, target_accept_prob=0.8, max_tree_depth=10, dense_mass=False)
    mcmc = MCMC(kernel, num_warmup=args.warmup, num_samples=args.draws, num_chains=args.chains,
                chain_method="sequential", progress_bar=False)
    started = time.perf_counter()
    mcmc.warmup(jax.random.PRNGKey(seed), y, extra_fields=("num_steps",), collect_warmup=True)
    warmup_steps = int(np.sum(mcmc.get_extra_fields()["num_steps"]))
    mcmc.run(mcmc.post_warmup_state.rng_key, y, extra_fields=("num_steps",))
    samples = mcmc.get_samples(group_by_chain=True)
    jax.block_until_ready(samples)
    seconds = time.perf_counter() - started
    steps = warmup_steps + int(np.sum(mcmc.get_extra_fields()["num_steps"]))
    return mcmc, samples, seconds, steps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--chains", type=int, default=4)
    parser.add_argument("--warmup", type=int, default=1000)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", action="store_true", help="time a second run with compiled code cached")
    args = parser.parse_args()
    with open(args.data) as f:
        y = jnp.asarray(json.load(f)["y"], dtype=jnp.float64)

    mcmc, samples, seconds, steps = run_once(y, args, args.seed)
    columns = [samples[name][..., None] for name in ("mu", "sigma_state", "phi", "sigma_obs")] + [samples["x"]]
    draws = np.concatenate([np.asarray(c, dtype="<f8") for c in columns], axis=-1)
    with open(args.out, "wb") as f:
        f.write(np.ascontiguousarray(draws).tobytes())
    report = {
        "seconds": seconds,
        "gradients": steps,
        "shape": list(draws.shape),
        "divergences": int(np.sum(mcmc.get_extra_fields().get("diverging", np.zeros(1)))),
        "numpyro": numpyro.__version__,
        "jax": jax.__version__,
        "device": str(jax.devices()[0]),
    }
    if args.repeat:
        # The compiled kernel is cached per MCMC instance; a second warmup + run on it
        # measures sampling without compilation.
        started = time.perf_counter()
        mcmc.warmup(jax.random.PRNGKey(args.seed + 1), y, extra_fields=("num_steps",), collect_warmup=True)
        mcmc.run(mcmc.post_warmup_state.rng_key, y, extra_fields=("num_steps",))
        jax.block_until_ready(mcmc.get_samples())
        report["secondsCached"] = time.perf_counter() - started
    print(json.dumps(report))


if __name__ == "__main__":
    main()
