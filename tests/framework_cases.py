"""Casos comunes de las pruebas de nnlib.frameworks.keras y nnlib.frameworks.torch (no es un archivo de pruebas)."""
import numpy as np

from nnlib import activations
from nnlib.layers import Activation, Dense, Dropout
from nnlib.model import Sequential

#: Activaciones de la capa oculta: todas por nombre y dos con parámetros distintos de los de Keras.
ACTIVATIONS = ["linear", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "swish",
               activations.LeakyReLU(negative_slope=0.05), activations.ELU(alpha=0.5)]


def make_model(hidden_activation="relu", seed=0, dtype=np.float64):
    """Una red con todos los tipos de capa de nnlib: Dense, Dropout y Activation."""
    model = Sequential([Dense(7, activation=hidden_activation, input_dim=5), Dropout(0.3),
                        Dense(6, activation="tanh"), Activation("swish"), Dense(3, activation="softmax")], seed=seed)
    if dtype != np.float64:
        model.set_weights([w.astype(dtype) for w in model.get_weights()])
    return model


def inputs(n=20, dtype=np.float64):
    return np.random.default_rng(1).normal(size=(n, 5)).astype(dtype) * 2


def assert_same_nnlib_model(model, back):
    """``back`` (de ida y vuelta por un framework) tiene las mismas capas, activaciones y pesos, bit a bit."""
    assert [type(layer).__name__ for layer in back.layers] == [type(layer).__name__ for layer in model.layers]
    for a, b in zip(model.layers, back.layers):
        if hasattr(a, "activation"):
            assert a.activation.name == b.activation.name
            assert a.activation.get_config() == b.activation.get_config()
    for w, v in zip(model.get_weights(), back.get_weights()):
        assert w.dtype == v.dtype and np.array_equal(w, v)
    np.testing.assert_array_equal(back.predict(inputs()), model.predict(inputs()))
