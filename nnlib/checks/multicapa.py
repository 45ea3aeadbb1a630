"""Comprobaciones de los ejercicios del capítulo 2, «Redes multicapa y funciones de activación».

* :func:`check_dense_forward` — ``dense_forward(X, W, b)``: el paso hacia
  adelante de una capa densa con ReLU para un lote, :math:`\\max(0, XW + b)`.
* :func:`check_collapse_linear` — ``collapse_linear(layers)``: la capa única
  :math:`(W, b)` que equivale a varias capas lineales ``[(W1, b1), (W2, b2), ...]``;
  de dos en dos, :math:`(W_1 W_2,\\ b_1 W_2 + b_2)`.
* :func:`check_glorot_limit` — ``glorot_limit(fan_in, fan_out)``: el límite de
  la uniforme de Glorot, :math:`\\sqrt{6 / (n_{in} + n_{out})}`.
* :func:`check_output_layers` — el diccionario ``output_layers``: unidades,
  activación de salida y pérdida para cuatro problemas (:data:`OUTPUT_PROBLEMS`).

Todas reciben el espacio de nombres del cuaderno: ``check_dense_forward(globals())``
(véase :mod:`nnlib.checks`).
"""
from __future__ import annotations

import contextlib
import io
import math

import numpy as np

from nnlib import activations, losses

from . import MISSING, Feedback, describe
from ._reference import sigmoid as _sigmoid

__all__ = ["DENSE_EXAMPLE", "COLLAPSE_EXAMPLE", "GLOROT_EXAMPLE", "OUTPUT_PROBLEMS",
           "check_dense_forward", "check_collapse_linear", "check_glorot_limit", "check_output_layers"]


def _relu(z):
    return np.maximum(z, 0.0)


def _quiet_call(function, *args):
    """Llama a ``function`` como :meth:`Feedback.call` (copias, límite de tiempo) pero sin imprimir nada.

    Sirve para diagnosticar: si la función falla con el ejemplo del enunciado, se
    prueba con un caso de matrices cuadradas para reconocer un error de orden o de
    trasposición. Devuelve el resultado o :data:`MISSING`.
    """
    with contextlib.redirect_stdout(io.StringIO()):
        return Feedback("diagnóstico").call(function, *args)


# ======================================================================================
# Ejercicio 1. El paso hacia adelante de una capa densa
# ======================================================================================
#: El ejemplo del enunciado: 4 ejemplos con 3 entradas, una capa de 2 neuronas.
DENSE_EXAMPLE = {
    "X": [[1.0, 2.0, 0.0], [0.0, -1.0, 1.0], [2.0, 0.0, -1.0], [-1.0, 1.0, 1.0]],
    "W": [[0.5, -1.0], [0.25, 0.5], [-0.5, 1.0]],
    "b": [0.1, -0.2],
}


def _dense_case(rng):
    # Otro número de filas que el ejemplo (4): una tabla de respuestas nunca acierta.
    n_rows = int(rng.integers(5, 9))
    n_in, n_out = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    X = np.round(rng.normal(size=(n_rows, n_in)), 2)
    W = np.round(rng.normal(size=(n_in, n_out)), 2)
    b = np.round(rng.normal(size=n_out), 2)
    return X, W, b


def _square_dense_case(rng):
    # W cuadrada: con ella, X @ W.T no da error de formas y hay que reconocerla por su valor.
    n = int(rng.integers(3, 6))
    X = np.round(rng.normal(size=(int(rng.integers(5, 9)), n)), 2)
    W = np.round(rng.normal(size=(n, n)), 2)
    b = np.round(rng.normal(size=n), 2)
    return X, W, b


def _dense_mistakes(X, W, b):
    Z = X @ W + b
    mistakes = [
        (X @ W + b, "falta la activación: aplique la ReLU, np.maximum(0, Z), a Z = X @ W + b."),
        (_relu(X @ W), "falta sumar el sesgo b: Z = X @ W + b."),
        (_relu(X @ W - b), "el sesgo se suma, no se resta: Z = X @ W + b."),
        (_relu(X @ W) + b, "la ReLU va después de sumar el sesgo: primero Z = X @ W + b, después np.maximum(0, Z)."),
        (_relu(X @ W + np.mean(b)), "cada neurona tiene su propio sesgo: sume el vector b entero (b[j] a la "
                                    "columna j), no un solo número para toda la capa."),
        (_relu(X @ W + b[0]), "cada neurona tiene su propio sesgo: sume el vector b entero (b[j] a la "
                              "columna j), no b[0] para toda la capa."),
        (_relu(-Z), "revise el signo: Z = X @ W + b, sin cambiarlo."),
        (np.minimum(Z, 0.0), "la ReLU se queda con la parte positiva: np.maximum(0, Z), no np.minimum."),
        (np.abs(Z), "la ReLU no es el valor absoluto: los negativos pasan a 0, np.maximum(0, Z)."),
        (_sigmoid(Z), "el enunciado pide la ReLU, no la sigmoide: np.maximum(0, Z)."),
        (np.tanh(Z), "el enunciado pide la ReLU, no tanh: np.maximum(0, Z)."),
    ]
    if W.shape[0] == W.shape[1]:
        mistakes.append((_relu(X @ W.T + b), "W está traspuesta: con W de forma (entradas, neuronas), "
                                             "como el kernel de Keras, la capa calcula X @ W, no X @ W.T."))
    return mistakes


def _diagnose_transposed(fb, forward, rng):
    """Si ``forward`` falló con el ejemplo, ¿calcula X @ W.T con una W cuadrada? Si es así, lo dice y devuelve True."""
    X, W, b = _square_dense_case(rng)
    got = _quiet_call(forward, X, W, b)
    if got is not MISSING and np.shape(got) == (len(X), len(b)) and not np.allclose(W, W.T):
        if np.allclose(np.asarray(got, dtype=float), _relu(X @ W.T + b)):
            return not fb.fail("dense_forward falla con el ejemplo del enunciado y, con una W cuadrada, calcula "
                               "X @ W.T: W está traspuesta.",
                               hint="W tiene forma (entradas, neuronas), como el kernel de Keras: la capa calcula "
                                    "X @ W, sin trasponer (es PyTorch quien guarda la matriz al revés).")
    return False


def check_dense_forward(namespace):
    """Comprueba ``dense_forward(X, W, b)`` = ReLU(X @ W + b) con el ejemplo y con lotes nuevos."""
    fb = Feedback("capa densa: paso hacia adelante", namespace)
    forward = fb.function("dense_forward", params=("X", "W", "b"))
    if forward is MISSING:
        return fb.done()
    example = tuple(np.array(DENSE_EXAMPLE[k]) for k in ("X", "W", "b"))
    rng = fb.rng()
    cases = [example] + [_dense_case(rng) for _ in range(3)] + [_square_dense_case(rng) for _ in range(2)]
    for i, (X, W, b) in enumerate(cases):
        label = "dense_forward(X, W, b)"
        case = "el ejemplo del enunciado" if i == 0 else f"X de forma {X.shape} y W de forma {W.shape}"
        if i == 0 and _quiet_call(forward, X, W, b) is MISSING and _diagnose_transposed(fb, forward, rng):
            return fb.done()
        got = fb.call(forward, X, W, b, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        expected = _relu(X @ W + b)
        shape = np.shape(got) if isinstance(got, np.ndarray) else None
        if shape == expected.shape[::-1] and expected.shape[0] != expected.shape[1]:
            fb.fail(f"{label} con {case} devuelve una fila por neurona (forma {shape}).",
                    hint="el resultado tiene una fila por ejemplo y una columna por neurona, forma (N, m): "
                         "calcule X @ W + b, no W.T @ X.T.")
            return fb.done()
        out = fb.array(got, shape=expected.shape, label=f"{label} con {case}")
        if out is MISSING:
            return fb.done()
        if not fb.compare(out, expected, label=label, case=case, reveal=i > 0,
                          mistakes=_dense_mistakes(X, W, b),
                          hint="calcule Z = X @ W + b (una fila por ejemplo) y devuelva np.maximum(0, Z)."):
            return fb.done()
    fb.ok("dense_forward acierta en el ejemplo del enunciado y en 5 lotes nuevos al azar, "
          "con formas distintas y con W cuadrada.")
    return fb.done()


# ======================================================================================
# Ejercicio 2. Varias capas lineales son una
# ======================================================================================
#: El ejemplo del enunciado: 3 entradas -> 2 unidades lineales -> 2 -> 1 salida.
COLLAPSE_EXAMPLE = [
    ([[1.0, -1.0], [0.5, 2.0], [0.0, 1.0]], [0.5, -1.0]),
    ([[2.0, 1.0], [-1.0, 0.5]], [0.25, 0.0]),
    ([[1.0], [-2.0]], [0.5]),
]


def _collapse_reference(layers):
    W, b = layers[0]
    for W_next, b_next in layers[1:]:
        W, b = W @ W_next, b @ W_next + b_next
    return W, b


def _collapse_case(rng):
    # 2 a 4 capas de tamaños distintos entre sí (las formas delatan el orden equivocado);
    # la primera tiene 4 o más entradas, no 3 como el ejemplo: una tabla de respuestas falla.
    n_layers = int(rng.integers(2, 5))
    sizes = [int(v) for v in rng.choice(np.arange(4, 10), size=n_layers + 1, replace=False)]
    return [(np.round(rng.normal(size=(n, m)), 2), np.round(rng.normal(size=m), 2))
            for n, m in zip(sizes[:-1], sizes[1:])]


def _bias_mistakes(layers):
    """Los sesgos que salen de los errores habituales al juntar los sesgos."""
    _, b_right = _collapse_reference(layers)
    b_last = layers[-1][1]
    mistakes = [(b_last, "faltan los sesgos de las capas anteriores: cada uno pasa también por las matrices "
                         "de las capas que vienen después."),
                (b_right - b_last, "falta sumar el sesgo de la última capa."),
                (-b_right, "revise el signo: los sesgos se suman.")]
    if all(b.shape == b_last.shape for _, b in layers):
        mistakes.append((sum(b for _, b in layers), "los sesgos no se suman tal cual: el de cada capa pasa por "
                                                    "las matrices de las capas siguientes (b1 @ W2 + b2, ...)."))
    return mistakes


def _layers_text(layers):
    return " → ".join([str(layers[0][0].shape[0])] + [str(W.shape[1]) for W, _ in layers])


def _pair(fb, got, label):
    """Los dos elementos ``(W, b)`` que devolvió la función, o :data:`MISSING` con la pista."""
    if isinstance(got, (tuple, list)) and len(got) == 2:
        return got
    if got is None:
        fb.fail(f"{label} no devolvió nada.", hint="termine la función con `return W, b`.")
    elif isinstance(got, (tuple, list)):
        fb.fail(f"{label} devolvió {len(got)} cosas; se esperaban 2, la matriz W y el vector b.",
                hint="termine la función con `return W, b`.")
    else:
        fb.fail(f"{label} devolvió {describe(got)}; se esperaban dos cosas, la matriz W y el vector b.",
                hint="termine la función con `return W, b` (las dos, separadas por una coma).")
    return MISSING


def _diagnose_order(fb, collapse):
    """Si ``collapse`` falló con el ejemplo, ¿multiplica en orden inverso con matrices cuadradas?

    Si es así, lo dice y devuelve ``True``.
    """
    rng = fb.rng()
    layers = [(np.round(rng.normal(size=(3, 3)), 2), np.round(rng.normal(size=3), 2)) for _ in range(2)]
    (W1, _), (W2, _) = layers
    got = _quiet_call(collapse, layers)
    if isinstance(got, (tuple, list)) and len(got) == 2 and np.shape(got[0]) == (3, 3):
        if np.allclose(np.asarray(got[0], dtype=float), W2 @ W1) and not np.allclose(W2 @ W1, W1 @ W2):
            return not fb.fail("collapse_linear falla con el ejemplo del enunciado y, con matrices cuadradas, "
                               "calcula W2 @ W1: el orden está al revés.",
                               hint="el lote pasa primero por W1 y después por W2: (X @ W1) @ W2 = X @ (W1 @ W2), "
                                    "así que W = W1 @ W2 @ ...")
    return False


def check_collapse_linear(namespace):
    """Comprueba ``collapse_linear(layers)``: la capa ``(W, b)`` que equivale a varias capas lineales."""
    fb = Feedback("varias capas lineales son una", namespace)
    collapse = fb.function("collapse_linear", params=("layers",))
    if collapse is MISSING:
        return fb.done()
    rng = fb.rng()
    example = [(np.array(W), np.array(b)) for W, b in COLLAPSE_EXAMPLE]
    cases = [example] + [_collapse_case(rng) for _ in range(5)]
    for i, layers in enumerate(cases):
        label = "collapse_linear(layers)"
        case = "el ejemplo del enunciado" if i == 0 else f"{len(layers)} capas de tamaños {_layers_text(layers)}"
        if i == 0 and _quiet_call(collapse, layers) is MISSING and _diagnose_order(fb, collapse):
            return fb.done()
        got = fb.call(collapse, layers, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        pair = _pair(fb, got, f"{label} con {case}")
        if pair is MISSING:
            return fb.done()
        W_expected, b_expected = _collapse_reference(layers)
        n_in, n_out = W_expected.shape
        if isinstance(pair[0], np.ndarray) and pair[0].shape == (n_out, n_in) and n_in != n_out:
            fb.fail(f"La matriz W de {label} con {case} tiene forma {pair[0].shape}, la de una capa al revés.",
                    hint="el lote pasa por las capas en orden: X @ W1 @ W2 @ ..., así que W = W1 @ W2 @ ... "
                         "(forma: entradas × salidas).")
            return fb.done()
        partial = [(n_in, W_k.shape[1]) for W_k, _ in layers[:-1]]
        if isinstance(pair[0], np.ndarray) and pair[0].shape in partial and pair[0].shape != W_expected.shape:
            fb.fail(f"La matriz W de {label} con {case} tiene forma {pair[0].shape}: se detiene antes de la "
                    "última capa.",
                    hint="recorra todas las capas de la lista con un bucle, no solo las dos primeras.")
            return fb.done()
        W = fb.array(pair[0], shape=W_expected.shape, label=f"La matriz W de {label} con {case}")
        if W is MISSING:
            return fb.done()
        if not fb.compare(W, W_expected, label=f"La matriz W de {label}", case=case, reveal=i > 0,
                          mistakes=[(-W_expected, "revise el signo: W = W1 @ W2 @ ...")],
                          hint="el lote pasa por las capas en orden: W = W1 @ W2 @ ... (un producto por capa)."):
            return fb.done()
        earlier = [b_k.shape for _, b_k in layers[:-1]]
        if np.shape(pair[1]) in earlier and np.shape(pair[1]) != b_expected.shape:
            fb.fail(f"El vector b de {label} con {case} tiene forma {np.shape(pair[1])}, la del sesgo de una capa "
                    "anterior, no la de la salida.",
                    hint="los sesgos no se suman tal cual: el de cada capa pasa por las matrices de las capas "
                         "siguientes (b1 @ W2 + b2, ...), y el resultado tiene un número por salida.")
            return fb.done()
        b = fb.array(pair[1], shape=b_expected.shape, label=f"El vector b de {label} con {case}")
        if b is MISSING:
            return fb.done()
        if not fb.compare(b, b_expected, label=f"El vector b de {label}", case=case, reveal=i > 0,
                          mistakes=_bias_mistakes(layers),
                          hint="junte las capas de dos en dos: (W, b) y (W2, b2) dan (W @ W2, b @ W2 + b2)."):
            return fb.done()
    fb.ok("collapse_linear acierta en el ejemplo del enunciado y en 5 redes lineales nuevas al azar, "
          "de 2 a 4 capas: la matriz y el sesgo de la capa única son los correctos.")
    return fb.done()


# ======================================================================================
# Ejercicio 3. El límite de la uniforme de Glorot
# ======================================================================================
#: El ejemplo del enunciado: la primera capa de la red 16 → 8 → 2.
GLOROT_EXAMPLE = (16, 8)


def _glorot_case(rng):
    while True:
        fan_in, fan_out = (int(v) for v in rng.integers(2, 600, size=2))
        if (fan_in, fan_out) != GLOROT_EXAMPLE and fan_in != fan_out:
            return fan_in, fan_out


def _glorot_mistakes(fan_in, fan_out):
    total = fan_in + fan_out
    return [
        (math.sqrt(2.0 / total), "eso es la desviación típica de Glorot, √(2 / (n_in + n_out)). La uniforme "
                                 "U(−L, L) tiene varianza L² / 3, así que su límite es √3 veces mayor: "
                                 "√(6 / (n_in + n_out))."),
        (6.0 / total, "falta la raíz cuadrada: L = √(6 / (n_in + n_out))."),
        (2.0 / total, "eso es la varianza de Glorot; el límite de la uniforme es √(6 / (n_in + n_out))."),
        (math.sqrt(6.0 / fan_in), "eso es el límite de He (solo fan_in); Glorot promedia las dos: "
                                  "√(6 / (n_in + n_out))."),
        (math.sqrt(6.0 / fan_out), "Glorot usa las dos, fan_in y fan_out: √(6 / (n_in + n_out))."),
        (math.sqrt(3.0 / total), "la varianza de Glorot es 2 / (n_in + n_out) y la de U(−L, L) es L² / 3: "
                                 "L = √(3 · 2 / (n_in + n_out))."),
        (math.sqrt(6.0) / total, "la raíz cubre el cociente entero: √(6 / (n_in + n_out)), no √6 / (n_in + n_out)."),
        (math.sqrt(6.0 / (fan_in * fan_out)), "en el denominador va la suma n_in + n_out, no el producto."),
        (-math.sqrt(6.0 / total), "el límite es positivo: la uniforme va de −L a L."),
    ]


def check_glorot_limit(namespace):
    """Comprueba ``glorot_limit(fan_in, fan_out)`` = √(6 / (fan_in + fan_out))."""
    fb = Feedback("el límite de Glorot", namespace)
    limit = fb.function("glorot_limit", params=("fan_in", "fan_out"))
    if limit is MISSING:
        return fb.done()
    for i, (fan_in, fan_out) in enumerate(fb.cases(GLOROT_EXAMPLE, _glorot_case, n=5)):
        label = f"glorot_limit({fan_in}, {fan_out})"
        case = "el ejemplo del enunciado" if i == 0 else "otros tamaños de capa"
        got = fb.call(limit, fan_in, fan_out, label=label)
        if got is MISSING:
            return fb.done()
        value = fb.number(got, label=label)
        if value is MISSING:
            return fb.done()
        if not fb.compare(value, math.sqrt(6.0 / (fan_in + fan_out)), label=label, case=case, reveal=i > 0,
                          mistakes=_glorot_mistakes(fan_in, fan_out),
                          hint="la varianza de Glorot es 2 / (n_in + n_out) y la de U(−L, L) es L² / 3."):
            return fb.done()
    fb.ok("glorot_limit acierta en el ejemplo del enunciado y en 5 pares de tamaños nuevos al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 4. La capa de salida y la pérdida
# ======================================================================================
#: Los cuatro problemas del enunciado: (descripción, tipo de problema, número de salidas).
OUTPUT_PROBLEMS = {
    "a": ("predecir el precio de una vivienda, en miles de euros, a partir de 13 variables", "regresion", 1),
    "b": ("decidir si un tumor es maligno o benigno a partir de 30 medidas", "binaria", 1),
    "c": ("reconocer qué dígito, del 0 al 9, hay en una imagen de 8 × 8 píxeles; "
          "las etiquetas son los enteros 0, 1, ..., 9", "multiclase", 10),
    "d": ("marcar cuáles de 6 géneros (acción, comedia, drama, ...) tiene una película; "
          "una película puede tener varios", "multietiqueta", 6),
}

_REGRESSION_LOSSES = ("mean_squared_error", "mean_absolute_error", "huber", "log_cosh")
_KIND_WORDS = {"regresion": "una regresión", "binaria": "una clasificación binaria",
               "multiclase": "una clasificación multiclase", "multietiqueta": "una clasificación multietiqueta"}
_ENTRY_EXAMPLE = '(1, "linear", "mse")'


def _canonical(kind, text):
    """El nombre de Keras de una activación o pérdida escrita por quien aprende, o ``None``."""
    if text is None and kind == "activación":
        return "linear"
    if not isinstance(text, str):
        return None
    try:
        found = activations.get(text.strip()) if kind == "activación" else losses.get(text.strip())
    except Exception:  # noqa: BLE001 - un nombre desconocido: lo dice la pista
        return None
    return found.name


def _entry(fb, key, value):
    """``(unidades, activación, pérdida)`` normalizados, o un par ``(mensaje, pista)`` si no se entiende."""
    where = f"«{key}»"
    if not isinstance(value, (tuple, list)) or len(value) != 3:
        return None, (f"{where}: se esperaban tres cosas, (unidades, activación, pérdida), y llegó "
                      f"{describe(value)}.", f'escriba, por ejemplo, "{key}": {_ENTRY_EXAMPLE}.')
    units, activation, loss = value
    if isinstance(units, bool) or not isinstance(units, (int, np.integer)) or units < 1:
        return None, (f"{where}: el número de unidades debería ser un entero positivo; llegó {describe(units)}.",
                      "escriba cuántas neuronas tiene la capa de salida, sin comillas: 1, 2, 10...")
    act = _canonical("activación", activation)
    if act is None:
        return None, (f"{where}: no reconozco la activación; llegó {describe(activation)}.",
                      'use un nombre de Keras entre comillas: "linear", "sigmoid", "softmax", "relu"...')
    name = _canonical("pérdida", loss)
    if name is None:
        return None, (f"{where}: no reconozco la pérdida; llegó {describe(loss)}.",
                      'use un nombre de Keras entre comillas: "mse", "binary_crossentropy", '
                      '"categorical_crossentropy", "sparse_categorical_crossentropy"...')
    return (int(units), act, name), None


def _judge(kind, n_out, units, act, loss):
    """``None`` si la capa de salida y la pérdida sirven para ese problema; si no, la pista."""
    if kind == "regresion":
        if act != "linear":
            return (f"una salida {act} limita los valores que puede dar la red; un precio puede ser cualquier "
                    "número: deje la salida lineal (\"linear\").")
        if loss not in _REGRESSION_LOSSES:
            return "en una regresión la pérdida mide la distancia entre números: \"mse\" (o \"mae\", \"huber\")."
        if units != 1:
            return "se predice un solo número por ejemplo: 1 unidad."
        return None
    if kind == "binaria":
        if act == "softmax" and units == 2 and loss in ("categorical_crossentropy",
                                                        "sparse_categorical_crossentropy"):
            return None  # dos clases con softmax: equivale a una sigmoide, con el doble de pesos de salida
        if act == "softmax":
            return ("con una sola unidad softmax vale siempre 1. Para dos clases basta una unidad con "
                    "sigmoide, que da la probabilidad de la clase 1.")
        if act != "sigmoid":
            return "la salida debe ser una probabilidad entre 0 y 1: una unidad con \"sigmoid\"."
        if loss != "binary_crossentropy":
            return "con una probabilidad de sí o no, la pérdida es la entropía cruzada binaria, \"binary_crossentropy\"."
        if units != 1:
            return "una sola unidad sigmoide da P(maligno); la otra probabilidad es 1 menos esa."
        return None
    if kind == "multiclase":
        if act != "softmax":
            return ("las 10 clases se excluyen: la salida debe ser un reparto de probabilidad que sume 1, "
                    "y eso lo da \"softmax\".")
        if units != n_out:
            return f"una unidad por clase: {n_out} clases (los dígitos del 0 al 9), {n_out} unidades."
        if loss == "categorical_crossentropy":
            return ("\"categorical_crossentropy\" espera las etiquetas en one-hot; con las etiquetas enteras "
                    "0, ..., 9 del enunciado la pérdida es \"sparse_categorical_crossentropy\".")
        if loss != "sparse_categorical_crossentropy":
            return "la pérdida de la clasificación multiclase es la entropía cruzada (con etiquetas enteras, la «sparse»)."
        return None
    if act == "softmax":
        return ("softmax obliga a que las probabilidades sumen 1, así que los géneros compiten entre sí; "
                "aquí una película puede tener varios: una sigmoide por género, independientes.")
    if act != "sigmoid":
        return "cada género es un sí o no con su propia probabilidad: \"sigmoid\" en cada unidad."
    if units != n_out:
        return f"una unidad por género: {n_out} unidades."
    if loss != "binary_crossentropy":
        return "cada género es una clasificación binaria: la pérdida es \"binary_crossentropy\", promediada sobre los géneros."
    return None


def check_output_layers(namespace):
    """Comprueba el diccionario ``output_layers``: clave -> (unidades, activación, pérdida)."""
    fb = Feedback("capa de salida y pérdida", namespace)
    answers = fb.value("output_layers", kind="dict", keys=tuple(OUTPUT_PROBLEMS))
    if answers is MISSING:
        return fb.done()
    right, problems = [], []
    for key, (task, kind, n_out) in OUTPUT_PROBLEMS.items():
        entry, problem = _entry(fb, key, answers[key])
        if problem:
            problems.append(problem)
            continue
        hint = _judge(kind, n_out, *entry)
        if hint is None:
            right.append(key)
        else:
            problems.append((f"«{key}» ({task}) es {_KIND_WORDS[kind]} y esa capa de salida o esa pérdida no "
                             "le corresponden.", hint))
    extra = sorted(str(k) for k in answers if k not in OUTPUT_PROBLEMS)
    if extra:
        problems.append((f"Sobran claves: {', '.join(extra)}.",
                         f"use solo las claves del enunciado: {', '.join(OUTPUT_PROBLEMS)}."))
    return fb.tally(right, len(OUTPUT_PROBLEMS), problems)
