"""Errores habituales de los ejercicios del capítulo 6 (nnlib.checks.regularizacion): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio. Cada error se
prueba con varias semillas, porque los casos al azar cambian en cada ejecución.
"""
import inspect

import numpy as np
import pytest

from nnlib.checks import regularizacion as reg
from solutions.regularizacion import batch_norm, best_epoch, dropout_forward, regularized_gradient
from exercise_checks import SEEDS, rejected, run


def like(reference, body):
    """Una función con el nombre y la firma de ``reference`` que hace ``body``."""
    def wrong(*args):
        return body(*args)

    wrong.__name__ = reference.__name__
    wrong.__signature__ = inspect.signature(reference)
    return wrong


def rejected_with(check, capsys, reference, wrong, hint, seeds=SEEDS):
    for seed in seeds:
        with np.errstate(all="ignore"):
            rejected(check, capsys, {reference.__name__: like(reference, wrong)}, hint, seeds=[seed])


# --- ejercicio 1: dropout_forward ----------------------------------------------------

def test_dropout_example_is_the_one_in_the_statement():
    x, mask, rate = (np.array(reg.DROPOUT_EXAMPLE[k]) for k in ("x", "mask", "rate"))
    assert np.allclose(dropout_forward(x, mask, rate, True),
                       [[4 / 3, 0.0, 4.0, 16 / 3], [0.0, 2 / 3, 8 / 3, 0.0]])
    assert mask.mean() != 1 - rate          # dividir por mask.mean() no coincide por casualidad


def test_dropout_random_cases_differ_from_the_example():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for training in (True, False):
            x, mask, rate, flag = reg._dropout_case(rng, training)
            assert flag is training and x.shape[0] != 2 and mask.shape == x.shape
            assert mask.any() and not mask.all() and abs(mask.mean() - (1 - rate)) > 0.02


@pytest.mark.parametrize("seed", SEEDS)
def test_dropout_accepts_equivalent_solutions(capsys, seed):
    def with_where(x, mask, rate, training):
        return np.where(mask, x / (1 - rate), 0.0) if training else x.copy()

    ok, out = run(reg.check_dropout_forward, capsys, seed, dropout_forward=with_where)
    assert bool(ok) is True and "✘" not in out


@pytest.mark.parametrize("wrong, hint", [
    (lambda x, m, r, t: x * m if t else x, "falta la escala"),
    (lambda x, m, r, t: x * m * (1 - r) if t else x, "divide por 1 - rate, no multiplica"),
    (lambda x, m, r, t: x * m / r if t else x, "no por rate"),
    (lambda x, m, r, t: x * ~m / (1 - r) if t else x, "no por su negación"),
    (lambda x, m, r, t: x * m / m.mean() if t else x, "no por la fracción de unidades"),
    (lambda x, m, r, t: x * m / np.sqrt(1 - r) if t else x, "desviación típica"),
    (lambda x, m, r, t: x / (1 - r) if t else x, "falta apagar las unidades"),
    (lambda x, m, r, t: x, "hay que apagar las unidades y escalar"),
    (lambda x, m, r, t: x * m / (1 - r), "al predecir (training=False) el dropout no hace nada"),
    (lambda x, m, r, t: x * m / (1 - r) if t else x * (1 - r), "dropout original"),
])
def test_dropout_common_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(reg.check_dropout_forward, capsys, dropout_forward, wrong, hint)


def test_dropout_hard_coded_rate_is_recognised(capsys):
    wrong = lambda x, m, r, t: x * m / 0.75 if t else x  # noqa: E731
    rejected_with(reg.check_dropout_forward, capsys, dropout_forward, wrong, "use el parámetro rate")


# --- ejercicio 2: regularized_gradient ------------------------------------------------

def test_gradient_random_cases_cover_l1_only_l2_only_and_zero_weights():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for which in ("both", "l1", "l2"):
            dW, W, l1, l2 = reg._gradient_case(rng, which)
            assert W.shape[0] != 3 and dW.shape == W.shape and np.any(W == 0)
            assert (l2 == 0) == (which == "l1") and (l1 == 0) == (which == "l2")


@pytest.mark.parametrize("wrong, hint", [
    (lambda dW, W, l1, l2: dW + l1 * np.sign(W) + l2 * W, "falta el 2"),
    (lambda dW, W, l1, l2: dW - l1 * np.sign(W) - 2 * l2 * W, "se suman a dW"),
    (lambda dW, W, l1, l2: dW + l1 * np.abs(W) + l2 * W ** 2, "no sus derivadas"),
    (lambda dW, W, l1, l2: l1 * np.sign(W) + 2 * l2 * W, "falta el gradiente de la pérdida"),
    (lambda dW, W, l1, l2: dW + l1 * W + 2 * l2 * W, "no λ₁·w"),
    (lambda dW, W, l1, l2: dW + 2 * l1 * np.sign(W) + 2 * l2 * W, "sin el 2"),
    (lambda dW, W, l1, l2: dW + l2 * np.sign(W) + 2 * l1 * W, "están cambiados"),
    (lambda dW, W, l1, l2: dW + 2 * l2 * W, "falta el término de L1"),
    (lambda dW, W, l1, l2: dW + l1 * np.sign(W), "falta el término de L2"),
    (lambda dW, W, l1, l2: dW + (l1 * np.sign(W) + 2 * l2 * W) / W.size, "no medias"),
    (lambda dW, W, l1, l2: dW + l1 * np.where(W >= 0, 1, -1) + 2 * l2 * W, "np.sign(0) = 0"),
    (lambda dW, W, l1, l2: dW + l1 * W / np.abs(W) + 2 * l2 * W, "divide 0 entre 0"),
    (lambda dW, W, l1, l2: dW, "falta sumar los gradientes de las penalizaciones"),
])
def test_gradient_common_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(reg.check_regularized_gradient, capsys, regularized_gradient, wrong, hint)


def test_gradient_hard_coded_strengths_are_recognised(capsys):
    wrong = lambda dW, W, l1, l2: dW + 0.05 * np.sign(W) + 0.2 * W  # noqa: E731
    rejected_with(reg.check_regularized_gradient, capsys, regularized_gradient, wrong,
                  "no los valores del ejemplo")


# --- ejercicio 3: best_epoch ------------------------------------------------------------

def test_best_epoch_example_has_ties_and_answers_from_the_statement():
    h = reg.HISTORY_EXAMPLE
    assert best_epoch(h, "val_loss") == 4 and best_epoch(h, "val_accuracy") == 5 and best_epoch(h, "loss") == 8


def test_best_epoch_random_histories_are_longer_than_the_example_and_sometimes_tied():
    tied = 0
    for seed in range(40):
        h = reg._history_case(np.random.default_rng(seed))
        assert len({len(v) for v in h.values()}) == 1 and len(h["loss"]) >= 10
        assert all(isinstance(v, float) for v in h["val_loss"])
        curve = np.asarray(h["val_loss"])
        tied += int(np.sum(curve == curve.min()) > 1)
        assert 1 < best_epoch(h, "val_loss") < len(curve)    # el mínimo no está en un extremo
    assert 5 < tied < 35


def _first_min_last_max(h, m):
    curve = np.asarray(h[m])
    return int(np.argmin(curve)) + 1


@pytest.mark.parametrize("wrong, hint", [
    (lambda h, m: int(np.argmin(h[m]) if "loss" in m else np.argmax(h[m])), "sume 1"),
    (lambda h, m: int(np.argmin(h["loss"])) + 1, "no la de entrenamiento"),
    (lambda h, m: int(np.argmin(h[m])) + 1, "una exactitud es mejor cuanto más alta"),
    (lambda h, m: int(np.argmax(h[m])) + 1, "una pérdida es mejor cuanto más baja"),
    (lambda h, m: len(h[m]) - int(np.argmin(h[m][::-1]) if "loss" in m else np.argmax(h[m][::-1])),
     "la primera época que alcanzó la mejor marca"),
    (lambda h, m: float(np.min(h[m]) if "loss" in m else np.max(h[m])), "no la pérdida ni la exactitud"),
    (lambda h, m: len(h[m]), "última época"),
])
def test_best_epoch_common_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(reg.check_best_epoch, capsys, best_epoch, wrong, hint)


# --- ejercicio 4: batch_norm ----------------------------------------------------------------

def _norm(x, gamma, beta, epsilon, axis=0, ddof=0):
    mean = x.mean(axis=axis, keepdims=True)
    var = x.var(axis=axis, keepdims=True, ddof=ddof)
    return gamma * (x - mean) / np.sqrt(var + epsilon) + beta


def test_batch_norm_matches_keras_and_torch_conventions_on_the_example():
    x, gamma, beta = (np.array(reg.BATCH_NORM_EXAMPLE[k]) for k in ("x", "gamma", "beta"))
    out = batch_norm(x, gamma, beta, reg.BATCH_NORM_EXAMPLE["epsilon"])
    assert np.allclose((out - beta) / gamma, _norm(x, 1.0, 0.0, 1e-3))
    assert np.allclose(((out - beta) / gamma).mean(axis=0), 0.0)


def test_batch_norm_random_cases_differ_from_the_example():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        x, gamma, beta, epsilon = reg._norm_case(rng)
        assert x.shape[0] != 4 and gamma.shape == beta.shape == (x.shape[1],)
        x, *_ = reg._norm_case(rng, square=True)
        assert x.shape[0] == x.shape[1] != 4 and x.shape != (4, 3)


@pytest.mark.parametrize("wrong, hint", [
    (lambda x, g, b, e: _norm(x, g, b, e, axis=1), "normalización por capas"),
    (lambda x, g, b, e: _norm(x, g, b, e, ddof=1), "no por n - 1"),
    (lambda x, g, b, e: g * (x - x.mean(0)) / (x.std(0) + e) + b, "epsilon va dentro de la raíz"),
    (lambda x, g, b, e: g * (x - x.mean(0)) / x.std(0) + b, "falta epsilon dentro de la raíz"),
    (lambda x, g, b, e: _norm(x, 1.0, 0.0, e), "falta la escala y el desplazamiento"),
    (lambda x, g, b, e: _norm(x, g, 0.0, e), "falta sumar beta"),
    (lambda x, g, b, e: _norm(x, 1.0, b, e), "falta multiplicar por gamma"),
    (lambda x, g, b, e: b * _norm(x, 1.0, 0.0, e) + g, "gamma multiplica y beta se suma"),
    (lambda x, g, b, e: g * (x - x.mean(0)) / (x.var(0) + e) + b, "no por la varianza"),
    (lambda x, g, b, e: g * (x - x.mean(0)) / np.sqrt(x.std(0) + e) + b, "no la desviación típica"),
    (lambda x, g, b, e: g * (x - x.mean()) / np.sqrt(x.var() + e) + b, "no una sola para toda la matriz"),
    (lambda x, g, b, e: g * x / np.sqrt(x.var(0) + e) + b, "reste la media"),
    (lambda x, g, b, e: _norm(x, g, b, 1e-3), "use el parámetro epsilon"),
])
def test_batch_norm_common_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(reg.check_batch_norm, capsys, batch_norm, wrong, hint)


def test_batch_norm_rows_without_keepdims_are_recognised_from_a_square_batch(capsys):
    # x.mean(axis=1) sin keepdims falla con el ejemplo (4 × 3); con un lote cuadrado se reconoce.
    wrong = lambda x, g, b, e: g * (x - x.mean(axis=1)) / np.sqrt(x.var(axis=1) + e) + b  # noqa: E731
    rejected_with(reg.check_batch_norm, capsys, batch_norm, wrong, "normaliza cada fila")
