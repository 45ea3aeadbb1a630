r"""Comprobaciones del banco de ejercicios del capítulo 3, «Retropropagación».

* :func:`check_neuron_gradient` — ``neuron_gradient(x, w, b, t)``: el gradiente de
  :math:`E = \tfrac12 (o - t)^2` de una neurona sigmoide respecto de sus pesos y su sesgo.
* :func:`check_central_difference` — ``central_difference(f, x, h)``: la derivada de
  ``f`` en ``x`` por diferencias centradas, :math:`(f(x + h) - f(x - h)) / 2h`.
* :func:`check_mlp_backward` — ``mlp_backward(X, T, W1, b1, W2, b2)``: los cuatro
  gradientes de la ``mse`` de Keras en una red tanh → lineal.
* :func:`check_softmax_ce_gradient` — ``softmax_ce_gradient(Y, Z)``: el gradiente de la
  entropía cruzada media de softmax respecto de los logits, :math:`(S - Y)/N` (demostración).
* :func:`check_train_two_layer` — ``train_two_layer(X, y)``: entrenar con su propia
  retropropagación una red tanh → sigmoide y clasificar puntos que no vio (proyecto).

Todas reciben el espacio de nombres del cuaderno: ``check_neuron_gradient(globals())``.
"""
from __future__ import annotations

import math

import numpy as np

from . import MISSING, Feedback, describe
from ._reference import case_label as _label, sigmoid as _sigmoid, softmax as _softmax

__all__ = ["NEURON_EXAMPLE", "DIFFERENCE_EXAMPLE", "MLP_EXAMPLE", "SOFTMAX_CE_EXAMPLE", "TWO_LAYER_THRESHOLD", "sphere_data",
           "check_neuron_gradient", "check_central_difference", "check_mlp_backward",
           "check_softmax_ce_gradient", "check_train_two_layer"]


def _pair(fb, got, label, shapes, what):
    """Los elementos de la tupla ``got`` como arreglos de las formas ``shapes``, o :data:`MISSING`."""
    if not isinstance(got, (tuple, list)) or len(got) != len(shapes):
        fb.fail(f"{label} devuelve {describe(got)}.", hint=f"devuelva {what}.")
        return MISSING
    arrays = []
    for value, shape, name in zip(got, shapes, what.replace("la pareja ", "").strip("()").split(", ")):
        a = fb.array(value, label=f"{name} de {label}")
        if a is MISSING:
            return MISSING
        if a.size == int(np.prod(shape)) and a.shape != shape:
            a = a.reshape(shape)
        if a.shape != shape:
            fb.fail(f"{name} de {label} tiene forma {a.shape}.",
                    hint=f"{name} tiene la forma de su parámetro: {shape}.")
            return MISSING
        arrays.append(a)
    return arrays


# ======================================================================================
# Ejercicio 1. El gradiente de una neurona sigmoide
# ======================================================================================
#: El ejemplo del enunciado: dos entradas, el objetivo t = 1.
NEURON_EXAMPLE = ([1.0, 2.0], [0.5, -0.25], 0.0, 1.0)


def _neuron_case(rng):
    n = int(rng.integers(3, 7))                                   # el ejemplo tiene 2 entradas
    return (np.round(rng.normal(size=n), 2), np.round(rng.normal(size=n), 2), float(np.round(rng.normal(), 2)),
            float(rng.integers(0, 2)))


def check_neuron_gradient(namespace):
    """Comprueba ``neuron_gradient(x, w, b, t)`` = ``((o − t) o (1 − o) x, (o − t) o (1 − o))``."""
    fb = Feedback("el gradiente de una neurona", namespace)
    gradient = fb.function("neuron_gradient", params=("x", "w", "b", "t"))
    if gradient is MISSING:
        return fb.done()
    example = (np.array(NEURON_EXAMPLE[0]), np.array(NEURON_EXAMPLE[1]), *NEURON_EXAMPLE[2:])
    for i, (x, w, b, t) in enumerate(fb.cases(example, _neuron_case, n=5)):
        case = _label(i, f"{len(x)} entradas")
        label = f"neuron_gradient(x, w, b, t) con {case}"
        got = fb.call(gradient, x, w, b, t, label=label)
        pair = MISSING if got is MISSING else _pair(fb, got, label, [(len(x),), ()], "la pareja (dw, db)")
        if pair is MISSING:
            return fb.done()
        dw, db = pair
        o = float(_sigmoid(x @ w + b))
        delta = (o - t) * o * (1 - o)
        mistakes = [(-delta * x, "revise el signo: ∂E/∂o = o − t, no t − o."),
                    ((o - t) * x, "falta la derivada de la sigmoide, o·(1 − o), en la regla de la cadena."),
                    (2 * delta * x, "sobra un factor 2: la derivada de ½(o − t)² es (o − t)."),
                    ((o - t) * x * (x @ w + b) * (1 - (x @ w + b)), "la derivada de la sigmoide se escribe con la "
                                                                     "salida o = σ(z), no con z: o·(1 − o)."),
                    (delta * w, "∂z/∂w es x, la entrada, no w: dw = δ·x.")]
        if not fb.compare(dw, delta * x, label="dw", case=case, reveal=i > 0, mistakes=mistakes,
                          hint="δ = (o − t)·o·(1 − o) con o = σ(x·w + b); dw = δ·x y db = δ."):
            return fb.done()
        if not fb.compare(db, delta, label="db", case=case, reveal=i > 0,
                          mistakes=[(-delta, "revise el signo de db: es el mismo δ que en dw."),
                                    (float(np.sum(delta * x)), "db no lleva x: ∂z/∂b = 1, así que db = δ."),
                                    (o - t, "falta la derivada de la sigmoide en db: db = (o − t)·o·(1 − o).")],
                          hint="db = δ = (o − t)·o·(1 − o)."):
            return fb.done()
    fb.ok("neuron_gradient acierta en el ejemplo del enunciado y en 5 neuronas nuevas al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 2. Diferencias centradas
# ======================================================================================
#: El ejemplo del enunciado: f(x) = x³ en x = 2 con h = 0.001.
DIFFERENCE_EXAMPLE = (2.0, 1e-3)


def _cubic(a, b, c):
    def f(x):
        return a * x ** 3 + b * x ** 2 + c * math.sin(x)
    return f, lambda x: 3 * a * x ** 2 + 2 * b * x + c * math.cos(x)


def check_central_difference(namespace):
    """Comprueba ``central_difference(f, x, h)`` = ``(f(x + h) − f(x − h)) / (2h)``."""
    fb = Feedback("diferencias centradas", namespace)
    difference = fb.function("central_difference", params=("f", "x", "h"))
    if difference is MISSING:
        return fb.done()
    rng = fb.rng()
    cases = [(lambda x: x ** 3, lambda x: 3 * x ** 2, *DIFFERENCE_EXAMPLE, "el ejemplo del enunciado")]
    for _ in range(5):
        a, b, c = (float(np.round(v, 2)) for v in rng.uniform(0.5, 3.0, size=3))
        x, h = float(np.round(rng.uniform(-2.0, 2.0), 3)), float(rng.choice([1e-2, 1e-3, 1e-4]))
        cases.append((*_cubic(a, b, c), x, h, f"f(x) = {a}·x³ + {b}·x² + {c}·sen(x) en x = {x} con h = {h:g}"))
    for i, (f, exact, x, h, case) in enumerate(cases):
        got = fb.call(difference, f, x, h, label=f"central_difference(f, x, h) con {case}")
        value = MISSING if got is MISSING else fb.number(got, label=f"central_difference(f, x, h) con {case}")
        if value is MISSING:
            return fb.done()
        expected = (f(x + h) - f(x - h)) / (2 * h)
        mistakes = [((f(x + h) - f(x)) / h, "eso es la diferencia hacia adelante, (f(x + h) − f(x)) / h, con un "
                                            "error del orden de h; la centrada evalúa f a los dos lados: "
                                            "(f(x + h) − f(x − h)) / (2h)."),
                    ((f(x + h) - f(x - h)) / h, "divida entre 2h, la distancia entre x − h y x + h, no entre h."),
                    ((f(x - h) - f(x + h)) / (2 * h), "revise el signo: f(x + h) − f(x − h), en ese orden."),
                    ((f(x) - f(x - h)) / h, "eso es la diferencia hacia atrás; la centrada usa x + h y x − h."),
                    (exact(x), "eso es la derivada exacta, escrita a mano para esta f; la función debe servir para "
                               "cualquier f: evalúe f en x + h y en x − h.")]
        if not fb.compare(value, expected, label="central_difference(f, x, h)", case=case, reveal=i > 0,
                          mistakes=mistakes, atol=1e-9, rtol=1e-9,
                          hint="devuelva (f(x + h) − f(x − h)) / (2 * h), con la f y la h que recibe."):
            return fb.done()
    fb.ok("central_difference acierta con x³ y con 5 funciones nuevas al azar, en otros puntos y con otras h.")
    return fb.done()


# ======================================================================================
# Ejercicio 3. El paso hacia atrás de una red de dos capas
# ======================================================================================
#: El ejemplo del enunciado: 3 ejemplos con 2 entradas, 2 neuronas tanh y 1 salida lineal.
MLP_EXAMPLE = {
    "X": [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]],
    "T": [[1.0], [0.0], [0.5]],
    "W1": [[0.5, -0.5], [0.25, 1.0]],
    "b1": [0.0, 0.1],
    "W2": [[1.0], [-1.0]],
    "b2": [0.2],
}
_GRAD_NAMES = ("W1", "b1", "W2", "b2")


def _mlp_case(rng):
    N, n, h, m = (int(rng.integers(4, 8)), int(rng.integers(3, 5)), int(rng.integers(3, 6)), int(rng.integers(2, 4)))
    r = lambda *shape: np.round(rng.normal(scale=0.7, size=shape), 2)  # noqa: E731
    return {"X": r(N, n), "T": r(N, m), "W1": r(n, h), "b1": r(h), "W2": r(h, m), "b2": r(m)}


def _mlp_grads(p, *, scale=None, tanh_prime=None, transpose=False):
    X, T, W1, b1, W2, b2 = (p[k] for k in ("X", "T", "W1", "b1", "W2", "b2"))
    Z1 = X @ W1 + b1
    A1 = np.tanh(Z1)
    Y = A1 @ W2 + b2
    dY = (Y - T) * (2.0 / Y.size if scale is None else scale(Y))
    dZ1 = (dY @ W2.T) * (1 - A1 ** 2 if tanh_prime is None else tanh_prime(Z1, A1))
    grads = {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dY, "b2": dY.sum(axis=0)}
    return grads


def _grads_dict(fb, got, p, label):
    if not isinstance(got, dict):
        fb.fail(f"{label} devuelve {describe(got)}.",
                hint='devuelva un diccionario {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}.')
        return MISSING
    missing = [k for k in _GRAD_NAMES if k not in got]
    if missing:
        other = {str(k).lower(): k for k in got}
        hint = ("las claves van como en el enunciado, con W mayúscula: «W1», «b1», «W2», «b2»."
                if any(k.lower() in other for k in missing) else
                'el diccionario lleva las cuatro claves «W1», «b1», «W2» y «b2».')
        fb.fail(f"al diccionario de {label} le falta «{missing[0]}».", hint=hint)
        return MISSING
    out = {}
    for k in _GRAD_NAMES:
        shape = np.shape(p[k])
        a = fb.array(got[k], label=f"«{k}» de {label}")
        if a is MISSING:
            return MISSING
        if a.shape != shape:
            hint = (f"«{k}» está traspuesto: el gradiente tiene la forma de su parámetro, {shape}."
                    if a.shape == shape[::-1] else f"el gradiente de {k} tiene la forma de {k}: {shape}.")
            fb.fail(f"«{k}» de {label} tiene forma {a.shape}.", hint=hint)
            return MISSING
        out[k] = a
    return out


def check_mlp_backward(namespace):
    """Comprueba ``mlp_backward(X, T, W1, b1, W2, b2)``: los gradientes de la ``mse`` en una red tanh → lineal."""
    fb = Feedback("el paso hacia atrás de una red de dos capas", namespace)
    backward = fb.function("mlp_backward", params=("X", "T", "W1", "b1", "W2", "b2"))
    if backward is MISSING:
        return fb.done()
    example = {k: np.array(v) for k, v in MLP_EXAMPLE.items()}
    for i, p in enumerate(fb.cases(example, _mlp_case, n=4)):
        case = _label(i, f"X de forma {p['X'].shape}, {p['W1'].shape[1]} neuronas ocultas y {p['T'].shape[1]} salidas")
        label = f"mlp_backward(...) con {case}"
        got = fb.call(backward, *(p[k] for k in ("X", "T", "W1", "b1", "W2", "b2")), label=label)
        grads = MISSING if got is MISSING else _grads_dict(fb, got, p, label)
        if grads is MISSING:
            return fb.done()
        right = _mlp_grads(p)
        N = len(p["X"])
        variants = [
            (_mlp_grads(p, scale=lambda Y: 2.0), "la mse es una media: divida entre N·K (ejemplos por salidas), "
                                                 "no sume."),
            (_mlp_grads(p, scale=lambda Y: 2.0 / N), "la mse de Keras promedia también las salidas: divida entre "
                                                     "N·K, no solo entre N."),
            (_mlp_grads(p, scale=lambda Y: 1.0 / Y.size), "falta el 2 de la derivada de (y − t)²."),
            (_mlp_grads(p, tanh_prime=lambda Z, A: 1 - Z ** 2), "la derivada de tanh es 1 − tanh²(z) = 1 − A1², "
                                                                "con la activación, no con z."),
            (_mlp_grads(p, tanh_prime=lambda Z, A: np.ones_like(Z)), "falta multiplicar por la derivada de tanh, "
                                                                     "1 − A1², al volver a la capa oculta."),
            (_mlp_grads(p, scale=lambda Y: -2.0 / Y.size), "revise el signo: ∂E/∂Y = 2(Y − T)/(N·K)."),
        ]
        for k in _GRAD_NAMES:
            if not fb.compare(grads[k], right[k], label=f"«{k}»", case=case, reveal=i > 0,
                              mistakes=[(g[k], hint) for g, hint in variants],
                              hint="δ2 = 2(Y − T)/(N·K); dW2 = A1ᵀ δ2, db2 = suma de δ2 por columnas; "
                                   "δ1 = (δ2 W2ᵀ)·(1 − A1²); dW1 = Xᵀ δ1, db1 = suma de δ1 por columnas."):
                return fb.done()
    fb.ok("mlp_backward acierta los cuatro gradientes en el ejemplo del enunciado y en 4 redes nuevas al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 4. Softmax y entropía cruzada: (S − Y)/N (demostración)
# ======================================================================================
#: El ejemplo del enunciado: dos ejemplos, tres clases.
SOFTMAX_CE_EXAMPLE = ([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], [[2.0, 1.0, 0.0], [0.5, 0.5, -1.0]])


def _ce_case(rng):
    N, K = int(rng.integers(3, 7)), int(rng.integers(4, 7))
    Y = np.eye(K)[rng.integers(0, K, size=N)]
    return Y, np.round(rng.normal(scale=1.5, size=(N, K)), 2)


def check_softmax_ce_gradient(namespace):
    """Comprueba ``softmax_ce_gradient(Y, Z)`` = ``(softmax(Z) − Y) / N``."""
    fb = Feedback("softmax y entropía cruzada", namespace)
    gradient = fb.function("softmax_ce_gradient", params=("Y", "Z"))
    if gradient is MISSING:
        return fb.done()
    example = tuple(np.array(v) for v in SOFTMAX_CE_EXAMPLE)
    for i, (Y, Z) in enumerate(fb.cases(example, _ce_case, n=5)):
        case = _label(i, f"Z de forma {Z.shape}")
        label = f"softmax_ce_gradient(Y, Z) con {case}"
        got = fb.call(gradient, Y, Z, label=label)
        out = MISSING if got is MISSING else fb.array(got, shape=Z.shape, label=label)
        if out is MISSING:
            return fb.done()
        S, N = _softmax(Z), len(Z)
        mistakes = [(S - Y, "la pérdida es la media de los N ejemplos: divida entre N."),
                    ((Y - S) / N, "revise el signo: el gradiente es (S − Y)/N, positivo donde la red da de más."),
                    ((Z - Y) / N, "falta softmax: el gradiente usa las probabilidades S = softmax(Z), no los logits."),
                    ((S - Y) / Z.size, "divida entre N, el número de ejemplos, no entre N·K: la entropía cruzada "
                                       "suma las clases de cada ejemplo."),
                    (-Y / S / N, "eso es ∂L/∂S; falta pasar por la jacobiana de softmax, y todo se simplifica en "
                                 "(S − Y)/N.")]
        if not fb.compare(out, (S - Y) / N, label="softmax_ce_gradient(Y, Z)", case=case, reveal=i > 0,
                          mistakes=mistakes, hint="calcule S = softmax(Z) fila a fila y devuelva (S − Y) / N."):
            return fb.done()
    fb.ok("softmax_ce_gradient acierta en el ejemplo del enunciado y en 5 lotes nuevos al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 5. Proyecto: entrenar con su propia retropropagación
# ======================================================================================
#: Exactitud mínima con los puntos nuevos (dentro o fuera de una esfera, la mitad de cada clase).
#: Medido en 18 conjuntos de 2 y 3 dimensiones: la mejor frontera recta (regresión logística)
#: acierta 0.62 de media y 0.68 como mucho; la red de la solución, 0.96 de media y 0.92 como poco.
TWO_LAYER_THRESHOLD = 0.85


def _sphere_data(rng, d, n):
    X = rng.uniform(-1.0, 1.0, size=(n, d))
    radius = np.median(np.linalg.norm(rng.uniform(-1.0, 1.0, size=(4000, d)), axis=1))
    center = np.round(rng.uniform(-0.2, 0.2, size=d), 2)
    y = (np.linalg.norm(X - center, axis=1) < radius).astype(float)
    return X, y


def sphere_data(seed, d, n_train, n_new):
    """Puntos uniformes en el cubo [−1, 1]^d, clase 1 dentro de una esfera (la mitad): entrenamiento y nuevos.

    Devuelve ``X, y, X_new, y_new``. Es la fuente de datos del proyecto del banco.
    """
    rng = np.random.default_rng(seed)
    X, y = _sphere_data(rng, d, n_train + n_new)
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


def _predict(params, X):
    return _sigmoid(np.tanh(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]).ravel()


def _trained_params(fb, got, d, label):
    if not isinstance(got, dict) or any(k not in got for k in _GRAD_NAMES):
        fb.fail(f"{label} devuelve {describe(got)}.",
                hint='devuelva los pesos entrenados en un diccionario {"W1": W1, "b1": b1, "W2": W2, "b2": b2}.')
        return MISSING
    out = {k: fb.array(got[k], label=f"«{k}» de {label}") for k in _GRAD_NAMES}
    if any(v is MISSING for v in out.values()):
        return MISSING
    W1, b1, W2, b2 = (out[k] for k in _GRAD_NAMES)
    h = W1.shape[1] if W1.ndim == 2 else -1
    if W1.shape != (d, h) or b1.shape != (h,) or W2.shape not in ((h, 1), (h,)) or b2.size != 1:
        fb.fail(f"{label} devuelve pesos de formas {W1.shape}, {b1.shape}, {W2.shape} y {b2.shape}.",
                hint=f"con h neuronas ocultas y {d} entradas: W1 ({d}, h), b1 (h,), W2 (h, 1) y b2 (1,).")
        return MISSING
    out["W2"], out["b2"] = W2.reshape(h, 1), b2.reshape(1)
    return out


def check_train_two_layer(namespace):
    """Comprueba ``train_two_layer(X, y)`` con puntos que la red no vio, en 2 y en 3 dimensiones."""
    fb = Feedback("proyecto: entrenar con su propia retropropagación", namespace)
    train = fb.function("train_two_layer", params=("X", "y"))
    if train is MISSING:
        return fb.done()
    rng = fb.rng()
    cases = [(sphere_data(0, 2, 300, 500), "el ejemplo del enunciado"),
             (sphere_data(int(rng.integers(1, 10**6)), 3, int(rng.integers(380, 420)), 500),
              "puntos nuevos al azar en 3 dimensiones")]
    for (X, y, X_new, y_new), case in cases:
        label = f"train_two_layer(X, y) con {case}"
        got = fb.call(train, X, y, label=label, timeout=60)
        params = MISSING if got is MISSING else _trained_params(fb, got, X.shape[1], label)
        if params is MISSING:
            return fb.done()
        p = _predict(params, X_new)
        if not np.all(np.isfinite(p)):
            fb.fail(f"con {case}, los pesos entrenados dan NaN o infinitos.",
                    hint="el entrenamiento divergió: baje la tasa de aprendizaje.")
            return fb.done()
        accuracy = float(np.mean((p >= 0.5) == y_new))
        if accuracy <= 1.0 - TWO_LAYER_THRESHOLD:
            fb.fail(f"con {case}, la red acierta menos del {100 * (1 - TWO_LAYER_THRESHOLD):.0f} %: las clases están "
                    "al revés.",
                    hint="revise el signo de los gradientes: el paso es W = W − tasa·dW, y δ de la salida es p − y.")
            return fb.done()
        if accuracy < TWO_LAYER_THRESHOLD:
            fb.fail(f"con {case}, la red acierta menos del {100 * TWO_LAYER_THRESHOLD:.0f} % de los puntos nuevos.",
                    hint="compruebe sus gradientes con diferencias finitas (sección del capítulo), use al menos 8 "
                         "neuronas ocultas con pesos iniciales al azar (no ceros) y entrene hasta que la pérdida "
                         "deje de bajar; una tasa de 0.5 a 2 con todos los ejemplos a la vez suele ir bien.")
            return fb.done()
    fb.ok(f"train_two_layer entrena una red que acierta al menos el {100 * TWO_LAYER_THRESHOLD:.0f} % de los puntos "
          "que no vio, en 2 y en 3 dimensiones.")
    return fb.done()
