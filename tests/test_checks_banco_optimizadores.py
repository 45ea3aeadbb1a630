"""Errores habituales del banco del capítulo 5 (nnlib.checks.banco_optimizadores): cada uno recibe su pista.

La norma común la prueba ``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio,
con varias semillas. Las referencias se comparan además con ``nnlib.optimizers`` y ``nnlib.schedules``.
"""
import math

import numpy as np
import pytest

from nnlib import optimizers, schedules
from nnlib.checks import banco_optimizadores as bo
from solutions.banco_optimizadores import (best_learning_rate, cosine_decay, critical_learning_rate,
                                           gd_path, pick_learning_rate_by_validation, rmsprop_step,
                                           train_logistic)
from exercise_checks import SEEDS, rejected


# --- las referencias coinciden con nnlib ---------------------------------------------------------

def test_rmsprop_reference_follows_nnlib_for_three_steps():
    rng = np.random.default_rng(0)
    w, grads = rng.normal(size=4), rng.normal(size=(3, 4))
    optimizer = optimizers.RMSprop(learning_rate=0.01, rho=0.9, epsilon=1e-7)
    param, s, mine = w.copy(), np.zeros(4), w.copy()
    for g in grads:
        optimizer.apply([param], [g.copy()])
        mine, s = rmsprop_step(mine, s, g, 0.01, 0.9, 1e-7)
    assert np.allclose(mine, param, atol=1e-12)


@pytest.mark.parametrize("alpha", [0.0, 0.2])
def test_cosine_reference_follows_nnlib(alpha):
    schedule = schedules.CosineDecay(0.05, decay_steps=300, alpha=alpha)
    for t in [0, 1, 77, 150, 299, 300, 450]:
        assert cosine_decay(t, 300, 0.05, alpha) == pytest.approx(schedule(t))


@pytest.mark.parametrize("seed", SEEDS)
def test_gd_rates_are_what_the_demonstration_says(seed):
    """Con 0.99·η_crit el descenso converge, con 1.01·η_crit diverge; η_best contrae más que sus vecinas."""
    H = bo._rates_case(np.random.default_rng(seed))
    w0 = np.ones(len(H))

    def run(eta, steps=3000):
        w = w0.copy()
        for _ in range(steps):
            w = w - eta * (H @ w)
        return np.linalg.norm(w)

    eta = critical_learning_rate(H)
    assert run(0.99 * eta) < 1 and run(1.01 * eta) > 1e3
    eig = np.linalg.eigvalsh(H)
    factor = lambda e: max(abs(1 - e * eig[0]), abs(1 - e * eig[-1]))  # noqa: E731
    best = best_learning_rate(H)
    assert factor(best) <= min(factor(0.97 * best), factor(1.03 * best))


def test_gd_path_reference_follows_nnlib_sgd():
    optimizer, w = optimizers.SGD(learning_rate=0.15), np.array([2.0])
    for expected in gd_path(2.0, 0.15, 10.0, 4)[1:]:
        optimizer.apply([w], [10.0 * w.copy()])
        assert w[0] == pytest.approx(expected)


def test_learning_rate_search_reference_is_honest():
    """Lo que el proyecto pide es alcanzable: la solución pasa con cada semilla, y el umbral no es trivial."""
    for seed in SEEDS:
        X, y, X_val, y_val, X_test, y_test, candidates = bo.search_data(np.random.default_rng(seed))
        chosen = pick_learning_rate_by_validation(X, y, X_val, y_val, candidates)
        assert bo._bce(X_test, y_test, *train_logistic(X, y, chosen)) < bo.SEARCH_THRESHOLD
        # la tasa más pequeña, 100 veces menor, apenas aprende: queda por encima del umbral
        assert bo._bce(X_test, y_test, *train_logistic(X, y, candidates[0])) > bo.SEARCH_THRESHOLD


# --- errores habituales --------------------------------------------------------------------

def test_gd_path_mistakes(capsys):
    def uphill(w0, learning_rate, curvature, steps):
        return w0 * (1 + learning_rate * curvature) ** np.arange(steps + 1)

    def no_curvature(w0, learning_rate, curvature, steps):
        return w0 * (1 - learning_rate) ** np.arange(steps + 1)

    def without_start(w0, learning_rate, curvature, steps):
        return gd_path(w0, learning_rate, curvature, steps)[1:]

    def frozen_gradient(w0, learning_rate, curvature, steps):
        return w0 - learning_rate * curvature * w0 * np.arange(steps + 1)

    rejected(bo.check_gd_path, capsys, {"gd_path": uphill}, "en contra de la derivada")
    rejected(bo.check_gd_path, capsys, {"gd_path": no_curvature}, "multiplicar por la")
    rejected(bo.check_gd_path, capsys, {"gd_path": without_start}, "incluya la posición inicial")
    rejected(bo.check_gd_path, capsys, {"gd_path": frozen_gradient}, "posición actual")


def test_rmsprop_mistakes(capsys):
    def no_square(w, s, grad, learning_rate, rho, epsilon):
        new_s = rho * s + (1 - rho) * grad
        return w - learning_rate * grad / np.sqrt(np.abs(new_s) + epsilon), new_s

    def swapped(w, s, grad, learning_rate, rho, epsilon):
        new_s = (1 - rho) * s + rho * grad ** 2
        return w - learning_rate * grad / np.sqrt(new_s + epsilon), new_s

    def old_s(w, s, grad, learning_rate, rho, epsilon):
        new_s = rho * s + (1 - rho) * grad ** 2
        return w - learning_rate * grad / np.sqrt(s + epsilon), new_s

    def no_root(w, s, grad, learning_rate, rho, epsilon):
        new_s = rho * s + (1 - rho) * grad ** 2
        return w - learning_rate * grad / (new_s + epsilon), new_s

    def sign(w, s, grad, learning_rate, rho, epsilon):
        new_w, new_s = rmsprop_step(w, s, grad, learning_rate, rho, epsilon)
        return 2 * w - new_w, new_s

    rejected(bo.check_rmsprop_step, capsys, {"rmsprop_step": no_square}, "no g.")
    rejected(bo.check_rmsprop_step, capsys, {"rmsprop_step": swapped}, "están cambiados")
    rejected(bo.check_rmsprop_step, capsys, {"rmsprop_step": old_s}, "la s nueva")
    rejected(bo.check_rmsprop_step, capsys, {"rmsprop_step": no_root}, "falta la raíz")
    rejected(bo.check_rmsprop_step, capsys, {"rmsprop_step": sign}, "el signo está cambiado")


def test_cosine_mistakes(capsys):
    def unclamped(step, decay_steps, initial_learning_rate, alpha):
        return initial_learning_rate * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * step / decay_steps)) + alpha)

    def no_pi(step, decay_steps, initial_learning_rate, alpha):
        t = min(step, decay_steps)
        return initial_learning_rate * ((1 - alpha) * 0.5 * (1 + math.cos(t / decay_steps)) + alpha)

    def full_cosine(step, decay_steps, initial_learning_rate, alpha):
        t = min(step, decay_steps)
        return initial_learning_rate * ((1 - alpha) * math.cos(math.pi * t / decay_steps) + alpha)

    rejected(bo.check_cosine_decay, capsys, {"cosine_decay": unclamped}, "min(step, decay_steps)")
    rejected(bo.check_cosine_decay, capsys, {"cosine_decay": no_pi}, "falta π")
    rejected(bo.check_cosine_decay, capsys, {"cosine_decay": full_cosine}, "escálelo a [0, 1]")


def test_gd_rates_mistakes(capsys):
    def one_over(H):
        return 1 / float(np.linalg.eigvalsh(H)[-1])

    def smallest(H):
        return 2 / float(np.linalg.eigvalsh(H)[0])

    def diagonal(H):
        return 2 / float(np.diag(H).max())

    good = {"critical_learning_rate": critical_learning_rate, "best_learning_rate": best_learning_rate}
    rejected(bo.check_gd_rates, capsys, {**good, "critical_learning_rate": one_over}, "diverge a partir de 2/λ_max")
    rejected(bo.check_gd_rates, capsys, {**good, "critical_learning_rate": smallest}, "mayor valor propio")
    rejected(bo.check_gd_rates, capsys, {**good, "critical_learning_rate": diagonal}, "np.linalg.eigvalsh")
    rejected(bo.check_gd_rates, capsys, {**good, "best_learning_rate": one_over}, "equilibre las dos")


def test_learning_rate_search_mistakes(capsys):
    def _loss(X, y, w, b):
        return bo._bce(X, y, w, b)

    def by_training_loss(X_train, y_train, X_val, y_val, candidates):
        losses = [_loss(X_train, y_train, *train_logistic(X_train, y_train, c)) for c in candidates]
        return candidates[int(np.argmin(losses))]

    def argmax(X_train, y_train, X_val, y_val, candidates):
        losses = [_loss(X_val, y_val, *train_logistic(X_train, y_train, c)) for c in candidates]
        return candidates[int(np.argmax(losses))]

    def ten_steps(X, y, learning_rate):
        return bo.reference_train(X, y, learning_rate, iterations=10)

    good = {"train_logistic": train_logistic, "pick_learning_rate_by_validation": pick_learning_rate_by_validation}
    rejected(bo.check_learning_rate_search, capsys, {**good, "train_logistic": ten_steps}, "pasos de lote completo")
    rejected(bo.check_learning_rate_search, capsys, {**good, "pick_learning_rate_by_validation": argmax},
             "np.argmin")
    # elegir por la pérdida de entrenamiento coincide a veces con la de validación: solo se exige cuando difiere
    for seed in SEEDS:
        X, y, X_val, y_val, *_, candidates = bo.search_data(np.random.default_rng(seed))
        if by_training_loss(X, y, X_val, y_val, candidates) != pick_learning_rate_by_validation(
                X, y, X_val, y_val, candidates):
            rejected(bo.check_learning_rate_search, capsys,
                     {**good, "pick_learning_rate_by_validation": by_training_loss},
                     "pérdida de entrenamiento", seeds=[seed])
