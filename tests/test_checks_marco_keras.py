"""Errores habituales de los ejercicios del capítulo 7 (nnlib.checks.marco_keras): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio, y que las fórmulas
de las comprobaciones son las de Keras (``Conv2D``, ``SimpleRNN``, ``InverseTimeDecay``).
Cada error se prueba con varias semillas, porque los casos al azar cambian en cada ejecución.
"""
import math

import numpy as np
import pytest

from nnlib.checks import marco_keras as mk
from solutions.marco_keras import build_mlp, conv_output_shape, legacy_decay, simple_rnn_params
from exercise_checks import SEEDS, rejected_with, run

keras = pytest.importorskip("keras")


# --- ejercicio 1: build_mlp -------------------------------------------------------------

def _mlp(n_inputs, n_hidden, n_outputs, learning_rate, *, hidden="relu", output="softmax",
         optimizer=None, loss="categorical_crossentropy", compile=True, first=None):
    layers = [first if first is not None else keras.Input(shape=(n_inputs,)),
              keras.layers.Dense(n_hidden, activation=hidden), keras.layers.Dense(n_outputs, activation=output)]
    model = keras.Sequential([layer for layer in layers if layer is not False])
    if compile:
        model.compile(optimizer=optimizer or keras.optimizers.Adam(learning_rate=learning_rate), loss=loss)
    return model


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_build_mlp_accepts_the_solution_and_other_correct_forms(capsys, seed):
    ok, out = run(mk.check_build_mlp, capsys, seed, build_mlp=build_mlp)
    assert bool(ok) is True and "✘" not in out

    def functional(n_inputs, n_hidden, n_outputs, learning_rate):
        inputs = keras.Input(shape=(n_inputs,))
        hidden = keras.layers.Dense(n_hidden)(inputs)
        hidden = keras.layers.Activation("relu")(hidden)
        outputs = keras.layers.Dense(n_outputs, activation="softmax")(hidden)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss=keras.losses.CategoricalCrossentropy())
        return model

    ok, out = run(mk.check_build_mlp, capsys, seed, build_mlp=functional)
    assert bool(ok) is True, out

    def with_add(n_inputs, n_hidden, n_outputs, learning_rate):
        model = keras.Sequential()
        model.add(keras.Input(shape=(n_inputs,)))
        model.add(keras.layers.Dense(n_hidden, activation="relu"))
        model.add(keras.layers.Dense(n_outputs, activation="softmax"))
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                      loss=keras.losses.categorical_crossentropy)
        return model

    ok, out = run(mk.check_build_mlp, capsys, seed, build_mlp=with_add)
    assert bool(ok) is True, out


def _slides_activation_outside(n_inputs, n_hidden, n_outputs, learning_rate):
    model = keras.Sequential()
    model.add(keras.Input(shape=(n_inputs,)))
    model.add(keras.layers.Dense(n_hidden), activation="relu")
    return model


def _slides_lr(n_inputs, n_hidden, n_outputs, learning_rate):
    model = _mlp(n_inputs, n_hidden, n_outputs, learning_rate, compile=False)
    model.compile(optimizer=keras.optimizers.Adam(lr=learning_rate), loss="categorical_crossentropy")
    return model


def _unquoted_activation(n_inputs, n_hidden, n_outputs, learning_rate):
    return keras.layers.Dense(n_hidden, activation=relu)  # noqa: F821 - el error que se quiere probar


def _with_input_dim(n_inputs, n_hidden, n_outputs, learning_rate):
    model = keras.Sequential([keras.layers.Dense(n_hidden, activation="relu", input_dim=n_inputs),
                              keras.layers.Dense(n_outputs, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate), loss="categorical_crossentropy")
    return model


@pytest.mark.parametrize("wrong, hint", [
    (lambda n, h, o, lr: _mlp(n, h, o, lr, hidden=None), "la capa oculta no tiene activación"),
    (lambda n, h, o, lr: _mlp(n, h, o, lr, hidden="sigmoid"), "la capa oculta usa sigmoid"),
    (lambda n, h, o, lr: _mlp(n, h, o, lr, output=None), "falta la softmax en la salida"),
    (lambda n, h, o, lr: _mlp(n, h, o, lr, output="sigmoid"), "la salida es softmax, no sigmoid"),
    (lambda n, h, o, lr: _mlp(n, h, o, lr, first=False), "empiece la lista de capas con keras.Input"),
    (lambda n, h, o, lr: _mlp(n, h, o, lr, first=keras.Input(shape=(16,))), "no de un número escrito a mano"),
    (lambda n, h, o, lr: _mlp(n, o, h, lr), ("están intercambiadas", "una neurona por clase")),
    (lambda n, h, o, lr: _mlp(n, 8, o, lr), ("keras.layers.Dense(n_hidden, ...)", "están intercambiadas")),
    (lambda n, h, o, lr: _mlp(n, h, o, lr, compile=False), "el modelo no está compilado"),
    (lambda n, h, o, lr: _mlp(n, h, o, lr, optimizer="adam"), "la tasa es la de omisión, 0.001"),
    (lambda n, h, o, lr: _mlp(n, h, o, lr, optimizer=keras.optimizers.Adam(learning_rate=0.01)),
     "la tasa de Adam sale del argumento"),
    (lambda n, h, o, lr: _mlp(n, h, o, lr, optimizer=keras.optimizers.SGD(learning_rate=lr)), "pide Adam"),
    (lambda n, h, o, lr: _mlp(n, h, o, lr, loss="sparse_categorical_crossentropy"), "la «sparse» espera"),
    (lambda n, h, o, lr: _mlp(n, h, o, lr, loss="binary_crossentropy"), "la binaria es para una salida sigmoide"),
    (lambda n, h, o, lr: _mlp(n, h, o, lr, loss="mse"), 'use loss="categorical_crossentropy"'),
    (lambda n, h, o, lr: [keras.Input(shape=(n,)), keras.layers.Dense(h), keras.layers.Dense(o)],
     "envuelva la lista en un modelo"),
    (lambda n, h, o, lr: keras.Sequential([keras.Input(shape=(n,)), keras.layers.Dense(o, activation="softmax")]),
     "falta la capa oculta"),
    (lambda n, h, o, lr: None, "termine la función con `return model`"),
    (_slides_activation_outside, "`activation=` va dentro de la capa"),
    (_slides_lr, "Keras 3 no acepta `lr=`"),
    (_unquoted_activation, 'activation="relu"'),
    (_with_input_dim, "keras.Input(shape=(n_inputs,)) y quite input_dim"),
])
def test_build_mlp_mistakes_get_their_hint(capsys, wrong, hint):
    def build_mlp(n_inputs, n_hidden, n_outputs, learning_rate):
        return wrong(n_inputs, n_hidden, n_outputs, learning_rate)
    rejected_with(mk.check_build_mlp, capsys, "build_mlp", build_mlp, hint, seeds=SEEDS[:3])


def test_build_mlp_hardcoded_example_fails_on_new_cases(capsys):
    def build_mlp(n_inputs, n_hidden, n_outputs, learning_rate):
        return _mlp(16, 8, 2, 0.01)
    rejected_with(mk.check_build_mlp, capsys, "build_mlp", build_mlp, "no de un número escrito a mano")


def test_build_mlp_random_cases_differ_from_the_example():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for _ in range(50):
            case = mk._mlp_case(rng)
            assert case[0] != mk.MLP_EXAMPLE[0] and case[1] >= 2 and case[2] >= 2 and 1e-4 <= case[3] <= 0.1


def test_loss_names_are_recognized_in_every_form():
    for loss in ("categorical_crossentropy", "CategoricalCrossentropy", keras.losses.CategoricalCrossentropy(),
                 keras.losses.categorical_crossentropy):
        assert mk._loss_name(loss) == "categorical_crossentropy"
    assert mk._loss_name(keras.losses.SparseCategoricalCrossentropy()) == "sparse_categorical_crossentropy"


# --- ejercicio 2: legacy_decay ------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_legacy_decay_accepts_the_solution(capsys, seed):
    ok, out = run(mk.check_legacy_decay, capsys, seed, legacy_decay=legacy_decay)
    assert bool(ok) is True and "✘" not in out


def test_legacy_decay_is_keras_inverse_time_decay_per_iteration():
    """La fórmula de la comprobación es la de InverseTimeDecay con decay_steps=1, contada en iteraciones."""
    rng = np.random.default_rng(0)
    for _ in range(20):
        lr0, decay, epoch, steps = mk._decay_case(rng)
        schedule = keras.optimizers.schedules.InverseTimeDecay(lr0, decay_steps=1, decay_rate=decay)
        assert float(schedule(epoch * steps)) == pytest.approx(legacy_decay(lr0, decay, epoch, steps), rel=1e-6)


@pytest.mark.parametrize("wrong, hint", [
    (lambda lr, d, e, s: lr / (1 + d * e), "decay contaba iteraciones (lotes), no épocas"),
    (lambda lr, d, e, s: lr / (1 + d * s), "la época también cuenta"),
    (lambda lr, d, e, s: lr / (1 + d * (e + 1) * s), "las épocas se cuentan desde 0"),
    (lambda lr, d, e, s: lr / (1 + d * (e - 1) * s), "las épocas se cuentan desde 0"),
    (lambda lr, d, e, s: lr * (1 - d * e * s), "no se le resta"),
    (lambda lr, d, e, s: lr * (1 + d * e * s), "no se multiplica"),
    (lambda lr, d, e, s: lr * math.exp(-d * e * s), "eso es un decaimiento exponencial"),
    (lambda lr, d, e, s: lr / (1 + d) ** (e * s), "no es una potencia"),
    (lambda lr, d, e, s: lr / (d * e * s), "falta el 1 del denominador"),
    (lambda lr, d, e, s: d / (1 + lr * e * s), "están intercambiados"),
    (lambda lr, d, e, s: round(lr / (1 + d * e * s), 4), "redonde"),
    (lambda lr, d, e, s: 0.01 / 1.5, "escrito a mano"),
])
def test_legacy_decay_mistakes_get_their_hint(capsys, wrong, hint):
    def legacy_decay(initial_learning_rate, decay, epoch, steps_per_epoch):
        return wrong(initial_learning_rate, decay, epoch, steps_per_epoch)
    rejected_with(mk.check_legacy_decay, capsys, "legacy_decay", legacy_decay, hint)


def test_legacy_decay_random_cases_differ_from_the_example():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for _ in range(50):
            lr0, decay, epoch, steps = mk._decay_case(rng)
            assert steps != mk.DECAY_EXAMPLE[3] and epoch >= 1 and 0 < decay <= 0.01


# --- ejercicio 3: conv_output_shape ---------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_conv_output_shape_accepts_the_solution_and_math_ceil(capsys, seed):
    ok, out = run(mk.check_conv_output_shape, capsys, seed, conv_output_shape=conv_output_shape)
    assert bool(ok) is True and "✘" not in out

    def with_ceil(height, width, filters, kernel_size, strides, padding):
        if padding == "same":
            return math.ceil(height / strides), math.ceil(width / strides), filters
        return [math.floor((height - kernel_size) / strides) + 1, math.floor((width - kernel_size) / strides) + 1,
                filters]

    ok, out = run(mk.check_conv_output_shape, capsys, seed, conv_output_shape=with_ceil)
    assert bool(ok) is True, out


def test_conv_output_shape_is_keras_conv2d():
    """La fórmula de la comprobación es la de keras.layers.Conv2D, con los ejemplos y con casos al azar."""
    rng = np.random.default_rng(0)
    for height, width, filters, k, s, padding in list(mk.CONV_EXAMPLES) + [mk._conv_case(rng) for _ in range(40)]:
        layer = keras.layers.Conv2D(filters, k, strides=s, padding=padding)
        expected = layer.compute_output_shape((None, height, width, 3))[1:]
        assert conv_output_shape(height, width, filters, k, s, padding) == tuple(expected)


def _side(f):
    def conv(height, width, filters, kernel_size, strides, padding):
        return f(height, kernel_size, strides, padding), f(width, kernel_size, strides, padding), filters
    return conv


def _good(n, k, s, padding):
    return (n - k) // s + 1 if padding == "valid" else -(-n // s)


@pytest.mark.parametrize("wrong, hint", [
    (_side(lambda n, k, s, p: (n - k) // s if p == "valid" else _good(n, k, s, p)), "falta el + 1"),
    (_side(lambda n, k, s, p: (n - k) / s + 1 if p == "valid" else _good(n, k, s, p)),
     ("use la división entera", "números con decimales")),
    (_side(lambda n, k, s, p: n - k + 1 if p == "valid" else _good(n, k, s, p)),
     ("falta dividir por strides", "esa es la salida con padding=\"valid\"")),
    (_side(lambda n, k, s, p: n // s if p == "same" else _good(n, k, s, p)), "redondee hacia arriba"),
    (_side(lambda n, k, s, p: n if p == "same" else _good(n, k, s, p)), "con strides > 1 la salida también"),
    (_side(lambda n, k, s, p: (n - k) // s + 1), "esa es la salida con padding=\"valid\""),
    (_side(lambda n, k, s, p: -(-n // s)), "esa es la salida con padding=\"same\""),
    (lambda h, w, f, k, s, p: (_good(w, k, s, p), _good(h, k, s, p), f), "el orden es (alto, ancho, filtros)"),
    (lambda h, w, f, k, s, p: (f, _good(h, k, s, p), _good(w, k, s, p)), "channels_last"),
    (lambda h, w, f, k, s, p: (_good(h, k, s, p), _good(w, k, s, p)), "añada al final el número de canales"),
    (lambda h, w, f, k, s, p: (_good(h, k, s, p), _good(w, k, s, p), 1), "un canal de salida por filtro"),
    (lambda h, w, f, k, s, p: (float(_good(h, k, s, p)), float(_good(w, k, s, p)), float(f)),
     "números con decimales"),
])
def test_conv_output_shape_mistakes_get_their_hint(capsys, wrong, hint):
    def conv_output_shape(height, width, filters, kernel_size, strides, padding):
        return wrong(height, width, filters, kernel_size, strides, padding)
    rejected_with(mk.check_conv_output_shape, capsys, "conv_output_shape", conv_output_shape, hint)


def test_conv_random_cases_differ_from_the_examples():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for _ in range(50):
            height, width, filters, k, s, padding = mk._conv_case(rng)
            assert height != width and not {height, width} & {8, 28} and height > k and width > k
            assert padding in ("valid", "same")
        for padding, strides in mk._CONV_KINDS:
            height, width, filters, k, s, p = mk._conv_case(rng, padding, strides)
            assert (p, s) == (padding, strides)
            if s > 1:  # redondear hacia arriba o hacia abajo da resultados distintos
                assert all((n - k) % s if p == "valid" else n % s for n in (height, width))


# --- ejercicio 4: simple_rnn_params --------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_simple_rnn_params_accepts_the_solution(capsys, seed):
    ok, out = run(mk.check_simple_rnn_params, capsys, seed, simple_rnn_params=simple_rnn_params)
    assert bool(ok) is True and "✘" not in out


def test_simple_rnn_params_is_keras_simple_rnn():
    rng = np.random.default_rng(0)
    for input_dim, units in [mk.RNN_EXAMPLE] + [mk._rnn_case(rng) for _ in range(10)]:
        layer = keras.layers.SimpleRNN(units)
        layer.build((None, 5, input_dim))
        assert layer.count_params() == simple_rnn_params(input_dim, units)


@pytest.mark.parametrize("wrong, hint", [
    (lambda n, u: u * (n + 1), "falta la matriz recurrente U"),
    (lambda n, u: u * (n + u), "falta el sesgo"),
    (lambda n, u: u * (n + u) + 2 * u, "torch.nn.RNN"),
    (lambda n, u: u * u + u, "la matriz de entrada W"),
    (lambda n, u: n * u + u * u + 1, "u sesgos, no uno"),
    (lambda n, u: 4 * u * (n + u + 1), "eso es una LSTM"),
    (lambda n, u: n * (n + u + 1), "están intercambiados"),
    (lambda n, u: float(u * (n + u + 1)) + 0.5, "no puede tener decimales"),
    (lambda n, u: 80, "escrito a mano"),
])
def test_simple_rnn_params_mistakes_get_their_hint(capsys, wrong, hint):
    def simple_rnn_params(input_dim, units):
        return wrong(input_dim, units)
    rejected_with(mk.check_simple_rnn_params, capsys, "simple_rnn_params", simple_rnn_params, hint)


def test_rnn_random_cases_differ_from_the_example():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for _ in range(50):
            n, u = mk._rnn_case(rng)
            assert n != mk.RNN_EXAMPLE[0] and n != u


def test_importing_the_checks_does_not_import_tensorflow():
    import subprocess
    import sys

    code = "import sys, nnlib.checks.marco_keras; print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False", result.stderr
