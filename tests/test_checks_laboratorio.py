"""Errores habituales de los ejercicios del capítulo 10 (nnlib.checks.laboratorio): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio.
"""
import numpy as np
import pytest

from nnlib.checks import laboratorio as lab
from solutions.laboratorio import engineered_features
from exercise_checks import rejected_with, run

SEEDS = [0, 1, 7, 42]


# --- ejercicio 1 -------------------------------------------------------------------------
def test_features_solution_passes(capsys):
    ok, out = run(lab.check_engineered_features, capsys, engineered_features=engineered_features)
    assert ok and "¡Muy bien!" in out


def _variant(**columns):
    def features(X):
        x1, x2 = X[:, 0], X[:, 1]
        cols = {"a": x1 ** 2, "b": x2 ** 2, "c": x1 * x2, "d": np.sin(x1), "e": np.sin(x2)}
        cols.update({k: f(x1, x2) for k, f in columns.items()})
        return np.column_stack([cols[k] for k in "abcde"])
    return features


@pytest.mark.parametrize("wrong, hint", [
    (_variant(a=lambda x1, x2: 2 * x1, b=lambda x1, x2: 2 * x2), "no el doble"),
    (_variant(c=lambda x1, x2: x1 + x2), "no la suma"),
    (_variant(d=lambda x1, x2: np.cos(x1), e=lambda x1, x2: np.cos(x2)), "no cosenos"),
    (_variant(d=lambda x1, x2: np.sin(np.radians(x1)), e=lambda x1, x2: np.sin(np.radians(x2))), "radianes"),
    (_variant(d=lambda x1, x2: np.sin(x2), e=lambda x1, x2: np.sin(x1)), "sin x1 va antes"),
    (lambda X: engineered_features(X)[:, :4], "forma"),
])
def test_features_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(lab.check_engineered_features, capsys, "engineered_features", wrong, hint, seeds=SEEDS)


def test_features_lookup_table_fails(capsys):
    example = lab._FEATURES_EXAMPLE[0]
    table = engineered_features(example)
    rejected_with(lab.check_engineered_features, capsys, "engineered_features", lambda X: table, "Pista:",
                  seeds=SEEDS)


# --- ejercicio 2 -------------------------------------------------------------------------
@pytest.mark.parametrize("spelling", ["x1*x2", "x1x2", "X1·X2", "x2 * x1"])
def test_xor_feature_spellings_accepted(capsys, spelling):
    ok, out = run(lab.check_xor_feature, capsys, xor_feature=spelling)
    assert ok, out


@pytest.mark.parametrize("wrong, hint", [
    ("x1", "x1 sola"), ("x1^2", "mire el signo"), ("x2**2", "mire el signo"), ("sin(x2)", "x2 sola"),
    ("x1+x2", "escriba uno de estos textos"),
])
def test_xor_feature_wrong_answers_are_trained_and_explained(capsys, wrong, hint):
    ok, out = run(lab.check_xor_feature, capsys, xor_feature=wrong)
    assert not ok and hint in out and "Traceback" not in out
    if "escriba" not in hint:
        assert "acierta el" in out              # la comprobación entrenó el modelo lineal y lo cuenta


# --- ejercicio 3 -------------------------------------------------------------------------
@pytest.mark.parametrize("wrong, hint", [
    ({"hidden": ()}, "ninguna recta"),
    ({"hidden": (8, 8), "activation": "linear"}, "activación lineal"),
    ({"hidden": (4,), "learning_rate": 0.03}, "una sola capa oculta"),
    ({"hidden": (8, 8, 8), "learning_rate": 0.001}, "tan pequeña"),
    ({"hidden": (8, 8, 8), "regularization": "l2", "regularization_rate": 0.3}, "regularización es tan fuerte"),
    ({"activation": "tanh"}, "'hidden'"),
    ({"hidden": (8, 8), "features": ("x1", "sin(x1)")}, "claves que el ejercicio no admite"),
    ({"hidden": (8, 80)}, "8 unidades"),
])
def test_spiral_config_mistakes_get_their_hint(capsys, wrong, hint):
    ok, out = run(lab.check_spiral_config, capsys, spiral_config=wrong)
    assert not ok and hint in out and "Traceback" not in out


def test_spiral_config_solution_passes_with_a_margin(capsys):
    from nnlib.playground import Playground

    trained = Playground(dataset="spiral", hidden=(8, 8, 8), learning_rate=0.1)
    trained.step(lab.SPIRAL_EPOCHS)
    assert trained.val_loss < 0.5 * lab.SPIRAL_THRESHOLD      # la solución no pasa por los pelos
