"""Soluciones de referencia de ``nnlib.checks.banco_optimizadores`` (banco del capítulo 5, «Optimizadores»).

Quien cambie un ejercicio del banco actualiza aquí su solución en el mismo commit.
"""
import math

import numpy as np


def gd_path(w0, learning_rate, curvature, steps):
    path = [w0]
    for _ in range(steps):
        path.append(path[-1] - learning_rate * curvature * path[-1])
    return np.array(path)


def rmsprop_step(w, s, grad, learning_rate, rho, epsilon):
    new_s = rho * s + (1 - rho) * grad ** 2
    return w - learning_rate * grad / np.sqrt(new_s + epsilon), new_s


def cosine_decay(step, decay_steps, initial_learning_rate, alpha):
    t = min(step, decay_steps)
    return initial_learning_rate * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * t / decay_steps)) + alpha)


def critical_learning_rate(H):
    return 2.0 / float(np.linalg.eigvalsh(H)[-1])


def best_learning_rate(H):
    eigenvalues = np.linalg.eigvalsh(H)
    return 2.0 / float(eigenvalues[0] + eigenvalues[-1])


def _softplus(z):
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def train_logistic(X, y, learning_rate):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(100):
        z = X @ w + b
        g = (np.exp(-_softplus(-z)) - y) / len(y)
        w, b = w - learning_rate * (X.T @ g), b - learning_rate * g.sum()
    return w, b


def pick_learning_rate_by_validation(X_train, y_train, X_val, y_val, candidates):
    losses = []
    for learning_rate in candidates:
        w, b = train_logistic(X_train, y_train, learning_rate)
        z = X_val @ w + b
        loss = float(np.mean(_softplus(z) - y_val * z))
        losses.append(loss if np.isfinite(loss) else np.inf)
    return candidates[int(np.argmin(losses))]


SOLUTIONS = {
    "check_gd_path": {"gd_path": gd_path},
    "check_rmsprop_step": {"rmsprop_step": rmsprop_step},
    "check_cosine_decay": {"cosine_decay": cosine_decay},
    "check_gd_rates": {"critical_learning_rate": critical_learning_rate, "best_learning_rate": best_learning_rate},
    "check_learning_rate_search": {"train_logistic": train_logistic,
                                   "pick_learning_rate_by_validation": pick_learning_rate_by_validation},
}
