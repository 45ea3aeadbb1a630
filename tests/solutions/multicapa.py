"""Soluciones de referencia de ``nnlib.checks.multicapa`` (capítulo 2).

Quien cambie un ejercicio del capítulo 2 actualiza aquí su solución en el mismo commit.
Son las mismas soluciones que el cuaderno esconde tras «Mostrar solución».
"""
import math

import numpy as np


def dense_forward(X, W, b):
    return np.maximum(0.0, X @ W + b)


def collapse_linear(layers):
    W, b = layers[0]
    for W_next, b_next in layers[1:]:
        W, b = W @ W_next, b @ W_next + b_next
    return W, b


def glorot_limit(fan_in, fan_out):
    return math.sqrt(6.0 / (fan_in + fan_out))


OUTPUT_LAYERS = {
    "a": (1, "linear", "mse"),
    "b": (1, "sigmoid", "binary_crossentropy"),
    "c": (10, "softmax", "sparse_categorical_crossentropy"),
    "d": (6, "sigmoid", "binary_crossentropy"),
}

SOLUTIONS = {
    "check_dense_forward": {"dense_forward": dense_forward},
    "check_collapse_linear": {"collapse_linear": collapse_linear},
    "check_glorot_limit": {"glorot_limit": glorot_limit},
    "check_output_layers": {"output_layers": OUTPUT_LAYERS},
}
