"""Pruebas de las comprobaciones de ejercicios (nnlib.checks).

Cada comprobación debe aceptar una respuesta correcta, rechazar las equivocadas
con la pista adecuada y responder con amabilidad (sin excepciones) cuando los
nombres que pide el enunciado todavía no existen, como en la edición para
estudiantes.
"""
import json
from pathlib import Path

import numpy as np
import pytest

from nnlib.checks import MISSING, Feedback, Result, is_close
from nnlib.checks import introduccion as intro
from nnlib.checks import perceptron as perc

ROOT = Path(__file__).resolve().parent.parent


def run(check, capsys, **namespace):
    """Ejecuta una comprobación y devuelve (resultado, texto impreso)."""
    result = check(namespace)
    return result, capsys.readouterr().out


# --- núcleo --------------------------------------------------------------------------
def test_feedback_lines_and_result(capsys):
    fb = Feedback("prueba")
    assert fb.ok("bien") is True
    assert bool(fb.done()) is True
    out = capsys.readouterr().out
    assert out.splitlines() == ["✔ bien", "¡Muy bien! El ejercicio «prueba» está resuelto."]

    fb = Feedback("prueba")
    fb.ok("bien")
    assert fb.fail("mal", hint="pruebe otra cosa.") is False
    assert bool(fb.done()) is False
    out = capsys.readouterr().out
    assert "✘ mal Pista: pruebe otra cosa." in out
    assert "Revise 1 punto del ejercicio «prueba»" in out


def test_require_reports_missing_and_non_callable(capsys):
    fb = Feedback("prueba")
    assert fb.require({}, "answer") is MISSING
    assert fb.require({"f": 3}, "f", callable_=True) is MISSING
    assert fb.require({"f": len}, "f", callable_=True) is len
    out = capsys.readouterr().out
    assert "Todavía no existe `answer`" in out and "NotImplementedError" in out
    assert "`f` debería ser una función" in out
    assert fb.failed == 2


def test_require_rejects_a_non_namespace():
    with pytest.raises(TypeError, match="globals()"):
        Feedback("prueba").require(42, "x")


def test_call_turns_exceptions_into_feedback(capsys):
    fb = Feedback("prueba")

    def broken(x):
        return 1 / 0

    def todo(x):
        raise NotImplementedError("sin hacer")

    assert fb.call(broken, 1) is MISSING
    assert fb.call(todo, 1) is MISSING
    assert fb.call(abs, -2) == 2
    out = capsys.readouterr().out
    assert "ZeroDivisionError" in out
    assert "todavía no está escrita" in out


def test_is_close_never_raises():
    assert is_close([1.0, 2.0], np.array([1.0, 2.0 + 1e-9]))
    assert not is_close([1.0, 2.0], [1.0, 2.0, 3.0])
    assert not is_close("hola", 1.0)
    assert not is_close(None, 1.0)


# --- capítulo 0 -----------------------------------------------------------------------
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


# --- capítulo 1 -----------------------------------------------------------------------
def predict_ok(X, w, b):
    return (np.asarray(X) @ np.asarray(w) + b >= 0).astype(int)


def update_ok(w, b, x, y, learning_rate=1.0):
    error = y - int(np.dot(w, x) + b >= 0)
    return w + learning_rate * error * x, b + learning_rate * error


def test_predict(capsys):
    ok, out = run(perc.check_predict, capsys, perceptron_predict=predict_ok)
    assert bool(ok) is True
    # Booleanos también valen: True/False son 1/0.
    ok, _ = run(perc.check_predict, capsys, perceptron_predict=lambda X, w, b: np.asarray(X) @ w + b >= 0)
    assert bool(ok) is True


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, w, b: np.asarray(X) @ w + b, "falta aplicar el escalón"),
    (lambda X, w, b: (np.asarray(X) @ w + b > 0).astype(int), "z >= 0, no z > 0"),
    (lambda X, w, b: (np.asarray(X) @ w + b < 0).astype(int), "invertidas"),
    (lambda X, w, b: int(np.sum(X) > 0), "una predicción por fila"),
    (lambda X, w, b: np.ones(len(X), dtype=int), "1 si w·x + b ≥ 0"),
])
def test_predict_rejects(capsys, wrong, hint):
    ok, out = run(perc.check_predict, capsys, perceptron_predict=wrong)
    assert bool(ok) is False and hint in out


def test_update(capsys):
    ok, out = run(perc.check_update, capsys, perceptron_update=update_ok)
    assert bool(ok) is True and out.count("✔") == 4 and "Falso negativo" in out


def test_update_hand_computed_case():
    # Falso negativo: w = (0.5, −0.5), b = −1, x = (1, 1), y = 1 -> z = −1, ŷ = 0, error +1.
    w, b = update_ok(np.array([0.5, -0.5]), -1.0, np.array([1.0, 1.0]), 1, 1.0)
    assert np.allclose(w, [1.5, 0.5]) and b == 0.0


def _variant(sign=1, bias=True, lr=True, use_z=False, strict=False, always=False):
    def update(w, b, x, y, learning_rate=1.0):
        z = float(np.dot(w, x) + b)
        y_hat = z if use_z else float(z > 0 if strict else z >= 0)
        error = sign * (y - y_hat)
        if always and error == 0:
            error = 1
        eta = learning_rate if lr else 1.0
        return w + eta * error * x, (b + eta * error if bias else b)
    return update


@pytest.mark.parametrize("wrong, hint", [
    (_variant(sign=-1), "signo está invertido"),
    (_variant(bias=False), "el sesgo también aprende"),
    (_variant(lr=False), "tasa de aprendizaje"),
    (_variant(use_z=True), "ŷ = escalón(z), que vale 0 o 1"),
    (_variant(strict=True), "escalón(0) = 1"),
    (_variant(always=True), "calcule ŷ"),
    (lambda w, b, x, y, learning_rate: None, "return new_w, new_b"),
    (lambda w, b, x, y, learning_rate: w, "una pareja"),
])
def test_update_rejects(capsys, wrong, hint):
    ok, out = run(perc.check_update, capsys, perceptron_update=wrong)
    assert bool(ok) is False and hint in out


def test_update_does_not_crash_on_errors(capsys):
    def broken(w, b, x, y, learning_rate):
        return w @ np.ones(3), b

    ok, out = run(perc.check_update, capsys, perceptron_update=broken)
    assert bool(ok) is False and "ValueError" in out and "Traceback" not in out


def test_nand(capsys):
    ok, out = run(perc.check_nand, capsys, nand_weights=np.array([-2.0, -2.0]), nand_bias=3)
    assert bool(ok) is True
    ok, out = run(perc.check_nand, capsys, nand_weights=[1.0, 1.0], nand_bias=-1.5)   # AND
    assert bool(ok) is False and "eso es AND" in out
    ok, out = run(perc.check_nand, capsys, nand_weights=[-1.0, -1.0], nand_bias=2.0)  # (1,1): z = 0 -> 1
    assert bool(ok) is False and "(1, 1) da 1 y debía dar 0" in out and "z = 0" in out
    ok, out = run(perc.check_nand, capsys, nand_weights=[-1.0, -1.0], nand_bias=-0.5)
    assert bool(ok) is False and "b ≥ 0" in out
    ok, out = run(perc.check_nand, capsys, nand_weights=[1.0], nand_bias=0.0)
    assert bool(ok) is False and "dos números" in out
    ok, out = run(perc.check_nand, capsys)
    assert bool(ok) is False and "`nand_weights`" in out and "`nand_bias`" in out


def test_separable(capsys):
    right = {"and": True, "or": True, "nand": True, "nor": True, "xor": False, "xnor": False}
    ok, out = run(perc.check_separable, capsys, separable_gates=right)
    assert bool(ok) is True and "6 de 6" in out
    ok, out = run(perc.check_separable, capsys, separable_gates=dict(right, xor=True, nor="sí"))
    assert bool(ok) is False and "no es linealmente separable" in out and "True o False" in out
    ok, out = run(perc.check_separable, capsys, separable_gates=dict(right, AND=False))
    assert bool(ok) is False and "sí es linealmente separable" in out


# --- las celdas de los capítulos -----------------------------------------------------
def _exercise_pairs(path):
    """(fuente de la solución, fuente de la comprobación) de cada ejercicio de un capítulo."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    pairs = []
    for cell, following in zip(code, code[1:]):
        if "solution" in cell["metadata"].get("tags", []):
            assert "check" in following["metadata"].get("tags", []), "tras una solución va una comprobación"
            pairs.append(("".join(cell["source"]), "".join(following["source"])))
    return pairs


def _student_version(source):
    """Lo que ve quien aprende: la solución sustituida por el marcador."""
    lines, out, inside = source.splitlines(), [], False
    for line in lines:
        if line.strip() == "### BEGIN SOLUTION":
            indent = line[: len(line) - len(line.lstrip())]
            out += [indent + "# TU CÓDIGO AQUÍ", indent + 'raise NotImplementedError("Ejercicio sin resolver")']
            inside = True
        elif line.strip() == "### END SOLUTION":
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


CHAPTERS = [ROOT / "chapters" / "00_introduccion.ipynb", ROOT / "chapters" / "01_perceptron.ipynb"]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_solutions_pass_and_student_edition_gets_feedback(path, capsys):
    pairs = _exercise_pairs(path)
    assert pairs, f"{path.name} no tiene ejercicios"
    for solution, check in pairs:
        *setup, call = check.strip().splitlines()
        namespace = {"np": np}
        exec(solution, namespace)
        exec("\n".join(setup), namespace)
        assert bool(eval(call, namespace)) is True, f"la solución no pasa su comprobación:\n{solution}"

        # Edición para estudiantes: la celda lanza NotImplementedError (o define una función
        # que lo lanza) y la comprobación responde con una pista, sin excepciones.
        student = {"np": np}
        try:
            exec(_student_version(solution), student)
        except NotImplementedError:
            pass
        exec("\n".join(setup), student)
        capsys.readouterr()
        assert bool(eval(call, student)) is False
        out = capsys.readouterr().out
        assert "Todavía no existe" in out or "todavía no está escrita" in out


def test_result_is_a_bool_that_jupyter_does_not_display():
    from IPython.core.formatters import DisplayFormatter

    assert bool(Result(True)) is True and bool(Result(False)) is False
    assert Result(True) == True and Result(False) == False  # noqa: E712 - se compara como un bool
    # Como valor final de una celda no produce ninguna salida (solo quedan los mensajes impresos).
    assert DisplayFormatter().format(Result(True)) == ({}, {})
    assert DisplayFormatter().format(True) != ({}, {})
