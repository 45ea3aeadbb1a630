"""Los errores habituales de los ejercicios del capítulo 5 reciben su pista (nnlib.checks.optimizadores)."""
from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest

from nnlib.checks import fixed_seed
from nnlib.checks import optimizadores as checks
from solutions import optimizadores as reference


def run(check, **namespace):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), fixed_seed(3):
        result = check(namespace)
    return bool(result), out.getvalue()


def assert_hint(check, name, function, *expected):
    passed, out = run(check, **{name: function})
    assert not passed, out
    assert "Pista:" in out, out
    for text in expected:
        assert text in out, f"falta «{text}» en:\n{out}"


# --- ejercicio 1: el gradiente de un minilote -----------------------------------------

def _error(X, y, w, b):
    return np.asarray(X) @ np.asarray(w) + b - np.asarray(y)


def test_gradient_reference_passes():
    passed, out = run(checks.check_minibatch_gradient, minibatch_gradient=reference.minibatch_gradient)
    assert passed, out


def test_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    X, y, w, b = rng.normal(size=(7, 3)), rng.normal(size=7), rng.normal(size=3), 0.3

    def loss(w, b):
        return np.mean((X @ w + b - y) ** 2)

    grad_w, grad_b = reference.minibatch_gradient(X, y, w, b)
    h = 1e-6
    numeric_w = [(loss(w + h * e, b) - loss(w - h * e, b)) / (2 * h) for e in np.eye(3)]
    assert np.allclose(grad_w, numeric_w, atol=1e-8)
    assert np.isclose(grad_b, (loss(w, b + h) - loss(w, b - h)) / (2 * h), atol=1e-8)


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, y, w, b: (2 * X.T @ _error(X, y, w, b), 2 * np.sum(_error(X, y, w, b))), "suma en lugar de media"),
    (lambda X, y, w, b: (X.T @ _error(X, y, w, b) / len(X), np.mean(_error(X, y, w, b))), "falta el 2"),
    (lambda X, y, w, b: (-2 * X.T @ _error(X, y, w, b) / len(X), -2 * np.mean(_error(X, y, w, b))),
     "el signo está cambiado"),
    (lambda X, y, w, b: (2 * X.T @ _error(X, y, w, b) / X.size, 2 * np.sum(_error(X, y, w, b)) / X.size),
     "no por el número de elementos"),
    (lambda X, y, w, b: (2 * X[0] * _error(X, y, w, b)[0], 2 * _error(X, y, w, b)[0]), "no solo el primero"),
    (lambda X, y, w, b: (np.array([1.5, -2.25, 2.375]), 0.5), "con el caso anterior"),
])
def test_gradient_mistakes_get_their_hint(wrong, hint):
    def minibatch_gradient(X, y, w, b):
        return wrong(np.asarray(X), np.asarray(y), np.asarray(w), b)

    assert_hint(checks.check_minibatch_gradient, "minibatch_gradient", minibatch_gradient, hint)


def test_gradient_wrong_bias_only():
    def minibatch_gradient(X, y, w, b):
        grad_w, _ = reference.minibatch_gradient(X, y, w, b)
        return grad_w, float(np.sum(_error(X, y, w, b)) * 2)

    assert_hint(checks.check_minibatch_gradient, "minibatch_gradient", minibatch_gradient, "grad_b",
                "suma en lugar de media")


def test_gradient_single_value_is_explained():
    assert_hint(checks.check_minibatch_gradient, "minibatch_gradient",
                lambda X, y, w, b: np.zeros(len(w)), "se esperaban 2")


# --- ejercicio 2: SGD con momento --------------------------------------------------

def test_momentum_reference_passes_and_is_keras():
    passed, out = run(checks.check_sgd_momentum_step, sgd_momentum_step=reference.sgd_momentum_step)
    assert passed, out
    # El convenio del enunciado es el de nnlib y Keras: dos pasos dan lo mismo que optimizers.SGD.
    from nnlib import optimizers
    w, grad = np.array([1.0, -2.0]), np.array([0.5, -1.0])
    opt = optimizers.SGD(learning_rate=0.1, momentum=0.9)
    param, velocity, mine = w.copy(), np.zeros(2), w.copy()
    for _ in range(3):
        opt.update([param], [grad])
        mine, velocity = reference.sgd_momentum_step(mine, velocity, grad, 0.1, 0.9)
    assert np.allclose(param, mine, atol=1e-14)


@pytest.mark.parametrize("wrong, hint", [
    (lambda w, v, g, lr, mu: (w + mu * v + lr * g, mu * v + lr * g), "el gradiente se resta"),
    (lambda w, v, g, lr, mu: (w - mu * v - lr * g, -mu * v - lr * g), "el signo de momentum * velocity"),
    (lambda w, v, g, lr, mu: (w - (mu * v + lr * g), mu * v + lr * g), "ya lleva el signo del paso"),
    (lambda w, v, g, lr, mu: (w - lr * (mu * v + g), mu * v + g), "forma de PyTorch"),
    (lambda w, v, g, lr, mu: (w + v, mu * v - lr * g), "no con la anterior"),
    (lambda w, v, g, lr, mu: (w - lr * g, -lr * g), "falta el momento"),
    (lambda w, v, g, lr, mu: (w + mu * v - g, mu * v - g), "falta la tasa de aprendizaje"),
    (lambda w, v, g, lr, mu: (w + mu * (mu * v - lr * g) - lr * g, mu * v - lr * g), "Nesterov"),
    (lambda w, v, g, lr, mu: (w + mu * v - lr * g, v), "velocidad nueva"),
    (lambda w, v, g, lr, mu: (np.array([1.04, -1.9]), np.array([0.04, 0.1])), "con el caso anterior"),
])
def test_momentum_mistakes_get_their_hint(wrong, hint):
    def sgd_momentum_step(w, velocity, grad, learning_rate, momentum):
        return wrong(np.asarray(w), np.asarray(velocity), np.asarray(grad), learning_rate, momentum)

    assert_hint(checks.check_sgd_momentum_step, "sgd_momentum_step", sgd_momentum_step, hint)


# --- ejercicio 3: un paso de Adam --------------------------------------------------

def test_adam_reference_passes_and_matches_nnlib():
    passed, out = run(checks.check_adam_step, adam_step=reference.adam_step)
    assert passed, out
    from nnlib import optimizers
    rng = np.random.default_rng(1)
    w = rng.normal(size=4)
    opt = optimizers.Adam(learning_rate=0.1)
    param, mine, m, v = w.copy(), w.copy(), np.zeros(4), np.zeros(4)
    for t in range(1, 6):
        grad = rng.normal(size=4)
        opt.update([param], [grad])
        mine, m, v = reference.adam_step(mine, m, v, grad, t, 0.1)
    # Keras (y nnlib) suman ε a √v sin corregir; el artículo, a √v̂: el mismo paso hasta ~ε.
    assert np.allclose(param, mine, atol=1e-6)


def test_adam_accepts_keras_epsilon_placement():
    def adam_step(w, m, v, grad, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        m = beta_1 * m + (1 - beta_1) * grad
        v = beta_2 * v + (1 - beta_2) * grad ** 2
        alpha = learning_rate * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
        return w - alpha * m / (np.sqrt(v) + epsilon), m, v

    passed, out = run(checks.check_adam_step, adam_step=adam_step)
    assert passed, out


def _adam_variant(**kwargs):
    def adam_step(w, m, v, grad, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        return checks._adam(np.asarray(w), np.asarray(m), np.asarray(v), np.asarray(grad), t, learning_rate,
                            beta_1, beta_2, epsilon, **kwargs)
    return adam_step


@pytest.mark.parametrize("kwargs, hint", [
    ({"fix_m": False, "fix_v": False}, "falta la corrección de sesgo"),
    ({"fix_v": False}, "corrija también v"),
    ({"fix_m": False}, "corrija también m"),
    ({"swap": True}, "al revés"),
    ({"sqrt": False}, "falta la raíz"),
    ({"sign": -1.0}, "cuesta abajo"),
])
def test_adam_mistakes_get_their_hint(kwargs, hint):
    assert_hint(checks.check_adam_step, "adam_step", _adam_variant(**kwargs), hint)


def test_adam_off_by_one_in_the_correction():
    def adam_step(w, m, v, grad, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        return checks._adam(np.asarray(w), np.asarray(m), np.asarray(v), np.asarray(grad), t, learning_rate,
                            beta_1, beta_2, epsilon, t_used=t + 1)

    assert_hint(checks.check_adam_step, "adam_step", adam_step, "uno de más")
    # Con t − 1 el primer paso divide entre cero: se ve como NaN o infinito, con su pista.
    def adam_step_minus(w, m, v, grad, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        with np.errstate(divide="ignore", invalid="ignore"):
            return checks._adam(np.asarray(w), np.asarray(m), np.asarray(v), np.asarray(grad), t, learning_rate,
                                beta_1, beta_2, epsilon, t_used=t - 1)

    assert_hint(checks.check_adam_step, "adam_step", adam_step_minus, "new_w")


def test_adam_returning_corrected_moments():
    def adam_step(w, m, v, grad, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        new_w, m, v = reference.adam_step(w, m, v, grad, t, learning_rate, beta_1, beta_2, epsilon)
        return new_w, m / (1 - beta_1 ** t), v

    assert_hint(checks.check_adam_step, "adam_step", adam_step, "devuelva m sin corregir")


# --- ejercicio 4: leer la curva del buscador ----------------------------------------

def test_pick_reference_passes():
    passed, out = run(checks.check_pick_learning_rate, pick_learning_rate=reference.pick_learning_rate)
    assert passed, out
    lrs, losses = checks.FINDER_EXAMPLE["learning_rates"], checks.FINDER_EXAMPLE["losses"]
    assert reference.pick_learning_rate(lrs, losses) == pytest.approx(0.053)


def test_pick_accepts_differences_instead_of_gradient():
    def pick_learning_rate(learning_rates, losses):
        lrs, losses = np.asarray(learning_rates), np.asarray(losses)
        end = np.argmin(losses) + 1
        slopes = np.diff(losses[:end]) / np.diff(np.log10(lrs[:end]))
        return float(lrs[np.argmin(slopes)])          # el extremo izquierdo del tramo

    passed, out = run(checks.check_pick_learning_rate, pick_learning_rate=pick_learning_rate)
    assert passed, out


def _slopes(lrs, losses, log=True, cut=True):
    lrs, losses = np.asarray(lrs), np.asarray(losses)
    end = np.argmin(losses) + 1 if cut else len(losses)
    return lrs[:end], np.gradient(losses[:end], np.log10(lrs[:end]) if log else lrs[:end])


@pytest.mark.parametrize("wrong, hint", [
    (lambda lrs, losses: float(np.asarray(lrs)[np.argmin(losses)]), "tasa del mínimo"),
    (lambda lrs, losses: float(np.asarray(lrs)[np.argmin(losses)] / 10), "regla de la década"),
    (lambda lrs, losses: float(_slopes(lrs, losses, log=False)[0][np.argmin(_slopes(lrs, losses, log=False)[1])]),
     "logaritmo de la tasa"),
    (lambda lrs, losses: float(np.argmin(_slopes(lrs, losses)[1])), "un índice"),
    (lambda lrs, losses: float(np.min(_slopes(lrs, losses)[1])), "devolvió la pendiente"),
    (lambda lrs, losses: float(_slopes(lrs, losses)[0][np.argmax(_slopes(lrs, losses)[1])]), "np.argmax"),
    (lambda lrs, losses: 0.053, "con el caso anterior"),
])
def test_pick_mistakes_get_their_hint(wrong, hint):
    def pick_learning_rate(learning_rates, losses):
        return wrong(learning_rates, losses)

    assert_hint(checks.check_pick_learning_rate, "pick_learning_rate", pick_learning_rate, hint)


def test_pick_rejects_an_array():
    def pick_learning_rate(learning_rates, losses):
        return np.asarray(learning_rates) / 10

    assert_hint(checks.check_pick_learning_rate, "pick_learning_rate", pick_learning_rate, "un solo número")


def test_adam_hard_coded_answer():
    def adam_step(w, m, v, grad, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        return np.array([0.4, -0.9]), np.array([0.02, -0.04]), np.array([4e-5, 1.6e-4])

    assert_hint(checks.check_adam_step, "adam_step", adam_step, "con el caso anterior")
