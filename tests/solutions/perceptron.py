"""Soluciones de referencia de ``nnlib.checks.perceptron`` (capítulo 1).

Las mismas que el cuaderno ``chapters/01_perceptron.ipynb``; quien cambie un ejercicio
del capítulo 1 actualiza aquí su solución en el mismo commit.
"""
import numpy as np


def perceptron_predict(X, w, b):
    z = np.asarray(X) @ np.asarray(w) + b
    return (z >= 0).astype(int)


def perceptron_update(w, b, x, y, learning_rate=1.0):
    y_hat = 1 if np.dot(w, x) + b >= 0 else 0
    error = y - y_hat
    return w + learning_rate * error * x, b + learning_rate * error


def count_mistakes(X, y, w, b):
    predictions = (np.asarray(X) @ np.asarray(w) + b >= 0).astype(int)
    return int(np.sum(predictions != np.asarray(y)))


SEPARABLE_GATES = {"and": True, "or": True, "nand": True, "nor": True, "xor": False, "xnor": False}

SOLUTIONS = {
    "check_predict": {"perceptron_predict": perceptron_predict},
    "check_update": {"perceptron_update": perceptron_update},
    "check_nand": {"nand_weights": np.array([-1.0, -1.0]), "nand_bias": 1.5},
    "check_separable": {"separable_gates": SEPARABLE_GATES},
    "check_count_mistakes": {"count_mistakes": count_mistakes},
}
