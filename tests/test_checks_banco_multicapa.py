"""Errores habituales del banco del capítulo 2 (nnlib.checks.banco_multicapa): cada uno recibe su pista.

La norma común la prueba ``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio.
"""
import numpy as np
import pytest

from nnlib.checks import banco_multicapa as bm
from solutions.banco_multicapa import (leaky_relu, moons_classifier, relu_interpolant, softmax_rows,
                                       softmax_to_sigmoid)
from exercise_checks import SEEDS, rejected_with, run


def test_random_cases_differ_from_the_statement_examples():
    rng = np.random.default_rng(0)
    for _ in range(100):
        assert bm._softmax_case(rng).shape != (2, 3)
        assert bm._layer_case(rng)[0].shape[0] != 3
        assert len(bm._interp_case(rng)[0]) != 4


def test_relu_interpolant_reference_is_piecewise_linear_between_the_points():
    xs, ys = (np.array(v) for v in bm.INTERPOLANT_EXAMPLE)
    params = relu_interpolant(xs, ys)
    grid = np.linspace(xs[0], xs[-1], 301)
    np.testing.assert_allclose(bm._net(params, grid), np.interp(grid, xs, ys), atol=1e-12)


def test_a_straight_boundary_does_not_reach_the_moons_threshold():
    """El umbral es honesto: la mejor recta (mínimos cuadrados sobre las etiquetas) no llega."""
    X, y, X_new, y_new = bm._moons_case(0, 200, 300)
    A = np.column_stack([X, np.ones(len(X))])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    accuracy = np.mean((np.column_stack([X_new, np.ones(len(X_new))]) @ coef >= 0.5) == y_new)
    assert accuracy < bm.MOONS_THRESHOLD


# --- ejercicio 1 ----------------------------------------------------------------------------
def _naive_softmax(Z):
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("wrong, hint", [
    (_naive_softmax, "reste a cada fila su máximo"),
    (lambda Z: np.exp(Z - Z.max(axis=0)) / np.exp(Z - Z.max(axis=0)).sum(axis=0), "use axis=1"),
    (lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(), ("sume con axis=1", "reste a cada fila")),
    (lambda Z: 1 / (1 + np.exp(-Z)), "eso es la sigmoide"),
    (lambda Z: np.exp(Z - Z.max(axis=1, keepdims=True)), "falta dividir"),
])
def test_softmax_rows_mistakes(capsys, wrong, hint):
    with np.errstate(all="ignore"):
        rejected_with(bm.check_softmax_rows, capsys, "softmax_rows", wrong, hint)


@pytest.mark.parametrize("seed", SEEDS)
def test_softmax_rows_accepts_the_solution(capsys, seed):
    ok, out = run(bm.check_softmax_rows, capsys, seed, softmax_rows=softmax_rows)
    assert ok and "✘" not in out


# --- ejercicio 2 ----------------------------------------------------------------------------
@pytest.mark.parametrize("wrong, hint", [
    (lambda z, alpha: np.maximum(z, 0), "eso es la ReLU"),
    (lambda z, alpha: np.where(z > 0, alpha * z, z), "no a los positivos"),
    (lambda z, alpha: np.maximum(alpha, z), "np.maximum(alpha, z)"),
    (lambda z, alpha: np.where(z > 0, z, 0.2 * z), "no un 0.2 escrito a mano"),
    (lambda z, alpha: np.where(z > 0, z, 0.01 * z), "0.01 de PyTorch"),
    (lambda z, alpha: np.where(z > 0, z, -alpha * z), "revise el signo"),
    (lambda z, alpha: np.where(z > 0, 1.0, alpha), "eso es la derivada"),
])
def test_leaky_relu_mistakes(capsys, wrong, hint):
    rejected_with(bm.check_leaky_relu, capsys, "leaky_relu", wrong, hint)


def test_leaky_relu_accepts_a_list_comprehension(capsys):
    ok, out = run(bm.check_leaky_relu, capsys,
                  leaky_relu=lambda z, alpha: np.array([v if v > 0 else alpha * v for v in np.ravel(z)]).reshape(np.shape(z)))
    assert ok, out


# --- ejercicio 3 ----------------------------------------------------------------------------
@pytest.mark.parametrize("wrong, hint", [
    (lambda W, b: (W[:, 0] - W[:, 1], b[0] - b[1]), "el orden está al revés"),
    (lambda W, b: (W[:, 1], b[1]), "falta restar la columna"),
    (lambda W, b: (W[:, 1] + W[:, 0], b[1] + b[0]), "se restan, no se suman"),
    (lambda W, b: (W[:, 1] - W[:, 0], b[1]), "falta restar el sesgo"),
    (lambda W, b: W[:, 1] - W[:, 0], "devuelva la pareja"),
    (lambda W, b: (W[:, 1] - W[:, 0], b), "c es un solo número"),
])
def test_softmax_to_sigmoid_mistakes(capsys, wrong, hint):
    rejected_with(bm.check_softmax_to_sigmoid, capsys, "softmax_to_sigmoid", wrong, hint)


def test_softmax_to_sigmoid_accepts_a_column_vector_and_arrays(capsys):
    ok, out = run(bm.check_softmax_to_sigmoid, capsys,
                  softmax_to_sigmoid=lambda W, b: ((W[:, 1:] - W[:, :1]), np.array([b[1] - b[0]])))
    assert ok, out


# --- ejercicio 4 ----------------------------------------------------------------------------
def _without_start(xs, ys):
    W1, b1, W2, _ = relu_interpolant(xs, ys)
    return W1, b1, W2, np.array([0.0])


def _elbows_between(xs, ys):
    W1, b1, W2, b2 = relu_interpolant(xs, ys)
    middles = np.concatenate([[xs[0]], (xs[1:-1] + xs[2:]) / 2])
    return W1, -middles, W2, b2


@pytest.mark.parametrize("wrong, hint", [
    (_without_start, "b2 debe valer ys[0]"),
    (lambda xs, ys: relu_interpolant(xs, ys)[:3], "los cuatro arreglos"),
    (lambda xs, ys: tuple(np.asarray(a).T for a in relu_interpolant(xs, ys)), "W1 (1, h)"),
    (lambda xs, ys: (np.ones((1, 2 * len(xs))), np.zeros(2 * len(xs)), np.zeros((2 * len(xs), 1)), np.zeros(1)),
     "no más"),
    (_elbows_between, ("pendiente", "codo")),
])
def test_relu_interpolant_mistakes(capsys, wrong, hint):
    rejected_with(bm.check_relu_interpolant, capsys, "relu_interpolant", wrong, hint)


# --- ejercicio 5 ----------------------------------------------------------------------------
def _linear_classifier(X_train, y_train, X_new):
    A = np.column_stack([X_train, np.ones(len(X_train))])
    coef = np.linalg.lstsq(A, y_train, rcond=None)[0]
    return (np.column_stack([X_new, np.ones(len(X_new))]) @ coef >= 0.5).astype(int)


@pytest.mark.parametrize("wrong, hint", [
    (_linear_classifier, "una frontera recta"),
    (lambda X_train, y_train, X_new: 1 - moons_classifier(X_train, y_train, X_new), "invertidas"),
    (lambda X_train, y_train, X_new: np.full(len(X_new), 0.5), "no son 0 ni 1"),
    (lambda X_train, y_train, X_new: y_train, ("forma", "elementos", "filas")),
])
def test_moons_classifier_mistakes(capsys, wrong, hint):
    rejected_with(bm.check_moons_classifier, capsys, "moons_classifier", wrong, hint, seeds=SEEDS[:3])


def test_moons_classifier_accepts_probabilities_rounded_as_a_column(capsys):
    ok, out = run(bm.check_moons_classifier, capsys, 5,
                  moons_classifier=lambda X_train, y_train, X_new: moons_classifier(X_train, y_train, X_new).reshape(-1, 1).astype(float))
    assert ok, out
