"""A logistic model over binary features, and how it is fitted: the learned parts' one model family.

Small, deterministic and readable: weights by feature name (JSON), full-batch gradient
descent with Adam, L2 regularisation, features seen fewer than twice dropped.

>>> head = train_logistic([["a"], ["a"], ["b"], ["b"]], [1, 1, 0, 0], min_count=1)
>>> head.probability(["a"]) > 0.5 > head.probability(["b"])
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy


@dataclass
class Linear:
    """A logistic model over binary features: weights by feature name, a bias and a decision threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def train_logistic(
    samples: list[list[str]], labels: list[int], l2: float = 1.0, iterations: int = 300, min_count: int = 2
) -> Linear:
    """Fit a logistic model by full-batch gradient descent with Adam; deterministic."""
    counts: dict[str, int] = {}
    for feats in samples:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i for i, f in enumerate(names)}
    rows = [sorted({index[f] for f in feats if f in index}) for feats in samples]
    indptr = numpy.cumsum([0] + [len(r) for r in rows])
    cols = numpy.array([i for r in rows for i in r], dtype=numpy.int64)
    row_of = numpy.repeat(numpy.arange(len(rows)), numpy.diff(indptr))
    y = numpy.array(labels, dtype=float)
    w = numpy.zeros(len(names))
    b = 0.0
    m, v, mb, vb = numpy.zeros_like(w), numpy.zeros_like(w), 0.0, 0.0
    rate, beta1, beta2, eps = 0.1, 0.9, 0.999, 1e-8
    n = max(len(rows), 1)
    for step in range(1, iterations + 1):
        z = numpy.bincount(row_of, weights=w[cols], minlength=len(rows)) + b
        p = 1.0 / (1.0 + numpy.exp(-numpy.clip(z, -30, 30)))
        error = p - y
        grad = numpy.bincount(cols, weights=error[row_of], minlength=len(names)) / n + l2 * w / n
        grad_b = float(error.mean())
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad**2
        mb = beta1 * mb + (1 - beta1) * grad_b
        vb = beta2 * vb + (1 - beta2) * grad_b**2
        w -= rate * (m / (1 - beta1**step)) / (numpy.sqrt(v / (1 - beta2**step)) + eps)
        b -= rate * (mb / (1 - beta1**step)) / (math.sqrt(vb / (1 - beta2**step)) + eps)
    weights = {name: round(float(x), 5) for name, x in zip(names, w) if abs(x) > 1e-4}
    return Linear(weights, round(b, 5))


def fit_platt(probabilities: list[float], labels: list[int], iterations: int = 50) -> tuple[float, float]:
    """Platt scaling: ``(a, b)`` such that ``sigmoid(a * logit(p) + b)`` is the share of true
    labels among items scored ``p`` (fitted by Newton's method on held-out scores, with
    Platt's smoothed targets so that a perfectly separated set does not give infinite slopes).

    >>> a, b = fit_platt([0.9, 0.8, 0.7, 0.6, 0.3, 0.2], [1, 0, 1, 0, 0, 0])
    >>> round(calibrated(0.9, a, b), 2) < 0.9
    True
    """
    p = numpy.clip(numpy.array(probabilities, dtype=float), 1e-6, 1 - 1e-6)
    x = numpy.log(p / (1 - p))
    y = numpy.array(labels, dtype=float)
    positives, negatives = y.sum(), len(y) - y.sum()
    target = numpy.where(y > 0, (positives + 1) / (positives + 2), 1 / (negatives + 2))

    def loss(a: float, b: float) -> float:
        z = numpy.clip(a * x + b, -30, 30)
        return float((numpy.logaddexp(0, z) - target * z).sum())

    a, b = 1.0, 0.0
    for _ in range(iterations):
        q = 1.0 / (1.0 + numpy.exp(-numpy.clip(a * x + b, -30, 30)))
        g = numpy.array([((q - target) * x).sum(), (q - target).sum()])
        w = q * (1 - q) + 1e-9
        h = numpy.array([[(w * x * x).sum(), (w * x).sum()], [(w * x).sum(), w.sum()]]) + 1e-6 * numpy.eye(2)
        step = numpy.linalg.solve(h, g)
        # Newton's step, halved until the loss goes down: two distinct scores alone make it overshoot
        scale, before = 1.0, loss(a, b)
        while scale > 1e-6 and loss(a - scale * float(step[0]), b - scale * float(step[1])) > before:
            scale /= 2
        a, b = a - scale * float(step[0]), b - scale * float(step[1])
        if scale * abs(step).max() < 1e-8:
            break
    return round(a, 5), round(b, 5)


def calibrated(probability: float, a: float, b: float) -> float:
    """A raw probability mapped through Platt's ``(a, b)`` (see :func:`fit_platt`)."""
    p = min(max(probability, 1e-6), 1 - 1e-6)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, a * math.log(p / (1 - p)) + b))))
