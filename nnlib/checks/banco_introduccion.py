"""Comprobaciones del banco de ejercicios del capítulo 0 (``chapters/banco/00_introduccion.ipynb``).

* :func:`check_count_iterations` — iteraciones de un entrenamiento: ``ceil(N / lote) · épocas``.
* :func:`check_relu_layer` — la salida de una capa densa ReLU para un lote: ``relu(X W + b)``.
* :func:`check_softmax` — una softmax que no se desborda con preactivaciones grandes.
* :func:`check_collapse_linear` — la demostración: dos capas lineales seguidas son una sola,
  con ``W = W1 W2`` y ``b = b1 W2 + b2``.
* :func:`check_circles_project` — el proyecto: entrenar con ``nnlib`` una red que separe dos
  anillos y predecir ejemplos que no vio.

Todas reciben el espacio de nombres del cuaderno y siguen la norma de :mod:`nnlib.checks`.
"""
from __future__ import annotations

import math

import numpy as np

from . import MISSING, Feedback
from ._reference import softmax as _stable_softmax

__all__ = ["check_count_iterations", "check_relu_layer", "check_softmax", "check_collapse_linear",
           "check_circles_project", "PROJECT_THRESHOLD"]

#: Exactitud mínima del proyecto en los ejemplos que la red no vio (una recta ronda 0.5).
PROJECT_THRESHOLD = 0.9


def _pair(fb, got, label, shapes):
    """``got`` como pareja de arreglos con las formas ``shapes``, o MISSING con su pista."""
    if isinstance(got, (tuple, list)) and len(got) == 2:
        first = fb.array(got[0], shape=shapes[0], label=f"el primer elemento de {label}")
        if first is MISSING:
            return MISSING
        second = fb.array(got[1], shape=shapes[1], label=f"el segundo elemento de {label}")
        if second is MISSING:
            return MISSING
        return first, second
    fb.fail(f"{label} debería devolver una pareja (W, b); devolvió otra cosa.",
            hint="termine con `return W, b`, en ese orden.")
    return MISSING


# --- ejercicio 1: iteraciones de un entrenamiento --------------------------------------

def _iterations_case(rng):
    """Un caso al azar: de 101 a 60 000 ejemplos, lotes de 7 a 512, de 2 a 80 épocas."""
    n = int(rng.integers(101, 60001))
    batch = int(rng.integers(7, 513))
    if n % batch == 0:
        n += 1                      # que el último lote quede incompleto
    return n, batch, int(rng.integers(2, 81))


def check_count_iterations(namespace):
    """Comprueba la función ``count_iterations`` del ejercicio 1 (tres parámetros, en orden)."""
    fb = Feedback("iteraciones de un entrenamiento", namespace)
    count_iterations = fb.function("count_iterations",
                                   params=("n_examples", "batch_size", "epochs"))  # palabras: permitir termino-ingles
    if count_iterations is MISSING:
        return fb.done()
    label = "`count_iterations(n_examples, batch_size, epochs)`"
    cases = fb.cases((1050, 100, 20), _iterations_case, n=4) + [(512, 64, 3)]
    for i, (n, batch, epochs) in enumerate(cases):
        got = fb.call(count_iterations, n, batch, epochs)
        if got is MISSING:
            return fb.done()
        value = fb.coerce(got, "number", label=label)
        if value is MISSING:
            return fb.done()
        expected = math.ceil(n / batch) * epochs
        mistakes = [((n // batch) * epochs, "el último lote, aunque esté incompleto, también es una iteración: "
                                            "redondee hacia arriba con math.ceil."),
                    (n / batch * epochs, "no se puede hacer media iteración: redondee n_examples / batch_size "
                                         "hacia arriba con math.ceil."),
                    (math.ceil(n / batch), "eso son las iteraciones de una época; multiplique por `epochs`."),
                    (n * epochs, "cada iteración procesa un lote entero, no un ejemplo."),
                    (math.ceil(n / batch) + epochs, "las iteraciones de cada época se multiplican por `epochs`, no se suman."),
                    ((n // batch + 1) * epochs, "si batch_size divide exactamente a n_examples no sobra ningún lote: "
                                                "use math.ceil en lugar de sumar 1.")]
        where = "el ejemplo del enunciado (1050, 100, 20)" if i == 0 else f"{n} ejemplos, lotes de {batch} y {epochs} épocas"
        if not fb.compare(value, expected, label=label, case=where, reveal=i > 0,
                          mistakes=[(m, h) for m, h in mistakes if not np.isclose(m, expected)],
                          hint="calcule math.ceil(n_examples / batch_size) y multiplíquelo por `epochs`."):
            return fb.done()
    fb.ok("count_iterations acierta en el ejemplo del enunciado, con lotes que dividen exactamente "
          "y en 4 casos nuevos al azar.")
    return fb.done()


# --- ejercicio 2: una capa densa ReLU ----------------------------------------------------

def _layer_case(rng):
    """Un lote al azar de 2 a 6 ejemplos, 2 a 5 entradas y 2 a 6 neuronas (el ejemplo: 1 × 3 → 4)."""
    n, d, m = int(rng.integers(2, 7)), int(rng.integers(2, 6)), int(rng.integers(2, 7))
    if d == m:
        m += 1                      # una W cuadrada no delataría la traspuesta
    return rng.normal(size=(n, d)), rng.normal(size=(d, m)), rng.normal(size=m)


_LAYER_EXAMPLE = (np.array([[0.5, -1.0, 2.0]]),
                  np.array([[0.2, -0.5, 0.1, 0.4], [0.3, 0.2, -0.6, 0.1], [-0.1, 0.4, 0.2, -0.3]]),
                  np.array([0.1, -0.2, 0.0, 0.3]))


def check_relu_layer(namespace):
    """Comprueba ``relu_layer(X, W, b)``: ``max(0, X W + b)`` para cada fila de ``X``."""
    fb = Feedback("una capa densa ReLU", namespace)
    relu_layer = fb.function("relu_layer", params=("X", "W", "b"))
    if relu_layer is MISSING:
        return fb.done()
    label = "relu_layer(X, W, b)"
    for i, (X, W, b) in enumerate(fb.cases(_LAYER_EXAMPLE, _layer_case, n=5)):
        got = fb.call(relu_layer, X, W, b)
        if got is MISSING:
            return fb.done()
        shape = (X.shape[0], W.shape[1])
        if isinstance(got, np.ndarray) and got.shape == shape[::-1] and shape[0] != shape[1]:
            fb.fail(f"{label} devuelve un arreglo de forma {got.shape}, traspuesto.",
                    hint="una fila por ejemplo y una columna por neurona: calcule X @ W, no W.T @ X.T.")
            return fb.done()
        out = fb.array(got, shape=shape, label=label)
        if out is MISSING:
            return fb.done()
        z = X @ W + b
        where = "el ejemplo del enunciado" if i == 0 else f"X de forma {X.shape} y W de forma {W.shape}"
        if not fb.compare(out, np.maximum(z, 0.0), label=label, case=where, reveal=i > 0,
                          mistakes=[(z, "falta aplicar la ReLU: np.maximum(0, z)."),
                                    (np.maximum(X @ W, 0.0), "falta sumar el sesgo b antes de la ReLU."),
                                    (np.maximum(X @ W, 0.0) + b, "el sesgo se suma antes de la ReLU, no después."),
                                    (np.minimum(z, 0.0), "la ReLU se queda con la parte positiva: np.maximum(0, z)."),
                                    (1.0 / (1.0 + np.exp(-z)), "eso es la sigmoide; se pide la ReLU, max(0, z)."),
                                    (np.abs(z), "la ReLU anula los negativos, no les cambia el signo.")],
                          hint="calcule z = X @ W + b y devuelva np.maximum(0, z)."):
            return fb.done()
    fb.ok("relu_layer acierta en el ejemplo del enunciado y en 5 lotes nuevos al azar, con otras formas.")
    return fb.done()


# --- ejercicio 3: una softmax que no se desborda -----------------------------------------

def _softmax_case(rng):
    """Un vector al azar de 4 a 9 preactivaciones (el ejemplo tiene 3), a veces enormes."""
    size = int(rng.integers(4, 10))
    scale = float(rng.choice([1.0, 5.0, 400.0]))
    return (rng.normal(size=size) * scale + float(rng.uniform(-300, 300)),)


def check_softmax(namespace):
    """Comprueba ``softmax(z)`` con el ejemplo, con casos al azar y con preactivaciones de cientos."""
    fb = Feedback("una softmax que no se desborda", namespace)
    softmax = fb.function("softmax", params=("z",))
    if softmax is MISSING:
        return fb.done()
    label = "softmax(z)"
    cases = fb.cases((np.array([2.0, 1.0, 0.1]),), _softmax_case, n=4) + [(np.array([1000.0, 999.0, 990.0, 1001.0]),)]
    for i, (z,) in enumerate(cases):
        with np.errstate(all="ignore"):      # los avisos de NumPy del código ingenuo no llegan a la salida
            got = fb.call(softmax, z)
        if got is MISSING:
            return fb.done()
        if isinstance(got, np.ndarray) and got.shape == z.shape and np.isnan(got).any() and np.max(np.abs(z)) > 700:
            fb.fail(f"{label} da NaN con preactivaciones grandes (z de hasta {np.max(np.abs(z)):.0f}): "
                    "np.exp se desborda.",
                    hint="reste el máximo antes de la exponencial, np.exp(z - np.max(z)): "
                         "el resultado no cambia y ya no se desborda.")
            return fb.done()
        out = fb.array(got, shape=z.shape, label=label)
        if out is MISSING:
            return fb.done()
        expected = _stable_softmax(z)
        with np.errstate(all="ignore"):
            mistakes = [(np.exp(z - np.max(z)), "falta dividir por la suma de las exponenciales: el resultado debe sumar 1."),
                        (z / np.sum(z), "se normalizan las exponenciales, no las preactivaciones: "
                                        "np.exp(z) / np.sum(np.exp(z))."),
                        (1.0 / (1.0 + np.exp(-z)), "eso es la sigmoide de cada número; softmax reparte una "
                                                   "probabilidad que suma 1 entre todos."),
                        (_stable_softmax(-z), "revise el signo: la mayor preactivación debe llevarse la mayor probabilidad.")]
        where = "el ejemplo del enunciado" if i == 0 else f"un vector de {len(z)} preactivaciones"
        if not fb.compare(out, expected, label=label, case=where, reveal=i > 0, atol=1e-9,
                          mistakes=[(m, h) for m, h in mistakes if np.all(np.isfinite(m))],
                          hint="calcule e = np.exp(z - np.max(z)) y devuelva e / e.sum()."):
            return fb.done()
    fb.ok("softmax acierta en el ejemplo del enunciado, en 4 vectores nuevos al azar y con preactivaciones "
          "cercanas a 1000 sin desbordarse.")
    return fb.done()


# --- ejercicio 4 (demostración): dos capas lineales son una ----------------------------

def _collapse_case(rng):
    """Dos capas al azar n → h → m con n, h, m distintos entre 2 y 6 (el ejemplo: 2 → 3 → 2)."""
    n, h, m = (int(v) for v in rng.choice(np.arange(2, 8), size=3, replace=False))
    return rng.normal(size=(n, h)), rng.normal(size=h), rng.normal(size=(h, m)), rng.normal(size=m)


_COLLAPSE_EXAMPLE = (np.array([[1.0, 0.0, 2.0], [-1.0, 1.0, 0.5]]), np.array([0.5, -1.0, 0.0]),
                     np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]]), np.array([0.25, -0.5]))


def check_collapse_linear(namespace):
    """Comprueba ``collapse_linear(W1, b1, W2, b2)``: devuelve ``(W1 @ W2, b1 @ W2 + b2)``."""
    fb = Feedback("dos capas lineales son una", namespace)
    collapse_linear = fb.function("collapse_linear", params=("W1", "b1", "W2", "b2"))
    if collapse_linear is MISSING:
        return fb.done()
    label = "collapse_linear(W1, b1, W2, b2)"
    for i, (W1, b1, W2, b2) in enumerate(fb.cases(_COLLAPSE_EXAMPLE, _collapse_case, n=5)):
        got = fb.call(collapse_linear, W1, b1, W2, b2)
        if got is MISSING:
            return fb.done()
        W_shape, b_shape = (W1.shape[0], W2.shape[1]), (W2.shape[1],)
        pair = _pair(fb, got, label, (W_shape, b_shape))
        if pair is MISSING:
            return fb.done()
        W, b = pair
        where = "el ejemplo del enunciado" if i == 0 else f"capas {W1.shape[0]} → {W1.shape[1]} → {W2.shape[1]}"
        if not fb.compare(W, W1 @ W2, label="la W que devuelve", case=where, reveal=i > 0,
                          hint="la entrada pasa primero por W1 y después por W2: W = W1 @ W2."):
            return fb.done()
        if not fb.compare(b, b1 @ W2 + b2, label="la b que devuelve", case=where, reveal=i > 0,
                          mistakes=[(b2, "el sesgo b1 de la primera capa también atraviesa W2: b = b1 @ W2 + b2."),
                                    (b1 @ W2, "falta sumar el sesgo b2 de la segunda capa: b = b1 @ W2 + b2."),
                                    (b1 @ W2 - b2, "los sesgos se suman: b = b1 @ W2 + b2.")],
                          hint="escriba (x W1 + b1) W2 + b2 y reparta el producto: b = b1 @ W2 + b2."):
            return fb.done()
    fb.ok("collapse_linear acierta en el ejemplo del enunciado y en 5 parejas de capas nuevas al azar: "
          "la W y la b que devuelve dan la misma salida que las dos capas.")
    return fb.done()


# --- ejercicio 5 (proyecto): separar dos anillos ---------------------------------------------

def _rings(rng):
    """Dos anillos concéntricos con ruido, nuevos en cada ejecución: 200 para entrenar y 100 para medir."""
    from ..datasets import circles

    X, y = circles(n_samples=300, noise=0.1, factor=0.5, seed=int(rng.integers(0, 2**31 - 1)))
    return X[:200], y[:200], X[200:], y[200:]


def check_circles_project(namespace):
    """Comprueba ``train_and_predict(X_train, y_train, X_test)`` con anillos nuevos que la red no vio."""
    fb = Feedback("proyecto: separar dos anillos", namespace)
    train_and_predict = fb.function("train_and_predict", params=("X_train", "y_train", "X_test"))
    if train_and_predict is MISSING:
        return fb.done()
    label = "train_and_predict(X_train, y_train, X_test)"
    X_train, y_train, X_test, y_test = _rings(fb.rng())
    got = fb.call(train_and_predict, X_train, y_train, X_test, timeout=30)
    if got is MISSING:
        return fb.done()
    out = fb.array(got, shape=(len(X_test),), label=label)
    if out is MISSING:
        return fb.done()
    if not np.all(np.isin(out, (0, 1))):
        if np.all((out >= 0) & (out <= 1)):
            fb.fail(f"{label} devuelve probabilidades, no clases.",
                    hint="convierta la salida sigmoide en 0 o 1: (model.predict(X_test).ravel() >= 0.5).astype(int).")
        else:
            fb.fail(f"{label} devuelve valores que no son 0 ni 1.",
                    hint="devuelva una clase por ejemplo de X_test: 0 (anillo exterior) o 1 (anillo interior).")
        return fb.done()
    accuracy = float(np.mean(out == y_test))
    if len(set(out.tolist())) == 1:
        fb.fail(f"{label} predice la misma clase para todos los ejemplos.",
                hint="la red no aprendió: entrene más épocas, suba la tasa de aprendizaje de Adam "
                     "o añada una capa oculta.")
        return fb.done()
    if accuracy < PROJECT_THRESHOLD:
        hint = ("su red acierta lo mismo que una moneda: una neurona sola traza una recta, y ninguna recta "
                "separa dos anillos. Añada una capa oculta (por ejemplo, Dense(8, activation=\"tanh\"))."
                if accuracy < 0.7 else
                "se acerca: entrene más épocas, pruebe otra tasa de aprendizaje o más neuronas ocultas, "
                "y mida en validación antes de decidir.")
        fb.fail(f"{label} acierta el {accuracy * 100:.0f} % de 100 ejemplos nuevos que la red no vio; "
                f"se pide al menos el {PROJECT_THRESHOLD * 100:.0f} %.", hint=hint)
        return fb.done()
    fb.ok(f"train_and_predict entrena con 200 ejemplos nuevos y acierta al menos el {PROJECT_THRESHOLD * 100:.0f} % "
          "de otros 100 que la red no vio.")
    return fb.done()
