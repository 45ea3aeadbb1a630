"""Soluciones de referencia de ``nnlib.checks.perdida`` (capítulo 4, «Funciones de pérdida»).

Quien cambie un ejercicio del capítulo 4 actualiza aquí su solución en el mismo commit.
"""
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    error = y_pred - y_true
    small = np.abs(error) <= delta
    return float(np.mean(np.where(small, 0.5 * error ** 2, delta * np.abs(error) - 0.5 * delta ** 2)))


def huber_gradient(y_true, y_pred, delta=1.0):
    return np.clip(y_pred - y_true, -delta, delta) / y_pred.size


def bce_loss(y_true, y_pred):
    return float(-np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)))


def bce_gradient(y_true, y_pred):
    return (-y_true / y_pred + (1 - y_true) / (1 - y_pred)) / y_pred.size


def bce_from_logits(y_true, logits):
    return float(np.mean(np.maximum(logits, 0) - logits * y_true + np.log1p(np.exp(-np.abs(logits)))))


SOLUTIONS = {
    "check_huber": {"huber_loss": huber_loss, "huber_gradient": huber_gradient},
    "check_bce": {"bce_loss": bce_loss, "bce_gradient": bce_gradient},
    "check_output_and_loss": {"output_and_loss": {
        "a": (1, "linear", "mse"),
        "b": (1, "sigmoid", "binary_crossentropy"),
        "c": (26, "softmax", "sparse_categorical_crossentropy"),
        "d": (5, "sigmoid", "binary_crossentropy"),
    }},
    "check_bce_from_logits": {"bce_from_logits": bce_from_logits},
}
