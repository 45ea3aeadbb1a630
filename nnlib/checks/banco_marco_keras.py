"""Comprobaciones del banco de ejercicios del capítulo 7, «Keras (y TensorFlow)».

* :func:`check_conv2d_params` — ``conv2d_params(kernel_size, in_channels, filters)``: los parámetros
  de ``keras.layers.Conv2D`` con un filtro de ``alto × ancho``, :math:`k_h k_w c f + f`.
* :func:`check_lstm_params` — ``lstm_params(input_dim, units)``: los parámetros de
  ``keras.layers.LSTM``, :math:`4\\,(u\\,(d + u) + u)`.
* :func:`check_inverse_time_decay` — ``inverse_time_decay(initial_learning_rate, decay_steps,
  decay_rate, step, staircase)``: la tasa de ``keras.optimizers.schedules.InverseTimeDecay``.
* :func:`check_receptive_field` — ``receptive_field(kernel_sizes, strides)``: el campo receptivo de
  una pila de convoluciones, :math:`1 + \\sum_l (k_l - 1) \\prod_{j<l} s_j` (una demostración).
* :func:`check_train_digits` — ``train_digits(X_train, y_train, X_val, y_val)``: el proyecto;
  un modelo de Keras entrenado y elegido con la validación, medido con dígitos que no vio.

Todas reciben el espacio de nombres del cuaderno: ``check_conv2d_params(globals())``. Solo la
última importa Keras (al llamarla), así que las demás son instantáneas.
"""
from __future__ import annotations

import math
import warnings

import numpy as np

from . import MISSING, Feedback, describe

__all__ = ["CONV_EXAMPLE", "LSTM_EXAMPLE", "DECAY_EXAMPLE", "FIELD_EXAMPLE", "ACCURACY_THRESHOLD",
           "receptive_field_by_tracing", "digits_split",
           "check_conv2d_params", "check_lstm_params", "check_inverse_time_decay", "check_receptive_field",
           "check_train_digits"]


# ======================================================================================
# Ejercicio 1. Los parámetros de una convolución
# ======================================================================================
#: El ejemplo del enunciado: filtros de 3 × 5 sobre una imagen en color (3 canales), 16 filtros.
CONV_EXAMPLE = ((3, 5), 3, 16)


def _conv_case(rng):
    # Filtros que no son cuadrados y más de un canal, para distinguir cada error.
    while True:
        kh, kw = (int(v) for v in rng.integers(1, 8, size=2))
        c, f = int(rng.integers(2, 65)), int(rng.integers(2, 129))
        if kh != kw and c != f:
            return (kh, kw), c, f


def _conv_mistakes(kernel_size, c, f):
    kh, kw = kernel_size
    return [
        (kh * kw * c * f, "falta el sesgo: un sesgo por filtro, f más."),
        (kh * kw * f + f, "cada filtro tiene un peso por canal de entrada en cada posición: kh · kw · c · f."),
        (kh * kw * c * f + kh * kw * c * f, "el sesgo es uno por filtro (f), no uno por peso."),
        ((kh * kw + 1) * c * f, "el sesgo es uno por filtro, no uno por canal y filtro: kh · kw · c · f + f."),
        ((kh * kw * c + 1) * f + c, "el sesgo es uno por filtro (f), no hay otro por canal."),
        (kh * kh * c * f + f, "el filtro es de alto × ancho: use los dos números de kernel_size."),
        (kw * kw * c * f + f, "el filtro es de alto × ancho: use los dos números de kernel_size."),
        ((kh + kw) * c * f + f, "el filtro tiene alto × ancho pesos por canal, no alto + ancho."),
    ]


def check_conv2d_params(namespace):
    """Comprueba ``conv2d_params(kernel_size, in_channels, filters)``: ``kh * kw * c * f + f``."""
    fb = Feedback("los parámetros de una convolución", namespace)
    count = fb.function("conv2d_params", params=("kernel_size", "in_channels", "filters"))
    if count is MISSING:
        return fb.done()
    for i, (kernel_size, c, f) in enumerate(fb.cases(CONV_EXAMPLE, _conv_case, n=5)):
        label = f"conv2d_params({kernel_size}, {c}, {f})"
        case = "el ejemplo del enunciado" if i == 0 else "un caso al azar"
        got = fb.call(count, tuple(kernel_size), c, f, label=label)
        if got is MISSING:
            return fb.done()
        out = fb.coerce(got, "int", label=label)
        if out is MISSING:
            return fb.done()
        kh, kw = kernel_size
        if not fb.compare(out, kh * kw * c * f + f, label=label, case=case, reveal=i > 0,
                          mistakes=_conv_mistakes(kernel_size, c, f),
                          hint="cada uno de los f filtros tiene kh · kw · c pesos y un sesgo."):
            return fb.done()
    fb.ok("conv2d_params cuenta los pesos y los sesgos de Conv2D en el ejemplo del enunciado y en 5 capas "
          "nuevas al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 2. Los parámetros de una LSTM
# ======================================================================================
#: El ejemplo del enunciado: la capa recurrente del capítulo, 1 valor por paso y 8 unidades, como LSTM.
LSTM_EXAMPLE = (1, 8)


def _lstm_case(rng):
    while True:
        d, u = int(rng.integers(2, 40)), int(rng.integers(2, 65))
        if d != u:
            return d, u


def _lstm_mistakes(d, u):
    gate = u * (d + u) + u
    return [
        (gate, "eso es una SimpleRNN: la LSTM tiene cuatro bloques iguales (las compuertas de entrada, "
               "olvido y salida, y el candidato), así que 4 veces más."),
        (3 * gate, "la LSTM tiene cuatro bloques (tres compuertas y el candidato), no tres; tres son los de GRU."),
        (4 * u * (d + u), "falta el sesgo: cada uno de los cuatro bloques tiene uno por unidad."),
        (4 * (u * d + u), "falta U, la matriz que lleva el estado anterior al nuevo: u · u pesos por bloque."),
        (4 * (u * (d + u) + 1), "el sesgo es uno por unidad en cada bloque (u), no uno por bloque."),
        (4 * (u * (d + 1) + u), "U lleva el estado anterior (u valores) a las u unidades: u · u pesos, no u."),
        (4 * (u * (d + u) + u) + u, "Keras no tiene más sesgos que los de los cuatro bloques."),
    ]


def check_lstm_params(namespace):
    """Comprueba ``lstm_params(input_dim, units)``: ``4 * (units * (input_dim + units) + units)``."""
    fb = Feedback("los parámetros de una LSTM", namespace)
    count = fb.function("lstm_params", params=("input_dim", "units"))
    if count is MISSING:
        return fb.done()
    for i, (d, u) in enumerate(fb.cases(LSTM_EXAMPLE, _lstm_case, n=5)):
        label = f"lstm_params({d}, {u})"
        case = "el ejemplo del enunciado" if i == 0 else "un caso al azar"
        got = fb.call(count, d, u, label=label)
        if got is MISSING:
            return fb.done()
        out = fb.coerce(got, "int", label=label)
        if out is MISSING:
            return fb.done()
        if not fb.compare(out, 4 * (u * (d + u) + u), label=label, case=case, reveal=i > 0,
                          mistakes=_lstm_mistakes(d, u),
                          hint="cada uno de los cuatro bloques tiene W (d × u), U (u × u) y un sesgo de u."):
            return fb.done()
    fb.ok("lstm_params cuenta los parámetros de LSTM en el ejemplo del enunciado y en 5 capas nuevas al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 3. InverseTimeDecay
# ======================================================================================
#: El ejemplo del enunciado: en la iteración 250, sin escalera y con escalera.
DECAY_EXAMPLE = {"initial_learning_rate": 0.1, "decay_steps": 100, "decay_rate": 0.5, "step": 250}


def _decay(lr0, decay_steps, rate, step, staircase):
    p = step / decay_steps
    if staircase:
        p = math.floor(p)
    return lr0 / (1 + rate * p)


def _decay_case(rng):
    # Un paso que no es múltiplo de decay_steps, para que la escalera cambie el resultado.
    while True:
        lr0 = float(rng.choice([0.001, 0.003, 0.01, 0.05, 0.2]))
        decay_steps = int(rng.choice([10, 50, 200, 1000]))
        rate = float(rng.choice([0.1, 0.3, 0.75, 2.0]))
        step = int(rng.integers(decay_steps + 1, 20 * decay_steps))
        if step % decay_steps:
            return lr0, decay_steps, rate, step, bool(rng.integers(0, 2))


def _decay_mistakes(lr0, decay_steps, rate, step, staircase):
    p = step / decay_steps
    p_used = math.floor(p) if staircase else p
    staircase_hint = ("con staircase=True, step / decay_steps se redondea hacia abajo (math.floor) antes de usarlo."
                      if staircase else "con staircase=False no se redondea: use step / decay_steps tal cual.")
    return [
        (_decay(lr0, decay_steps, rate, step, not staircase), staircase_hint),
        (lr0 / (1 + rate * step), "el paso se mide en unidades de decay_steps: use step / decay_steps."),
        (lr0 * (1 + rate * p_used), "la tasa baja con el tiempo: se divide por 1 + decay_rate · p, no se multiplica."),
        (lr0 * rate ** p_used, "eso es ExponentialDecay (lr0 · decay_rate^p); InverseTimeDecay divide por "
                               "1 + decay_rate · p."),
        (lr0 / (1 + rate) ** p_used, "el denominador es 1 + decay_rate · p, sin potencias."),
        (lr0 / (rate * p_used) if p_used else math.inf, "falta el 1 del denominador: 1 + decay_rate · p."),
        (lr0 / (1 + rate * round(p)), "la escalera redondea hacia abajo (math.floor), no al entero más cercano."),
    ]


def check_inverse_time_decay(namespace):
    """Comprueba ``inverse_time_decay(...)``: ``lr0 / (1 + decay_rate * p)``, ``p = step / decay_steps``."""
    fb = Feedback("el programa InverseTimeDecay", namespace)
    decay = fb.function("inverse_time_decay",
                        params=("initial_learning_rate", "decay_steps", "decay_rate", "step", "staircase"))
    if decay is MISSING:
        return fb.done()
    ex = DECAY_EXAMPLE
    rng = fb.rng()
    cases = [(ex["initial_learning_rate"], ex["decay_steps"], ex["decay_rate"], ex["step"], staircase)
             for staircase in (False, True)]
    cases += [_decay_case(rng) for _ in range(5)]
    for i, (lr0, decay_steps, rate, step, staircase) in enumerate(cases):
        label = f"inverse_time_decay({lr0:g}, {decay_steps}, {rate:g}, {step}, {staircase})"
        case = "el ejemplo del enunciado" if i < 2 else "un caso al azar"
        got = fb.call(decay, lr0, decay_steps, rate, step, staircase, label=label)
        if got is MISSING:
            return fb.done()
        out = fb.number(got, label=label)
        if out is MISSING:
            return fb.done()
        if not fb.compare(out, _decay(lr0, decay_steps, rate, step, staircase), label=label, case=case,
                          reveal=i >= 2, mistakes=_decay_mistakes(lr0, decay_steps, rate, step, staircase),
                          hint="p = step / decay_steps (con staircase, redondeado hacia abajo) y la tasa es "
                               "initial_learning_rate / (1 + decay_rate · p)."):
            return fb.done()
    fb.ok("inverse_time_decay da la tasa de InverseTimeDecay, con escalera y sin ella, en el ejemplo del "
          "enunciado y en 5 casos nuevos al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 4. El campo receptivo (demostración)
# ======================================================================================
#: El ejemplo del enunciado: convolución 3, pooling 2 con paso 2, convolución 3.
FIELD_EXAMPLE = ([3, 2, 3], [1, 2, 1])


def receptive_field_by_tracing(kernel_sizes, strides):
    """El campo receptivo contado sin la fórmula: las entradas de las que depende la salida 0 de la pila.

    Se recorre la pila hacia atrás: si en la salida de la capa ``l`` importan las posiciones
    ``a..b``, en su entrada importan ``a·s .. b·s + k - 1``.
    """
    first, last = 0, 0
    for k, s in reversed(list(zip(kernel_sizes, strides))):
        first, last = first * s, last * s + k - 1
    return last - first + 1


def _field_formula(kernel_sizes, strides, *, include_own=False):
    total, jump = 1, 1
    for k, s in zip(kernel_sizes, strides):
        if include_own:
            jump *= s
        total += (k - 1) * jump
        if not include_own:
            jump *= s
    return total


def _field_case(rng):
    # De 4 a 6 capas (el ejemplo tiene 3), con algún paso mayor que 1 antes de la última.
    while True:
        n = int(rng.integers(4, 7))
        kernels = [int(v) for v in rng.choice([1, 2, 3, 5, 7], size=n)]
        strides = [int(v) for v in rng.choice([1, 1, 2, 3], size=n)]
        if any(s > 1 for s in strides[:-1]) and any(k > 1 for k in kernels[1:]):
            return kernels, strides


def _field_mistakes(kernels, strides):
    return [
        (1 + sum(k - 1 for k in kernels), "eso vale solo con pasos de 1: tras una capa con paso s, cada paso de "
                                          "las capas siguientes abarca s entradas; multiplique (k - 1) por el "
                                          "producto de los pasos de las capas anteriores."),
        (sum(kernels), "cada capa añade k - 1 posiciones (no k) al campo, multiplicadas por los pasos de las "
                       "capas anteriores, y se empieza en 1."),
        (_field_formula(kernels, strides, include_own=True), "el paso de una capa afecta a las capas que vienen "
                                                             "después, no a ella misma: use el producto de los "
                                                             "pasos anteriores."),
        (int(np.prod(kernels)), "los tamaños de los filtros no se multiplican: se suman sus k - 1, cada uno por "
                                "el producto de los pasos anteriores."),
        (_field_formula(kernels, strides) - 1, "falta el 1 inicial: una pila vacía ve una entrada."),
    ]


def check_receptive_field(namespace):
    """Comprueba ``receptive_field(kernel_sizes, strides)`` contra la fórmula y contra el recorrido de la pila."""
    fb = Feedback("el campo receptivo", namespace)
    field = fb.function("receptive_field", params=("kernel_sizes", "strides"))
    if field is MISSING:
        return fb.done()
    example = (list(FIELD_EXAMPLE[0]), list(FIELD_EXAMPLE[1]))
    for i, (kernels, strides) in enumerate(fb.cases(example, _field_case, n=5)):
        label = f"receptive_field({kernels}, {strides})"
        case = "el ejemplo del enunciado" if i == 0 else "una pila al azar"
        got = fb.call(field, kernels, strides, label=label)
        if got is MISSING:
            return fb.done()
        out = fb.coerce(got, "int", label=label)
        if out is MISSING:
            return fb.done()
        if not fb.compare(out, receptive_field_by_tracing(kernels, strides), label=label, case=case,
                          reveal=i > 0, mistakes=_field_mistakes(kernels, strides),
                          hint="r = 1 + Σ (k_l - 1) · (producto de los pasos de las capas anteriores a l)."):
            return fb.done()
    fb.ok("receptive_field coincide, en el ejemplo del enunciado y en 5 pilas nuevas al azar, con las entradas "
          "de las que depende de verdad una salida, contadas recorriendo la pila hacia atrás.")
    return fb.done()


# ======================================================================================
# Ejercicio 5. Proyecto: un clasificador de dígitos elegido con la validación
# ======================================================================================
#: Exactitud mínima con los dígitos de prueba. La solución de referencia (dos perceptrones
#: multicapa pequeños, 12 épocas) acertó entre 0.92 y 0.99 en 20 particiones al azar (media 0.95):
#: con 0.9, alguna partición difícil podría tumbar una solución correcta. Uno sin entrenar acierta
#: 0.1, y uno entrenado con las clases de otra ejecución, lo mismo.
ACCURACY_THRESHOLD = 0.85


def digits_split(rng, n_train=1000, n_val=300):
    """Los dígitos de scikit-learn (en [0, 1]) en entrenamiento, validación y prueba, con las clases renombradas.

    Las 10 clases se renombran con una permutación al azar: un modelo entrenado con otros datos
    (o una tabla de modelos guardados) no acierta, y uno que aprende de los que recibe, sí.
    """
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    X = (X / 16.0).astype("float32")
    y = rng.permutation(10)[y]
    order = rng.permutation(len(X))
    train, val, test = order[:n_train], order[n_train:n_train + n_val], order[n_train + n_val:]
    return X[train], y[train], X[val], y[val], X[test], y[test]


def check_train_digits(namespace):
    """Comprueba ``train_digits(...)``: el modelo que devuelve acierta al menos el 90 % de dígitos que no vio."""
    fb = Feedback("un clasificador de dígitos elegido con la validación", namespace)
    train = fb.function("train_digits", params=("X_train", "y_train", "X_val", "y_val"))
    if train is MISSING:
        return fb.done()
    X_train, y_train, X_val, y_val, X_test, y_test = digits_split(fb.rng())
    label = "train_digits(X_train, y_train, X_val, y_val)"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = fb.call(train, X_train, y_train, X_val, y_val, label=f"{label} con datos nuevos", timeout=120)
    if model is MISSING:
        return fb.done()
    if not callable(getattr(model, "predict", None)):
        fb.fail(f"{label} devolvió {describe(model)}, no un modelo de Keras.",
                hint="termine la función con `return model`, el modelo entrenado que eligió.")
        return fb.done()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        probabilities = fb.call(lambda X: model.predict(X, verbose=0), X_test,
                                label="model.predict con los dígitos de prueba")
    if probabilities is MISSING:
        return fb.done()
    shape = getattr(probabilities, "shape", None)
    if shape is not None and tuple(shape) != (len(X_test), 10):
        fb.fail(f"model.predict da una salida de forma {tuple(shape)} con {len(X_test)} dígitos; se esperaba "
                f"({len(X_test)}, 10): 10 probabilidades por dígito.",
                hint="termine la red con Dense(10, activation=\"softmax\") y entrene con "
                     "loss=\"sparse_categorical_crossentropy\" (las etiquetas son enteros de 0 a 9).")
        return fb.done()
    out = fb.array(probabilities, shape=(len(X_test), 10), label="model.predict con los dígitos de prueba")
    if out is MISSING:
        return fb.done()
    if not np.all(np.isfinite(out)):
        fb.fail("Las predicciones del modelo tienen NaN o infinitos.",
                hint="la tasa de aprendizaje es demasiado grande: pruebe con una diez veces menor.")
        return fb.done()
    accuracy = float(np.mean(out.argmax(axis=1) == y_test))
    if accuracy < ACCURACY_THRESHOLD:
        if accuracy < 0.3:
            hint = ("el modelo acierta como al azar: ¿entrena con fit los datos que recibe la función (X_train, "
                    "y_train), y no otros?")
        else:
            hint = ("entrene más épocas, con más neuronas o con otra tasa, y quédese con lo que mejor funcione "
                    "con X_val, y_val.")
        fb.fail(f"Con {len(X_test)} dígitos de prueba que no vio, el modelo acierta el {accuracy * 100:.0f} %; hace "
                f"falta al menos el {ACCURACY_THRESHOLD * 100:.0f} %.", hint=hint)
        return fb.done()
    fb.ok(f"train_digits entrena un modelo que acierta al menos el {ACCURACY_THRESHOLD * 100:.0f} % de {len(X_test)} "
          "dígitos de prueba que no vio (con las clases renombradas al azar).")
    return fb.done()
