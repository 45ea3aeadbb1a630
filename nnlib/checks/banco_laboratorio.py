r"""Comprobaciones del banco de ejercicios del capítulo 10, «El laboratorio».

* :func:`check_count_lab_params` — ``count_lab_params(n_features, hidden)``: los pesos y sesgos
  de la red del laboratorio (entradas, capas ocultas y una unidad de salida).
* :func:`check_best_epoch` — ``best_epoch(history)``: la época con la menor pérdida de prueba
  de una historia del laboratorio (que empieza en la época 0).
* :func:`check_polar_features` — ``polar_features(X)``: el radio y el ángulo de cada punto del
  plano, las entradas que desenrollan la espiral.
* :func:`check_collapse_linear` — `collapse_linear(weights, biases)`: la única capa que equivale
  a una pila de capas con activación lineal (una demostración con resultado programable).
* :func:`check_noisy_xor` — ``train_noisy_xor(seed)``: un proyecto pequeño; entrenar en el
  laboratorio un clasificador de XOR con ruido, elegirlo midiendo la pérdida de prueba, y
  comprobarlo con datos nuevos que no vio.

Todas siguen la norma de :mod:`nnlib.checks` (CONTRIBUTING.md, sección 4).
"""
from __future__ import annotations

import numpy as np

from . import MISSING, Feedback, describe, fmt

__all__ = ["check_count_lab_params", "check_best_epoch", "check_polar_features", "check_collapse_linear",
           "check_noisy_xor", "NOISY_XOR", "NOISY_XOR_SEEDS", "NOISY_XOR_THRESHOLD", "NOISY_XOR_MAX_EPOCHS"]


# --- 1. los parámetros de la red del laboratorio --------------------------------------------

_PARAMS_EXAMPLE = (2, (4, 2))


def _params_case(rng):
    """Otras entradas (1, 3 a 7) y de 0 a 4 capas ocultas de 1 a 8 unidades."""
    n_features = int(rng.choice([1, 3, 4, 5, 6, 7]))
    depth = int(rng.integers(0, 5))
    return n_features, tuple(int(u) for u in rng.integers(1, 9, size=depth))


def _count(sizes, bias=True):
    return int(sum((n_in + (1 if bias else 0)) * n_out for n_in, n_out in zip(sizes, sizes[1:])))


def check_count_lab_params(namespace):
    """Comprueba ``count_lab_params(n_features, hidden)`` con el ejemplo y 5 casos al azar."""
    fb = Feedback("los parámetros de la red del laboratorio", namespace)
    function = fb.function("count_lab_params", params=("n_features", "hidden"))
    if function is MISSING:
        return fb.done()
    label = "count_lab_params(n_features, hidden)"
    saw_linear = False
    cases = list(fb.cases(_PARAMS_EXAMPLE, _params_case, n=5)) + [(int(fb.rng().integers(1, 8)), ())]
    for i, (n_features, hidden) in enumerate(cases):
        saw_linear = saw_linear or not hidden
        got = fb.call(function, n_features, hidden, label=f"`{label}`")
        value = MISSING if got is MISSING else fb.coerce(got, "int", label=label)
        if value is MISSING:
            return fb.done()
        sizes = [n_features, *hidden, 1]
        mistakes = [
            (_count(sizes, bias=False), "faltan los sesgos: cada unidad tiene uno, así que una capa de n_in entradas y "
                                        "n_out unidades tiene (n_in + 1)·n_out parámetros."),
            (_count([n_features, *hidden]), "falta la capa de salida: la red del laboratorio termina en una unidad "
                                            "sigmoide con sus pesos y su sesgo."),
            (int(sum(n_in * (n_out + 1) for n_in, n_out in zip(sizes, sizes[1:]))),
             "un sesgo por unidad de la capa, no por entrada: (n_in + 1)·n_out, no n_in·(n_out + 1)."),
            (_count([n_features, *hidden, 2]), "la salida del laboratorio es una sola unidad (la probabilidad de la "
                                               "clase 1), no dos."),
        ]
        where = ("el ejemplo del enunciado" if i == 0 else
                 f"{n_features} entradas y hidden = {hidden}" + (" (un modelo lineal)" if not hidden else ""))
        if not fb.compare(value, _count(sizes), label=label, mistakes=mistakes, reveal=i > 0, case=where,
                          hint="recorra las capas de las entradas a la salida, [n_features, *hidden, 1], y sume "
                               "(n_in + 1)·n_out por cada par de capas seguidas."):
            return fb.done()
    fb.ok("count_lab_params acierta en el ejemplo del enunciado, en 5 redes nuevas al azar y en un modelo lineal "
          "(hidden vacía).")
    return fb.done()


# --- 2. la mejor época ----------------------------------------------------------------------

_EPOCH_EXAMPLE = ({"loss": [0.70, 0.52, 0.40, 0.31, 0.25, 0.20],
                   "val_loss": [0.71, 0.55, 0.46, 0.44, 0.47, 0.52]},)


def _epoch_case(rng):
    """Una historia de 8 a 30 épocas: la de entrenamiento baja siempre; la de prueba baja, toca fondo y sube."""
    n = int(rng.integers(8, 31))
    epochs = np.arange(n)
    loss = 0.7 * np.exp(-epochs / rng.uniform(3, 10)) + 0.02 * rng.random(n)
    loss = np.minimum.accumulate(loss)
    bottom = int(rng.integers(2, n - 2))
    val = 0.3 + 0.004 * (epochs - bottom) ** 2 + 0.01 * rng.random(n)
    val[bottom] = val.min() - 0.02
    return ({"loss": [float(v) for v in loss], "val_loss": [float(v) for v in val]},)


def check_best_epoch(namespace):
    """Comprueba ``best_epoch(history)`` con el ejemplo y 5 historias al azar."""
    fb = Feedback("la mejor época", namespace)
    function = fb.function("best_epoch", params=("history",))
    if function is MISSING:
        return fb.done()
    label = "best_epoch(history)"
    for i, (history,) in enumerate(fb.cases(_EPOCH_EXAMPLE, _epoch_case, n=5)):
        got = fb.call(function, history, label=f"`{label}`")
        value = MISSING if got is MISSING else fb.coerce(got, "int", label=label)
        if value is MISSING:
            return fb.done()
        val, loss = np.array(history["val_loss"]), np.array(history["loss"])
        best = int(np.argmin(val))
        mistakes = [
            (best + 1, "la historia empieza en la época 0 (antes de entrenar): la posición en la lista ya es la época, "
                       "no le sume 1."),
            (int(np.argmin(loss)), "miró la pérdida de entrenamiento, que casi siempre baja hasta el final; la mejor "
                                   "época es la de menor pérdida de prueba, history['val_loss']."),
            (int(np.argmax(val)), "buscó el máximo: la mejor época es la de menor pérdida (np.argmin)."),
            (len(val) - 1, "devolvió la última época; la mejor es la de menor pérdida de prueba, que suele llegar antes."),
        ]
        where = "el ejemplo del enunciado" if i == 0 else f"una historia de {len(val)} valores"
        if not fb.compare(value, best, label=label, mistakes=mistakes, reveal=i > 0, case=where,
                          hint="devuelva la posición del menor valor de history['val_loss'] (np.argmin)."):
            return fb.done()
    fb.ok("best_epoch acierta en el ejemplo del enunciado y en 5 historias nuevas al azar.")
    return fb.done()


# --- 3. coordenadas polares -----------------------------------------------------------------

_POLAR_EXAMPLE = (np.array([[1.0, 0.0], [0.0, 2.0], [-1.0, -1.0]]),)


def _polar_case(rng):
    """De 4 a 9 puntos del cuadro [-3, 3]², con al menos uno en cada cuadrante."""
    n = int(rng.integers(4, 10))
    X = rng.uniform(0.2, 3.0, size=(n, 2))
    signs = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]])
    return (X * signs[np.arange(n) % 4],)


def check_polar_features(namespace):
    """Comprueba ``polar_features(X)``: el radio y el ángulo (np.arctan2) de cada fila."""
    fb = Feedback("las coordenadas polares", namespace)
    function = fb.function("polar_features", params=("X",))
    if function is MISSING:
        return fb.done()
    label = "polar_features(X)"
    for i, (X,) in enumerate(fb.cases(_POLAR_EXAMPLE, _polar_case, n=5)):
        with np.errstate(all="ignore"):
            got = fb.call(function, X, label=f"`{label}`")
        out = MISSING if got is MISSING else fb.array(got, shape=(len(X), 2), label=label)
        if out is MISSING:
            return fb.done()
        x1, x2 = X[:, 0], X[:, 1]
        r, theta = np.hypot(x1, x2), np.arctan2(x2, x1)
        with np.errstate(all="ignore"):
            naive = np.arctan(x2 / x1)
        mistakes = [
            (np.column_stack([r ** 2, theta]), "el radio es la raíz de x1² + x2² (np.hypot o np.sqrt), no su cuadrado."),
            (np.column_stack([r, naive]),
             "np.arctan(x2 / x1) confunde los cuadrantes opuestos (da lo mismo en (1, 1) que en (−1, −1)): use "
             "np.arctan2(x2, x1)."),
            (np.column_stack([r, np.arctan2(x1, x2)]), "np.arctan2 recibe primero la coordenada vertical: "
                                                       "np.arctan2(x2, x1)."),
            (np.column_stack([r, np.degrees(theta)]), "el ángulo va en radianes, entre −π y π, no en grados."),
            (np.column_stack([theta, r]), "las columnas van en el orden radio, ángulo."),
        ]
        where = "el ejemplo del enunciado" if i == 0 else f"X con {len(X)} filas"
        if not fb.compare(out, np.column_stack([r, theta]), label=label, mistakes=mistakes, reveal=i > 0, case=where,
                          hint="con x1 = X[:, 0] y x2 = X[:, 1], devuelva np.column_stack([np.hypot(x1, x2), "
                               "np.arctan2(x2, x1)])."):
            return fb.done()
    fb.ok("polar_features acierta en el ejemplo del enunciado y en 5 casos nuevos al azar, con puntos en los cuatro "
          "cuadrantes.")
    return fb.done()


# --- 4. una pila de capas lineales es una capa (demostración) -------------------------------

_COLLAPSE_EXAMPLE = ([np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]]), np.array([[1.0], [2.0], [1.0]])],
                     [np.array([0.5, 0.0, -1.0]), np.array([0.25])])


def _collapse_case(rng):
    """De 2 a 4 capas con tamaños distintos (ninguna matriz cuadrada), como las de un laboratorio lineal."""
    depth = int(rng.integers(2, 5))
    sizes = [int(rng.integers(2, 5))]
    for _ in range(depth):
        sizes.append(int(rng.choice([s for s in range(1, 9) if s != sizes[-1]])))
    weights = [rng.normal(size=(a, b)) for a, b in zip(sizes, sizes[1:])]
    biases = [rng.normal(size=b) for b in sizes[1:]]
    return weights, biases


def _collapsed(weights, biases):
    W, b = weights[0], biases[0]
    for Wk, bk in zip(weights[1:], biases[1:]):
        W, b = W @ Wk, b @ Wk + bk
    return W, b


def _only_first_bias(weights, biases):
    W, b = _collapsed(weights, [biases[0]] + [np.zeros_like(v) for v in biases[1:]])
    return W, b


def check_collapse_linear(namespace):
    """Comprueba `collapse_linear(weights, biases)` con el ejemplo y 5 pilas al azar, y con un laboratorio."""
    fb = Feedback("una pila de capas lineales es una capa", namespace)
    function = fb.function("collapse_linear", params=("weights", "biases"))  # palabras: permitir termino-ingles
    if function is MISSING:
        return fb.done()
    label = "`collapse_linear(weights, biases)`"
    for i, (weights, biases) in enumerate(fb.cases(_COLLAPSE_EXAMPLE, _collapse_case, n=5)):
        got = fb.call(function, weights, biases, label=label)
        if got is MISSING:
            return fb.done()
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            fb.fail(f"{label} debe devolver dos cosas, (W, b), y devolvió {describe(got)}.",
                    hint="termine con `return W, b`.")
            return fb.done()
        n_in, n_out = weights[0].shape[0], weights[-1].shape[1]
        W = fb.array(got[0], shape=(n_in, n_out), label=f"la W de {label}")
        b = MISSING if W is MISSING else fb.array(got[1], shape=(n_out,), label=f"la b de {label}")
        if b is MISSING:
            return fb.done()
        W_ok, b_ok = _collapsed(weights, biases)
        where = ("el ejemplo del enunciado" if i == 0 else
                 f"{len(weights)} capas de tamaños {[w.shape[0] for w in weights] + [n_out]}")
        if not fb.compare(W, W_ok, label=f"la W de {label}", reveal=i > 0, case=where,
                          hint="la matriz equivalente es el producto de todas, en el orden de la red: "
                               "W₁ @ W₂ @ ... @ Wₖ."):
            return fb.done()
        mistakes = [
            (_only_first_bias(weights, biases)[1], "falta sumar los sesgos de las capas siguientes: cada capa añade "
                                                   "el suyo después de multiplicar."),
            (biases[-1], "los sesgos de las primeras capas no desaparecen: atraviesan las matrices de las capas "
                         "siguientes (b₁ @ W₂ + b₂, y así)."),
            (sum(bk for bk in biases if bk.shape == (n_out,)) if any(bk.shape == (n_out,) for bk in biases[:-1])
             else None, "los sesgos no se suman sin más: el de cada capa atraviesa las matrices de las que le siguen."),
        ]
        mistakes = [(value, hint) for value, hint in mistakes if value is not None]
        if not fb.compare(b, b_ok, label=f"la b de {label}", mistakes=mistakes, reveal=i > 0, case=where,
                          hint="recorra las capas: b ← b @ Wₖ + bₖ, empezando por b = b₁."):
            return fb.done()
    from nnlib.playground import Playground

    rng = fb.rng()
    lab = Playground(hidden=(int(rng.integers(3, 9)), int(rng.integers(2, 6))), activation="linear",
                     seed=int(rng.integers(0, 10_000)))
    weights = [layer.W.copy() for layer in lab.model.layers[:-1]]
    biases = [layer.b.copy() for layer in lab.model.layers[:-1]]
    got = fb.call(function, weights, biases, label=label)
    if got is MISSING:
        return fb.done()
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fb.fail(f"{label} debe devolver dos cosas, (W, b), y devolvió {describe(got)}.", hint="termine con `return W, b`.")
        return fb.done()
    W = fb.array(got[0], shape=(2, weights[-1].shape[1]), label=f"la W de {label}")
    b = MISSING if W is MISSING else fb.array(got[1], shape=(weights[-1].shape[1],), label=f"la b de {label}")
    if b is MISSING:
        return fb.done()
    hidden_out = lab.F_test
    for layer in lab.model.layers[:-1]:
        hidden_out = layer.forward(hidden_out)
    if not fb.compare(lab.F_test @ W + b, hidden_out, label="la salida de la última capa oculta",
                      case="las capas ocultas de un laboratorio con activación lineal",
                      hint="X @ W + b debe dar lo mismo que pasar X por todas las capas: revise el orden del producto "
                           "y los sesgos."):
        return fb.done()
    fb.ok("collapse_linear reduce a una sola capa el ejemplo del enunciado, 5 pilas nuevas al azar y las capas ocultas "
          "de un laboratorio con activación lineal: sin una activación no lineal, la profundidad no añade formas.")
    return fb.done()


# --- 5. proyecto: XOR con ruido ---------------------------------------------------------------

#: Los datos del proyecto: los del laboratorio, XOR con ruido 0.5 (la semilla la da la comprobación).
NOISY_XOR = {"dataset": "xor",  # palabras: permitir termino-ingles
             "noise": 0.5, "n_samples": 200, "test_ratio": 0.5}
#: Las semillas de los datos entre las que la comprobación elige al azar. Son fijas para que el resultado de una
#: respuesta correcta no dependa de la suerte de la semilla: con cada una, la solución de referencia acierta al
#: menos el 87 % de los puntos nuevos (de 87.1 % a 91.9 %) y el modelo lineal con x1*x2 solo, al menos el 89 %,
#: mientras que una red (8, 8, 8) con las siete entradas entrenada 300 épocas sin elegir cae por debajo del
#: 85 % con 5 de las 20. tests/test_checks_banco_laboratorio.py comprueba la referencia con todas.
NOISY_XOR_SEEDS = tuple(range(100, 120))
#: La exactitud mínima con datos nuevos (el mejor clasificador posible acierta, en promedio, el 90.9 %).
NOISY_XOR_THRESHOLD = 0.85
#: Las épocas que puede entrenar como mucho.
NOISY_XOR_MAX_EPOCHS = 300


def _fresh_accuracy(lab, seed):
    """La exactitud de ``lab`` en 2000 puntos nuevos de los mismos datos (otra semilla)."""
    from nnlib.playground import feature_matrix, make_data

    X, y, _, _ = make_data(**{**NOISY_XOR, "n_samples": 2001, "test_ratio": 0.0005}, seed=seed)
    with np.errstate(all="ignore"):
        p = lab.model.predict(feature_matrix(X, lab.config["features"]))[:, 0]
    return float(np.mean((p > 0.5) == (y == 1)))


def check_noisy_xor(namespace):
    """Comprueba ``train_noisy_xor(seed)``: el laboratorio que devuelve acierta con datos que no vio."""
    fb = Feedback("XOR con ruido", namespace)
    function = fb.function("train_noisy_xor", params=("seed",))
    if function is MISSING:
        return fb.done()
    from nnlib.playground import Playground

    seed = int(fb.rng().choice(NOISY_XOR_SEEDS))
    label = "train_noisy_xor(seed)"
    lab = fb.call(function, seed, label=f"`{label}`", timeout=60)
    if lab is MISSING:
        return fb.done()
    if not isinstance(lab, Playground):
        fb.fail(f"{label} debe devolver el laboratorio entrenado y devolvió {describe(lab)}.",
                hint="cree `lab = Playground(...)`, entrénelo con `lab.step(...)` y termine con `return lab`.")
        return fb.done()
    wrong = {key: lab.config[key] for key, value in NOISY_XOR.items() if lab.config[key] != value}
    if wrong:
        keys = ", ".join(f"{key} = {fmt(value)}" for key, value in wrong.items())
        fb.fail(f"El laboratorio no tiene los datos del proyecto ({keys}).",
                hint='use `Playground(dataset="xor", noise=0.5, seed=seed, ...)` y no cambie `n_samples` ni `test_ratio`.')
        return fb.done()
    if lab.config["seed"] != seed:
        fb.fail("El laboratorio no usa la semilla que recibe la función.",
                hint="pase seed=seed a Playground: la comprobación elige la semilla para usar datos que usted no vio.")
        return fb.done()
    if lab.epoch == 0:
        fb.fail("El laboratorio está en la época 0: no lo entrenó.", hint="llame a lab.step(épocas) antes de devolverlo.")
        return fb.done()
    if lab.epoch > NOISY_XOR_MAX_EPOCHS:
        fb.fail(f"El laboratorio entrenó {lab.epoch} épocas; el proyecto admite hasta {NOISY_XOR_MAX_EPOCHS}.",
                hint="con menos épocas la red aprende menos ruido: use la mejor época que midió.")
        return fb.done()
    if lab.diverged:
        fb.fail("El entrenamiento divergió: la pérdida dejó de ser un número finito.",
                hint="baje la tasa de aprendizaje.")
        return fb.done()
    accuracy = _fresh_accuracy(lab, seed + 1)
    if accuracy < NOISY_XOR_THRESHOLD:
        features, hidden = lab.config["features"], lab.config["hidden"]
        if not hidden and "x1*x2" not in features:
            hint = "sin capas ocultas, un modelo lineal con x1 y x2 no separa XOR: añada la entrada x1*x2 o capas ocultas."
        elif hidden and lab.config["activation"] == "linear":
            hint = "con activación lineal la red es un modelo lineal: use 'tanh' o 'relu', o la entrada x1*x2."
        elif lab.loss < 0.5 * lab.val_loss:
            hint = (f"la pérdida de entrenamiento ({lab.loss:.2f}) es menos de la mitad de la de prueba "
                    f"({lab.val_loss:.2f}): la red aprendió el ruido. Pruebe una red más pequeña, menos épocas, L2 "
                    "o la entrada x1*x2, y elija por lab.val_loss.")
        elif lab.val_loss > 0.5:
            hint = "la red aún no aprendió: más épocas, otra tasa o la entrada x1*x2."
        else:
            hint = ("compare la pérdida de prueba (lab.val_loss) de varias configuraciones: una red grande y sin "
                    "regularización aprende el ruido; pruebe una red más pequeña, L2 o la entrada x1*x2.")
        fb.fail(f"El laboratorio acierta el {100 * accuracy:.1f} % de 2000 puntos nuevos de XOR con ruido; el objetivo "
                f"es al menos el {100 * NOISY_XOR_THRESHOLD:.0f} %.", hint)
        return fb.done()
    fb.ok(f"El laboratorio que devuelve train_noisy_xor acierta al menos el {100 * NOISY_XOR_THRESHOLD:.0f} % de "
          "2000 puntos nuevos de XOR con ruido, con datos de entrenamiento de una semilla que usted no eligió.")
    return fb.done()
