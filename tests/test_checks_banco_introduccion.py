"""Errores habituales del banco del capítulo 0 (nnlib.checks.banco_introduccion): cada uno recibe su pista.

La norma común la prueba ``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio.
"""
import math

import numpy as np
import pytest

from nnlib.checks import banco_introduccion as bank
from solutions.banco_introduccion import (collapse_linear, count_iterations, relu_layer, softmax,
                                          train_and_predict)
from exercise_checks import SEEDS, rejected_with, run


def test_count_iterations_example_by_hand():
    assert count_iterations(1050, 100, 20) == 220 and count_iterations(512, 64, 3) == 24


@pytest.mark.parametrize("wrong, hint", [
    (lambda n_examples, batch_size, epochs: n_examples // batch_size * epochs, "math.ceil"),
    (lambda n_examples, batch_size, epochs: n_examples / batch_size * epochs, "media iteración"),
    (lambda n_examples, batch_size, epochs: math.ceil(n_examples / batch_size), "multiplique por `epochs`"),
    (lambda n_examples, batch_size, epochs: n_examples * epochs, "un lote entero"),
    (lambda n_examples, batch_size, epochs: (n_examples // batch_size + 1) * epochs, "divide exactamente"),
])
def test_count_iterations_hints(capsys, wrong, hint):
    rejected_with(bank.check_count_iterations, capsys, "count_iterations", wrong, hint)


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, W, b: X @ W + b, "falta aplicar la ReLU"),
    (lambda X, W, b: np.maximum(X @ W, 0), "falta sumar el sesgo"),
    (lambda X, W, b: np.maximum(X @ W, 0) + b, "antes de la ReLU"),
    (lambda X, W, b: 1 / (1 + np.exp(-(X @ W + b))), "sigmoide"),
    (lambda X, W, b: np.abs(X @ W + b), "no les cambia el signo"),
    (lambda X, W, b: (np.maximum(X @ W + b, 0)).T, "traspuesto"),
])
def test_relu_layer_hints(capsys, wrong, hint):
    rejected_with(bank.check_relu_layer, capsys, "relu_layer", wrong, hint)


def test_relu_layer_example_by_hand():
    X, W, b = bank._LAYER_EXAMPLE
    # z = (0.5·0.2 − 1·0.3 + 2·(−0.1) + 0.1, ...) = (−0.3, −0.45, 1.05, −0.1) + ... ; la ReLU anula los negativos
    out = relu_layer(X, W, b)
    assert out.shape == (1, 4) and np.all(out >= 0) and np.isclose(out[0, 2], 0.05 + 0.6 + 0.4 + 0.0)


@pytest.mark.parametrize("wrong, hint", [
    (lambda z: np.exp(z) / np.exp(z).sum(), "reste el máximo"),
    (lambda z: np.exp(z - np.max(z)), "sumar 1"),
    (lambda z: z / np.sum(z), "no las preactivaciones"),
    (lambda z: 1 / (1 + np.exp(-z)), "sigmoide"),
    (lambda z: softmax(-z), "revise el signo"),
])
def test_softmax_hints(capsys, wrong, hint):
    rejected_with(bank.check_softmax, capsys, "softmax", wrong, hint)


def test_softmax_example_sums_to_one_and_keeps_order():
    p = softmax(np.array([2.0, 1.0, 0.1]))
    assert np.isclose(p.sum(), 1.0) and p[0] > p[1] > p[2] and np.isclose(p[0], 0.6590, atol=1e-4)


def test_collapse_linear_gives_the_same_output_as_two_layers():
    rng = np.random.default_rng(0)
    for _ in range(5):
        W1, b1, W2, b2 = bank._collapse_case(rng)
        X = rng.normal(size=(4, W1.shape[0]))
        W, b = collapse_linear(W1, b1, W2, b2)
        assert np.allclose((X @ W1 + b1) @ W2 + b2, X @ W + b)


@pytest.mark.parametrize("wrong, hint", [
    (lambda W1, b1, W2, b2: (W1 @ W2, b2), "también atraviesa W2"),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2), "falta sumar el sesgo b2"),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 - b2), "los sesgos se suman"),
    (lambda W1, b1, W2, b2: W1 @ W2, "pareja"),
])
def test_collapse_linear_hints(capsys, wrong, hint):
    rejected_with(bank.check_collapse_linear, capsys, "collapse_linear", wrong, hint)


def test_project_reference_passes_with_many_new_data_sets(capsys):
    for seed in range(12):
        ok, out = run(bank.check_circles_project, capsys, seed, train_and_predict=train_and_predict)
        assert bool(ok) is True, out


def _linear_model(X_train, y_train, X_test):
    from nnlib.layers import Dense
    from nnlib.model import Sequential
    from nnlib.optimizers import Adam

    model = Sequential([Dense(1, activation="sigmoid", input_dim=2)], seed=0)
    model.compile(loss="binary_crossentropy", optimizer=Adam(learning_rate=0.05))
    model.fit(X_train, y_train, epochs=100, batch_size=32, verbose=0)
    return (model.predict(X_test).ravel() >= 0.5).astype(int)


@pytest.mark.parametrize("wrong, hint", [
    (_linear_model, ("ninguna recta", "misma clase")),
    (lambda X_train, y_train, X_test: np.zeros(len(X_test), dtype=int), "misma clase"),
    (lambda X_train, y_train, X_test: np.full(len(X_test), 0.5) + 0.1 * (X_test[:, 0] > 0), "probabilidades"),
    (lambda X_train, y_train, X_test: np.tile([0, 1], 100), "forma"),
])
def test_project_hints(capsys, wrong, hint):
    rejected_with(bank.check_circles_project, capsys, "train_and_predict", wrong, hint, seeds=SEEDS[:3])
