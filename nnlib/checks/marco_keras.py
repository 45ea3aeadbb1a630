"""Comprobaciones de los ejercicios del capítulo 7, «Keras (y TensorFlow)».

* :func:`check_build_mlp` — ``build_mlp(n_inputs, n_hidden, n_outputs, learning_rate)``:
  un perceptrón multicapa de Keras (``keras.Input``, una capa oculta ReLU y una
  salida softmax) compilado con Adam y la entropía cruzada categórica.
* :func:`check_legacy_decay` — `legacy_decay(initial_learning_rate, decay, epoch, steps_per_epoch)`:
  la tasa que aplicaba el ``decay=`` de Keras 2 al empezar una
  época, :math:`\\eta_0 / (1 + \\text{decay}\\cdot t)` con :math:`t` iteraciones.
* :func:`check_conv_output_shape` — ``conv_output_shape(height, width, filters,
  kernel_size, strides, padding)``: la forma de salida de un ``Conv2D`` de Keras.
* :func:`check_simple_rnn_params` — ``simple_rnn_params(input_dim, units)``: los
  parámetros de un ``SimpleRNN``, :math:`u\\,(n + u + 1)`.

Todas reciben el espacio de nombres del cuaderno: ``check_build_mlp(globals())``
(véase :mod:`nnlib.checks`). Solo la primera usa Keras, y lo importa al llamarla:
importar este módulo no carga TensorFlow.
"""
from __future__ import annotations

import contextlib
import io
import math
import warnings

import numpy as np

from . import MISSING, Feedback, describe
from ._describe import explain_exception
from ._limits import TimeLimitExceeded, effective_limit, run_with_time_limit
from ._reference import sigmoid as _sigmoid, softmax as _softmax

__all__ = ["MLP_EXAMPLE", "DECAY_EXAMPLE", "CONV_EXAMPLES", "RNN_EXAMPLE", "check_build_mlp",
           "check_legacy_decay", "check_conv_output_shape", "check_simple_rnn_params"]


# ======================================================================================
# Ejercicio 1. Un perceptrón multicapa en Keras
# ======================================================================================
#: El ejemplo del enunciado: la red 16 → 8 → 2 de las diapositivas, con tasa 0.01.
MLP_EXAMPLE = (16, 8, 2, 0.01)

_ACTIVATION_NAMES = ("relu", "softmax", "linear", "sigmoid", "tanh")
_MLP_CALL = "build_mlp(n_inputs, n_hidden, n_outputs, learning_rate)"


def _mlp_case(rng):
    # Otro número de entradas que el ejemplo (16): una tabla de respuestas nunca acierta.
    n_inputs = int(rng.choice([n for n in range(3, 31) if n != MLP_EXAMPLE[0]]))
    n_hidden, n_outputs = int(rng.integers(2, 21)), int(rng.integers(2, 7))
    learning_rate = float(f"{10 ** rng.uniform(-4, -1):.2g}")
    return n_inputs, n_hidden, n_outputs, learning_rate


def _keras_slip(exc):
    """La pista de un error que viene de escribir Keras 3 como en las diapositivas, o ``None``."""
    text = str(exc)
    if isinstance(exc, ValueError) and "not recognized" in text and "'lr'" in text:
        return ("Keras 3 no acepta `lr=`: el parámetro se llama `learning_rate`, "
                "keras.optimizers.Adam(learning_rate=learning_rate).")
    if isinstance(exc, TypeError) and "unexpected keyword argument 'activation'" in text:
        return ("`activation=` va dentro de la capa: keras.layers.Dense(n_hidden, activation=\"relu\"), "
                "no en model.add(...) ni fuera del paréntesis de Dense.")
    if isinstance(exc, NameError) and getattr(exc, "name", None) in _ACTIVATION_NAMES:
        return (f"escriba el nombre de la activación entre comillas, activation=\"{exc.name}\": sin comillas, "
                f"Python busca una variable llamada {exc.name}.")
    return None


def _model_problem(keras, got, label):
    """``(mensaje, pista)`` si ``got`` no es un modelo de Keras; si lo es, ``None``."""
    if isinstance(got, keras.Model):
        return None
    hint = "termine la función con `return model`."
    if got is None:
        return f"{label} no devolvió nada.", hint
    if isinstance(got, keras.layers.Layer):
        return (f"{label} devolvió una capa suelta, no un modelo.",
                "reúna las capas en keras.Sequential([...]) y devuelva ese modelo.")
    if isinstance(got, (list, tuple)):
        if got and all(isinstance(g, (keras.layers.Layer, keras.KerasTensor)) for g in got):
            return (f"{label} devolvió una lista de capas, no un modelo.",
                    "envuelva la lista en un modelo: model = keras.Sequential([...]).")
        if any(isinstance(g, keras.Model) for g in got):
            return f"{label} devolvió varias cosas además del modelo.", "devuelva solo el modelo: `return model`."
    if isinstance(got, keras.callbacks.History):
        return (f"{label} devolvió el historial de fit, no el modelo.",
                "el enunciado pide el modelo compilado y sin entrenar: no llame a fit; `return model`.")
    what = "una función o una clase" if callable(got) else describe(got)
    return f"{label} devolvió {what}; se esperaba un modelo de Keras.", hint


def _silenced_call(function, args, seconds):
    """``function(*args)`` con límite de tiempo, sin imprimir nada: ``(resultado, excepción, avisos)``."""
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("always")
        try:
            return run_with_time_limit(function, args, {}, seconds), None, list(caught)
        except (TimeLimitExceeded, Exception) as exc:  # noqa: BLE001 - se explica en español
            return MISSING, exc, list(caught)


def _build(fb, build, args, label):
    """Llama a ``build_mlp`` y devuelve el modelo, o :data:`MISSING` con ✘ y la pista."""
    seconds = effective_limit(fb.default_timeout)
    got, exc, caught = _silenced_call(build, args, seconds)
    if isinstance(exc, TimeLimitExceeded):
        fb.fail(f"{label} no terminó en {seconds:g} s: ¿un bucle que nunca acaba?",
                hint="compruebe que la función termina con `return model` y que no entrena el modelo.")
        return MISSING
    if isinstance(exc, NotImplementedError):
        fb.fail("`build_mlp` todavía no está escrita (lanza NotImplementedError).",
                hint="reemplace `raise NotImplementedError(...)` por su código.")
        return MISSING
    if exc is not None:
        slip = _keras_slip(exc)
        if slip:
            fb.fail(f"{label} falló al construir el modelo.", hint=slip)
        else:
            message, hint = explain_exception(exc, getattr(build, "__code__", None))
            fb.fail(f"{label} {message}", hint=hint)
        return MISSING
    if any("input_dim" in str(w.message) or "input_shape" in str(w.message) for w in caught):
        fb.fail(f"{label} usa `input_dim=` (o `input_shape=`) en una capa, que Keras 3 desaconseja con un aviso.",
                hint="empiece el modelo con keras.Input(shape=(n_inputs,)) y quite input_dim de la capa Dense.")
        return MISSING
    problem = _model_problem(_keras(), got, label)
    if problem:
        fb.fail(*problem)
        return MISSING
    return got


def _keras():
    """Keras, importado solo cuando una comprobación lo necesita (importarlo tarda unos segundos)."""
    import keras

    return keras


def _dense_layers(fb, keras, model, sizes, label):
    """Las dos capas ``Dense`` del modelo con las formas pedidas, o :data:`MISSING` con la pista."""
    n_inputs, n_hidden, n_outputs, _ = sizes
    if not model.built:
        fb.fail(f"{label} devolvió un modelo que no sabe cuántas entradas tiene.",
                hint="empiece la lista de capas con keras.Input(shape=(n_inputs,)).")
        return MISSING
    shapes = [tuple(t.shape) for t in model.inputs]
    if len(shapes) != 1:
        fb.fail(f"{label} devolvió un modelo con {len(shapes)} entradas; se pedía una.",
                hint="use una sola keras.Input(shape=(n_inputs,)).")
        return MISSING
    if shapes[0] != (None, n_inputs):
        got = shapes[0][1:] if shapes[0] and shapes[0][0] is None else shapes[0]
        fb.fail(f"La entrada del modelo de {label} tiene forma {tuple(got)}; se esperaba ({n_inputs},).",
                hint="la forma de la entrada sale del argumento: keras.Input(shape=(n_inputs,)), no de un número "
                     "escrito a mano.")
        return MISSING
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    others = [layer for layer in model.layers
              if not isinstance(layer, (keras.layers.Dense, keras.layers.InputLayer, keras.layers.Activation,
                                        keras.layers.ReLU, keras.layers.Softmax))]
    if others:
        fb.fail(f"{label} tiene capas que el enunciado no pide ({len(others)} además de las Dense).",
                hint="la red es keras.Input, una Dense oculta y una Dense de salida; nada más.")
        return MISSING
    if len(dense) != 2:
        if len(dense) == 1 and dense[0].units == n_outputs:
            hint = "falta la capa oculta: keras.layers.Dense(n_hidden, activation=\"relu\") antes de la de salida."
        elif len(dense) == 1:
            hint = "falta la capa de salida: keras.layers.Dense(n_outputs, activation=\"softmax\")."
        else:
            hint = "el enunciado pide dos capas Dense: la oculta (n_hidden, ReLU) y la de salida (n_outputs, softmax)."
        fb.fail(f"{label} tiene {len(dense)} capas Dense; se esperaban 2.", hint=hint)
        return MISSING
    hidden, output = dense
    if (hidden.units, output.units) == (n_outputs, n_hidden) and n_hidden != n_outputs:
        fb.fail(f"En {label}, la capa oculta tiene {hidden.units} neuronas y la de salida {output.units}: "
                "están intercambiadas.",
                hint="la oculta tiene n_hidden neuronas y la de salida, una por clase, n_outputs.")
        return MISSING
    if hidden.units != n_hidden:
        fb.fail(f"En {label}, la capa oculta tiene {hidden.units} neuronas; se pedían {n_hidden} (n_hidden).",
                hint="use el argumento: keras.layers.Dense(n_hidden, ...), no un número escrito a mano.")
        return MISSING
    if output.units != n_outputs:
        fb.fail(f"En {label}, la capa de salida tiene {output.units} neuronas; se pedían {n_outputs} (n_outputs).",
                hint="una neurona por clase: keras.layers.Dense(n_outputs, activation=\"softmax\").")
        return MISSING
    if not (hidden.use_bias and output.use_bias):
        fb.fail(f"En {label}, alguna capa Dense no tiene sesgo (use_bias=False).",
                hint="cada neurona tiene su sesgo: deje use_bias con su valor por omisión, True.")
        return MISSING
    return hidden, output


def _forward_mistakes(X, W1, b1, W2, b2):
    acts = {"linear": lambda z: z, "sigmoid": _sigmoid, "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0.0)}
    mistakes = []
    for name, g in acts.items():
        if name == "relu":
            continue
        what = "no tiene activación (queda lineal)" if name == "linear" else f"usa {name}"
        mistakes.append((_softmax(g(X @ W1 + b1) @ W2 + b2),
                         f"la capa oculta {what}; el enunciado pide ReLU: Dense(n_hidden, activation=\"relu\")."))
    H = np.maximum(X @ W1 + b1, 0.0)
    mistakes += [
        (H @ W2 + b2, "falta la softmax en la salida: Dense(n_outputs, activation=\"softmax\") da probabilidades "
                      "que suman 1; sin ella, la red da números sueltos."),
        (_sigmoid(H @ W2 + b2), "la salida es softmax, no sigmoid: las clases se excluyen y sus probabilidades "
                                "deben sumar 1."),
        (np.maximum(H @ W2 + b2, 0.0), "la salida es softmax, no ReLU."),
    ]
    return mistakes


def _loss_name(loss):
    """El nombre de la pérdida con que se compiló, en la forma de Keras (``categorical_crossentropy``)."""
    if isinstance(loss, str):
        name = loss.strip()
    elif callable(getattr(loss, "fn", None)):  # una pérdida de Keras (LossFunctionWrapper): la función que envuelve
        name = loss.fn.__name__
    else:
        name = getattr(loss, "__name__", type(loss).__name__)
    snake = "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")
    return snake.replace("cross_entropy", "crossentropy")


def _compile_problem(keras, model, learning_rate):
    """``(mensaje, pista)`` si el modelo no está compilado como pide el enunciado; si lo está, ``None``."""
    optimizer = getattr(model, "optimizer", None)
    if not getattr(model, "compiled", False) or optimizer is None:
        return ("el modelo no está compilado.",
                "antes de devolverlo, llame a model.compile(optimizer=keras.optimizers.Adam(learning_rate="
                "learning_rate), loss=\"categorical_crossentropy\").")
    if not isinstance(optimizer, keras.optimizers.Adam) or type(optimizer).__name__ != "Adam":
        return (f"el optimizador es {type(optimizer).__name__}; el enunciado pide Adam.",
                "use optimizer=keras.optimizers.Adam(learning_rate=learning_rate).")
    rate = float(optimizer.learning_rate)
    if not math.isclose(rate, learning_rate, rel_tol=1e-5):
        if math.isclose(rate, 0.001, rel_tol=1e-5):
            hint = ("con optimizer=\"adam\" (o Adam() sin argumentos) la tasa es la de omisión, 0.001: "
                    "cree el optimizador con keras.optimizers.Adam(learning_rate=learning_rate).")
        else:
            hint = "la tasa de Adam sale del argumento: keras.optimizers.Adam(learning_rate=learning_rate)."
        return "la tasa de aprendizaje de Adam no es la del argumento learning_rate.", hint
    name = _loss_name(model.loss)
    if name == "categorical_crossentropy":
        return None
    hints = {
        "sparse_categorical_crossentropy": "la «sparse» espera etiquetas enteras (0, 1, 2...); con etiquetas en "
                                           "one-hot, como las del enunciado, es \"categorical_crossentropy\".",
        "binary_crossentropy": "con softmax y clases que se excluyen, la pérdida es \"categorical_crossentropy\"; "
                               "la binaria es para una salida sigmoide.",
    }
    return ("la pérdida no es la entropía cruzada categórica.",
            hints.get(name, "use loss=\"categorical_crossentropy\": etiquetas en one-hot y salida softmax."))


def check_build_mlp(namespace):
    """Comprueba ``build_mlp(n_inputs, n_hidden, n_outputs, learning_rate)`` con el ejemplo y con tamaños nuevos."""
    fb = Feedback("un perceptrón multicapa en Keras", namespace)
    build = fb.function("build_mlp", params=("n_inputs", "n_hidden", "n_outputs", "learning_rate"))
    if build is MISSING:
        return fb.done()
    keras = _keras()
    rng = fb.rng()
    for i, sizes in enumerate(fb.cases(MLP_EXAMPLE, _mlp_case, n=5)):
        n_inputs, n_hidden, n_outputs, learning_rate = sizes
        label = f"build_mlp({n_inputs}, {n_hidden}, {n_outputs}, {learning_rate:g})"
        model = _build(fb, build, sizes, label)
        if model is MISSING:
            return fb.done()
        layers = _dense_layers(fb, keras, model, sizes, label)
        if layers is MISSING:
            return fb.done()
        (W1, b1), (W2, b2) = [[np.asarray(w, dtype=float) for w in layer.get_weights()] for layer in layers]
        X = rng.normal(size=(int(rng.integers(3, 8)), n_inputs))
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            got = fb.call(lambda batch: keras.ops.convert_to_numpy(model(batch)), X.astype("float32"),
                          label=f"el modelo de {label}, aplicado a un lote,")
        if got is MISSING:
            return fb.done()
        out = fb.array(got, shape=(len(X), n_outputs), label=f"La salida del modelo de {label}")
        if out is MISSING:
            return fb.done()
        expected = _softmax(np.maximum(X @ W1 + b1, 0.0) @ W2 + b2)
        if not fb.compare(out, expected, label=f"La salida del modelo de {label}", atol=1e-5, rtol=1e-4,
                          case="un lote al azar", mistakes=_forward_mistakes(X, W1, b1, W2, b2),
                          hint="la red calcula softmax(relu(X @ W1 + b1) @ W2 + b2): ReLU en la oculta, "
                               "softmax en la salida."):
            return fb.done()
        problem = _compile_problem(keras, model, learning_rate)
        if problem:
            message, hint = problem
            fb.fail(f"En {label}, {message}", hint=hint)
            return fb.done()
    fb.ok("build_mlp construye y compila la red del enunciado y 5 redes nuevas al azar: entrada, capas, "
          "activaciones, optimizador, tasa y pérdida correctos.")
    return fb.done()


# ======================================================================================
# Ejercicio 2. El decay que Keras 3 ignora
# ======================================================================================
#: El ejemplo del enunciado: tasa inicial 0.01, decay 0.001, época 5, 100 lotes por época.
DECAY_EXAMPLE = (0.01, 0.001, 5, 100)


def _decay_case(rng):
    # Otro número de lotes por época que el ejemplo (100): una tabla de respuestas nunca acierta.
    lr0 = float(rng.choice([0.1, 0.05, 0.02, 0.01, 0.005, 0.001]))
    decay = float(f"{10 ** rng.uniform(-5, -2):.2g}")
    epoch = int(rng.integers(1, 51))
    steps = int(rng.choice([s for s in range(10, 501) if s != DECAY_EXAMPLE[3]]))
    return lr0, decay, epoch, steps


def _decay_mistakes(lr0, decay, epoch, steps):
    t = epoch * steps
    return [
        (lr0 / (1 + decay * epoch), "decay contaba iteraciones (lotes), no épocas: al empezar la época `epoch` "
                                    "van `t = epoch * steps_per_epoch` iteraciones."),
        (lr0 / (1 + decay * steps), "la época también cuenta: `t = epoch * steps_per_epoch`."),
        (lr0 / (1 + decay * (epoch + 1) * steps), "las épocas se cuentan desde 0, como en los callbacks de Keras: "
                                                  "al empezar la época `epoch` van `epoch * steps_per_epoch` "
                                                  "iteraciones, no `(epoch + 1) * steps_per_epoch`."),
        (lr0 / (1 + decay * (epoch - 1) * steps), "las épocas se cuentan desde 0: al empezar la época `epoch` van "
                                                  "`epoch * steps_per_epoch` iteraciones."),
        (lr0 * (1 - decay * t), "la tasa se divide entre (1 + decay * t); no se le resta decay * t."),
        (lr0 * (1 + decay * t), "la tasa baja con el tiempo: se divide entre (1 + decay * t), no se multiplica."),
        (lr0 * math.exp(-decay * t), "eso es un decaimiento exponencial; el decay de Keras 2 dividía entre "
                                     "(1 + decay * t)."),
        (lr0 / (1 + decay) ** t, "no es una potencia: lr0 / (1 + decay * t), con el producto decay * t."),
        (lr0 / (decay * t), "falta el 1 del denominador: lr0 / (1 + decay * t)."),
        (decay / (1 + lr0 * t), "initial_learning_rate y decay están intercambiados."),
    ]


def check_legacy_decay(namespace):
    """Comprueba `legacy_decay(initial_learning_rate, decay, epoch, steps_per_epoch)`."""
    fb = Feedback("el decay que Keras 3 ignora", namespace)
    params = ("initial_learning_rate", "decay", "epoch", "steps_per_epoch")  # palabras: permitir termino-ingles
    decay_fn = fb.function("legacy_decay", params=params)
    if decay_fn is MISSING:
        return fb.done()
    for i, (lr0, decay, epoch, steps) in enumerate(fb.cases(DECAY_EXAMPLE, _decay_case, n=5)):
        label = f"legacy_decay({lr0:g}, {decay:g}, {epoch}, {steps})"
        case = "el ejemplo del enunciado" if i == 0 else "otros valores"
        got = fb.call(decay_fn, lr0, decay, epoch, steps, label=label)
        if got is MISSING:
            return fb.done()
        value = fb.number(got, label=label)
        if value is MISSING:
            return fb.done()
        if not fb.compare(value, lr0 / (1 + decay * epoch * steps), label=label, case=case, reveal=i > 0,
                          mistakes=_decay_mistakes(lr0, decay, epoch, steps),
                          hint="en la iteración t la tasa era initial_learning_rate / (1 + decay * t), y al "
                               "empezar la época `epoch` van `t = epoch * steps_per_epoch` iteraciones."):
            return fb.done()
    fb.ok("legacy_decay acierta en el ejemplo del enunciado y en 5 casos nuevos al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 3. La forma de salida de una convolución
# ======================================================================================
#: Los dos ejemplos del enunciado: (height, width, filters, kernel_size, strides, padding).
CONV_EXAMPLES = ((8, 8, 8, 3, 1, "same"), (28, 28, 16, 5, 2, "valid"))


def _conv_reference(n, k, s, padding):
    return (n - k) // s + 1 if padding == "valid" else -(-n // s)


def _conv_case(rng, padding=None, strides=None):
    """Una capa al azar; alto y ancho distintos entre sí y de los ejemplos (8 y 28): las formas delatan el
    orden y una tabla de respuestas falla. Con ``strides`` > 1, los tamaños no son múltiplos del paso, para
    que redondear hacia abajo o hacia arriba dé resultados distintos."""
    padding = padding or str(rng.choice(["valid", "same"]))
    s = strides or int(rng.choice([1, 2, 3]))
    k = int(rng.choice([2, 3, 5, 7]))
    while True:
        height, width = (int(v) for v in rng.integers(k + 3, 65, size=2))
        remainders = [(n - k) % s if padding == "valid" else n % s for n in (height, width)]
        if height != width and not {height, width} & {8, 28} and (s == 1 or all(remainders)):
            return height, width, int(rng.integers(2, 65)), k, s, padding


#: Los casos al azar cubren los dos rellenos con pasos 1, 2 y 3.
_CONV_KINDS = (("valid", 1), ("valid", 2), ("valid", 3), ("same", 1), ("same", 2), ("same", 3))


def _conv_mistakes(height, width, filters, k, s, padding):
    def shape(f):
        return np.array([f(height), f(width), filters], dtype=float)

    valid = shape(lambda n: (n - k) // s + 1)
    same = shape(lambda n: -(-n // s))
    mistakes = [
        (np.array([_conv_reference(width, k, s, padding), _conv_reference(height, k, s, padding), filters],
                  dtype=float), "el orden es (alto, ancho, filtros): height primero, después width."),
        (np.array([filters, _conv_reference(height, k, s, padding), _conv_reference(width, k, s, padding)],
                  dtype=float), "Keras pone los canales al final (channels_last): (alto, ancho, filtros)."),
    ]
    if padding == "valid":
        mistakes += [
            (shape(lambda n: (n - k) // s), "falta el + 1: con n = k cabe exactamente una posición del filtro, "
                                            "(n - k) // s + 1."),
            (shape(lambda n: (n - k) / s + 1), "use la división entera: (n - k) // s + 1 (no caben medias "
                                               "posiciones del filtro)."),
            (shape(lambda n: n - k + 1), "falta dividir por strides: el filtro salta de s en s posiciones, "
                                         "(n - k) // s + 1."),
            (same, "esa es la salida con padding=\"same\"; con \"valid\" el filtro no sale de la imagen: "
                   "(n - k) // s + 1."),
            (shape(lambda n: (n - k + 2) // s + 1), "con padding=\"valid\" no se rellena nada: (n - k) // s + 1."),
        ]
    else:
        mistakes += [
            (shape(lambda n: n // s), "redondee hacia arriba: con padding=\"same\" la salida es ceil(n / s), "
                                      "o sea (n + s - 1) // s."),
            (shape(lambda n: n / s), "use números enteros: con padding=\"same\" la salida es ceil(n / s)."),
            (shape(lambda n: n), "con strides > 1 la salida también se reduce con padding=\"same\": ceil(n / s)."),
            (valid, "esa es la salida con padding=\"valid\"; con \"same\" Keras rellena con ceros y la salida "
                    "es ceil(n / s), sin depender de kernel_size."),
        ]
    mistakes.append((np.array([_conv_reference(height, k, s, padding), _conv_reference(width, k, s, padding), 1],
                              dtype=float), "el último número es el de filtros: un canal de salida por filtro."))
    return mistakes


def check_conv_output_shape(namespace):
    """Comprueba ``conv_output_shape(height, width, filters, kernel_size, strides, padding)``."""
    fb = Feedback("la forma de salida de una convolución", namespace)
    conv = fb.function("conv_output_shape",
                       params=("height", "width", "filters", "kernel_size", "strides", "padding"))
    if conv is MISSING:
        return fb.done()
    rng = fb.rng()
    cases = list(CONV_EXAMPLES) + [_conv_case(rng, padding, strides) for padding, strides in _CONV_KINDS]
    for i, args in enumerate(cases):
        height, width, filters, k, s, padding = args
        label = f"conv_output_shape({height}, {width}, {filters}, {k}, {s}, \"{padding}\")"
        case = "un ejemplo del enunciado" if i < len(CONV_EXAMPLES) else "otros tamaños"
        got = fb.call(conv, *args, label=label)
        if got is MISSING:
            return fb.done()
        if isinstance(got, (tuple, list, np.ndarray)) and np.shape(got) == (2,):
            fb.fail(f"{label} devolvió 2 números; se esperaban 3, (alto, ancho, filtros).",
                    hint="añada al final el número de canales de salida: uno por filtro, `filters`.")
            return fb.done()
        out = fb.array(got, shape=(3,), label=label)
        if out is MISSING:
            return fb.done()
        expected = np.array([_conv_reference(height, k, s, padding), _conv_reference(width, k, s, padding),
                             filters], dtype=float)
        if not fb.compare(out, expected, label=label, case=case, reveal=i >= len(CONV_EXAMPLES),
                          mistakes=_conv_mistakes(*args),
                          hint="con padding=\"valid\", (n - k) // s + 1; con \"same\", ceil(n / s); y al final, "
                               "filters."):
            return fb.done()
        if np.asarray(got).dtype.kind not in "iu":
            fb.fail(f"{label} devolvió números con decimales (como 12.0); las formas son enteros.",
                    hint="use la división entera // en lugar de /, o convierta con int(...).")
            return fb.done()
    fb.ok("conv_output_shape acierta en los 2 ejemplos del enunciado y en 6 capas nuevas al azar, "
          "con padding \"valid\" y \"same\".")
    return fb.done()


# ======================================================================================
# Ejercicio 4. Los parámetros de una capa recurrente
# ======================================================================================
#: El ejemplo del enunciado: la capa SimpleRNN(8) del capítulo, con una entrada por paso.
RNN_EXAMPLE = (1, 8)


def _rnn_case(rng):
    # Otro número de entradas por paso que el ejemplo (1): una tabla de respuestas nunca acierta.
    while True:
        input_dim, units = int(rng.integers(2, 41)), int(rng.integers(2, 129))
        if input_dim != units:
            return input_dim, units


def _rnn_mistakes(n, u):
    both = []
    if n == 1:  # con una entrada por paso, W tiene tantos números como sesgos: no se sabe cuál falta
        both = [(u * (n + u), "falta el sesgo o la matriz de entrada W (con input_dim = 1 tienen el mismo tamaño, "
                              "units): cuente W (input_dim × units), U (units × units) y un sesgo por unidad.")]
    return both + [
        (u * (n + 1), "falta la matriz recurrente U, de forma (units, units): en cada paso la capa mira también "
                      "su estado anterior, h_t = tanh(x_t W + h_(t-1) U + b)."),
        (u * (n + u), "falta el sesgo: un número más por unidad, u * (n + u + 1)."),
        (u * (n + u) + 2 * u, "ese es el recuento de torch.nn.RNN, que tiene dos sesgos por unidad; el SimpleRNN de "
                              "Keras tiene uno: u * (n + u + 1)."),
        (u * u + u, "falta la matriz de entrada W, de forma (input_dim, units)."),
        (n * u + u * u + 1, "cada unidad tiene su propio sesgo: u sesgos, no uno."),
        (4 * u * (n + u + 1), "eso es una LSTM, con cuatro compuertas; la SimpleRNN tiene una sola: u * (n + u + 1)."),
        ((n + 1) * u + u * u + u, "el sesgo se cuenta una sola vez por unidad: u * (n + u + 1)."),
        (n * (n + u + 1), "input_dim y units están intercambiados: son u * (n + u + 1)."),
    ]


def check_simple_rnn_params(namespace):
    """Comprueba ``simple_rnn_params(input_dim, units)`` = units * (input_dim + units + 1)."""
    fb = Feedback("los parámetros de una capa recurrente", namespace)
    count = fb.function("simple_rnn_params", params=("input_dim", "units"))
    if count is MISSING:
        return fb.done()
    for i, (n, u) in enumerate(fb.cases(RNN_EXAMPLE, _rnn_case, n=5)):
        label = f"simple_rnn_params({n}, {u})"
        case = "el ejemplo del enunciado" if i == 0 else "otros tamaños"
        got = fb.call(count, n, u, label=label)
        if got is MISSING:
            return fb.done()
        value = fb.coerce(got, "int", label=label)
        if value is MISSING:
            return fb.done()
        if not fb.compare(value, u * (n + u + 1), label=label, case=case, reveal=i > 0,
                          mistakes=_rnn_mistakes(n, u),
                          hint="cuente W (input_dim × units), U (units × units) y un sesgo por unidad."):
            return fb.done()
    fb.ok("simple_rnn_params acierta en el ejemplo del enunciado y en 5 capas nuevas al azar.")
    return fb.done()
