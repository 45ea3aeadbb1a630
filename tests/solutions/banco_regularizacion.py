"""Soluciones de referencia de ``nnlib.checks.banco_regularizacion`` (banco del capítulo 6).

Son las mismas que el banco ``chapters/banco/06_sobreajuste_y_regularizacion.ipynb`` esconde tras
«Mostrar solución»; quien cambie un ejercicio actualiza aquí su solución en el mismo commit.
"""
import numpy as np


def l2_penalty(kernels, l2):
    return l2 * sum(float(np.sum(np.asarray(k) ** 2)) for k in kernels)


def early_stopping_epochs(val_losses, patience, min_delta):
    best, wait = np.inf, 0
    for epoch, value in enumerate(val_losses):
        if value < best - min_delta:
            best, wait = value, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch + 1
    return len(val_losses)


def dropout_variance(x, rate):
    return np.asarray(x) ** 2 * rate / (1.0 - rate)


def ridge_weights(X, y, l2):
    n, d = X.shape
    return np.linalg.solve(X.T @ X + n * l2 * np.eye(d), X.T @ y)


def choose_l2(X_train, y_train, X_val, y_val, candidates):
    errors = []
    for l2 in candidates:
        w = ridge_weights(X_train, y_train, l2)
        errors.append(np.mean((X_val @ w - y_val) ** 2))
    return candidates[int(np.argmin(errors))]


SOLUTIONS = {
    "check_l2_penalty": {"l2_penalty": l2_penalty},
    "check_early_stopping_epochs": {"early_stopping_epochs": early_stopping_epochs},
    "check_dropout_variance": {"dropout_variance": dropout_variance},
    "check_ridge_weights": {"ridge_weights": ridge_weights},
    "check_choose_l2": {"choose_l2": choose_l2},
}
