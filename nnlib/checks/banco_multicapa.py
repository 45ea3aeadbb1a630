r"""Comprobaciones del banco de ejercicios del capítulo 2, «Redes multicapa y funciones de activación».

* :func:`check_softmax_rows` — ``softmax_rows(Z)``: softmax fila a fila, estable con
  números grandes (se resta el máximo de cada fila).
* :func:`check_leaky_relu` — ``leaky_relu(z, alpha)``: :math:`z` si :math:`z > 0`;
  :math:`\alpha z` si no.
* :func:`check_softmax_to_sigmoid` — ``softmax_to_sigmoid(W, b)``: la neurona sigmoide
  ``(w, c)`` que da la misma probabilidad de la clase 1 que una capa ``Dense(2, softmax)``.
* :func:`check_relu_interpolant` — ``relu_interpolant(xs, ys)``: una red 1 → h → 1 con ReLU
  que pasa por los puntos dados y es lineal entre ellos (demostración constructiva).
* :func:`check_moons_classifier` — ``moons_classifier(X_train, y_train, X_new)``: entrenar
  una red para las dos lunas y clasificar ejemplos que no vio (proyecto).

Todas reciben el espacio de nombres del cuaderno: ``check_softmax_rows(globals())``.
"""
from __future__ import annotations

import numpy as np

from nnlib import datasets

from . import MISSING, Feedback, describe
from ._reference import case_label as _label, sigmoid as _sigmoid, softmax as _softmax

__all__ = ["SOFTMAX_EXAMPLE", "LEAKY_EXAMPLE", "SOFTMAX_LAYER_EXAMPLE", "INTERPOLANT_EXAMPLE",
           "MOONS_THRESHOLD", "check_softmax_rows", "check_leaky_relu", "check_softmax_to_sigmoid",
           "check_relu_interpolant", "check_moons_classifier"]


# ======================================================================================
# Ejercicio 1. Softmax fila a fila, sin desbordarse
# ======================================================================================
#: El ejemplo del enunciado: dos ejemplos con tres logits; el segundo, con números grandes.
SOFTMAX_EXAMPLE = [[2.0, 1.0, -1.0], [1000.0, 1000.0, 0.0]]


def _softmax_case(rng):
    # Otra forma que el ejemplo (2 × 3), y una fila con números muy grandes o muy negativos.
    n, k = int(rng.integers(3, 7)), int(rng.integers(4, 7))
    Z = np.round(rng.normal(scale=2.0, size=(n, k)), 2)
    Z[int(rng.integers(n))] += float(rng.choice([-1.0, 1.0])) * float(rng.uniform(800.0, 1200.0))
    return Z


def _softmax_mistakes(Z):
    with np.errstate(all="ignore"):
        return [
            (_softmax(Z, axis=0), "softmax va fila a fila (un ejemplo por fila): use axis=1 al buscar el máximo "
                                  "y al sumar, no axis=0."),
            (np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(), "cada fila es un ejemplo y debe sumar 1 por sí "
                                                              "sola: sume con axis=1 y keepdims=True, no toda "
                                                              "la matriz."),
            (_sigmoid(Z), "eso es la sigmoide elemento a elemento: softmax divide cada exponencial entre la suma "
                          "de las de su fila."),
            (np.exp(Z - Z.max(axis=1, keepdims=True)), "falta dividir entre la suma de cada fila: las "
                                                        "probabilidades deben sumar 1."),
        ]


def check_softmax_rows(namespace):
    """Comprueba ``softmax_rows(Z)``: softmax de cada fila de ``Z``, sin NaN con números grandes."""
    fb = Feedback("softmax fila a fila", namespace)
    softmax_rows = fb.function("softmax_rows", params=("Z",))
    if softmax_rows is MISSING:
        return fb.done()
    for i, Z in enumerate(fb.cases(np.array(SOFTMAX_EXAMPLE), _softmax_case, n=5)):
        case = _label(i, f"Z de forma {Z.shape}")
        got = fb.call(softmax_rows, Z, label=f"softmax_rows(Z) con {case}")
        if got is MISSING:
            return fb.done()
        if isinstance(got, np.ndarray) and got.shape == Z.shape and got.dtype.kind == "f" \
                and not np.all(np.isfinite(got)):
            fb.fail(f"softmax_rows(Z) con {case} devuelve NaN o infinitos.",
                    hint="np.exp(1000) se desborda: reste a cada fila su máximo antes de la exponencial, "
                         "Z - Z.max(axis=1, keepdims=True); el resultado no cambia y nada se desborda.")
            return fb.done()
        out = fb.array(got, shape=Z.shape, label=f"softmax_rows(Z) con {case}")
        if out is MISSING:
            return fb.done()
        if not fb.compare(out, _softmax(Z), label="softmax_rows(Z)", case=case, reveal=i > 0,
                          mistakes=_softmax_mistakes(Z),
                          hint="para cada fila: reste su máximo, aplique np.exp y divida entre la suma de la "
                               "fila."):
            return fb.done()
    fb.ok("softmax_rows acierta en el ejemplo del enunciado y en 5 matrices nuevas al azar, "
          "también con logits de cientos sin desbordarse.")
    return fb.done()


# ======================================================================================
# Ejercicio 2. Leaky ReLU
# ======================================================================================
#: El ejemplo del enunciado: cinco valores y la pendiente de Keras.
LEAKY_EXAMPLE = ([-2.0, -0.5, 0.0, 1.0, 3.0], 0.2)


def _leaky_case(rng):
    shape = (int(rng.integers(6, 10)),) if rng.random() < 0.5 else (int(rng.integers(2, 4)), int(rng.integers(3, 6)))
    z = np.round(rng.normal(scale=3.0, size=shape), 2)
    alpha = float(rng.choice([0.01, 0.05, 0.1, 0.3]))
    return z, alpha


def check_leaky_relu(namespace):
    """Comprueba ``leaky_relu(z, alpha)`` elemento a elemento, con cualquier forma y cualquier pendiente."""
    fb = Feedback("leaky ReLU", namespace)
    leaky = fb.function("leaky_relu", params=("z", "alpha"))
    if leaky is MISSING:
        return fb.done()
    example = (np.array(LEAKY_EXAMPLE[0]), LEAKY_EXAMPLE[1])
    for i, (z, alpha) in enumerate(fb.cases(example, _leaky_case, n=5)):
        case = _label(i, f"z de forma {z.shape} y alpha = {alpha}")
        got = fb.call(leaky, z, alpha, label=f"leaky_relu(z, alpha) con {case}")
        out = MISSING if got is MISSING else fb.array(got, shape=z.shape, label=f"leaky_relu(z, alpha) con {case}")
        if out is MISSING:
            return fb.done()
        expected = np.where(z > 0, z, alpha * z)
        mistakes = [
            (np.maximum(z, 0.0), "eso es la ReLU: en leaky ReLU los negativos no pasan a 0, se multiplican por alpha."),
            (np.where(z > 0, alpha * z, z), "alpha multiplica a los negativos, no a los positivos."),
            (np.maximum(alpha, z), "np.maximum(alpha, z) compara z con el número alpha: lo que se compara es z "
                                   "con alpha * z, np.where(z > 0, z, alpha * z)."),
            (np.where(z > 0, z, 0.2 * z), "use el parámetro alpha, no un 0.2 escrito a mano."),
            (np.where(z > 0, z, 0.01 * z), "use el parámetro alpha, no el 0.01 de PyTorch escrito a mano."),
            (np.where(z > 0, z, -alpha * z), "revise el signo: para z < 0 la salida es alpha * z, negativa."),
            (np.where(z > 0, 1.0, alpha), "eso es la derivada; el ejercicio pide el valor de la función."),
        ]
        if not fb.compare(out, expected, label="leaky_relu(z, alpha)", case=case, reveal=i > 0, mistakes=mistakes,
                          hint="devuelva np.where(z > 0, z, alpha * z)."):
            return fb.done()
    fb.ok("leaky_relu acierta en el ejemplo del enunciado y en 5 casos nuevos al azar, con otras formas y "
          "otras pendientes.")
    return fb.done()


# ======================================================================================
# Ejercicio 3. De softmax con dos salidas a una sigmoide
# ======================================================================================
#: El ejemplo del enunciado: una capa Dense(2, softmax) con 3 entradas.
SOFTMAX_LAYER_EXAMPLE = ([[1.0, -1.0], [0.5, 2.0], [-0.5, 0.0]], [0.25, -0.75])


def _layer_case(rng):
    n = int(rng.integers(4, 8))                                   # el ejemplo tiene 3 entradas
    return np.round(rng.normal(size=(n, 2)), 2), np.round(rng.normal(size=2), 2)


def _sigmoid_pair(fb, got, n, case):
    """``(w, c)`` como arreglo de forma (n,) y número, o :data:`MISSING` con su pista."""
    label = f"softmax_to_sigmoid(W, b) con {case}"
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fb.fail(f"{label} devuelve {describe(got)}.",
                hint="devuelva la pareja (w, c): return w, c.")
        return MISSING
    w = fb.array(got[0], label=f"w de {label}")
    if w is MISSING:
        return MISSING
    if w.shape == (n, 1):
        w = w.ravel()
    if w.shape != (n,):
        fb.fail(f"w de {label} tiene forma {w.shape}.",
                hint=f"w tiene un peso por entrada: forma ({n},), una columna de W menos la otra.")
        return MISSING
    c = fb.array(got[1], label=f"c de {label}")
    if c is MISSING:
        return MISSING
    if c.size != 1:
        fb.fail(f"c de {label} tiene {c.size} números.",
                hint="c es un solo número: la diferencia de los dos sesgos.")
        return MISSING
    return w, float(c.ravel()[0])


def check_softmax_to_sigmoid(namespace):
    """Comprueba ``softmax_to_sigmoid(W, b)``: ``w = W[:, 1] - W[:, 0]`` y ``c = b[1] - b[0]``."""
    fb = Feedback("de softmax a sigmoide", namespace)
    convert = fb.function("softmax_to_sigmoid", params=("W", "b"))
    if convert is MISSING:
        return fb.done()
    example = tuple(np.array(v) for v in SOFTMAX_LAYER_EXAMPLE)
    rng = fb.rng()
    for i, (W, b) in enumerate([example] + [_layer_case(rng) for _ in range(4)]):
        case = _label(i, f"W de forma {W.shape}")
        got = fb.call(convert, W, b, label=f"softmax_to_sigmoid(W, b) con {case}")
        pair = MISSING if got is MISSING else _sigmoid_pair(fb, got, W.shape[0], case)
        if pair is MISSING:
            return fb.done()
        w, c = pair
        right_w, right_c = W[:, 1] - W[:, 0], b[1] - b[0]
        if not fb.compare(w, right_w, label="w", case=case, reveal=i > 0,
                          mistakes=[(-right_w, "el orden está al revés: P(clase 1) = σ(z₁ − z₀), así que "
                                               "w = W[:, 1] − W[:, 0]."),
                                    (W[:, 1], "falta restar la columna de la clase 0: w = W[:, 1] − W[:, 0]."),
                                    (W[:, 1] + W[:, 0], "las columnas se restan, no se suman: softmax de dos "
                                                        "números depende solo de su diferencia.")],
                          hint="P(clase 1) = σ(z₁ − z₀), y z₁ − z₀ = x · (W[:, 1] − W[:, 0]) + (b[1] − b[0])."):
            return fb.done()
        if not fb.compare(c, right_c, label="c", case=case, reveal=i > 0,
                          mistakes=[(-right_c, "el orden está al revés: c = b[1] − b[0]."),
                                    (b[1], "falta restar el sesgo de la clase 0: c = b[1] − b[0]."),
                                    (b[1] + b[0], "los sesgos se restan, no se suman: c = b[1] − b[0].")],
                          hint="c = b[1] − b[0]."):
            return fb.done()
        X = rng.normal(size=(7, W.shape[0]))
        if not np.allclose(_sigmoid(X @ w + c), _softmax(X @ W + b)[:, 1], atol=1e-9):  # pragma: no cover
            fb.fail("la sigmoide no reproduce la probabilidad de la clase 1.", hint="revise w y c.")
            return fb.done()
    fb.ok("softmax_to_sigmoid acierta en el ejemplo y en 4 capas nuevas al azar: la sigmoide da la misma "
          "probabilidad de la clase 1 que softmax.")
    return fb.done()


# ======================================================================================
# Ejercicio 4. Una red ReLU que pasa por unos puntos (demostración)
# ======================================================================================
#: El ejemplo del enunciado: cuatro puntos de la parábola y = x².
INTERPOLANT_EXAMPLE = ([-1.0, 0.0, 1.0, 2.0], [1.0, 0.0, 1.0, 4.0])


def _interp_case(rng):
    n = int(rng.integers(5, 9))                                   # el ejemplo tiene 4 puntos
    xs = np.sort(np.round(rng.uniform(-3.0, 3.0, size=n), 2))
    while np.any(np.diff(xs) < 0.1):
        xs = np.sort(np.round(rng.uniform(-3.0, 3.0, size=n), 2))
    return xs, np.round(rng.normal(size=n), 2)


def _net(params, x):
    W1, b1, W2, b2 = params
    return (np.maximum(0.0, x.reshape(-1, 1) @ W1 + b1) @ W2 + b2).ravel()


def _interp_params(fb, got, case, n):
    label = f"relu_interpolant(xs, ys) con {case}"
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        fb.fail(f"{label} devuelve {describe(got)}.",
                hint="devuelva los cuatro arreglos de la red: return W1, b1, W2, b2.")
        return MISSING
    arrays = []
    for name, value in zip(("W1", "b1", "W2", "b2"), got):
        a = fb.array(value, label=f"{name} de {label}")
        if a is MISSING:
            return MISSING
        arrays.append(a)
    W1, b1, W2, b2 = arrays
    h = W1.shape[-1] if W1.ndim == 2 else -1
    if W1.shape != (1, h) or b1.shape != (h,) or W2.shape != (h, 1) or b2.shape != (1,):
        fb.fail(f"{label} devuelve arreglos de formas {W1.shape}, {b1.shape}, {W2.shape} y {b2.shape}.",
                hint="con h neuronas ocultas, como en Dense: W1 (1, h), b1 (h,), W2 (h, 1) y b2 (1,).")
        return MISSING
    if h > n:
        fb.fail(f"{label} usa {h} neuronas ocultas para {n} puntos.",
                hint="basta una neurona por cada cambio de pendiente: n − 1 neuronas (o n), no más.")
        return MISSING
    return W1, b1, W2, b2


def check_relu_interpolant(namespace):
    """Comprueba ``relu_interpolant(xs, ys)``: la red pasa por los puntos y es lineal entre ellos."""
    fb = Feedback("una red ReLU que pasa por unos puntos", namespace)
    build = fb.function("relu_interpolant", params=("xs", "ys"))
    if build is MISSING:
        return fb.done()
    example = tuple(np.array(v) for v in INTERPOLANT_EXAMPLE)
    for i, (xs, ys) in enumerate(fb.cases(example, _interp_case, n=4)):
        case = _label(i, f"{len(xs)} puntos nuevos al azar")
        got = fb.call(build, xs, ys, label=f"relu_interpolant(xs, ys) con {case}")
        params = MISSING if got is MISSING else _interp_params(fb, got, case, len(xs))
        if params is MISSING:
            return fb.done()
        at_points = _net(params, xs)
        if not fb.compare(at_points, ys, label="la red en los puntos xs", case=case, reveal=i > 0,
                          mistakes=[(ys - ys[0], "falta el valor de partida: b2 debe valer ys[0], la altura del "
                                                 "primer punto.")],
                          hint="a la derecha de xs[k], la neurona relu(x − xs[k]) añade una pendiente; su peso de "
                               "salida es la pendiente nueva menos la anterior."):
            return fb.done()
        middles = (xs[:-1] + xs[1:]) / 2
        if not fb.compare(_net(params, middles), (ys[:-1] + ys[1:]) / 2, label="la red entre dos puntos seguidos",
                          case=case, reveal=i > 0,
                          hint="entre dos puntos la red debe ser una recta: ninguna neurona puede doblarse dentro "
                               "de un tramo; ponga cada codo exactamente en un xs[k] (peso 1 y sesgo −xs[k])."):
            return fb.done()
    fb.ok("relu_interpolant construye, en el ejemplo y en 4 casos nuevos al azar, una red ReLU con una capa "
          "oculta que pasa por cada punto y es una recta entre cada dos.")
    return fb.done()


# ======================================================================================
# Ejercicio 5. Proyecto: las dos lunas con datos que la red no vio
# ======================================================================================
#: Exactitud mínima en los ejemplos nuevos. Medido en 14 conjuntos de las lunas con ruido 0.2:
#: una frontera recta (regresión logística) acierta 0.86 de media y 0.89 como mucho; la red de la
#: solución, 0.97 de media y 0.93 como poco.
MOONS_THRESHOLD = 0.90


def _moons_case(seed, n_train, n_new):
    X, y = datasets.moons(n_train + n_new, noise=0.2, seed=seed)
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


def check_moons_classifier(namespace):
    """Comprueba ``moons_classifier(X_train, y_train, X_new)`` con ejemplos que la función no vio."""
    fb = Feedback("proyecto: las dos lunas", namespace)
    classify = fb.function("moons_classifier", params=("X_train", "y_train", "X_new"))
    if classify is MISSING:
        return fb.done()
    rng = fb.rng()
    cases = [(_moons_case(0, 200, 300), "el ejemplo del enunciado"),
             (_moons_case(int(rng.integers(1, 10**6)), int(rng.integers(220, 260)), int(rng.integers(310, 400))),
              "unas lunas nuevas al azar")]
    for (X_train, y_train, X_new, y_new), case in cases:
        label = f"moons_classifier(X_train, y_train, X_new) con {case}"
        got = fb.call(classify, X_train, y_train, X_new, label=label, timeout=60)
        if got is MISSING:
            return fb.done()
        if isinstance(got, np.ndarray) and got.ndim == 2 and got.shape == (len(X_new), 1):
            got = got.ravel()
        pred = fb.array(got, shape=(len(X_new),), label=label)
        if pred is MISSING:
            return fb.done()
        if not np.all(np.isin(pred, (0.0, 1.0))):
            fb.fail(f"{label} devuelve números que no son 0 ni 1.",
                    hint="predict da probabilidades: conviértalas en clases con (p >= 0.5).astype(int).")
            return fb.done()
        accuracy = float(np.mean(pred == y_new))
        if accuracy <= 1.0 - MOONS_THRESHOLD:
            fb.fail(f"con {case}, las clases están invertidas: acierta menos del {100 * (1 - MOONS_THRESHOLD):.0f} %.",
                    hint="la clase 1 es la probabilidad alta: prediga 1 cuando p >= 0.5.")
            return fb.done()
        if accuracy < MOONS_THRESHOLD:
            fb.fail(f"con {case}, la red acierta menos del {100 * MOONS_THRESHOLD:.0f} % de los ejemplos nuevos.",
                    hint="una frontera recta se queda en torno al 86 %: use una capa oculta con activación no "
                         "lineal (por ejemplo, 16 neuronas ReLU o tanh) y entrene las épocas suficientes "
                         "(compruebe que la pérdida ha dejado de bajar).")
            return fb.done()
    fb.ok(f"moons_classifier acierta al menos el {100 * MOONS_THRESHOLD:.0f} % de los ejemplos que no vio, en el "
          "ejemplo del enunciado y en unas lunas nuevas al azar.")
    return fb.done()
