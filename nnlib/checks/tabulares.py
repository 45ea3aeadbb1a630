r"""Comprobaciones de los ejercicios del capítulo 9, «En la práctica: datos tabulares».

* :func:`check_scale_features` — una función ``scale_features(X_train, X_new)`` que
  devuelve ``(X_train_scaled, X_new_scaled)``, las dos estandarizadas con la media y la
  desviación (``ddof=0``) de cada columna **del entrenamiento**: la fuga corregida.
* :func:`check_leaks` — un diccionario ``leaks`` que dice, para seis maneras de trabajar,
  si dejan pasar información de los datos de evaluación al entrenamiento (``True``) o no.
* :func:`check_forest_baseline` — una función
  ``forest_baseline(X_train, y_train, X_val, y_val, seed)``: el error absoluto medio en
  validación de ``RandomForestRegressor(n_estimators=50, random_state=seed)`` entrenado con
  el entrenamiento, la línea de base de un problema de regresión.
* :func:`check_paired_comparison` — una función ``paired_comparison(scores_a, scores_b)``
  que compara dos modelos pliegue a pliegue y devuelve ``(mean_difference, spread, verdict)``.

Todas reciben el espacio de nombres del cuaderno: ``check_leaks(globals())`` (véase
:mod:`nnlib.checks`). Las dos que entrenan bosques importan scikit-learn al llamarse.
"""
from __future__ import annotations

import numpy as np

from . import MISSING, Feedback, describe, fmt, is_close, normalize_text
from ._reference import case_label as _case_label

__all__ = ["check_scale_features", "check_leaks", "check_forest_baseline", "check_paired_comparison"]


def _unpack(fb, got, label, n, names):
    """Los ``n`` resultados de una función que debe devolver ``return a, b, ...``, o MISSING."""
    order = ", ".join(names)
    if isinstance(got, dict):
        fb.fail(f"{label} devolvió un diccionario.",
                hint=f"devuelva los {n} resultados en orden, separados por comas: return {order}.")
        return MISSING
    if not isinstance(got, (tuple, list)) or len(got) != n:
        fb.fail(f"{label} devolvió {describe(got)}; se esperaban {n} resultados.",
                hint=f"termine con return {order} (en ese orden).")
        return MISSING
    return got


# --- 1. estandarizar sin fuga ------------------------------------------------------------
def _scale_example():
    X_train = np.array([[1.0, 200.0], [2.0, 400.0], [3.0, 100.0], [6.0, 300.0]])
    X_new = np.array([[3.0, 250.0], [7.0, 500.0]])
    return X_train, X_new


def _scale_case(rng):
    """Entrenamiento de 6 a 12 filas y datos nuevos de 2 a 5 (nunca las mismas), columnas de escalas distintas."""
    n_train, n_new, d = int(rng.integers(6, 13)), int(rng.integers(2, 6)), int(rng.integers(3, 6))
    loc, scale = rng.uniform(-50.0, 500.0, size=d), rng.uniform(0.5, 80.0, size=d)
    X_train = loc + scale * rng.normal(size=(n_train, d))
    X_new = loc + 0.8 * scale + 1.5 * scale * rng.normal(size=(n_new, d))   # otra media y otra escala
    return X_train, X_new


def _standardized(X, mean, std):
    return (X - mean) / std


def check_scale_features(namespace):
    """Comprueba ``scale_features(X_train, X_new)`` -> ``(X_train_scaled, X_new_scaled)`` con las estadísticas del entrenamiento."""
    fb = Feedback("estandarizar sin fuga", namespace)
    scale = fb.function("scale_features", params=("X_train", "X_new"))
    if scale is MISSING:
        return fb.done()
    label = "scale_features(X_train, X_new)"
    for i, (X_train, X_new) in enumerate(fb.cases(_scale_example(), _scale_case, n=5)):
        case = _case_label(i, f"X_train de forma {X_train.shape} y X_new de forma {X_new.shape}")
        got = fb.call(scale, X_train, X_new, label=f"`{label}`")
        if got is MISSING:
            return fb.done()
        if isinstance(got, np.ndarray) and got.shape == X_new.shape:
            fb.fail(f"`{label}` devolvió un solo arreglo.",
                    hint="devuelva los dos conjuntos escalados: return X_train_scaled, X_new_scaled.")
            return fb.done()
        parts = _unpack(fb, got, f"`{label}`", 2, ("X_train_scaled", "X_new_scaled"))
        if parts is MISSING:
            return fb.done()
        first, second = parts
        if (getattr(first, "shape", None) == X_new.shape and getattr(second, "shape", None) == X_train.shape):
            fb.fail(f"`{label}` devolvió los dos arreglos en el orden contrario.",
                    hint="primero el entrenamiento escalado y después los datos nuevos: "
                    "return X_train_scaled, X_new_scaled.")
            return fb.done()
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        both = np.vstack([X_train, X_new])
        own_mean, own_std = X_new.mean(axis=0), X_new.std(axis=0)
        common = [
            (lambda X: _standardized(X, mean, X_train.std(axis=0, ddof=1)),
             "StandardScaler divide entre la desviación con N (np.std por omisión, ddof=0), no con N − 1."),
            (lambda X: _standardized(X, mean, std ** 2), "divida entre la desviación estándar, no entre la varianza."),
            (lambda X: X / std, "falta restar la media de cada columna antes de dividir."),
            (lambda X: X - mean, "falta dividir entre la desviación de cada columna."),
            (lambda X: _standardized(X, X_train.mean(), X_train.std()),
             "se calculan una media y una desviación por columna (axis=0), no una para toda la matriz."),
            (lambda X: _standardized(X, both.mean(axis=0), both.std(axis=0)),
             "la media y la desviación salieron de X_train y X_new juntos: los datos nuevos se filtran en el "
             "escalado. Calcúlelas solo con X_train."),
        ]
        for name, X, value in (("X_train_scaled", X_train, first), ("X_new_scaled", X_new, second)):
            part_label = f"{name} ({'el primer' if name == 'X_train_scaled' else 'el segundo'} resultado)"
            out = fb.array(value, shape=X.shape, label=part_label)
            if out is MISSING:
                return fb.done()
            mistakes = [(f(X), hint) for f, hint in common]
            if name == "X_new_scaled":
                mistakes.insert(0, (_standardized(X, own_mean, own_std),
                                    "X_new se estandarizó con su propia media y su propia desviación: esa es la "
                                    "fuga. Ajuste el escalador solo con X_train (fit) y aplíquelo igual a los dos "
                                    "conjuntos (transform)."))
                mistakes.append((X, "X_new quedó sin escalar: el modelo, entrenado con datos estandarizados, "
                                 "los necesita igual en la inferencia."))
            if not fb.compare(out, _standardized(X, mean, std), label=part_label, mistakes=mistakes,
                              reveal=i > 0, case=case,
                              hint="reste la media y divida entre la desviación de cada columna de X_train: "
                              "(X - X_train.mean(axis=0)) / X_train.std(axis=0)."):
                return fb.done()
    fb.ok("scale_features escala el entrenamiento y los datos nuevos con la media y la desviación del "
          "entrenamiento, en el ejemplo del enunciado y en 5 casos nuevos al azar.")
    return fb.done()


# --- 2. ¿dónde está la fuga? -------------------------------------------------------------
#: La respuesta de cada práctica del enunciado y la explicación que se da si se falla.
_LEAKS = {
    "a": (True, "el escalador vio la validación y la prueba al ajustarse con todos los datos: sus medias y "
          "desviaciones ya contienen algo de ellas. Parta primero y ajuste solo con el entrenamiento."),
    "b": (False, "ajustar con el entrenamiento y aplicar esas mismas estadísticas a validación y prueba es "
          "justo lo correcto."),
    "c": (True, "elegir con el conjunto de prueba lo convierte en otro conjunto de validación: su exactitud "
          "deja de ser una estimación honesta. Elija con validación y mire la prueba una sola vez."),
    "d": (False, "la mediana sale solo del entrenamiento, como las estadísticas de un escalador: no hay fuga."),
    "e": (True, "las etiquetas de todos los datos eligieron las características antes de la validación "
          "cruzada: cada pliegue de validación ya influyó en la elección. La selección va dentro de cada pliegue."),
    "f": (False, "la validación decide cuándo parar y la prueba solo se mira al final: es el uso correcto "
          "de los tres conjuntos."),
}


def check_leaks(namespace):
    """Comprueba ``leaks``: ``True`` en cada práctica que filtra información de evaluación al entrenamiento."""
    fb = Feedback("¿dónde está la fuga?", namespace)
    answers = fb.value("leaks", kind="dict")
    if answers is MISSING:
        return fb.done()
    by_text = {normalize_text(k): k for k in answers if isinstance(k, str)}
    right, problems = [], []
    for key, (expected, explanation) in _LEAKS.items():
        if key not in answers:
            near = by_text.get(normalize_text(key))
            if near is not None:
                problems.append((f"La clave «{near}» debería escribirse \"{key}\".",
                                 "escriba las claves en minúsculas, como en el enunciado."))
            else:
                problems.append((f"Falta la práctica «{key}».", f'añada la clave "{key}" con True o False.'))
            continue
        given = fb.coerce(answers[key], "bool", label=f"«{key}»", returned=False)
        if given is MISSING:
            continue
        if given == expected:
            right.append(key)
        else:
            verdict = "sí tiene fuga" if expected else "no tiene fuga"
            problems.append((f"La práctica «{key}» {verdict}.", explanation))
    return fb.tally(right, len(_LEAKS), problems)


# --- 3. la línea de base: un bosque aleatorio --------------------------------------------
_N_TREES = 50


def _forest_example():
    from sklearn.datasets import load_diabetes

    X, y = load_diabetes(return_X_y=True, scaled=False)
    return X[:100], y[:100], X[100:150], y[100:150], 0


def _forest_case(rng):
    """Un problema de regresión al azar, más pequeño que el ejemplo y con otra semilla."""
    n_train, n_val, d = int(rng.integers(40, 81)), int(rng.integers(15, 31)), int(rng.integers(2, 6))
    X = rng.normal(size=(n_train + n_val, d)) * rng.uniform(0.5, 20.0, size=d)
    w = rng.normal(size=d)
    z = (X - X.mean(axis=0)) / X.std(axis=0)
    y = 100 + 30 * (z @ w) + 20 * np.sin(2 * z[:, 0]) + 10 * rng.normal(size=len(z))
    seed = int(rng.integers(1, 1000))
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:], seed


def _forest(X, y, seed, n_estimators=_N_TREES):
    from sklearn.ensemble import RandomForestRegressor

    return RandomForestRegressor(n_estimators=n_estimators, random_state=seed, n_jobs=1).fit(X, y)


def check_forest_baseline(namespace):
    """Comprueba ``forest_baseline(X_train, y_train, X_val, y_val, seed)``: el MAE en validación de un bosque."""
    fb = Feedback("la línea de base: un bosque aleatorio", namespace)
    baseline = fb.function("forest_baseline", params=("X_train", "y_train", "X_val", "y_val", "seed"))
    if baseline is MISSING:
        return fb.done()
    label = "forest_baseline(X_train, y_train, X_val, y_val, seed)"
    cases = fb.cases(_forest_example(), _forest_case, n=4)
    for i, (X_train, y_train, X_val, y_val, seed) in enumerate(cases):
        got = fb.call(baseline, X_train, y_train, X_val, y_val, seed, label=f"`{label}`", timeout=30)
        if got is MISSING:
            return fb.done()
        if isinstance(got, (tuple, list)) or (isinstance(got, np.ndarray) and got.size > 1):
            fb.fail(f"`{label}` devolvió {describe(got)}.",
                    hint="devuelva un solo número: el error absoluto medio de las predicciones en validación.")
            return fb.done()
        out = fb.number(got, label=label)
        if out is MISSING:
            return fb.done()
        forest = _forest(X_train, y_train, seed)
        pred_val = forest.predict(X_val)
        expected = float(np.mean(np.abs(pred_val - y_val)))
        if is_close(out, expected):
            continue
        mse = float(np.mean((pred_val - y_val) ** 2))
        pred_train = forest.predict(X_train)
        on_val = _forest(X_val, y_val, seed)
        mistakes = [
            (float(np.mean(np.abs(pred_train - y_train))),
             "ese es el error en el entrenamiento, que el bosque casi memoriza: mida con X_val e y_val."),
            (float(np.mean(np.abs(on_val.predict(X_val) - y_val))),
             "el bosque se entrenó con la validación: entrénelo con X_train e y_train y mida con X_val e y_val."),
            (mse, "eso es el error cuadrático medio; se pide el absoluto: np.mean(np.abs(pred - y_val))."),
            (float(np.sqrt(mse)), "eso es la raíz del error cuadrático medio; se pide el error absoluto medio."),
            (float(forest.score(X_val, y_val)), "forest.score da el coeficiente R², no el error absoluto medio."),
            (float(np.mean(np.abs(np.mean(y_train) - y_val))),
             "ese es el error de predecir siempre la media del entrenamiento (la línea de base más simple); "
             "aquí se pide la del bosque."),
            (-expected, "el error absoluto medio es positivo: np.mean(np.abs(pred - y_val))."),
        ]
        if seed != 0:
            mistakes.append((float(np.mean(np.abs(_forest(X_train, y_train, 0).predict(X_val) - y_val))),
                             "el bosque usa siempre random_state=0: pásele random_state=seed."))
        mistakes.append((float(np.mean(np.abs(_forest(X_train, y_train, seed, 100).predict(X_val) - y_val))),
                         f"el enunciado pide n_estimators={_N_TREES}; con 100 árboles (el valor por omisión) "
                         "el resultado es otro."))
        case = _case_label(i, f"{len(X_train)} ejemplos de entrenamiento, {len(X_val)} de validación y seed={seed}")
        if not fb.compare(out, expected, label=label, mistakes=mistakes, reveal=i > 0, case=case,
                          hint=f"entrene RandomForestRegressor(n_estimators={_N_TREES}, random_state=seed) con "
                          "X_train e y_train y devuelva np.mean(np.abs(forest.predict(X_val) - y_val))."):
            return fb.done()
    fb.ok("forest_baseline da el error absoluto medio en validación del bosque pedido, en el ejemplo del "
          "enunciado y en 4 problemas nuevos al azar, cada uno con su semilla.")
    return fb.done()


# --- 4. una comparación justa, pliegue a pliegue -----------------------------------------
_PAIRED_EXAMPLE = (np.array([0.96, 0.97, 0.95, 0.98, 0.97]), np.array([0.95, 0.96, 0.93, 0.97, 0.95]))
_VERDICTS = ("a", "b", "empate")


def _paired_case(rng, kind=None):
    """Puntuaciones de k ≠ 5 pliegues para dos modelos; ``kind`` fuerza el veredicto («a», «b» o «empate»)."""
    k = int(rng.choice([3, 4, 6, 7, 8, 10]))
    fold = rng.uniform(0.85, 0.97, size=k)                 # lo difícil que es cada pliegue, común a los dos
    noise = rng.uniform(0.004, 0.012)
    differences = rng.normal(0.0, noise, size=k)
    differences -= differences.mean()
    spread = differences.std(ddof=1)
    kind = kind or str(rng.choice(_VERDICTS))
    shift = {"a": 2.5, "b": -2.5, "empate": float(rng.uniform(-0.5, 0.5))}[kind] * spread
    a = fold + (differences + shift) / 2
    b = fold - (differences + shift) / 2
    return np.round(a, 6), np.round(b, 6)


def _paired_cases(rng):
    kinds = list(_VERDICTS) + [None, None]
    return [_paired_case(rng, kinds[j]) for j in rng.permutation(len(kinds))]


def _verdict(mean, spread):
    return "a" if mean > spread else "b" if mean < -spread else "empate"


def check_paired_comparison(namespace):
    """Comprueba ``paired_comparison(scores_a, scores_b)`` -> ``(mean_difference, spread, verdict)``."""
    fb = Feedback("una comparación justa", namespace)
    compare = fb.function("paired_comparison", params=("scores_a", "scores_b"))
    if compare is MISSING:
        return fb.done()
    label = "paired_comparison(scores_a, scores_b)"
    rng = fb.rng()
    for i, (a, b) in enumerate([_PAIRED_EXAMPLE] + _paired_cases(rng)):
        k = len(a)
        case = _case_label(i, f"{k} pliegues")
        got = fb.call(compare, a, b, label=f"`{label}`")
        if got is MISSING:
            return fb.done()
        parts = _unpack(fb, got, f"`{label}`", 3, ("mean_difference", "spread", "verdict"))
        if parts is MISSING:
            return fb.done()
        d = a - b
        mean, spread = float(d.mean()), float(d.std(ddof=1))
        expected_verdict = _verdict(mean, spread)
        got_mean = fb.number(parts[0], label="mean_difference (el primer resultado)")
        if got_mean is MISSING:
            return fb.done()
        if not fb.compare(got_mean, mean, label="mean_difference (el primer resultado)", reveal=i > 0, case=case,
                          mistakes=[(-mean, "la diferencia es a − b, con su signo: positiva cuando el modelo a es mejor y negativa "
                                     "cuando lo es el b."),
                                    (abs(mean), "no tome el valor absoluto: el signo dice qué modelo gana."),
                                    (float(d.sum()), "falta dividir entre el número de pliegues: es una media.")],
                          hint="la media de las diferencias pliegue a pliegue: np.mean(scores_a - scores_b)."):
            return fb.done()
        got_spread = fb.number(parts[1], label="spread (el segundo resultado)")
        if got_spread is MISSING:
            return fb.done()
        unpaired = [(float(np.sqrt(a.var(ddof=1) + b.var(ddof=1))), "por separado"),
                    (float(a.std(ddof=1) + b.std(ddof=1)), "por separado"),
                    (float(a.std(ddof=1)), "por separado"), (float(b.std(ddof=1)), "por separado"),
                    (float(np.sqrt(a.var(ddof=0) + b.var(ddof=0))), "por separado")]
        unpaired_hint = ("esa es la dispersión de cada modelo por separado, que incluye lo difícil que es cada "
                         "pliegue; la comparación justa mira las diferencias del mismo pliegue: "
                         "np.std(scores_a - scores_b, ddof=1).")
        if not fb.compare(got_spread, spread, label="spread (el segundo resultado)", reveal=i > 0, case=case,
                          mistakes=[(float(d.std(ddof=0)), "use la desviación muestral, con k − 1 (ddof=1): "
                                     "np.std(d, ddof=1)."),
                                    (float(d.var(ddof=1)), "se pide la desviación estándar, no la varianza."),
                                    (spread / np.sqrt(k), "no divida entre √k: se pide la dispersión de las "
                                     "diferencias, no el error estándar de su media.")]
                          + [(v, unpaired_hint) for v, _ in unpaired],
                          hint="la desviación estándar muestral de las diferencias: np.std(scores_a - scores_b, ddof=1)."):
            return fb.done()
        verdict = parts[2]
        if isinstance(verdict, np.str_):
            verdict = str(verdict)
        if not isinstance(verdict, str):
            fb.fail(f"verdict (el tercer resultado) es {describe(verdict)}.",
                    hint='el veredicto es un texto: "a", "b" o "empate".')
            return fb.done()
        word = normalize_text(verdict)
        if word not in _VERDICTS:
            fb.fail(f"verdict (el tercer resultado) es {fmt(verdict)}, que no es un veredicto.",
                    hint='devuelva exactamente "a", "b" o "empate".')
            return fb.done()
        if word != expected_verdict:
            shown = f" (llegó {fmt(verdict)}" + (f", se esperaba {fmt(expected_verdict)})" if i > 0 else ")")
            if expected_verdict == "empate":
                hint = ("la diferencia media no supera la dispersión de las diferencias: con estos pliegues, "
                        "ningún modelo gana de forma convincente.")
            elif word == "empate":
                hint = ("la diferencia media supera la dispersión de las diferencias: uno de los dos gana. "
                        "«a» si mean_difference > spread, «b» si mean_difference < −spread.")
            else:
                hint = "al revés: «a» gana cuando mean_difference = media(a − b) es positiva y mayor que spread."
            fb.fail(f"El veredicto no es el esperado con {case}{shown}.", hint=hint)
            return fb.done()
    fb.ok("paired_comparison da la diferencia media, su dispersión y el veredicto correctos en el ejemplo del "
          "enunciado y en 5 comparaciones nuevas al azar (con ganador a, ganador b y empate).")
    return fb.done()
