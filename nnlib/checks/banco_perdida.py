r"""Comprobaciones del banco de ejercicios del capítulo 4, «Funciones de pérdida».

* :func:`check_log_cosh` — ``log_cosh_loss(y_true, y_pred)``: la pérdida log-cosh media.
* :func:`check_focal` — ``focal_loss(y_true, y_pred, gamma)``: la pérdida focal binaria media.
* :func:`check_softmax_ce` — ``softmax_cross_entropy(labels, logits)`` y
  ``softmax_cross_entropy_gradient(labels, logits)``: la entropía cruzada dispersa desde logits,
  estable, y su gradiente respecto de los logits.
* :func:`check_best_constant` — ``best_constant(y, loss)``: la predicción constante que minimiza
  el MSE, el MAE o la entropía cruzada binaria (una demostración con resultado programable).
* :func:`check_robust_fit` — ``fit_linear(X, y, loss)`` y ``robust_choice``: un proyecto pequeño,
  entrenar una regresión lineal con valores atípicos, medir y elegir la pérdida.

Las medias son sobre todos los elementos, como en Keras. Todas siguen la norma de
:mod:`nnlib.checks` (CONTRIBUTING.md, sección 4).
"""
from __future__ import annotations

import numpy as np

from . import MISSING, Feedback, describe, fmt, normalize_text
from .perdida import _mistakes, _random_shape, _row_mean, _where
from ._reference import log_softmax as _log_softmax

__all__ = ["check_log_cosh", "check_focal", "check_softmax_ce", "check_best_constant", "check_robust_fit"]


def _finite_number(fb, got, label, where, hint, nan_too=False):
    """El número que devolvió la función, o MISSING con una pista si es inf (o NaN, con ``nan_too``)."""
    if got is MISSING:
        return MISSING
    try:
        raw = float(np.asarray(got, dtype=float)) if np.ndim(got) == 0 else None
    except (TypeError, ValueError):
        raw = None
    if raw is not None and (np.isinf(raw) or (nan_too and np.isnan(raw))):
        fb.fail(f"{label} da {fmt(raw)} con {where}.", hint=hint)
        return MISSING
    return fb.number(got, label=label)


# --- 1. log-cosh ------------------------------------------------------------------------------

_LOG_COSH_EXAMPLE = (np.zeros(4), np.array([0.5, -1.0, 2.0, 0.0]))


def _log_cosh_case(rng):
    shape = _random_shape(rng)
    y_true = rng.normal(size=shape)
    return y_true, y_true + rng.uniform(-3.0, 3.0, size=shape)


def check_log_cosh(namespace):
    """Comprueba ``log_cosh_loss(y_true, y_pred)`` con el ejemplo y 5 casos al azar."""
    fb = Feedback("la pérdida log-cosh", namespace)
    function = fb.function("log_cosh_loss", params=("y_true", "y_pred"))
    if function is MISSING:
        return fb.done()
    label = "log_cosh_loss(y_true, y_pred)"
    for i, (y_true, y_pred) in enumerate(fb.cases(_LOG_COSH_EXAMPLE, _log_cosh_case, n=5)):
        got = fb.call(function, y_true, y_pred, label=f"`{label}`")
        value = MISSING if got is MISSING else fb.number(got, label=label)
        if value is MISSING:
            return fb.done()
        e = y_pred - y_true
        per_element = np.log(np.cosh(e))
        mistakes = _mistakes([
            (np.sum(per_element), "sumó los elementos: la pérdida es la media (np.mean)."),
            (_row_mean(per_element), "sumó sobre cada fila y promedió las filas; promedie sobre todos los "
                                     "elementos, como Keras."),
            (np.mean(np.cosh(e)), "falta el logaritmo: la pérdida es log(cosh(e)), que vale 0 cuando e = 0."),
            (np.log(np.mean(np.cosh(e))), "tomó el logaritmo de la media; es la media de los logaritmos: "
                                          "np.mean(np.log(np.cosh(e)))."),
            (np.mean(0.5 * e ** 2), "½e² solo se parece a log-cosh cerca de 0; calcule np.log(np.cosh(e))."),
            (np.mean(np.abs(e)), "eso es el MAE; log-cosh es log(cosh(e))."),
            (np.mean(e ** 2), "eso es el MSE; log-cosh es log(cosh(e))."),
        ])
        if not fb.compare(value, np.mean(per_element), label=label, mistakes=mistakes, reveal=i > 0,
                          case=_where(i, y_pred.shape),
                          hint="calcule e = y_pred - y_true y devuelva np.mean(np.log(np.cosh(e)))."):
            return fb.done()
    fb.ok("log_cosh_loss acierta en el ejemplo del enunciado y en 5 casos nuevos al azar (vectores y matrices).")
    return fb.done()


# --- 2. pérdida focal -------------------------------------------------------------------------

_FOCAL_EXAMPLE = (np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.9, 0.2, 0.6, 0.5]), 2.0)


def _focal_case(rng):
    shape = _random_shape(rng)
    size = int(np.prod(shape))
    labels = rng.permutation(np.arange(size) % 2).astype(float)
    gamma = float(rng.choice([0.5, 1.0, 1.5, 3.0]))
    return labels.reshape(shape), rng.uniform(0.05, 0.95, size).reshape(shape), gamma


def _focal_terms(y, p, gamma, factor=None):
    p_t = np.where(y == 1, p, 1 - p)
    weight = (1 - p_t) ** gamma if factor is None else factor
    return -weight * np.log(p_t)


def check_focal(namespace):
    """Comprueba ``focal_loss(y_true, y_pred, gamma)`` con el ejemplo y 5 casos al azar."""
    fb = Feedback("la pérdida focal", namespace)
    function = fb.function("focal_loss", params=("y_true", "y_pred", "gamma"))
    if function is MISSING:
        return fb.done()
    label = "focal_loss(y_true, y_pred, gamma)"
    for i, (y, p, gamma) in enumerate(fb.cases(_FOCAL_EXAMPLE, _focal_case, n=5)):
        got = fb.call(function, y, p, gamma, label=f"`{label}`")
        value = MISSING if got is MISSING else fb.number(got, label=label)
        if value is MISSING:
            return fb.done()
        per_element = _focal_terms(y, p, gamma)
        p_t = np.where(y == 1, p, 1 - p)
        mistakes = _mistakes([
            (np.mean(_focal_terms(y, p, gamma, factor=1.0)),
             "eso es la entropía cruzada binaria: falta el factor (1 − p_t)^gamma, que apaga los ejemplos fáciles."),
            (np.mean(_focal_terms(y, p, gamma, factor=p_t ** gamma)),
             "el factor es (1 − p_t)^gamma, no p_t^gamma: pesa poco cuando el modelo ya acierta (p_t cerca de 1)."),
            (np.mean(_focal_terms(y, p, gamma, factor=(1 - p) ** gamma)),
             "use p_t (p si y = 1, 1 − p si y = 0) también en el factor, no p en todos los ejemplos."),
            (-np.mean(per_element), "falta el signo menos: log(p_t) es negativo y la pérdida debe ser positiva."),
            (np.sum(per_element), "sumó los elementos: la pérdida es la media."),
            (_row_mean(per_element), "sumó sobre cada fila y promedió las filas; promedie sobre todos los elementos."),
        ])
        where = _where(i, p.shape) + ("" if i == 0 else f" y gamma = {gamma:g}")
        if not fb.compare(value, np.mean(per_element), label=label, mistakes=mistakes, reveal=i > 0, case=where,
                          hint="con p_t = p si y = 1 y 1 − p si y = 0, cada elemento vale −(1 − p_t)^gamma·log(p_t); "
                               "devuelva la media."):
            return fb.done()
    fb.ok("focal_loss acierta en el ejemplo del enunciado y en 5 casos nuevos al azar (vectores y matrices, "
          "varios gamma).")
    return fb.done()


# --- 3. entropía cruzada dispersa desde logits ----------------------------------------------

_SOFTMAX_EXAMPLE = (np.array([0, 2, 1]), np.array([[2.0, 1.0, 0.0], [0.5, 0.5, 3.0], [1.0, -1.0, 0.0]]))


def _softmax_case(rng):
    n, k = int(rng.integers(4, 9)), int(rng.integers(2, 6))
    logits = 3 * rng.normal(size=(n, k))
    logits[int(rng.integers(n))] += 800.0          # una fila con logits de cientos: np.exp desborda sin restar el máximo
    labels = rng.integers(0, k, size=n)
    return labels, logits


def check_softmax_ce(namespace):
    """Comprueba ``softmax_cross_entropy`` y su gradiente con el ejemplo y 5 casos al azar."""
    fb = Feedback("la entropía cruzada dispersa desde logits", namespace)
    loss_fn = fb.function("softmax_cross_entropy", params=("labels", "logits"))
    grad_fn = fb.function("softmax_cross_entropy_gradient", params=("labels", "logits"))
    if loss_fn is MISSING or grad_fn is MISSING:
        return fb.done()
    overflow = ("con logits de cientos, np.exp desborda: reste a cada fila su máximo antes de exponenciar "
                "(log-suma-exp), o use log_softmax = z − max − log(Σ e^(z − max)).")
    for i, (labels, z) in enumerate(fb.cases(_SOFTMAX_EXAMPLE, _softmax_case, n=5)):
        n = len(labels)
        where = "el ejemplo del enunciado" if i == 0 else f"{n} ejemplos y {z.shape[1]} clases"
        label = "softmax_cross_entropy(labels, logits)"
        with np.errstate(all="ignore"):
            got = fb.call(loss_fn, labels, z, label=f"`{label}`")
        value = _finite_number(fb, got, label, where, overflow, nan_too=i > 0)
        if value is MISSING:
            return fb.done()
        log_p = _log_softmax(z)
        picked = log_p[np.arange(n), labels]
        others = log_p[np.arange(n), (labels + 1) % z.shape[1]]
        mistakes = _mistakes([
            (-np.sum(picked), "sumó los ejemplos: la pérdida es la media sobre las filas."),
            (np.mean(picked), "falta el signo menos: log p es negativo y la pérdida debe ser positiva."),
            (-np.mean(log_p), "promedió el log de todas las clases: tome solo el de la clase correcta de cada fila, "
                              "log_p[np.arange(n), labels]."),
            (-np.mean(others), "tomó otra columna que la de la etiqueta: use log_p[np.arange(n), labels]."),
        ])
        if not fb.compare(value, -np.mean(picked), label=label, mistakes=mistakes, reveal=i > 0, case=where,
                          hint="calcule log_softmax de cada fila de forma estable y devuelva la media de "
                               "−log_p[np.arange(n), labels]."):
            return fb.done()

        label = "softmax_cross_entropy_gradient(labels, logits)"
        with np.errstate(all="ignore"):
            got = fb.call(grad_fn, labels, z, label=f"`{label}`")
        if got is not MISSING and np.shape(got) == z.shape and not np.all(np.isfinite(np.asarray(got, float))):
            fb.fail(f"{label} tiene valores inf o NaN con {where}.", hint=overflow)
            return fb.done()
        grad = MISSING if got is MISSING else fb.array(got, shape=z.shape, label=label)
        if grad is MISSING:
            return fb.done()
        p = np.exp(log_p)
        one_hot = np.eye(z.shape[1])[labels]
        mistakes = _mistakes([
            (p - one_hot, "falta dividir entre n: J es una media sobre las filas, y cada una pesa 1/n."),
            ((one_hot - p) / n, "el signo está cambiado: la derivada es (softmax(z) − one_hot)/n."),
            (p / n, "falta restar el one-hot de la etiqueta: la derivada es (softmax(z) − one_hot)/n."),
            ((p - one_hot) / z.size, "divida entre el número de ejemplos (filas), no entre todos los elementos."),
        ])
        if not fb.compare(grad, (p - one_hot) / n, label=label, mistakes=mistakes, reveal=i > 0, case=where,
                          hint="la derivada respecto de los logits es (softmax(z) − one_hot(labels))/n."):
            return fb.done()
    fb.ok("softmax_cross_entropy y su gradiente aciertan en el ejemplo del enunciado y en 5 casos nuevos al azar, "
          "con logits de cientos.")
    return fb.done()


# --- 4. la mejor constante (demostración) ----------------------------------------------------

_CONSTANT_EXAMPLE = (np.array([1.0, 2.0, 3.0, 10.0, 4.0]), np.array([1.0, 0.0, 1.0, 1.0, 0.0]))


def _constant_case(rng):
    n = 2 * int(rng.integers(3, 8)) + 1                 # impar: la mediana es un solo número
    values = np.round(rng.exponential(3.0, size=n), 2)  # asimétricos: la media y la mediana se separan
    labels = rng.permutation(np.arange(n) % 2).astype(float)
    if labels.mean() == 0.5:
        labels[0] = 1 - labels[0]
    return values, labels


def check_best_constant(namespace):
    """Comprueba ``best_constant(y, loss)`` para "mse", "mae" y "bce" con el ejemplo y 4 casos al azar."""
    fb = Feedback("la mejor predicción constante", namespace)
    function = fb.function("best_constant", params=("y", "loss"))
    if function is MISSING:
        return fb.done()
    for i, (values, labels) in enumerate(fb.cases(_CONSTANT_EXAMPLE, _constant_case, n=4)):
        mean, median, q = float(np.mean(values)), float(np.median(values)), float(np.mean(labels))
        for loss, y, expected, mistakes, hint in [
            ("mse", values, mean,
             [(median, "para el MSE la derivada de (1/n)Σ(c − yᵢ)² es (2/n)Σ(c − yᵢ): se anula en la media, "
                       "no en la mediana.")],
             "anule la derivada de (1/n)Σ(c − yᵢ)² respecto de c."),
            ("mae", values, median,
             [(mean, "para el MAE la derivada de (1/n)Σ|c − yᵢ| cuenta cuántos yᵢ quedan por debajo de c menos "
                     "cuántos por encima: se anula en la mediana, no en la media.")],
             "cuente cuántos valores quedan a cada lado de c: el MAE baja mientras haya más de un lado."),
            ("bce", labels, q,
             [(0.5, "0.5 solo es el óptimo si hay tantos unos como ceros: la derivada se anula en la proporción de "
                    "unos."),
              (float(np.round(q)), "c es una probabilidad, no una etiqueta: la derivada se anula en la proporción "
                                   "de unos, sin redondear.")],
             "anule la derivada de −(1/n)Σ(yᵢ log c + (1 − yᵢ) log(1 − c)) respecto de c."),
        ]:
            label = f'best_constant(y, "{loss}")'
            got = fb.call(function, y, loss, label=f"`{label}`")
            value = MISSING if got is MISSING else fb.number(got, label=label)
            if value is MISSING:
                return fb.done()
            where = "el ejemplo del enunciado" if i == 0 else f"{len(y)} valores nuevos"
            if not fb.compare(value, expected, label=label, mistakes=mistakes, reveal=i > 0, case=where,
                              hint=hint):
                return fb.done()
    fb.ok("best_constant da la constante óptima del MSE, del MAE y de la entropía cruzada binaria en el ejemplo "
          "del enunciado y en 4 casos nuevos al azar.")
    return fb.done()


# --- 5. proyecto: regresión con valores atípicos ---------------------------------------------

ROBUST_THRESHOLD = 0.45
_ROBUST_LOSSES = {"mae": "mae", "mean absolute error": "mae", "huber": "huber", "log cosh": "log_cosh",
                  "logcosh": "log_cosh"}


def robust_data(rng, n_train=240, n_test=500, outliers=0.15):
    """Datos lineales con ruido 0.3 y un 15 % de objetivos de entrenamiento desplazados de +15 a +30."""
    w, b = rng.normal(size=3), float(rng.normal())
    X_train, X_test = rng.normal(size=(n_train, 3)), rng.normal(size=(n_test, 3))
    y_train = X_train @ w + b + 0.3 * rng.normal(size=n_train)
    y_train = y_train + (rng.random(n_train) < outliers) * rng.uniform(15.0, 30.0, n_train)
    y_test = X_test @ w + b + 0.3 * rng.normal(size=n_test)
    return X_train, y_train, X_test, y_test


def _fitted(fb, function, X, y, loss):
    label = f'fit_linear(X, y, "{loss}")'
    got = fb.call(function, X, y, loss, label=f"`{label}`", timeout=20)
    if got is MISSING:
        return MISSING
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fb.fail(f"{label} debe devolver dos cosas, (w, b), y devolvió {describe(got)}.",
                hint="termine con `return w, b`.")
        return MISSING
    w = fb.array(got[0], shape=(X.shape[1],), label=f"la w de {label}")
    b = MISSING if w is MISSING else fb.number(got[1], label=f"la b de {label}")
    return MISSING if b is MISSING else (w, b)


def check_robust_fit(namespace):
    """Comprueba ``fit_linear`` con datos nuevos y que ``robust_choice`` resiste los valores atípicos."""
    fb = Feedback("regresión con valores atípicos", namespace)
    function = fb.function("fit_linear", params=("X", "y", "loss"))
    choice = fb.value("robust_choice", kind="str")
    if function is MISSING or choice is MISSING:
        return fb.done()
    key = _ROBUST_LOSSES.get(normalize_text(choice))
    if key is None:
        hint = ("el MSE es justamente el que arrastran los valores atípicos: mida el error en X_test con cada "
                "pérdida y elija otra." if normalize_text(choice) in {"mse", "mean squared error"}
                else 'escriba el nombre de una pérdida de nnlib: "mse", "mae", "huber" o "log_cosh".')
        fb.fail(f"`robust_choice` vale {fmt(choice)}.", hint=hint)
        return fb.done()
    X, y, X_test, y_test = robust_data(fb.rng())
    fitted = _fitted(fb, function, X, y, "mse")
    if fitted is MISSING:
        return fb.done()
    w, b = fitted
    exact = np.linalg.lstsq(np.c_[X, np.ones(len(X))], y, rcond=None)[0]
    if not np.allclose(np.r_[w, b], exact, atol=1e-3):
        fb.fail('con "mse", fit_linear no llega a la solución de mínimos cuadrados en datos nuevos '
                f"(la mayor diferencia en w y b es {fmt(float(np.max(np.abs(np.r_[w, b] - exact))))}).",
                hint="empiece con w = 0 y b = 0 y repita 500 veces: g = L.gradient(y, X @ w + b); "
                     "w = w − 0.1·(X.T @ g); b = b − 0.1·g.sum().")
        return fb.done()
    fitted = _fitted(fb, function, X, y, key)
    if fitted is MISSING:
        return fb.done()
    w, b = fitted
    error = float(np.mean(np.abs(X_test @ w + b - y_test)))
    if not np.isfinite(error) or error >= ROBUST_THRESHOLD:
        fb.fail(f'con robust_choice = "{key}", el error absoluto medio en datos de prueba nuevos es {fmt(error)}; '
                f"debe quedar por debajo de {ROBUST_THRESHOLD}.",
                hint="compruebe que fit_linear usa la pérdida que recibe (losses.get(loss)) y no siempre el MSE.")
        return fb.done()
    fb.ok(f"fit_linear reproduce los mínimos cuadrados con el MSE, y la pérdida elegida deja el error absoluto "
          f"medio por debajo de {ROBUST_THRESHOLD} en datos nuevos con un 15 % de valores atípicos.")
    return fb.done()
