r"""Comprobaciones de los ejercicios del capítulo 3, «Retropropagación».

* :func:`check_sigmoid_derivative` — una función ``sigmoid_derivative(z)`` que
  devuelve :math:`\sigma'(z) = \sigma(z)\,(1 - \sigma(z))` elemento a elemento.
* :func:`check_mse_gradient` — una función ``mse_gradient(y_true, y_pred)``: el
  gradiente de la ``mse`` de Keras respecto de ``y_pred``,
  :math:`2(\hat y - y)/(N K)` para un lote de N ejemplos con K salidas.
* :func:`check_dense_backward` — una función ``dense_backward(X, W, b, grad_output)``:
  el paso hacia atrás de una capa densa sigmoide para un lote; devuelve
  ``(dW, db, dX)``.
* :func:`check_find_bug` — una función ``find_bug(loss_fn, params, grads)`` que
  compara cada gradiente con el de diferencias finitas y devuelve el nombre del
  parámetro cuyo gradiente está mal (o ``None`` si todos están bien).

Todas reciben el espacio de nombres del cuaderno: ``check_mse_gradient(globals())``
(véase :mod:`nnlib.checks`).
"""
from __future__ import annotations

import numpy as np

from . import MISSING, Feedback, describe, fmt
from ._reference import case_label as _case_label, sigmoid as _sigmoid

__all__ = ["check_sigmoid_derivative", "check_mse_gradient", "check_dense_backward", "check_find_bug"]


# --- 1. la derivada de la sigmoide ----------------------------------------------------------
_SIGMOID_EXAMPLE = (np.array([0.0, 2.0, -2.0]),)


def _sigmoid_case(rng):
    shape = (int(rng.integers(4, 8)),) if rng.random() < 0.5 else (int(rng.integers(2, 4)), int(rng.integers(4, 6)))
    return (rng.uniform(-8.0, 8.0, size=shape),)


def check_sigmoid_derivative(namespace):
    """Comprueba ``sigmoid_derivative(z)``: :math:`\\sigma(z)(1-\\sigma(z))` elemento a elemento."""
    fb = Feedback("la derivada de la sigmoide", namespace)
    derivative = fb.function("sigmoid_derivative", params=("z",))
    if derivative is MISSING:
        return fb.done()
    for i, (z,) in enumerate(fb.cases(_SIGMOID_EXAMPLE, _sigmoid_case, n=5)):
        label = "sigmoid_derivative(z)"
        got = fb.call(derivative, z, label=f"`{label}`")
        out = MISSING if got is MISSING else fb.array(got, shape=z.shape, label=label)
        if out is MISSING:
            return fb.done()
        s = _sigmoid(z)
        mistakes = [
            (s, "eso es σ(z), la sigmoide misma; su derivada es σ(z)·(1 − σ(z))."),
            (z * (1 - z), "la fórmula a·(1 − a) se aplica a la salida a = σ(z), no a z: calcule primero σ(z)."),
            (-s * (1 - s), "sobra el signo menos: la sigmoide crece, así que su derivada es positiva."),
            (s * (1 + s), "es σ(z)·(1 − σ(z)): uno menos σ(z), no uno más."),
            (1 - s, "falta multiplicar por σ(z): la derivada es σ(z)·(1 − σ(z))."),
            (s ** 2, "es σ(z)·(1 − σ(z)), no σ(z)²."),
            (np.exp(-z) / (1 + np.exp(-z)), "eso es 1 − σ(z); falta multiplicarlo por σ(z)."),
            (np.full(z.shape, 0.25), "0.25 es la derivada solo en z = 0: calcúlela con cada elemento de z."),
        ]
        if not fb.compare(out, s * (1 - s), label=label, mistakes=mistakes, reveal=i > 0,
                          case=_case_label(i, f"z de forma {z.shape}"),
                          hint="calcule s = 1 / (1 + np.exp(-z)) y devuelva s * (1 - s)."):
            return fb.done()
    fb.ok("sigmoid_derivative acierta en el ejemplo del enunciado y en 5 arreglos nuevos al azar "
          "(vectores y matrices).")
    return fb.done()


# --- 2. el gradiente de la mse de Keras ----------------------------------------------------
_MSE_EXAMPLE = (np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]),
                np.array([[0.8, 0.1, 0.1], [0.3, 0.6, 0.1], [0.2, 0.2, 0.6], [0.5, 0.25, 0.25]]))


def _mse_case(rng):
    """Un lote al azar de N ejemplos y K salidas, con N ≠ K y K ≥ 3 (2/K ≠ 1), distinto del ejemplo."""
    n = int(rng.integers(5, 9))
    k = int(rng.choice([m for m in (3, 4, 5) if m != n]))
    return rng.uniform(-2.0, 2.0, size=(n, k)), rng.uniform(-2.0, 2.0, size=(n, k))


def check_mse_gradient(namespace):
    """Comprueba ``mse_gradient(y_true, y_pred)``: :math:`2(\\hat y - y)/(NK)`."""
    fb = Feedback("el gradiente de la mse de Keras", namespace)
    gradient = fb.function("mse_gradient", params=("y_true", "y_pred"))
    if gradient is MISSING:
        return fb.done()
    for i, (y_true, y_pred) in enumerate(fb.cases(_MSE_EXAMPLE, _mse_case, n=5)):
        label = "mse_gradient(y_true, y_pred)"
        got = fb.call(gradient, y_true, y_pred, label=f"`{label}`")
        out = MISSING if got is MISSING else fb.array(got, shape=y_pred.shape, label=label)
        if out is MISSING:
            return fb.done()
        n, k = y_pred.shape
        diff = y_pred - y_true
        mistakes = [
            (-2 * diff / (n * k), "el signo está cambiado: la derivada de (ŷ − y)² respecto de ŷ es 2(ŷ − y). "
             "(y − ŷ) es la dirección del paso, no el gradiente; es el desliz de las diapositivas."),
            (diff, "eso es el gradiente de E = ½ Σ (ŷ − y)², el error del artículo de 1986; la mse de Keras "
             "es una media: multiplique por 2 y divida por los N·K números."),
            (-diff, "eso es (y − ŷ): el signo cambiado y sin la media de Keras."),
            (2 * diff, "falta la media: la mse de Keras divide entre los N·K números (ejemplos por salidas)."),
            (diff / (n * k), "falta el 2 que baja del cuadrado: la derivada de (ŷ − y)² es 2(ŷ − y)."),
            (2 * diff / n, "divida también entre K, el número de salidas: Keras promedia sobre las salidas "
             "y sobre los ejemplos del lote."),
            (2 * diff / k, "divida también entre N, el número de ejemplos del lote: la pérdida del lote es una media."),
            (diff / n, "divida entre N·K (ejemplos por salidas) y no olvide el 2 que baja del cuadrado."),
        ]
        case = _case_label(i, f"un lote de {n} ejemplos y {k} salida{'s' if k > 1 else ''}")
        if not fb.compare(out, 2 * diff / (n * k), label=label, mistakes=mistakes, reveal=i > 0, case=case,
                          hint="derive la media de (ŷ − y)² sobre todos los números de y_pred: 2(ŷ − y) / y_pred.size."):
            return fb.done()
    fb.ok("mse_gradient acierta en el ejemplo del enunciado y en 5 lotes nuevos al azar, "
          "con distinto número de ejemplos y de salidas.")
    return fb.done()


# --- 3. el paso hacia atrás de una capa densa -----------------------------------------------
def _dense_example():
    X = np.array([[1.0, 0.5, -1.0], [0.0, 2.0, 1.0], [-1.5, 1.0, 0.5], [2.0, -0.5, 0.0]])
    W = np.array([[0.5, -1.0], [1.0, 0.25], [-0.5, 0.75]])
    b = np.array([0.1, -0.2])
    grad_output = np.array([[0.25, -0.5], [0.0, 0.5], [-0.25, 0.25], [0.5, 0.0]])
    return X, W, b, grad_output


def _dense_case(rng):
    n = int(rng.integers(5, 9))
    n_in, n_out = (int(v) for v in rng.choice([m for m in range(2, 7) if m != n], size=2, replace=False))
    return (rng.normal(size=(n, n_in)), rng.normal(scale=0.7, size=(n_in, n_out)),
            rng.normal(scale=0.3, size=n_out), rng.normal(scale=0.5, size=(n, n_out)) / n)


def _unpack_three(fb, got, label):
    if isinstance(got, dict):
        fb.fail(f"{label} devolvió un diccionario.",
                hint="devuelva los tres gradientes en orden, separados por comas: return dW, db, dX.")
        return MISSING
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        fb.fail(f"{label} devolvió {describe(got)}; se esperaban tres arreglos.",
                hint="termine con return dW, db, dX (en ese orden).")
        return MISSING
    return got


_ORDINALS = {"dW": "primer", "db": "segundo", "dX": "tercer"}


def check_dense_backward(namespace):
    """Comprueba ``dense_backward(X, W, b, grad_output)`` -> ``(dW, db, dX)`` de una capa densa sigmoide."""
    fb = Feedback("el paso hacia atrás de una capa densa", namespace)
    backward = fb.function("dense_backward", params=("X", "W", "b", "grad_output"))
    if backward is MISSING:
        return fb.done()
    label = "dense_backward(X, W, b, grad_output)"
    for i, (X, W, b, G) in enumerate(fb.cases(_dense_example(), _dense_case, n=5)):
        n, n_in = X.shape
        n_out = W.shape[1]
        case = _case_label(i, f"X de forma {X.shape} y W de forma {W.shape}")
        got = fb.call(backward, X, W, b, G, label=f"`{label}`")
        if got is MISSING:
            return fb.done()
        parts = _unpack_three(fb, got, f"`{label}`")
        if parts is MISSING:
            return fb.done()
        Z = X @ W + b
        A = _sigmoid(Z)
        delta = G * A * (1 - A)
        no_derivative = G
        on_z = G * Z * (1 - Z)
        expected = {"dW": X.T @ delta, "db": delta.sum(axis=0), "dX": delta @ W.T}
        shapes = {"dW": (n_in, n_out), "db": (n_out,), "dX": (n, n_in)}
        common = [
            ("sin la derivada de la activación",
             "falta multiplicar grad_output por σ'(z) = a·(1 − a) antes de nada: δ = grad_output · a · (1 − a)."),
            ("la derivada aplicada a z",
             "la derivada a·(1 − a) se calcula con la salida a = σ(X @ W + b), no con z."),
        ]
        for name, dw_fn in (("dW", lambda d: X.T @ d), ("db", lambda d: d.sum(axis=0)), ("dX", lambda d: d @ W.T)):
            value = parts[("dW", "db", "dX").index(name)]
            part_label = f"{name} (el {_ORDINALS[name]} resultado)"
            if name == "db" and isinstance(value, np.ndarray) and value.shape == (n, n_out):
                fb.fail(f"{part_label}: se esperaba forma ({n_out},) y llegó {value.shape}.",
                        hint="db suma δ sobre las filas (los ejemplos del lote): delta.sum(axis=0).")
                return fb.done()
            out = fb.array(value, shape=shapes[name], label=part_label)
            if out is MISSING:
                return fb.done()
            mistakes = [(dw_fn(no_derivative), common[0][1]), (dw_fn(on_z), common[1][1]),
                        (-expected[name], "el signo está cambiado: el gradiente es el de la pérdida, sin el "
                         "menos del paso (ese lo pone el optimizador).")]
            if name in ("dW", "db"):
                mistakes.append((expected[name] / n, "no divida entre N: grad_output ya trae el 1/N de la media del "
                                 "lote; aquí se suman las contribuciones de los ejemplos."))
            if not fb.compare(out, expected[name], label=part_label, mistakes=mistakes, reveal=i > 0, case=case,
                              hint={"dW": "dW = X.T @ δ: una fila por entrada y una columna por neurona.",
                                    "db": "db = δ.sum(axis=0): un número por neurona.",
                                    "dX": "dX = δ @ W.T: lo que recibe la capa anterior, con la forma de X."}[name]):
                return fb.done()
    fb.ok("dense_backward da dW, db y dX correctos en el ejemplo del enunciado y en 5 lotes nuevos al azar.")
    fb.ok("Las formas coinciden con las de W, b y X, y el lote se suma sin volver a dividir entre N.")
    return fb.done()


# --- 4. una comprobación de gradientes que encuentra el fallo ------------------------------
_PARAM_NAMES = ("W1", "b1", "W2", "b2")


class _TinyNetwork:
    """Red tanh → sigmoide con pérdida ``scale · mse`` y sus gradientes exactos."""

    def __init__(self, rng, scale):
        self.n = int(rng.integers(4, 8))
        n_in, hidden, n_out = int(rng.integers(2, 5)), int(rng.integers(2, 5)), int(rng.integers(1, 4))
        self.X = rng.normal(size=(self.n, n_in))
        self.Y = rng.uniform(0.0, 1.0, size=(self.n, n_out))
        self.scale = float(scale)
        self.params = {"W1": rng.normal(scale=0.8, size=(n_in, hidden)), "b1": rng.normal(scale=0.3, size=hidden),
                       "W2": rng.normal(scale=0.8, size=(hidden, n_out)), "b2": rng.normal(scale=0.3, size=n_out)}

    def loss(self, params):
        hidden = np.tanh(self.X @ params["W1"] + params["b1"])
        out = 1.0 / (1.0 + np.exp(-(hidden @ params["W2"] + params["b2"])))
        return self.scale * float(np.mean((out - self.Y) ** 2))

    def gradients(self):
        p = self.params
        hidden = np.tanh(self.X @ p["W1"] + p["b1"])
        out = 1.0 / (1.0 + np.exp(-(hidden @ p["W2"] + p["b2"])))
        d2 = self.scale * 2.0 * (out - self.Y) / out.size * out * (1.0 - out)
        d1 = (d2 @ p["W2"].T) * (1.0 - hidden ** 2)
        return {"W1": self.X.T @ d1, "b1": d1.sum(axis=0), "W2": hidden.T @ d2, "b2": d2.sum(axis=0)}


def _plant(grads, name, how):
    """Estropea el gradiente ``name`` de una de las maneras habituales."""
    wrong = dict(grads)
    g = grads[name]
    if how == "signo":
        wrong[name] = -g
    elif how == "doble":
        wrong[name] = 2.0 * g
    else:  # un elemento desplazado
        bad = g.copy()
        index = np.unravel_index(np.argmax(np.abs(g)), g.shape)
        bad[index] += 0.05 * np.max(np.abs(g)) + 1e-3 * abs(g[index])
        wrong[name] = bad
    return wrong


def _bug_example():
    rng = np.random.default_rng(3)
    net = _TinyNetwork(rng, scale=1.0)
    return net, _plant(net.gradients(), "b1", "signo"), "b1", "el ejemplo fijo"


def _bug_cases(rng):
    """Cinco casos al azar cuyas respuestas son, en algún orden, W1, b1, W2, b2 y None."""
    answers = [list(_PARAM_NAMES + (None,))[i] for i in rng.permutation(5)]
    # una pérdida diminuta (donde una diferencia absoluta no ve el fallo) y una enorme, siempre con fallo
    with_bug = [k for k, answer in enumerate(answers) if answer is not None]
    tiny, huge = (int(k) for k in rng.choice(with_bug, size=2, replace=False))
    scales = [1e-5 if k == tiny else 1e3 if k == huge else 1.0 for k in range(5)]
    cases = []
    for k, answer in enumerate(answers):
        net = _TinyNetwork(rng, scale=scales[k])
        grads = net.gradients()
        if answer is not None:
            grads = _plant(grads, answer, str(rng.choice(["signo", "doble", "elemento"])))
        what = "ningún fallo" if answer is None else f"un fallo en {answer}"
        scale = "" if scales[k] == 1.0 else f", con la pérdida multiplicada por {scales[k]:g}"
        cases.append((net, grads, answer, f"una red nueva al azar con {what}{scale}"))
    return cases


def check_find_bug(namespace):
    """Comprueba ``find_bug(loss_fn, params, grads)``: el parámetro con el gradiente equivocado, o ``None``."""
    fb = Feedback("encontrar el gradiente equivocado", namespace)
    find_bug = fb.function("find_bug", params=("loss_fn", "params", "grads"))
    if find_bug is MISSING:
        return fb.done()
    label = "find_bug(loss_fn, params, grads)"
    for i, (net, grads, answer, case) in enumerate([_bug_example()] + _bug_cases(fb.rng())):
        params = {k: v.copy() for k, v in net.params.items()}

        def loss_fn(params, net=net):
            return net.loss(params)

        got = fb.call(find_bug, loss_fn, params, {k: v.copy() for k, v in grads.items()}, label=f"`{label}`")
        if got is MISSING:
            return fb.done()
        if isinstance(got, (np.str_, str)):
            got = str(got)
        if got is not None and not isinstance(got, str):
            fb.fail(f"`{label}` devolvió {describe(got)}.",
                    hint='devuelva el nombre del parámetro, una de las claves de params (por ejemplo "W1"), '
                    "o None si todos los gradientes están bien.")
            return fb.done()
        if got is not None and got not in _PARAM_NAMES:
            fb.fail(f"`{label}` devolvió {fmt(got)}, que no es una clave de params.",
                    hint="devuelva una de las claves de params tal cual: " + ", ".join(f'"{k}"' for k in _PARAM_NAMES)
                    + ", o None.")
            return fb.done()
        if got == answer:
            continue
        shown = f"llegó {fmt(got)}" + (f", se esperaba {fmt(answer)}" if i > 0 else "")
        if answer is None:
            hint = ("aquí todos los gradientes son correctos. Si su función ve fallos en todos, revise la "
                    "diferencia centrada, (L(θ + ε) − L(θ − ε)) / (2ε), y compare con el error relativo "
                    "y el umbral 1e-4.")
        elif got is None:
            hint = ("su función no vio el fallo. Use el error relativo, máx|a − n| / máx(|a| + |n|), que no "
                    "depende de la escala de la pérdida: una diferencia absoluta se queda diminuta si la "
                    "pérdida es pequeña.")
        else:
            hint = ("el fallo está en otro parámetro. Perturbe cada arreglo de params (el mismo que lee "
                    "loss_fn), restáurelo después, y devuelva la clave con el mayor error relativo.")
        fb.fail(f"`{label}` no da lo esperado con {case} ({shown}).", hint=hint)
        return fb.done()
    fb.ok("find_bug señala el parámetro equivocado en el ejemplo fijo y en 5 redes nuevas al azar.")
    fb.ok("También dice None cuando todos los gradientes están bien, y funciona con pérdidas muy pequeñas "
          "y muy grandes.")
    return fb.done()
