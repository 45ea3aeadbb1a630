"""Soluciones de referencia de ``nnlib.checks.retropropagacion`` (capítulo 3).

Quien cambie un ejercicio del capítulo 3 actualiza aquí su solución en el mismo commit.
"""
import numpy as np

from nnlib.gradcheck import numerical_gradient, relative_error


def sigmoid_derivative(z):
    s = 1.0 / (1.0 + np.exp(-z))
    return s * (1.0 - s)


def mse_gradient(y_true, y_pred):
    return 2.0 * (y_pred - y_true) / y_pred.size


def dense_backward(X, W, b, grad_output):
    A = 1.0 / (1.0 + np.exp(-(X @ W + b)))
    delta = grad_output * A * (1.0 - A)
    return X.T @ delta, delta.sum(axis=0), delta @ W.T


def find_bug(loss_fn, params, grads):
    worst_name, worst_error = None, 1e-4
    for name, value in params.items():
        numeric = numerical_gradient(lambda _: loss_fn(params), value)
        error = relative_error(grads[name], numeric)
        if error > worst_error:
            worst_name, worst_error = name, error
    return worst_name


SOLUTIONS = {
    "check_sigmoid_derivative": {"sigmoid_derivative": sigmoid_derivative},
    "check_mse_gradient": {"mse_gradient": mse_gradient},
    "check_dense_backward": {"dense_backward": dense_backward},
    "check_find_bug": {"find_bug": find_bug},
}
