r"""Comprobaciones del banco de ejercicios del capítulo 9, «En la práctica: datos tabulares»
(``chapters/banco/09_datos_tabulares.ipynb``).

* :func:`check_majority_baseline` — ``majority_baseline(y_train, y_val)``: la exactitud en validación
  de predecir siempre la clase más frecuente **del entrenamiento**.
* :func:`check_kfold_sizes` — ``kfold_sizes(n_samples, n_folds)``: el tamaño de cada pliegue de
  validación de ``KFold``, comparado con scikit-learn.
* :func:`check_impute_median` — ``impute_median(X_train, X_new)``: los valores que faltan (NaN),
  rellenados con la mediana de cada columna del entrenamiento, sin fuga.
* :func:`check_boosting_start` — ``boosting_start(y)``: la demostración; la constante inicial de la
  potenciación del gradiente con entropía cruzada (el logaritmo de la razón de probabilidades) y los
  primeros pseudorresiduos.
* :func:`check_fit_and_predict` — ``fit_and_predict(X_train, y_train, X_test)``: el proyecto; elegir un
  modelo para los tumores de mama y predecir tumores que no vio.

Todas reciben el espacio de nombres del cuaderno (véase :mod:`nnlib.checks`).
"""
from __future__ import annotations

import numpy as np

from . import MISSING, Feedback, describe
from ._reference import case_label as _case_label

__all__ = ["check_majority_baseline", "check_kfold_sizes", "check_impute_median", "check_boosting_start",
           "check_fit_and_predict"]


def _unpack(fb, got, label, names):
    """Los resultados de una función que debe devolver ``return a, b``, o MISSING."""
    order = ", ".join(names)
    if not isinstance(got, (tuple, list)) or len(got) != len(names):
        fb.fail(f"{label} devolvió {describe(got)}; se esperaban {len(names)} resultados.",
                hint=f"termine con return {order} (en ese orden).")
        return MISSING
    return got


# --- 1. la línea de base más simple ------------------------------------------------------
_MAJORITY_EXAMPLE = (np.array([0, 0, 1, 0, 1]), np.array([1, 1, 0, 1]))


def _majority_case(rng):
    """De 2 a 4 clases, 8 a 30 etiquetas de entrenamiento con una sola clase más frecuente y 6 a 15 de validación."""
    k = int(rng.integers(2, 5))
    while True:
        y_train = rng.integers(0, k, size=int(rng.integers(8, 31)))
        counts = np.bincount(y_train, minlength=k)
        if (counts == counts.max()).sum() == 1:
            break
    # la validación prefiere otra clase: la fuga («la más frecuente de y_val») da otro número
    favourite = (int(counts.argmax()) + 1) % k
    y_val = np.where(rng.random(int(rng.integers(6, 16))) < 0.6, favourite, rng.integers(0, k, size=1)[0])
    return y_train, y_val.astype(int)


def check_majority_baseline(namespace):
    """Comprueba ``majority_baseline(y_train, y_val)``: la exactitud de la clase más frecuente del entrenamiento."""
    fb = Feedback("la línea de base más simple", namespace)
    baseline = fb.function("majority_baseline", params=("y_train", "y_val"))
    if baseline is MISSING:
        return fb.done()
    label = "majority_baseline(y_train, y_val)"
    for i, (y_train, y_val) in enumerate(fb.cases(_MAJORITY_EXAMPLE, _majority_case, n=5)):
        got = fb.call(baseline, y_train, y_val, label=f"`{label}`")
        if got is MISSING:
            return fb.done()
        out = fb.number(got, label=label)
        if out is MISSING:
            return fb.done()
        majority = int(np.bincount(y_train).argmax())
        expected = float(np.mean(y_val == majority))
        leaked = float(np.mean(y_val == np.bincount(y_val).argmax()))
        mistakes = [
            (leaked, "esa es la clase más frecuente de la validación: la línea de base se elige con el "
             "entrenamiento, como cualquier modelo, y solo se mide con y_val."),
            (100 * expected, "dé la exactitud como fracción (entre 0 y 1), no como porcentaje."),
            (float(majority), "devuelva la exactitud de esa clase en la validación, no la clase."),
            (float(np.mean(y_train == majority)), "esa es la exactitud en el entrenamiento; mídala con y_val."),
            (1 - expected, "esa es la fracción de errores; se pide la de aciertos."),
        ]
        case = _case_label(i, f"{len(y_train)} etiquetas de entrenamiento y {len(y_val)} de validación")
        if not fb.compare(out, expected, label=label, mistakes=mistakes, reveal=i > 0, case=case,
                          hint="la clase más frecuente de y_train (np.bincount(y_train).argmax()) y después "
                          "np.mean(y_val == esa_clase)."):
            return fb.done()
    fb.ok("majority_baseline da la exactitud en validación de la clase más frecuente del entrenamiento, en "
          "el ejemplo del enunciado y en 5 casos nuevos al azar, con dos a cuatro clases.")
    return fb.done()


# --- 2. el tamaño de los pliegues --------------------------------------------------------
def _kfold_case(rng):
    """Entre 11 y 500 ejemplos y entre 3 y 10 pliegues, casi nunca un reparto exacto (el ejemplo es 10 y 4)."""
    k = int(rng.integers(3, 11))
    return int(rng.integers(11, 501)), k


def _sklearn_sizes(n, k):
    from sklearn.model_selection import KFold

    return np.array([len(val) for _, val in KFold(n_splits=k).split(np.zeros((n, 1)))], dtype=float)


def check_kfold_sizes(namespace):
    """Comprueba ``kfold_sizes(n_samples, n_folds)`` con los pliegues de ``KFold`` de scikit-learn."""
    fb = Feedback("el tamaño de los pliegues", namespace)
    sizes = fb.function("kfold_sizes", params=("n_samples", "n_folds"))
    if sizes is MISSING:
        return fb.done()
    label = "kfold_sizes(n_samples, n_folds)"
    for i, (n, k) in enumerate(fb.cases((10, 4), _kfold_case, n=6)):
        got = fb.call(sizes, n, k, label=f"`{label}`")
        if got is MISSING:
            return fb.done()
        out = fb.array(got, shape=(k,), label=label)
        if out is MISSING:
            return fb.done()
        expected = _sklearn_sizes(n, k)
        base, extra = divmod(n, k)
        mistakes = [
            (np.full(k, base), f"sobran {extra} ejemplos: KFold no los descarta, da uno más a cada uno de los "
             "primeros pliegues."),
            (np.full(k, base + 1), "los pliegues no pueden sumar más ejemplos de los que hay: solo los primeros "
             "n_samples % n_folds llevan uno de más."),
            (expected[::-1], "los pliegues con un ejemplo de más son los primeros, no los últimos."),
            (n - expected, "esos son los tamaños de los entrenamientos; se piden los de los pliegues de "
             "validación."),
        ]
        case = _case_label(i, f"n_samples={n} y n_folds={k}")
        if not fb.compare(out, expected, label=label, mistakes=mistakes, reveal=i > 0, case=case,
                          hint="cada pliegue tiene n_samples // n_folds ejemplos, y los primeros "
                          "n_samples % n_folds tienen uno más."):
            return fb.done()
        if not np.all(out == np.round(out)):
            fb.fail(f"`{label}` devolvió tamaños con decimales.", hint="un pliegue tiene un número entero de ejemplos.")
            return fb.done()
    fb.ok("kfold_sizes reparte los ejemplos como KFold de scikit-learn en el ejemplo del enunciado y en 6 "
          "casos nuevos al azar.")
    return fb.done()


# --- 3. rellenar lo que falta sin fuga ---------------------------------------------------
def _impute_example():
    nan = np.nan
    X_train = np.array([[1.0, 10.0], [nan, 30.0], [3.0, nan], [10.0, 20.0]])
    X_new = np.array([[nan, nan], [5.0, 40.0]])
    return X_train, X_new


def _impute_case(rng):
    """Entrenamiento de 7 a 15 filas y 3 a 5 columnas con huecos (nunca una columna vacía); datos nuevos de otra escala."""
    n_train, n_new, d = int(rng.integers(7, 16)), int(rng.integers(3, 7)), int(rng.integers(3, 6))
    X_train = np.round(rng.exponential(size=(n_train, d)) * rng.uniform(1, 100, size=d), 3)
    X_new = np.round(rng.exponential(size=(n_new, d)) * rng.uniform(1, 100, size=d) + 50, 3)
    for X in (X_train, X_new):
        holes = rng.random(X.shape) < 0.25
        holes[0] = False                    # la primera fila, completa: ninguna columna se queda vacía
        holes[1, 0] = True                  # y al menos un hueco en cada conjunto
        X[holes] = np.nan
    return X_train, X_new


def _filled(X, values):
    return np.where(np.isnan(X), values, X)


def check_impute_median(namespace):
    """Comprueba ``impute_median(X_train, X_new)`` -> ``(X_train_filled, X_new_filled)`` con las medianas del entrenamiento."""
    fb = Feedback("rellenar lo que falta sin fuga", namespace)
    impute = fb.function("impute_median", params=("X_train", "X_new"))
    if impute is MISSING:
        return fb.done()
    label = "impute_median(X_train, X_new)"
    for i, (X_train, X_new) in enumerate(fb.cases(_impute_example(), _impute_case, n=5)):
        case = _case_label(i, f"X_train de forma {X_train.shape} y X_new de forma {X_new.shape}")
        with np.errstate(invalid="ignore"), _quiet():
            got = fb.call(impute, X_train, X_new, label=f"`{label}`")
        if got is MISSING:
            return fb.done()
        parts = _unpack(fb, got, f"`{label}`", ("X_train_filled", "X_new_filled"))
        if parts is MISSING:
            return fb.done()
        medians = np.nanmedian(X_train, axis=0)
        with _quiet():
            own = np.nanmedian(X_new, axis=0)
            both = np.nanmedian(np.vstack([X_train, X_new]), axis=0)
        for j, (name, X, value) in enumerate((("X_train_filled", X_train, parts[0]),
                                              ("X_new_filled", X_new, parts[1]))):
            part_label = f"{name} ({'el primer' if j == 0 else 'el segundo'} resultado)"
            arr = np.asarray(value, dtype=float) if isinstance(value, np.ndarray) else None
            if arr is not None and arr.shape == X.shape and np.isnan(arr).any():
                fb.fail(f"{part_label} todavía tiene NaN con {case}.",
                        hint="np.median da NaN en una columna con huecos: use np.nanmedian(X_train, axis=0), "
                        "que los salta, y rellene con np.where(np.isnan(X), medianas, X).")
                return fb.done()
            out = fb.array(value, shape=X.shape, label=part_label)
            if out is MISSING:
                return fb.done()
            mistakes = [
                (_filled(X, np.nanmean(X_train, axis=0)), "eso es la media; se pide la mediana "
                 "(np.nanmedian), que no se deja arrastrar por los valores extremos."),
                (_filled(X, both), "las medianas salieron de X_train y X_new juntos: los datos nuevos se filtran "
                 "en el relleno. Calcúlelas solo con X_train."),
                (_filled(X, 0.0), "rellenar con 0 cambia la distribución de la columna; se pide su mediana en "
                 "el entrenamiento."),
                (_filled(X, float(np.nanmedian(X_train))), "se calcula una mediana por columna (axis=0), no una "
                 "para toda la matriz."),
            ]
            if j == 1 and not np.all(np.isnan(own)):
                mistakes.insert(0, (_filled(X, own), "X_new se rellenó con sus propias medianas: esa es la fuga "
                                    "(y con una sola fila nueva no habría mediana que calcular). Use las de "
                                    "X_train."))
            if not fb.compare(out, _filled(X, medians), label=part_label, mistakes=mistakes, reveal=i > 0,
                              case=case, hint="calcule medians = np.nanmedian(X_train, axis=0) y rellene los dos "
                              "conjuntos con np.where(np.isnan(X), medians, X)."):
                return fb.done()
    fb.ok("impute_median rellena el entrenamiento y los datos nuevos con las medianas del entrenamiento, en el "
          "ejemplo del enunciado y en 5 casos nuevos al azar.")
    return fb.done()


class _quiet:
    """Calla el aviso de NumPy de una columna sin ningún valor («All-NaN slice»)."""

    def __enter__(self):
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)
        return self

    def __exit__(self, *exc):
        return self._catch.__exit__(*exc)


# --- 4. demostración: por dónde empieza la potenciación del gradiente --------------------
_BOOST_EXAMPLE = np.array([1, 0, 0, 1, 0, 0, 0, 1])


def _boost_case(rng):
    """De 9 a 40 etiquetas 0/1 (el ejemplo tiene 8), con las dos clases."""
    while True:
        y = (rng.random(int(rng.integers(9, 41))) < rng.uniform(0.1, 0.9)).astype(int)
        if 0 < y.sum() < len(y):
            return y


def _best_constant(y):
    """La constante que minimiza la entropía cruzada media, por el método de Newton (sin la fórmula)."""
    f = 0.0
    for _ in range(60):
        p = 1 / (1 + np.exp(-f))
        f -= np.mean(p - y) / (p * (1 - p))
    return f


def check_boosting_start(namespace):
    """Comprueba ``boosting_start(y)`` -> ``(f0, residuals)``."""
    fb = Feedback("por dónde empieza la potenciación del gradiente", namespace)
    start = fb.function("boosting_start", params=("y",))
    if start is MISSING:
        return fb.done()
    label = "boosting_start(y)"
    for i, y in enumerate(fb.cases(_BOOST_EXAMPLE, _boost_case, n=5)):
        case = _case_label(i, f"{len(y)} etiquetas")
        got = fb.call(start, y, label=f"`{label}`")
        if got is MISSING:
            return fb.done()
        parts = _unpack(fb, got, f"`{label}`", ("f0", "residuals"))
        if parts is MISSING:
            return fb.done()
        p = float(np.mean(y))
        f0 = float(np.log(p / (1 - p)))
        f0_label = "f0 (el primer resultado)"
        got_f0 = fb.number(parts[0], label=f0_label)
        if got_f0 is MISSING:
            return fb.done()
        if not fb.compare(got_f0, _best_constant(y), label=f0_label, reveal=i > 0, case=case, atol=1e-9,
                          mistakes=[(p, "esa es la probabilidad p = media(y); F trabaja en la escala de los logits: "
                                     "log(p / (1 − p))."),
                                    (-f0, "el signo está cambiado: log(p / (1 − p)), con la clase 1 arriba."),
                                    (float(np.log(p)), "falta dividir entre 1 − p: log(p / (1 − p))."),
                                    (0.0, "F = 0 da p = 0.5 para todos, que no es lo mejor si las clases no "
                                     "están igualadas.")],
                          hint="iguale a cero la derivada de la entropía cruzada media respecto de la constante: "
                          "sale σ(F₀) = media(y), es decir, F₀ = log(p / (1 − p))."):
            return fb.done()
        r_label = "residuals (el segundo resultado)"
        got_r = fb.array(parts[1], shape=(len(y),), label=r_label)
        if got_r is MISSING:
            return fb.done()
        if not fb.compare(got_r, y - p, label=r_label, reveal=i > 0, case=case,
                          mistakes=[(p - y, "ese es el gradiente; el árbol se ajusta al gradiente negativo: y − p."),
                                    (y - 0.5, "la probabilidad de partida es σ(F₀) = media(y), no 0.5."),
                                    (y - f0, "reste la probabilidad σ(F₀), no el logit F₀.")],
                          hint="el gradiente negativo de la entropía cruzada respecto de F es y − σ(F): "
                          "aquí, y − media(y)."):
            return fb.done()
    fb.ok("boosting_start da la constante que minimiza la entropía cruzada (la misma que halla el método de "
          "Newton) y los pseudorresiduos y − p, en el ejemplo del enunciado y en 5 casos nuevos al azar.")
    return fb.done()


# --- 5. proyecto: elegir un modelo para los tumores --------------------------------------
#: Exactitud mínima con los tumores de prueba. La regresión logística con las columnas estandarizadas
#: acierta de media el 97.5 %, pero con 90 a 140 tumores de prueba cada uno vale un punto: en 2000
#: particiones al azar bajó del 93 % en 8 (la solución de referencia, también) y nunca del 92 %. Un umbral sobre una
#: sola columna (el radio) acierta del 74 % al 88 %, y decir siempre «benigno» da el 63 %.
_MIN_ACCURACY = 0.90


def _cancer():
    from sklearn.datasets import load_breast_cancer

    X, y = load_breast_cancer(return_X_y=True)
    return X, 1 - y                                     # 1 = maligno, como en el capítulo


def _split(X, y, n_test, seed):
    from sklearn.model_selection import train_test_split

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=n_test, stratify=y, random_state=seed)
    return X_train, y_train, X_test, y_test


def _cancer_example():
    X, y = _cancer()
    return _split(X, y, 114, 0) + ("los 569 tumores",)


def _cancer_case(rng):
    """De 380 a 520 tumores al azar, con 90 a 140 de prueba (nunca 114)."""
    X, y = _cancer()
    keep = rng.choice(len(y), size=int(rng.integers(380, 521)), replace=False)
    n_test = int(rng.choice([n for n in range(90, 141) if n != 114]))
    return _split(X[keep], y[keep], n_test, int(rng.integers(1, 10_000))) + (f"{len(keep)} tumores al azar",)


def check_fit_and_predict(namespace):
    """Comprueba ``fit_and_predict(X_train, y_train, X_test)`` con la exactitud en tumores que no vio."""
    fb = Feedback("proyecto: elegir un modelo para los tumores", namespace)
    fit = fb.function("fit_and_predict", params=("X_train", "y_train", "X_test"))
    if fit is MISSING:
        return fb.done()
    label = "fit_and_predict(X_train, y_train, X_test)"
    for X_train, y_train, X_test, y_test, what in fb.cases(_cancer_example(), _cancer_case, n=1):
        case = f"{what} ({len(X_train)} para entrenar y {len(X_test)} de prueba)"
        got = fb.call(fit, X_train, y_train, X_test, label=f"`{label}`", timeout=60)
        if got is MISSING:
            return fb.done()
        if isinstance(got, np.ndarray) and got.shape == (len(X_test), 2):
            fb.fail(f"`{label}` devolvió dos columnas por tumor.",
                    hint="eso es predict_proba; devuelva una clase por tumor (0 o 1) con predict.")
            return fb.done()
        out = fb.array(got, shape=(len(X_test),), label=label)
        if out is MISSING:
            return fb.done()
        if not np.all(np.isin(out, (0, 1))):
            fb.fail(f"`{label}` devolvió valores que no son 0 ni 1 con {case}.",
                    hint="devuelva clases, no probabilidades: predict, o (probabilidad >= 0.5).astype(int).")
            return fb.done()
        if len(np.unique(out)) == 1:
            fb.fail(f"`{label}` predice la misma clase para todos los tumores con {case}.",
                    hint="eso es la línea de base trivial: el modelo no aprendió. ¿Se entrenó con X_train e "
                    "y_train? ¿Se escalaron las columnas para un modelo lineal o una red?")
            return fb.done()
        accuracy = float(np.mean(out == y_test))
        if accuracy < 0.5:
            fb.fail(f"`{label}` acierta menos que tirar una moneda con {case}.",
                    hint="¿las clases están al revés? Aquí 1 es «maligno», como en y_train.")
            return fb.done()
        if accuracy < _MIN_ACCURACY:
            fb.fail(f"`{label}` acierta el {100 * accuracy:.1f} % de los tumores de prueba con {case}; se pide "
                    f"al menos el {100 * _MIN_ACCURACY:.0f} %.",
                    hint="compare con validación cruzada sobre X_train una regresión logística con las "
                    "columnas estandarizadas (make_pipeline(StandardScaler(), LogisticRegression())) y un "
                    "bosque aleatorio, y quédese con el mejor.")
            return fb.done()
    fb.ok(f"fit_and_predict pasa del {100 * _MIN_ACCURACY:.0f} % de exactitud con tumores que no vio, en el "
          "ejemplo del enunciado y en otra partición nueva al azar.")
    return fb.done()
