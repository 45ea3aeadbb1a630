"""Errores habituales de los ejercicios del capítulo 0 (nnlib.checks.introduccion): cada uno recibe su pista.

Movidas desde tests/test_checks.py (que queda para las pruebas del marco común); de aquí en
adelante este archivo es del capítulo 0.
"""
import numpy as np
import pytest

from nnlib.checks import introduccion as intro


def run(check, capsys, **namespace):
    """Ejecuta una comprobación y devuelve (resultado, texto impreso)."""
    result = check(namespace)
    return result, capsys.readouterr().out


def _neuron_answer():
    x, w, b = (np.array(intro.NEURON_EXERCISE[k]) for k in ("x", "w", "b"))
    return float(np.dot(w, x) + b)


def test_neuron_expected_value_by_hand():
    # 0.5·1 − 0.25·2 + 0.75·(−1) + 0.2 = −0.55
    assert _neuron_answer() == pytest.approx(-0.55)


def test_neuron_accepts_right_answer(capsys):
    z = -0.55
    ok, out = run(intro.check_neuron, capsys, neuron_z=z, neuron_output=1 / (1 + np.exp(0.55)))
    assert bool(ok) is True and out.count("✔") == 2


@pytest.mark.parametrize("output, hint", [
    (-0.55, "falta aplicar la activación"),
    (1 / (1 + np.exp(-0.55)), "signo del exponente"),
    (1 / (1 + np.exp(0.75)), "sin el sesgo"),
    (0.0, "ReLU"),
    (0.9, "1 / (1 + np.exp(-neuron_z))"),
])
def test_neuron_wrong_output_hints(capsys, output, hint):
    ok, out = run(intro.check_neuron, capsys, neuron_z=-0.55, neuron_output=output)
    assert bool(ok) is False and hint in out


def test_neuron_wrong_z_and_missing(capsys):
    ok, out = run(intro.check_neuron, capsys, neuron_z=-0.75)
    assert bool(ok) is False
    assert "sume el sesgo" in out
    assert "Todavía no existe `neuron_output`" in out
    ok, out = run(intro.check_neuron, capsys, neuron_z=[1.0, 2.0], neuron_output="a")
    assert bool(ok) is False and "un solo número" in out


def test_count_params_accepts_right_function(capsys):
    def count_params(sizes):
        return sum((n + 1) * m for n, m in zip(sizes[:-1], sizes[1:]))

    ok, out = run(intro.check_count_params, capsys, count_params=count_params)
    assert bool(ok) is True and "[784, 128, 10]" in out


def test_count_params_matches_keras():
    import keras

    sizes = [16, 8, 2]
    model = keras.Sequential([keras.Input((sizes[0],))] + [keras.layers.Dense(m) for m in sizes[1:]])
    expected = dict((tuple(s), e) for s, e in intro._PARAM_CASES)[tuple(sizes)]
    assert model.count_params() == expected


@pytest.mark.parametrize("wrong, hint", [
    (lambda s: sum(n * m for n, m in zip(s[:-1], s[1:])), "(n + 1) · m"),
    (lambda s: sum((n + 1) * m for n, m in zip(s[:-1], s[1:])) + s[0], "no tienen sesgo"),
    (lambda s: (s[0] + 1) * s[1] if len(s) > 2 else (s[0] + 1) * s[1], "todas las capas"),
    (lambda s: 7, "zip(layer_sizes[:-1]"),
    (lambda s: None, "como un entero"),
    (lambda s: s[5], "IndexError"),
])
def test_count_params_rejects_wrong_functions(capsys, wrong, hint):
    ok, out = run(intro.check_count_params, capsys, count_params=wrong)
    assert bool(ok) is False and hint in out and "Traceback" not in out


def test_count_params_missing_or_not_a_function(capsys):
    ok, out = run(intro.check_count_params, capsys)
    assert bool(ok) is False and "Todavía no existe `count_params`" in out
    ok, out = run(intro.check_count_params, capsys, count_params=21)
    assert bool(ok) is False and "debería ser una función" in out


def test_architectures(capsys):
    right = {"a": "Convolucional", "b": "RNN", "c": "encoder-decoder", "d": "autoencoder",
             "e": "GAN", "f": "aprendizaje por refuerzo"}
    ok, out = run(intro.check_architectures, capsys, architecture_for=right)
    assert bool(ok) is True and "6 de 6" in out

    wrong = dict(right, b="prealimentada", e="zzz")
    del wrong["f"]
    ok, out = run(intro.check_architectures, capsys, architecture_for=wrong)
    assert bool(ok) is False
    assert "3 de 6" in out
    assert "recordar lo que vio antes" in out                 # pista de «b»
    assert "no reconozco la arquitectura 'zzz'" in out
    assert "Falta la tarea «f»" in out

    ok, out = run(intro.check_architectures, capsys, architecture_for=["cnn"])
    assert bool(ok) is False and "diccionario" in out
