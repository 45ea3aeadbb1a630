"""Errores habituales de los ejercicios del capítulo 4 (nnlib.checks.perdida): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio. Cada error se
prueba con varias semillas, porque los casos al azar cambian en cada ejecución. Las
respuestas correctas se comparan además con ``nnlib.losses``, la referencia del curso.
"""
import numpy as np
import pytest

from nnlib import losses
from nnlib.checks import perdida
from solutions.perdida import (bce_from_logits, bce_gradient, bce_loss, huber_gradient, huber_loss)
from exercise_checks import SEEDS, rejected, run


def with_names(function, params):
    """``function`` con los nombres de parámetros del enunciado (la comprobación revisa la firma)."""
    if params == ("y_true", "y_pred", "delta"):
        def named(y_true, y_pred, delta):
            return function(y_true, y_pred, delta)
    elif params == ("y_true", "y_pred"):
        def named(y_true, y_pred):
            return function(y_true, y_pred)
    else:
        def named(y_true, logits):
            return function(y_true, logits)
    return named


HUBER, BCE, LOGITS = ("y_true", "y_pred", "delta"), ("y_true", "y_pred"), ("y_true", "logits")


# --- las referencias de las comprobaciones son las de nnlib.losses -----------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_references_agree_with_nnlib_losses(seed):
    rng = np.random.default_rng(seed)
    y, yp, delta = perdida._huber_case(rng)
    assert huber_loss(y, yp, delta) == pytest.approx(losses.Huber(delta)(y.reshape(-1, 1), yp.reshape(-1, 1)))
    assert np.allclose(huber_gradient(y, yp, delta).reshape(-1),
                       losses.Huber(delta).gradient(y.reshape(-1, 1), yp.reshape(-1, 1)).reshape(-1))
    t, p = perdida._bce_case(rng)
    bce = losses.BinaryCrossentropy()
    assert bce_loss(t, p) == pytest.approx(bce(t.reshape(-1, 1), p.reshape(-1, 1)))
    assert np.allclose(bce_gradient(t, p).reshape(-1), bce.gradient(t.reshape(-1, 1), p.reshape(-1, 1)).reshape(-1))
    t, z = perdida._logits_case(rng)
    stable = losses.BinaryCrossentropy(from_logits=True)
    assert bce_from_logits(t, z) == pytest.approx(stable(t.reshape(-1, 1), z.reshape(-1, 1)), rel=1e-12)


def test_statement_examples_match_the_numbers_in_the_chapter():
    y, yp, delta = perdida._HUBER_EXAMPLE
    assert huber_loss(y, yp, delta) == pytest.approx(1.15625)
    assert np.allclose(huber_gradient(y, yp, delta), [0.125, -0.25, 0.25, 0.25])
    t, p = perdida._BCE_EXAMPLE
    assert round(bce_loss(t, p), 4) == 0.3831
    assert np.allclose(np.round(bce_gradient(t, p), 4), [-0.2778, 0.3125, -0.4167, 0.5])
    t, z = perdida._LOGITS_EXAMPLE
    assert round(bce_from_logits(t, z), 4) == 210.2557


def test_random_cases_differ_in_shape_from_the_examples_and_cross_the_thresholds():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        y, yp, delta = perdida._huber_case(rng)
        e = np.abs(yp - y)
        assert yp.shape != (4,) and np.any(e < 0.8 * delta) and np.any(e > 1.3 * delta)
        t, p = perdida._bce_case(rng)
        assert p.shape != (4,) and set(np.unique(t)) == {0.0, 1.0} and np.all((p > 0) & (p < 1))
        t, z = perdida._logits_case(rng)
        assert z.shape != (4,) and np.max(np.abs(z)) >= 30
        assert np.any((t == 1) & (z < -29)) or np.any((t == 0) & (z > 29))     # uno muy equivocado


# --- ejercicio 1: Huber ----------------------------------------------------------------------

def _huber_parts(y, yp, delta):
    e = yp - y
    return e, np.abs(e) <= delta


@pytest.mark.parametrize("seed", SEEDS)
def test_huber_accepts_the_solution(capsys, seed):
    ok, out = run(perdida.check_huber, capsys, seed, huber_loss=huber_loss, huber_gradient=huber_gradient)
    assert bool(ok) is True and "✘" not in out and "¡Muy bien!" in out


def _mse_half(y, yp, delta):
    return float(np.mean(0.5 * (yp - y) ** 2))


def _mae(y, yp, delta):
    return float(np.mean(np.abs(yp - y)))


def _no_half(y, yp, delta):
    e, small = _huber_parts(y, yp, delta)
    return float(np.mean(np.where(small, e ** 2, delta * np.abs(e) - 0.5 * delta ** 2)))


def _no_offset(y, yp, delta):
    e, small = _huber_parts(y, yp, delta)
    return float(np.mean(np.where(small, 0.5 * e ** 2, delta * np.abs(e))))


def _huber_sum(y, yp, delta):
    e, small = _huber_parts(y, yp, delta)
    return float(np.sum(np.where(small, 0.5 * e ** 2, delta * np.abs(e) - 0.5 * delta ** 2)))


@pytest.mark.parametrize("wrong, hint", [
    (_mse_half, "½e² solo vale cuando |e| ≤ delta"),
    (_mae, "eso es el MAE"),
    (_no_half, "falta el ½"),
    (_no_offset, "falta restar ½·delta²"),
    (_huber_sum, "sumó los elementos"),
])
def test_huber_loss_mistakes_get_their_hint(capsys, wrong, hint):
    rejected(perdida.check_huber, capsys,
                  {"huber_loss": with_names(wrong, HUBER), "huber_gradient": huber_gradient}, hint)


@pytest.mark.parametrize("wrong, hint", [
    (lambda y, yp, d: np.clip(yp - y, -d, d), "falta dividir entre n"),
    (lambda y, yp, d: np.clip(y - yp, -d, d) / yp.size, "el signo está cambiado"),
    (lambda y, yp, d: (yp - y) / yp.size, "recorte el error a [−delta, delta]"),
    (lambda y, yp, d: 2 * (yp - y) / yp.size, "eso es el gradiente del MSE"),
    (lambda y, yp, d: np.sign(yp - y) / yp.size, "eso es el gradiente del MAE"),
])
def test_huber_gradient_mistakes_get_their_hint(capsys, wrong, hint):
    rejected(perdida.check_huber, capsys,
                  {"huber_loss": huber_loss, "huber_gradient": with_names(wrong, HUBER)}, hint)


def test_huber_gradient_divided_by_rows_gets_its_hint(capsys):
    def by_rows(y, yp, d):
        return np.clip(yp - y, -d, d) / (yp.shape[0] if yp.ndim == 2 else yp.size)

    found = 0                  # con vectores coincide con la solución; con una matriz, no
    for seed in range(20):
        ok, out = run(perdida.check_huber, capsys, seed, huber_loss=huber_loss,
                      huber_gradient=with_names(by_rows, HUBER))
        if not ok:
            assert "no solo entre las filas" in out
            found += 1
    assert found > 0


def test_huber_without_delta_parameter_is_explained(capsys):
    ok, out = run(perdida.check_huber, capsys, huber_loss=lambda y_true, y_pred: 0.0, huber_gradient=huber_gradient)
    assert bool(ok) is False and "delta" in out and "Pista:" in out


# --- ejercicio 2: entropía cruzada binaria ------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_bce_accepts_the_solution(capsys, seed):
    ok, out = run(perdida.check_bce, capsys, seed, bce_loss=bce_loss, bce_gradient=bce_gradient)
    assert bool(ok) is True and "✘" not in out


@pytest.mark.parametrize("wrong, hint", [
    (lambda y, p: float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))), "falta el signo menos"),
    (lambda y, p: float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))), "sumó los elementos"),
    (lambda y, p: float(-np.mean(y * np.log(p))), "falta el término (1 − y)·log(1 − p)"),
    (lambda y, p: float(-np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p))), "no np.log10"),
    (lambda y, p: float(-np.mean(y * np.log(1 - p) + (1 - y) * np.log(p))), "cambió p por 1 − p"),
])
def test_bce_loss_mistakes_get_their_hint(capsys, wrong, hint):
    rejected(perdida.check_bce, capsys, {"bce_loss": with_names(wrong, BCE), "bce_gradient": bce_gradient},
                  hint)


@pytest.mark.parametrize("wrong, hint", [
    (lambda y, p: (p - y) / p.size, "derivada respecto del logit"),
    (lambda y, p: p - y, "derivada respecto del logit"),
    (lambda y, p: -y / p + (1 - y) / (1 - p), "falta dividir entre n"),
    (lambda y, p: (y / p - (1 - y) / (1 - p)) / p.size, "el signo está cambiado"),
    (lambda y, p: (-y / p - (1 - y) / (1 - p)) / p.size, "revise el segundo término"),
])
def test_bce_gradient_mistakes_get_their_hint(capsys, wrong, hint):
    rejected(perdida.check_bce, capsys, {"bce_loss": bce_loss, "bce_gradient": with_names(wrong, BCE)},
                  hint)


# --- ejercicio 3: capa de salida y pérdida -----------------------------------------------------

GOOD = {"a": (1, "linear", "mse"), "b": (1, "sigmoid", "binary_crossentropy"),
        "c": (26, "softmax", "sparse_categorical_crossentropy"), "d": (5, "sigmoid", "binary_crossentropy")}


@pytest.mark.parametrize("answers", [
    GOOD,
    {**GOOD, "a": [1, None, "mean_squared_error"], "b": (1, "Sigmoid", "BinaryCrossentropy")},
    {**GOOD, "a": (1, "linear", "huber"), "b": (2, "softmax", "sparse_categorical_crossentropy")},
])
def test_output_and_loss_accepts_right_answers(capsys, answers):
    ok, out = run(perdida.check_output_and_loss, capsys, output_and_loss=answers)
    assert bool(ok) is True and "✘" not in out and "Correctas: a, b, c, d (4 de 4)." in out


@pytest.mark.parametrize("key, wrong, hint", [
    ("a", (1, "relu", "mse"), "la neurona de salida es lineal"),
    ("a", (1, "linear", "binary_crossentropy"), "no es una pérdida de regresión"),
    ("b", (1, "softmax", "binary_crossentropy"), "softmax siempre da 1"),
    ("b", (1, "sigmoid", "mse"), "use \"binary_crossentropy\""),
    ("b", (2, "sigmoid", "binary_crossentropy"), "1 neurona sigmoide"),
    ("c", (26, "softmax", "categorical_crossentropy"), "las etiquetas son enteros"),
    ("c", (25, "softmax", "sparse_categorical_crossentropy"), "26"),
    ("c", (26, "sigmoid", "sparse_categorical_crossentropy"), "se excluyen"),
    ("d", (5, "softmax", "categorical_crossentropy"), "los temas no se excluyen"),
    ("d", (5, "sigmoid", "categorical_crossentropy"), "una entropía cruzada binaria por tema"),
    ("d", (1, "sigmoid", "binary_crossentropy"), "una neurona por tema"),
    ("c", "softmax", "una tupla de tres elementos"),
    ("a", (1, "linear", "error cuadrático"), "no se reconoce la pérdida"),
    ("b", (1, 3, "binary_crossentropy"), "la activación debería ser un texto"),
])
def test_output_and_loss_mistakes_get_their_hint(capsys, key, wrong, hint):
    ok, out = run(perdida.check_output_and_loss, capsys, output_and_loss={**GOOD, key: wrong})
    assert bool(ok) is False and hint in out and "Traceback" not in out


def test_output_and_loss_missing_and_capitalized_keys(capsys):
    answers = {k: v for k, v in GOOD.items() if k != "d"}
    answers["C"] = answers.pop("c")
    ok, out = run(perdida.check_output_and_loss, capsys, output_and_loss=answers)
    assert bool(ok) is False and "Falta el problema «d»" in out and "debería escribirse \"c\"" in out


# --- ejercicio 4: desde logits, estable --------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_bce_from_logits_accepts_the_solution_and_nnlib(capsys, seed):
    ok, out = run(perdida.check_bce_from_logits, capsys, seed, bce_from_logits=bce_from_logits)
    assert bool(ok) is True and "✘" not in out
    stable = losses.BinaryCrossentropy(from_logits=True)
    ok, _ = run(perdida.check_bce_from_logits, capsys, seed, bce_from_logits=with_names(stable, LOGITS))
    assert bool(ok) is True


def _naive(y, z):
    p = 1 / (1 + np.exp(-z))
    return np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _naive_clipped(y, z):
    p = np.clip(1 / (1 + np.exp(-z)), 1e-7, 1 - 1e-7)
    return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))


def _without_abs(y, z):
    return float(np.mean((1 - y) * z + np.log1p(np.exp(-z))))


@pytest.mark.parametrize("wrong, hint", [
    (_naive, "no calcule p"),
    (_without_abs, "no calcule p"),
    (_naive_clipped, "recortar p evita el infinito"),
    (lambda y, z: float(np.sum(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))), "sumó los elementos"),
    (lambda y, z: float(np.mean(np.maximum(z, 0) - z * (1 - y) + np.log1p(np.exp(-np.abs(z))))),
     "cambió y por 1 − y"),
    (lambda y, z: float(np.mean(-z * y + np.log1p(np.exp(-np.abs(z))))), "falta el término max(z, 0)"),
])
def test_bce_from_logits_mistakes_get_their_hint(capsys, wrong, hint):
    rejected(perdida.check_bce_from_logits, capsys, {"bce_from_logits": with_names(wrong, LOGITS)}, hint)


def test_naive_code_prints_no_numpy_warnings(capsys, recwarn):
    ok, out = run(perdida.check_bce_from_logits, capsys, bce_from_logits=with_names(_naive, LOGITS))
    assert bool(ok) is False
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
    assert capsys.readouterr().err == ""
