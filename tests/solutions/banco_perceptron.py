"""Soluciones de referencia de ``nnlib.checks.banco_perceptron`` (banco del capítulo 1).

Quien cambie un ejercicio de ``chapters/banco/01_perceptron.ipynb`` actualiza aquí su solución
en el mismo commit.
"""
import numpy as np


def boundary_line(w, b):
    return -w[0] / w[1], -b / w[1]


def signed_distance(X, w, b):
    return (np.asarray(X) @ np.asarray(w) + b) / np.linalg.norm(w)


def train_perceptron(X, y, learning_rate, max_epochs):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    w, b, errors = np.zeros(X.shape[1]), 0.0, []
    for _ in range(max_epochs):
        count = 0
        for x_i, y_i in zip(X, y):
            y_hat = 1 if x_i @ w + b >= 0 else 0
            if y_hat != y_i:
                w = w + learning_rate * (y_i - y_hat) * x_i
                b = b + learning_rate * (y_i - y_hat)
                count += 1
        errors.append(count)
        if count == 0:
            break
    return w, b, errors


def pocket_perceptron(X, y, max_epochs):
    X, y = np.asarray(X, dtype=float), np.asarray(y)

    def mistakes(w, b):
        return int(np.sum((X @ w + b >= 0).astype(int) != y))

    w, b = np.zeros(X.shape[1]), 0.0
    best_w, best_b, best = w.copy(), b, mistakes(w, b)
    for _ in range(max_epochs):
        corrections = 0
        for x_i, y_i in zip(X, y):
            y_hat = 1 if x_i @ w + b >= 0 else 0
            if y_hat == y_i:
                continue
            w, b = w + (y_i - y_hat) * x_i, b + (y_i - y_hat)
            corrections += 1
            current = mistakes(w, b)
            if current < best:
                best_w, best_b, best = w.copy(), b, current
        if corrections == 0:
            break
    return best_w, best_b


def one_vs_rest(X_train, y_train, X_test):
    from nnlib.datasets import standardize
    from nnlib.perceptron import Perceptron

    X_train_s, X_test_s, _, _ = standardize(X_train, X_test)
    scores = []
    for species in range(3):
        p = Perceptron(pocket=True, max_epochs=50, shuffle=True, seed=0)
        p.fit(X_train_s, (np.asarray(y_train) == species).astype(int))
        scores.append(p.decision_function(X_test_s))
    return np.argmax(np.column_stack(scores), axis=1)


SOLUTIONS = {
    "check_boundary_line": {"boundary_line": boundary_line},
    "check_signed_distance": {"signed_distance": signed_distance},
    "check_train_perceptron": {"train_perceptron": train_perceptron},
    "check_pocket_perceptron": {"pocket_perceptron": pocket_perceptron},
    "check_iris_project": {"one_vs_rest": one_vs_rest},
}
