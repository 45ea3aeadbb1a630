"""Errores habituales del banco del capítulo 7 (nnlib.checks.banco_marco_keras): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio, con varias semillas, y que
las fórmulas de referencia son las de Keras.
"""
import inspect
import math

import numpy as np
import pytest

from exercise_checks import SEEDS, rejected, run
from nnlib.checks import banco_marco_keras as bank
from solutions.banco_marco_keras import (conv2d_params, inverse_time_decay, lstm_params, receptive_field,
                                         train_digits)


def like(reference, body):
    """Una función con el nombre y la firma de ``reference`` que hace ``body``."""
    def wrong(*args):
        return body(*args)

    wrong.__name__ = reference.__name__
    wrong.__signature__ = inspect.signature(reference)
    return wrong


def rejected_with(check, capsys, reference, body, hint, seeds=SEEDS):
    with np.errstate(all="ignore"):
        rejected(check, capsys, {reference.__name__: like(reference, body)}, hint, seeds=seeds)


# --- las referencias son las de Keras ----------------------------------------------------

def test_references_agree_with_keras():
    keras = pytest.importorskip("keras")
    conv = keras.layers.Conv2D(16, (3, 5))
    conv.build((None, 12, 12, 3))
    assert conv.count_params() == conv2d_params((3, 5), 3, 16) == 736
    for d, u in [(1, 8), (5, 3), (7, 12)]:
        lstm = keras.layers.LSTM(u)
        lstm.build((None, 4, d))
        assert lstm.count_params() == lstm_params(d, u)
    for staircase in (False, True):
        schedule = keras.optimizers.schedules.InverseTimeDecay(0.1, 100, 0.5, staircase=staircase)
        for step in (0, 99, 250, 1234):
            assert float(schedule(step)) == pytest.approx(inverse_time_decay(0.1, 100, 0.5, step, staircase),
                                                          rel=1e-6)


def test_examples_are_the_ones_in_the_statements():
    assert conv2d_params(*bank.CONV_EXAMPLE) == 736
    assert lstm_params(*bank.LSTM_EXAMPLE) == 320
    ex = bank.DECAY_EXAMPLE
    args = (ex["initial_learning_rate"], ex["decay_steps"], ex["decay_rate"], ex["step"])
    assert inverse_time_decay(*args, False) == pytest.approx(0.1 / 2.25)
    assert inverse_time_decay(*args, True) == pytest.approx(0.05)
    assert receptive_field(*bank.FIELD_EXAMPLE) == 8


def test_receptive_field_formula_matches_the_traced_stack():
    rng = np.random.default_rng(0)
    for _ in range(200):
        n = int(rng.integers(1, 7))
        kernels, strides = list(rng.integers(1, 8, size=n)), list(rng.integers(1, 4, size=n))
        assert receptive_field(kernels, strides) == bank.receptive_field_by_tracing(kernels, strides)


def test_receptive_field_by_tracing_matches_a_real_convolution():
    # Una pila de convoluciones 1-D de unos: la salida 0 depende de las entradas donde su gradiente no es 0.
    # El campo receptivo es la ventana de la primera a la última (con k < s puede tener huecos).
    rng = np.random.default_rng(1)
    for _ in range(20):
        n = int(rng.integers(2, 5))
        kernels, strides = [int(k) for k in rng.integers(1, 5, size=n)], [int(s) for s in rng.integers(1, 3, size=n)]
        size = 200
        influence = np.zeros(size)
        for position in range(size):
            x = np.zeros(size)
            x[position] = 1.0
            for k, s in zip(kernels, strides):
                x = np.array([x[i:i + k].sum() for i in range(0, len(x) - k + 1, s)])
            influence[position] = x[0]
        used = np.flatnonzero(influence)
        assert used[-1] - used[0] + 1 == bank.receptive_field_by_tracing(kernels, strides)


# --- ejercicio 1: conv2d_params ------------------------------------------------------------

@pytest.mark.parametrize("body, hint", [
    (lambda k, c, f: k[0] * k[1] * c * f, "falta el sesgo"),
    (lambda k, c, f: k[0] * k[1] * f + f, "un peso por canal de entrada"),
    (lambda k, c, f: (k[0] * k[1] + 1) * c * f, "no uno por canal y filtro"),
    (lambda k, c, f: k[0] * k[0] * c * f + f, "use los dos números de kernel_size"),
    (lambda k, c, f: (k[0] + k[1]) * c * f + f, "no alto + ancho"),
])
def test_conv_mistakes_get_their_hint(capsys, body, hint):
    rejected_with(bank.check_conv2d_params, capsys, conv2d_params, body, hint)


# --- ejercicio 2: lstm_params -------------------------------------------------------------

@pytest.mark.parametrize("body, hint", [
    (lambda d, u: u * (d + u) + u, "eso es una SimpleRNN"),
    (lambda d, u: 3 * (u * (d + u) + u), "tres son los de GRU"),
    (lambda d, u: 4 * u * (d + u), "falta el sesgo"),
    (lambda d, u: 4 * (u * d + u), "falta U"),
    (lambda d, u: 4 * (u * (d + u) + 1), "no uno por bloque"),
])
def test_lstm_mistakes_get_their_hint(capsys, body, hint):
    rejected_with(bank.check_lstm_params, capsys, lstm_params, body, hint)


# --- ejercicio 3: inverse_time_decay ------------------------------------------------------

@pytest.mark.parametrize("body, hint", [
    (lambda lr, n, r, t, st: lr / (1 + r * t / n), "se redondea hacia abajo"),
    (lambda lr, n, r, t, st: lr / (1 + r * math.floor(t / n)), "no se redondea"),
    (lambda lr, n, r, t, st: lr / (1 + r * (math.floor(t / n) if st else t)), "use step / decay_steps"),
    (lambda lr, n, r, t, st: lr * r ** (math.floor(t / n) if st else t / n), "ExponentialDecay"),
    (lambda lr, n, r, t, st: lr / (1 + r) ** (math.floor(t / n) if st else t / n), "sin potencias"),
])
def test_decay_mistakes_get_their_hint(capsys, body, hint):
    rejected_with(bank.check_inverse_time_decay, capsys, inverse_time_decay, body, hint)


# --- ejercicio 4: receptive_field (demostración) ------------------------------------------

def _with_own_stride(kernels, strides):
    field, jump = 1, 1
    for k, s in zip(kernels, strides):
        jump *= s
        field += (k - 1) * jump
    return field


@pytest.mark.parametrize("body, hint", [
    (lambda ks, ss: 1 + sum(k - 1 for k in ks), "eso vale solo con pasos de 1"),
    (lambda ks, ss: sum(ks), "cada capa añade k - 1"),
    (_with_own_stride, "no a ella misma"),
    (lambda ks, ss: receptive_field(ks, ss) - 1, "falta el 1 inicial"),
])
def test_field_mistakes_get_their_hint(capsys, body, hint):
    rejected_with(bank.check_receptive_field, capsys, receptive_field, body, hint)


# --- ejercicio 5: train_digits (proyecto) --------------------------------------------------

def _untrained(X_train, y_train, X_val, y_val):
    import keras

    keras.utils.set_random_seed(0)
    return keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(10, activation="softmax")])


def _two_outputs(X_train, y_train, X_val, y_val):
    import keras

    return keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(2, activation="softmax")])


def _history_instead_of_model(X_train, y_train, X_val, y_val):
    return {"loss": [1.0, 0.5]}


@pytest.mark.parametrize("body, hint", [
    (_untrained, "acierta como al azar"),
    (_two_outputs, "Dense(10"),
    (_history_instead_of_model, "return model"),
])
def test_project_mistakes_get_their_hint(capsys, body, hint):
    pytest.importorskip("keras")
    rejected_with(bank.check_train_digits, capsys, train_digits, body, hint, seeds=SEEDS[:2])


def test_project_rejects_a_model_trained_on_other_data(capsys):
    pytest.importorskip("keras")
    X_train, y_train, X_val, y_val, _, _ = bank.digits_split(np.random.default_rng(12345))
    stored = train_digits(X_train, y_train, X_val, y_val)
    rejected_with(bank.check_train_digits, capsys, train_digits, lambda *args: stored, "acierta como al azar",
                  seeds=SEEDS[:2])


def test_digits_split_is_disjoint_and_renames_classes():
    rng = np.random.default_rng(0)
    X_train, y_train, X_val, y_val, X_test, y_test = bank.digits_split(rng)
    assert len(X_train) == 1000 and len(X_val) == 300 and len(X_test) == 497
    assert sorted(set(y_train)) == list(range(10))
    rows = {row.tobytes() for row in X_test}
    assert sum(row.tobytes() in rows for row in X_train) < 5   # solo dígitos repetidos en el conjunto original
