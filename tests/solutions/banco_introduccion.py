"""Soluciones de referencia de ``nnlib.checks.banco_introduccion`` (banco del capítulo 0).

Quien cambie un ejercicio de ``chapters/banco/00_introduccion.ipynb`` actualiza aquí su solución
en el mismo commit.
"""
import math

import numpy as np


def count_iterations(n_examples, batch_size, epochs):
    return math.ceil(n_examples / batch_size) * epochs


def relu_layer(X, W, b):
    return np.maximum(0.0, np.asarray(X) @ np.asarray(W) + b)


def softmax(z):
    e = np.exp(np.asarray(z) - np.max(z))
    return e / e.sum()


def collapse_linear(W1, b1, W2, b2):
    return W1 @ W2, b1 @ W2 + b2


def train_and_predict(X_train, y_train, X_test):
    from nnlib.layers import Dense
    from nnlib.model import Sequential
    from nnlib.optimizers import Adam

    model = Sequential([Dense(8, activation="tanh", input_dim=2), Dense(1, activation="sigmoid")], seed=0)
    model.compile(loss="binary_crossentropy", optimizer=Adam(learning_rate=0.05))
    model.fit(X_train, y_train, epochs=100, batch_size=32, verbose=0)
    return (model.predict(X_test).ravel() >= 0.5).astype(int)


SOLUTIONS = {
    "check_count_iterations": {"count_iterations": count_iterations},
    "check_relu_layer": {"relu_layer": relu_layer},
    "check_softmax": {"softmax": softmax},
    "check_collapse_linear": {"collapse_linear": collapse_linear},
    "check_circles_project": {"train_and_predict": train_and_predict},
}
