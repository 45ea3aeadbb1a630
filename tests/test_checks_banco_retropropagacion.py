"""Errores habituales del banco del capítulo 3 (nnlib.checks.banco_retropropagacion): cada uno recibe su pista.

La norma común la prueba ``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio.
"""
import numpy as np
import pytest

from nnlib.checks import banco_retropropagacion as br
from nnlib.gradcheck import numerical_gradient
from solutions.banco_retropropagacion import (central_difference, mlp_backward, neuron_gradient,
                                              softmax_ce_gradient, train_two_layer)
from exercise_checks import SEEDS, rejected_with, run


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --- las referencias son las derivadas de verdad --------------------------------------------
def test_mlp_reference_matches_finite_differences():
    p = br._mlp_case(np.random.default_rng(0))

    def loss(_):
        Y = np.tanh(p["X"] @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"]
        return float(np.mean((Y - p["T"]) ** 2))

    grads = mlp_backward(*(p[k] for k in ("X", "T", "W1", "b1", "W2", "b2")))
    for k in ("W1", "b1", "W2", "b2"):
        np.testing.assert_allclose(grads[k], numerical_gradient(loss, p[k]), atol=1e-7)


def test_softmax_ce_reference_matches_finite_differences():
    Y, Z = br._ce_case(np.random.default_rng(1))

    def loss(_):
        S = np.exp(Z - Z.max(axis=1, keepdims=True))
        S /= S.sum(axis=1, keepdims=True)
        return float(-np.mean(np.sum(Y * np.log(S), axis=1)))

    np.testing.assert_allclose(softmax_ce_gradient(Y, Z), numerical_gradient(loss, Z), atol=1e-7)


def test_a_straight_boundary_does_not_reach_the_project_threshold():
    for d in (2, 3):
        X, y, X_new, y_new = br.sphere_data(0, d, 300, 500)
        A = np.column_stack([X, np.ones(len(X))])
        coef = np.linalg.lstsq(A, y, rcond=None)[0]
        accuracy = np.mean((np.column_stack([X_new, np.ones(len(X_new))]) @ coef >= 0.5) == y_new)
        assert accuracy < br.TWO_LAYER_THRESHOLD - 0.1


# --- ejercicio 1 ----------------------------------------------------------------------------
def _delta(x, w, b, t):
    o = _sigmoid(x @ w + b)
    return o, (o - t) * o * (1 - o)


@pytest.mark.parametrize("wrong, hint", [
    (lambda x, w, b, t: tuple(-g for g in neuron_gradient(x, w, b, t)), "revise el signo"),
    (lambda x, w, b, t: ((_sigmoid(x @ w + b) - t) * x, _sigmoid(x @ w + b) - t), "falta la derivada de la sigmoide"),
    (lambda x, w, b, t: tuple(2 * g for g in neuron_gradient(x, w, b, t)), "sobra un factor 2"),
    (lambda x, w, b, t: (_delta(x, w, b, t)[1] * w, _delta(x, w, b, t)[1]), "∂z/∂w es x"),
    (lambda x, w, b, t: (neuron_gradient(x, w, b, t)[0], float(np.sum(neuron_gradient(x, w, b, t)[0]))),
     "db no lleva x"),
    (lambda x, w, b, t: neuron_gradient(x, w, b, t)[0], "devuelva la pareja"),
])
def test_neuron_gradient_mistakes(capsys, wrong, hint):
    rejected_with(br.check_neuron_gradient, capsys, "neuron_gradient", wrong, hint)


# --- ejercicio 2 ----------------------------------------------------------------------------
@pytest.mark.parametrize("wrong, hint", [
    (lambda f, x, h: (f(x + h) - f(x)) / h, "diferencia hacia adelante"),
    (lambda f, x, h: (f(x + h) - f(x - h)) / h, "divida entre 2h"),
    (lambda f, x, h: (f(x - h) - f(x + h)) / (2 * h), "revise el signo"),
    (lambda f, x, h: (f(x) - f(x - h)) / h, "hacia atrás"),
    (lambda f, x, h: 3 * x ** 2, ("la derivada exacta", "con la f y la h")),
])
def test_central_difference_mistakes(capsys, wrong, hint):
    rejected_with(br.check_central_difference, capsys, "central_difference", wrong, hint)


# --- ejercicio 3 ----------------------------------------------------------------------------
def _variant(scale=None, tanh_prime=None):
    def wrong(X, T, W1, b1, W2, b2):
        p = dict(X=X, T=T, W1=W1, b1=b1, W2=W2, b2=b2)
        return br._mlp_grads(p, scale=scale, tanh_prime=tanh_prime)
    return wrong


@pytest.mark.parametrize("wrong, hint", [
    (_variant(scale=lambda Y: 2.0), "divida entre N·K"),
    (_variant(scale=lambda Y: 2.0 / len(Y)), "promedia también las salidas"),
    (_variant(scale=lambda Y: 1.0 / Y.size), "falta el 2"),
    (_variant(tanh_prime=lambda Z, A: 1 - Z ** 2), "1 − A1²"),
    (_variant(tanh_prime=lambda Z, A: np.ones_like(Z)), "falta multiplicar por la derivada de tanh"),
    (_variant(scale=lambda Y: -2.0 / Y.size), "revise el signo"),
    (lambda X, T, W1, b1, W2, b2: {k.lower(): v for k, v in mlp_backward(X, T, W1, b1, W2, b2).items()},
     "con W mayúscula"),
    (lambda X, T, W1, b1, W2, b2: {k: (v.T if v.ndim == 2 else v)
                                   for k, v in mlp_backward(X, T, W1, b1, W2, b2).items()}, "traspuesto"),
    (lambda X, T, W1, b1, W2, b2: list(mlp_backward(X, T, W1, b1, W2, b2).values()), "devuelva un diccionario"),
])
def test_mlp_backward_mistakes(capsys, wrong, hint):
    rejected_with(br.check_mlp_backward, capsys, "mlp_backward", wrong, hint)


# --- ejercicio 4 ----------------------------------------------------------------------------
def _softmax(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("wrong, hint", [
    (lambda Y, Z: _softmax(Z) - Y, "divida entre N"),
    (lambda Y, Z: (Y - _softmax(Z)) / len(Z), "revise el signo"),
    (lambda Y, Z: (Z - Y) / len(Z), "falta softmax"),
    (lambda Y, Z: (_softmax(Z) - Y) / Z.size, "no entre N·K"),
    (lambda Y, Z: -Y / _softmax(Z) / len(Z), "jacobiana de softmax"),
])
def test_softmax_ce_gradient_mistakes(capsys, wrong, hint):
    rejected_with(br.check_softmax_ce_gradient, capsys, "softmax_ce_gradient", wrong, hint)


# --- ejercicio 5 ----------------------------------------------------------------------------
def _untrained(X, y):
    rng = np.random.default_rng(0)
    return {"W1": rng.normal(size=(X.shape[1], 8)), "b1": np.zeros(8), "W2": rng.normal(size=(8, 1)),
            "b2": np.zeros(1)}


def _inverted(X, y):
    params = train_two_layer(X, y)
    return {"W1": params["W1"], "b1": params["b1"], "W2": -params["W2"], "b2": -params["b2"]}


@pytest.mark.parametrize("wrong, hint", [
    (_untrained, "compruebe sus gradientes"),
    (_inverted, "las clases están al revés"),
    (lambda X, y: {"W1": np.zeros((3, 4)), "b1": np.zeros(4), "W2": np.zeros((4, 1)), "b2": np.zeros(1)}, "W1 ("),
    (lambda X, y: [np.zeros((2, 2))] * 4, "diccionario"),
])
def test_train_two_layer_mistakes(capsys, wrong, hint):
    rejected_with(br.check_train_two_layer, capsys, "train_two_layer", wrong, hint, seeds=SEEDS[:3])


def test_train_two_layer_accepts_a_flat_output_layer(capsys):
    def flat(X, y):
        params = train_two_layer(X, y)
        return {**params, "W2": params["W2"].ravel(), "b2": float(params["b2"][0])}
    ok, out = run(br.check_train_two_layer, capsys, 4, train_two_layer=flat)
    assert ok, out
