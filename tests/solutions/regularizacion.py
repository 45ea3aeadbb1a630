"""Soluciones de referencia de ``nnlib.checks.regularizacion`` (capítulo 6).

Quien cambie un ejercicio del capítulo 6 actualiza aquí su solución en el mismo commit.
Son las mismas soluciones que el cuaderno esconde tras «Mostrar solución».
"""
import numpy as np


def dropout_forward(x, mask, rate, training):
    if not training:
        return x
    return x * mask / (1.0 - rate)


def regularized_gradient(dW, W, l1, l2):
    return dW + l1 * np.sign(W) + 2.0 * l2 * W


def best_epoch(history, monitor):
    curve = np.asarray(history[monitor], dtype=float)
    index = np.argmin(curve) if "loss" in monitor else np.argmax(curve)
    return int(index) + 1


def batch_norm(x, gamma, beta, epsilon):
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    x_hat = (x - mean) / np.sqrt(var + epsilon)
    return gamma * x_hat + beta


SOLUTIONS = {
    "check_dropout_forward": {"dropout_forward": dropout_forward},
    "check_regularized_gradient": {"regularized_gradient": regularized_gradient},
    "check_best_epoch": {"best_epoch": best_epoch},
    "check_batch_norm": {"batch_norm": batch_norm},
}
