"""Soluciones de referencia de ``nnlib.checks.banco_laboratorio`` (banco del capítulo 10, «El laboratorio»).

Quien cambie un ejercicio del banco actualiza aquí su solución en el mismo commit.
"""
import numpy as np

from nnlib.playground import Playground


def count_lab_params(n_features, hidden):
    sizes = [n_features, *hidden, 1]
    return sum((n_in + 1) * n_out for n_in, n_out in zip(sizes, sizes[1:]))


def best_epoch(history):
    return int(np.argmin(history["val_loss"]))


def polar_features(X):
    x1, x2 = X[:, 0], X[:, 1]
    return np.column_stack([np.hypot(x1, x2), np.arctan2(x2, x1)])


def collapse_linear(weights, biases):
    W, b = weights[0], biases[0]
    for W_k, b_k in zip(weights[1:], biases[1:]):
        W, b = W @ W_k, b @ W_k + b_k
    return W, b


def train_noisy_xor(seed):
    candidates = []
    for config, epochs in [({"features": ("x1*x2",), "hidden": ()}, 50), ({"hidden": (8, 8)}, 100)]:
        lab = Playground(dataset="xor", noise=0.5, seed=seed, **config)
        lab.step(epochs)
        candidates.append((lab.val_loss, len(candidates), lab))
    return min(candidates)[2]


SOLUTIONS = {
    "check_count_lab_params": {"count_lab_params": count_lab_params},
    "check_best_epoch": {"best_epoch": best_epoch},
    "check_polar_features": {"polar_features": polar_features},
    "check_collapse_linear": {"collapse_linear": collapse_linear},
    "check_noisy_xor": {"train_noisy_xor": train_noisy_xor},
}
