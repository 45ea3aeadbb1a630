r"""Comprobaciones de los ejercicios del capítulo 4, «Funciones de pérdida».

* :func:`check_huber` — dos funciones, ``huber_loss(y_true, y_pred, delta)`` y
  ``huber_gradient(y_true, y_pred, delta)``: la pérdida de Huber media sobre
  todos los elementos y su derivada respecto de ``y_pred``.
* :func:`check_bce` — ``bce_loss(y_true, y_pred)`` y ``bce_gradient(y_true, y_pred)``:
  la entropía cruzada binaria media desde probabilidades y su derivada respecto
  de la probabilidad.
* :func:`check_output_and_loss` — el diccionario ``output_and_loss``: capa de
  salida (neuronas y activación) y pérdida para cuatro problemas.
* :func:`check_bce_from_logits` — ``bce_from_logits(y_true, logits)``: la entropía
  cruzada binaria media desde logits, finita y exacta para cualquier logit.

Las medias son sobre todos los elementos, como en Keras (y en ``nnlib.losses``).
Todas reciben el espacio de nombres del cuaderno, ``check_huber(globals())``, y
siguen la norma de :mod:`nnlib.checks`.
"""
from __future__ import annotations

import numpy as np

from . import MISSING, Feedback, describe, fmt, normalize_text

__all__ = ["check_huber", "check_bce", "check_output_and_loss", "check_bce_from_logits"]


def _where(i, shape):
    return "el ejemplo del enunciado" if i == 0 else f"datos de forma {shape}"


def _random_shape(rng):
    """Otra forma que la del ejemplo (4,): un vector de 5 a 9 elementos o una matriz."""
    if rng.random() < 0.5:
        return (int(rng.integers(5, 10)),)
    return (int(rng.integers(2, 5)), int(rng.integers(2, 4)))


def _row_mean(per_element):
    """La media de las sumas por fila: el error de sumar sobre la última dimensión."""
    return float(np.mean(np.sum(per_element, axis=-1))) if per_element.ndim == 2 else None


def _mistakes(pairs):
    """Quita los errores que no aplican (valor ``None``)."""
    return [(value, hint) for value, hint in pairs if value is not None]


# --- 1. Huber ---------------------------------------------------------------------------------

_HUBER_EXAMPLE = (np.zeros(4), np.array([0.5, -2.0, 1.0, 3.0]), 1.0)


def _huber_case(rng):
    """Errores a ambos lados de δ (nunca cerca de δ), con otra forma y otro δ que el ejemplo."""
    shape = _random_shape(rng)
    delta = float(rng.choice([0.5, 0.75, 1.5, 2.0]))
    size = int(np.prod(shape))
    scale = np.where(np.arange(size) % 2 == 0, rng.uniform(0.1, 0.8, size), rng.uniform(1.3, 3.0, size))
    errors = delta * scale * rng.choice([-1.0, 1.0], size)
    y_true = rng.normal(size=size)
    order = rng.permutation(size)
    return (y_true.reshape(shape), (y_true + errors[order]).reshape(shape), delta)


def _huber_parts(y_true, y_pred, delta):
    e = y_pred - y_true
    a = np.abs(e)
    small = a <= delta
    quad, lin = 0.5 * e ** 2, delta * a - 0.5 * delta ** 2
    return e, small, quad, lin


def check_huber(namespace):
    """Comprueba ``huber_loss`` y ``huber_gradient`` con el ejemplo y 5 casos al azar."""
    fb = Feedback("la pérdida de Huber y su gradiente", namespace)
    loss_fn = fb.function("huber_loss", params=("y_true", "y_pred", "delta"))
    grad_fn = fb.function("huber_gradient", params=("y_true", "y_pred", "delta"))
    if loss_fn is MISSING or grad_fn is MISSING:
        return fb.done()
    cases = fb.cases(_HUBER_EXAMPLE, _huber_case, n=5)
    for i, (y_true, y_pred, delta) in enumerate(cases):
        e, small, quad, lin = _huber_parts(y_true, y_pred, delta)
        per_element = np.where(small, quad, lin)
        n = y_pred.size
        where = _where(i, y_pred.shape) + ("" if i == 0 else f" y delta = {delta:g}")
        label = "huber_loss(y_true, y_pred, delta)"
        got = fb.call(loss_fn, y_true, y_pred, delta, label=f"`{label}`")
        value = MISSING if got is MISSING else fb.number(got, label=label)
        if value is MISSING:
            return fb.done()
        mistakes = _mistakes([
            (np.mean(quad), "½e² solo vale cuando |e| ≤ delta; más allá, la pérdida es delta·|e| − ½·delta²."),
            (np.mean(e ** 2), "eso es el MSE: Huber usa ½e² cuando |e| ≤ delta y delta·|e| − ½·delta² cuando no."),
            (np.mean(np.abs(e)), "eso es el MAE: cerca de 0 (|e| ≤ delta) Huber es cuadrática, ½e²."),
            (np.mean(np.where(small, e ** 2, lin)), "el tramo cuadrático es ½e²: falta el ½."),
            (np.mean(np.where(small, quad, delta * np.abs(e))),
             "en el tramo lineal falta restar ½·delta² (sin él, la pérdida salta en |e| = delta)."),
            (np.mean(np.where(small, lin, quad)),
             "los tramos están cambiados: cuadrático cuando |e| ≤ delta y lineal cuando |e| > delta."),
            (np.sum(per_element), "sumó los elementos: la pérdida es la media (divida entre y_pred.size)."),
            (_row_mean(per_element), "sumó sobre cada fila y promedió las filas; promedie sobre todos los "
                                     "elementos, como Keras: np.mean(...)."),
        ])
        if not fb.compare(value, np.mean(per_element), label=label, mistakes=mistakes, reveal=i > 0,
                          case=where, hint="calcule e = y_pred - y_true, aplique cada tramo según |e| ≤ delta "
                                           "y devuelva la media de todos los elementos."):
            return fb.done()

        label = "huber_gradient(y_true, y_pred, delta)"
        got = fb.call(grad_fn, y_true, y_pred, delta, label=f"`{label}`")
        grad = MISSING if got is MISSING else fb.array(got, shape=y_pred.shape, label=label)
        if grad is MISSING:
            return fb.done()
        g = np.clip(e, -delta, delta)
        mistakes = _mistakes([
            (g, "falta dividir entre n = y_pred.size: J es una media, y cada elemento pesa 1/n."),
            (-g / n, "el signo está cambiado: la derivada de ½(ŷ − y)² respecto de ŷ es (ŷ − y), no (y − ŷ)."),
            (e / n, "para |e| > delta la derivada es delta·signo(e), no e: recorte el error a [−delta, delta]."),
            (2 * e / n, "eso es el gradiente del MSE; el de Huber es e recortado a [−delta, delta], entre n."),
            (np.sign(e) / n, "eso es el gradiente del MAE; cerca de 0 (|e| ≤ delta) la derivada de Huber es e."),
            (delta * np.sign(e) / n, "para |e| ≤ delta la derivada es e; delta·signo(e) solo vale más allá."),
            (g / y_pred.shape[0] if y_pred.ndim == 2 else None,
             "divida entre todos los elementos (y_pred.size), no solo entre las filas."),
        ])
        if not fb.compare(grad, g / n, label=label, mistakes=mistakes, reveal=i > 0, case=where,
                          hint="la derivada de cada elemento es e si |e| ≤ delta y delta·signo(e) si no; "
                               "divídala entre y_pred.size."):
            return fb.done()
    fb.ok("huber_loss y huber_gradient aciertan en el ejemplo del enunciado y en 5 casos nuevos al azar "
          "(vectores y matrices, varios delta, errores a ambos lados del umbral).")
    return fb.done()


# --- 2. entropía cruzada binaria ------------------------------------------------------------

_BCE_EXAMPLE = (np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.9, 0.2, 0.6, 0.5]))


def _bce_case(rng):
    shape = _random_shape(rng)
    size = int(np.prod(shape))
    labels = rng.permutation(np.arange(size) % 2).astype(float)      # ceros y unos, siempre los dos
    return labels.reshape(shape), rng.uniform(0.05, 0.95, size).reshape(shape)


def check_bce(namespace):
    """Comprueba ``bce_loss`` y ``bce_gradient`` con el ejemplo y 5 casos al azar."""
    fb = Feedback("la entropía cruzada binaria y su gradiente", namespace)
    loss_fn = fb.function("bce_loss", params=("y_true", "y_pred"))
    grad_fn = fb.function("bce_gradient", params=("y_true", "y_pred"))
    if loss_fn is MISSING or grad_fn is MISSING:
        return fb.done()
    for i, (y, p) in enumerate(fb.cases(_BCE_EXAMPLE, _bce_case, n=5)):
        n = p.size
        where = _where(i, p.shape)
        per_element = -(y * np.log(p) + (1 - y) * np.log(1 - p))
        label = "bce_loss(y_true, y_pred)"
        got = fb.call(loss_fn, y, p, label=f"`{label}`")
        value = MISSING if got is MISSING else fb.number(got, label=label)
        if value is MISSING:
            return fb.done()
        mistakes = _mistakes([
            (-np.mean(per_element), "falta el signo menos: log p es negativo, y sin el menos la pérdida sale "
                                    "negativa."),
            (np.sum(per_element), "sumó los elementos: la pérdida es la media (divida entre y_pred.size)."),
            (np.mean(-y * np.log(p)), "falta el término (1 − y)·log(1 − p): sin él, los ejemplos de etiqueta 0 "
                                      "no cuentan."),
            (np.mean(-(1 - y) * np.log(1 - p)), "falta el término y·log p: sin él, los ejemplos de etiqueta 1 "
                                                "no cuentan."),
            (np.mean(per_element) / np.log(10), "use el logaritmo natural, np.log, no np.log10."),
            (np.mean(per_element) / np.log(2), "use el logaritmo natural, np.log, no np.log2."),
            (np.mean(-(y * np.log(1 - p) + (1 - y) * np.log(p))),
             "cambió p por 1 − p: cuando y = 1 la pérdida es −log p, y cuando y = 0, −log(1 − p)."),
            (_row_mean(per_element), "sumó sobre cada fila y promedió las filas; promedie sobre todos los "
                                     "elementos: np.mean(...)."),
        ])
        if not fb.compare(value, np.mean(per_element), label=label, mistakes=mistakes, reveal=i > 0,
                          case=where, hint="calcule −(y·log p + (1 − y)·log(1 − p)) elemento a elemento y "
                                           "devuelva la media."):
            return fb.done()

        label = "bce_gradient(y_true, y_pred)"
        got = fb.call(grad_fn, y, p, label=f"`{label}`")
        grad = MISSING if got is MISSING else fb.array(got, shape=p.shape, label=label)
        if grad is MISSING:
            return fb.done()
        d = -y / p + (1 - y) / (1 - p)
        logit_hint = ("eso es la derivada respecto del logit z (con p = σ(z)); aquí se pide respecto de la "
                      "probabilidad p: −y/p + (1 − y)/(1 − p), entre n.")
        mistakes = _mistakes([
            ((p - y) / n, logit_hint),
            (p - y, logit_hint),
            (d, "falta dividir entre n = y_pred.size: J es una media, y cada elemento pesa 1/n."),
            (-d / n, "el signo está cambiado: la pérdida baja cuando p se acerca a la etiqueta, así que para "
                     "y = 1 la derivada es negativa."),
            ((-y / p - (1 - y) / (1 - p)) / n,
             "revise el segundo término: la derivada de −(1 − y)·log(1 − p) respecto de p es +(1 − y)/(1 − p)."),
            (d / p.shape[0] if p.ndim == 2 else None,
             "divida entre todos los elementos (y_pred.size), no solo entre las filas."),
        ])
        if not fb.compare(grad, d / n, label=label, mistakes=mistakes, reveal=i > 0, case=where,
                          hint="derive −(y·log p + (1 − y)·log(1 − p)) respecto de p y divida entre y_pred.size."):
            return fb.done()
    fb.ok("bce_loss y bce_gradient aciertan en el ejemplo del enunciado y en 5 casos nuevos al azar "
          "(vectores y matrices).")
    return fb.done()


# --- 3. capa de salida y pérdida -------------------------------------------------------------

_PROBLEMS = {
    "a": "el precio de una vivienda",
    "b": "correo basura o no",
    "c": "una de 26 letras, con etiquetas enteras",
    "d": "varios de 5 temas a la vez",
}
_REGRESSION = {"mean_squared_error", "mean_absolute_error", "huber", "log_cosh"}
_BINARY = {"binary_crossentropy", "binary_focal_crossentropy"}


def _loss_name(text):
    """El nombre canónico de Keras de una pérdida escrita por quien aprende, o ``None``."""
    from nnlib import losses

    try:
        return losses.get(text).name
    except (ValueError, TypeError, KeyError):
        return None


def _activation_name(value):
    if value is None:
        return "linear"
    if not isinstance(value, str):
        return None
    word = normalize_text(value).replace(" ", "_")
    return {"none": "linear", "lineal": "linear", "identity": "linear", "sigmoide": "sigmoid"}.get(word, word)


def _judge(key, units, activation, loss):
    """``None`` si la terna es buena para el problema ``key``; si no, ``(mensaje, pista)``."""
    what = f"«{key}» ({_PROBLEMS[key]})"
    if key == "a":
        if units != 1:
            return (f"{what}: se predice un solo número.", "la salida de una regresión tiene 1 neurona.")
        if activation != "linear":
            return (f"{what}: la salida no puede ser «{activation}».",
                    "un precio no está entre 0 y 1: la neurona de salida es lineal, \"linear\" (sin activación).")
        if loss not in _REGRESSION:
            return (f"{what}: «{loss}» no es una pérdida de regresión.",
                    "para un número real use \"mse\" (o \"mae\", \"huber\").")
        return None
    if key == "b":
        if (units, activation) == (2, "softmax") and loss in ("categorical_crossentropy",
                                                                 "sparse_categorical_crossentropy"):
            return None                         # dos neuronas softmax: equivalente, aunque menos común
        if activation == "softmax" and units == 1:
            return (f"{what}: una sola neurona con softmax siempre da 1.",
                    "con una neurona, la probabilidad de la clase 1 la da la sigmoide.")
        if units != 1:
            return (f"{what}: dos clases se resuelven con una neurona.",
                    "1 neurona sigmoide da la probabilidad de «correo basura».")
        if activation != "sigmoid":
            return (f"{what}: la salida debe ser una probabilidad.", "use la activación \"sigmoid\".")
        if loss not in _BINARY:
            return (f"{what}: «{loss}» no es la pérdida de dos clases con una sigmoide.",
                    "use \"binary_crossentropy\".")
        return None
    if key == "c":
        if units != 26:
            return (f"{what}: hay 26 clases.", "una neurona por clase: 26 (las etiquetas van de 0 a 25).")
        if activation != "softmax":
            return (f"{what}: las letras se excluyen entre sí.",
                    "use \"softmax\": da una distribución de probabilidad sobre las 26 clases.")
        if loss == "categorical_crossentropy":
            return (f"{what}: las etiquetas son enteros, no one-hot.",
                    "use \"sparse_categorical_crossentropy\" (o convierta antes las etiquetas a one-hot).")
        if loss != "sparse_categorical_crossentropy":
            return (f"{what}: «{loss}» no es la pérdida de varias clases excluyentes.",
                    "use la entropía cruzada categórica, en su versión para etiquetas enteras.")
        return None
    if units != 5:
        return (f"{what}: hay 5 temas.", "una neurona por tema: 5.")
    if activation == "softmax":
        return (f"{what}: los temas no se excluyen.",
                "con softmax las 5 probabilidades suman 1 y compiten; con \"sigmoid\" cada tema es una "
                "pregunta de sí o no independiente.")
    if activation != "sigmoid":
        return (f"{what}: cada tema necesita su probabilidad.", "use \"sigmoid\" en las 5 neuronas.")
    if loss not in _BINARY:
        return (f"{what}: «{loss}» no corresponde a 5 preguntas independientes de sí o no.",
                "use \"binary_crossentropy\": una entropía cruzada binaria por tema.")
    return None


def check_output_and_loss(namespace):
    """Comprueba ``output_and_loss``: ``(units, activation, loss)`` para los problemas a, b, c y d."""
    fb = Feedback("capa de salida y pérdida", namespace)
    answers = fb.value("output_and_loss", kind="dict")
    if answers is MISSING:
        return fb.done()
    by_text = {normalize_text(k): k for k in answers if isinstance(k, str)}
    right, problems = [], []
    for key in _PROBLEMS:
        if key not in answers:
            near = by_text.get(key)
            if near is not None:
                problems.append((f"La clave «{near}» debería escribirse \"{key}\".",
                                 "escriba las claves en minúsculas, como en el enunciado."))
            else:
                problems.append((f"Falta el problema «{key}».",
                                 f'añada la clave "{key}" con una tupla (units, activation, loss).'))
            continue
        answer = answers[key]
        if not isinstance(answer, (tuple, list)) or len(answer) != 3:
            problems.append((f"«{key}»: se esperaba una tupla de tres elementos y llegó {describe(answer)}.",
                             'escriba (units, activation, loss), p. ej. (3, "softmax", "categorical_crossentropy").'))
            continue
        units = fb.coerce(answer[0], "int", label=f"las neuronas de «{key}»", returned=False)
        if units is MISSING:
            continue
        activation = _activation_name(answer[1])
        if activation is None:
            problems.append((f"«{key}»: la activación debería ser un texto y llegó {describe(answer[1])}.",
                             'escríbala entre comillas, como en Keras: "sigmoid", "softmax" o "linear".'))
            continue
        loss = _loss_name(answer[2]) if isinstance(answer[2], str) else None
        if loss is None:
            problems.append((f"«{key}»: no se reconoce la pérdida {describe(answer[2])}.",
                             'use el nombre de Keras entre comillas, p. ej. "mse" o "binary_crossentropy".'))
            continue
        problem = _judge(key, units, activation, loss)
        if problem is None:
            right.append(key)
        else:
            problems.append(problem)
    return fb.tally(right, len(_PROBLEMS), problems)


# --- 4. entropía cruzada binaria desde logits, estable ---------------------------------------

_LOGITS_EXAMPLE = (np.array([0.0, 1.0, 1.0, 0.0]), np.array([40.0, 3.0, -800.0, 0.5]))


def _stable(y, z):
    return np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))


def _logits_case(rng):
    """Logits moderados y extremos (±30 a ±1000), acertados y equivocados, con otra forma que el ejemplo."""
    shape = _random_shape(rng)
    size = int(np.prod(shape))
    y = rng.permutation(np.arange(size) % 2).astype(float)
    z = rng.normal(scale=3.0, size=size)
    extreme = rng.permutation(size)[: max(2, size // 3)]
    z[extreme] = rng.choice([-1.0, 1.0], size=len(extreme)) * rng.uniform(30.0, 1000.0, size=len(extreme))
    z[extreme[0]] = -abs(z[extreme[0]]) if y[extreme[0]] == 1 else abs(z[extreme[0]])    # muy equivocado
    return y.reshape(shape), z.reshape(shape)


def _as_float(value):
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return float(array.reshape(-1)[0]) if array.size == 1 else None


def check_bce_from_logits(namespace):
    """Comprueba ``bce_from_logits(y_true, logits)`` con logits de cualquier tamaño."""
    fb = Feedback("entropía cruzada estable desde logits", namespace)
    function = fb.function("bce_from_logits", params=("y_true", "logits"))
    if function is MISSING:
        return fb.done()
    label = "bce_from_logits(y_true, logits)"
    for i, (y, z) in enumerate(fb.cases(_LOGITS_EXAMPLE, _logits_case, n=5)):
        where = _where(i, z.shape)
        with np.errstate(all="ignore"):       # los avisos de NumPy del código ingenuo no llegan a la salida
            got = fb.call(function, y, z, label=f"`{label}`")
        if got is MISSING:
            return fb.done()
        raw = _as_float(got)
        if raw is not None and not np.isfinite(raw):
            fb.fail(f"{label} da {fmt(raw)} con {where}.",
                    hint="con logits grandes, σ(z) se redondea a 0 o a 1 y aparece log(0), o e^(−z) desborda; "
                         "no calcule p: use max(z, 0) − z·y + log(1 + e^(−|z|)), con np.log1p y |z|.")
            return fb.done()
        value = fb.number(got, label=label)
        if value is MISSING:
            return fb.done()
        per_element = _stable(y, z)
        with np.errstate(all="ignore"):
            p = np.clip(1.0 / (1.0 + np.exp(-z)), 1e-7, 1.0 - 1e-7)
        clipped = np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))
        mistakes = _mistakes([
            (clipped, "recortar p evita el infinito pero falsea el valor (un logit de 40 mal clasificado cuesta "
                      "40, no 16.1): calcule desde z con max(z, 0) − z·y + log(1 + e^(−|z|))."),
            (np.sum(per_element), "sumó los elementos: la pérdida es la media."),
            (_row_mean(per_element), "sumó sobre cada fila y promedió las filas; promedie sobre todos los "
                                     "elementos."),
            (np.mean(_stable(1 - y, z)), "cambió y por 1 − y: la fórmula es max(z, 0) − z·y + log(1 + e^(−|z|))."),
            (np.mean(_stable(y, -z)), "el signo de z está cambiado: con y = 1 y z grande y positivo la pérdida "
                                      "debe ser casi 0."),
            (np.mean(-z * y + np.log1p(np.exp(-np.abs(z)))), "falta el término max(z, 0)."),
            (np.mean(np.maximum(z, 0.0) - z * y), "falta el término log(1 + e^(−|z|)): sin él, un logit de 0 "
                                                   "no cuesta nada."),
        ])
        if not fb.compare(value, np.mean(per_element), label=label, mistakes=mistakes, reveal=i > 0,
                          case=where, hint="use max(z, 0) − z·y + log(1 + e^(−|z|)) elemento a elemento y "
                                           "devuelva la media."):
            return fb.done()
    fb.ok("bce_from_logits acierta en el ejemplo del enunciado y en 5 casos nuevos al azar, con logits de "
          "hasta ±1000 bien y mal clasificados.")
    return fb.done()
