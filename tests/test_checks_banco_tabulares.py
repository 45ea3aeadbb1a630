"""Errores habituales del banco del capítulo 9 (nnlib.checks.banco_tabulares): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio y que los números de los
enunciados son los que dan las soluciones y scikit-learn.
"""
import numpy as np
import pytest
from scipy.optimize import minimize_scalar
from sklearn.dummy import DummyClassifier

from nnlib.checks import banco_tabulares as bank
from solutions.banco_tabulares import (boosting_start, fit_and_predict, impute_median, kfold_sizes,
                                       majority_baseline)
from exercise_checks import SEEDS, rejected_with, run

FEW_SEEDS = [0, 7]          # el proyecto entrena varios modelos por llamada


# --- ejercicio 1: majority_baseline ----------------------------------------------------------

def test_majority_statement_example_is_the_dummy_classifier():
    y_train, y_val = bank._MAJORITY_EXAMPLE
    dummy = DummyClassifier(strategy="most_frequent").fit(np.zeros((len(y_train), 1)), y_train)
    assert majority_baseline(y_train, y_val) == dummy.score(np.zeros((len(y_val), 1)), y_val) == 0.25


@pytest.mark.parametrize("wrong, hint", [
    (lambda y_train, y_val: float(np.mean(y_val == np.bincount(y_val).argmax())), "más frecuente de la validación"),
    (lambda y_train, y_val: 100 * majority_baseline(y_train, y_val), "porcentaje"),
    (lambda y_train, y_val: float(np.bincount(y_train).argmax()), "no la clase"),
    (lambda y_train, y_val: float(np.mean(y_train == np.bincount(y_train).argmax())), "en el entrenamiento"),
    (lambda y_train, y_val: 1 - majority_baseline(y_train, y_val), ("errores", "de la validación")),  # con dos clases, lo mismo
])
def test_majority_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(bank.check_majority_baseline, capsys, "majority_baseline", wrong, hint)


# --- ejercicio 2: kfold_sizes ----------------------------------------------------------------

def test_kfold_statement_example():
    assert kfold_sizes(10, 4) == [3, 3, 2, 2] == list(bank._sklearn_sizes(10, 4))
    assert kfold_sizes(455, 5) == [91] * 5         # los 455 tumores de desarrollo del capítulo


@pytest.mark.parametrize("wrong, hint", [
    (lambda n_samples, n_folds: [n_samples // n_folds] * n_folds, "no los descarta"),
    (lambda n_samples, n_folds: [n_samples // n_folds + 1] * n_folds, "no pueden sumar más"),
    (lambda n_samples, n_folds: kfold_sizes(n_samples, n_folds)[::-1], "son los primeros"),
    (lambda n_samples, n_folds: [n_samples - s for s in kfold_sizes(n_samples, n_folds)], "entrenamientos"),
])
def test_kfold_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(bank.check_kfold_sizes, capsys, "kfold_sizes", wrong, hint)


# --- ejercicio 3: impute_median --------------------------------------------------------------

def test_impute_statement_example():
    X_train, X_new = bank._impute_example()
    X_train_filled, X_new_filled = impute_median(X_train, X_new)
    np.testing.assert_allclose(X_new_filled, [[3.0, 20.0], [5.0, 40.0]])
    np.testing.assert_allclose(X_train_filled[1:3], [[3.0, 30.0], [3.0, 20.0]])


def _with(values_of):
    def impute(X_train, X_new):
        return tuple(np.where(np.isnan(X), values_of(X_train, X_new, X), X) for X in (X_train, X_new))
    return impute


@pytest.mark.parametrize("wrong, hint", [
    (_with(lambda X_train, X_new, X: np.median(X_train, axis=0)), "np.nanmedian"),
    (_with(lambda X_train, X_new, X: np.nanmedian(X, axis=0)), "sus propias medianas"),
    (_with(lambda X_train, X_new, X: np.nanmean(X_train, axis=0)), "eso es la media"),
    (_with(lambda X_train, X_new, X: np.nanmedian(np.vstack([X_train, X_new]), axis=0)), "juntos"),
    (_with(lambda X_train, X_new, X: 0.0), "rellenar con 0"),
    (_with(lambda X_train, X_new, X: np.nanmedian(X_train)), "una mediana por columna"),
    (lambda X_train, X_new: impute_median(X_train, X_new)[1], "se esperaban 2 resultados"),
])
def test_impute_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(bank.check_impute_median, capsys, "impute_median", wrong, hint)


# --- ejercicio 4: boosting_start (demostración) ----------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_boosting_start_is_the_minimum_of_the_cross_entropy(seed):
    y = bank._boost_case(np.random.default_rng(seed))
    f0, residuals = boosting_start(y)

    def loss(f):
        p = 1 / (1 + np.exp(-f))
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    assert f0 == pytest.approx(minimize_scalar(loss).x, abs=1e-5)
    h = 1e-6                                        # el residuo es menos la derivada de la pérdida de cada ejemplo
    p_plus, p_minus = 1 / (1 + np.exp(-(f0 + h))), 1 / (1 + np.exp(-(f0 - h)))
    each = lambda p: -(y * np.log(p) + (1 - y) * np.log(1 - p))     # noqa: E731
    np.testing.assert_allclose(residuals, -(each(p_plus) - each(p_minus)) / (2 * h), atol=1e-6)
    assert round(boosting_start(bank._BOOST_EXAMPLE)[0], 4) == -0.5108


@pytest.mark.parametrize("wrong, hint", [
    (lambda y: (float(np.mean(y)), y - np.mean(y)), "la probabilidad p"),
    (lambda y: (-boosting_start(y)[0], y - np.mean(y)), "el signo está cambiado"),
    (lambda y: (float(np.log(np.mean(y))), y - np.mean(y)), "falta dividir entre 1 − p"),
    (lambda y: (boosting_start(y)[0], np.mean(y) - y), "gradiente negativo"),
    (lambda y: (boosting_start(y)[0], y - 0.5), "no 0.5"),
    (lambda y: (boosting_start(y)[0], y - boosting_start(y)[0]), "no el logit"),
])
def test_boosting_start_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(bank.check_boosting_start, capsys, "boosting_start", wrong, hint)


# --- ejercicio 5: fit_and_predict (proyecto) -------------------------------------------------

def test_project_threshold_is_honest():
    """La solución supera el umbral con holgura; la clase más frecuente se queda muy lejos."""
    X_train, y_train, X_test, y_test, _ = bank._cancer_example()
    assert np.mean(fit_and_predict(X_train, y_train, X_test) == y_test) >= bank._MIN_ACCURACY + 0.03
    assert np.mean(y_test == 0) < bank._MIN_ACCURACY - 0.2


def _probabilities(X_train, y_train, X_test):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    return make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train).predict_proba(X_test)


def _one_column(X_train, y_train, X_test):
    """Un umbral sobre la primera columna (el radio medio), elegido a ojo: no llega."""
    return (X_test[:, 0] > 17.5).astype(int)


@pytest.mark.parametrize("wrong, hint", [
    (_probabilities, "predict_proba"),
    (lambda X_train, y_train, X_test: _probabilities(X_train, y_train, X_test)[:, 1], "no probabilidades"),
    (lambda X_train, y_train, X_test: np.zeros(len(X_test), dtype=int), "la misma clase"),
    (lambda X_train, y_train, X_test: 1 - fit_and_predict(X_train, y_train, X_test), "al revés"),
    (_one_column, "se pide al menos"),
])
def test_project_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(bank.check_fit_and_predict, capsys, "fit_and_predict", wrong, hint, seeds=FEW_SEEDS)


@pytest.mark.parametrize("seed", FEW_SEEDS)
def test_project_accepts_the_solution(capsys, seed):
    ok, out = run(bank.check_fit_and_predict, capsys, seed, fit_and_predict=fit_and_predict)
    assert bool(ok) is True and "✘" not in out
