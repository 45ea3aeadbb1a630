"""Soluciones de referencia de ``nnlib.checks.banco_retropropagacion`` (banco del capítulo 3).

Son las mismas soluciones que el banco esconde tras «Mostrar solución».
"""
import numpy as np


def neuron_gradient(x, w, b, t):
    o = 1.0 / (1.0 + np.exp(-(x @ w + b)))
    delta = (o - t) * o * (1 - o)
    return delta * x, delta


def central_difference(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def mlp_backward(X, T, W1, b1, W2, b2):
    A1 = np.tanh(X @ W1 + b1)
    Y = A1 @ W2 + b2
    dY = 2 * (Y - T) / Y.size
    dZ1 = (dY @ W2.T) * (1 - A1 ** 2)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dY, "b2": dY.sum(axis=0)}


def softmax_ce_gradient(Y, Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    S = E / E.sum(axis=1, keepdims=True)
    return (S - Y) / len(Z)


def train_two_layer(X, y):
    "Entrena una red tanh → sigmoide con su propia retropropagación; devuelve sus pesos."
    def sigmoid(z):
        return 0.5 * (1.0 + np.tanh(0.5 * z))          # sin desbordarse con |z| grande

    def fit(X, y, learning_rate, n_hidden=16, epochs=2000):
        rng = np.random.default_rng(0)
        W1 = rng.normal(size=(X.shape[1], n_hidden))   # al azar: rompe la simetría
        b1 = np.zeros(n_hidden)
        W2 = rng.normal(scale=1 / np.sqrt(n_hidden), size=(n_hidden, 1))
        b2 = np.zeros(1)
        t = y.reshape(-1, 1)
        for _ in range(epochs):                        # descenso por gradiente con todos los ejemplos
            A1 = np.tanh(X @ W1 + b1)                  # hacia delante
            p = sigmoid(A1 @ W2 + b2)
            d2 = (p - t) / len(X)                      # sigmoide + entropía cruzada: δ2 = (p − t)/N
            d1 = (d2 @ W2.T) * (1 - A1 ** 2)           # hacia atrás por tanh
            W2 = W2 - learning_rate * A1.T @ d2
            b2 = b2 - learning_rate * d2.sum(axis=0)
            W1 = W1 - learning_rate * X.T @ d1
            b1 = b1 - learning_rate * d1.sum(axis=0)
        return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}

    def accuracy(params, X, y):
        A1 = np.tanh(X @ params["W1"] + params["b1"])
        return float(np.mean((sigmoid(A1 @ params["W2"] + params["b2"]).ravel() >= 0.5) == y))

    # Decidir la tasa de aprendizaje con validación cruzada en 3 partes.
    folds = np.array_split(np.arange(len(X)), 3)
    scores = {}
    for learning_rate in (0.1, 0.5, 2.0):
        fold_scores = []
        for held_out in folds:
            keep = np.setdiff1d(np.arange(len(X)), held_out)
            fold_scores.append(accuracy(fit(X[keep], y[keep], learning_rate), X[held_out], y[held_out]))
        scores[learning_rate] = np.mean(fold_scores)
    # Elección: con 0.1, en 2000 épocas la red aprende más despacio y queda unos puntos por debajo
    # en validación (0.85 a 0.95); 0.5 y 2.0 casi empatan (0.92 a 0.98) y cualquiera sirve.
    best = max(scores, key=scores.get)
    return fit(X, y, best)


SOLUTIONS = {
    "check_neuron_gradient": {"neuron_gradient": neuron_gradient},
    "check_central_difference": {"central_difference": central_difference},
    "check_mlp_backward": {"mlp_backward": mlp_backward},
    "check_softmax_ce_gradient": {"softmax_ce_gradient": softmax_ce_gradient},
    "check_train_two_layer": {"train_two_layer": train_two_layer},
}
