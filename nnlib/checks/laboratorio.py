r"""Comprobaciones de los ejercicios del capítulo 10, «El laboratorio».

* :func:`check_engineered_features` — una función ``engineered_features(X)`` que
  devuelve las cinco entradas construidas del laboratorio, en columnas y en este
  orden: :math:`x_1^2`, :math:`x_2^2`, :math:`x_1 x_2`, :math:`\sin x_1`, :math:`\sin x_2`.
* :func:`check_xor_feature` — un texto ``xor_feature``: el nombre de la única
  entrada con la que un modelo lineal separa XOR. La comprobación lo demuestra
  entrenando ese modelo en el laboratorio.
* :func:`check_spiral_config` — un diccionario ``spiral_config`` con la red
  (``hidden``, ``activation``, ``learning_rate`` y, si se quiere, ``batch_size``,
  ``regularization`` y ``regularization_rate``) que, con solo ``x1`` y ``x2``,
  baja la pérdida de prueba de la espiral de :data:`SPIRAL_THRESHOLD` en
  :data:`SPIRAL_EPOCHS` épocas.

Todas reciben el espacio de nombres del cuaderno (véase :mod:`nnlib.checks`).
"""
from __future__ import annotations

import numpy as np

from . import MISSING, Feedback, normalize_text

__all__ = ["check_engineered_features", "check_xor_feature", "check_spiral_config",
           "SPIRAL_EPOCHS", "SPIRAL_THRESHOLD"]

#: Épocas y umbral de la pérdida de prueba del ejercicio de la espiral.
SPIRAL_EPOCHS = 150
SPIRAL_THRESHOLD = 0.25


# --- 1. las entradas construidas ------------------------------------------------------------
_FEATURES_EXAMPLE = (np.array([[1.0, 2.0], [-0.5, 0.0], [3.0, -1.0]]),)


def _features_case(rng):
    """Otro número de filas que el ejemplo (4 a 9), puntos del cuadro [-3, 3]²."""
    return (rng.uniform(-3.0, 3.0, size=(int(rng.integers(4, 10)), 2)),)


def _features(X):
    x1, x2 = X[:, 0], X[:, 1]
    return np.column_stack([x1 ** 2, x2 ** 2, x1 * x2, np.sin(x1), np.sin(x2)])


def check_engineered_features(namespace):
    """Comprueba ``engineered_features(X)``: las columnas x1², x2², x1·x2, sin x1 y sin x2."""
    fb = Feedback("las entradas construidas", namespace)
    features = fb.function("engineered_features", params=("X",))
    if features is MISSING:
        return fb.done()
    for i, (X,) in enumerate(fb.cases(_FEATURES_EXAMPLE, _features_case, n=5)):
        label = "engineered_features(X)"
        got = fb.call(features, X, label=f"`{label}`")
        out = MISSING if got is MISSING else fb.array(got, shape=(len(X), 5), label=label)
        if out is MISSING:
            return fb.done()
        x1, x2 = X[:, 0], X[:, 1]
        expected = _features(X)
        swapped = expected[:, [0, 1, 2, 4, 3]]
        mistakes = [
            (np.column_stack([2 * x1, 2 * x2, x1 * x2, np.sin(x1), np.sin(x2)]),
             "x1² es x1 elevado al cuadrado (x1 ** 2), no el doble de x1."),
            (np.column_stack([x1 ** 2, x2 ** 2, x1 + x2, np.sin(x1), np.sin(x2)]),
             "la tercera columna es el producto x1 * x2, no la suma."),
            (np.column_stack([x1 ** 2, x2 ** 2, x1 * x2, np.cos(x1), np.cos(x2)]),
             "las dos últimas columnas son senos (np.sin), no cosenos."),
            (np.column_stack([x1 ** 2, x2 ** 2, x1 * x2, np.sin(np.radians(x1)), np.sin(np.radians(x2))]),
             "np.sin ya trabaja en radianes: no convierta x1 de grados a radianes."),
            (swapped, "sin x1 va antes que sin x2: el orden es x1², x2², x1·x2, sin x1, sin x2."),
            (expected[:, [1, 0, 2, 4, 3]], "las columnas de x1 y x2 están intercambiadas: la columna 0 de X es x1."),
        ]
        if not fb.compare(out, expected, label=label, reveal=i > 0, mistakes=mistakes,
                          case="el ejemplo del enunciado" if i == 0 else f"X con {len(X)} filas",
                          hint="calcule cada columna con x1 = X[:, 0] y x2 = X[:, 1] y únalas con "
                               "np.column_stack en el orden x1², x2², x1·x2, sin x1, sin x2."):
            return fb.done()
    fb.ok("engineered_features acierta en el ejemplo del enunciado y en 5 casos nuevos al azar.")
    return fb.done()


# --- 2. la entrada que resuelve XOR sola ----------------------------------------------------
_SPELLINGS = {
    "x1": "x1", "x2": "x2", "x1^2": "x1^2", "x1**2": "x1^2", "x1²": "x1^2", "x2^2": "x2^2", "x2**2": "x2^2",
    "x2²": "x2^2", "x1*x2": "x1*x2", "x1x2": "x1*x2", "x1·x2": "x1*x2", "x2*x1": "x1*x2", "x2x1": "x1*x2",
    "x2·x1": "x1*x2", "sin(x1)": "sin(x1)", "sinx1": "sin(x1)", "sin(x2)": "sin(x2)", "sinx2": "sin(x2)",
    "sen(x1)": "sin(x1)", "senx1": "sin(x1)", "sen(x2)": "sin(x2)", "senx2": "sin(x2)",
}
_XOR_HINTS = {
    "x1": "x1 sola no distingue las clases: a cada lado del eje vertical hay puntos de las dos.",
    "x2": "x2 sola no distingue las clases: arriba y abajo hay puntos de las dos.",
    "x1^2": "x1² es igual en x1 y en −x1, pero XOR cambia de clase al cruzar el eje: mire el signo.",
    "x2^2": "x2² es igual en x2 y en −x2, pero XOR cambia de clase al cruzar el eje: mire el signo.",
    "sin(x1)": "sin x1 depende solo de x1, y x1 sola no distingue las clases de XOR.",
    "sin(x2)": "sin x2 depende solo de x2, y x2 sola no distingue las clases de XOR.",
}


def _linear_xor_accuracy(feature):
    from nnlib.playground import Playground

    lab = Playground(dataset="xor", features=(feature,), hidden=(), learning_rate=0.1, seed=0)
    lab.step(30)
    return lab.accuracy("test")


def check_xor_feature(namespace):
    """Comprueba ``xor_feature``: el nombre de la entrada con la que un modelo lineal separa XOR."""
    fb = Feedback("la entrada que resuelve XOR", namespace)
    answer = fb.value("xor_feature", kind="str")
    if answer is MISSING:
        return fb.done()
    key = _SPELLINGS.get(normalize_text(answer).replace(" ", ""))
    if key is None:
        fb.fail(f"`xor_feature` no es el nombre de una entrada del laboratorio (llegó «{answer}»).",
                       "escriba uno de estos textos: 'x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', "
                       "'sin(x2)'.")
        return fb.done()
    accuracy = fb.call(_linear_xor_accuracy, key, label="el entrenamiento del modelo lineal", timeout=60)
    if accuracy is MISSING:
        return fb.done()
    if key != "x1*x2":
        fb.fail(f"Con esa entrada sola, un modelo lineal acierta el {100 * accuracy:.0f} % de la prueba de XOR, "
                "casi como tirar una moneda.", _XOR_HINTS[key])
        return fb.done()
    fb.expect(accuracy > 0.9,
              "Con esa entrada sola, un modelo lineal (sin capas ocultas) acierta más del 90 % de la prueba "
              "de XOR en 30 épocas: su signo ya separa las dos clases.",
              f"El modelo lineal solo acierta el {100 * accuracy:.0f} % de la prueba.",
              "avise a quien mantiene el curso: esta entrada debería bastar.")
    return fb.done()


# --- 3. una red para la espiral -------------------------------------------------------------
_SPIRAL_KEYS = ("hidden", "activation", "learning_rate", "batch_size", "regularization", "regularization_rate")


def _train_spiral(config):
    from nnlib.playground import Playground

    lab = Playground(dataset="spiral", features=("x1", "x2"), seed=0, **config)
    lab.step(SPIRAL_EPOCHS)
    return lab


def check_spiral_config(namespace):
    """Comprueba ``spiral_config``: una red que baja la pérdida de prueba de la espiral del umbral."""
    fb = Feedback("una red para la espiral", namespace)
    config = fb.value("spiral_config", kind="dict")
    if config is MISSING:
        return fb.done()
    unknown = [k for k in config if k not in _SPIRAL_KEYS]
    if unknown:
        names = ", ".join(f"«{k}»" for k in unknown)
        fb.fail(f"`spiral_config` tiene claves que el ejercicio no admite: {names}.",
                "use solo " + ", ".join(f"'{k}'" for k in _SPIRAL_KEYS) + " (los datos, las entradas x1 y "
                "x2 y la semilla los fija el ejercicio).")
        return fb.done()
    if "hidden" not in config:
        fb.fail("`spiral_config` no dice qué capas ocultas tiene la red.",
                "añada la clave 'hidden' con las unidades de cada capa oculta, por ejemplo (8, 8).")
        return fb.done()
    from nnlib.playground import Playground

    try:
        Playground(dataset="spiral", features=("x1", "x2"), seed=0, **config)
    except (TypeError, ValueError) as error:
        fb.fail("El laboratorio no acepta esa configuración.", str(error))
        return fb.done()
    lab = fb.call(_train_spiral, dict(config), label="el entrenamiento de la red", timeout=120)
    if lab is MISSING:
        return fb.done()
    hidden = lab.config["hidden"]
    if lab.diverged:
        fb.fail("El entrenamiento divergió: la pérdida dejó de ser un número finito.",
                "la tasa de aprendizaje es demasiado grande; pruebe con una 10 veces menor.")
        return fb.done()
    if lab.val_loss < SPIRAL_THRESHOLD:
        fb.ok(f"La red baja la pérdida de prueba de la espiral de {SPIRAL_THRESHOLD} en {SPIRAL_EPOCHS} épocas "
              "solo con x1 y x2.")
        return fb.done()
    if not hidden:
        hint = "sin capas ocultas la frontera es una recta, y ninguna recta separa dos espirales."
    elif lab.config["activation"] == "linear":
        hint = "con activación lineal la red entera es un modelo lineal: use 'tanh' o 'relu'."
    elif len(hidden) == 1:
        hint = "una sola capa oculta aprende la espiral muy despacio: pruebe con dos o tres capas de 6 a 8 unidades."
    elif lab.config["learning_rate"] < 0.03:
        hint = "la tasa de aprendizaje es tan pequeña que la red apenas se mueve en estas épocas: súbala."
    elif lab.config["regularization"] and lab.config["regularization_rate"] >= 0.01:
        hint = "la regularización es tan fuerte que no deja a la red curvar la frontera: bájela o quítela."
    else:
        hint = "pruebe con más unidades por capa (hasta 8), una tasa de 0.1 o 0.3 y activación 'tanh'."
    fb.fail(f"Tras {SPIRAL_EPOCHS} épocas la pérdida de prueba es {lab.val_loss:.3f}, y el objetivo es bajar de "
            f"{SPIRAL_THRESHOLD}.", hint)
    return fb.done()
