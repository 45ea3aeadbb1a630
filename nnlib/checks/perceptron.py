"""Comprobaciones de los ejercicios del capítulo 1, «El perceptrón».

La convención del curso (la misma de :class:`nnlib.perceptron.Perceptron`):
la salida es :math:`\\hat y = \\operatorname{escalón}(w \\cdot x + b)`, con
escalón(z) = 1 si z ≥ 0 y 0 si z < 0, y la regla de aprendizaje es

.. math:: w \\leftarrow w + \\eta\\,(y - \\hat y)\\,x, \\qquad b \\leftarrow b + \\eta\\,(y - \\hat y).

* :func:`check_predict` — una función ``perceptron_predict(X, w, b)``.
* :func:`check_update` — una función ``perceptron_update(w, b, x, y, learning_rate)``.
* :func:`check_nand` — pesos ``nand_weights`` y sesgo ``nand_bias`` que implementan NAND.
* :func:`check_separable` — el diccionario ``separable_gates``: ¿qué compuertas lógicas
  puede aprender un perceptrón?
* :func:`check_count_mistakes` — una función ``count_mistakes(X, y, w, b)``, la medida
  con la que el perceptrón de bolsillo elige sus pesos.

Todas reciben el espacio de nombres del cuaderno, ``check_nand(globals())``, y siguen
la norma de :mod:`nnlib.checks`: casos nuevos al azar en cada ejecución además del
ejemplo del enunciado, la firma revisada, los argumentos copiados y vigilados, y una
pista para cada error habitual.
"""
from __future__ import annotations

import numpy as np

from . import MISSING, Feedback, is_close, normalize_text

__all__ = ["check_predict", "check_update", "check_nand", "check_separable", "check_count_mistakes"]

#: Los cuatro puntos de una compuerta de dos entradas, en el orden de ``logic_gate``.
_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_AND = np.array([0, 0, 0, 1])


def _step(z, strict=False):
    z = np.asarray(z, dtype=float)
    return (z > 0 if strict else z >= 0).astype(int)


def _where(i, shape):
    return "el ejemplo del enunciado" if i == 0 else f"X de forma {shape}"


def _matching(got, mistakes):
    """Las pistas de los errores típicos que coinciden con ``got``, en orden."""
    return [hint for value, hint in mistakes if is_close(got, value)]


class _Cases:
    """Compara caso a caso y elige la pista de un error típico aunque un caso no baste.

    A veces dos errores dan lo mismo en un caso (en el ejemplo del enunciado, olvidar
    el sesgo y restarlo dan las mismas predicciones). Entonces no se informa todavía:
    se miran los casos siguientes y se da la pista del error que coincide con todos.
    """

    def __init__(self, fb, label, hint):
        self.fb, self.label, self.hint = fb, label, hint
        self.pending = None            # (got, expected, mistakes, where, i, pistas candidatas)

    def check(self, i, got, expected, mistakes, where, last):
        """``True`` si se puede seguir con el caso siguiente; ``False`` si ya se informó un fallo."""
        if is_close(got, expected):
            return True
        matches = _matching(got, mistakes)
        if self.pending is not None:
            candidates = [h for h in self.pending[5] if h in matches]
            if len(candidates) > 1 and not last:
                self.pending = (*self.pending[:5], candidates)
                return True
            return self._report(*self.pending[:5], candidates or self.pending[5])
        if len(matches) > 1 and not last:
            self.pending = (got, expected, mistakes, where, i, matches)
            return True
        return self._report(got, expected, mistakes, where, i, None)

    def finish(self):
        """``True`` si no queda un fallo pendiente (y si queda, lo informa)."""
        if self.pending is None:
            return True
        return self._report(*self.pending[:5], self.pending[5])

    def _report(self, got, expected, mistakes, where, i, hints):
        if hints is not None:
            mistakes = [(v, h) for v, h in mistakes if h == hints[0]]
        self.fb.compare(got, expected, label=self.label, case=where, reveal=i > 0, mistakes=mistakes,
                        hint=self.hint)
        return False


def _integer_case(rng, n, d):
    """``X`` (n, d) y ``w`` (d,) enteros pequeños, y un sesgo que pone una fila justo en z = 0.

    Con enteros las sumas son exactas, así que esa fila tiene z = 0 de verdad y
    distingue ``z >= 0`` de ``z > 0``. Se repite el sorteo hasta que cada error
    habitual dé predicciones distintas de las correctas y de las de los demás errores:
    ``z > 0``, olvidar el sesgo, restarlo y, si ``d >= 3``, usar solo las dos primeras
    columnas (el error de quien escribe ``X[:, 0] * w[0] + X[:, 1] * w[1]``).
    """
    for _ in range(2000):
        X = rng.integers(-3, 4, size=(n, d)).astype(float)
        w = rng.integers(-3, 4, size=d).astype(float)
        if not np.any(w):
            continue
        k = int(rng.integers(n))
        b = -float(X[k] @ w)
        z = X @ w + b
        if not (np.any(z > 0) and np.any(z < 0)):
            continue
        outputs = [_step(z), _step(z, strict=True), _step(X @ w), _step(X @ w - b)]
        if d >= 3:
            outputs.append(_step(X[:, :2] @ w[:2] + b))
        if len({o.tobytes() for o in outputs}) < len(outputs):
            continue                               # dos errores habituales se confundirían
        return X, w, b
    raise RuntimeError("no se encontró un caso de prueba")  # pragma: no cover - 200 sorteos bastan


# --- ejercicio 1: predecir ----------------------------------------------------------

#: Número de entradas de los cinco casos al azar (el ejemplo del enunciado tiene 2).
_RANDOM_INPUTS = (3, 4, 1, 5, 3)


def _predict_cases(rng):
    """Cinco casos de 5 a 9 filas (el ejemplo tiene 4), con 3, 4, 1, 5 y 3 entradas."""
    return [_integer_case(rng, int(rng.integers(5, 10)), d) for d in _RANDOM_INPUTS]


def check_predict(namespace):
    """Comprueba ``perceptron_predict(X, w, b)``: 0 o 1 por fila de ``X``, con cualquier número de entradas."""
    fb = Feedback("predecir con un perceptrón", namespace)
    predict = fb.function("perceptron_predict", params=("X", "w", "b"))
    if predict is MISSING:
        return fb.done()
    example = (_INPUTS.copy(), np.array([1.0, 1.0]), -1.5)
    label = "perceptron_predict(X, w, b)"
    cases = [example] + _predict_cases(fb.rng())
    compare = _Cases(fb, label, "para cada fila x, la salida es 1 si w·x + b ≥ 0 y 0 en otro caso.")
    for i, (X, w, b) in enumerate(cases):
        got = fb.call(predict, X, w, b)
        out = MISSING if got is MISSING else fb.array(got, shape=(len(X),), label=label)
        if out is MISSING:
            return fb.done()
        z = X @ w + b
        mistakes = [
            (z, "eso es z = X @ w + b; falta aplicar el escalón para obtener 0 o 1."),
            (_step(z, strict=True), "un punto con z = 0 exactamente va a la clase 1: use z >= 0, no z > 0."),
            (1 - _step(z), "las clases salen invertidas: la clase 1 corresponde a z ≥ 0."),
            (_step(X @ w), "falta sumar el sesgo b antes del escalón."),
            (_step(X @ w - b), "el sesgo se suma, no se resta: z = X @ w + b."),
        ]
        if X.shape[1] >= 3:
            mistakes.append((_step(X[:, :2] @ w[:2] + b),
                             "use todas las entradas, no solo las dos primeras: X @ w suma w_j x_j para "
                             "cada columna j de X."))
        if not compare.check(i, out, _step(z), mistakes, _where(i, X.shape), last=i == len(cases) - 1):
            return fb.done()
    if not compare.finish():
        return fb.done()
    fb.ok("perceptron_predict acierta en el ejemplo del enunciado y en 5 casos nuevos al azar, "
          "con 1, 3, 4 y 5 entradas y con puntos justo sobre la frontera (z = 0).")
    return fb.done()


# --- ejercicio 2: un paso de la regla -------------------------------------------------

def _rule(w, b, x, y, lr, *, sign=1.0, update_bias=True, use_lr=True, use_z=False, strict=False,
          always=False):
    """La regla del perceptrón y sus errores típicos (para dar la pista adecuada)."""
    w, x = np.asarray(w, float), np.asarray(x, float)
    z = float(w @ x + b)
    y_hat = z if use_z else float(z > 0 if strict else z >= 0)
    err = float(y) if always else sign * (y - y_hat)
    eta = lr if use_lr else 1.0
    return w + eta * err * x, (b + eta * err if update_bias else b)


#: Los casos al azar de ``perceptron_update``: qué ilustra cada uno (en este orden, siempre).
_UPDATE_SCENARIOS = ("bien clasificado", "falso negativo", "falso positivo", "sobre la frontera",
                     "falso negativo")


def _update_case(rng, scenario):
    """Un caso de ``perceptron_update`` con 3 a 5 entradas (el ejemplo tiene 2) del tipo ``scenario``."""
    d = int(rng.integers(3, 6))
    lr = float(rng.choice([0.1, 0.25, 0.5, 2.0]))
    for _ in range(500):
        w = rng.integers(-3, 4, size=d).astype(float)
        x = rng.integers(-2, 3, size=d).astype(float)
        if not np.any(x):
            continue
        if scenario == "sobre la frontera":
            b = -float(w @ x)                      # z = 0 exacto: el escalón dice 1
            return w, b, x, 0, lr                 # ... y era 0: debe corregir
        b = float(rng.integers(-3, 4)) + 0.5      # nunca z = 0
        z = float(w @ x + b)
        if scenario == "bien clasificado":
            return w, b, x, int(z >= 0), lr
        if scenario == "falso negativo" and z < 0:
            return w, b, x, 1, lr
        if scenario == "falso positivo" and z > 0:
            return w, b, x, 0, lr
    raise RuntimeError("no se encontró un caso de prueba")  # pragma: no cover


def _pair(fb, got, d, label):
    """``(new_w, new_b)`` de lo que devolvió la función, o ``MISSING`` con una pista."""
    if got is None:
        fb.fail(f"{label} no devolvió nada.", hint="termine la función con `return new_w, new_b`.")
        return MISSING
    if isinstance(got, np.ndarray) and got.ndim == 1 and got.shape == (d,):
        fb.fail(f"{label} devolvió solo un vector de {d} números.",
                hint="devuelva la pareja `return new_w, new_b`: los pesos nuevos y el sesgo nuevo.")
        return MISSING
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        out = fb.coerce(got, "array", label=label, shape=(2,))       # explica lo que llegó
        if out is not MISSING:
            fb.fail(f"{label} devolvió dos números.",
                    hint="devuelva la pareja `return new_w, new_b`: el vector de pesos y el sesgo.")
        return MISSING
    first, second = got
    if np.ndim(first) == 0 and np.ndim(second) == 1:
        fb.fail(f"{label} devolvió la pareja en otro orden.",
                hint="primero los pesos y después el sesgo: `return new_w, new_b`.")
        return MISSING
    new_w = fb.coerce(first, "array", label=f"los pesos que devuelve {label}", shape=(d,))
    if new_w is MISSING:
        return MISSING
    new_b = fb.coerce(second, "number", label=f"el sesgo que devuelve {label}")
    if new_b is MISSING:
        return MISSING
    return new_w, new_b


def check_update(namespace):
    """Comprueba ``perceptron_update(w, b, x, y, learning_rate)`` -> ``(new_w, new_b)``."""
    fb = Feedback("regla de aprendizaje del perceptrón", namespace)
    update = fb.function("perceptron_update", params=("w", "b", "x", "y", "learning_rate"))
    if update is MISSING:
        return fb.done()
    rng = fb.rng()
    cases = [("el ejemplo del enunciado", (np.array([-0.5, 0.5]), 0.2, np.array([0.0, 0.0]), 0, 0.5))]
    cases += [(f"un ejemplo {s} ({d} entradas)", case) for s in _UPDATE_SCENARIOS
              for case in [_update_case(rng, s)] for d in [len(case[0])]]
    label = "perceptron_update(w, b, x, y, learning_rate)"
    compare = _Cases(fb, f"{label} (los pesos y después el sesgo)",
                     "calcule ŷ = escalón(w·x + b) y luego w + η (y − ŷ) x y b + η (y − ŷ).")
    for i, (where, (w, b, x, y, lr)) in enumerate(cases):
        got = fb.call(update, w, b, x, y, lr)
        if got is MISSING:
            return fb.done()
        pair = _pair(fb, got, len(w), label)
        if pair is MISSING:
            return fb.done()
        expected = np.append(*_rule(w, b, x, y, lr))
        args = (w, b, x, y, lr)
        mistakes = [
            (np.append(*_rule(*args, sign=-1.0)),
             "el signo está invertido: el error es y − ŷ (lo que debía salir menos lo que salió)."),
            (np.append(*_rule(*args, update_bias=False)), "el sesgo también aprende: b ← b + η (y − ŷ)."),
            (np.append(*_rule(*args, use_lr=False)),
             "multiplique la corrección por la tasa de aprendizaje η (learning_rate)."),
            (np.append(*_rule(*args, strict=True)),
             "en el curso escalón(0) = 1: un punto con z = 0 se predice como clase 1."),
            (np.append(*_rule(*args, use_z=True)), "use la predicción ŷ = escalón(z), que vale 0 o 1, no z."),
            (np.append(*_rule(*args, always=True)),
             "la regla corrige con el error y − ŷ, no con y: si el perceptrón acierta, nada cambia."),
            (np.append(w, b), "aquí la predicción es incorrecta, así que los pesos deben cambiar."),
        ]
        if not compare.check(i, np.append(*pair), expected, mistakes, where, last=i == len(cases) - 1):
            return fb.done()
    if not compare.finish():
        return fb.done()
    fb.ok("perceptron_update acierta en el ejemplo del enunciado y en 5 casos nuevos al azar: un ejemplo "
          "bien clasificado, falsos negativos y positivos con distintas η y un punto sobre la frontera "
          "(z = 0).")
    return fb.done()


# --- ejercicio 3: NAND -----------------------------------------------------------------

def check_nand(namespace):
    """Comprueba que ``escalón(nand_weights · x + nand_bias)`` reproduce la tabla de NAND."""
    fb = Feedback("perceptrón NAND", namespace)
    weights = fb.value("nand_weights", kind="array", shape=(2,))
    bias = fb.value("nand_bias", kind="number")
    if weights is MISSING or bias is MISSING:
        return fb.done()
    target = 1 - _AND
    z = _INPUTS @ weights + bias
    out = _step(z)
    wrong = [f"({int(x1)}, {int(x2)}) da {o} y debía dar {t}"
             for (x1, x2), o, t in zip(_INPUTS, out, target) if o != t]
    if not wrong:
        fb.ok("nand_weights y nand_bias reproducen la tabla de NAND en los cuatro puntos.")
        return fb.done()
    if np.array_equal(out, _AND):
        hint = "eso es AND: NAND es su negación; cambie el signo de los pesos y del sesgo."
    elif np.array_equal(out, 1 - target):
        hint = "las cuatro salidas están invertidas: cambie el signo de los pesos y del sesgo."
    elif np.any(np.isclose(z, 0.0)):
        hint = "algún punto queda justo sobre la frontera (z = 0) y el escalón lo manda a 1; aleje un poco la recta."
    elif out[0] == 0:
        hint = "(0, 0) debe dar 1, y allí z = b: el sesgo debe ser positivo (o cero)."
    else:
        hint = "(1, 1) debe dar 0, así que w1 + w2 + b < 0, mientras (0, 1) y (1, 0) dan 1: w2 + b ≥ 0 y w1 + b ≥ 0."
    fb.fail("El perceptrón falla en " + "; ".join(wrong) + ".", hint=hint)
    return fb.done()


# --- ejercicio 4: separabilidad ----------------------------------------------------------

_SEPARABLE = {"and": True, "or": True, "nand": True, "nor": True, "xor": False, "xnor": False}


def check_separable(namespace):
    """Comprueba ``separable_gates``: ``True`` si un perceptrón puede aprender la compuerta."""
    fb = Feedback("compuertas linealmente separables", namespace)
    answers = fb.value("separable_gates", kind="dict")
    if answers is MISSING:
        return fb.done()
    by_text = {normalize_text(k): k for k in answers if isinstance(k, str)}
    right, problems = [], []
    for gate, expected in _SEPARABLE.items():
        if gate not in answers:
            near = by_text.get(normalize_text(gate))
            if near is not None:
                problems.append((f"La clave «{near}» debería escribirse \"{gate}\".",
                                 "escriba las claves en minúsculas, como en el enunciado."))
            else:
                problems.append((f"Falta la compuerta «{gate}».", f'añada la clave "{gate}" con True o False.'))
            continue
        given = fb.coerce(answers[gate], "bool", label=f"«{gate}»", returned=False)
        if given is MISSING:
            continue
        if given == expected:
            right.append(gate)
        elif expected:
            problems.append((f"«{gate}» sí es linealmente separable.",
                             "dibuje sus cuatro puntos: una recta deja los de salida 1 a un lado y los de salida 0 al otro."))
        else:
            problems.append((f"«{gate}» no es linealmente separable.",
                             "sus puntos de salida 1 están en esquinas opuestas del cuadrado; "
                             "ninguna recta los separa de los otros dos."))
    return fb.tally(right, len(_SEPARABLE), problems)


# --- ejercicio 5: contar errores -----------------------------------------------------------

def _mistake_values(X, y, w, b):
    """El número de errores correcto y los que darían los errores habituales (pista -> valor)."""
    z = X @ w + b
    wrong = int(np.sum(_step(z) != y))
    n = len(X)
    values = {
        "eso son los aciertos: cuente los ejemplos cuya predicción es distinta de y.": n - wrong,
        "se pide el número de errores, no la proporción: no divida entre len(X).": wrong / n,
        "eso es la exactitud; se pide el número de ejemplos mal clasificados.": 1 - wrong / n,
        "un punto con z = 0 exactamente es de la clase 1: use z >= 0, no z > 0.":
            int(np.sum(_step(z, strict=True) != y)),
        "falta sumar el sesgo b antes del escalón.": int(np.sum(_step(X @ w) != y)),
    }
    if X.shape[1] >= 3:
        values["use todas las entradas, no solo las dos primeras: X @ w."] = \
            int(np.sum(_step(X[:, :2] @ w[:2] + b) != y))
    return wrong, values


#: Lo que devuelve ``count_mistakes`` con el ejemplo del enunciado (OR frente a AND).
_EXAMPLE_MISTAKES = 2


def _mistakes_case(rng, d):
    """De 6 a 12 filas (el ejemplo tiene 4) y ``d`` entradas, con clases al azar.

    Se sortea hasta que cada error habitual dé un número distinto del correcto y de
    los demás errores, y ninguno repita la respuesta del ejemplo del enunciado (así, un
    número escrito a mano recibe la pista de «devuelve lo mismo»).
    """
    for _ in range(2000):
        n = int(rng.integers(6, 13))
        X, w, b = _integer_case(rng, n, d)
        y = rng.integers(0, 2, size=n)
        wrong, values = _mistake_values(X, y, w, b)
        counts = [wrong] + [v for v in values.values() if float(v).is_integer()]
        distinct = len({wrong, *values.values()}) == len(values) + 1     # ninguna pista se confunde
        if 0 < wrong < n and distinct and _EXAMPLE_MISTAKES not in counts:
            return X, y, w, b
    raise RuntimeError("no se encontró un caso de prueba")  # pragma: no cover


def check_count_mistakes(namespace):
    """Comprueba ``count_mistakes(X, y, w, b)``: cuántos ejemplos clasifica mal el perceptrón."""
    fb = Feedback("contar errores", namespace)
    count = fb.function("count_mistakes", params=("X", "y", "w", "b"))
    if count is MISSING:
        return fb.done()
    example = (_INPUTS.copy(), _AND.copy(), np.array([1.0, 1.0]), -0.5)
    label = "count_mistakes(X, y, w, b)"
    rng = fb.rng()
    cases = [example] + [_mistakes_case(rng, d) for d in _RANDOM_INPUTS]
    compare = _Cases(fb, label, "prediga con (X @ w + b >= 0) y cuente cuántas predicciones son distintas de y.")
    for i, (X, y, w, b) in enumerate(cases):
        got = fb.call(count, X, y, w, b)
        if got is MISSING:
            return fb.done()
        if isinstance(got, np.ndarray) and got.shape == (len(X),):
            fb.fail(f"{label} devolvió un arreglo con un valor por ejemplo.",
                    hint="devuelva un solo número: cuente los errores con `np.sum(...)`.")
            return fb.done()
        n_wrong = fb.coerce(got, "number", label=label)
        if n_wrong is MISSING:
            return fb.done()
        wrong, values = _mistake_values(X, y, w, b)
        mistakes = [(v, h) for h, v in values.items() if v != wrong]
        if not compare.check(i, n_wrong, wrong, mistakes, _where(i, X.shape), last=i == len(cases) - 1):
            return fb.done()
    if not compare.finish():
        return fb.done()
    fb.ok("count_mistakes acierta en el ejemplo del enunciado y en 5 casos nuevos al azar, "
          "con 1, 3, 4 y 5 entradas y con puntos justo sobre la frontera (z = 0).")
    return fb.done()
