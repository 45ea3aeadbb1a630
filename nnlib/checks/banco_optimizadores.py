r"""Comprobaciones del banco de ejercicios del capítulo 5, «Optimizadores».

* :func:`check_gd_path` — ``gd_path(w0, learning_rate, curvature, steps)``: las posiciones del
  descenso por gradiente en la parábola ½·c·w².
* :func:`check_rmsprop_step` — ``rmsprop_step(w, s, grad, learning_rate, rho, epsilon)``: un paso de
  RMSprop, ``(new_w, new_s)``.
* :func:`check_cosine_decay` — ``cosine_decay(step, decay_steps, initial_learning_rate, alpha)``: el
  programa coseno de Keras.
* :func:`check_gd_rates` — ``critical_learning_rate(H)`` y ``best_learning_rate(H)``: la tasa a partir
  de la cual el descenso por gradiente diverge en una cuadrática y la que converge más deprisa (una
  demostración con resultado programable).
* :func:`check_learning_rate_search` — ``train_logistic(X, y, learning_rate)`` y
  ``pick_learning_rate_by_validation(X_train, y_train, X_val, y_val, candidates)``: un proyecto
  pequeño, elegir la tasa con un conjunto de validación y comprobarla con datos que no vio.

Todas siguen la norma de :mod:`nnlib.checks` (CONTRIBUTING.md, sección 4).
"""
from __future__ import annotations

import math

import numpy as np

from . import MISSING, Feedback, describe, fmt

__all__ = ["check_gd_path", "check_rmsprop_step", "check_cosine_decay", "check_gd_rates",
           "check_learning_rate_search"]


def _pair(fb, got, label, names, shapes):
    """Los dos arreglos de una tupla devuelta, o MISSING con una pista."""
    if got is MISSING:
        return MISSING
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fb.fail(f"{label} debe devolver dos cosas, ({names[0]}, {names[1]}), y devolvió {describe(got)}.",
                hint=f"termine con `return {names[0]}, {names[1]}`.")
        return MISSING
    first = fb.array(got[0], shape=shapes[0], label=f"`{names[0]}` de {label}")
    if first is MISSING:
        return MISSING
    second = fb.array(got[1], shape=shapes[1], label=f"`{names[1]}` de {label}")
    return MISSING if second is MISSING else (first, second)


# --- 1. el camino en una parábola --------------------------------------------------------------

_PATH_EXAMPLE = (2.0, 0.15, 10.0, 4)


def _path_case(rng):
    curvature = float(rng.choice([0.5, 2.0, 4.0, 8.0]))
    factor = float(rng.choice([0.3, 0.6, 1.2, 1.6, 2.1]))          # η·c: converge, oscila o diverge
    return float(rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 3.0)), factor / curvature, curvature, \
        int(rng.integers(5, 12))


def check_gd_path(namespace):
    """Comprueba ``gd_path(w0, learning_rate, curvature, steps)`` con el ejemplo y 5 casos al azar."""
    fb = Feedback("el camino en una parábola", namespace)
    function = fb.function("gd_path", params=("w0", "learning_rate", "curvature", "steps"))
    if function is MISSING:
        return fb.done()
    label = "gd_path(w0, learning_rate, curvature, steps)"
    for i, (w0, lr, c, steps) in enumerate(fb.cases(_PATH_EXAMPLE, _path_case, n=5)):
        got = fb.call(function, w0, lr, c, steps, label=f"`{label}`")
        if got is not MISSING and np.ndim(got) == 1 and len(got) == steps:
            fb.fail(f"{label} devolvió {steps} posiciones con steps = {steps}.",
                    hint="incluya la posición inicial w0: son steps + 1 posiciones.")
            return fb.done()
        path = MISSING if got is MISSING else fb.array(got, shape=(steps + 1,), label=label)
        if path is MISSING:
            return fb.done()
        expected = w0 * (1 - lr * c) ** np.arange(steps + 1)
        mistakes = [
            (w0 * (1 + lr * c) ** np.arange(steps + 1), "el paso va en contra de la derivada: w ← w − η·c·w."),
            (w0 * (1 - lr) ** np.arange(steps + 1), "la derivada de ½·c·w² es c·w: falta multiplicar por la "
                                                    "curvatura."),
            (w0 - lr * c * w0 * np.arange(steps + 1), "calculó la derivada solo en w0; en cada paso se evalúa en la "
                                                      "posición actual, c·w."),
        ]
        where = "el ejemplo del enunciado" if i == 0 else f"η·c = {lr * c:g} y {steps} pasos"
        if not fb.compare(path, expected, label=label, mistakes=mistakes, reveal=i > 0, case=where,
                          hint="empiece con [w0] y repita steps veces w ← w − learning_rate·curvature·w."):
            return fb.done()
    fb.ok("gd_path acierta en el ejemplo del enunciado y en 5 casos nuevos al azar, con caminos que convergen, "
          "oscilan y divergen.")
    return fb.done()


# --- 2. un paso de RMSprop --------------------------------------------------------------------

_RMSPROP_EXAMPLE = (np.array([1.0, -2.0]), np.array([0.0, 0.0]), np.array([0.5, -1.0]), 0.01, 0.9, 1e-7)


def _rmsprop_case(rng):
    d = int(rng.integers(3, 7))
    return (rng.normal(size=d), rng.uniform(0.01, 2.0, d), rng.normal(size=d),
            float(rng.choice([0.001, 0.01, 0.05])), float(rng.choice([0.8, 0.9, 0.95])), 1e-7)


def check_rmsprop_step(namespace):
    """Comprueba ``rmsprop_step(w, s, grad, learning_rate, rho, epsilon)`` con el ejemplo y 5 casos al azar."""
    fb = Feedback("un paso de RMSprop", namespace)
    function = fb.function("rmsprop_step", params=("w", "s", "grad", "learning_rate", "rho", "epsilon"))
    if function is MISSING:
        return fb.done()
    label = "rmsprop_step(w, s, grad, learning_rate, rho, epsilon)"
    for i, (w, s, g, lr, rho, eps) in enumerate(fb.cases(_RMSPROP_EXAMPLE, _rmsprop_case, n=5)):
        got = fb.call(function, w, s, g, lr, rho, eps, label=f"`{label}`")
        pair = _pair(fb, got, label, ("new_w", "new_s"), (w.shape, s.shape))
        if pair is MISSING:
            return fb.done()
        new_w, new_s = pair
        where = "el ejemplo del enunciado" if i == 0 else f"{len(w)} pesos, rho = {rho:g}"
        s_ok = rho * s + (1 - rho) * g ** 2
        if not fb.compare(new_s, s_ok, label="new_s", reveal=i > 0, case=where, mistakes=[
                (rho * s + (1 - rho) * g, "s acumula el cuadrado del gradiente, g², no g."),
                ((1 - rho) * s + rho * g ** 2, "rho y 1 − rho están cambiados: s ← rho·s + (1 − rho)·g²."),
                (s, "devolvió la s que recibió: devuelva la nueva, rho·s + (1 − rho)·g²."),
                (s + g ** 2, "eso es Adagrad (una suma); RMSprop hace una media móvil: rho·s + (1 − rho)·g².")],
                hint="new_s = rho·s + (1 − rho)·g²."):
            return fb.done()
        w_ok = w - lr * g / np.sqrt(s_ok + eps)
        if not fb.compare(new_w, w_ok, label="new_w", reveal=i > 0, case=where, mistakes=[
                (w - lr * g / np.sqrt(s + eps), "use la s nueva (ya actualizada) para dividir, no la anterior."),
                (w - lr * g / (s_ok + eps), "falta la raíz: se divide entre √(s + epsilon)."),
                (w + lr * g / np.sqrt(s_ok + eps), "el signo está cambiado: el paso va en contra del gradiente."),
                (w - lr * g, "eso es SGD: falta dividir entre √(s + epsilon).")],
                hint="new_w = w − learning_rate·g / √(new_s + epsilon)."):
            return fb.done()
    fb.ok("rmsprop_step acierta en el ejemplo del enunciado y en 5 pasos nuevos al azar: la media de g² y el "
          "paso son los de nnlib y Keras.")
    return fb.done()


# --- 3. el programa coseno --------------------------------------------------------------------

_COSINE_EXAMPLE = (100, 0.1, 0.0, (0, 25, 50, 100, 150))


def _cosine_case(rng):
    decay = int(rng.integers(150, 2000))
    steps = tuple(int(t) for t in sorted(rng.integers(1, decay, 3))) + (decay, decay + int(rng.integers(1, 500)))
    return decay, float(rng.choice([0.3, 0.05, 0.02])), float(rng.choice([0.0, 0.1, 0.25])), steps


def _cosine(t, decay, lr0, alpha):
    t = min(t, decay)
    return lr0 * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * t / decay)) + alpha)


def check_cosine_decay(namespace):
    """Comprueba ``cosine_decay(step, decay_steps, initial_learning_rate, alpha)``, también después del final."""
    fb = Feedback("el programa coseno", namespace)
    function = fb.function("cosine_decay", params=("step", "decay_steps", "initial_learning_rate", "alpha"))
    if function is MISSING:
        return fb.done()
    for i, (decay, lr0, alpha, steps) in enumerate(fb.cases(_COSINE_EXAMPLE, _cosine_case, n=5)):
        values = []
        for t in steps:
            label = f"cosine_decay({t}, {decay}, {lr0:g}, {alpha:g})"
            got = fb.call(function, t, decay, lr0, alpha, label=f"`{label}`")
            value = MISSING if got is MISSING else fb.number(got, label=label)
            if value is MISSING:
                return fb.done()
            values.append(value)
        got = np.array(values)
        expected = np.array([_cosine(t, decay, lr0, alpha) for t in steps])
        raw = np.array([lr0 * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * t / decay)) + alpha) for t in steps])
        mistakes = [
            (raw, "después de decay_steps la tasa se queda en alpha·initial_learning_rate: use min(step, decay_steps)."),
            (np.array([lr0 * 0.5 * (1 + math.cos(math.pi * min(t, decay) / decay)) for t in steps]),
             "falta alpha: la tasa baja hasta alpha·initial_learning_rate, no hasta 0."),
            (np.array([lr0 * 0.5 * (1 + math.cos(math.pi * min(t, decay) / decay)) + alpha for t in steps]),
             "alpha es una fracción de la tasa inicial: ((1 − alpha)·coseno + alpha)·initial_learning_rate."),
            (np.array([lr0 * ((1 - alpha) * 0.5 * (1 + math.cos(min(t, decay) / decay)) + alpha) for t in steps]),
             "falta π dentro del coseno: medio coseno es cos(π·step/decay_steps)."),
            (np.array([lr0 * ((1 - alpha) * math.cos(math.pi * min(t, decay) / decay) + alpha) for t in steps]),
             "el coseno va de 1 a −1: escálelo a [0, 1] con ½·(1 + cos(...))."),
        ]
        where = "el ejemplo del enunciado" if i == 0 else f"decay_steps = {decay}, alpha = {alpha:g} y pasos {steps}"
        if not fb.compare(got, expected, label="las tasas", mistakes=mistakes, reveal=i > 0, case=where,
                          hint="tasa = initial_learning_rate·((1 − alpha)·½·(1 + cos(π·t/decay_steps)) + alpha), "
                               "con t = min(step, decay_steps)."):
            return fb.done()
    fb.ok("cosine_decay coincide con el programa coseno de Keras en el ejemplo del enunciado y en 5 casos nuevos "
          "al azar, también después de decay_steps.")
    return fb.done()


# --- 4. demostración: las tasas de una cuadrática ----------------------------------------------

_RATES_EXAMPLE = np.array([[1.0, 0.0], [0.0, 10.0]])


def _rates_case(rng):
    d = int(rng.integers(3, 6))
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    eigenvalues = rng.uniform(0.5, 20.0, d)
    return q @ np.diag(eigenvalues) @ q.T


def check_gd_rates(namespace):
    """Comprueba ``critical_learning_rate(H)`` y ``best_learning_rate(H)`` con el ejemplo y 5 matrices al azar."""
    fb = Feedback("las tasas de una cuadrática", namespace)
    critical = fb.function("critical_learning_rate", params=("H",))
    best = fb.function("best_learning_rate", params=("H",))
    if critical is MISSING or best is MISSING:
        return fb.done()
    for i, H in enumerate(fb.cases(_RATES_EXAMPLE, _rates_case, n=5)):
        eig = np.linalg.eigvalsh(H)
        low, high = float(eig[0]), float(eig[-1])
        diag = np.diag(H)
        where = "el ejemplo del enunciado" if i == 0 else f"una matriz {H.shape[0]}×{H.shape[0]} no diagonal"
        got = fb.call(critical, H, label="`critical_learning_rate(H)`")
        value = MISSING if got is MISSING else fb.number(got, label="critical_learning_rate(H)")
        if value is MISSING:
            return fb.done()
        if not fb.compare(value, 2 / high, label="critical_learning_rate(H)", reveal=i > 0, case=where, mistakes=[
                (1 / high, "con η = 1/λ_max el paso aún converge (sin oscilar); diverge a partir de 2/λ_max."),
                (2 / low, "la dirección más curvada es la que diverge primero: use el mayor valor propio."),
                (2 / float(np.trace(H)), "la traza suma todas las curvaturas; el límite lo pone la mayor, λ_max."),
                (2 / float(diag.max()) if i > 0 else None,
                 "la diagonal de H no son sus curvaturas si H no es diagonal: use np.linalg.eigvalsh(H).")],
                hint="en cada dirección propia, w ← (1 − η·λ)·w: converge si |1 − η·λ| < 1 para todos los λ."):
            return fb.done()
        got = fb.call(best, H, label="`best_learning_rate(H)`")
        value = MISSING if got is MISSING else fb.number(got, label="best_learning_rate(H)")
        if value is MISSING:
            return fb.done()
        if not fb.compare(value, 2 / (low + high), label="best_learning_rate(H)", reveal=i > 0, case=where,
                          mistakes=[
                (1 / high, "1/λ_max anula la dirección más curvada de un paso, pero deja lenta la menos curvada; "
                           "equilibre las dos: |1 − η·λ_min| = |1 − η·λ_max|."),
                (1 / (low + high), "iguale 1 − η·λ_min = η·λ_max − 1: sale η = 2/(λ_min + λ_max)."),
                (2 / (float(diag.min()) + float(diag.max())) if i > 0 else None,
                 "la diagonal de H no son sus curvaturas si H no es diagonal: use np.linalg.eigvalsh(H).")],
                hint="el peor factor de contracción es max(|1 − η·λ_min|, |1 − η·λ_max|): minimícelo."):
            return fb.done()
    fb.ok("critical_learning_rate y best_learning_rate aciertan en el ejemplo del enunciado y en 5 matrices "
          "nuevas al azar, no diagonales.")
    return fb.done()


# --- 5. proyecto: elegir la tasa con validación ------------------------------------------------

SEARCH_ITERATIONS = 100
SEARCH_THRESHOLD = 0.42


def _softplus(z):
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def _bce(X, y, w, b):
    with np.errstate(all="ignore"):
        z = X @ w + b
        value = float(np.mean(_softplus(z) - y * z))
    return value if np.isfinite(value) else math.inf


def reference_train(X, y, learning_rate, iterations=SEARCH_ITERATIONS):
    """La regresión logística del enunciado: descenso por gradiente de lote completo desde cero."""
    w, b = np.zeros(X.shape[1]), 0.0
    with np.errstate(all="ignore"):
        for _ in range(iterations):
            z = X @ w + b
            g = (np.exp(-_softplus(-z)) - y) / len(y)
            w, b = w - learning_rate * (X.T @ g), b - learning_rate * float(g.sum())
    return w, b


def search_data(rng):
    """Datos de clasificación con escalas distintas por variable y tasas candidatas en otra década cada vez."""
    scale = float(rng.uniform(0.5, 3.0))
    scales = scale * np.array([1.0, 2.0, 5.0])
    w = rng.choice([-1.0, 1.0], 3) * rng.uniform(1.0, 2.0, 3) / scales * 3 * scale
    X = rng.normal(size=(1200, 3)) * scales
    y = (rng.random(1200) < 1 / (1 + np.exp(-(X @ w + 0.5 * rng.normal())))).astype(float)
    offset = float(rng.uniform(-0.5, 0.5))
    candidates = [float(f"{c:.3g}") for c in 10 ** (np.arange(-3.0, 2.0) + offset) / scale ** 2]
    return X[:300], y[:300], X[300:500], y[300:500], X[500:], y[500:], candidates


def check_learning_rate_search(namespace):
    """Comprueba ``train_logistic`` y ``pick_learning_rate_by_validation`` con datos nuevos."""
    fb = Feedback("elegir la tasa con validación", namespace)
    train = fb.function("train_logistic", params=("X", "y", "learning_rate"))
    pick = fb.function("pick_learning_rate_by_validation",
                       params=("X_train", "y_train", "X_val", "y_val", "candidates"))
    if train is MISSING or pick is MISSING:
        return fb.done()
    X, y, X_val, y_val, X_test, y_test, candidates = search_data(fb.rng())
    for lr in (candidates[1], candidates[2]):
        label = f"train_logistic(X, y, {lr:g})"
        with np.errstate(all="ignore"):
            got = fb.call(train, X, y, lr, label=f"`{label}`", timeout=20)
        if got is MISSING:
            return fb.done()
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            fb.fail(f"{label} debe devolver dos cosas, (w, b), y devolvió {describe(got)}.",
                    hint="termine con `return w, b`.")
            return fb.done()
        w = fb.array(got[0], shape=(3,), label=f"la w de {label}")
        b = MISSING if w is MISSING else fb.number(got[1], label=f"la b de {label}")
        if b is MISSING:
            return fb.done()
        w_ok, b_ok = reference_train(X, y, lr)
        if not np.allclose(np.r_[w, b], np.r_[w_ok, b_ok], atol=1e-6, rtol=1e-6):
            fb.fail(f"con datos nuevos, {label} no da los pesos del descenso por gradiente del enunciado "
                    f"(la mayor diferencia es {fmt(float(np.max(np.abs(np.r_[w, b] - np.r_[w_ok, b_ok]))))}).",
                    hint=f"empiece con w = 0 y b = 0 y dé {SEARCH_ITERATIONS} pasos de lote completo: "
                         "g = (σ(X @ w + b) − y)/n; w = w − η·(X.T @ g); b = b − η·g.sum().")
            return fb.done()
    label = "pick_learning_rate_by_validation(X_train, y_train, X_val, y_val, candidates)"
    with np.errstate(all="ignore"):
        got = fb.call(pick, X, y, X_val, y_val, list(candidates), label=f"`{label}`", timeout=30)
    chosen = MISSING if got is MISSING else fb.number(got, label=label)
    if chosen is MISSING:
        return fb.done()
    val_losses = [_bce(X_val, y_val, *reference_train(X, y, c)) for c in candidates]
    train_losses = [_bce(X, y, *reference_train(X, y, c)) for c in candidates]
    best = candidates[int(np.argmin(val_losses))]
    matches = [c for c, loss in zip(candidates, val_losses) if abs(loss - min(val_losses)) <= 1e-9 + 1e-9 * abs(loss)]
    if not any(math.isclose(chosen, c, rel_tol=1e-9) for c in matches):
        if not any(math.isclose(chosen, c, rel_tol=1e-9) for c in candidates):
            hint = "devuelva una de las tasas de `candidates`, la de menor pérdida de validación."
        elif math.isclose(chosen, candidates[int(np.argmin(train_losses))], rel_tol=1e-9):
            hint = "eligió por la pérdida de entrenamiento; elija por la de validación (X_val, y_val)."
        elif math.isclose(chosen, candidates[int(np.argmax(val_losses))], rel_tol=1e-9):
            hint = "eligió la de mayor pérdida: use np.argmin, no np.argmax."
        else:
            hint = ("entrene con cada candidata, mida la entropía cruzada media en (X_val, y_val) y devuelva la "
                    "tasa con la menor.")
        fb.fail(f"con datos nuevos y candidatas {list(candidates)}, eligió {fmt(chosen)}; la de menor pérdida de "
                f"validación es {fmt(best)}.", hint=hint)
        return fb.done()
    test_loss = _bce(X_test, y_test, *reference_train(X, y, chosen))
    if not test_loss < SEARCH_THRESHOLD:
        fb.fail(f"con la tasa elegida, la entropía cruzada en 700 ejemplos de prueba es {fmt(test_loss)}.",
                hint="revise que la pérdida de validación sea la entropía cruzada media desde los logits.")
        return fb.done()
    fb.ok("train_logistic reproduce el descenso por gradiente del enunciado, y la tasa elegida por validación "
          f"deja la entropía cruzada por debajo de {SEARCH_THRESHOLD} en datos de prueba nuevos.")
    return fb.done()
