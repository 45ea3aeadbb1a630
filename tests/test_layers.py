"""Capas de nnlib: formas, paso hacia delante a mano, paso hacia atrás contra diferencias finitas, errores."""
import keras
import numpy as np
import pytest

from nnlib import initializers, regularizers
from nnlib.layers import Activation, Dense, Dropout


def built_dense(n_in=3, units=4, seed=0, **kwargs):
    layer = Dense(units, **kwargs)
    layer.build(n_in, np.random.default_rng(seed))
    return layer


def finite_differences(f, x, eps=1e-6):
    """Gradiente numérico escrito aquí, independiente de nnlib.gradcheck."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        grad[i] = (f(xp) - f(xm)) / (2 * eps)
    return grad


# --- Dense: construcción -----------------------------------------------------------------------
def test_dense_shapes_and_initialization():
    layer = built_dense(5, 7, kernel_initializer=initializers.RandomUniform(-0.3, 0.3), bias_initializer="ones")
    assert layer.W.shape == (5, 7) and layer.b.shape == (7,)
    assert layer.W.dtype == np.float64
    assert np.all(np.abs(layer.W) <= 0.3) and layer.W.std() > 0.05
    np.testing.assert_array_equal(layer.b, np.ones(7))
    assert layer.input_dim == 5 and layer.output_dim == 7 and layer.built


def test_dense_default_initializer_is_glorot_uniform():
    layer = built_dense(40, 60)
    limit = np.sqrt(6 / (40 + 60))
    assert np.all(np.abs(layer.W) <= limit) and np.abs(layer.W).max() > 0.9 * limit
    np.testing.assert_array_equal(layer.b, 0.0)


@pytest.mark.parametrize("n_in, units, use_bias", [(16, 8, True), (8, 2, True), (3, 5, False)])
def test_count_params_matches_formula_and_keras(n_in, units, use_bias):
    layer = built_dense(n_in, units, use_bias=use_bias)
    assert layer.count_params() == (n_in + use_bias) * units
    k = keras.layers.Dense(units, use_bias=use_bias)
    k.build((None, n_in))
    assert layer.count_params() == k.count_params()
    assert [w.shape for w in layer.get_weights()] == [tuple(w.shape) for w in k.get_weights()]


# --- Dense: hacia delante y hacia atrás --------------------------------------------------------
def test_dense_forward_by_hand():
    layer = built_dense(2, 2, activation="tanh")
    layer.set_weights([np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([0.1, -0.2])])
    x = np.array([[1.0, 2.0], [-1.0, 0.0]])
    # fila 1: z = (1 + 1 + 0.1, -1 + 4 - 0.2) = (2.1, 2.8); fila 2: z = (-1 + 0.1, 1 - 0.2) = (-0.9, 0.8)
    expected = np.tanh(np.array([[2.1, 2.8], [-0.9, 0.8]]))
    np.testing.assert_allclose(layer.forward(x), expected, rtol=1e-15)


@pytest.mark.parametrize("activation", ["linear", "sigmoid", "tanh", "relu", "elu", "gelu", "swish",
                                        "leaky_relu", "softmax"])
def test_dense_backward_matches_finite_differences(activation):
    rng = np.random.default_rng(1)
    layer = built_dense(3, 4, activation=activation, bias_initializer=initializers.RandomNormal(0, 0.5))
    x = rng.normal(size=(5, 3))
    R = rng.normal(size=(5, 4))  # J = sum(R * a): dJ/da = R

    def J_of(W=None, b=None, xx=None):
        W = layer.W if W is None else W
        b = layer.b if b is None else b
        xx = x if xx is None else xx
        return float(np.sum(R * layer.activation(xx @ W + b)))

    layer.forward(x)
    dx = layer.backward(R)
    np.testing.assert_allclose(layer.dW, finite_differences(lambda W: J_of(W=W), layer.W.copy()), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(layer.db, finite_differences(lambda b: J_of(b=b), layer.b.copy()), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(dx, finite_differences(lambda xx: J_of(xx=xx), x.copy()), rtol=1e-6, atol=1e-8)


def test_dense_without_bias():
    layer = built_dense(3, 2, use_bias=False)
    assert layer.b is None and len(layer.params) == 1 and layer.count_params() == 6
    x = np.ones((4, 3))
    np.testing.assert_allclose(layer.forward(x), x @ layer.W)
    layer.backward(np.ones((4, 2)))
    assert layer.db is None and layer.dW.shape == (3, 2)


def test_dense_regularizers_add_penalty_and_gradient():
    layer = built_dense(3, 2, kernel_regularizer=regularizers.L2(0.5), bias_regularizer=regularizers.L1(0.25),
                        bias_initializer=initializers.Constant(-2.0))
    W = layer.W.copy()
    assert layer.regularization_loss() == pytest.approx(0.5 * np.sum(W**2) + 0.25 * 2 * 2.0)
    x = np.ones((1, 3))
    layer.forward(x)
    layer.backward(np.zeros((1, 2)))  # sin gradiente de los datos: solo queda el de las penalizaciones
    np.testing.assert_allclose(layer.dW, 2 * 0.5 * W)
    np.testing.assert_allclose(layer.db, [-0.25, -0.25])
    assert built_dense().regularization_loss() == 0.0
    assert Dense(2, kernel_regularizer="l2").kernel_regularizer.l2 == 0.01


def test_set_weights_copies_and_checks_shapes():
    layer = built_dense(3, 2)
    W, b = np.arange(6.0).reshape(3, 2), np.array([1.0, 2.0])
    layer.set_weights([W, b])
    W[0, 0] = 99.0
    assert layer.W[0, 0] == 0.0
    with pytest.raises(ValueError, match=r"weights\[0\].*forma \(3, 2\).*\(2, 3\)"):
        layer.set_weights([np.zeros((2, 3)), b])
    with pytest.raises(ValueError, match="espera 2 arreglos"):
        layer.set_weights([W])


def test_float32_weights_are_kept():
    layer = built_dense(3, 2, activation="relu")
    layer.set_weights([w.astype(np.float32) for w in layer.get_weights()])
    x = np.ones((4, 3), dtype=np.float32)
    assert layer.forward(x).dtype == np.float32
    layer.backward(np.ones((4, 2), dtype=np.float32))
    assert layer.dW.dtype == np.float32 and layer.db.dtype == np.float32


# --- Dropout y Activation ----------------------------------------------------------------------
def test_dropout_inverted_scaling_and_mask_in_backward():
    layer = Dropout(0.25)
    layer.build(200, np.random.default_rng(0))
    x = np.ones((100, 200))
    np.testing.assert_array_equal(layer.forward(x, training=False), x)
    out = layer.forward(x, training=True)
    kept = out != 0
    assert abs(1 - kept.mean() - 0.25) < 0.01          # apaga ~25 %
    np.testing.assert_allclose(out[kept], 1 / 0.75)    # y escala el resto por 1/(1 - rate)
    assert abs(out.mean() - 1.0) < 0.02                 # la media se conserva
    g = np.arange(x.size, dtype=float).reshape(x.shape)
    np.testing.assert_allclose(layer.backward(g), g * out)  # mismo mapa de ceros y la misma escala
    # mismo comportamiento de escala que Keras (rate=0.25 -> 1/0.75)
    k_out = np.asarray(keras.layers.Dropout(0.25, seed=1)(np.ones((10, 200)), training=True))
    np.testing.assert_allclose(np.unique(k_out), [0.0, 1 / 0.75], rtol=1e-6)


def test_dropout_zero_rate_is_identity():
    layer = Dropout(0.0)
    layer.build(3, np.random.default_rng(0))
    x = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(layer.forward(x, training=True), x)
    assert layer.count_params() == 0 and layer.get_weights() == []


def test_activation_layer_forward_and_backward():
    layer = Activation("softmax")
    layer.build(4, np.random.default_rng(0))
    rng = np.random.default_rng(2)
    x, R = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    e = np.exp(x)
    np.testing.assert_allclose(layer.forward(x), e / e.sum(1, keepdims=True))
    numeric = finite_differences(lambda xx: float(np.sum(R * layer.activation(xx))), x.copy())
    np.testing.assert_allclose(layer.backward(R), numeric, rtol=1e-6, atol=1e-9)
    assert layer.count_params() == 0


# --- Errores -----------------------------------------------------------------------------------
@pytest.mark.parametrize("units", [0, -3])
def test_dense_units_must_be_positive(units):
    with pytest.raises(ValueError, match=r"`units` debe ser mayor que 0; llegó"):
        Dense(units)


def test_dense_units_must_be_integer():
    with pytest.raises(TypeError, match=r"`units` debe ser un entero; llegó 2.5"):
        Dense(2.5)


def test_dense_input_dim_must_be_positive():
    with pytest.raises(ValueError, match="`input_dim` debe ser mayor que 0"):
        Dense(3, input_dim=0)


@pytest.mark.parametrize("rate", [1.0, 1.5, -0.1])
def test_dropout_rate_outside_range(rate):
    with pytest.raises(ValueError, match=r"`rate`.*\[0, 1\); llegó"):
        Dropout(rate)


def test_unknown_activation_name_suggests():
    with pytest.raises(ValueError, match="activación desconocido: 'reluu'.*¿Quiso decir 'relu'"):
        Dense(3, activation="reluu")


def test_unknown_initializer_name():
    with pytest.raises(ValueError, match="glorot_unifrom"):
        Dense(3, kernel_initializer="glorot_unifrom")


def test_input_shape_alias_like_keras():
    assert Dense(3, input_shape=(5,)).input_dim == 5
    with pytest.raises(ValueError, match="input_shape"):
        Dense(3, input_shape=(5, 2))
