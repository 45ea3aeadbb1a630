"""Pruebas de nnlib.activations: valores a mano, Keras, diferencias finitas, GradientTape y PyTorch."""
import math
import warnings

import keras
import numpy as np
import pytest
import tensorflow as tf
import torch

from nnlib import activations

ELEMENTWISE = ["linear", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "swish"]
SMOOTH = ["linear", "sigmoid", "tanh", "gelu", "swish"]  # derivables en todo punto
KINKED = ["relu", "leaky_relu", "elu"]                  # con un ángulo en 0
ALL = ELEMENTWISE + ["softmax"]

# Rejilla con valores extremos, diminutos y el propio 0.
GRID = np.array([-1e4, -800.0, -50.0, -20.0, -5.0, -1.0, -0.3, -1e-8, 0.0, 1e-8, 0.3, 1.0, 5.0,
                 20.0, 50.0, 800.0, 1e4])

SOFTMAX_ROWS = np.array([
    [-1e4, 0.0, 1e4],
    [1e-8, -1e-8, 0.0],
    [1e4, 1e4, -1e4],
    [0.5, -1.5, 2.0],
    [-800.0, -800.0, -799.0],
])


def keras_fn(name):
    """La función de Keras equivalente (la misma definición y los mismos parámetros por defecto)."""
    if name == "swish":
        return keras.activations.silu
    return getattr(keras.activations, name)


def tape_backward(name, z, g):
    """dL/dz con TensorFlow, para L = Σ g · f(z)."""
    zt = tf.constant(z, dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(zt)
        a = keras_fn(name)(zt)
    return tape.gradient(a, zt, output_gradients=tf.constant(g, dtype=tf.float64)).numpy()


def central_difference(f, z, h=1e-5):
    return (f(z + h) - f(z - h)) / (2 * h)


def rel_err(a, b):
    return np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-300))


# ---------------------------------------------------------------------------
# Valores calculados a mano
# ---------------------------------------------------------------------------
def test_hand_computed_values():
    z = np.array([-1.0, 0.0, 2.0])
    np.testing.assert_allclose(activations.get("linear")(z), [-1.0, 0.0, 2.0])
    np.testing.assert_allclose(activations.get("step")(z), [0.0, 1.0, 1.0])
    np.testing.assert_allclose(activations.get("relu")(z), [0.0, 0.0, 2.0])
    np.testing.assert_allclose(activations.get("leaky_relu")(z), [-0.2, 0.0, 2.0])
    np.testing.assert_allclose(activations.get("elu")(z), [math.exp(-1) - 1, 0.0, 2.0])
    np.testing.assert_allclose(activations.get("sigmoid")(z), [1 / (1 + math.e), 0.5, 1 / (1 + math.exp(-2))])
    np.testing.assert_allclose(activations.get("tanh")(z), [math.tanh(-1), 0.0, math.tanh(2)])
    np.testing.assert_allclose(activations.get("swish")(z), [-1 / (1 + math.e), 0.0, 2 / (1 + math.exp(-2))])
    phi = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2)))  # noqa: E731
    np.testing.assert_allclose(activations.get("gelu")(z), [-phi(-1), 0.0, 2 * phi(2)], rtol=1e-14)
    np.testing.assert_allclose(activations.get("softmax")(np.array([0.0, math.log(2)])), [1 / 3, 2 / 3])


def test_hand_computed_derivatives():
    z = np.array([-1.0, 0.0, 2.0])
    np.testing.assert_allclose(activations.get("sigmoid").derivative(z)[1], 0.25)
    np.testing.assert_allclose(activations.get("tanh").derivative(z)[1], 1.0)
    np.testing.assert_allclose(activations.get("relu").derivative(z), [0.0, 0.0, 1.0])
    np.testing.assert_allclose(activations.get("leaky_relu").derivative(z), [0.2, 0.2, 1.0])
    np.testing.assert_allclose(activations.get("elu").derivative(z), [math.exp(-1), 1.0, 1.0])
    np.testing.assert_allclose(activations.get("step").derivative(z), [0.0, 0.0, 0.0])
    np.testing.assert_allclose(activations.get("swish").derivative(z)[1], 0.5)
    np.testing.assert_allclose(activations.get("gelu").derivative(z)[1], 0.5)
    # softmax de [0, 0]: s = [1/2, 1/2]; la diagonal de la jacobiana es 1/4.
    np.testing.assert_allclose(activations.softmax.derivative(np.zeros(2)), [0.25, 0.25])
    # backward de softmax con g = e_0: s_0 (1 - s_0) y -s_0 s_1.
    np.testing.assert_allclose(activations.softmax.backward(np.zeros(2), np.array([1.0, 0.0])), [0.25, -0.25])


def test_parameters_match_keras_defaults():
    assert activations.LeakyReLU().negative_slope == 0.2
    assert activations.ELU().alpha == 1.0
    np.testing.assert_allclose(activations.LeakyReLU(0.1)(np.array([-2.0])), [-0.2])
    np.testing.assert_allclose(activations.ELU(alpha=2.0)(np.array([-1.0])), [2 * (math.exp(-1) - 1)])
    np.testing.assert_allclose(activations.ELU(alpha=2.0).derivative(np.array([-1.0, 0.0])), [2 * math.exp(-1), 2.0])


# ---------------------------------------------------------------------------
# Contra Keras
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", [n for n in ELEMENTWISE if n != "step"])
def test_value_matches_keras(name):
    ours = activations.get(name)(GRID)
    theirs = keras_fn(name)(tf.constant(GRID, dtype=tf.float64)).numpy()
    # atol: en la cola lejana (gelu(-20) ~ 1e-87) el erfc de TensorFlow pierde cifras; el nuestro no.
    np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-12)


def test_step_is_heaviside():
    np.testing.assert_array_equal(activations.step(GRID), np.heaviside(GRID, 1.0))


def test_softmax_matches_keras():
    ours = activations.softmax(SOFTMAX_ROWS)
    theirs = keras.activations.softmax(tf.constant(SOFTMAX_ROWS, dtype=tf.float64)).numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-300)
    np.testing.assert_allclose(ours.sum(axis=-1), 1.0)
    col = activations.Softmax(axis=0)(SOFTMAX_ROWS)
    theirs = keras.activations.softmax(tf.constant(SOFTMAX_ROWS, dtype=tf.float64), axis=0).numpy()
    np.testing.assert_allclose(col, theirs, rtol=1e-6, atol=1e-300)


@pytest.mark.parametrize("name", [n for n in ELEMENTWISE if n != "step"])
def test_derivative_and_backward_match_gradient_tape(name):
    # Toda la rejilla, incluidos los extremos y el 0 (el convenio en los ángulos es el de TensorFlow).
    f = activations.get(name)
    g = np.random.default_rng(0).normal(size=GRID.shape)
    tape_grad = tape_backward(name, GRID, np.ones_like(GRID))
    np.testing.assert_allclose(f.derivative(GRID), tape_grad, rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(f.backward(GRID, g), tape_backward(name, GRID, g), rtol=1e-6, atol=1e-12)


def test_softmax_backward_matches_gradient_tape():
    g = np.random.default_rng(1).normal(size=SOFTMAX_ROWS.shape)
    np.testing.assert_allclose(activations.softmax.backward(SOFTMAX_ROWS, g),
                               tape_backward("softmax", SOFTMAX_ROWS, g), rtol=1e-6, atol=1e-12)


def test_softmax_derivative_is_jacobian_diagonal():
    z = tf.constant(SOFTMAX_ROWS, dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(z)
        s = keras.activations.softmax(z)
    jac = tape.batch_jacobian(s, z).numpy()  # (N, C, C)
    diag = np.diagonal(jac, axis1=1, axis2=2)
    np.testing.assert_allclose(activations.softmax.derivative(SOFTMAX_ROWS), diag, rtol=1e-6, atol=1e-12)


# ---------------------------------------------------------------------------
# Contra diferencias finitas
# ---------------------------------------------------------------------------
FD_SMOOTH = np.linspace(-4.0, 4.0, 41)
FD_AWAY_FROM_KINK = np.concatenate([np.linspace(-4.0, -0.01, 20), np.linspace(0.01, 4.0, 20)])


@pytest.mark.parametrize("name", SMOOTH + KINKED)
def test_derivative_matches_finite_differences(name):
    f = activations.get(name)
    z = FD_SMOOTH if name in SMOOTH else FD_AWAY_FROM_KINK
    assert rel_err(f.derivative(z), central_difference(f, z)) < 1e-6


@pytest.mark.parametrize("name", SMOOTH + KINKED)
def test_backward_matches_finite_differences(name):
    f = activations.get(name)
    z = FD_SMOOTH if name in SMOOTH else FD_AWAY_FROM_KINK
    g = np.random.default_rng(2).normal(size=z.shape)
    assert rel_err(f.backward(z, g), g * central_difference(f, z)) < 1e-6


def test_softmax_backward_matches_finite_differences():
    rng = np.random.default_rng(3)
    z = rng.normal(size=(4, 5))
    g = rng.normal(size=(4, 5))
    h = 1e-6
    numeric = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        zp, zm = z.copy(), z.copy()
        zp[idx] += h
        zm[idx] -= h
        numeric[idx] = (np.sum(g * activations.softmax(zp)) - np.sum(g * activations.softmax(zm))) / (2 * h)
    assert rel_err(activations.softmax.backward(z, g), numeric) < 1e-6


# ---------------------------------------------------------------------------
# Contra PyTorch
# ---------------------------------------------------------------------------
TORCH = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda x: torch.nn.functional.leaky_relu(x, negative_slope=0.2),
    "elu": torch.nn.functional.elu,
    "gelu": torch.nn.functional.gelu,  # approximate="none": la forma exacta
    "swish": torch.nn.functional.silu,
    "softmax": lambda x: torch.softmax(x, dim=-1),
}


@pytest.mark.parametrize("name", sorted(TORCH))
def test_value_and_backward_match_torch(name):
    rng = np.random.default_rng(4)
    z = rng.normal(scale=3.0, size=(6, 4))
    g = rng.normal(size=(6, 4))
    zt = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    a = TORCH[name](zt)
    a.backward(torch.tensor(g, dtype=torch.float64))
    f = activations.get(name)
    np.testing.assert_allclose(f(z), a.detach().numpy(), rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(f.backward(z, g), zt.grad.numpy(), rtol=1e-9, atol=1e-15)


# ---------------------------------------------------------------------------
# Estabilidad numérica y tipos
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_no_warnings_and_finite_at_extremes(name, dtype):
    f = activations.get(name)
    z = GRID.astype(dtype) if name != "softmax" else SOFTMAX_ROWS.astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise"):
            outs = [f(z), f.derivative(z), f.backward(z, np.ones_like(z))]
    for out in outs:
        assert out.shape == z.shape
        assert out.dtype == dtype
        assert np.all(np.isfinite(out))


def test_limits_at_extremes():
    big = np.array([-1e4, 1e4])
    np.testing.assert_array_equal(activations.sigmoid(big), [0.0, 1.0])
    np.testing.assert_array_equal(activations.tanh(big), [-1.0, 1.0])
    np.testing.assert_array_equal(activations.elu(big), [-1.0, 1e4])
    np.testing.assert_array_equal(activations.gelu(big), [0.0, 1e4])
    np.testing.assert_array_equal(activations.swish(big), [0.0, 1e4])
    # gelu conserva la cola negativa diminuta en vez de redondearla a 0
    tail = -20.0 * 0.5 * math.erfc(20.0 / math.sqrt(2.0))
    np.testing.assert_allclose(activations.gelu(np.array([-20.0])), [tail], rtol=1e-14)
    # la derivada de la sigmoide lejos del origen no pierde cifras
    np.testing.assert_allclose(activations.sigmoid.derivative(np.array([40.0])), [math.exp(-40) / (1 + math.exp(-40)) ** 2])


def test_accepts_lists_ints_and_scalars():
    np.testing.assert_allclose(activations.relu([-1, 2]), [0.0, 2.0])
    assert activations.relu([-1, 2]).dtype == np.float64
    assert float(activations.sigmoid(0)) == 0.5
    assert activations.gelu(np.float32(1.0)).dtype == np.float32


# ---------------------------------------------------------------------------
# get() y errores
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ALL)
def test_get_by_name(name):
    f = activations.get(name)
    assert isinstance(f, activations.Activation)
    assert f.name == name
    assert activations.get(name.upper()).name == name


def test_get_aliases_none_and_instances():
    assert activations.get("silu").name == "swish"
    assert activations.get(None).name == "linear"
    custom = activations.LeakyReLU(negative_slope=0.01)
    assert activations.get(custom) is custom
    assert activations.get(activations.ELU).name == "elu"
    # Los nombres (salvo "step") resuelven a la misma función que en Keras.
    for name in ALL:
        if name != "step":
            assert keras.activations.get(name) is keras_fn(name)
    assert keras.activations.get("swish") is keras.activations.silu


def test_get_unknown_name_suggests():
    with pytest.raises(ValueError, match=r"activación desconocido: 'sigmod'.*¿Quiso decir 'sigmoid'\?"):
        activations.get("sigmod")
    with pytest.raises(ValueError, match=r"¿Quiso decir 'leaky_relu'\?"):
        activations.get("leakyrelu")


def test_get_wrong_type():
    with pytest.raises(TypeError, match="se esperaba un nombre"):
        activations.get(3)


def test_non_numeric_input():
    with pytest.raises(TypeError, match="`z` debe contener números"):
        activations.relu(np.array(["a", "b"]))


def test_backward_shape_mismatch():
    with pytest.raises(ValueError, match="`z` y `grad_output` deben tener la misma forma"):
        activations.tanh.backward(np.zeros(3), np.zeros(4))
    with pytest.raises(ValueError, match="misma forma"):
        activations.softmax.backward(np.zeros((2, 3)), np.zeros((3, 2)))


def test_bad_parameters():
    with pytest.raises(ValueError, match="negative_slope"):
        activations.LeakyReLU(negative_slope=-1.0)
    with pytest.raises(TypeError, match="alpha"):
        activations.ELU(alpha="1")
    with pytest.raises(ValueError, match="escalar"):
        activations.softmax(3.0)
