"""Soluciones de referencia de ``nnlib.checks.optimizadores`` (capítulo 5)."""
import numpy as np


def minibatch_gradient(X, y, w, b):
    error = np.asarray(X) @ np.asarray(w) + b - np.asarray(y)
    n = len(error)
    return 2.0 * np.asarray(X).T @ error / n, 2.0 * float(np.sum(error)) / n


def sgd_momentum_step(w, velocity, grad, learning_rate, momentum):
    new_velocity = momentum * velocity - learning_rate * grad
    return w + new_velocity, new_velocity


def adam_step(w, m, v, grad, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad ** 2
    m_hat = m / (1 - beta_1 ** t)
    v_hat = v / (1 - beta_2 ** t)
    return w - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon), m, v


def pick_learning_rate(learning_rates, losses):
    learning_rates, losses = np.asarray(learning_rates), np.asarray(losses)
    end = np.argmin(losses) + 1
    slopes = np.gradient(losses[:end], np.log10(learning_rates[:end]))
    return float(learning_rates[np.argmin(slopes)])


SOLUTIONS = {
    "check_minibatch_gradient": {"minibatch_gradient": minibatch_gradient},
    "check_sgd_momentum_step": {"sgd_momentum_step": sgd_momentum_step},
    "check_adam_step": {"adam_step": adam_step},
    "check_pick_learning_rate": {"pick_learning_rate": pick_learning_rate},
}
