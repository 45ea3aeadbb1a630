"""Errores habituales del banco del capítulo 6 (nnlib.checks.banco_regularizacion): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio, con varias semillas.
"""
import inspect

import numpy as np
import pytest

from exercise_checks import SEEDS, rejected, run
from nnlib.checks import banco_regularizacion as bank
from solutions.banco_regularizacion import (choose_l2, dropout_variance, early_stopping_epochs, l2_penalty,
                                            ridge_weights)


def like(reference, body):
    """Una función con el nombre y la firma de ``reference`` que hace ``body``."""
    def wrong(*args):
        return body(*args)

    wrong.__name__ = reference.__name__
    wrong.__signature__ = inspect.signature(reference)
    return wrong


def rejected_with(check, capsys, reference, body, hint):
    with np.errstate(all="ignore"):
        rejected(check, capsys, {reference.__name__: like(reference, body)}, hint)


# --- ejercicio 1: l2_penalty -------------------------------------------------------------

def test_penalty_example_is_the_one_in_the_statement():
    assert l2_penalty(bank.PENALTY_EXAMPLE["kernels"], 0.01) == pytest.approx(0.065)


@pytest.mark.parametrize("body, hint", [
    (lambda ks, l2: sum(float(np.sum(np.asarray(k) ** 2)) for k in ks), "falta multiplicar por l2"),
    (lambda ks, l2: l2 * sum(float(np.sum(np.abs(k))) for k in ks), "eso es la penalización L1"),
    (lambda ks, l2: 2 * l2 * sum(float(np.sum(np.asarray(k) ** 2)) for k in ks), "es la derivada"),
    (lambda ks, l2: l2 / 2 * sum(float(np.sum(np.asarray(k) ** 2)) for k in ks), "Keras no divide entre 2"),
    (lambda ks, l2: l2 * float(np.sum(np.asarray(ks[0]) ** 2)), "no solo los de la primera"),
    (lambda ks, l2: l2 * float(np.mean(np.concatenate([np.ravel(k) for k in ks]) ** 2)), "no se promedian"),
])
def test_penalty_mistakes_get_their_hint(capsys, body, hint):
    rejected_with(bank.check_l2_penalty, capsys, l2_penalty, body, hint)


# --- ejercicio 2: early_stopping_epochs ---------------------------------------------------

def test_stopping_example_stops_where_the_statement_says():
    losses = bank.STOPPING_EXAMPLE["val_losses"]
    assert early_stopping_epochs(losses, 3, 0.02) == 6
    assert early_stopping_epochs(losses, 3, 0.0) == 8


def test_stopping_reference_agrees_with_keras():
    keras = pytest.importorskip("keras")

    class Replay(keras.callbacks.Callback):
        def __init__(self, losses):
            super().__init__()
            self.losses = losses

        def on_epoch_end(self, epoch, logs=None):
            logs["val_loss"] = self.losses[epoch]

    X, y = np.zeros((4, 1), dtype="float32"), np.zeros(4, dtype="float32")
    rng = np.random.default_rng(0)
    for losses, patience, min_delta in [(bank.STOPPING_EXAMPLE["val_losses"], 3, 0.02)] + [
            bank._stopping_case(rng) for _ in range(3)]:
        model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
        model.compile(loss="mse", optimizer="sgd")
        stopper = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience, min_delta=min_delta)
        history = model.fit(X, y, epochs=len(losses), verbose=0, callbacks=[Replay(losses), stopper])
        assert len(history.history["loss"]) == early_stopping_epochs(losses, patience, min_delta)


@pytest.mark.parametrize("body, hint", [
    (lambda v, p, d: bank._stop_epochs(v, p, d, strict_wait=True), "no patience + 1"),
    (lambda v, p, d: bank._stop_epochs(v, p, d, best_epoch=True), "no cuál fue la mejor"),
    (lambda v, p, d: bank._stop_epochs(v, p, d) - 1, "las épocas se cuentan desde 1"),
    (lambda v, p, d: bank._stop_epochs(v, p, 0.0), "más de min_delta"),
    (lambda v, p, d: len(v), "sí para antes del final"),
])
def test_stopping_mistakes_get_their_hint(capsys, body, hint):
    rejected_with(bank.check_early_stopping_epochs, capsys, early_stopping_epochs, body, hint)


def test_stopping_against_previous_epoch_is_rejected(capsys):
    rejected_with(bank.check_early_stopping_epochs, capsys, early_stopping_epochs,
                  lambda v, p, d: bank._stop_epochs(v, p, d, against_previous=True),
                  # con algunos historiales da lo mismo que olvidar min_delta: cualquiera de las dos pistas
                  ("no con la de la época anterior", "más de min_delta"))


# --- ejercicio 3: dropout_variance (demostración) -----------------------------------------

def test_variance_formula_matches_a_simulation():
    rng = np.random.default_rng(0)
    x, rate = np.array([1.0, -2.0, 0.5]), 0.2
    masks = rng.random((400_000, 3)) >= rate
    assert np.allclose((x * masks / (1 - rate)).var(axis=0), dropout_variance(x, rate), rtol=0.02)
    assert np.allclose(dropout_variance(x, rate), [0.25, 1.0, 0.0625])


@pytest.mark.parametrize("body, hint", [
    (lambda x, p: x ** 2 * p * (1 - p), "sin la escala 1/(1 - p)"),
    (lambda x, p: x ** 2 * (1 - p) / p, "p y 1 - p están cambiados"),
    (lambda x, p: np.abs(x) * np.sqrt(p / (1 - p)), "eso es la desviación típica"),
    (lambda x, p: x * p / (1 - p), "falta el cuadrado de x"),
    (lambda x, p: x ** 2 / (1 - p), "eso es E[y²]"),
    (lambda x, p: x ** 2 * p / (1 - p) ** 2, "E[m²] = 1 - p"),
])
def test_variance_mistakes_get_their_hint(capsys, body, hint):
    rejected_with(bank.check_dropout_variance, capsys, dropout_variance, body, hint)


# --- ejercicio 4: ridge_weights -------------------------------------------------------------

def test_ridge_reference_is_the_minimum():
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(9, 3)), rng.normal(size=9)
    w = ridge_weights(X, y, 0.2)
    gradient = 2 / len(X) * X.T @ (X @ w - y) + 2 * 0.2 * w
    assert np.allclose(gradient, 0, atol=1e-12)


@pytest.mark.parametrize("body, hint", [
    (lambda X, y, l2: np.linalg.solve(X.T @ X + l2 * np.eye(X.shape[1]), X.T @ y), "N = número de ejemplos"),
    (lambda X, y, l2: np.linalg.solve(X.T @ X + 2 * len(X) * l2 * np.eye(X.shape[1]), X.T @ y), "se cancela"),
    (lambda X, y, l2: np.linalg.lstsq(X, y, rcond=None)[0], "sin penalización"),
    (lambda X, y, l2: np.linalg.solve(X.T @ X - len(X) * l2 * np.eye(X.shape[1]), X.T @ y), "no se resta"),
])
def test_ridge_mistakes_get_their_hint(capsys, body, hint):
    rejected_with(bank.check_ridge_weights, capsys, ridge_weights, body, hint)


# --- ejercicio 5: choose_l2 (proyecto) ------------------------------------------------------

@pytest.mark.parametrize("seed", bank.PROJECT_SEEDS)
def test_project_seeds_leave_room_for_any_correct_choice(seed):
    """Con cada semilla de datos, la peor elección que la comprobación acepta (hasta un 2 % por encima del
    menor error de validación) pasa con margen: el umbral de la prueba no depende de la suerte."""
    sums = {"worst": 0.0, "none": 0.0, "oracle": 0.0}
    for (X_train, y_train, X_val, y_val, X_test, y_test), candidates in bank.project_rounds(seed):
        fits = {c: bank.ridge(X_train, y_train, c) for c in candidates}
        val = {c: np.mean((X_val @ w - y_val) ** 2) for c, w in fits.items()}
        test = {c: np.mean((X_test @ w - y_test) ** 2) for c, w in fits.items()}
        best = min(val.values())
        sums["worst"] += max(test[c] for c in candidates if val[c] <= best * 1.02 + 1e-12)
        sums["none"] += np.mean((X_test @ bank.ridge(X_train, y_train, 0.0) - y_test) ** 2)
        sums["oracle"] += min(test.values())
    assert sums["worst"] < 0.5 * sums["none"] and sums["worst"] < 1.5 * sums["oracle"], (seed, sums)


def _by_train_error(X_train, y_train, X_val, y_val, candidates):
    errors = [np.mean((X_train @ ridge_weights(X_train, y_train, c) - y_train) ** 2) for c in candidates]
    return candidates[int(np.argmin(errors))]


def _largest_val_error(X_train, y_train, X_val, y_val, candidates):
    errors = [np.mean((X_val @ ridge_weights(X_train, y_train, c) - y_val) ** 2) for c in candidates]
    return candidates[int(np.argmax(errors))]


@pytest.mark.parametrize("body, hint", [
    (_by_train_error, "menor error de entrenamiento"),
    (_largest_val_error, ("se busca el menor", "menor error de entrenamiento")),
    (lambda Xt, yt, Xv, yv, c: 0.05, "no es ninguno de los candidatos"),
])
def test_choice_mistakes_get_their_hint(capsys, body, hint):
    rejected_with(bank.check_choose_l2, capsys, choose_l2, body, hint)


@pytest.mark.parametrize("seed", SEEDS)
def test_choice_accepts_an_equivalent_solution(capsys, seed):
    def with_lstsq(X_train, y_train, X_val, y_val, candidates):
        best, best_error = None, np.inf
        n, d = X_train.shape
        for c in candidates:
            A = np.vstack([X_train, np.sqrt(n * c) * np.eye(d)])
            b = np.concatenate([y_train, np.zeros(d)])
            w = np.linalg.lstsq(A, b, rcond=None)[0]
            error = np.mean((X_val @ w - y_val) ** 2)
            if error < best_error:
                best, best_error = c, error
        return best

    ok, out = run(bank.check_choose_l2, capsys, seed, choose_l2=with_lstsq)
    assert bool(ok) is True and "✘" not in out
