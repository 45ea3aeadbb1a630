"""Comprobaciones de los ejercicios del capítulo 6, «Sobreajuste y regularización».

* :func:`check_dropout_forward` — ``dropout_forward(x, mask, rate, training)``: el
  *dropout* invertido, :math:`x \\odot m / (1 - p)` al entrenar y :math:`x` al predecir.
* :func:`check_regularized_gradient` — ``regularized_gradient(dW, W, l1, l2)``: el
  gradiente de la pérdida más el de las penalizaciones de Keras,
  :math:`dW + \\lambda_1\\,\\mathrm{signo}(W) + 2\\lambda_2 W`.
* :func:`check_best_epoch` — ``best_epoch(history, monitor)``: la mejor época de una
  curva del historial, contada desde 1 (la menor pérdida o la mayor exactitud; con
  empate, la primera, como ``EarlyStopping``).
* :func:`check_batch_norm` — ``batch_norm(x, gamma, beta, epsilon)``: la normalización
  por lotes al entrenar, columna a columna con la media y la varianza del lote.

Todas reciben el espacio de nombres del cuaderno: ``check_dropout_forward(globals())``
(véase :mod:`nnlib.checks`).
"""
from __future__ import annotations

import contextlib
import io

import numpy as np

from . import MISSING, Feedback, describe

__all__ = ["DROPOUT_EXAMPLE", "GRADIENT_EXAMPLE", "HISTORY_EXAMPLE", "BATCH_NORM_EXAMPLE",
           "check_dropout_forward", "check_regularized_gradient", "check_best_epoch", "check_batch_norm"]


def _quiet_call(function, *args):
    """Llama a ``function`` como :meth:`Feedback.call` (copias, límite de tiempo) sin imprimir nada.

    Sirve para diagnosticar con un caso hecho a propósito. Devuelve el resultado o :data:`MISSING`.
    """
    with contextlib.redirect_stdout(io.StringIO()):
        return Feedback("diagnóstico").call(function, *args)


# ======================================================================================
# Ejercicio 1. El dropout invertido
# ======================================================================================
#: El ejemplo del enunciado: 2 ejemplos con 4 unidades; se conservan 5 de las 8 (no 6 de 8).
DROPOUT_EXAMPLE = {
    "x": [[1.0, 2.0, 3.0, 4.0], [-1.0, 0.5, 2.0, -2.0]],
    "mask": [[True, False, True, True], [False, True, True, False]],
    "rate": 0.25,
}


def _dropout_case(rng, training):
    # Otro número de filas que el ejemplo (2), y una máscara cuya fracción de unidades
    # conservadas no coincide con 1 - rate: así se distingue dividir por mask.mean().
    while True:
        n, d = int(rng.integers(3, 7)), int(rng.integers(3, 7))
        rate = float(np.round(rng.uniform(0.1, 0.7), 2))
        x = np.round(rng.normal(size=(n, d)), 2)
        mask = rng.random((n, d)) >= rate
        if mask.any() and not mask.all() and abs(mask.mean() - (1 - rate)) > 0.02 and np.all(x != 0):
            return x, mask, rate, training


def _dropout_mistakes(x, mask, rate, training):
    keep = 1.0 - rate
    if not training:
        return [
            (x * mask / keep, "al predecir (training=False) el dropout no hace nada: devuelva x tal cual."),
            (x * keep, "eso es el dropout original, que escala al predecir. En el invertido la escala ya se "
                       "aplicó al entrenar: con training=False devuelva x tal cual."),
            (x / keep, "con training=False no se escala: devuelva x tal cual."),
            (x * mask, "al predecir no se apaga ninguna unidad: devuelva x tal cual."),
        ]
    return [
        (x, "con training=True hay que apagar las unidades y escalar las demás: x * mask / (1 - rate)."),
        (x * mask, "falta la escala: divida por 1 - rate, la probabilidad de conservar una unidad, para que "
                   "el valor esperado de cada salida no cambie."),
        (x * mask * keep, "la escala del dropout invertido divide por 1 - rate, no multiplica (multiplicar "
                          "por 1 - rate es lo que hacía el dropout original, al predecir)."),
        (x * mask / rate, "se divide por la probabilidad de conservar una unidad, 1 - rate, no por rate."),
        (x * ~mask / keep, "mask vale True en las unidades que se conservan: multiplique por mask, no por "
                           "su negación."),
        (x * mask / (1.0 - DROPOUT_EXAMPLE["rate"]), "use el parámetro rate de la función, no el valor "
                                                     "del ejemplo del enunciado."),
        (x * mask / mask.mean(), "divida por 1 - rate, la probabilidad de conservar, no por la fracción de "
                                 "unidades que se conservaron en esta máscara: el valor esperado se conserva "
                                 "en promedio sobre todas las máscaras posibles."),
        (x * mask / np.sqrt(keep), "dividir por √(1 - rate) no conserva el valor esperado (la idea de "
                                   "«mantener la desviación típica» es un error frecuente): divida por "
                                   "1 - rate."),
        (x / keep, "falta apagar las unidades: multiplique por mask (True = se conserva)."),
    ]


def check_dropout_forward(namespace):
    """Comprueba ``dropout_forward(x, mask, rate, training)``: ``x * mask / (1 - rate)`` al entrenar, ``x`` al predecir."""
    fb = Feedback("el dropout invertido", namespace)
    forward = fb.function("dropout_forward", params=("x", "mask", "rate", "training"))
    if forward is MISSING:
        return fb.done()
    x0, m0 = np.array(DROPOUT_EXAMPLE["x"]), np.array(DROPOUT_EXAMPLE["mask"])
    rate0 = DROPOUT_EXAMPLE["rate"]
    rng = fb.rng()
    cases = [(x0, m0, rate0, True), (x0, m0, rate0, False)]
    cases += [_dropout_case(rng, training) for training in (True, True, False, True)]
    for i, (x, mask, rate, training) in enumerate(cases):
        label = f"dropout_forward(x, mask, rate, training={training})"
        case = ("el ejemplo del enunciado" if i < 2
                else f"x de forma {x.shape} y rate = {rate:g}")
        got = fb.call(forward, x, mask, rate, training, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        out = fb.array(got, shape=x.shape, label=f"{label} con {case}")
        if out is MISSING:
            return fb.done()
        expected = x * mask / (1.0 - rate) if training else x
        if not fb.compare(out, expected, label=label, case=case, reveal=i >= 2,
                          mistakes=_dropout_mistakes(x, mask, rate, training),
                          hint="al entrenar, x * mask / (1 - rate); al predecir, x sin cambios."):
            return fb.done()
    fb.ok("dropout_forward apaga las unidades de la máscara, escala las demás por 1 / (1 - rate) al "
          "entrenar y no cambia nada al predecir, en el ejemplo del enunciado y en 4 casos nuevos al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 2. El gradiente con las penalizaciones L1 y L2
# ======================================================================================
#: El ejemplo del enunciado: una capa de 3 entradas y 2 neuronas, con un peso exactamente 0.
GRADIENT_EXAMPLE = {
    "dW": [[0.1, -0.2], [0.05, 0.0], [-0.3, 0.4]],
    "W": [[0.5, -1.0], [0.0, 2.0], [-0.25, 0.75]],
    "l1": 0.05,
    "l2": 0.1,
}

_STRENGTHS = (0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2)


def _gradient_case(rng, which):
    # Otro número de filas que el ejemplo (3), con uno o dos pesos exactamente 0.
    n, d = int(rng.integers(4, 8)), int(rng.integers(2, 6))
    W = np.round(rng.normal(size=(n, d)), 2)
    W[W == 0] = 0.5
    zeros = rng.choice(n * d, size=int(rng.integers(1, 3)), replace=False)
    W.flat[zeros] = 0.0
    dW = np.round(rng.normal(scale=0.5, size=(n, d)), 3)
    l1, l2 = (float(v) for v in rng.choice(_STRENGTHS, size=2, replace=False))
    if which == "l1":
        l2 = 0.0
    elif which == "l2":
        l1 = 0.0
    return dW, W, l1, l2


def _gradient_mistakes(dW, W, l1, l2):
    sign = np.sign(W)
    right = dW + l1 * sign + 2 * l2 * W
    mistakes = [
        (dW + l1 * sign + l2 * W, "falta el 2 en la derivada de L2: la derivada de λ₂w² es 2λ₂w (Keras no "
                                  "pone el ½ en la penalización)."),
        (dW - l1 * sign - 2 * l2 * W, "los términos de las penalizaciones se suman a dW (después, el paso "
                                      "los resta y eso acerca los pesos a cero)."),
        (dW + l1 * np.abs(W) + l2 * W ** 2, "eso suma las penalizaciones, no sus derivadas: la derivada de "
                                            "λ₁|w| es λ₁·signo(w) y la de λ₂w² es 2λ₂w."),
        (l1 * sign + 2 * l2 * W, "falta el gradiente de la pérdida, dW: los términos de las penalizaciones "
                                 "se le suman."),
        (dW, "falta sumar los gradientes de las penalizaciones: l1 * np.sign(W) + 2 * l2 * W."),
        (dW + l1 * W + 2 * l2 * W, "la derivada de λ₁|w| es λ₁·signo(w) (np.sign(W)), no λ₁·w."),
        (dW + 2 * l1 * sign + 2 * l2 * W, "la derivada de λ₁|w| es λ₁·signo(w), sin el 2 (el 2 es de L2)."),
        (dW + l2 * sign + 2 * l1 * W, "l1 y l2 están cambiados: l1 va con el signo y l2 con 2w."),
        (dW + 2 * l2 * W, "falta el término de L1: l1 * np.sign(W)."),
        (dW + l1 * sign, "falta el término de L2: 2 * l2 * W."),
        (dW + (l1 * sign + 2 * l2 * W) / W.size, "las penalizaciones son sumas sobre los pesos, no medias: "
                                                 "no divida por el número de pesos."),
    ]
    l1_example, l2_example = GRADIENT_EXAMPLE["l1"], GRADIENT_EXAMPLE["l2"]
    if (l1, l2) != (l1_example, l2_example):
        mistakes.append((dW + l1_example * sign + 2 * l2_example * W,
                         "use los parámetros l1 y l2 de la función, no los valores del ejemplo del enunciado."))
    at_zero = np.where(W >= 0, 1.0, -1.0)
    if not np.allclose(right, dW + l1 * at_zero + 2 * l2 * W):
        mistakes.append((dW + l1 * at_zero + 2 * l2 * W,
                         "en un peso que vale exactamente 0 el signo es 0 (np.sign(0) = 0, como en Keras), "
                         "no 1 ni -1: use np.sign(W)."))
    return mistakes


def _nan_at_zero_weights(got, W):
    """¿``got`` tiene NaN justo en los pesos que valen 0 (p. ej. por W / np.abs(W))?"""
    try:
        values = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    if values.shape != W.shape or not np.isnan(values).any():
        return False
    return bool(np.all(np.isnan(values) == (W == 0)))


def check_regularized_gradient(namespace):
    """Comprueba ``regularized_gradient(dW, W, l1, l2)`` = dW + l1·signo(W) + 2·l2·W."""
    fb = Feedback("el gradiente con L1 y L2", namespace)
    gradient = fb.function("regularized_gradient", params=("dW", "W", "l1", "l2"))
    if gradient is MISSING:
        return fb.done()
    example = (np.array(GRADIENT_EXAMPLE["dW"]), np.array(GRADIENT_EXAMPLE["W"]),
               GRADIENT_EXAMPLE["l1"], GRADIENT_EXAMPLE["l2"])
    rng = fb.rng()
    cases = [example] + [_gradient_case(rng, which) for which in ("both", "l2", "l1", "both", "both")]
    for i, (dW, W, l1, l2) in enumerate(cases):
        label = "regularized_gradient(dW, W, l1, l2)"
        case = ("el ejemplo del enunciado" if i == 0
                else f"W de forma {W.shape}, l1 = {l1:g} y l2 = {l2:g}")
        got = fb.call(gradient, dW, W, l1, l2, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        if _nan_at_zero_weights(got, W):
            fb.fail(f"{label} con {case} da NaN justo en los pesos que valen 0.",
                    hint="W / np.abs(W) divide 0 entre 0 cuando un peso vale 0: use np.sign(W), que da 0 "
                         "en w = 0 (como Keras).")
            return fb.done()
        out = fb.array(got, shape=W.shape, label=f"{label} con {case}")
        if out is MISSING:
            return fb.done()
        expected = dW + l1 * np.sign(W) + 2 * l2 * W
        if not fb.compare(out, expected, label=label, case=case, reveal=i > 0,
                          mistakes=_gradient_mistakes(dW, W, l1, l2),
                          hint="sume a dW las derivadas de las dos penalizaciones: l1 * np.sign(W) + 2 * l2 * W."):
            return fb.done()
    fb.ok("regularized_gradient suma bien las derivadas de L1 y L2 en el ejemplo del enunciado y en 5 capas "
          "nuevas al azar (con solo L1, con solo L2 y con pesos que valen 0).")
    return fb.done()


# ======================================================================================
# Ejercicio 3. La mejor época
# ======================================================================================
#: El ejemplo del enunciado: 8 épocas, con un empate en la mejor val_loss y en la mejor val_accuracy.
HISTORY_EXAMPLE = {
    "loss": [0.92, 0.61, 0.47, 0.39, 0.34, 0.31, 0.29, 0.28],
    "accuracy": [0.55, 0.71, 0.78, 0.83, 0.86, 0.88, 0.9, 0.91],
    "val_loss": [0.95, 0.72, 0.6, 0.56, 0.56, 0.58, 0.61, 0.66],
    "val_accuracy": [0.52, 0.66, 0.74, 0.77, 0.79, 0.79, 0.78, 0.76],
}


def _smaller_is_better(monitor):
    return "loss" in monitor


def _best(history, monitor):
    curve = np.asarray(history[monitor], dtype=float)
    index = np.argmin(curve) if _smaller_is_better(monitor) else np.argmax(curve)
    return int(index) + 1


def _history_case(rng):
    # Más épocas que el ejemplo (8), con un mínimo de val_loss en medio y, a veces, un empate.
    epochs = int(rng.integers(10, 31))
    t = np.arange(epochs)
    turn = int(rng.integers(3, epochs - 3))
    loss = np.round(0.9 * np.exp(-t / (epochs / 4)) + 0.05 + rng.uniform(0, 0.01, epochs), 4)
    val_loss = 0.3 + 0.5 * np.exp(-t / 2.0) + 0.004 * np.maximum(t - turn, 0) ** 1.5
    val_loss = np.round(val_loss + rng.uniform(0, 0.003, epochs), 4)
    accuracy = np.round(np.clip(1 - loss / 1.2, 0, 1), 4)
    val_accuracy = np.round(np.clip(1.05 - val_loss, 0, 1), 4)
    history = {"loss": loss, "accuracy": accuracy, "val_loss": val_loss, "val_accuracy": val_accuracy}
    if rng.random() < 0.5:  # un empate: la misma mejor marca, más tarde
        for key in ("val_loss", "val_accuracy"):
            best = _best(history, key) - 1
            later = int(rng.integers(best + 1, epochs)) if best + 1 < epochs else None
            if later is not None:
                history[key][later] = history[key][best]
    return {key: [float(v) for v in values] for key, values in history.items()}


def _epoch_mistakes(history, monitor):
    curve = np.asarray(history[monitor], dtype=float)
    best = _best(history, monitor)
    smaller = _smaller_is_better(monitor)
    train = monitor[4:] if monitor.startswith("val_") else None
    mistakes = [(best - 1, "las épocas se cuentan desde 1, como en las figuras: np.argmin y np.argmax dan "
                           "la posición desde 0; sume 1.")]
    if train is not None:
        train_curve = np.asarray(history[train], dtype=float)
        train_best = int(np.argmin(train_curve) if smaller else np.argmax(train_curve)) + 1
        last = " (y esa es la última época)" if train_best == len(curve) else ""
        mistakes += [(train_best, f"mire la curva que pide monitor, history[\"{monitor}\"], no la de "
                                  f"entrenamiento, history[\"{train}\"]{last}: la pérdida de entrenamiento "
                                  "suele bajar hasta el final aunque la red ya esté sobreajustando."),
                     (train_best - 1, f"mire la curva history[\"{monitor}\"], no la de entrenamiento; y las "
                                      "épocas se cuentan desde 1.")]
    wrong_way = int(np.argmax(curve) if smaller else np.argmin(curve)) + 1
    mistakes.append((wrong_way, "una pérdida es mejor cuanto más baja: busque el mínimo." if smaller
                     else "una exactitud es mejor cuanto más alta: busque el máximo."))
    target = curve.min() if smaller else curve.max()
    last_of_tie = int(np.flatnonzero(curve == target)[-1]) + 1
    if last_of_tie != best:
        mistakes.append((last_of_tie, "con un empate vale la primera época que alcanzó la mejor marca "
                                      "(EarlyStopping solo cuenta una época si mejora a la mejor hasta entonces)."))
    mistakes.append((len(curve), "esa es la última época: busque la mejor de la curva."))
    return mistakes


def check_best_epoch(namespace):
    """Comprueba ``best_epoch(history, monitor)``: la mejor época de ``history[monitor]``, desde 1."""
    fb = Feedback("la mejor época", namespace)
    best_epoch = fb.function("best_epoch", params=("history", "monitor"))
    if best_epoch is MISSING:
        return fb.done()
    example = {key: list(values) for key, values in HISTORY_EXAMPLE.items()}
    rng = fb.rng()
    cases = [(example, "val_loss"), (example, "val_accuracy"), (example, "loss")]
    for monitor in ("val_loss", "val_accuracy", "val_loss", "val_accuracy", "loss"):
        cases.append((_history_case(rng), monitor))
    for i, (history, monitor) in enumerate(cases):
        label = f'best_epoch(history, "{monitor}")'
        case = ("el historial del enunciado" if i < 3
                else f"un historial de {len(history[monitor])} épocas")
        got = fb.call(best_epoch, history, monitor, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        curve = history[monitor]
        if not isinstance(got, (bool, np.bool_)) and any(
                isinstance(got, (float, np.floating)) and got == v and got != int(got) for v in curve):
            fb.fail(f"{label} con {case} devolvió {describe(got)}, un valor de la curva.",
                    hint="devuelva la época (un número entero contado desde 1), no la pérdida ni la exactitud "
                         "de esa época.")
            return fb.done()
        epoch = fb.coerce(got, "int", label=f"{label} con {case}")
        if epoch is MISSING:
            return fb.done()
        if not fb.compare(epoch, _best(history, monitor), label=label, case=case, reveal=i >= 3,
                          mistakes=_epoch_mistakes(history, monitor),
                          hint="busque en history[monitor] el mínimo (pérdidas) o el máximo (exactitudes) y "
                               "devuelva su posición más 1."):
            return fb.done()
    fb.ok("best_epoch encuentra la mejor época (mínimo de las pérdidas, máximo de las exactitudes, la primera "
          "si hay empate) en el historial del enunciado y en 5 historiales nuevos al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 4. La normalización por lotes
# ======================================================================================
#: El ejemplo del enunciado: un lote de 4 ejemplos con 3 columnas de escalas muy distintas.
BATCH_NORM_EXAMPLE = {
    "x": [[1.0, 10.0, -2.0], [2.0, 14.0, 0.0], [3.0, 6.0, 1.0], [6.0, 10.0, 5.0]],
    "gamma": [1.0, 0.5, 2.0],
    "beta": [0.0, 1.0, -1.0],
    "epsilon": 1e-3,
}


def _batch_norm(x, gamma, beta, epsilon):
    return gamma * (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + epsilon) + beta


def _norm_case(rng, square=False):
    # Otro número de filas que el ejemplo (4); columnas con medias y escalas muy distintas.
    if square:  # con un lote cuadrado, normalizar filas no da error de formas y se reconoce por su valor
        n = d = int(rng.choice([2, 3, 5]))
    else:
        n, d = int(rng.integers(5, 10)), int(rng.integers(2, 6))
    scales = rng.choice([0.5, 1.0, 3.0, 10.0], size=d)
    means = rng.choice([-5.0, 0.0, 2.0, 20.0], size=d)
    x = np.round(means + scales * rng.normal(size=(n, d)), 2)
    gamma = np.round(rng.uniform(0.5, 2.0, size=d), 2)
    beta = np.round(rng.normal(size=d), 2)
    epsilon = float(rng.choice([1e-3, 1e-2]))
    return x, gamma, beta, epsilon


def _layer_norm(x, gamma, beta, epsilon):
    mean, var = x.mean(axis=1, keepdims=True), x.var(axis=1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + epsilon) + beta


def _norm_mistakes(x, gamma, beta, epsilon):
    mean, var = x.mean(axis=0), x.var(axis=0)
    x_hat = (x - mean) / np.sqrt(var + epsilon)
    mistakes = [
        (x_hat, "falta la escala y el desplazamiento que aprende la capa: gamma * x_hat + beta."),
        (gamma * x_hat, "falta sumar beta: gamma * x_hat + beta."),
        (x_hat + beta, "falta multiplicar por gamma: gamma * x_hat + beta."),
        (beta * x_hat + gamma, "gamma multiplica y beta se suma: gamma * x_hat + beta."),
        (gamma * (x - mean) / np.sqrt(x.var(axis=0, ddof=1) + epsilon) + beta,
         "al normalizar, la varianza del lote divide por n (np.var, ddof=0), no por n - 1; PyTorch usa la "
         "de n - 1 solo para la media móvil que guarda para predecir."),
        (gamma * (x - mean) / (np.sqrt(var) + epsilon) + beta,
         "epsilon va dentro de la raíz: np.sqrt(var + epsilon)."),
        (gamma * (x - mean) / np.sqrt(var) + beta,
         "falta epsilon dentro de la raíz, np.sqrt(var + epsilon): evita dividir entre cero cuando una "
         "columna es constante en el lote."),
        (gamma * (x - mean) / (var + epsilon) + beta,
         "divida por la desviación típica, np.sqrt(var + epsilon), no por la varianza."),
        (gamma * (x - mean) / np.sqrt(np.sqrt(var) + epsilon) + beta,
         "dentro de la raíz va la varianza (np.var), no la desviación típica."),
        (gamma * (x - x.mean()) / np.sqrt(x.var() + epsilon) + beta,
         "calcule una media y una varianza por columna (axis=0), no una sola para toda la matriz."),
        (gamma * x / np.sqrt(var + epsilon) + beta, "reste la media de cada columna antes de dividir."),
        (_layer_norm(x, gamma, beta, epsilon),
         "eso normaliza cada fila (es la normalización por capas, la de LayerNormalization); la "
         "normalización por lotes normaliza cada columna sobre el lote: axis=0."),
    ]
    example_epsilon = BATCH_NORM_EXAMPLE["epsilon"]
    if epsilon != example_epsilon:
        mistakes.append((_batch_norm(x, gamma, beta, example_epsilon),
                         "use el parámetro epsilon de la función, no el valor del ejemplo del enunciado."))
    if x.shape[0] == x.shape[1]:
        mistakes.append((gamma * (x - x.mean(axis=1)) / np.sqrt(x.var(axis=1) + epsilon) + beta,
                         "la media y la varianza van por columnas (axis=0), sobre los ejemplos del lote."))
    return mistakes


def _diagnose_rows(fb, norm, rng):
    """Si ``norm`` falló con el ejemplo, ¿normaliza filas en lugar de columnas? Si es así, lo dice y devuelve True."""
    x, gamma, beta, epsilon = _norm_case(rng, square=True)
    got = _quiet_call(norm, x, gamma, beta, epsilon)
    if got is MISSING or np.shape(got) != x.shape:
        return False
    try:
        values = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    rows = [_layer_norm(x, gamma, beta, epsilon),
            gamma * (x - x.mean(axis=1)) / np.sqrt(x.var(axis=1) + epsilon) + beta]
    if any(np.allclose(values, r) for r in rows) and not np.allclose(values, _batch_norm(x, gamma, beta, epsilon)):
        return not fb.fail("batch_norm falla con el ejemplo del enunciado y, con un lote cuadrado, normaliza "
                           "cada fila.",
                           hint="la normalización por lotes calcula la media y la varianza de cada columna "
                                "sobre los ejemplos del lote: x.mean(axis=0) y x.var(axis=0).")
    return False


def check_batch_norm(namespace):
    """Comprueba ``batch_norm(x, gamma, beta, epsilon)``: la normalización por lotes al entrenar."""
    fb = Feedback("la normalización por lotes", namespace)
    norm = fb.function("batch_norm", params=("x", "gamma", "beta", "epsilon"))
    if norm is MISSING:
        return fb.done()
    example = (np.array(BATCH_NORM_EXAMPLE["x"]), np.array(BATCH_NORM_EXAMPLE["gamma"]),
               np.array(BATCH_NORM_EXAMPLE["beta"]), BATCH_NORM_EXAMPLE["epsilon"])
    rng = fb.rng()
    cases = [example] + [_norm_case(rng) for _ in range(3)] + [_norm_case(rng, square=True) for _ in range(2)]
    for i, (x, gamma, beta, epsilon) in enumerate(cases):
        label = "batch_norm(x, gamma, beta, epsilon)"
        case = ("el ejemplo del enunciado" if i == 0
                else f"un lote de forma {x.shape} y epsilon = {epsilon:g}")
        if i == 0 and _quiet_call(norm, x, gamma, beta, epsilon) is MISSING and _diagnose_rows(fb, norm, rng):
            return fb.done()
        got = fb.call(norm, x, gamma, beta, epsilon, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        out = fb.array(got, shape=x.shape, label=f"{label} con {case}")
        if out is MISSING:
            return fb.done()
        if not fb.compare(out, _batch_norm(x, gamma, beta, epsilon), label=label, case=case, reveal=i > 0,
                          mistakes=_norm_mistakes(x, gamma, beta, epsilon),
                          hint="por columnas: x_hat = (x - media) / np.sqrt(varianza + epsilon), y después "
                               "gamma * x_hat + beta."):
            return fb.done()
    fb.ok("batch_norm normaliza cada columna con la media y la varianza del lote, y aplica gamma y beta, en el "
          "ejemplo del enunciado y en 5 lotes nuevos al azar (dos de ellos cuadrados).")
    return fb.done()
