#!/usr/bin/env python3
"""Golden vectors for the multivariate drift measures: the L2-penalised logistic regression of the
domain classifier, its held-out ROC AUC and MCC, and PCA reconstruction errors.

Writes Tests/DriftStatsTests/Golden/multivariate.json. Needs numpy and scikit-learn
(`python3 -m pip install numpy scikit-learn`; the versions used are recorded in the output).
Run from the repository root:

    python3 scripts/golden/multivariate.py

The objective is scikit-learn's LogisticRegression(C=1/penalty): sum of log losses plus
penalty/2 * |w|^2, intercept not penalised. It is fitted twice, by scikit-learn's
newton-cholesky solver and by a plain Newton iteration in numpy, and the two must agree to 1e-9
before anything is written. Matrices are stored rounded to 12 significant digits so that the JSON
text parses to the same doubles in Python and Swift; every reference is computed from the
rounded values.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import matthews_corrcoef, roc_auc_score

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/DriftStatsTests/Golden/multivariate.json"


def rounded(a):
    return np.array([[float(f"{v:.12g}") for v in row] for row in np.atleast_2d(a)])


def newton(x, y, penalty):
    """Plain Newton on the penalised objective (second derivation of the reference)."""
    xa = np.hstack([np.ones((x.shape[0], 1)), x])
    beta = np.zeros(xa.shape[1])
    pen = np.full(xa.shape[1], penalty)
    pen[0] = 0
    for _ in range(200):
        eta = xa @ beta
        mu = 1 / (1 + np.exp(-eta))
        g = xa.T @ (mu - y) + pen * beta
        h = xa.T @ (xa * (mu * (1 - mu))[:, None]) + np.diag(pen)
        step = np.linalg.solve(h, g)
        beta = beta - step
        if np.max(np.abs(step)) < 1e-13 * (1 + np.max(np.abs(beta))):
            break
    return beta


def logistic_case(name, rng, n_train, n_test, d, shift, penalty, correlated):
    """Two classes drawn from Gaussians that differ by `shift` (mean) and, optionally, by the sign
    of a correlation."""
    def draw(n, label):
        z = rng.standard_normal((n, d))
        if correlated:
            rho = 0.8 if label == 0 else -0.8
            z[:, 1] = rho * z[:, 0] + np.sqrt(1 - rho**2) * z[:, 1]
        return z + (shift if label == 1 else 0.0)

    x_train = rounded(np.vstack([draw(n_train, 0), draw(n_train, 1)]))
    y_train = np.array([0.0] * n_train + [1.0] * n_train)
    x_test = rounded(np.vstack([draw(n_test, 0), draw(n_test, 1)]))
    y_test = np.array([0.0] * n_test + [1.0] * n_test)
    model = LogisticRegression(C=1 / penalty, solver="newton-cholesky", tol=1e-14, max_iter=1000)
    model.fit(x_train, y_train)
    coef = np.concatenate([model.intercept_, model.coef_[0]])
    check = newton(x_train, y_train, penalty)
    assert np.max(np.abs(coef - check)) < 1e-9, (name, coef, check)
    xa = np.hstack([np.ones((x_test.shape[0], 1)), x_test])
    scores = xa @ check
    predicted = (scores > 0).astype(float)
    return {
        "name": name,
        "penalty": penalty,
        "x_train": x_train.tolist(),
        "y_train": y_train.tolist(),
        "x_test": x_test.tolist(),
        "y_test": y_test.tolist(),
        "coefficients": check.tolist(),
        "coefficients_sklearn": coef.tolist(),
        "auc": float(roc_auc_score(y_test, scores)),
        "mcc": float(matthews_corrcoef(y_test, predicted)),
    }


def pca_case(name, rng, n, d, share):
    """Rows with a decaying, well-separated spectrum; reference PCA by numpy's eigh."""
    scales = np.linspace(3.0, 0.3, d)
    mix = np.linalg.qr(rng.standard_normal((d, d)))[0]
    x = rounded((rng.standard_normal((n, d)) * scales) @ mix.T + rng.standard_normal(d))
    target = rounded(rng.standard_normal((n // 2, d)) * scales[::-1] @ mix.T)
    mean = x.mean(axis=0)
    cov = np.cov(x - mean, rowvar=False, ddof=1)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1]
    vals, vecs = vals[order], vecs[:, order]
    ratios = vals / vals.sum()
    kept = int(np.searchsorted(np.cumsum(ratios), share) + 1)
    v = vecs[:, :kept]

    def errors(rows):
        z = rows - mean
        return np.linalg.norm(z - z @ v @ v.T, axis=1).tolist()

    return {
        "name": name,
        "variance_share": share,
        "x": x.tolist(),
        "target": target.tolist(),
        "explained_variance_ratio": ratios.tolist(),
        "kept": kept,
        "errors": errors(x),
        "target_errors": errors(target),
    }


def main():
    rng = np.random.default_rng(20261125)
    logistic = [
        logistic_case("shifted", rng, 300, 200, 4, 0.4, 1.0, False),
        logistic_case("correlation_flip", rng, 400, 300, 3, 0.0, 1.0, True),
        logistic_case("indistinguishable", rng, 250, 250, 5, 0.0, 1.0, False),
        # Perfectly separable: only the penalty keeps the coefficients finite.
        logistic_case("separable", rng, 60, 40, 2, 8.0, 1.0, False),
        logistic_case("strong_penalty", rng, 200, 100, 3, 0.5, 25.0, False),
    ]
    pca = [
        pca_case("six_columns", rng, 500, 6, 0.65),
        pca_case("ten_columns", rng, 800, 10, 0.8),
    ]
    OUT.write_text(
        json.dumps(
            {
                "numpy": np.__version__,
                "sklearn": sklearn.__version__,
                "logistic": logistic,
                "pca": pca,
            },
            indent=None,
        )
        + "\n"
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
