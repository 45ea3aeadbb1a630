"""Errores habituales del banco del capítulo 4 (nnlib.checks.banco_perdida): cada uno recibe su pista.

La norma común la prueba ``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio,
con varias semillas. Las referencias se comparan además con ``nnlib.losses``.
"""
import numpy as np
import pytest

from nnlib import losses
from nnlib.checks import banco_perdida as bp
from solutions.banco_perdida import (best_constant, fit_linear, focal_loss, log_cosh_loss,
                                     softmax_cross_entropy, softmax_cross_entropy_gradient)
from exercise_checks import SEEDS, rejected, run


# --- las referencias coinciden con nnlib.losses ------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_references_agree_with_nnlib_losses(seed):
    rng = np.random.default_rng(seed)
    y, yp = bp._log_cosh_case(rng)
    assert log_cosh_loss(y, yp) == pytest.approx(losses.LogCosh()(y.reshape(-1, 1), yp.reshape(-1, 1)))
    labels, z = bp._softmax_case(rng)
    reference = losses.SparseCategoricalCrossentropy(from_logits=True)
    assert softmax_cross_entropy(labels, z) == pytest.approx(reference(labels, z))
    assert np.allclose(softmax_cross_entropy_gradient(labels, z), reference.gradient(labels, z))


def test_focal_with_gamma_zero_is_the_binary_crossentropy():
    y, p = np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.9, 0.2, 0.6, 0.5])
    assert focal_loss(y, p, 0.0) == pytest.approx(losses.BinaryCrossentropy()(y.reshape(-1, 1), p.reshape(-1, 1)))


def test_best_constant_is_a_minimum():
    """La demostración del banco, comprobada: ninguna otra constante da menos pérdida."""
    rng = np.random.default_rng(0)
    values, labels = bp._constant_case(rng)
    grid = np.linspace(0.01, 0.99, 981)
    for loss, y, f in [("mse", values, lambda c: np.mean((c - values) ** 2)),
                       ("mae", values, lambda c: np.mean(np.abs(c - values))),
                       ("bce", labels, lambda c: -np.mean(labels * np.log(c) + (1 - labels) * np.log(1 - c)))]:
        c = best_constant(y, loss)
        others = grid * (values.max() if loss != "bce" else 1.0)
        assert f(c) <= min(f(o) for o in others) + 1e-12


# --- errores habituales --------------------------------------------------------------------

def test_log_cosh_mistakes(capsys):
    def summed(y_true, y_pred):
        return float(np.sum(np.log(np.cosh(y_pred - y_true))))

    def no_log(y_true, y_pred):
        return float(np.mean(np.cosh(y_pred - y_true)))

    def log_of_mean(y_true, y_pred):
        return float(np.log(np.mean(np.cosh(y_pred - y_true))))

    rejected(bp.check_log_cosh, capsys, {"log_cosh_loss": summed}, "sumó los elementos")
    rejected(bp.check_log_cosh, capsys, {"log_cosh_loss": no_log}, "falta el logaritmo")
    rejected(bp.check_log_cosh, capsys, {"log_cosh_loss": log_of_mean}, "logaritmo de la media")


def test_focal_mistakes(capsys):
    def plain_bce(y_true, y_pred, gamma):
        return focal_loss(y_true, y_pred, 0.0)

    def p_t_power(y_true, y_pred, gamma):
        p_t = np.where(y_true == 1, y_pred, 1 - y_pred)
        return float(np.mean(-p_t ** gamma * np.log(p_t)))

    def p_instead_of_p_t(y_true, y_pred, gamma):
        p_t = np.where(y_true == 1, y_pred, 1 - y_pred)
        return float(np.mean(-(1 - y_pred) ** gamma * np.log(p_t)))

    def no_minus(y_true, y_pred, gamma):
        return -focal_loss(y_true, y_pred, gamma)

    rejected(bp.check_focal, capsys, {"focal_loss": plain_bce}, "falta el factor")
    rejected(bp.check_focal, capsys, {"focal_loss": p_t_power}, "no p_t^gamma")
    rejected(bp.check_focal, capsys, {"focal_loss": p_instead_of_p_t}, "también en el factor")
    rejected(bp.check_focal, capsys, {"focal_loss": no_minus}, "falta el signo menos")


def test_softmax_ce_mistakes(capsys):
    def naive(labels, logits):
        p = np.exp(logits) / np.sum(np.exp(logits), axis=1, keepdims=True)
        return float(-np.mean(np.log(p[np.arange(len(labels)), labels])))

    def summed(labels, logits):
        return softmax_cross_entropy(labels, logits) * len(labels)

    def all_classes(labels, logits):
        return float(-np.mean(bp._log_softmax(logits)))

    def not_divided(labels, logits):
        return softmax_cross_entropy_gradient(labels, logits) * len(labels)

    def sign(labels, logits):
        return -softmax_cross_entropy_gradient(labels, logits)

    good = {"softmax_cross_entropy": softmax_cross_entropy,
            "softmax_cross_entropy_gradient": softmax_cross_entropy_gradient}
    rejected(bp.check_softmax_ce, capsys, {**good, "softmax_cross_entropy": naive}, "reste a cada fila su máximo")
    rejected(bp.check_softmax_ce, capsys, {**good, "softmax_cross_entropy": summed}, "sumó los ejemplos")
    rejected(bp.check_softmax_ce, capsys, {**good, "softmax_cross_entropy": all_classes}, "solo el de la clase correcta")
    rejected(bp.check_softmax_ce, capsys, {**good, "softmax_cross_entropy_gradient": not_divided}, "falta dividir entre n")
    rejected(bp.check_softmax_ce, capsys, {**good, "softmax_cross_entropy_gradient": sign}, "el signo está cambiado")


def test_best_constant_mistakes(capsys):
    def always_mean(y, loss):
        return float(np.mean(y))

    def always_median(y, loss):
        return float(np.median(y))

    def half_for_bce(y, loss):
        return 0.5 if loss == "bce" else best_constant(y, loss)

    rejected(bp.check_best_constant, capsys, {"best_constant": always_mean}, "se anula en la mediana")
    rejected(bp.check_best_constant, capsys, {"best_constant": always_median}, "se anula en la media")
    rejected(bp.check_best_constant, capsys, {"best_constant": half_for_bce}, "proporción de unos")


def test_robust_fit_mistakes(capsys):
    def always_mse(X, y, loss):
        return fit_linear(X, y, "mse")

    def too_short(X, y, loss):
        L = losses.get(loss)
        w, b = np.zeros(X.shape[1]), 0.0
        for _ in range(5):
            g = L.gradient(y, X @ w + b)
            w, b = w - 0.1 * (X.T @ g), b - 0.1 * g.sum()
        return w, b

    def only_w(X, y, loss):
        return fit_linear(X, y, loss)[0]

    rejected(bp.check_robust_fit, capsys, {"fit_linear": fit_linear, "robust_choice": "mse"},
             "arrastran los valores atípicos")
    rejected(bp.check_robust_fit, capsys, {"fit_linear": always_mse, "robust_choice": "huber"},
             "usa la pérdida que recibe")
    rejected(bp.check_robust_fit, capsys, {"fit_linear": too_short, "robust_choice": "huber"},
             "mínimos cuadrados")
    rejected(bp.check_robust_fit, capsys, {"fit_linear": only_w, "robust_choice": "mae"}, "return w, b")


@pytest.mark.parametrize("choice", ["mae", "huber", "log_cosh", "Huber"])
def test_robust_fit_accepts_each_robust_loss(capsys, choice):
    for seed in SEEDS:
        ok, out = run(bp.check_robust_fit, capsys, seed=seed, fit_linear=fit_linear, robust_choice=choice)
        assert ok, out
