"""Comprobaciones del banco de ejercicios del capítulo 6, «Sobreajuste y regularización».

* :func:`check_l2_penalty` — ``l2_penalty(kernels, l2)``: el término que la penalización L2
  de Keras suma a la pérdida, :math:`\\lambda_2 \\sum w^2` sobre todas las matrices de pesos.
* :func:`check_early_stopping_epochs` — ``early_stopping_epochs(val_losses, patience, min_delta)``:
  cuántas épocas entrena ``fit`` con ``EarlyStopping`` antes de parar.
* :func:`check_dropout_variance` — ``dropout_variance(x, rate)``: la varianza de la salida del
  *dropout* invertido, :math:`x^2 p / (1 - p)` (una demostración).
* :func:`check_ridge_weights` — ``ridge_weights(X, y, l2)``: los pesos que minimizan el error
  cuadrático medio más :math:`\\lambda_2 \\sum w^2`, :math:`(X^T X + N\\lambda_2 I)^{-1} X^T y`.
* :func:`check_choose_l2` — ``choose_l2(X_train, y_train, X_val, y_val, candidates)``: el
  proyecto; elige la penalización con la validación y se mide con datos que no vio.

Todas reciben el espacio de nombres del cuaderno: ``check_l2_penalty(globals())``.
"""
from __future__ import annotations

import numpy as np

from . import MISSING, Feedback, fmt

__all__ = ["PENALTY_EXAMPLE", "STOPPING_EXAMPLE", "VARIANCE_EXAMPLE", "RIDGE_EXAMPLE",
           "CANDIDATES", "PROJECT_SEEDS", "poly_features", "ridge", "make_wave_data", "project_rounds",
           "check_l2_penalty", "check_early_stopping_epochs", "check_dropout_variance",
           "check_ridge_weights", "check_choose_l2"]


# ======================================================================================
# Ejercicio 1. La penalización L2 de una red
# ======================================================================================
#: El ejemplo del enunciado: dos matrices de pesos (2 × 2 y 2 × 1).
PENALTY_EXAMPLE = {"kernels": [[[0.5, -1.0], [2.0, 0.0]], [[1.0], [-0.5]]], "l2": 0.01}


def _penalty_case(rng):
    # De 3 a 4 matrices (el ejemplo tiene 2), encadenadas como las capas de una red.
    sizes = [int(s) for s in rng.integers(2, 6, size=int(rng.integers(4, 6)))]
    kernels = [np.round(rng.normal(size=(a, b)), 2) for a, b in zip(sizes, sizes[1:])]
    l2 = float(rng.choice([0.001, 0.003, 0.02, 0.05, 0.1]))
    return kernels, l2


def _penalty_mistakes(kernels, l2):
    squares = sum(float(np.sum(k ** 2)) for k in kernels)
    return [
        (squares, "falta multiplicar por l2, la fuerza de la penalización."),
        (l2 * sum(float(np.sum(np.abs(k)))for k in kernels), "eso es la penalización L1 (valores "
                                                              "absolutos); la L2 suma los cuadrados."),
        (2 * l2 * squares, "2·l2·w es la derivada de la penalización, no la penalización: sume l2·w²."),
        (l2 * squares / 2, "Keras no divide entre 2: la penalización es l2 · Σ w², sin el 1/2 de algunos libros."),
        (l2 * float(np.sqrt(squares)), "la penalización L2 suma los cuadrados, sin raíz cuadrada."),
        (l2 * float(np.mean(np.concatenate([k.ravel() for k in kernels]) ** 2)),
         "se suman los cuadrados de todos los pesos, no se promedian."),
        (l2 * float(np.sum(kernels[0] ** 2)), "sume los cuadrados de todas las matrices de la lista, "
                                               "no solo los de la primera."),
        (l2 * float(np.sum(kernels[-1] ** 2)), "sume los cuadrados de todas las matrices de la lista, "
                                                "no solo los de la última."),
    ]


def check_l2_penalty(namespace):
    """Comprueba ``l2_penalty(kernels, l2)``: ``l2`` por la suma de los cuadrados de todos los pesos."""
    fb = Feedback("la penalización L2 de una red", namespace)
    penalty = fb.function("l2_penalty", params=("kernels", "l2"))
    if penalty is MISSING:
        return fb.done()
    example = ([np.array(k) for k in PENALTY_EXAMPLE["kernels"]], PENALTY_EXAMPLE["l2"])
    for i, (kernels, l2) in enumerate(fb.cases(example, _penalty_case, n=5)):
        case = "el ejemplo del enunciado" if i == 0 else f"{len(kernels)} matrices y l2 = {l2:g}"
        label = "l2_penalty(kernels, l2)"
        got = fb.call(penalty, kernels, l2, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        out = fb.number(got, label=f"{label} con {case}")
        if out is MISSING:
            return fb.done()
        expected = l2 * sum(float(np.sum(k ** 2)) for k in kernels)
        if not fb.compare(out, expected, label=label, case=case, reveal=i > 0,
                          mistakes=_penalty_mistakes(kernels, l2),
                          hint="sume w² de cada peso de cada matriz y multiplique el total por l2."):
            return fb.done()
    fb.ok("l2_penalty suma l2 · w² de todos los pesos en el ejemplo del enunciado y en 5 redes nuevas al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 2. ¿Cuándo para EarlyStopping?
# ======================================================================================
#: El ejemplo del enunciado: con min_delta = 0.02 para en la época 6; con 0, en la 8.
STOPPING_EXAMPLE = {"val_losses": [0.9, 0.7, 0.65, 0.66, 0.64, 0.645, 0.65, 0.66, 0.7, 0.72],
                    "patience": 3, "min_delta": 0.02}


def _stop_epochs(losses, patience, min_delta, *, strict_wait=False, against_previous=False,
                 best_epoch=False):
    """Las épocas que entrena ``fit`` (o una variante equivocada, para las pistas)."""
    best, wait, best_at = np.inf, 0, 0
    for epoch, value in enumerate(losses):
        reference = losses[epoch - 1] if (against_previous and epoch > 0) else best
        if value < reference - min_delta or epoch == 0:
            wait, best_at = 0, epoch
            best = value
        else:
            if against_previous:
                best = value
            wait += 1
            if (wait > patience) if strict_wait else (wait >= patience):
                return best_at + 1 if best_epoch else epoch + 1
    return best_at + 1 if best_epoch else len(losses)


def _stopping_case(rng):
    # De 12 a 25 épocas (el ejemplo tiene 10): baja, toca fondo y sube, con ruido.
    while True:
        n = int(rng.integers(12, 26))
        bottom = int(rng.integers(3, n - 4))
        t = np.arange(n)
        curve = 0.3 + 0.8 * np.exp(-t / (bottom / 2 + 1)) + 0.01 * np.maximum(t - bottom, 0)
        losses = [float(v) for v in np.round(curve + rng.normal(scale=0.02, size=n), 3)]
        patience = int(rng.integers(2, 6))
        min_delta = float(rng.choice([0.0, 0.005, 0.01, 0.02]))
        right = _stop_epochs(losses, patience, min_delta)
        # Que cada error habitual dé otro número: pasar de patience, dar la mejor época o comparar
        # con la época anterior en lugar de con la mejor.
        wrong = {_stop_epochs(losses, patience, min_delta, strict_wait=True),
                 _stop_epochs(losses, patience, min_delta, best_epoch=True),
                 _stop_epochs(losses, patience, min_delta, against_previous=True)}
        if right < n and right not in wrong:
            return losses, patience, min_delta


def check_early_stopping_epochs(namespace):
    """Comprueba ``early_stopping_epochs(val_losses, patience, min_delta)`` con la regla de Keras."""
    fb = Feedback("¿cuándo para EarlyStopping?", namespace)
    stops = fb.function("early_stopping_epochs", params=("val_losses", "patience", "min_delta"))
    if stops is MISSING:
        return fb.done()
    ex = STOPPING_EXAMPLE
    rng = fb.rng()
    cases = [(list(ex["val_losses"]), ex["patience"], ex["min_delta"]), (list(ex["val_losses"]), ex["patience"], 0.0)]
    cases += [_stopping_case(rng) for _ in range(4)]
    for i, (losses, patience, min_delta) in enumerate(cases):
        case = (f"el ejemplo del enunciado (min_delta = {min_delta:g})" if i < 2
                else f"{len(losses)} épocas, patience = {patience} y min_delta = {min_delta:g}")
        label = "early_stopping_epochs(val_losses, patience, min_delta)"
        got = fb.call(stops, losses, patience, min_delta, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        out = fb.coerce(got, "int", label=f"{label} con {case}")
        if out is MISSING:
            return fb.done()
        expected = _stop_epochs(losses, patience, min_delta)
        mistakes = [
            (_stop_epochs(losses, patience, min_delta, strict_wait=True),
             "para cuando lleva patience épocas seguidas sin mejorar, no patience + 1 (wait >= patience)."),
            (_stop_epochs(losses, patience, min_delta, best_epoch=True),
             "se pide cuántas épocas entrena fit antes de parar, no cuál fue la mejor."),
            (_stop_epochs(losses, patience, min_delta) - 1,
             "las épocas se cuentan desde 1: si para al terminar la época de índice e, entrenó e + 1 épocas."),
            (_stop_epochs(losses, patience, 0.0),
             "una época solo cuenta como mejora si baja más de min_delta respecto de la mejor: valor < mejor - min_delta."),
            (_stop_epochs(losses, patience, min_delta, against_previous=True),
             "compare con la mejor pérdida hasta entonces, no con la de la época anterior."),
            (len(losses), "con estos datos, EarlyStopping sí para antes del final: cuente las épocas sin mejora."),
        ]
        if not fb.compare(out, expected, label=label, case=case, reveal=i >= 2, mistakes=mistakes,
                          hint="recorra las épocas guardando la mejor pérdida y cuántas épocas lleva sin "
                               "mejorarla; pare cuando ese contador llegue a patience."):
            return fb.done()
    fb.ok("early_stopping_epochs para donde lo hace EarlyStopping en el ejemplo del enunciado (con y sin "
          "min_delta) y en 4 historiales nuevos al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 3. La varianza del dropout invertido (demostración)
# ======================================================================================
#: El ejemplo del enunciado: rate = 0.2, así que p / (1 - p) = 0.25.
VARIANCE_EXAMPLE = {"x": [1.0, -2.0, 0.5], "rate": 0.2}


def _variance_case(rng):
    # Una matriz (el ejemplo es un vector), con una tasa que no es 0.5 (donde p/(1-p) = (1-p)/p).
    n, d = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    rate = float(rng.choice([0.1, 0.2, 0.3, 0.4, 0.6, 0.7]))
    return np.round(rng.normal(scale=1.5, size=(n, d)), 2), rate


def _variance_mistakes(x, rate):
    p, q = rate, 1.0 - rate
    return [
        (x ** 2 * p * q, "esa es la varianza de x·m, sin la escala 1/(1 - p): el dropout invertido divide "
                         "por 1 - p, así que la varianza se divide por (1 - p)²."),
        (x ** 2 * p, "revise E[y²]: con y = x·m/(1 - p) y m² = m, E[y²] = x²/(1 - p); reste después (E[y])² = x²."),
        (x ** 2 * q / p, "p y 1 - p están cambiados: la varianza es x² · p / (1 - p), donde p = rate es la "
                         "probabilidad de apagar."),
        (np.abs(x) * np.sqrt(p / q), "eso es la desviación típica; se pide la varianza (su cuadrado)."),
        (x * p / q, "falta el cuadrado de x: la varianza crece con x², no con x."),
        (x ** 2 / q, "eso es E[y²]; la varianza es E[y²] - (E[y])², y E[y] = x."),
        (x ** 2 * p / q ** 2, "revise E[y²]: como m² = m, E[m²] = 1 - p, no (1 - p)²."),
    ]


def check_dropout_variance(namespace):
    """Comprueba ``dropout_variance(x, rate)``: ``x**2 * rate / (1 - rate)``, elemento a elemento."""
    fb = Feedback("la varianza del dropout invertido", namespace)
    variance = fb.function("dropout_variance", params=("x", "rate"))
    if variance is MISSING:
        return fb.done()
    example = (np.array(VARIANCE_EXAMPLE["x"]), VARIANCE_EXAMPLE["rate"])
    for i, (x, rate) in enumerate(fb.cases(example, _variance_case, n=5)):
        case = "el ejemplo del enunciado" if i == 0 else f"x de forma {x.shape} y rate = {rate:g}"
        label = "dropout_variance(x, rate)"
        got = fb.call(variance, x, rate, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        out = fb.array(got, shape=x.shape, label=f"{label} con {case}")
        if out is MISSING:
            return fb.done()
        if not fb.compare(out, x ** 2 * rate / (1.0 - rate), label=label, case=case, reveal=i > 0,
                          mistakes=_variance_mistakes(x, rate),
                          hint="calcule E[y] y E[y²] con y = x·m/(1 - p), donde m vale 1 con probabilidad "
                               "1 - p y 0 con probabilidad p; la varianza es E[y²] - (E[y])²."):
            return fb.done()
    # La fórmula se contrasta con el experimento: muchas máscaras al azar, la varianza medida.
    rng = fb.rng()
    x, rate = np.array([1.5, -0.8, 2.0]), 0.3
    masks = rng.random((200_000, 3)) >= rate
    measured = (x * masks / (1.0 - rate)).var(axis=0)
    predicted = fb.call(variance, x, rate, label="dropout_variance(x, rate) con x = [1.5, -0.8, 2] y rate = 0.3")
    if predicted is MISSING:
        return fb.done()
    fb.expect(np.allclose(measured, np.asarray(predicted, dtype=float), rtol=0.03),
              "dropout_variance da x² · p / (1 - p) en el ejemplo del enunciado y en 5 casos nuevos al azar, y "
              "coincide con la varianza medida con 200 000 máscaras al azar.",
              "La varianza medida con máscaras al azar no coincide con lo que da dropout_variance.",
              hint="vuelva a ejecutar la celda: con 200 000 máscaras, la diferencia debería ser de menos del 3 %.")
    return fb.done()


# ======================================================================================
# Ejercicio 4. Regresión con L2 en forma cerrada
# ======================================================================================
#: El ejemplo del enunciado: 4 ejemplos y 2 columnas.
RIDGE_EXAMPLE = {"X": [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]], "y": [1.0, 2.0, 2.0, 4.0], "l2": 0.1}


def ridge(X, y, l2):
    """Los pesos que minimizan ``mean((X @ w - y)**2) + l2 * sum(w**2)``."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n, d = X.shape
    return np.linalg.solve(X.T @ X + n * l2 * np.eye(d), X.T @ y)


def _ridge_case(rng):
    # De 6 a 12 ejemplos y de 3 a 5 columnas (el ejemplo tiene 4 y 2).
    n, d = int(rng.integers(6, 13)), int(rng.integers(3, 6))
    X = np.round(rng.normal(size=(n, d)), 2)
    y = np.round(X @ rng.normal(size=d) + rng.normal(scale=0.3, size=n), 2)
    return X, y, float(rng.choice([0.05, 0.1, 0.2, 0.5]))


def _ridge_mistakes(X, y, l2):
    n, d = X.shape
    solve = np.linalg.solve
    return [
        (solve(X.T @ X + l2 * np.eye(d), X.T @ y), "la pérdida es una media: al igualar el gradiente a 0 queda "
                                                   "(XᵀX + N·l2·I) w = Xᵀy, con N = número de ejemplos."),
        (solve(X.T @ X + 2 * n * l2 * np.eye(d), X.T @ y), "el 2 de la derivada de l2·Σw² se cancela con el 2 "
                                                           "de la derivada del error cuadrático: (XᵀX + N·l2·I) w = Xᵀy."),
        (solve(X.T @ X + n * l2 * np.eye(d) / 2, X.T @ y), "el 2 de la derivada de l2·Σw² se cancela con el 2 "
                                                           "de la derivada del error cuadrático: (XᵀX + N·l2·I) w = Xᵀy."),
        (solve(X.T @ X, X.T @ y), "esos son los mínimos cuadrados sin penalización: sume N·l2 a la diagonal de XᵀX."),
        (solve(X.T @ X - n * l2 * np.eye(d), X.T @ y), "la penalización se suma a la diagonal, no se resta."),
    ]


def check_ridge_weights(namespace):
    """Comprueba ``ridge_weights(X, y, l2)``: ``solve(XᵀX + N·l2·I, Xᵀy)``."""
    fb = Feedback("regresión con L2 en forma cerrada", namespace)
    weights = fb.function("ridge_weights", params=("X", "y", "l2"))
    if weights is MISSING:
        return fb.done()
    example = tuple(np.array(RIDGE_EXAMPLE[k]) for k in ("X", "y")) + (RIDGE_EXAMPLE["l2"],)
    for i, (X, y, l2) in enumerate(fb.cases(example, _ridge_case, n=5)):
        case = "el ejemplo del enunciado" if i == 0 else f"X de forma {X.shape} y l2 = {l2:g}"
        label = "ridge_weights(X, y, l2)"
        got = fb.call(weights, X, y, l2, label=f"{label} con {case}")
        if got is MISSING:
            return fb.done()
        out = fb.array(got, shape=(X.shape[1],), label=f"{label} con {case}")
        if out is MISSING:
            return fb.done()
        if not fb.compare(out, ridge(X, y, l2), label=label, case=case, reveal=i > 0,
                          mistakes=_ridge_mistakes(X, y, l2),
                          hint="derive mean((Xw - y)²) + l2·Σw² respecto de w, iguale a 0 y resuelva el "
                               "sistema con np.linalg.solve."):
            return fb.done()
    fb.ok("ridge_weights da el mínimo exacto del error cuadrático medio más l2·Σw² en el ejemplo del "
          "enunciado y en 5 problemas nuevos al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 5. Proyecto: elegir la penalización con la validación
# ======================================================================================
#: Las fuerzas de la penalización del ejemplo del enunciado.
CANDIDATES = [0.0, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0]
#: De dónde salen los candidatos de cada conjunto de datos nuevo (5 al azar, en orden).
_GRID = [0.0, 1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0]
#: Grado de los polinomios del proyecto y ruido de las medidas.
DEGREE, NOISE = 10, 0.3


def poly_features(x, degree=DEGREE):
    """Las columnas 1, x/3, (x/3)², ..., (x/3)^degree de un vector de valores de x entre -3 y 3."""
    u = np.ravel(np.asarray(x, dtype=float)) / 3.0
    return np.stack([u ** k for k in range(degree + 1)], axis=1)


def make_wave_data(rng, n_train=20, n_val=200, n_test=400):
    """Datos nuevos de la onda sin(1.5 x) con ruido: (X_train, y_train, X_val, y_val, X_test, y_test)."""
    def sample(n):
        x = rng.uniform(-3, 3, size=n)
        return poly_features(x), np.sin(1.5 * x) + rng.normal(scale=NOISE, size=n)
    return (*sample(n_train), *sample(n_val), *sample(n_test))


def _mse(X, y, w):
    return float(np.mean((X @ w - y) ** 2))


#: Las semillas de los datos del proyecto: cada ejecución de la comprobación elige una al azar. Con
#: datos sin elegir, una elección correcta queda a más del doble del mejor candidato unas 5 veces en
#: 100 000 (la prueba de un polinomio de grado 10 tiene colas largas); con cada una de estas, elegir
#: por validación queda por debajo de 0.4 veces el error sin penalización y de 1.2 veces el del mejor
#: candidato, aun con el peor candidato que acepta la tolerancia del 2 %
#: (tests/test_checks_banco_regularizacion.py lo comprueba con todas).
PROJECT_SEEDS = tuple(range(200, 240))


def project_rounds(seed, rounds=5):
    """Los conjuntos de datos del proyecto con la semilla ``seed``: [(datos, candidatos)] por ronda."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(rounds):
        data = make_wave_data(rng)
        candidates = sorted(float(c) for c in rng.choice(_GRID, size=5, replace=False))
        out.append((data, candidates))
    return out


def check_choose_l2(namespace):
    """Comprueba ``choose_l2(...)`` con datos nuevos: elige por validación y se mide en una prueba que no vio."""
    fb = Feedback("elegir la penalización con la validación", namespace)
    choose = fb.function("choose_l2", params=("X_train", "y_train", "X_val", "y_val", "candidates"))
    if choose is MISSING:
        return fb.done()
    rounds = 5
    tests = {"chosen": 0.0, "none": 0.0, "oracle": 0.0}
    for r, (data, candidates) in enumerate(project_rounds(int(fb.rng().choice(PROJECT_SEEDS)), rounds)):
        X_train, y_train, X_val, y_val, X_test, y_test = data
        label = f"choose_l2 con el conjunto de datos nuevo {r + 1} de {rounds}"
        got = fb.call(choose, X_train, y_train, X_val, y_val, candidates, label=label)
        if got is MISSING:
            return fb.done()
        chosen = fb.number(got, label=label)
        if chosen is MISSING:
            return fb.done()
        matches = [c for c in candidates if abs(c - chosen) <= 1e-12 + 1e-9 * c]
        if not matches:
            fb.fail(f"{label} devolvió {fmt(chosen)}, que no es ninguno de los candidatos.",
                    hint="devuelva el elemento de candidates cuyo modelo tiene el menor error de validación.")
            return fb.done()
        fits = {c: ridge(X_train, y_train, c) for c in candidates}
        val = {c: _mse(X_val, y_val, w) for c, w in fits.items()}
        train = {c: _mse(X_train, y_train, w) for c, w in fits.items()}
        best = min(candidates, key=val.get)
        c = matches[0]
        if val[c] > val[best] * 1.02 + 1e-12:
            if c == max(candidates, key=val.get) and c != min(candidates, key=train.get):
                hint = "eligió el mayor error de validación: se busca el menor."
            elif c == min(candidates, key=train.get):
                hint = ("eligió la penalización con el menor error de entrenamiento, que siempre premia al modelo "
                        "que más sobreajusta: elija con el error de validación.")
            elif c == max(candidates, key=val.get):
                hint = "eligió el mayor error de validación: se busca el menor."
            elif c in (candidates[0], candidates[-1]):
                hint = "¿devuelve siempre el mismo extremo de la lista? Compare los errores de validación de todos."
            else:
                hint = ("para cada candidato, entrene con (X_train, y_train), mida el error cuadrático medio en "
                        "(X_val, y_val) y devuelva el de menor error.")
            fb.fail(f"{label}: la penalización elegida no es la de menor error de validación.", hint=hint)
            return fb.done()
        test = {c2: _mse(X_test, y_test, w) for c2, w in fits.items()}
        tests["chosen"] += test[c]
        tests["none"] += _mse(X_test, y_test, ridge(X_train, y_train, 0.0))
        tests["oracle"] += min(test.values())
    # Lo medible, con 5 × 400 ejemplos de prueba que la función no vio: mejor que no regularizar y a
    # menos del doble del mejor candidato posible (véase PROJECT_SEEDS: con esas semillas, nunca falla
    # una elección correcta).
    if not (tests["chosen"] < tests["none"] and tests["chosen"] <= 2 * tests["oracle"]):
        fb.fail(f"Con los ejemplos de prueba, que la función no vio, el modelo elegido no mejora lo bastante "
                f"(error medio {tests['chosen'] / rounds:.3f}; sin penalización, {tests['none'] / rounds:.3f}).",
                hint="vuelva a ejecutar la celda; si se repite, revise que entrena con X_train y mide con X_val.")
        return fb.done()
    fb.ok(f"choose_l2 elige la penalización de menor error de validación en {rounds} conjuntos de datos nuevos; "
          "con 2000 ejemplos de prueba que no vio, su error queda por debajo del modelo sin penalización y a "
          "menos del doble del mejor candidato posible.")
    return fb.done()
