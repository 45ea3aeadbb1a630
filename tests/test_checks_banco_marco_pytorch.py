"""Errores habituales del banco del capítulo 8 (nnlib.checks.banco_marco_pytorch): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio y que los números de los
enunciados son los que dan las soluciones y PyTorch.
"""
import math

import numpy as np
import pytest
import torch
from torch import nn

from nnlib.checks import banco_marco_pytorch as bank
from solutions.banco_marco_pytorch import (conv_output_size, conv_param_count, cross_entropy_from_logits,
                                           logit_gradient, train_and_predict)
from exercise_checks import SEEDS, rejected_with, run

FEW_SEEDS = [0, 7]          # el proyecto entrena dos redes por llamada


# --- ejercicio 1: conv_output_size -----------------------------------------------------------

def test_conv_output_size_statement_examples_match_pytorch():
    assert conv_output_size(32, 5, 1, 2) == bank._torch_conv_side(32, 5, 1, 2) == 32
    assert conv_output_size(28, 5, 2, 0) == bank._torch_conv_side(28, 5, 2, 0) == 12


@pytest.mark.parametrize("wrong, hint", [
    (lambda n, kernel_size, stride, padding: (n + 2 * padding - kernel_size) // stride, "falta el + 1"),
    (lambda n, kernel_size, stride, padding: (n + padding - kernel_size) // stride + 1, "los dos bordes"),
    (lambda n, kernel_size, stride, padding: (n - kernel_size) // stride + 1, "falta el relleno"),
    (lambda n, kernel_size, stride, padding: n + 2 * padding - kernel_size + 1, "dividir entre el paso"),
    (lambda n, kernel_size, stride, padding: math.ceil((n + 2 * padding - kernel_size) / stride) + 1,
     "hacia abajo"),
    (lambda n, kernel_size, stride, padding: (n + 2 * padding - kernel_size) / stride + 1, ("división es entera",
                                                                                             "decimales")),
])
def test_conv_output_size_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(bank.check_conv_output_size, capsys, "conv_output_size", wrong, hint)


# --- ejercicio 2: conv_param_count -----------------------------------------------------------

def test_conv_param_count_statement_example_is_the_chapter_cnn():
    # la red del capítulo 8: 1248 parámetros convolucionales + 64·10 + 10 de la capa densa = 1898
    assert conv_param_count([1, 8, 16], 3) == 1248
    assert 1248 + 64 * 10 + 10 == 1898


def _pairs(channels):
    return list(zip(channels, channels[1:]))


@pytest.mark.parametrize("wrong, hint", [
    (lambda channels, kernel_size: sum(a * kernel_size**2 * b for a, b in _pairs(channels)), "faltan los sesgos"),
    (lambda channels, kernel_size: sum((a * kernel_size + 1) * b for a, b in _pairs(channels)), "kernel_size²"),
    (lambda channels, kernel_size: sum((kernel_size**2 + 1) * b for a, b in _pairs(channels)), "por c_in"),
    (lambda channels, kernel_size: sum(a * kernel_size**2 * b + a for a, b in _pairs(channels)),
     "no por canal de entrada"),
])
def test_conv_param_count_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(bank.check_conv_param_count, capsys, "conv_param_count", wrong, hint)


# --- ejercicio 3: cross_entropy_from_logits --------------------------------------------------

def test_cross_entropy_statement_example_matches_pytorch():
    z, y = bank._CE_EXAMPLE
    torch_loss = nn.CrossEntropyLoss()(torch.tensor(z), torch.tensor(y)).item()
    assert cross_entropy_from_logits(z, y) == pytest.approx(torch_loss, abs=1e-12)
    assert round(cross_entropy_from_logits(z, y), 4) == 0.3964


def _naive(logits, y):
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return float(-np.mean(np.log(p[np.arange(len(y)), y])))


def test_cross_entropy_without_log_sum_exp_is_rejected_with_the_trick(capsys):
    rejected_with(bank.check_cross_entropy_from_logits, capsys, "cross_entropy_from_logits", _naive,
                  "reste a cada fila su máximo")


@pytest.mark.parametrize("wrong, hint", [
    (lambda logits, y: len(y) * cross_entropy_from_logits(logits, y), "la suma de las pérdidas"),
    (lambda logits, y: -cross_entropy_from_logits(logits, y), "signo menos"),
    (lambda logits, y: cross_entropy_from_logits(np.exp(bank._log_softmax(logits)), y), "softmax dos veces"),
    (lambda logits, y: cross_entropy_from_logits(np.asarray(logits).T, y[: np.shape(logits)[1]]), ("axis=1",
                                                                                                     "revise")),
    (lambda logits, y: cross_entropy_from_logits(logits, y) / np.log(10), "np.log10"),
    (lambda logits, y: float(-np.mean(np.asarray(logits)[np.arange(len(y)), y])), "logaritmo de la suma"),
])
def test_cross_entropy_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(bank.check_cross_entropy_from_logits, capsys, "cross_entropy_from_logits", wrong, hint)


# --- ejercicio 4: logit_gradient (demostración) ----------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_logit_gradient_formula_is_autograd(seed):
    z, y = bank._logits_case(np.random.default_rng(seed))
    np.testing.assert_allclose(logit_gradient(z, y), bank._autograd_gradient(z, y), atol=1e-12)
    # la demostración: cada fila suma cero, porque la softmax suma uno
    np.testing.assert_allclose(logit_gradient(z, y).sum(axis=1), 0.0, atol=1e-12)


@pytest.mark.parametrize("wrong, hint", [
    (lambda logits, y: len(y) * logit_gradient(logits, y), "dividir entre el número de ejemplos"),
    (lambda logits, y: -logit_gradient(logits, y), "el signo está cambiado"),
    (lambda logits, y: np.exp(bank._log_softmax(logits)) / len(y), "restar el one-hot"),
    (lambda logits, y: -np.exp(bank._log_softmax(logits)) / len(y), "falta el término de la clase correcta"),
    (lambda logits, y: logit_gradient(logits, y).T, ("forma", "traspuesta", "filas")),
])
def test_logit_gradient_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(bank.check_logit_gradient, capsys, "logit_gradient", wrong, hint)


# --- ejercicio 5: train_and_predict (proyecto) -----------------------------------------------

def test_project_threshold_is_honest():
    """La solución supera el umbral con holgura; predecir la clase más frecuente no llega."""
    X_train, y_train, X_test, y_test, _ = bank._digits_example()
    accuracy = np.mean(train_and_predict(X_train, y_train, X_test) == y_test)
    assert accuracy >= bank._MIN_ACCURACY + 0.05
    majority = np.mean(y_test == np.bincount(y_train).argmax())
    assert majority < 0.5 * bank._MIN_ACCURACY


def _logits_instead(X_train, y_train, X_test):
    labels = train_and_predict(X_train, y_train, X_test)
    return np.eye(int(y_train.max()) + 1)[labels]


def _constant(X_train, y_train, X_test):
    return np.zeros(len(X_test), dtype=int)


def _nearest_mean(X_train, y_train, X_test):
    """Un clasificador flojo: la clase cuya imagen media tiene el mayor producto escalar (sin restar normas)."""
    means = np.stack([X_train[y_train == c].mean(axis=0) for c in range(int(y_train.max()) + 1)])
    return (X_test @ means.T).argmax(axis=1)


@pytest.mark.parametrize("wrong, hint", [
    (_logits_instead, "no los logits"),
    (_constant, "la misma clase"),
    (_nearest_mean, "se pide al menos"),
])
def test_project_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(bank.check_train_and_predict, capsys, "train_and_predict", wrong, hint, seeds=FEW_SEEDS)


@pytest.mark.parametrize("seed", FEW_SEEDS)
def test_project_accepts_the_solution(capsys, seed):
    ok, out = run(bank.check_train_and_predict, capsys, seed, train_and_predict=train_and_predict)
    assert bool(ok) is True and "✘" not in out
