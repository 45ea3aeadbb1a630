"""Soluciones de referencia de ``nnlib.checks.banco_multicapa`` (banco del capítulo 2).

Son las mismas soluciones que el banco esconde tras «Mostrar solución».
"""
import numpy as np

from nnlib import optimizers
from nnlib.layers import Dense
from nnlib.model import Sequential


def softmax_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def leaky_relu(z, alpha):
    return np.where(z > 0, z, alpha * z)


def softmax_to_sigmoid(W, b):
    return W[:, 1] - W[:, 0], b[1] - b[0]


def relu_interpolant(xs, ys):
    slopes = np.diff(ys) / np.diff(xs)
    W1 = np.ones((1, len(xs) - 1))
    b1 = -xs[:-1]
    W2 = np.diff(slopes, prepend=0.0).reshape(-1, 1)
    b2 = np.array([ys[0]])
    return W1, b1, W2, b2


def moons_classifier(X_train, y_train, X_new):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    net = Sequential([Dense(16, activation="relu", input_dim=2),
                      Dense(16, activation="relu"),
                      Dense(1, activation="sigmoid")], seed=0)
    net.compile(optimizer=optimizers.Adam(learning_rate=0.01), loss="binary_crossentropy")
    net.fit((X_train - mean) / std, y_train, epochs=150, batch_size=32, verbose=0)
    p = net.predict((X_new - mean) / std).ravel()
    return (p >= 0.5).astype(int)


SOLUTIONS = {
    "check_softmax_rows": {"softmax_rows": softmax_rows},
    "check_leaky_relu": {"leaky_relu": leaky_relu},
    "check_softmax_to_sigmoid": {"softmax_to_sigmoid": softmax_to_sigmoid},
    "check_relu_interpolant": {"relu_interpolant": relu_interpolant},
    "check_moons_classifier": {"moons_classifier": moons_classifier},
}
