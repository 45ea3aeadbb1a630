"""Comprobaciones de los ejercicios del capítulo 0, «Introducción a las redes neuronales».

* :func:`check_neuron` — la salida de una neurona: :math:`z = w \\cdot x + b`
  y :math:`a = \\sigma(z)`, con los datos de :data:`NEURON_EXERCISE`.
* :func:`check_count_params` — una función ``count_params(layer_sizes)`` que
  cuenta los parámetros de una red densa: cada capa de :math:`n` entradas y
  :math:`m` neuronas aporta :math:`(n + 1)\\,m` (pesos y sesgos).
* :func:`check_architectures` — qué familia de redes conviene a cada tarea.
* :func:`check_learning` — de dónde sale la señal que corrige a la red:
  aprendizaje supervisado, autosupervisado o por refuerzo.

Todas reciben el espacio de nombres del cuaderno, ``check_neuron(globals())``, y siguen
la norma de :mod:`nnlib.checks`.
"""
from __future__ import annotations

import numpy as np

from . import MISSING, Feedback, normalize_text
from ._reference import sigmoid as _sigmoid

__all__ = ["NEURON_EXERCISE", "ARCHITECTURE_TASKS", "LEARNING_TASKS", "check_neuron", "check_count_params",
           "check_architectures", "check_learning"]

#: Datos del ejercicio de la neurona (los mismos que muestra el enunciado).
NEURON_EXERCISE = {"x": [1.0, 2.0, -1.0], "w": [0.5, -0.25, 0.75], "b": 0.2}


# --- ejercicio 1: la salida de una neurona --------------------------------------------

def check_neuron(namespace):
    """Comprueba ``neuron_z`` (la preactivación) y ``neuron_output`` (la salida sigmoide)."""
    fb = Feedback("salida de una neurona", namespace)
    x = np.array(NEURON_EXERCISE["x"])
    w = np.array(NEURON_EXERCISE["w"])
    b = NEURON_EXERCISE["b"]
    z = float(w @ x + b)
    wx = float(w @ x)

    neuron_z = fb.value("neuron_z", kind="number")
    if neuron_z is not MISSING and fb.compare(
            neuron_z, z, label="`neuron_z`",
            mistakes=[(wx, "falta sumar el sesgo b al producto escalar."),
                      (wx - b, "el sesgo se suma, no se resta: z = np.dot(w, x) + b."),
                      (float(np.sum(w + x)) + b, "multiplique cada entrada por su peso (np.dot), no las sume."),
                      (float(np.sum(w * x)) * b, "el sesgo se suma al producto escalar, no lo multiplica."),
                      (float(w @ x[::-1]) + b, "cada entrada va con su propio peso: revise el orden de x y w.")],
            hint="multiplique cada entrada por su peso, sume los productos y sume b: np.dot(w, x) + b."):
        fb.ok("neuron_z: la preactivación w·x + b es correcta.")

    neuron_output = fb.value("neuron_output", kind="number")
    if neuron_output is not MISSING and fb.compare(
            neuron_output, _sigmoid(z), label="`neuron_output`",
            mistakes=[(z, "falta aplicar la activación: σ(z) = 1 / (1 + e^(−z))."),
                      (_sigmoid(-z), "revise el signo del exponente: σ(z) = 1 / (1 + e^(−z))."),
                      (_sigmoid(wx), "la sigmoide se aplica a z = w·x + b, con el sesgo."),
                      (float(np.tanh(z)), "eso es tanh(z); el enunciado pide la sigmoide σ(z) = 1 / (1 + e^(−z))."),
                      (max(z, 0.0), "eso es la ReLU de z; el enunciado pide la sigmoide."),
                      (1.0 / (1.0 + np.exp(z)), "revise el signo del exponente: σ(z) = 1 / (1 + e^(−z))."),
                      (float(z >= 0), "eso es el escalón de z; el enunciado pide la sigmoide.")],
            hint="calcule 1 / (1 + np.exp(-neuron_z))."):
        fb.ok("neuron_output: la salida sigmoide σ(z) es correcta.")
    return fb.done()


# --- ejercicio 2: contar parámetros ---------------------------------------------------

def _count(sizes, *, bias=True, input_bias=False, bias_per_layer=False):
    pairs = list(zip(sizes[:-1], sizes[1:]))
    total = sum((n + (1 if bias else 0)) * m for n, m in pairs)
    if input_bias:
        total += sizes[0]
    if bias_per_layer:
        total = sum(n * m + 1 for n, m in pairs)
    return total


def _sizes_case(rng):
    """Una red al azar de 3 a 5 capas (el ejemplo tiene 3 capas: [3, 4, 2]) de 1 a 800 unidades."""
    n_layers = int(rng.integers(3, 6))
    sizes = [int(rng.integers(1, 801))] + [int(rng.integers(1, 129)) for _ in range(n_layers - 1)]
    if sizes == [3, 4, 2]:  # pragma: no cover - casi imposible
        sizes.append(1)
    return (sizes,)


def check_count_params(namespace):
    """Comprueba una función ``count_params(layer_sizes)`` con la red del enunciado y redes al azar."""
    fb = Feedback("contar parámetros", namespace)
    count_params = fb.function("count_params", params=("layer_sizes",))
    if count_params is MISSING:
        return fb.done()
    label = "count_params(layer_sizes)"
    rng = fb.rng()
    cases = [([3, 4, 2],)] + [_sizes_case(rng) for _ in range(4)] + [([int(rng.integers(2, 50)), 1],)]
    for i, (sizes,) in enumerate(cases):
        got = fb.call(count_params, list(sizes))
        if got is MISSING:
            return fb.done()
        value = fb.coerce(got, "number", label=label)
        if value is MISSING:
            return fb.done()
        mistakes = [
            (_count(sizes, bias=False), "cada neurona tiene también un sesgo: por capa son (n + 1) · m, no n · m."),
            (_count(sizes, input_bias=True), "las unidades de entrada solo pasan los datos: no tienen sesgo ni pesos propios."),
            (_count(sizes, bias_per_layer=True),
             "cada neurona tiene su propio sesgo, no uno por capa: por capa son (n + 1) · m."),
            ((sizes[0] + 1) * sizes[1], "sume los parámetros de todas las capas, no solo los de la primera."),
            (sum((n + 1) * (m + 1) for n, m in zip(sizes[:-1], sizes[1:])),
             "la unidad de sesgo está en la capa anterior, no en la que recibe: (n + 1) · m, no (n + 1) · (m + 1)."),
            (sum(sizes), "eso es el número de neuronas; se piden los pesos y los sesgos."),
        ]
        where = "la red del enunciado, [3, 4, 2]" if i == 0 else f"una red de {len(sizes)} capas"
        if not fb.compare(value, _count(sizes), label=label, case=where, reveal=i > 0,
                          mistakes=[(m, h) for m, h in mistakes if m != _count(sizes)],
                          hint="recorra pares consecutivos (n, m) de layer_sizes, p. ej. con "
                               "zip(layer_sizes[:-1], layer_sizes[1:]), y sume (n + 1) · m."):
            return fb.done()
    fb.ok("count_params acierta en la red del enunciado y en 5 redes nuevas al azar, de 2 a 5 capas.")
    return fb.done()


# --- ejercicios 3 y 4: diccionarios de respuestas ------------------------------------------

def _answers(fb, name, tasks, synonyms, hints, wrong_hints, options):
    """Corrige un diccionario ``name`` de respuestas escritas (clave -> opción) y cierra con ``tally``."""
    answers = fb.value(name, kind="dict")
    if answers is MISSING:
        return fb.done()
    canonical = {normalize_text(s): option for option, words in synonyms.items() for s in words}
    by_text = {normalize_text(k): k for k in answers if isinstance(k, str)}
    valid = ", ".join(f'"{o}"' for o in options)
    right, problems = [], []
    for key, (task, expected) in tasks.items():
        if key not in answers:
            near = by_text.get(normalize_text(key))
            if near is not None:
                problems.append((f"La clave «{near}» debería escribirse \"{key}\".",
                                 "escriba las claves como en el enunciado, en minúsculas."))
            else:
                problems.append((f"Falta la respuesta «{key}» ({task}).", f'añada la clave "{key}" al diccionario.'))
            continue
        text = fb.coerce(answers[key], "str", label=f"«{key}»", returned=False)
        if text is MISSING:
            continue
        given = canonical.get(normalize_text(text))
        if given is None:
            hint = wrong_hints.get(normalize_text(text))
            if hint:
                problems.append((f"«{key}»: «{text}» no es una de las opciones.", hint))
            else:
                problems.append((f"«{key}»: no reconozco la respuesta «{text}».",
                                 f"use una de estas opciones: {valid}."))
        elif given == expected:
            right.append(key)
        else:
            hint = wrong_hints.get((key, given)) or wrong_hints.get(given) or hints[key]
            problems.append((f"«{key}» ({task}): «{given}» no es la más adecuada.", hint))
    return fb.tally(right, len(tasks), problems)


#: Tareas del ejercicio de arquitecturas y la respuesta esperada de cada una.
ARCHITECTURE_TASKS = {
    "a": ("clasificar radiografías de tórax", "convolucional"),
    "b": ("predecir el consumo eléctrico de mañana", "recurrente"),
    "c": ("traducir frases del español al inglés", "codificador-decodificador"),
    "d": ("comprimir imágenes en un código de 32 números y reconstruirlas", "autocodificador"),
    "e": ("generar fotos realistas de rostros", "gan"),
    "f": ("estimar la probabilidad de impago de un préstamo", "prealimentada"),
}

_ARCHITECTURES = {
    "prealimentada": ("prealimentada", "red prealimentada", "feedforward", "feed-forward", "feed forward",
                      "densa", "red densa", "mlp", "perceptron multicapa"),
    "convolucional": ("convolucional", "red convolucional", "cnn", "convolutional"),
    "recurrente": ("recurrente", "red recurrente", "rnn", "recurrent", "lstm", "gru"),
    "codificador-decodificador": ("codificador-decodificador", "codificador decodificador", "encoder-decoder",
                                  "encoder decoder", "seq2seq", "transformer", "transformers"),
    "autocodificador": ("autocodificador", "autoencoder", "autocodificadora"),
    "gan": ("gan", "generativa adversaria", "red generativa adversaria", "generative adversarial network"),
}

_ARCHITECTURE_HINTS = {
    "a": "las imágenes tienen estructura en dos dimensiones: píxeles vecinos forman bordes y texturas.",
    "b": "es una serie ordenada en el tiempo: la red debe recordar lo que vio antes.",
    "c": "la entrada y la salida son secuencias de longitudes distintas: una parte resume la frase y otra la escribe.",
    "d": "la red aprende a reproducir su propia entrada pasando por un cuello de botella.",
    "e": "dos redes compiten: una genera y otra intenta distinguir lo real de lo generado.",
    "f": "cada ejemplo es un vector de variables, sin orden espacial ni temporal.",
}

_ARCHITECTURE_WRONG = {
    "refuerzo": "el aprendizaje por refuerzo es una manera de aprender, no una arquitectura: "
                "elija cómo se conectan las neuronas.",
    "aprendizaje por refuerzo": "el aprendizaje por refuerzo es una manera de aprender, no una arquitectura: "
                                "elija cómo se conectan las neuronas.",
    ("f", "convolucional"): "no hay píxeles vecinos: las 20 variables no tienen orden espacial.",
    ("f", "recurrente"): "no hay una secuencia: cada solicitante es un vector de 20 variables.",
    ("b", "prealimentada"): "una red prealimentada no recuerda lo anterior; la serie tiene orden en el tiempo.",
}


def check_architectures(namespace):
    """Comprueba el diccionario ``architecture_for`` (tarea -> familia de redes)."""
    fb = Feedback("elegir arquitectura", namespace)
    return _answers(fb, "architecture_for", ARCHITECTURE_TASKS, _ARCHITECTURES, _ARCHITECTURE_HINTS,
                    _ARCHITECTURE_WRONG, list(_ARCHITECTURES))


#: Situaciones del ejercicio «¿De dónde sale la señal?» y la respuesta esperada de cada una.
LEARNING_TASKS = {
    "a": ("correos que los usuarios ya marcaron", "supervisado"),
    "b": ("adivinar la palabra siguiente en páginas web", "autosupervisado"),
    "c": ("ajedrez jugando contra sí mismo", "refuerzo"),
    "d": ("precios de viviendas vendidas", "supervisado"),
    "e": ("reconstruir fotos sin etiquetar", "autosupervisado"),
    "f": ("un punto cada vez que agarra un objeto", "refuerzo"),
}

_LEARNING = {
    "supervisado": ("supervisado", "supervisada", "aprendizaje supervisado", "supervised"),
    "autosupervisado": ("autosupervisado", "autosupervisada", "auto-supervisado", "auto supervisado",
                        "aprendizaje autosupervisado", "self-supervised", "self supervised"),
    "refuerzo": ("refuerzo", "por refuerzo", "aprendizaje por refuerzo", "reinforcement learning",
                 "reinforcement"),
}

_LEARNING_HINTS = {
    "a": "cada correo trae la respuesta que alguien anotó: deseado o no deseado.",
    "b": "nadie anota nada: la respuesta (la palabra siguiente) está en el propio texto.",
    "c": "no hay una jugada correcta anotada, solo una recompensa al final de la partida.",
    "d": "cada venta trae su precio: la respuesta correcta viene con el ejemplo.",
    "e": "nadie etiquetó las fotos: la respuesta que se busca es la propia foto.",
    "f": "no hay respuestas correctas, solo una recompensa cuando lo consigue.",
}

_LEARNING_WRONG = {
    "no supervisado": "en sentido amplio lo es, pero elija entre las tres opciones: ¿la respuesta sale de "
                      "los propios datos (autosupervisado)?",
    "no supervisada": "en sentido amplio lo es, pero elija entre las tres opciones: ¿la respuesta sale de "
                      "los propios datos (autosupervisado)?",
    ("b", "supervisado"): "la palabra siguiente no la anota nadie: sale del propio texto.",
    ("e", "supervisado"): "nadie etiquetó las fotos: la respuesta es la propia foto.",
}


def check_learning(namespace):
    """Comprueba el diccionario ``learning_for`` (situación -> manera de aprender)."""
    fb = Feedback("de dónde sale la señal", namespace)
    return _answers(fb, "learning_for", LEARNING_TASKS, _LEARNING, _LEARNING_HINTS, _LEARNING_WRONG,
                    list(_LEARNING))
