"""Comprobaciones de los ejercicios del capítulo 5, «Optimizadores».

* :func:`check_minibatch_gradient` — ``minibatch_gradient(X, y, w, b)``: el
  gradiente del error cuadrático medio de un modelo lineal sobre un lote,
  :math:`\\tfrac{2}{B} X^\\top(\\hat y - y)` y :math:`\\tfrac{2}{B}\\sum(\\hat y - y)`.
* :func:`check_sgd_momentum_step` — ``sgd_momentum_step(w, velocity, grad,
  learning_rate, momentum)``: un paso de SGD con momento escrito como Keras,
  :math:`v \\leftarrow \\mu v - \\eta g`, :math:`w \\leftarrow w + v`.
* :func:`check_adam_step` — ``adam_step(w, m, v, grad, t, learning_rate,
  beta_1, beta_2, epsilon)``: un paso de Adam con la corrección de sesgo.
* :func:`check_pick_learning_rate` — ``pick_learning_rate(learning_rates,
  losses)``: la regla para leer la curva del buscador de la tasa, una década
  por debajo del mínimo.

Todas reciben el espacio de nombres del cuaderno: ``check_adam_step(globals())``
(véase :mod:`nnlib.checks`).
"""
from __future__ import annotations

import numpy as np

from . import CONSTANT_HINT, MISSING, Feedback, describe, is_close

__all__ = ["GRADIENT_EXAMPLE", "MOMENTUM_EXAMPLE", "ADAM_EXAMPLE", "FINDER_EXAMPLE",
           "check_minibatch_gradient", "check_sgd_momentum_step", "check_adam_step", "check_pick_learning_rate"]


def _repeated(earlier, shape):
    """Errores «escrito a mano»: los resultados de casos anteriores con la misma forma."""
    return [(value, CONSTANT_HINT) for value in earlier if np.shape(value) == tuple(shape)]


def _results(fb, got, label, names):
    """Los ``len(names)`` resultados que devolvió la función, o :data:`MISSING` con una pista."""
    n = len(names)
    wanted = ", ".join(names)
    if isinstance(got, (tuple, list)) and len(got) == n:
        return got
    if got is None:
        fb.fail(f"{label} no devolvió nada.", hint=f"termine la función con `return {wanted}`.")
    elif isinstance(got, (tuple, list)):
        fb.fail(f"{label} devolvió {len(got)} cosas; se esperaban {n}: {wanted}.",
                hint=f"termine la función con `return {wanted}`.")
    else:
        fb.fail(f"{label} devolvió {describe(got)}; se esperaban {n} cosas: {wanted}.",
                hint=f"termine la función con `return {wanted}` (separadas por comas).")
    return MISSING


# ======================================================================================
# Ejercicio 1. El gradiente de un minilote
# ======================================================================================
#: El ejemplo del enunciado: un lote de 4 ejemplos con 3 entradas.
GRADIENT_EXAMPLE = {
    "X": [[1.0, 2.0, 0.0], [0.0, 1.0, -1.0], [2.0, -1.0, 1.0], [1.0, 0.0, 1.0]],
    "y": [1.0, 0.0, 2.0, -1.0],
    "w": [0.5, -0.5, 1.0],
    "b": 0.25,
}


def _gradient_case(rng, d=None):
    n, d = int(rng.integers(5, 12)), int(rng.integers(1, 5)) if d is None else d
    X = np.round(rng.normal(size=(n, d)), 2)
    y = np.round(rng.normal(size=n), 2)
    w = np.round(rng.normal(size=d), 2)
    b = float(np.round(rng.normal(), 2))
    return X, y, w, b


def _gradient_reference(X, y, w, b, *, scale=2.0, mean=True, sign=1.0):
    error = sign * (X @ w + b - y)
    n = len(X) if mean else 1
    return scale * X.T @ error / n, float(scale * np.sum(error) / n)


def _gradient_mistakes(X, y, w, b, part):
    """Pares (valor, pista) de los errores habituales, para la parte ``part`` (0: grad_w, 1: grad_b)."""
    e = X @ w + b - y
    first = (2.0 * X[0] * e[0], 2.0 * e[0])
    return [
        (_gradient_reference(X, y, w, b, mean=False)[part],
         "suma en lugar de media: la pérdida es la media del lote, así que divida por el número de ejemplos, "
         "len(X)."),
        (_gradient_reference(X, y, w, b, scale=1.0)[part],
         "falta el 2: la derivada de (ŷ − y)² es 2 (ŷ − y)."),
        (_gradient_reference(X, y, w, b, sign=-1.0)[part],
         "el signo está cambiado: el error es ŷ − y (predicción menos objetivo); con y − ŷ sale −∇L."),
        (_gradient_reference(X, y, w, b, scale=1.0, mean=False)[part],
         "falta el 2 y sobra la suma: ∇L = (2 / B) Xᵀ (ŷ − y), con B = len(X)."),
        (_gradient_reference(X, y, w, b, scale=2.0 / X.shape[1])[part] if part == 0 else
         2.0 * np.sum(e) / X.size,
         "divida por el número de ejemplos (filas de X, len(X)), no por el número de elementos de X."),
        (first[part], "use todos los ejemplos del lote, no solo el primero: la media de sus gradientes."),
    ]


def check_minibatch_gradient(namespace):
    """Comprueba ``minibatch_gradient(X, y, w, b)`` -> ``(grad_w, grad_b)`` del error cuadrático medio."""
    fb = Feedback("el gradiente de un minilote", namespace)
    gradient = fb.function("minibatch_gradient", params=("X", "y", "w", "b"))
    if gradient is MISSING:
        return fb.done()
    example = tuple(np.array(GRADIENT_EXAMPLE[k]) if k != "b" else GRADIENT_EXAMPLE[k] for k in "Xywb")
    rng = fb.rng()
    # El primer caso nuevo tiene tantas entradas como el ejemplo: un resultado escrito a mano se reconoce.
    cases = [example, _gradient_case(rng, d=3)] + [_gradient_case(rng) for _ in range(4)]
    earlier = []
    for i, (X, y, w, b) in enumerate(cases):
        case = "el ejemplo del enunciado" if i == 0 else f"un lote de {len(X)} ejemplos con {X.shape[1]} entradas"
        label = "minibatch_gradient(X, y, w, b)"
        got = fb.call(gradient, X, y, w, b, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        pair = _results(fb, got, f"{label} con {case}", ("grad_w", "grad_b"))
        if pair is MISSING:
            return fb.done()
        expected_w, expected_b = _gradient_reference(X, y, w, b)
        grad_w = fb.array(pair[0], shape=expected_w.shape, label=f"grad_w con {case}")
        if grad_w is MISSING:
            return fb.done()
        if not fb.compare(grad_w, expected_w, label="grad_w", case=case, reveal=i > 0,
                          mistakes=_gradient_mistakes(X, y, w, b, 0) + _repeated(earlier, expected_w.shape),
                          hint="calcule el error e = X @ w + b − y y después (2 / len(X)) * X.T @ e."):
            return fb.done()
        grad_b = fb.number(pair[1], label=f"grad_b con {case}")
        if grad_b is MISSING:
            return fb.done()
        if not fb.compare(grad_b, expected_b, label="grad_b", case=case, reveal=i > 0,
                          mistakes=_gradient_mistakes(X, y, w, b, 1),
                          hint="el sesgo suma 1 a cada predicción: grad_b = (2 / len(X)) * np.sum(e)."):
            return fb.done()
        earlier.append(grad_w)
    fb.ok("minibatch_gradient acierta en el ejemplo del enunciado y en 5 lotes nuevos al azar: "
          "es la media de los gradientes de los ejemplos del lote.")
    return fb.done()


# ======================================================================================
# Ejercicio 2. Un paso de SGD con momento
# ======================================================================================
MOMENTUM_EXAMPLE = {
    "w": [1.0, -2.0],
    "velocity": [0.1, 0.0],
    "grad": [0.5, -1.0],
    "learning_rate": 0.1,
    "momentum": 0.9,
}


def _momentum_case(rng, n=None):
    n = int(rng.integers(3, 7)) if n is None else n
    w, v, g = (np.round(rng.normal(size=n), 2) for _ in range(3))
    lr = float(rng.choice([0.01, 0.05, 0.2, 0.3]))
    mu = float(rng.choice([0.5, 0.8, 0.95]))
    return w, v * 0.5, g, lr, mu


def _momentum_mistakes(w, v, g, lr, mu):
    """Pares ((w, velocity), pista) de los errores habituales."""
    keras = mu * v - lr * g
    return [
        ((w + mu * v + lr * g, mu * v + lr * g),
         "el momento empuja cuesta arriba: el gradiente se resta, velocity = momentum * velocity − "
         "learning_rate * grad."),
        ((w - mu * v - lr * g, -mu * v - lr * g),
         "el signo de momentum * velocity está cambiado: la velocidad anterior se suma tal cual, "
         "velocity = momentum * velocity − learning_rate * grad."),
        ((w - (mu * v + lr * g), mu * v + lr * g),
         "con el convenio del enunciado la velocidad ya lleva el signo del paso: velocity = momentum * velocity "
         "− learning_rate * grad y después w + velocity."),
        ((w - lr * (mu * v + g), mu * v + g),
         "esa es la forma de PyTorch (b ← μ b + g; w ← w − η b); el enunciado pide la de Keras: "
         "velocity = momentum * velocity − learning_rate * grad; w = w + velocity."),
        ((w + v, keras),
         "w se mueve con la velocidad nueva, no con la anterior: primero actualice velocity y después "
         "w = w + velocity."),
        ((w - lr * g, -lr * g),
         "falta el momento: la velocidad nueva incluye momentum * velocity."),
        ((w + mu * v - g, mu * v - g),
         "falta la tasa de aprendizaje: el gradiente se multiplica por learning_rate."),
        ((w + mu * keras - lr * g, keras),
         "eso es el paso de Nesterov (w + momentum * velocity − learning_rate * grad); el enunciado pide el "
         "momento clásico: w = w + velocity."),
        ((w + keras, mu * v - (1 - mu) * lr * g),
         "no multiplique el gradiente por (1 − momentum): velocity = momentum * velocity − "
         "learning_rate * grad."),
    ]


def check_sgd_momentum_step(namespace):
    """Comprueba ``sgd_momentum_step(w, velocity, grad, learning_rate, momentum)`` -> ``(new_w, new_velocity)``."""
    fb = Feedback("SGD con momento", namespace)
    step = fb.function("sgd_momentum_step", params=("w", "velocity", "grad", "learning_rate", "momentum"))
    if step is MISSING:
        return fb.done()
    example = tuple(np.array(MOMENTUM_EXAMPLE[k]) if isinstance(MOMENTUM_EXAMPLE[k], list) else MOMENTUM_EXAMPLE[k]
                    for k in ("w", "velocity", "grad", "learning_rate", "momentum"))
    rng = fb.rng()
    cases = [example, _momentum_case(rng, n=2)] + [_momentum_case(rng) for _ in range(4)]
    earlier = []
    for i, (w, v, g, lr, mu) in enumerate(cases):
        case = "el ejemplo del enunciado" if i == 0 else f"{len(w)} pesos, η = {lr} y μ = {mu}"
        label = "sgd_momentum_step(w, velocity, grad, learning_rate, momentum)"
        got = fb.call(step, w, v, g, lr, mu, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        pair = _results(fb, got, f"{label} con {case}", ("new_w", "new_velocity"))
        if pair is MISSING:
            return fb.done()
        new_w = fb.array(pair[0], shape=w.shape, label=f"new_w con {case}")
        new_v = MISSING if new_w is MISSING else fb.array(pair[1], shape=w.shape, label=f"new_velocity con {case}")
        if new_v is MISSING:
            return fb.done()
        expected_v = mu * v - lr * g
        expected_w = w + expected_v
        if is_close(new_w, expected_w) and is_close(new_v, expected_v):
            earlier.append(new_w)
            continue
        # Los errores habituales se reconocen por la pareja (w, velocity) entera.
        hint = next((h for (mw, mv), h in _momentum_mistakes(w, v, g, lr, mu)
                     if is_close(new_w, mw) and is_close(new_v, mv)), None)
        if hint is None and any(is_close(new_w, previous) for previous in earlier):
            hint = CONSTANT_HINT
        if is_close(new_w, expected_w):
            fb.compare(new_v, expected_v, label="new_velocity", case=case, reveal=i > 0,
                       hint=hint or "w está bien, pero la velocidad nueva es momentum * velocity − "
                                    "learning_rate * grad: devuélvala también.")
        else:
            fb.compare(new_w, expected_w, label="new_w", case=case, reveal=i > 0,
                       mistakes=[(new_w, hint)] if hint else [],
                       hint="la velocidad está bien, pero w no: w = w + velocity (con la velocidad nueva)."
                       if is_close(new_v, expected_v) else
                       "velocity = momentum * velocity − learning_rate * grad; después w = w + velocity.")
        return fb.done()
    fb.ok("sgd_momentum_step acierta en el ejemplo del enunciado y en 5 casos nuevos al azar: "
          "la velocidad y los pesos nuevos son los de Keras.")
    return fb.done()


# ======================================================================================
# Ejercicio 3. Un paso de Adam
# ======================================================================================
ADAM_EXAMPLE = {
    "w": [0.5, -1.0],
    "m": [0.0, 0.0],
    "v": [0.0, 0.0],
    "grad": [0.2, -0.4],
    "t": 1,
    "learning_rate": 0.1,
    "beta_1": 0.9,
    "beta_2": 0.999,
    "epsilon": 1e-7,
}
_ADAM_KEYS = ("w", "m", "v", "grad", "t", "learning_rate", "beta_1", "beta_2", "epsilon")


def _adam_case(rng, n=None):
    # Un estado que podría venir de pasos anteriores: v ≥ 0 y del tamaño de g².
    n = int(rng.integers(3, 7)) if n is None else n
    g = rng.choice([-1.0, 1.0], size=n) * rng.uniform(0.05, 1.0, size=n)
    m = rng.normal(scale=0.3, size=n)
    v = rng.uniform(0.01, 0.5, size=n)
    w = rng.normal(size=n)
    t = int(rng.integers(2, 40))
    lr = float(rng.choice([0.001, 0.01, 0.1]))
    beta_1 = float(rng.choice([0.8, 0.9]))
    beta_2 = float(rng.choice([0.99, 0.999]))
    return w, m, v, g, t, lr, beta_1, beta_2, 1e-7


def _adam(w, m, v, g, t, lr, b1, b2, eps, *, fix_m=True, fix_v=True, t_used=None, swap=False, sqrt=True,
          sign=1.0):
    """El paso de Adam y sus variantes equivocadas: ``(new_w, new_m, new_v)``."""
    if swap:
        m_new, v_new = b1 * g + (1 - b1) * m, b2 * g * g + (1 - b2) * v
    else:
        m_new, v_new = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
    k = t if t_used is None else t_used
    m_hat = m_new / (1 - b1 ** k) if fix_m else m_new
    v_hat = v_new / (1 - b2 ** k) if fix_v else v_new
    root = np.sqrt(v_hat) if sqrt else v_hat
    return w - sign * lr * m_hat / (root + eps), m_new, v_new


def _adam_mistakes(args):
    b1 = args[6]
    off_by_one = [] if args[4] <= 1 else [
        (_adam(*args, t_used=args[4] - 1)[0],
         "uno de menos en la corrección: t ya es el número de este paso (el primero es t = 1), use beta_1**t."),
    ]
    return off_by_one + [
        (_adam(*args, fix_m=False, fix_v=False)[0],
         "falta la corrección de sesgo: use m̂ = m / (1 − beta_1**t) y v̂ = v / (1 − beta_2**t) en el paso."),
        (_adam(*args, fix_v=False)[0], "corrija también v: v̂ = v / (1 − beta_2**t)."),
        (_adam(*args, fix_m=False)[0], "corrija también m: m̂ = m / (1 − beta_1**t)."),
        (_adam(*args, t_used=args[4] + 1)[0],
         "uno de más en la corrección: t ya es el número de este paso (el primero es t = 1), use beta_1**t."),
        (_adam(*args, swap=True)[0],
         f"los pesos de las medias móviles están al revés: m = beta_1 * m + (1 − beta_1) * grad "
         f"(con beta_1 = {b1:g}, la media recuerda sobre todo el pasado)."),
        (_adam(*args, sqrt=False)[0], "falta la raíz: el paso divide por √v̂ + epsilon, no por v̂."),
        (_adam(*args, sign=-1.0)[0], "el paso va cuesta abajo: w − learning_rate * m̂ / (√v̂ + epsilon)."),
    ]


def check_adam_step(namespace):
    """Comprueba ``adam_step(w, m, v, grad, t, learning_rate, beta_1, beta_2, epsilon)`` -> ``(new_w, new_m, new_v)``.

    Acepta :math:`\\epsilon` en el sitio del artículo (:math:`\\sqrt{\\hat v} + \\epsilon`), en el de Keras
    (sumado a :math:`\\sqrt{v}` sin corregir) o dentro de la raíz: con :math:`\\epsilon = 10^{-7}` y
    gradientes como los de los casos, las tres dan el mismo paso hasta :math:`10^{-5}` relativo.
    """
    fb = Feedback("un paso de Adam", namespace)
    step = fb.function("adam_step", params=_ADAM_KEYS)
    if step is MISSING:
        return fb.done()
    example = tuple(np.array(ADAM_EXAMPLE[k]) if isinstance(ADAM_EXAMPLE[k], list) else ADAM_EXAMPLE[k]
                    for k in _ADAM_KEYS)
    rng = fb.rng()
    cases = [example, _adam_case(rng, n=2)] + [_adam_case(rng) for _ in range(4)]
    earlier = {"m": [], "v": [], "w": []}
    for i, args in enumerate(cases):
        w, t = args[0], args[4]
        case = "el ejemplo del enunciado" if i == 0 else f"{len(w)} pesos en el paso t = {t}"
        label = "adam_step(w, m, v, grad, t, ...)"
        got = fb.call(step, *args, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        triple = _results(fb, got, f"{label} con {case}", ("new_w", "new_m", "new_v"))
        if triple is MISSING:
            return fb.done()
        arrays = []
        for value, name in zip(triple, ("new_w", "new_m", "new_v")):
            arrays.append(fb.array(value, shape=w.shape, label=f"{name} con {case}"))
            if arrays[-1] is MISSING:
                return fb.done()
        new_w, new_m, new_v = arrays
        expected_w, expected_m, expected_v = _adam(*args)
        b1, b2 = args[6], args[7]
        if not fb.compare(new_m, expected_m, label="new_m", case=case, reveal=i > 0,
                          mistakes=[(expected_m / (1 - b1 ** t),
                                     "devuelva m sin corregir: m̂ solo sirve para el paso (si guarda m̂, la "
                                     "siguiente llamada lo corregiría otra vez)."),
                                    (_adam(*args, swap=True)[1],
                                     "los pesos de la media están al revés: m = beta_1 * m + (1 − beta_1) * grad."),
                                    (args[1], "actualice m: m = beta_1 * m + (1 − beta_1) * grad.")]
                          + _repeated(earlier["m"], w.shape),
                          hint="m = beta_1 * m + (1 − beta_1) * grad."):
            return fb.done()
        if not fb.compare(new_v, expected_v, label="new_v", case=case, reveal=i > 0,
                          mistakes=[(expected_v / (1 - b2 ** t),
                                     "devuelva v sin corregir: v̂ solo sirve para el paso."),
                                    (b2 * args[2] + (1 - b2) * args[3], "v es la media de los cuadrados: use grad**2."),
                                    (_adam(*args, swap=True)[2],
                                     "los pesos de la media están al revés: v = beta_2 * v + (1 − beta_2) * grad**2."),
                                    (args[2], "actualice v: v = beta_2 * v + (1 − beta_2) * grad**2.")]
                          + _repeated(earlier["v"], w.shape),
                          hint="v = beta_2 * v + (1 − beta_2) * grad**2."):
            return fb.done()
        if not fb.compare(new_w, expected_w, label="new_w", case=case, reveal=i > 0,
                          mistakes=_adam_mistakes(args) + _repeated(earlier["w"], w.shape), atol=1e-6, rtol=1e-5,
                          hint="con m y v nuevos: m̂ = m / (1 − beta_1**t), v̂ = v / (1 − beta_2**t) y "
                               "w − learning_rate * m̂ / (√v̂ + epsilon)."):
            return fb.done()
        earlier["m"].append(new_m)
        earlier["v"].append(new_v)
        earlier["w"].append(new_w)
    fb.ok("adam_step acierta en el ejemplo del enunciado (en el primer paso, cada peso se mueve η) "
          "y en 5 pasos nuevos al azar, con la corrección de sesgo.")
    return fb.done()


# ======================================================================================
# Ejercicio 4. Leer la curva del buscador de la tasa
# ======================================================================================
def _finder_curve(rng, n, low, high, best, depth):
    """Una curva del buscador: plana, baja hasta el mínimo en ``best`` y se dispara."""
    log_lr = np.linspace(np.log10(low), np.log10(high), n)
    x = log_lr - np.log10(best)
    start = rng.uniform(2.0, 2.5)
    curve = start - depth / (1.0 + np.exp(-3.0 * (x + 1.2)))      # el descenso, una década antes del mínimo
    curve += np.where(x > 0, 2.5 * x ** 2, 0.0)                      # la explosión tras el mínimo
    curve += rng.normal(scale=0.01, size=n)
    return 10.0 ** log_lr, curve


#: El ejemplo del enunciado: 12 tasas de 1e-4 a 10 y sus pérdidas suavizadas.
FINDER_EXAMPLE = {
    "learning_rates": [1e-4, 2.8e-4, 8.1e-4, 2.3e-3, 6.6e-3, 1.9e-2, 5.3e-2, 0.15, 0.43, 1.2, 3.5, 10.0],
    "losses": [2.31, 2.31, 2.30, 2.29, 2.21, 1.95, 1.52, 1.18, 0.97, 1.21, 2.64, 6.90],
}


def _finder_case(rng):
    n = int(rng.integers(30, 120))
    best = 10.0 ** rng.uniform(-2.5, 0.0)
    lrs, losses = _finder_curve(rng, n, 1e-5, 10.0, best, depth=rng.uniform(0.8, 1.6))
    return lrs, losses


def _steepest(lrs, losses, *, log=True, cut=True):
    """La tasa de la bajada más empinada de la curva (la regla del enunciado) y sus variantes."""
    end = int(np.argmin(losses)) + 1 if cut else len(losses)
    x = np.log10(lrs[:end]) if log else lrs[:end]
    slopes = np.gradient(losses[:end], x)
    return lrs[int(np.argmin(slopes))], slopes


def check_pick_learning_rate(namespace):
    """Comprueba ``pick_learning_rate(learning_rates, losses)``: la tasa de la bajada más empinada.

    La pendiente es la de ``losses`` frente a :math:`\\log_{10}` de la tasa (``np.gradient``), solo
    hasta el mínimo de la curva. También se acepta la pendiente por diferencias (``np.diff``), con
    la tasa de cualquiera de los dos extremos del tramo más empinado.
    """
    fb = Feedback("leer la curva del buscador", namespace)
    pick = fb.function("pick_learning_rate", params=("learning_rates", "losses"))
    if pick is MISSING:
        return fb.done()
    example = (np.array(FINDER_EXAMPLE["learning_rates"]), np.array(FINDER_EXAMPLE["losses"]))
    for i, (lrs, losses) in enumerate(fb.cases(example, _finder_case, n=5)):
        case = "el ejemplo del enunciado" if i == 0 else f"una curva nueva de {len(lrs)} puntos"
        label = "pick_learning_rate(learning_rates, losses)"
        got = fb.call(pick, lrs, losses, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        value = fb.number(got, label=f"{label} con {case}")
        if value is MISSING:
            return fb.done()
        expected, slopes = _steepest(lrs, losses)
        best = int(np.argmin(losses))
        segment = int(np.argmin(np.diff(losses[: best + 1]) / np.diff(np.log10(lrs[: best + 1]))))
        if any(is_close(value, lrs[k], atol=0.0, rtol=1e-9) for k in (segment, segment + 1)):
            continue
        steepest_up = lrs[int(np.argmax(slopes))]
        mistakes = [
            (lrs[best], "esa es la tasa del mínimo de la curva: ahí la pérdida ya está a punto de dispararse; "
                        "busque antes, donde la curva baja más deprisa."),
            (lrs[best] / 10.0, "esa es la regla de la década (el mínimo entre 10), la que usa el capítulo; este "
                               "ejercicio pide la de la bajada más empinada."),
            (_steepest(lrs, losses, log=False)[0],
             "la curva se dibuja frente al logaritmo de la tasa: calcule la pendiente con "
             "np.gradient(losses, np.log10(learning_rates)), no frente a la tasa."),
            (_steepest(lrs, losses, cut=False)[0],
             "busque solo hasta el mínimo de la curva (incluido): después la pérdida se dispara."),
            (steepest_up, "la pendiente más negativa, np.argmin(slopes): ahí la pérdida baja más deprisa; "
                          "np.argmax da donde más sube."),
            (float(np.argmin(slopes)), "devolvió una posición (un índice); devuelva la tasa de ese punto, "
                                       "learning_rates[i]."),
            (float(np.min(slopes)), "devolvió la pendiente; devuelva la tasa de ese punto, learning_rates[i]."),
            (float(best), "devolvió la posición del mínimo; se pide una tasa de aprendizaje."),
        ]
        if not fb.compare(value, expected, label=label, case=case, reveal=i > 0, mistakes=mistakes,
                          atol=0.0, rtol=1e-9,
                          hint="quédese con los puntos hasta el mínimo, calcule la pendiente frente a "
                               "np.log10(learning_rates) y devuelva la tasa donde es más negativa."):
            return fb.done()
    fb.ok("pick_learning_rate encuentra la bajada más empinada en el ejemplo del enunciado y en 5 curvas nuevas "
          "al azar.")
    return fb.done()
