"""Golden log densities for the hand-written model targets (sampler/models).

Independent re-implementation with numpy/scipy: each model's density is written on the
constrained scale from scipy.stats, plus the log-Jacobian of the unconstraining transform
written out separately. Small synthetic data sets and unconstrained evaluation points come
from a seeded numpy generator; both go into the fixture with the values.

Run once (numpy 2.1.3, scipy 1.14.1):
    python test/reference/log_density_golden.py > sampler/models/fixtures/logDensityGolden.json
"""
import json
import sys

import numpy as np
from scipy import stats
from scipy.special import expit, logsumexp

rng = np.random.default_rng(20240611)


def half(dist_logpdf, x):
    """Density of a zero-centred distribution truncated to x > 0."""
    return np.log(2.0) + dist_logpdf(x)


def eight_schools_noncentered(d, q):
    J = d["J"]
    tt, mu, tau = q[:J], q[J], np.exp(q[J + 1])
    theta = mu + tau * tt
    return (stats.norm.logpdf(tt).sum() + stats.norm.logpdf(d["y"], theta, d["sigma"]).sum()
            + stats.norm.logpdf(mu, 0, 5) + half(lambda x: stats.cauchy.logpdf(x, 0, 5), tau) + q[J + 1])


def eight_schools_centered(d, q):
    J = d["J"]
    theta, mu, tau = q[:J], q[J], np.exp(q[J + 1])
    return (stats.norm.logpdf(theta, mu, tau).sum() + stats.norm.logpdf(d["y"], theta, d["sigma"]).sum()
            + stats.norm.logpdf(mu, 0, 5) + half(lambda x: stats.cauchy.logpdf(x, 0, 5), tau) + q[J + 1])


def ar_k(d, q):
    K, y = d["K"], np.array(d["y"])
    alpha, beta, sigma = q[0], q[1:K + 1], np.exp(q[K + 1])
    mean = np.array([alpha + sum(beta[k] * y[t - k - 1] for k in range(K)) for t in range(K, len(y))])
    return (stats.norm.logpdf(y[K:], mean, sigma).sum() + stats.norm.logpdf(q[:K + 1], 0, 10).sum()
            + half(lambda x: stats.cauchy.logpdf(x, 0, 2.5), sigma) + q[K + 1])


def arma11(d, q):
    y = d["y"]
    mu, phi, theta, sigma = q[0], q[1], q[2], np.exp(q[3])
    err = [y[0] - (mu + phi * mu)]
    for t in range(1, len(y)):
        err.append(y[t] - (mu + phi * y[t - 1] + theta * err[-1]))
    return (stats.norm.logpdf(err, 0, sigma).sum() + stats.norm.logpdf(mu, 0, 10) + stats.norm.logpdf(phi, 0, 2)
            + stats.norm.logpdf(theta, 0, 2) + half(lambda x: stats.cauchy.logpdf(x, 0, 2.5), sigma) + q[3])


def garch11(d, q):
    y = d["y"]
    mu, alpha0, alpha1 = q[0], np.exp(q[1]), expit(q[2])
    share = expit(q[3])
    beta1 = (1 - alpha1) * share
    s = [d["sigma1"]]
    for t in range(1, len(y)):
        s.append(np.sqrt(alpha0 + alpha1 * (y[t - 1] - mu) ** 2 + beta1 * s[-1] ** 2))
    # Jacobian of (u0, a, b) -> (alpha0, alpha1, beta1) is triangular
    log_jac = q[1] + np.log(alpha1 * (1 - alpha1)) + np.log((1 - alpha1) * share * (1 - share))
    return stats.norm.logpdf(y, mu, s).sum() + log_jac


def kilpisjarvi(d, q):
    alpha, beta, sigma = q[0], q[1], np.exp(q[2])
    return (stats.norm.logpdf(d["y"], alpha + beta * np.array(d["x"]), sigma).sum()
            + stats.norm.logpdf(alpha, d["pmualpha"], d["psalpha"]) + stats.norm.logpdf(beta, d["pmubeta"], d["psbeta"])
            + q[2])


def low_dim_gauss_mix(d, q):
    y = np.array(d["y"])
    mu = np.array([q[0], q[0] + np.exp(q[1])])
    sigma = np.exp(q[2:4])
    theta = expit(q[4])
    comp = np.stack([np.log(theta) + stats.norm.logpdf(y, mu[0], sigma[0]),
                     np.log1p(-theta) + stats.norm.logpdf(y, mu[1], sigma[1])])
    log_jac = q[1] + q[2] + q[3] + np.log(theta * (1 - theta))
    return (logsumexp(comp, axis=0).sum() + stats.norm.logpdf(mu, 0, 2).sum()
            + half(lambda x: stats.norm.logpdf(x, 0, 2), sigma).sum() + stats.beta.logpdf(theta, 5, 5) + log_jac)


def gp_pois_regr(d, q):
    x = np.array(d["x"], dtype=float)
    rho, alpha, ft = np.exp(q[0]), np.exp(q[1]), q[2:]
    cov = alpha ** 2 * np.exp(-np.subtract.outer(x, x) ** 2 / (2 * rho ** 2)) + 1e-10 * np.eye(len(x))
    f = np.linalg.cholesky(cov) @ ft
    return (stats.poisson.logpmf(d["k"], np.exp(f)).sum() + stats.gamma.logpdf(rho, 25, scale=1 / 4)
            + half(lambda v: stats.norm.logpdf(v, 0, 2), alpha) + stats.norm.logpdf(ft).sum() + q[0] + q[1])


def blr(d, q):
    D = d["D"]
    beta, sigma = q[:D], np.exp(q[D])
    return (stats.norm.logpdf(d["y"], np.array(d["X"]) @ beta, sigma).sum() + stats.norm.logpdf(beta, 0, 10).sum()
            + half(lambda x: stats.norm.logpdf(x, 0, 10), sigma) + q[D])


def diamonds(d, q):
    X = np.array(d["X"])
    Xc = X[:, 1:] - X[:, 1:].mean(axis=0)
    P = X.shape[1] - 1
    b, intercept, sigma = q[:P], q[P], np.exp(q[P + 1])
    return (stats.norm.logpdf(d["Y"], intercept + Xc @ b, sigma).sum() + stats.norm.logpdf(b, 0, 1).sum()
            + stats.t.logpdf(intercept, 3, 8, 10) + stats.t.logpdf(sigma, 3, 0, 10) - stats.t.logsf(0, 3, 0, 10)
            + q[P + 1])


def funnel_centered(_d, q):
    return stats.norm.logpdf(q[0], 0, 3) + stats.norm.logpdf(q[1:], 0, np.exp(q[0] / 2)).sum()


def funnel_noncentered(_d, q):
    return stats.norm.logpdf(q[0], 0, 3) + stats.norm.logpdf(q[1:]).sum()


def ar1_state_space(d, q):
    """Built from the latent-state covariance form x = mu + A z, not the recursion."""
    y = np.array(d["y"])
    T = len(y)
    mu, sx, phi, sy = q[0], np.exp(q[1]), np.tanh(q[2]), np.exp(q[3])
    z = q[4:]
    lags = np.subtract.outer(np.arange(T), np.arange(T))
    A = np.where(lags >= 0, sx * phi ** np.maximum(lags, 0), 0.0)
    A[:, 0] /= np.sqrt(1 - phi ** 2)
    x = mu + A @ z
    log_jac = q[1] + q[3] + np.log(1 - phi ** 2)
    return (stats.norm.logpdf(y, x, sy).sum() + stats.norm.logpdf(z).sum() + stats.norm.logpdf(mu, 0, 2)
            + half(lambda v: stats.norm.logpdf(v, 0, 1), sx) + half(lambda v: stats.norm.logpdf(v, 0, 1), sy)
            + stats.uniform.logpdf(phi, -1, 2) + log_jac)


def normal_list(n, scale=1.0, loc=0.0):
    return [float(v) for v in rng.normal(loc, scale, n)]


def synthetic():
    years = [float(v) for v in np.arange(1952, 1962)]
    X_blr = rng.normal(0, 1, (20, 3))
    X_dia = np.column_stack([np.ones(40), rng.normal(0, 1, (40, 4))])
    return {
        "eightSchoolsNoncentered": ({"J": 8, "y": [28, 8, -3, 7, -1, 1, 18, 12], "sigma": [15, 10, 16, 11, 9, 11, 10, 18]}, [0.0] * 8 + [4.0, 1.5], 1.0),
        "eightSchoolsCentered": ({"J": 8, "y": [28, 8, -3, 7, -1, 1, 18, 12], "sigma": [15, 10, 16, 11, 9, 11, 10, 18]}, [4.0] * 9 + [1.5], 3.0),
        "arK": ({"K": 3, "T": 30, "y": normal_list(30)}, [0.1, 0.3, -0.2, 0.1, 0.0], 0.5),
        "arma11": ({"T": 30, "y": normal_list(30)}, [0.1, 0.3, 0.2, 0.0], 0.3),
        "garch11": ({"T": 30, "y": normal_list(30), "sigma1": 0.7}, [0.0, -1.0, -1.0, 0.5], 0.5),
        "kilpisjarvi": ({"N": 10, "x": years, "y": normal_list(10, 1.0, 9.0), "pmualpha": 9.3, "psalpha": 100.0, "pmubeta": 0.0, "psbeta": 0.0333}, [9.0, 0.01, 0.0], 0.05),
        "lowDimGaussMix": ({"N": 50, "y": normal_list(25, 1, -1) + normal_list(25, 1, 2)}, [-1.0, 1.0, 0.0, 0.0, 0.0], 0.5),
        "gpPoisRegr": ({"N": 6, "x": [-10.0, -6.0, -2.0, 2.0, 6.0, 10.0], "k": [40, 12, 3, 9, 77, 33]}, [1.8, 1.0] + [0.0] * 6, 0.5),
        "blr": ({"N": 20, "D": 3, "X": X_blr.tolist(), "y": (X_blr @ [1.0, -2.0, 0.5] + rng.normal(0, 0.5, 20)).tolist()}, [1.0, -2.0, 0.5, -0.7], 0.3),
        "diamonds": ({"N": 40, "K": 5, "X": X_dia.tolist(), "Y": (X_dia @ [7.0, 1.0, -0.5, 0.2, 0.0] + rng.normal(0, 0.3, 40)).tolist(), "prior_only": 0}, [1.0, -0.5, 0.2, 0.0, 7.0, -1.2], 0.3),
        "funnelCentered": ({}, [0.0] * 10, 1.5),
        "funnelNoncentered": ({}, [0.0] * 10, 1.5),
        "ar1StateSpace": ({"y": normal_list(12, 0.8, 0.5)}, [0.5, -1.0, 1.4, -1.0] + [0.0] * 12, 0.7),
    }


MODELS = {
    "eightSchoolsNoncentered": eight_schools_noncentered, "eightSchoolsCentered": eight_schools_centered,
    "arK": ar_k, "arma11": arma11, "garch11": garch11, "kilpisjarvi": kilpisjarvi,
    "lowDimGaussMix": low_dim_gauss_mix, "gpPoisRegr": gp_pois_regr, "blr": blr, "diamonds": diamonds,
    "funnelCentered": funnel_centered, "funnelNoncentered": funnel_noncentered, "ar1StateSpace": ar1_state_space,
}


def main():
    out = {"generator": "test/reference/log_density_golden.py", "numpy": np.__version__,
           "scipy": __import__("scipy").__version__, "models": {}}
    for name, (data, centre, spread) in synthetic().items():
        centre = np.array(centre, dtype=float)
        points = [centre + rng.uniform(-spread, spread, centre.size) for _ in range(4)]
        out["models"][name] = {
            "data": data,
            "points": [[float(v) for v in p] for p in points],
            "logDensity": [float(MODELS[name](data, p)) for p in points],
        }
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
