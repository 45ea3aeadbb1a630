"""Soluciones de referencia de ``nnlib.checks.perceptron`` (capítulo 1)."""
import numpy as np


def perceptron_predict(X, w, b):
    z = np.asarray(X) @ np.asarray(w) + b
    return (z >= 0).astype(int)


def perceptron_update(w, b, x, y, learning_rate):
    y_hat = 1 if np.dot(w, x) + b >= 0 else 0
    error = y - y_hat
    return w + learning_rate * error * x, b + learning_rate * error


SOLUTIONS = {
    "check_predict": {"perceptron_predict": perceptron_predict},
    "check_update": {"perceptron_update": perceptron_update},
    "check_nand": {"nand_weights": np.array([-1.0, -1.0]), "nand_bias": 1.5},
    "check_separable": {"separable_gates": {"and": True, "or": True, "nand": True, "nor": True,
                                            "xor": False, "xnor": False}},
}
