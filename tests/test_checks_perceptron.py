"""Errores habituales de los ejercicios del capítulo 1 (nnlib.checks.perceptron): cada uno recibe su pista.

Movidas desde tests/test_checks.py (que queda para las pruebas del marco común); de aquí en
adelante este archivo es del capítulo 1.
"""
import numpy as np
import pytest

from nnlib.checks import perceptron as perc


def run(check, capsys, **namespace):
    """Ejecuta una comprobación y devuelve (resultado, texto impreso)."""
    result = check(namespace)
    return result, capsys.readouterr().out


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
