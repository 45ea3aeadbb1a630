"""nnlib.frameworks.keras: el mismo modelo en Keras; y una época de SGD igual en nnlib, Keras y PyTorch."""
import keras
import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from nnlib import activations, losses
from nnlib.frameworks import keras as nk
from nnlib.frameworks import torch as nt
from nnlib.layers import Dense
from nnlib.model import Sequential

from framework_cases import ACTIVATIONS, assert_same_nnlib_model, inputs, make_model


def _predict(keras_model, x):
    return np.asarray(keras_model(x, training=False))


@pytest.mark.parametrize("act", ACTIVATIONS, ids=str)
def test_to_keras_same_forward_float64(act):
    model = make_model(act)
    keras_model = nk.to_keras(model)
    assert keras.backend.floatx() == "float32"  # el estado global no cambia
    assert all(w.dtype == "float64" for w in keras_model.weights)
    out = _predict(keras_model, inputs())
    np.testing.assert_allclose(out, model.predict(inputs()), rtol=1e-6, atol=1e-6)
    # Keras en float64 guarda algunas constantes en float32 (la pendiente de leaky_relu, las de gelu).
    tight = 1e-7 if getattr(act, "name", act) in ("leaky_relu", "gelu") else 1e-12
    np.testing.assert_allclose(out, model.predict(inputs()), rtol=tight, atol=tight)


def test_to_keras_same_forward_float32():
    model = make_model("gelu", dtype=np.float32)
    keras_model = nk.to_keras(model)
    assert all(w.dtype == "float32" for w in keras_model.weights)
    out = _predict(keras_model, inputs(dtype=np.float32))
    np.testing.assert_allclose(out, model.predict(inputs(dtype=np.float32)), rtol=1e-5, atol=1e-5)


def test_to_keras_layout_and_weights():
    model = make_model(activations.LeakyReLU(negative_slope=0.05))
    keras_model = nk.to_keras(model)
    kinds = [type(layer).__name__ for layer in keras_model.layers]
    assert kinds == ["Dense", "LeakyReLU", "Dropout", "Dense", "Activation", "Dense"]
    assert keras_model.layers[1].negative_slope == 0.05 and keras_model.layers[2].rate == 0.3
    assert np.array_equal(keras_model.layers[0].kernel.numpy(), model.layers[0].W)  # misma forma: (entradas, salidas)
    assert keras_model.count_params() == model.count_params()


@pytest.mark.parametrize("act", ACTIVATIONS, ids=str)
def test_round_trip_nnlib_keras_nnlib_keeps_weights_exactly(act):
    model = make_model(act)
    back = nk.from_keras(nk.to_keras(model))
    assert_same_nnlib_model(model, back)


def test_from_keras_of_a_keras_model():
    nk.set_seed(0)
    keras_model = keras.Sequential([
        keras.Input(shape=(4,)), keras.layers.Dense(6), keras.layers.LeakyReLU(), keras.layers.Dropout(0.1),
        keras.layers.Dense(5, activation="elu", use_bias=False), keras.layers.ReLU(),
        keras.layers.Dense(2), keras.layers.Activation("softmax"),
    ])
    model = nk.from_keras(keras_model)
    assert [type(layer).__name__ for layer in model.layers] == ["Dense", "Dropout", "Dense", "Activation", "Dense",
                                                                "Activation"]
    # La LeakyReLU se une al Dense lineal anterior, con la pendiente de la capa de Keras (0.3, no 0.2).
    assert model.layers[0].activation.get_config() == {"negative_slope": 0.3}
    assert model.layers[2].b is None
    x = np.random.default_rng(0).normal(size=(9, 4)).astype("float32")
    np.testing.assert_allclose(model.predict(x), _predict(keras_model, x), rtol=1e-5, atol=1e-6)


def test_conversion_errors_are_spanish():
    with pytest.raises(TypeError, match="no sabe convertir la capa BatchNormalization"):
        nk.from_keras(keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2),
                                        keras.layers.BatchNormalization()]))
    with pytest.raises(ValueError, match="aún no tiene pesos"):
        nk.to_keras(Sequential([Dense(3), Dense(1)]))
    with pytest.raises(TypeError, match="nnlib.Sequential"):
        nk.to_keras([Dense(2)])
    with pytest.raises(ValueError, match="¿Quiso decir"):
        nk.loss("mean_squared_eror")


def test_set_seed_makes_keras_reproducible():
    def weights():
        nk.set_seed(5)
        return keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(4)]).get_weights()[0]
    assert np.array_equal(weights(), weights())


def test_loss_and_activation_from_nnlib_objects():
    ours = losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.2)
    theirs = nk.loss(ours)
    assert isinstance(theirs, keras.losses.BinaryCrossentropy)
    cfg = theirs.get_config()
    assert cfg["from_logits"] is True and cfg["label_smoothing"] == 0.2
    y, z = np.array([[1.0], [0.0]]), np.array([[2.0], [-0.5]])
    assert float(theirs(y, z)) == pytest.approx(ours(y, z), rel=1e-6)
    assert nk.activation("silu") is keras.activations.silu
    assert nk.activation(None) is keras.activations.linear


# ======================================================================================
# Una época de SGD: los mismos pesos en nnlib, Keras y PyTorch
# ======================================================================================
@pytest.mark.parametrize("loss", ["categorical_crossentropy", "mse"])
def test_one_sgd_epoch_same_weights_in_all_three(loss, float64_keras):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(100, 5))  # 100 = 3 lotes de 32 y uno de 4: la media ponderada también cuenta
    y = np.eye(3)[rng.integers(0, 3, size=100)]
    model = Sequential([Dense(8, activation="tanh", input_dim=5), Dense(6, activation="relu"),
                        Dense(3, activation="softmax")], seed=7)
    keras_model = nk.to_keras(model)
    torch_model = nt.to_torch(model)
    initial = model.get_weights()

    model.compile(optimizer="sgd", loss=loss)  # SGD(learning_rate=0.01) en los tres, como Keras
    history = model.fit(X, y, epochs=1, batch_size=32, shuffle=False, verbose=0)

    keras_model.compile(optimizer=nk.optimizer("sgd"), loss=nk.loss(loss))
    keras_history = keras_model.fit(X, y, epochs=1, batch_size=32, shuffle=False, verbose=0)

    loader = DataLoader(TensorDataset(torch.from_numpy(X), torch.from_numpy(y)), batch_size=32, shuffle=False)
    torch_history = nt.fit(torch_model, loader, nt.loss(loss), nt.optimizer("sgd", torch_model.parameters()),
                           epochs=1, verbose=False)

    keras_weights = [np.asarray(w) for w in keras_model.get_weights()]
    torch_weights = nt.from_torch(torch_model).get_weights()
    for w0, w, k, t in zip(initial, model.get_weights(), keras_weights, torch_weights):
        assert not np.allclose(w, w0, atol=1e-6)  # la época movió los pesos
        np.testing.assert_allclose(k, w, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(t, w, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(keras_history.history["loss"], history.history["loss"], rtol=1e-10)
    np.testing.assert_allclose(torch_history["loss"], history.history["loss"], rtol=1e-10)
