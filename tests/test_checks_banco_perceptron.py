"""Errores habituales del banco del capítulo 1 (nnlib.checks.banco_perceptron): cada uno recibe su pista.

La norma común la prueba ``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio.
"""
import numpy as np
import pytest

from nnlib.checks import banco_perceptron as bank
from nnlib.perceptron import Perceptron
from solutions.banco_perceptron import (boundary_line, one_vs_rest, pocket_perceptron, signed_distance,
                                        train_perceptron)
from exercise_checks import SEEDS, rejected_with, run


def test_boundary_line_example_by_hand():
    assert boundary_line(np.array([1.0, 1.0]), -1.5) == (-1.0, 1.5)


@pytest.mark.parametrize("wrong, hint", [
    (lambda w, b: (w[0] / w[1], -b / w[1]), "con signo menos"),
    (lambda w, b: (-w[1] / w[0], -b / w[1]), "w2 va en el denominador"),
    (lambda w, b: (-w[0] / w[1], b / w[1]), "−b / w2, con signo menos"),
    (lambda w, b: (-w[0] / w[1], -b / w[0]), "eje horizontal"),
    (lambda w, b: -w[0] / w[1], "2 valores"),
])
def test_boundary_line_hints(capsys, wrong, hint):
    rejected_with(bank.check_boundary_line, capsys, "boundary_line", wrong, hint)


def test_signed_distance_is_the_distance_to_the_closest_point_of_the_line():
    rng = np.random.default_rng(0)
    for _ in range(5):
        X, w, b = bank._distance_case(rng)
        d = signed_distance(X, w, b)
        closest = X - np.outer(d, w / np.linalg.norm(w))          # el pie de la perpendicular
        assert np.allclose(closest @ w + b, 0.0)                   # está en la frontera
        assert np.allclose(np.linalg.norm(X - closest, axis=1), np.abs(d))


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, w, b: X @ w + b, "falta dividir por la norma"),
    (lambda X, w, b: np.abs(X @ w + b) / np.linalg.norm(w), "valor absoluto"),
    (lambda X, w, b: (X @ w + b) / np.linalg.norm(w) ** 2, "no por ‖w‖²"),
    (lambda X, w, b: (X @ w + b) / np.linalg.norm(np.append(w, b)), "sin el sesgo"),
    (lambda X, w, b: -(X @ w + b) / np.linalg.norm(w), "el signo está cambiado"),
])
def test_signed_distance_hints(capsys, wrong, hint):
    rejected_with(bank.check_signed_distance, capsys, "signed_distance", wrong, hint)


def test_train_perceptron_matches_the_chapter_on_and():
    w, b, errors = train_perceptron(bank._AND_X, bank._AND_Y, 0.5, 20)
    p = Perceptron(learning_rate=0.5, max_epochs=20).fit(bank._AND_X, bank._AND_Y)
    assert errors == p.errors_ and np.allclose(w, p.weights_) and b == p.bias_


def _no_bias(X, y, learning_rate, max_epochs):
    w, _, errors = train_perceptron(X, y, learning_rate, max_epochs)
    return w, 0.0, errors


def _batch_rule(X, y, learning_rate, max_epochs):
    w, b, errors = np.zeros(X.shape[1]), 0.0, []
    for _ in range(max_epochs):
        y_hat = (X @ w + b >= 0).astype(int)
        w, b = w + learning_rate * (y - y_hat) @ X, b + learning_rate * np.sum(y - y_hat)
        errors.append(int(np.sum(y_hat != y)))
        if errors[-1] == 0:
            break
    return w, b, errors


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, y, learning_rate, max_epochs: (*train_perceptron(X, y, learning_rate, max_epochs)[:2],
                                             bank._no_stop(X, y, learning_rate, max_epochs)), "break"),
    (_no_bias, ("el sesgo también se corrige", "cuente un error")),
    (_batch_rule, ("los pesos cambian dentro de la época", "épocas")),
    (lambda X, y, learning_rate, max_epochs: train_perceptron(X, y, learning_rate, max_epochs)[:2], "3 valores"),
])
def test_train_perceptron_hints(capsys, wrong, hint):
    rejected_with(bank.check_train_perceptron, capsys, "train_perceptron", wrong, hint)


def test_pocket_matches_nnlib():
    rng = np.random.default_rng(3)
    for _ in range(10):
        X, y = bank._rule_case(rng, separable=False)
        w, b = pocket_perceptron(X, y, 10)
        p = Perceptron(pocket=True, max_epochs=10).fit(X, y)
        assert np.allclose(w, p.weights_) and b == p.bias_


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, y, max_epochs: bank._pocket_final(X, y, max_epochs), "del final de la regla"),
    (lambda X, y, max_epochs: bank._pocket_ties(X, y, max_epochs), ("estrictamente", "del final de la regla")),
])
def test_pocket_hints(capsys, wrong, hint):
    rejected_with(bank.check_pocket_perceptron, capsys, "pocket_perceptron", wrong, hint)


def test_project_reference_passes_with_many_new_splits(capsys):
    for seed in range(40):
        ok, out = run(bank.check_iris_project, capsys, seed, one_vs_rest=one_vs_rest)
        assert bool(ok) is True, out


def _labels_from_steps(X_train, y_train, X_test):
    from nnlib.perceptron import Perceptron as P
    votes = [P(max_epochs=20).fit(X_train, (y_train == k).astype(int)).predict(X_test) for k in range(3)]
    return np.column_stack(votes) @ np.array([0, 1, 2])


@pytest.mark.parametrize("wrong, hint", [
    (lambda X_train, y_train, X_test: np.zeros(len(X_test), dtype=int), "nunca predice"),
    (_labels_from_steps, ("no son especies", "nunca predice", "pocket=True")),
    (lambda X_train, y_train, X_test: np.tile([0, 1, 2], 15)[::-1] * 0 + np.arange(45) % 3, "pocket=True"),
])
def test_project_hints(capsys, wrong, hint):
    rejected_with(bank.check_iris_project, capsys, "one_vs_rest", wrong, hint, seeds=SEEDS[:4])
