"""Soluciones de referencia de ``nnlib.checks.laboratorio`` (capítulo 10).

Quien cambie un ejercicio del capítulo 10 actualiza aquí su solución en el mismo commit.
"""
import numpy as np


def engineered_features(X):
    x1, x2 = X[:, 0], X[:, 1]
    return np.column_stack([x1 ** 2, x2 ** 2, x1 * x2, np.sin(x1), np.sin(x2)])


SOLUTIONS = {
    "check_engineered_features": {"engineered_features": engineered_features},
    "check_xor_feature": {"xor_feature": "x1*x2"},
    "check_spiral_config": {"spiral_config": {"hidden": (8, 8, 8), "activation": "tanh", "learning_rate": 0.1}},
}
