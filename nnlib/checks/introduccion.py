"""Comprobaciones de los ejercicios del capítulo 0, «Introducción a las redes neuronales».

* :func:`check_neuron` — la salida de una neurona: :math:`z = w \\cdot x + b`
  y :math:`a = \\sigma(z)`, con los datos de :data:`NEURON_EXERCISE`.
* :func:`check_count_params` — una función ``count_params(layer_sizes)`` que
  cuenta los parámetros de una red densa: cada capa de :math:`n` entradas y
  :math:`m` neuronas aporta :math:`(n + 1)\\,m` (pesos y sesgos).
* :func:`check_architectures` — qué arquitectura conviene a cada tarea.

Todas reciben el espacio de nombres del cuaderno: ``check_neuron(globals())``
(véase :mod:`nnlib.checks`).
"""
from __future__ import annotations

import unicodedata

import numpy as np

from . import MISSING, Feedback, is_close

__all__ = ["NEURON_EXERCISE", "ARCHITECTURE_TASKS", "check_neuron", "check_count_params", "check_architectures"]

#: Datos del ejercicio de la neurona (los mismos que muestra el enunciado).
NEURON_EXERCISE = {"x": [1.0, 2.0, -1.0], "w": [0.5, -0.25, 0.75], "b": 0.2}


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _scalar(value):
    """Convierte en float lo que parezca un número (también arreglos de un elemento)."""
    if value is None or isinstance(value, str):
        return None
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    if arr.size != 1 or not np.isfinite(arr).all():
        return None
    return float(arr.reshape(-1)[0])


def check_neuron(namespace):
    """Comprueba ``neuron_z`` (la preactivación) y ``neuron_output`` (la salida sigmoide)."""
    fb = Feedback("salida de una neurona")
    x = np.array(NEURON_EXERCISE["x"])
    w = np.array(NEURON_EXERCISE["w"])
    b = NEURON_EXERCISE["b"]
    z = float(w @ x + b)
    z_without_bias = float(w @ x)

    neuron_z = fb.require(namespace, "neuron_z")
    if neuron_z is not MISSING:
        value = _scalar(neuron_z)
        if value is None:
            fb.fail(f"`neuron_z` debería ser un solo número; es {neuron_z!r}.",
                    hint="el producto escalar de dos vectores es un número: use np.dot(w, x) + b.")
        elif is_close(value, z):
            fb.ok(f"neuron_z = {value:.4f}: la preactivación w·x + b es correcta.")
        elif is_close(value, z_without_bias):
            fb.fail(f"neuron_z = {value:.4f} es w·x, pero falta algo.", hint="sume el sesgo b al producto escalar.")
        else:
            fb.fail(f"neuron_z = {value:.4f} no es la preactivación de esta neurona.",
                    hint="multiplique cada entrada por su peso, sume los productos y sume b: np.dot(w, x) + b.")

    neuron_output = fb.require(namespace, "neuron_output")
    if neuron_output is not MISSING:
        value = _scalar(neuron_output)
        if value is None:
            fb.fail(f"`neuron_output` debería ser un solo número; es {neuron_output!r}.",
                    hint="aplique la sigmoide a z, que es un número.")
        elif is_close(value, _sigmoid(z)):
            fb.ok(f"neuron_output = {value:.4f}: la salida sigmoide es correcta.")
        elif is_close(value, z):
            fb.fail(f"neuron_output = {value:.4f} es igual a z.", hint="falta aplicar la activación: σ(z) = 1 / (1 + e^(−z)).")
        elif is_close(value, _sigmoid(-z)):
            fb.fail(f"neuron_output = {value:.4f} es σ(−z).", hint="revise el signo del exponente: σ(z) = 1 / (1 + e^(−z)).")
        elif is_close(value, _sigmoid(z_without_bias)):
            fb.fail(f"neuron_output = {value:.4f} es σ(w·x), sin el sesgo.", hint="la sigmoide se aplica a z = w·x + b.")
        elif is_close(value, max(z, 0.0)):
            fb.fail(f"neuron_output = {value:.4f} parece la ReLU de z.", hint="el enunciado pide la activación sigmoide.")
        else:
            fb.fail(f"neuron_output = {value:.4f} no es σ(z).", hint="calcule 1 / (1 + np.exp(-neuron_z)).")
    return fb.done()


#: Redes de prueba para ``count_params``: tamaños de capa y número de parámetros,
#: calculados a mano con (n + 1) * m por capa.
_PARAM_CASES = [
    ([3, 4], 16),                # (3 + 1) * 4
    ([3, 4, 2], 26),             # 16 + (4 + 1) * 2
    ([2, 1], 3),                 # el perceptrón de dos entradas
    ([784, 128, 10], 101_770),   # 100 480 + 1 290
    ([16, 8, 2], 154),           # 136 + 18
]


def _count(sizes, *, bias=True, input_bias=False):
    total = sum((n + (1 if bias else 0)) * m for n, m in zip(sizes[:-1], sizes[1:]))
    if input_bias:
        total += sizes[0]
    return total


def check_count_params(namespace):
    """Comprueba una función ``count_params(layer_sizes)`` con varias redes densas."""
    fb = Feedback("contar parámetros")
    count_params = fb.require(namespace, "count_params", callable_=True)
    if count_params is MISSING:
        return fb.done()
    for sizes, expected in _PARAM_CASES:
        got = fb.call(count_params, list(sizes), label=f"count_params({sizes})")
        if got is MISSING:
            return fb.done()
        value = _scalar(got)
        if value is None:
            fb.fail(f"count_params({sizes}) devolvió {got!r}, que no es un número.",
                    hint="devuelva el total con `return`, como un entero.")
            return fb.done()
        if value == expected:
            continue
        if value == _count(sizes, bias=False):
            hint = "cada neurona tiene también un sesgo: por capa son (n + 1) · m, no n · m."
        elif value == _count(sizes, input_bias=True):
            hint = "las unidades de entrada solo pasan los datos: no tienen sesgo ni pesos propios."
        elif len(sizes) > 2 and value == (sizes[0] + 1) * sizes[1]:
            hint = "sume los parámetros de todas las capas, no solo los de la primera."
        else:
            hint = "recorra pares consecutivos (n, m) de layer_sizes, p. ej. con zip(layer_sizes[:-1], layer_sizes[1:])."
        fb.fail(f"count_params({sizes}) devolvió {value:g}; se esperaba {expected}.", hint=hint)
        return fb.done()
    fb.ok(f"count_params acierta en las {len(_PARAM_CASES)} redes de prueba, de [2, 1] a [784, 128, 10].")
    return fb.done()


#: Tareas del ejercicio de arquitecturas y la respuesta esperada de cada una.
ARCHITECTURE_TASKS = {
    "a": ("clasificar radiografías de tórax como sanas o con neumonía", "convolucional"),
    "b": ("predecir el consumo eléctrico de mañana a partir del de las últimas semanas", "recurrente"),
    "c": ("traducir frases del español al inglés", "codificador-decodificador"),
    "d": ("comprimir imágenes en un código de 32 números y reconstruirlas", "autocodificador"),
    "e": ("generar fotos realistas de rostros que no existen", "gan"),
    "f": ("aprender a jugar un videojuego a partir de la puntuación", "refuerzo"),
}

_SYNONYMS = {
    "prealimentada": ("prealimentada", "feedforward", "feed-forward", "densa", "mlp", "perceptron multicapa"),
    "convolucional": ("convolucional", "cnn", "convolutional", "red convolucional"),
    "recurrente": ("recurrente", "rnn", "recurrent", "lstm", "gru", "red recurrente"),
    "codificador-decodificador": ("codificador-decodificador", "codificador decodificador", "encoder-decoder",
                                  "encoder decoder", "seq2seq", "transformer"),
    "autocodificador": ("autocodificador", "autoencoder", "autocodificadora"),
    "gan": ("gan", "generativa adversaria", "red generativa adversaria", "generative adversarial network"),
    "refuerzo": ("refuerzo", "aprendizaje por refuerzo", "reinforcement learning", "rl"),
}

_HINTS = {
    "a": "las imágenes tienen estructura en dos dimensiones: píxeles vecinos forman bordes y texturas.",
    "b": "es una serie ordenada en el tiempo: la red debe recordar lo que vio antes.",
    "c": "la entrada y la salida son secuencias de longitudes distintas: una parte resume la frase y otra la escribe.",
    "d": "la red aprende a reproducir su propia entrada pasando por un cuello de botella.",
    "e": "dos redes compiten: una genera y otra intenta distinguir lo real de lo generado.",
    "f": "no hay etiquetas, solo recompensas que llegan tras una serie de acciones.",
}


def _normalize(text):
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.lower().replace("_", " ").split())


def _canonical(answer):
    key = _normalize(answer)
    for name, synonyms in _SYNONYMS.items():
        if key in {_normalize(s) for s in synonyms}:
            return name
    return None


def check_architectures(namespace):
    """Comprueba el diccionario ``architecture_for`` (tarea -> arquitectura)."""
    fb = Feedback("elegir arquitectura")
    answers = fb.require(namespace, "architecture_for", dict_example='{"a": "convolucional", "b": ..., ...}')
    if answers is MISSING:
        return fb.done()
    valid = ", ".join(f'"{name}"' for name in _SYNONYMS)
    right, problems = [], []
    for key, (task, expected) in ARCHITECTURE_TASKS.items():
        if key not in answers:
            problems.append((f"Falta la tarea «{key}» ({task}).", f'añada la clave "{key}" al diccionario.'))
            continue
        given = _canonical(answers[key])
        if given is None:
            problems.append((f"«{key}»: no reconozco la arquitectura {answers[key]!r}.",
                             f"use uno de estos nombres: {valid}."))
        elif given == expected:
            right.append(key)
        else:
            problems.append((f"«{key}» ({task}): «{given}» no es la más adecuada.", _HINTS[key]))
    return fb.tally(right, len(ARCHITECTURE_TASKS), problems)
