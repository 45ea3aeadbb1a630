"""Errores habituales de los ejercicios del capítulo 0 (nnlib.checks.introduccion): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio.
"""
import numpy as np
import pytest

from nnlib.checks import introduccion as intro
from solutions.introduccion import ARCHITECTURE_FOR, LEARNING_FOR, NEURON_OUTPUT, NEURON_Z, count_params
from exercise_checks import SEEDS, run


# --- ejercicio 1: la salida de una neurona -------------------------------------------

def test_neuron_expected_values_by_hand():
    # 0.5·1 − 0.25·2 + 0.75·(−1) + 0.2 = −0.55;  σ(−0.55) = 1 / (1 + e^0.55) ≈ 0.36586
    assert NEURON_Z == pytest.approx(-0.55)
    assert NEURON_OUTPUT == pytest.approx(1 / (1 + np.exp(0.55)))
    assert 0.3658 < NEURON_OUTPUT < 0.3659


def test_neuron_accepts_right_answers_without_echoing_them(capsys):
    ok, out = run(intro.check_neuron, capsys, neuron_z=np.float64(NEURON_Z), neuron_output=np.array(NEURON_OUTPUT))
    assert bool(ok) is True and out.count("✔") == 2
    assert "0.55" not in out and "0.36" not in out


@pytest.mark.parametrize("z, hint", [
    (-0.75, "falta sumar el sesgo"),
    (-0.95, "el sesgo se suma, no se resta"),
    (-0.15, "el sesgo se suma al producto escalar, no lo multiplica"),
    (-0.05, "cada entrada va con su propio peso"),          # w · (x al revés) + b
    (3.2, "multiplique cada entrada por su peso (np.dot)"),  # suma de w + x, más b
    ("-0.55", "sin comillas"),
    (np.array([0.5, -0.5, -0.75]), "un solo número"),
])
def test_neuron_wrong_z_hints(capsys, z, hint):
    ok, out = run(intro.check_neuron, capsys, neuron_z=z, neuron_output=NEURON_OUTPUT)
    assert bool(ok) is False and hint in out, out


@pytest.mark.parametrize("output, hint", [
    (-0.55, "falta aplicar la activación"),
    (1 / (1 + np.exp(-0.55)), "signo del exponente"),
    (1 / (1 + np.exp(0.75)), "con el sesgo"),
    (np.tanh(-0.55), "eso es tanh(z)"),
    (0.0, "eso es la ReLU"),
    (0.3659, "redondeó"),
    (0.9, "1 / (1 + np.exp(-neuron_z))"),
    (None, "asigne el valor"),
])
def test_neuron_wrong_output_hints(capsys, output, hint):
    ok, out = run(intro.check_neuron, capsys, neuron_z=NEURON_Z, neuron_output=output)
    assert bool(ok) is False and hint in out, out


def test_neuron_missing_names(capsys):
    ok, out = run(intro.check_neuron, capsys, neuron_z=NEURON_Z)
    assert bool(ok) is False and "✔ neuron_z" in out and "Todavía no existe `neuron_output`" in out


# --- ejercicio 2: contar parámetros ------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_count_params_accepts_the_solution(capsys, seed):
    ok, out = run(intro.check_count_params, capsys, seed, count_params=count_params)
    assert bool(ok) is True and "✘" not in out
    ok, _ = run(intro.check_count_params, capsys, seed,
                count_params=lambda layer_sizes: np.int64(count_params(layer_sizes)))
    assert bool(ok) is True


def test_count_params_formula_matches_keras():
    import keras

    rng = np.random.default_rng(0)
    for sizes in [[3, 4, 2], [16, 8, 2], [784, 128, 10]] + [intro._sizes_case(rng)[0] for _ in range(3)]:
        model = keras.Sequential([keras.Input((sizes[0],))] + [keras.layers.Dense(m) for m in sizes[1:]])
        assert model.count_params() == intro._count(sizes) == count_params(sizes)


def test_count_params_random_networks_differ_from_the_statement():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for _ in range(4):
            (sizes,) = intro._sizes_case(rng)
            assert sizes != [3, 4, 2] and 3 <= len(sizes) <= 5 and min(sizes) >= 1


@pytest.mark.parametrize("wrong, hint", [
    (lambda layer_sizes: sum(n * m for n, m in zip(layer_sizes[:-1], layer_sizes[1:])), "(n + 1) · m, no n · m"),
    (lambda layer_sizes: count_params(layer_sizes) + layer_sizes[0], "no tienen sesgo"),
    (lambda layer_sizes: sum(n * m + 1 for n, m in zip(layer_sizes[:-1], layer_sizes[1:])), "no uno por capa"),
    (lambda layer_sizes: (layer_sizes[0] + 1) * layer_sizes[1], "todas las capas"),
    (lambda layer_sizes: sum((n + 1) * (m + 1) for n, m in zip(layer_sizes[:-1], layer_sizes[1:])),
     "(n + 1) · (m + 1)"),
    (lambda layer_sizes: sum(layer_sizes), "número de neuronas"),
    (lambda layer_sizes: 26, "devuelve lo mismo"),
    (lambda layer_sizes: None, "¿falta el `return`?"),
    (lambda layer_sizes: str(count_params(layer_sizes)), "sin comillas"),
    (lambda layer_sizes: layer_sizes[5], "IndexError"),
])
def test_count_params_common_mistakes_get_their_hint(capsys, wrong, hint):
    for seed in SEEDS:
        ok, out = run(intro.check_count_params, capsys, seed, count_params=wrong)
        assert bool(ok) is False and hint in out and "Traceback" not in out, out


def test_count_params_signature(capsys):
    ok, out = run(intro.check_count_params, capsys, count_params=lambda sizes, bias: 0)
    assert bool(ok) is False and "def count_params(layer_sizes):" in out


# --- ejercicio 3: arquitecturas ------------------------------------------------------------

def test_architectures_accept_synonyms(capsys):
    ok, out = run(intro.check_architectures, capsys, architecture_for=ARCHITECTURE_FOR)
    assert bool(ok) is True and "6 de 6" in out
    synonyms = {"a": "CNN", "b": "LSTM", "c": "Transformer", "d": "autoencoder", "e": "red generativa adversaria",
                "f": "perceptrón multicapa"}
    ok, out = run(intro.check_architectures, capsys, architecture_for=synonyms)
    assert bool(ok) is True, out


def test_architectures_common_mistakes(capsys):
    answers = dict(ARCHITECTURE_FOR, b="prealimentada", f="refuerzo", d="gan", e="varias")
    ok, out = run(intro.check_architectures, capsys, architecture_for=answers)
    assert bool(ok) is False and "Correctas: a, c (2 de 6)" in out
    assert "una red prealimentada no recuerda lo anterior" in out
    assert "«refuerzo» no es una de las opciones" in out and "una manera de aprender, no una arquitectura" in out
    assert "cuello de botella" in out                                     # pista propia de «d»
    assert "no reconozco la respuesta «varias»" in out and '"prealimentada"' in out


def test_architectures_keys_and_values(capsys):
    ok, out = run(intro.check_architectures, capsys, architecture_for={k.upper(): v for k, v in ARCHITECTURE_FOR.items()})
    assert bool(ok) is False and "debería escribirse \"a\"" in out
    ok, out = run(intro.check_architectures, capsys, architecture_for=dict(ARCHITECTURE_FOR, a=3))
    assert bool(ok) is False and "entre comillas" in out
    missing = {k: v for k, v in ARCHITECTURE_FOR.items() if k != "f"}
    ok, out = run(intro.check_architectures, capsys, architecture_for=missing)
    assert bool(ok) is False and "Falta la respuesta «f»" in out


# --- ejercicio 4: de dónde sale la señal -------------------------------------------------------

def test_learning_accepts_synonyms(capsys):
    ok, out = run(intro.check_learning, capsys, learning_for=LEARNING_FOR)
    assert bool(ok) is True and "6 de 6" in out
    synonyms = dict(LEARNING_FOR, a="Supervisada", b="self-supervised", c="aprendizaje por refuerzo")
    ok, out = run(intro.check_learning, capsys, learning_for=synonyms)
    assert bool(ok) is True, out


def test_learning_common_mistakes(capsys):
    answers = dict(LEARNING_FOR, b="supervisado", e="no supervisado", c="supervisado")
    ok, out = run(intro.check_learning, capsys, learning_for=answers)
    assert bool(ok) is False and "Correctas: a, d, f (3 de 6)" in out
    assert "la palabra siguiente no la anota nadie" in out
    assert "«no supervisado» no es una de las opciones" in out and "autosupervisado" in out
    assert "solo una recompensa al final" in out
