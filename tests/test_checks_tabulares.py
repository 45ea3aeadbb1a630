"""Errores habituales de los ejercicios del capítulo 9 (nnlib.checks.tabulares): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio y que los números de
los enunciados son los que dan las soluciones. Cada error se prueba con varias semillas,
porque los casos al azar cambian en cada ejecución.
"""
import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.ensemble import RandomForestRegressor
from sklearn.preprocessing import StandardScaler

from nnlib import datasets
from nnlib.checks import tabulares as tab
from solutions.tabulares import LEAKS, forest_baseline, paired_comparison, scale_features
from exercise_checks import SEEDS, rejected_with, run

FEW_SEEDS = [0, 7, 2024]          # el bosque entrena varios bosques por caso: menos semillas


# --- ejercicio 1: scale_features -----------------------------------------------------------

def test_scale_features_statement_example_is_right():
    X_train, X_new = tab._scale_example()
    _, X_new_scaled = scale_features(X_train, X_new)
    np.testing.assert_allclose(np.round(X_new_scaled, 4), [[0.0, 0.0], [2.1381, 2.2361]])


@pytest.mark.parametrize("seed", SEEDS)
def test_scale_features_accepts_the_solution_and_other_correct_forms(capsys, seed):
    ok, out = run(tab.check_scale_features, capsys, seed, scale_features=scale_features)
    assert bool(ok) is True and "✘" not in out

    def with_numpy(X_train, X_new):
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        return [(X_train - mean) / std, (X_new - mean) / std]          # una lista también vale

    def with_nnlib(X_train, X_new):
        X_train_s, X_new_s, _, _ = datasets.standardize(X_train, X_new)
        return X_train_s, X_new_s

    for correct in (with_numpy, with_nnlib):
        ok, out = run(tab.check_scale_features, capsys, seed, scale_features=correct)
        assert bool(ok) is True, out


def _scaler(how):
    def scale(X_train, X_new):
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        if how == "own":
            return StandardScaler().fit_transform(X_train), StandardScaler().fit_transform(X_new)
        if how == "both":
            scaler = StandardScaler().fit(np.vstack([X_train, X_new]))
            return scaler.transform(X_train), scaler.transform(X_new)
        if how == "ddof1":
            std = X_train.std(axis=0, ddof=1)
        elif how == "variance":
            std = X_train.var(axis=0)
        elif how == "no_center":
            mean = 0.0
        elif how == "no_scale":
            std = 1.0
        elif how == "global":
            mean, std = X_train.mean(), X_train.std()
        train, new = (X_train - mean) / std, (X_new - mean) / std
        if how == "new_unscaled":
            return train, X_new
        if how == "swapped":
            return new, train
        if how == "one":
            return new
        if how == "dict":
            return {"X_train_scaled": train, "X_new_scaled": new}
        return train, new
    return scale


@pytest.mark.parametrize("how, hint", [
    ("own", "esa es la fuga"),
    ("both", "salieron de X_train y X_new juntos"),
    ("ddof1", "no con N − 1"),
    ("variance", "no entre la varianza"),
    ("no_center", "falta restar la media"),
    ("no_scale", "falta dividir"),
    ("global", "una media y una desviación por columna"),
    ("new_unscaled", "X_new quedó sin escalar"),
    ("swapped", "en el orden contrario"),
    ("one", "devolvió un solo arreglo"),
    ("dict", "devolvió un diccionario"),
])
def test_scale_features_mistakes_get_their_hint(capsys, how, hint):
    rejected_with(tab.check_scale_features, capsys, "scale_features", _scaler(how), hint)


def test_scale_features_random_cases_differ_from_the_example():
    X_train_example, X_new_example = tab._scale_example()
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for _ in range(20):
            X_train, X_new = tab._scale_case(rng)
            assert len(X_train) != len(X_new)                    # un orden cambiado cambia las formas
            assert X_train.shape != X_train_example.shape and X_new.shape[1] == X_train.shape[1]
            right = (X_new - X_train.mean(axis=0)) / X_train.std(axis=0)
            own = (X_new - X_new.mean(axis=0)) / X_new.std(axis=0)
            assert np.max(np.abs(right - own)) > 0.1               # la fuga da otro resultado


# --- ejercicio 2: leaks ---------------------------------------------------------------------

def test_leaks_answers_match_the_reference():
    assert {k: v for k, (v, _) in tab._LEAKS.items()} == LEAKS


@pytest.mark.parametrize("key", sorted(LEAKS))
def test_each_wrong_leak_answer_gets_its_explanation(capsys, key):
    wrong = {**LEAKS, key: not LEAKS[key]}
    ok, out = run(tab.check_leaks, capsys, leaks=wrong)
    assert bool(ok) is False
    verdict = "sí tiene fuga" if LEAKS[key] else "no tiene fuga"
    assert f"La práctica «{key}» {verdict}." in out and tab._LEAKS[key][1] in out
    assert "Correctas:" in out and "(5 de 6)" in out


def test_leaks_with_uppercase_or_missing_keys_get_a_hint(capsys):
    upper = {k.upper(): v for k, v in LEAKS.items()}
    ok, out = run(tab.check_leaks, capsys, leaks=upper)
    assert bool(ok) is False and "debería escribirse" in out and "minúsculas" in out
    partial = {k: v for k, v in LEAKS.items() if k != "c"}
    ok, out = run(tab.check_leaks, capsys, leaks=partial)
    assert bool(ok) is False and "Falta la práctica «c»" in out


def test_leaks_all_true_is_not_enough(capsys):
    ok, out = run(tab.check_leaks, capsys, leaks=dict.fromkeys(LEAKS, True))
    assert bool(ok) is False and "(3 de 6)" in out


# --- ejercicio 3: forest_baseline -----------------------------------------------------------

def test_forest_baseline_statement_example_is_right():
    X_d, y_d = load_diabetes(return_X_y=True, scaled=False)
    value = forest_baseline(X_d[:100], y_d[:100], X_d[100:150], y_d[100:150], seed=0)
    assert round(value, 4) == 50.7944
    assert all(np.array_equal(a, b) for a, b in zip(tab._forest_example()[:4],
                                                    (X_d[:100], y_d[:100], X_d[100:150], y_d[100:150])))


@pytest.mark.parametrize("seed", FEW_SEEDS)
def test_forest_baseline_accepts_the_solution_with_any_n_jobs(capsys, seed):
    ok, out = run(tab.check_forest_baseline, capsys, seed, forest_baseline=forest_baseline)
    assert bool(ok) is True and "✘" not in out

    def parallel(X_train, y_train, X_val, y_val, seed):
        forest = RandomForestRegressor(n_estimators=50, random_state=seed, n_jobs=2).fit(X_train, y_train)
        return np.mean(np.abs(forest.predict(X_val) - y_val))      # un np.float64 también vale

    ok, out = run(tab.check_forest_baseline, capsys, seed, forest_baseline=parallel)
    assert bool(ok) is True, out


def _baseline(how):
    def baseline(X_train, y_train, X_val, y_val, seed):
        n_trees = 100 if how == "default_trees" else 50
        fit_X, fit_y = (X_val, y_val) if how == "fit_on_val" else (X_train, y_train)
        forest = RandomForestRegressor(n_estimators=n_trees, random_state=0 if how == "seed_zero" else seed,
                                       n_jobs=1).fit(fit_X, fit_y)
        if how == "train_error":
            return float(np.mean(np.abs(forest.predict(X_train) - y_train)))
        errors = forest.predict(X_val) - y_val
        if how == "mse":
            return float(np.mean(errors ** 2))
        if how == "rmse":
            return float(np.sqrt(np.mean(errors ** 2)))
        if how == "r2":
            return forest.score(X_val, y_val)
        if how == "mean_predictor":
            return float(np.mean(np.abs(np.mean(y_train) - y_val)))
        if how == "negative":
            return -float(np.mean(np.abs(errors)))
        if how == "tuple":
            return forest, float(np.mean(np.abs(errors)))
        return float(np.mean(np.abs(errors)))
    return baseline


@pytest.mark.parametrize("how, hint", [
    ("train_error", "ese es el error en el entrenamiento"),
    ("fit_on_val", "el bosque se entrenó con la validación"),
    ("mse", "eso es el error cuadrático medio"),
    ("rmse", "eso es la raíz del error cuadrático medio"),
    ("r2", "da el coeficiente R²"),
    ("mean_predictor", "predecir siempre la media"),
    ("negative", "el error absoluto medio es positivo"),
    ("seed_zero", "pásele random_state=seed"),
    ("default_trees", "n_estimators=50"),
    ("tuple", "devuelva un solo número"),
])
def test_forest_baseline_mistakes_get_their_hint(capsys, how, hint):
    rejected_with(tab.check_forest_baseline, capsys, "forest_baseline", _baseline(how), hint, seeds=FEW_SEEDS)


def test_forest_baseline_random_cases_differ_from_the_example():
    X_example = tab._forest_example()[0]
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for _ in range(20):
            X_train, y_train, X_val, y_val, case_seed = tab._forest_case(rng)
            assert case_seed != 0                                  # una semilla fija falla siempre
            assert X_train.shape[0] != X_example.shape[0] and X_train.shape[1] != X_example.shape[1]
            assert len(X_train) == len(y_train) and len(X_val) == len(y_val)


# --- ejercicio 4: paired_comparison ---------------------------------------------------------

def test_paired_comparison_statement_example_is_right():
    a, b = tab._PAIRED_EXAMPLE
    mean, spread, verdict = paired_comparison(a, b)
    assert round(mean, 4) == 0.014 and round(spread, 4) == 0.0055 and verdict == "a"
    # lo que dice el enunciado: por separado varían más y parecerían empatados
    assert round(a.std(ddof=1), 3) == 0.011 and round(b.std(ddof=1), 3) == 0.015
    assert np.sqrt(a.var(ddof=1) + b.var(ddof=1)) > mean and np.all(a > b)


@pytest.mark.parametrize("seed", SEEDS)
def test_paired_comparison_accepts_the_solution_and_capitalized_verdicts(capsys, seed):
    ok, out = run(tab.check_paired_comparison, capsys, seed, paired_comparison=paired_comparison)
    assert bool(ok) is True and "✘" not in out

    def capitalized(scores_a, scores_b):
        mean, spread, verdict = paired_comparison(scores_a, scores_b)
        return [np.float64(mean), spread, verdict.capitalize()]

    ok, out = run(tab.check_paired_comparison, capsys, seed, paired_comparison=capitalized)
    assert bool(ok) is True, out


def _comparison(how):
    def compare(scores_a, scores_b):
        d = scores_a - scores_b
        mean, spread = float(d.mean()), float(d.std(ddof=1))
        if how == "reversed":
            mean = -mean
        elif how == "absolute":
            mean = abs(mean)
        elif how == "sum":
            mean = float(d.sum())
        elif how == "ddof0":
            spread = float(d.std())
        elif how == "variance":
            spread = float(d.var(ddof=1))
        elif how == "standard_error":
            spread = spread / np.sqrt(len(d))
        elif how == "unpaired":
            spread = float(np.sqrt(scores_a.var(ddof=1) + scores_b.var(ddof=1)))
        elif how == "unpaired_sum":
            spread = float(scores_a.std(ddof=1) + scores_b.std(ddof=1))
        verdict = "a" if mean > spread else "b" if mean < -spread else "empate"
        if how == "sign_only":
            return float(d.mean()), float(d.std(ddof=1)), "a" if d.mean() > 0 else "b"
        if how == "bool_verdict":
            return mean, spread, mean > spread
        if how == "word":
            return mean, spread, "gana a" if verdict == "a" else "gana b" if verdict == "b" else "nadie"
        if how == "two":
            return mean, spread
        return mean, spread, verdict
    return compare


@pytest.mark.parametrize("how, hint", [
    ("reversed", "la diferencia es a − b"),
    ("absolute", ("no tome el valor absoluto", "con su signo")),
    ("sum", "falta dividir entre el número de pliegues"),
    ("ddof0", "ddof=1"),
    ("variance", "no la varianza"),
    ("standard_error", "no el error estándar"),
    ("unpaired", "la dispersión de cada modelo por separado"),
    ("unpaired_sum", "la dispersión de cada modelo por separado"),
    ("sign_only", ("ningún modelo gana de forma convincente", "uno de los dos gana")),
    ("bool_verdict", "el veredicto es un texto"),
    ("word", 'devuelva exactamente "a", "b" o "empate"'),
    ("two", "se esperaban 3 resultados"),
])
def test_paired_comparison_mistakes_get_their_hint(capsys, how, hint):
    rejected_with(tab.check_paired_comparison, capsys, "paired_comparison", _comparison(how), hint)


def test_paired_comparison_random_cases_cover_every_verdict_and_other_fold_counts():
    for seed in SEEDS:
        cases = tab._paired_cases(np.random.default_rng(seed))
        verdicts = {paired_comparison(a, b)[2] for a, b in cases}
        assert verdicts == {"a", "b", "empate"}
        for a, b in cases:
            assert len(a) == len(b) != len(tab._PAIRED_EXAMPLE[0])
            mean, spread, _ = paired_comparison(a, b)
            assert abs(abs(mean) - spread) > 0.2 * spread          # lejos del límite de la regla
