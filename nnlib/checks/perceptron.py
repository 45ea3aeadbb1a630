"""Comprobaciones de los ejercicios del capítulo 1, «El perceptrón».

La convención del curso (la misma de :class:`nnlib.perceptron.Perceptron`):
la salida es :math:`\\hat y = \\operatorname{escalón}(w \\cdot x + b)`, con
escalón(z) = 1 si z ≥ 0 y 0 si z < 0, y la regla de aprendizaje es

.. math:: w \\leftarrow w + \\eta\\,(y - \\hat y)\\,x, \\qquad b \\leftarrow b + \\eta\\,(y - \\hat y).

* :func:`check_predict` — una función ``perceptron_predict(X, w, b)``.
* :func:`check_update` — una función ``perceptron_update(w, b, x, y, learning_rate)``.
* :func:`check_nand` — pesos ``nand_weights`` y sesgo ``nand_bias`` que implementan NAND.
* :func:`check_separable` — el diccionario ``separable_gates``: ¿qué puertas lógicas
  puede aprender un perceptrón?

Todas reciben el espacio de nombres del cuaderno: ``check_nand(globals())``
(véase :mod:`nnlib.checks`).
"""
from __future__ import annotations

import numpy as np

from . import MISSING, Feedback, is_close

__all__ = ["check_predict", "check_update", "check_nand", "check_separable"]

_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def _step(z):
    return (np.asarray(z) >= 0).astype(int)


def _as_numbers(value):
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


# --- predecir ---------------------------------------------------------------
#: Casos de prueba de ``perceptron_predict``: (X, w, b). El tercero tiene un
#: punto justo sobre la frontera (z = 0), que el escalón manda a la clase 1.
_PREDICT_CASES = [
    (_INPUTS, np.array([1.0, 1.0]), -1.5),
    (np.array([[2.0, 1.0], [-1.0, 3.0], [0.5, -0.5]]), np.array([2.0, -1.0]), -0.5),
    (np.array([[1.0, 1.0], [3.0, 0.0], [0.0, 2.0]]), np.array([1.0, -1.0]), 0.0),
    (np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]]), np.array([0.5, -2.0, 1.0]), 0.25),
]


def check_predict(namespace):
    """Comprueba ``perceptron_predict(X, w, b)``: devuelve 0 o 1 por fila de ``X``."""
    fb = Feedback("predecir con un perceptrón")
    predict = fb.require(namespace, "perceptron_predict", callable_=True)
    if predict is MISSING:
        return fb.done()
    for X, w, b in _PREDICT_CASES:
        label = f"perceptron_predict(X, w={w.tolist()}, b={b})"
        got = fb.call(predict, X.copy(), w.copy(), b, label=label)
        if got is MISSING:
            return fb.done()
        z = X @ w + b
        expected = _step(z)
        values = _as_numbers(got)
        if values is None or values.shape != expected.shape:
            shape = getattr(values, "shape", None)
            fb.fail(f"{label} devolvió {got!r} (forma {shape}); se esperaba un arreglo de forma {expected.shape}.",
                    hint="devuelva una predicción por fila: calcule z = X @ w + b para todas las filas a la vez.")
            return fb.done()
        if np.array_equal(values, expected):
            continue
        if is_close(values, z):
            hint = "eso es z = X @ w + b; falta aplicar el escalón para obtener 0 o 1."
        elif np.array_equal(values, (z > 0).astype(int)):
            hint = "un punto con z = 0 exactamente va a la clase 1: use z >= 0, no z > 0."
        elif np.array_equal(values, 1 - expected):
            hint = "las clases salen invertidas: la clase 1 corresponde a z ≥ 0."
        else:
            hint = "para cada fila x, la salida es 1 si w·x + b ≥ 0 y 0 en otro caso."
        fb.fail(f"{label} devolvió {values.tolist()}; se esperaba {expected.tolist()}.", hint=hint)
        return fb.done()
    fb.ok(f"perceptron_predict acierta en los {len(_PREDICT_CASES)} casos de prueba.")
    fb.ok("Un punto con z = 0 va a la clase 1, y funciona también con tres entradas.")
    return fb.done()


# --- actualizar ---------------------------------------------------------------
#: Casos de ``perceptron_update``: (w, b, x, y, learning_rate, qué ilustra, mensaje si acierta).
_UPDATE_CASES = [
    ([1.0, 1.0], -1.5, [1.0, 1.0], 1, 1.0, "una muestra bien clasificada",
     "Muestra bien clasificada: los pesos no cambian."),
    ([0.5, -0.5], -1.0, [1.0, 1.0], 1, 1.0, "un falso negativo (predice 0, era 1)",
     "Falso negativo (predice 0, era 1): pesos y sesgo suben."),
    ([1.0, 1.0], 0.0, [0.0, 1.0], 0, 0.5, "un falso positivo con η = 0.5",
     "Falso positivo con η = 0.5: la corrección se multiplica por η."),
    ([1.0, -1.0], 0.0, [1.0, 1.0], 0, 1.0, "un punto justo sobre la frontera (z = 0)",
     "Punto sobre la frontera (z = 0): cuenta como predicción 1."),
]


def _rule(w, b, x, y, lr, *, sign=1.0, update_bias=True, use_lr=True, use_z=False, strict=False):
    """La regla del perceptrón y sus errores típicos (para dar la pista adecuada)."""
    w, x = np.asarray(w, float), np.asarray(x, float)
    z = float(w @ x + b)
    y_hat = z if use_z else float(z > 0 if strict else z >= 0)
    err = sign * (y - y_hat)
    eta = lr if use_lr else 1.0
    return w + eta * err * x, (b + eta * err if update_bias else b)


def check_update(namespace):
    """Comprueba ``perceptron_update(w, b, x, y, learning_rate)`` -> ``(w_nuevo, b_nuevo)``."""
    fb = Feedback("regla de aprendizaje del perceptrón")
    update = fb.require(namespace, "perceptron_update", callable_=True)
    if update is MISSING:
        return fb.done()
    for w, b, x, y, lr, what, ok_message in _UPDATE_CASES:
        label = f"perceptron_update(w={w}, b={b}, x={x}, y={y}, learning_rate={lr})"
        got = fb.call(update, np.array(w), b, np.array(x), y, lr, label=label)
        if got is MISSING:
            return fb.done()
        if got is None:
            fb.fail(f"{label} no devolvió nada.", hint="termine la función con `return new_w, new_b`.")
            return fb.done()
        try:
            new_w, new_b = got
            new_w, new_b = _as_numbers(new_w), _as_numbers(new_b)
        except (TypeError, ValueError):
            new_w = new_b = None
        if new_w is None or new_b is None or new_w.shape != (len(w),) or new_b.size != 1:
            fb.fail(f"{label} devolvió {got!r}.", hint="devuelva una pareja: el vector de pesos nuevo y el sesgo nuevo.")
            return fb.done()
        exp_w, exp_b = _rule(w, b, x, y, lr)
        if is_close(new_w, exp_w) and is_close(new_b, exp_b):
            fb.ok(ok_message)
            continue
        args = (w, b, x, y, lr)
        got_pair = lambda pair: is_close(new_w, pair[0]) and is_close(new_b, pair[1])  # noqa: E731
        if got_pair(_rule(*args, sign=-1.0)):
            hint = "el signo está invertido: el error es y − ŷ (lo que debía salir menos lo que salió)."
        elif got_pair(_rule(*args, update_bias=False)):
            hint = "el sesgo también aprende: b ← b + η (y − ŷ)."
        elif got_pair(_rule(*args, use_lr=False)):
            hint = "multiplique la corrección por la tasa de aprendizaje η (learning_rate)."
        elif got_pair(_rule(*args, strict=True)):
            hint = "en el curso escalón(0) = 1: un punto con z = 0 se predice como clase 1."
        elif got_pair(_rule(*args, use_z=True)):
            hint = "use la predicción ŷ = escalón(z), que vale 0 o 1, no z."
        elif is_close(new_w, w) and is_close(new_b, b):
            hint = "aquí la predicción es incorrecta, así que los pesos deben cambiar."
        else:
            hint = "calcule ŷ = escalón(w·x + b) y luego w + η (y − ŷ) x y b + η (y − ŷ)."
        fb.fail(f"Con {what}: {label} devolvió w = {np.round(new_w, 4).tolist()}, b = {float(np.round(new_b, 4).reshape(-1)[0])}; "
                f"se esperaba w = {exp_w.tolist()}, b = {exp_b}.", hint=hint)
        return fb.done()
    return fb.done()


# --- NAND ---------------------------------------------------------------------
def check_nand(namespace):
    """Comprueba que ``escalón(nand_weights · x + nand_bias)`` reproduce la tabla de NAND."""
    fb = Feedback("perceptrón NAND")
    weights = fb.require(namespace, "nand_weights")
    bias = fb.require(namespace, "nand_bias")
    if weights is MISSING or bias is MISSING:
        return fb.done()
    w, b = _as_numbers(weights), _as_numbers(bias)
    if w is None or w.shape != (2,):
        fb.fail(f"`nand_weights` debería ser un vector de dos números; es {weights!r}.",
                hint="por ejemplo nand_weights = np.array([w1, w2]).")
        return fb.done()
    if b is None or b.size != 1:
        fb.fail(f"`nand_bias` debería ser un número; es {bias!r}.", hint="por ejemplo nand_bias = 0.5.")
        return fb.done()
    b = float(b.reshape(-1)[0])
    target = np.array([1, 1, 1, 0])
    z = _INPUTS @ w + b
    out = _step(z)
    wrong = [f"({int(x1)}, {int(x2)}) da {o} y debía dar {t}"
             for (x1, x2), o, t in zip(_INPUTS, out, target) if o != t]
    if not wrong:
        fb.ok(f"Con w = {np.round(w, 3).tolist()} y b = {round(b, 3)} el perceptrón reproduce la tabla de NAND.")
    else:
        if np.array_equal(out, 1 - target):
            hint = "eso es AND: NAND es su negación; cambie el signo de los pesos y del sesgo."
        elif np.any(np.isclose(z, 0.0)):
            hint = "algún punto queda justo sobre la frontera (z = 0) y el escalón lo manda a 1; aleje un poco la recta."
        else:
            hint = "(0, 0) debe dar 1, así que b ≥ 0; (1, 1) debe dar 0, así que w1 + w2 + b < 0."
        fb.fail("El perceptrón falla en " + "; ".join(wrong) + ".", hint=hint)
    return fb.done()


# --- separabilidad --------------------------------------------------------------
_SEPARABLE = {"and": True, "or": True, "nand": True, "nor": True, "xor": False, "xnor": False}


def check_separable(namespace):
    """Comprueba ``separable_gates``: ``True`` si un perceptrón puede aprender la puerta."""
    fb = Feedback("puertas linealmente separables")
    answers = fb.require(namespace, "separable_gates", dict_example='{"and": True, "or": ..., ...}')
    if answers is MISSING:
        return fb.done()
    given = {str(k).lower(): v for k, v in answers.items()}
    right, problems = [], []
    for gate, expected in _SEPARABLE.items():
        if gate not in given:
            problems.append((f"Falta la puerta «{gate}».", f'añada la clave "{gate}" con True o False.'))
        elif not isinstance(given[gate], (bool, np.bool_)):
            problems.append((f"«{gate}»: la respuesta debe ser True o False; llegó {given[gate]!r}.", None))
        elif bool(given[gate]) == expected:
            right.append(gate)
        elif expected:
            problems.append((f"«{gate}» sí es linealmente separable.",
                             "dibuje sus cuatro puntos: una recta deja los de salida 1 a un lado y los de salida 0 al otro."))
        else:
            problems.append((f"«{gate}» no es linealmente separable.",
                             "sus puntos de salida 1 están en esquinas opuestas del cuadrado; "
                             "ninguna recta los separa de los otros dos."))
    return fb.tally(right, len(_SEPARABLE), problems)
