"""Comprobaciones del banco de ejercicios del capítulo 1 (``chapters/banco/01_perceptron.ipynb``).

* :func:`check_boundary_line` — pendiente y corte de la frontera ``w1 x1 + w2 x2 + b = 0``.
* :func:`check_signed_distance` — la demostración: la distancia con signo de cada punto a la
  frontera es ``(w·x + b) / ‖w‖``.
* :func:`check_train_perceptron` — la regla de Rosenblatt completa, desde cero, época a época.
* :func:`check_pocket_perceptron` — el perceptrón de bolsillo escrito a mano.
* :func:`check_iris_project` — el proyecto: tres perceptrones «uno contra el resto» para las tres
  especies de iris, medidos con flores que no vieron.

Todas reciben el espacio de nombres del cuaderno y siguen la norma de :mod:`nnlib.checks`.
"""
from __future__ import annotations

import numpy as np

from . import MISSING, Feedback

__all__ = ["check_boundary_line", "check_signed_distance", "check_train_perceptron",
           "check_pocket_perceptron", "check_iris_project", "PROJECT_THRESHOLD"]

#: Exactitud mínima del proyecto con las flores de prueba (un perceptrón sin más ronda 0.67).
PROJECT_THRESHOLD = 0.75

_AND_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_AND_Y = np.array([0, 0, 0, 1])
#: OR con un ejemplo contradictorio: (1, 1) aparece dos veces, con salida 1 y con salida 0.
_OR_NOISY_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [1.0, 1.0]])
_OR_NOISY_Y = np.array([0, 1, 1, 1, 0])


def _tuple(fb, got, label, n, names):
    """``got`` como tupla de ``n`` elementos, o MISSING con su pista."""
    if isinstance(got, (tuple, list)) and len(got) == n and not isinstance(got, np.ndarray):
        return tuple(got)
    fb.fail(f"{label} debería devolver {n} valores, ({', '.join(names)}); devolvió otra cosa.",
            hint=f"termine con `return {', '.join(names)}`, en ese orden.")
    return MISSING


# --- ejercicio 1: la recta de la frontera ------------------------------------------------

def _line_case(rng):
    """Pesos y sesgo al azar con |w2| de 0.3 a 3 (el ejemplo: w = (1, 1), b = −1.5)."""
    w = rng.uniform(0.3, 3.0, size=2) * rng.choice([-1.0, 1.0], size=2)
    return w, float(rng.uniform(-3, 3))


def check_boundary_line(namespace):
    """Comprueba ``boundary_line(w, b)``: devuelve ``(-w1 / w2, -b / w2)``."""
    fb = Feedback("la recta de la frontera", namespace)
    boundary_line = fb.function("boundary_line", params=("w", "b"))
    if boundary_line is MISSING:
        return fb.done()
    label = "boundary_line(w, b)"
    for i, (w, b) in enumerate(fb.cases((np.array([1.0, 1.0]), -1.5), _line_case, n=5)):
        got = fb.call(boundary_line, w, b)
        if got is MISSING:
            return fb.done()
        pair = _tuple(fb, got, label, 2, ("slope", "intercept"))
        if pair is MISSING:
            return fb.done()
        slope = fb.number(pair[0], label=f"la pendiente de {label}")
        if slope is MISSING:
            return fb.done()
        intercept = fb.number(pair[1], label=f"el corte de {label}")
        if intercept is MISSING:
            return fb.done()
        w1, w2 = w
        where = "el ejemplo del enunciado" if i == 0 else f"w = ({w1:.2f}, {w2:.2f}) y b = {b:.2f}"
        if not fb.compare(slope, -w1 / w2, label="la pendiente", case=where, reveal=i > 0,
                          mistakes=[(w1 / w2, "despeje x2 de w1 x1 + w2 x2 + b = 0: la pendiente es −w1 / w2, con signo menos."),
                                    (-w2 / w1, "la pendiente es −w1 / w2: w2 va en el denominador."),
                                    (w2 / w1, "la pendiente es −w1 / w2: w2 va en el denominador y con signo menos.")],
                          hint="despeje x2 de w1 x1 + w2 x2 + b = 0: x2 = −(w1 / w2) x1 − b / w2."):
            return fb.done()
        if not fb.compare(intercept, -b / w2, label="el corte", case=where, reveal=i > 0,
                          mistakes=[(b / w2, "el corte con el eje vertical es −b / w2, con signo menos."),
                                    (-b / w1, "ese es el corte con el eje horizontal; se pide el del eje x2: −b / w2."),
                                    (-b, "divida por w2: el corte es −b / w2.")],
                          hint="ponga x1 = 0 en la ecuación de la recta y despeje x2."):
            return fb.done()
    fb.ok("boundary_line acierta en el ejemplo del enunciado y en 5 rectas nuevas al azar, con pesos negativos.")
    return fb.done()


# --- ejercicio 2 (demostración): la distancia con signo -----------------------------------

def _distance_case(rng):
    """De 3 a 7 puntos con 3 a 5 entradas (el ejemplo tiene 2 entradas)."""
    n, d = int(rng.integers(3, 8)), int(rng.integers(3, 6))
    return rng.normal(size=(n, d)) * 2, rng.normal(size=d), float(rng.normal())


def check_signed_distance(namespace):
    """Comprueba ``signed_distance(X, w, b)``: ``(X w + b) / ‖w‖`` para cada fila."""
    fb = Feedback("la distancia con signo a la frontera", namespace)
    signed_distance = fb.function("signed_distance", params=("X", "w", "b"))
    if signed_distance is MISSING:
        return fb.done()
    label = "signed_distance(X, w, b)"
    example = (_AND_X, np.array([1.0, 1.0]), -1.5)
    for i, (X, w, b) in enumerate(fb.cases(example, _distance_case, n=5)):
        got = fb.call(signed_distance, X, w, b)
        if got is MISSING:
            return fb.done()
        out = fb.array(got, shape=(len(X),), label=label)
        if out is MISSING:
            return fb.done()
        z = X @ w + b
        norm = np.linalg.norm(w)
        where = "los cuatro puntos del enunciado" if i == 0 else f"{len(X)} puntos con {X.shape[1]} entradas"
        if not fb.compare(out, z / norm, label=label, case=where, reveal=i > 0,
                          mistakes=[(z, "falta dividir por la norma de w: z solo es la distancia si ‖w‖ = 1."),
                                    (np.abs(z) / norm, "se pide la distancia con signo: positiva del lado de la clase 1, "
                                                       "negativa del otro. No tome el valor absoluto."),
                                    (z / norm**2, "divida por ‖w‖, no por ‖w‖²: np.linalg.norm(w) ya es la raíz."),
                                    (z / np.linalg.norm(np.append(w, b)), "la norma es la de w solo, sin el sesgo."),
                                    (-z / norm, "el signo está cambiado: el lado de la clase 1 (z > 0) es el positivo.")],
                          hint="calcule (X @ w + b) / np.linalg.norm(w)."):
            return fb.done()
    fb.ok("signed_distance acierta en los puntos del enunciado y en 5 casos nuevos al azar, con 3 a 5 entradas.")
    return fb.done()


# --- ejercicios 3 y 4: la regla completa y el bolsillo -------------------------------------

def _rule_case(rng, separable=True):
    """De 5 a 12 ejemplos con 2 a 4 entradas; separables (por un hiperplano al azar) o con etiquetas al azar."""
    n, d = int(rng.integers(5, 13)), int(rng.integers(2, 5))
    X = np.round(rng.uniform(-2, 2, size=(n, d)), 1)
    if separable:
        u, c = rng.normal(size=d), float(rng.normal()) * 0.5
        y = (X @ u + c >= 0).astype(int)
    else:
        y = rng.integers(0, 2, size=n)
    if y.min() == y.max():
        y[0] = 1 - y[0]
    return X, y


def _reference(X, y, learning_rate, max_epochs, pocket=False):
    from ..perceptron import Perceptron

    p = Perceptron(learning_rate=learning_rate, max_epochs=max_epochs, pocket=pocket).fit(X, y)
    return p.weights_, p.bias_, list(p.errors_)


def _no_stop(X, y, learning_rate, max_epochs):
    """La regla sin parar tras una época sin errores."""
    w, b, errors = np.zeros(X.shape[1]), 0.0, []
    for _ in range(max_epochs):
        count = 0
        for x_i, y_i in zip(X, y):
            y_hat = 1 if x_i @ w + b >= 0 else 0
            w, b = w + learning_rate * (y_i - y_hat) * x_i, b + learning_rate * (y_i - y_hat)
            count += int(y_hat != y_i)
        errors.append(count)
    return errors


def check_train_perceptron(namespace):
    """Comprueba ``train_perceptron(X, y, learning_rate, max_epochs)`` contra la regla de Rosenblatt."""
    fb = Feedback("la regla completa", namespace)
    train = fb.function("train_perceptron", params=("X", "y", "learning_rate", "max_epochs"))
    if train is MISSING:
        return fb.done()
    label = "train_perceptron(X, y, learning_rate, max_epochs)"
    rng = fb.rng()
    cases = [(_AND_X, _AND_Y, 0.5, 20)]
    cases += [(*_rule_case(rng), float(rng.choice([0.1, 0.5, 1.0, 2.0])), 50) for _ in range(4)]
    cases += [(*_rule_case(rng, separable=False), 1.0, int(rng.integers(3, 8)))]
    for i, (X, y, eta, epochs) in enumerate(cases):
        got = fb.call(train, X, y, eta, epochs)
        if got is MISSING:
            return fb.done()
        triple = _tuple(fb, got, label, 3, ("w", "b", "errors"))
        if triple is MISSING:
            return fb.done()
        w_ref, b_ref, errors_ref = _reference(X, y, eta, epochs)
        where = "AND, como en el enunciado" if i == 0 else f"{len(X)} ejemplos con {X.shape[1]} entradas y η = {eta:g}"
        errors = fb.array(triple[2], label="la lista errors", shape=None)
        if errors is MISSING:
            return fb.done()
        errors = errors.ravel()
        if len(errors) != len(errors_ref):
            if len(errors) == epochs and len(errors_ref) < epochs:
                fb.fail(f"errors tiene {len(errors)} épocas con {where}: la regla siguió tras una época sin errores.",
                        hint="cuando una época termina sin errores, salga del bucle (break): los pesos ya no cambiarían.")
            else:
                fb.fail(f"errors tiene {len(errors)} épocas con {where}; la regla de Rosenblatt da otra cuenta.",
                        hint="añada a errors, al final de cada época, cuántos ejemplos falló en ella, "
                             "y pare tras la primera época sin errores o tras max_epochs épocas.")
            return fb.done()
        if not fb.compare(errors, errors_ref, label="la lista errors", case=where, reveal=i > 0,
                          hint="cuente un error por cada ejemplo cuya predicción, con los pesos de ese momento, "
                               "no coincide con y; los pesos cambian dentro de la época."):
            return fb.done()
        w = fb.array(triple[0], shape=(X.shape[1],), label="la w que devuelve")
        if w is MISSING:
            return fb.done()
        b = fb.number(triple[1], label="la b que devuelve")
        if b is MISSING:
            return fb.done()
        if not fb.compare(w, w_ref, label="la w que devuelve", case=where, reveal=i > 0,
                          hint="empiece en w = 0 y b = 0, recorra los ejemplos en orden y corrija "
                               "w ← w + η (y − ŷ) x solo cuando se equivoca."):
            return fb.done()
        if not fb.compare(b, b_ref, label="la b que devuelve", case=where, reveal=i > 0,
                          mistakes=[(0.0, "el sesgo también se corrige: b ← b + η (y − ŷ).")],
                          hint="el sesgo se corrige como un peso de entrada 1: b ← b + η (y − ŷ)."):
            return fb.done()
    fb.ok("train_perceptron reproduce la regla de Rosenblatt en AND y en 5 casos nuevos al azar, "
          "separables y sin separar, con distintas η.")
    return fb.done()


def _pocket_final(X, y, max_epochs):
    """Los pesos del final de la regla (sin bolsillo)."""
    w, b, _ = _reference(X, y, 1.0, max_epochs)
    return w, b


def _pocket_ties(X, y, max_epochs):
    """Bolsillo que guarda también con los mismos errores (<= en lugar de <)."""
    w, b = np.zeros(X.shape[1]), 0.0
    count = lambda w, b: int(np.sum((X @ w + b >= 0).astype(int) != y))  # noqa: E731
    best = (w.copy(), b, count(w, b))
    for _ in range(max_epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            y_hat = 1 if x_i @ w + b >= 0 else 0
            if y_hat == y_i:
                continue
            w, b = w + (y_i - y_hat) * x_i, b + (y_i - y_hat)
            mistakes += 1
            if count(w, b) <= best[2]:
                best = (w.copy(), b, count(w, b))
        if mistakes == 0:
            break
    return best[0], best[1]


def check_pocket_perceptron(namespace):
    """Comprueba ``pocket_perceptron(X, y, max_epochs)`` contra ``Perceptron(pocket=True)``."""
    fb = Feedback("el perceptrón de bolsillo", namespace)
    pocket = fb.function("pocket_perceptron", params=("X", "y", "max_epochs"))
    if pocket is MISSING:
        return fb.done()
    label = "pocket_perceptron(X, y, max_epochs)"
    rng = fb.rng()
    cases = [(_OR_NOISY_X, _OR_NOISY_Y, 10)] + [(*_rule_case(rng, separable=False), int(rng.integers(5, 15))) for _ in range(5)]
    for i, (X, y, epochs) in enumerate(cases):
        got = fb.call(pocket, X, y, epochs)
        if got is MISSING:
            return fb.done()
        pair = _tuple(fb, got, label, 2, ("w", "b"))
        if pair is MISSING:
            return fb.done()
        w = fb.array(pair[0], shape=(X.shape[1],), label="la w que devuelve")
        if w is MISSING:
            return fb.done()
        b = fb.number(pair[1], label="la b que devuelve")
        if b is MISSING:
            return fb.done()
        w_ref, b_ref, _ = _reference(X, y, 1.0, epochs, pocket=True)
        w_end, b_end = _pocket_final(X, y, epochs)
        w_tie, b_tie = _pocket_ties(X, y, epochs)
        got_all, ref_all = np.append(w, b), np.append(w_ref, b_ref)
        mistakes = []
        if not np.allclose(np.append(w_end, b_end), ref_all):
            mistakes.append((np.append(w_end, b_end), "esos son los pesos del final de la regla; "
                                                      "devuelva los del bolsillo, los que menos ejemplos fallaron."))
        if not np.allclose(np.append(w_tie, b_tie), ref_all):
            mistakes.append((np.append(w_tie, b_tie), "guarde unos pesos en el bolsillo solo si fallan estrictamente "
                                                      "menos ejemplos (<), no si empatan."))
        where = "el ejemplo del enunciado" if i == 0 else f"{len(X)} ejemplos con {X.shape[1]} entradas"
        if not fb.compare(got_all, ref_all, label="lo que devuelve (los pesos y el sesgo)", case=where, reveal=i > 0,
                          mistakes=mistakes,
                          hint="empiece con w = 0 y b = 0 en el bolsillo (con sus errores), y tras cada "
                               "corrección cuente los errores de los pesos nuevos en todos los ejemplos."):
            return fb.done()
    fb.ok("pocket_perceptron devuelve los pesos del bolsillo en el ejemplo del enunciado y en 5 casos nuevos al azar sin separar.")
    return fb.done()


# --- ejercicio 5 (proyecto): tres especies de iris ----------------------------------------

def _iris_split(rng):
    from ..datasets import load_iris, train_val_test_split

    X, y = load_iris()
    (X_train, y_train), _, (X_test, y_test) = train_val_test_split(
        X, y, val_size=0.0, test_size=0.3, seed=int(rng.integers(0, 2**31 - 1)), stratify=True)
    return X_train, y_train, X_test, y_test


def check_iris_project(namespace):
    """Comprueba ``one_vs_rest(X_train, y_train, X_test)`` con una partición nueva de las flores iris."""
    fb = Feedback("proyecto: tres especies con perceptrones", namespace)
    one_vs_rest = fb.function("one_vs_rest", params=("X_train", "y_train", "X_test"))
    if one_vs_rest is MISSING:
        return fb.done()
    label = "one_vs_rest(X_train, y_train, X_test)"
    X_train, y_train, X_test, y_test = _iris_split(fb.rng())
    got = fb.call(one_vs_rest, X_train, y_train, X_test, timeout=30)
    if got is MISSING:
        return fb.done()
    out = fb.array(got, shape=(len(X_test),), label=label)
    if out is MISSING:
        return fb.done()
    if not np.all(np.isin(out, (0, 1, 2))):
        fb.fail(f"{label} devuelve valores que no son especies (0, 1 o 2).",
                hint="para cada flor, devuelva el número de la especie cuyo perceptrón da la z más alta: "
                     "np.argmax(Z, axis=1).")
        return fb.done()
    if len(set(out.tolist())) < 3:
        fb.fail(f"{label} nunca predice alguna de las tres especies.",
                hint="compare las z de los tres perceptrones (decision_function), no sus 0 y 1: "
                     "con el escalón, a veces ninguno o varios dicen 1.")
        return fb.done()
    accuracy = float(np.mean(out == y_test))
    if accuracy < PROJECT_THRESHOLD:
        fb.fail(f"{label} acierta el {accuracy * 100:.0f} % de {len(X_test)} flores que no vio; "
                f"se pide al menos el {PROJECT_THRESHOLD * 100:.0f} %.",
                hint="versicolor contra el resto no es separable: use Perceptron(pocket=True) y estandarice "
                     "las medidas (standardize) antes de entrenar, y mida en validación antes de decidir.")
        return fb.done()
    fb.ok(f"one_vs_rest acierta al menos el {PROJECT_THRESHOLD * 100:.0f} % de las flores de una partición nueva "
          "que no vio al entrenar.")
    return fb.done()
