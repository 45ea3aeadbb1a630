"""Errores habituales de los ejercicios del capítulo 1 (nnlib.checks.perceptron): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio. Cada error se
prueba con varias semillas, porque los casos al azar cambian en cada ejecución.
"""
import numpy as np
import pytest

from nnlib.checks import perceptron as perc
from solutions.perceptron import count_mistakes, perceptron_predict, perceptron_update
from exercise_checks import SEEDS, rejected_with, run


# --- ejercicio 1: perceptron_predict ------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_predict_accepts_the_solution_and_boolean_predictions(capsys, seed):
    ok, out = run(perc.check_predict, capsys, seed, perceptron_predict=perceptron_predict)
    assert bool(ok) is True and "✘" not in out
    ok, _ = run(perc.check_predict, capsys, seed, perceptron_predict=lambda X, w, b: np.asarray(X) @ w + b >= 0)
    assert bool(ok) is True


def test_predict_random_cases_have_three_or_more_inputs_and_a_point_on_the_boundary():
    for seed in SEEDS:
        cases = perc._predict_cases(np.random.default_rng(seed))
        assert [X.shape[1] for X, _, _ in cases] == list(perc._RANDOM_INPUTS)
        for X, w, b in cases:
            assert len(X) != 4                                    # el ejemplo tiene 4 filas
            z = X @ w + b
            assert np.any(z == 0) and np.any(z > 0) and np.any(z < 0)
            if X.shape[1] >= 3:                                   # las dos primeras columnas no bastan
                assert not np.array_equal(X[:, :2] @ w[:2] + b >= 0, z >= 0)


def _first_two_inputs(X, w, b):
    X = np.asarray(X)
    return (X[:, 0] * w[0] + X[:, 1] * w[1] + b >= 0).astype(int)


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, w, b: np.asarray(X) @ w + b, "falta aplicar el escalón"),
    (lambda X, w, b: (np.asarray(X) @ w + b > 0).astype(int), "z >= 0, no z > 0"),
    (lambda X, w, b: (np.asarray(X) @ w + b < 0).astype(int), "invertidas"),
    (lambda X, w, b: (np.asarray(X) @ w >= 0).astype(int), "falta sumar el sesgo"),
    (lambda X, w, b: (np.asarray(X) @ w - b >= 0).astype(int), "el sesgo se suma, no se resta"),
    (_first_two_inputs, "todas las entradas, no solo las dos primeras"),
    (lambda X, w, b: int(np.sum(X) > 0), "salió un solo número"),
    (lambda X, w, b: np.array([0, 0, 0, 1]), "se esperaba forma"),
])
def test_predict_common_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(perc.check_predict, capsys, "perceptron_predict", wrong, hint)


def test_predict_using_only_two_inputs_is_rejected_even_if_it_guards_against_index_errors(capsys):
    def first_two_or_one(X, w, b):
        X = np.asarray(X)
        if X.shape[1] < 2:
            return (X @ w + b >= 0).astype(int)
        return _first_two_inputs(X, w, b)

    rejected_with(perc.check_predict, capsys, "perceptron_predict", first_two_or_one,
                  "todas las entradas, no solo las dos primeras")


# --- ejercicio 2: perceptron_update ----------------------------------------------------

def test_update_hand_computed_cases():
    # Ejemplo del enunciado: w = (−0.5, 0.5), b = 0.2, x = (0, 0), y = 0 -> z = 0.2, ŷ = 1, error −1.
    w, b = perceptron_update(np.array([-0.5, 0.5]), 0.2, np.array([0.0, 0.0]), 0, 0.5)
    assert np.allclose(w, [-0.5, 0.5]) and b == pytest.approx(-0.3)
    # Falso negativo: w = (0.5, −0.5), b = −1, x = (1, 1), y = 1 -> z = −1, ŷ = 0, error +1.
    w, b = perceptron_update(np.array([0.5, -0.5]), -1.0, np.array([1.0, 1.0]), 1, 1.0)
    assert np.allclose(w, [1.5, 0.5]) and b == 0.0


def test_update_random_cases_cover_every_scenario():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for scenario in perc._UPDATE_SCENARIOS:
            w, b, x, y, lr = perc._update_case(rng, scenario)
            assert len(w) >= 3 and lr != 1.0                      # distinto del ejemplo; η cuenta
            z = float(w @ x + b)
            expected = {"bien clasificado": int(z >= 0) == y,
                        "falso negativo": z < 0 and y == 1,
                        "falso positivo": z > 0 and y == 0,
                        "sobre la frontera": z == 0 and y == 0}[scenario]
            assert expected, (scenario, w, b, x, y)


@pytest.mark.parametrize("seed", SEEDS)
def test_update_accepts_the_solution(capsys, seed):
    ok, out = run(perc.check_update, capsys, seed, perceptron_update=perceptron_update)
    assert bool(ok) is True and out.count("✔") == 1 and "sobre la frontera" in out


def _variant(sign=1, bias=True, lr=True, use_z=False, strict=False, always=False):
    def update(w, b, x, y, learning_rate):
        z = float(np.dot(w, x) + b)
        y_hat = z if use_z else float(z > 0 if strict else z >= 0)
        error = float(y) if always else sign * (y - y_hat)
        eta = learning_rate if lr else 1.0
        return w + eta * error * x, (b + eta * error if bias else b)
    return update


def _in_place(w, b, x, y, learning_rate):
    error = y - int(np.dot(w, x) + b >= 0)
    w += learning_rate * error * x
    return w, b + learning_rate * error


@pytest.mark.parametrize("wrong, hint", [
    (_variant(sign=-1), "signo está invertido"),
    (_variant(bias=False), "el sesgo también aprende"),
    (_variant(lr=False), "tasa de aprendizaje"),
    (_variant(use_z=True), "ŷ = escalón(z), que vale 0 o 1"),
    (_variant(strict=True), "escalón(0) = 1"),
    (_variant(always=True), "no con y"),
    (lambda w, b, x, y, learning_rate: (w, b), "los pesos deben cambiar"),
    (lambda w, b, x, y, learning_rate: None, "return new_w, new_b"),
    (lambda w, b, x, y, learning_rate: w, "devolvió solo un vector"),
    (lambda w, b, x, y, learning_rate: (b, w), "en otro orden"),
    (_in_place, "modificó su argumento `w`"),
])
def test_update_common_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(perc.check_update, capsys, "perceptron_update", wrong, hint)


def test_update_errors_are_explained_in_spanish(capsys):
    def broken(w, b, x, y, learning_rate):
        return w @ np.ones(7), b

    ok, out = run(perc.check_update, capsys, perceptron_update=broken)
    assert bool(ok) is False and "ValueError" in out and "Traceback" not in out


# --- ejercicio 3: NAND ---------------------------------------------------------------------

@pytest.mark.parametrize("weights, bias", [([-1.0, -1.0], 1.5), ([-2.0, -2.0], 3), (np.array([-1, -2]), 2.5)])
def test_nand_accepts_any_right_line(capsys, weights, bias):
    ok, out = run(perc.check_nand, capsys, nand_weights=weights, nand_bias=bias)
    assert bool(ok) is True and "✘" not in out


@pytest.mark.parametrize("weights, bias, hint", [
    ([1.0, 1.0], -1.5, "eso es AND"),
    ([-1.0, -1.0], 2.0, "z = 0"),
    ([-1.0, -1.0], -0.5, "el sesgo debe ser positivo"),
    ([1.0, 1.0], 0.5, "w1 + w2 + b < 0"),
    ([1.0], 0.0, "se esperaba forma (2,)"),
    ([-1.0, -1.0], "1.5", "sin comillas"),
])
def test_nand_common_mistakes_get_their_hint(capsys, weights, bias, hint):
    ok, out = run(perc.check_nand, capsys, nand_weights=weights, nand_bias=bias)
    assert bool(ok) is False and hint in out, out


def test_nand_ok_line_does_not_show_the_answer(capsys):
    _, out = run(perc.check_nand, capsys, nand_weights=np.array([-3.0, -3.0]), nand_bias=4.5)
    assert "4.5" not in out and "-3" not in out


# --- ejercicio 4: compuertas separables ------------------------------------------------------

RIGHT = {"and": True, "or": True, "nand": True, "nor": True, "xor": False, "xnor": False}


def test_separable(capsys):
    ok, out = run(perc.check_separable, capsys, separable_gates=RIGHT)
    assert bool(ok) is True and "6 de 6" in out
    ok, out = run(perc.check_separable, capsys, separable_gates=dict(RIGHT, xor=True, nor="sí"))
    assert bool(ok) is False and "no es linealmente separable" in out and "sin comillas" in out
    ok, out = run(perc.check_separable, capsys, separable_gates=dict(RIGHT, nand=False))
    assert bool(ok) is False and "sí es linealmente separable" in out
    upper = {k.upper(): v for k, v in RIGHT.items()}
    ok, out = run(perc.check_separable, capsys, separable_gates=upper)
    assert bool(ok) is False and "debería escribirse \"and\"" in out
    ok, out = run(perc.check_separable, capsys, separable_gates=dict(RIGHT, xnor=0))
    assert bool(ok) is False and "no 1 o 0" in out
    missing = {k: v for k, v in RIGHT.items() if k != "nor"}
    ok, out = run(perc.check_separable, capsys, separable_gates=missing)
    assert bool(ok) is False and "Falta la compuerta «nor»" in out


# --- ejercicio 5: count_mistakes -------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_count_mistakes_accepts_the_solution(capsys, seed):
    ok, out = run(perc.check_count_mistakes, capsys, seed, count_mistakes=count_mistakes)
    assert bool(ok) is True and "✘" not in out


def test_count_mistakes_statement_example():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    assert count_mistakes(X, np.array([0, 0, 0, 1]), np.array([1.0, 1.0]), -0.5) == 2   # OR frente a AND


def _accuracy(X, y, w, b):
    return float(np.mean((np.asarray(X) @ w + b >= 0) == y))


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, y, w, b: int(np.sum((np.asarray(X) @ w + b >= 0) == y)), "eso son los aciertos"),
    (lambda X, y, w, b: float(np.mean((np.asarray(X) @ w + b >= 0) != y)), "no la proporción"),
    (_accuracy, "eso es la exactitud"),
    (lambda X, y, w, b: int(np.sum((np.asarray(X) @ w + b > 0) != y)), "z >= 0, no z > 0"),
    (lambda X, y, w, b: int(np.sum((np.asarray(X) @ w >= 0) != y)), "falta sumar el sesgo"),
    (lambda X, y, w, b: int(np.sum((np.asarray(X)[:, :2] @ w[:2] + b >= 0) != y)),
     "no solo las dos primeras"),
    (lambda X, y, w, b: (np.asarray(X) @ w + b >= 0) != y, "un valor por ejemplo"),
    (lambda X, y, w, b: 2, "devuelve lo mismo"),
])
def test_count_mistakes_common_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(perc.check_count_mistakes, capsys, "count_mistakes", wrong, hint)


def test_count_mistakes_random_cases_distinguish_the_usual_mistakes():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for d in perc._RANDOM_INPUTS:
            X, y, w, b = perc._mistakes_case(rng, d)
            wrong = count_mistakes(X, y, w, b)
            n = len(X)
            assert n != 4 and 0 < wrong < n and 2 * wrong != n     # aciertos ≠ errores
            assert np.sum((X @ w + b > 0) != y) != wrong           # z = 0 cuenta
