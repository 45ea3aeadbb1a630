"""Sequential: equivalencia con Keras (predicción, evaluación, entrenamiento), aprendizaje, semillas, errores."""
import warnings

import keras
import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from nnlib import optimizers, regularizers
from nnlib.callbacks import Callback
from nnlib.layers import Activation, Dense, Dropout
from nnlib.model import Sequential, TrainingDivergedError


def keras_regularizer(reg):
    # Keras guarda el coeficiente en float32: en las pruebas usamos potencias de 2, exactas en float32.
    if reg is None:
        return None
    return keras.regularizers.L1L2(l1=reg.l1, l2=reg.l2)


def keras_twin(model):
    """El mismo modelo escrito directamente en Keras, con los mismos pesos."""
    layers = [keras.Input((model.input_dim,), dtype="float64")]
    for layer in model.layers:
        if isinstance(layer, Dense):
            layers.append(keras.layers.Dense(
                layer.units, activation=layer.activation.name, use_bias=layer.use_bias,
                kernel_regularizer=keras_regularizer(layer.kernel_regularizer),
                bias_regularizer=keras_regularizer(layer.bias_regularizer)))
        elif isinstance(layer, Dropout):
            layers.append(keras.layers.Dropout(layer.rate))
        else:
            layers.append(keras.layers.Activation(layer.activation.name))
    km = keras.Sequential(layers)
    km.set_weights(model.get_weights())
    return km


def classification_data(n=60, n_in=4, n_classes=3, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, n_in))
    labels = (x[:, 0] + x[:, 1] ** 2 > 0.5).astype(int) + (x[:, 2] > 1).astype(int)
    return x, labels % n_classes


ARCHITECTURES = {
    "tanh-softmax-l2": (lambda: [Dense(6, activation="tanh", input_dim=4, kernel_regularizer=regularizers.L2(0.015625)),
                                 Dense(3, activation="softmax")],
                        "categorical_crossentropy", ["accuracy"]),
    "relu-dropout-gelu-sigmoid": (lambda: [Dense(8, activation="relu", input_dim=4), Dropout(0.3),
                                           Dense(5, activation="gelu", bias_regularizer=regularizers.L1(0.0625)),
                                           Dense(1, activation="sigmoid")],
                                  "binary_crossentropy", ["accuracy"]),
    "elu-linear-mse": (lambda: [Dense(5, activation="elu", input_dim=4), Activation("tanh"), Dense(2)],
                       "mse", ["mae"]),
}


def targets_for(loss, x, labels):
    if loss == "categorical_crossentropy":
        return np.eye(3)[labels]
    if loss == "binary_crossentropy":
        return (labels > 0).astype(float)
    return np.stack([np.sin(x[:, 0]), x[:, 1] * x[:, 2]], axis=1)


# --- Frente a Keras --------------------------------------------------------------------------------
@pytest.mark.parametrize("arch", ARCHITECTURES)
def test_predict_and_evaluate_match_keras(arch, float64_keras):
    make_layers, loss, metrics = ARCHITECTURES[arch]
    x, labels = classification_data()
    y = targets_for(loss, x, labels)
    model = Sequential(make_layers(), seed=3)
    model.compile(optimizer="sgd", loss=loss, metrics=metrics)
    km = keras_twin(model)
    km.compile(optimizer="sgd", loss=loss, metrics=metrics)
    # La gelu exacta de TensorFlow usa un erfc con error relativo ~1e-9 incluso en float64.
    rtol = 1e-8 if "gelu" in arch else 1e-12
    np.testing.assert_allclose(model.predict(x), km.predict(x, verbose=0), rtol=rtol, atol=1e-14)
    ours, theirs = model.evaluate(x, y), km.evaluate(x, y, verbose=0)
    np.testing.assert_allclose(ours, theirs, rtol=max(rtol, 1e-12))
    assert model.count_params() == km.count_params()


@pytest.mark.parametrize("case", ["sgd-momentum-cce-l2", "adam-mse-l1"])
def test_fit_matches_keras(case, float64_keras):
    """Mismo modelo, mismos pesos, sin barajar: los pesos y el historial deben coincidir con Keras."""
    x, labels = classification_data(n=50)
    if case == "sgd-momentum-cce-l2":
        layers = [Dense(6, activation="tanh", input_dim=4, kernel_regularizer=regularizers.L2(0.0078125)),
                  Dense(3, activation="softmax")]
        y, loss, metrics = np.eye(3)[labels], "categorical_crossentropy", ["accuracy"]
        # Keras redondea `momentum` a float32 (0.9 -> 0.899999976): usamos 0.875, exacto en float32.
        ours_opt = optimizers.SGD(0.1, momentum=0.875)
        keras_opt = keras.optimizers.SGD(0.1, momentum=0.875)
    else:
        layers = [Dense(6, activation="relu", input_dim=4, kernel_regularizer=regularizers.L1(0.0078125)),
                  Dense(2, activation="linear")]
        y, loss, metrics = targets_for("mse", x, labels), "mse", ["mae"]
        # Keras guarda beta_1, beta_2 y epsilon en float32: elegimos valores exactos en float32.
        adam = dict(learning_rate=0.01, beta_1=0.875, beta_2=1 - 2**-10, epsilon=2**-23)
        ours_opt, keras_opt = optimizers.Adam(**adam), keras.optimizers.Adam(**adam)
    model = Sequential(layers, seed=0)
    model.compile(optimizer=ours_opt, loss=loss, metrics=metrics)
    km = keras_twin(model)
    km.compile(optimizer=keras_opt, loss=loss, metrics=metrics)
    # 40 muestras de entrenamiento en lotes de 16: 16, 16 y 8 (un lote incompleto, que pesa menos)
    kwargs = dict(batch_size=16, epochs=3, shuffle=False, verbose=0, validation_split=0.2)
    history = model.fit(x, y, **kwargs)
    keras_history = km.fit(x, y, **kwargs)
    for ours, theirs in zip(model.get_weights(), km.get_weights()):
        np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)
    assert history.history.keys() == keras_history.history.keys()
    for key, values in keras_history.history.items():
        np.testing.assert_allclose(history.history[key], values, rtol=1e-9, err_msg=key)
    assert history.epoch == keras_history.epoch == [0, 1, 2]


def test_count_params_and_summary():
    model = Sequential([Dense(8, activation="relu", input_dim=16), Dropout(0.2), Dense(2, activation="softmax")])
    km = keras.Sequential([keras.Input((16,)), keras.layers.Dense(8), keras.layers.Dropout(0.2),
                           keras.layers.Dense(2)])
    assert model.count_params() == km.count_params() == (16 + 1) * 8 + (8 + 1) * 2
    lines = []
    model.summary(print_fn=lines.append)
    text = lines[0]
    assert "Capa (tipo)" in text and "Forma de salida" in text and "Parámetros" in text
    rows = {line.split()[0]: line.split() for line in text.splitlines() if line.startswith(" dense") or
            line.startswith(" dropout")}
    assert rows["dense"][-1] == "136" and rows["dense"][-3:-1] == ["(None,", "8)"]
    assert rows["dropout"][-1] == "0"
    assert rows["dense_1"][-1] == "18"
    assert "Parámetros totales: 154" in text and "Parámetros entrenables: 154" in text


def test_summary_prints_to_stdout(capsys):
    Sequential([Dense(3, input_dim=2)], name="mi_red").summary()
    out = capsys.readouterr().out
    assert 'Modelo: "mi_red"' in out and "Parámetros totales: 9" in out


# --- Aprendizaje -----------------------------------------------------------------------------------
def test_learns_xor():
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0])
    model = Sequential([Dense(4, activation="tanh", input_dim=2), Dense(1, activation="sigmoid")], seed=0)
    model.compile(optimizer=optimizers.Adam(0.05), loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=300, batch_size=4, verbose=0)
    assert history.history["loss"][-1] < 0.1 < history.history["loss"][0]
    np.testing.assert_array_equal((model.predict(x)[:, 0] > 0.5).astype(int), y)
    assert model.evaluate(x, y)[1] == 1.0


def test_learns_digits():
    X, y = load_digits(return_X_y=True)
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    mean, std = X_train.mean(0), X_train.std(0) + 1e-8
    X_train, X_val = (X_train - mean) / std, (X_val - mean) / std
    model = Sequential([Dense(32, activation="relu", input_dim=64), Dense(10, activation="softmax")], seed=0)
    model.compile(optimizer=optimizers.Adam(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(X_train, y_train, epochs=10, verbose=0, validation_data=(X_val, y_val))
    assert history.history["val_accuracy"][-1] > 0.95
    assert model.evaluate(X_val, y_val, return_dict=True)["accuracy"] == history.history["val_accuracy"][-1]


# --- Semillas y reproducibilidad ---------------------------------------------------------------------
def small_run(seed, **fit_kwargs):
    x, labels = classification_data(n=40)
    model = Sequential([Dense(5, activation="relu", input_dim=4), Dropout(0.2), Dense(3, activation="softmax")],
                       seed=seed)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, labels, epochs=3, batch_size=8, verbose=0, validation_split=0.25, **fit_kwargs)
    return model, history


def test_same_seed_same_history_and_weights():
    m1, h1 = small_run(7)
    m2, h2 = small_run(7)
    assert h1.history == h2.history
    for a, b in zip(m1.get_weights(), m2.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_different_or_no_seed_differ():
    _, h1 = small_run(1)
    _, h2 = small_run(2)
    assert h1.history["loss"] != h2.history["loss"]
    a = Sequential([Dense(5, input_dim=4)]).get_weights()[0]
    b = Sequential([Dense(5, input_dim=4)]).get_weights()[0]
    assert not np.array_equal(a, b)


def test_shuffle_uses_model_rng():
    _, h1 = small_run(3, shuffle=True)
    _, h2 = small_run(3, shuffle=False)
    assert h1.history["loss"][0] != h2.history["loss"][0]


# --- fit: lotes y validación ----------------------------------------------------------------------
class Recorder(Callback):
    def __init__(self):
        super().__init__()
        self.sizes, self.batch_logs = [], []

    def on_batch_end(self, batch, logs=None):
        self.sizes.append(logs["size"])
        self.batch_logs.append(dict(logs))


def test_batches_default_and_full_batch():
    x, y = classification_data(n=70)
    model = Sequential([Dense(3, activation="softmax", input_dim=4)], seed=0)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    rec = Recorder()
    model.fit(x, y, verbose=0, callbacks=[rec])
    assert rec.sizes == [32, 32, 6] and rec.params["steps"] == 3
    rec = Recorder()
    model.fit(x, y, batch_size=1000, verbose=0, callbacks=[rec])
    assert rec.sizes == [70]


def test_full_batch_sgd_is_one_gradient_step():
    x, y = classification_data(n=30)
    model = Sequential([Dense(4, activation="tanh", input_dim=4), Dense(3, activation="softmax")], seed=0)
    model.compile(optimizer=optimizers.SGD(0.5), loss="sparse_categorical_crossentropy")
    before = model.get_weights()
    grads = [g for pair in model.gradients(x, y) for g in pair]
    loss_before = model.evaluate(x, y)
    history = model.fit(x, y, batch_size=30, epochs=1, verbose=0)
    assert history.history["loss"] == [pytest.approx(loss_before, rel=1e-12)]
    for w0, g, w1 in zip(before, grads, model.get_weights()):
        np.testing.assert_allclose(w1, w0 - 0.5 * g, rtol=1e-12, atol=1e-15)


def test_epoch_loss_is_batch_size_weighted_mean():
    x, y = classification_data(n=20)
    model = Sequential([Dense(3, activation="softmax", input_dim=4)], seed=0)
    model.compile(optimizer=optimizers.SGD(0.3), loss="sparse_categorical_crossentropy")
    # Repetimos a mano los pasos, en el mismo orden (sin barajar), y ponderamos cada lote por su tamaño.
    twin = Sequential([Dense(3, activation="softmax", input_dim=4)], seed=0)
    twin.compile(optimizer=optimizers.SGD(0.3), loss="sparse_categorical_crossentropy")
    batch_losses = [twin.train_on_batch(x[i:i + 8], y[i:i + 8]) for i in (0, 8, 16)]
    history = model.fit(x, y, batch_size=8, shuffle=False, verbose=0)
    expected = (8 * batch_losses[0] + 8 * batch_losses[1] + 4 * batch_losses[2]) / 20
    assert history.history["loss"][0] == pytest.approx(expected, rel=1e-12)


def test_validation_split_takes_the_last_rows():
    x, y = classification_data(n=50)
    model = Sequential([Dense(3, activation="softmax", input_dim=4)], seed=0)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    rec = Recorder()
    history = model.fit(x, y, batch_size=1, epochs=2, verbose=0, validation_split=0.3, callbacks=[rec])
    assert rec.params["steps"] == 35  # floor(50 · 0.7) muestras de entrenamiento, una por lote
    last = model.evaluate(x[35:], y[35:], return_dict=True)
    assert history.history["val_loss"][-1] == pytest.approx(last["loss"], rel=1e-12)
    assert history.history["val_accuracy"][-1] == last["accuracy"]


def test_validation_data_overrides_split_and_history_keys():
    x, y = classification_data(n=40)
    xv, yv = classification_data(n=10, seed=1)
    model = Sequential([Dense(3, activation="softmax", input_dim=4)], seed=0)
    y, yv = np.eye(3)[y], np.eye(3)[yv]
    model.compile(optimizer="sgd", loss="categorical_crossentropy", metrics=["acc", "mse"])
    history = model.fit(x, y, epochs=2, verbose=0, validation_data=(xv, yv), validation_split=0.5)
    assert list(history.history) == ["loss", "acc", "mse", "val_loss", "val_acc", "val_mse"]
    assert all(len(v) == 2 for v in history.history.values())
    assert model.history is history
    assert history.history["val_loss"][-1] == pytest.approx(model.evaluate(xv, yv)[0], rel=1e-12)


def test_stop_training_from_callback():
    class StopAfterTwoBatches(Callback):
        def on_batch_end(self, batch, logs=None):
            if batch == 1:
                self.model.stop_training = True

    x, y = classification_data(n=64)
    model = Sequential([Dense(3, activation="softmax", input_dim=4)], seed=0)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    rec = Recorder()
    history = model.fit(x, y, batch_size=8, epochs=5, verbose=0, callbacks=[StopAfterTwoBatches(), rec])
    assert len(rec.sizes) == 2 and len(history.history["loss"]) == 1


# --- verbose ---------------------------------------------------------------------------------------
def test_verbose_modes(capsys):
    x, y = classification_data(n=40)
    model = Sequential([Dense(3, activation="softmax", input_dim=4)], seed=0)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x, y, epochs=2, verbose=0)
    assert capsys.readouterr().out == ""
    history = model.fit(x, y, epochs=2, verbose=2, validation_split=0.25)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("Época 2/2 - loss: ")
    assert f"val_loss: {history.history['val_loss'][1]:.4f}" in lines[1]
    model.fit(x, y, epochs=3, batch_size=8)  # verbose="auto" -> 1
    out = capsys.readouterr().out
    assert out.count("Época ") == 3 and "Época 3/3\n" in out
    final = out.split("Época 3/3\n")[1].split("\r")[-1]
    assert final.startswith("5/5 " + "━" * 20 + " - loss: ") and final.endswith("\n")
    assert "accuracy: " in final


# --- Divergencia -----------------------------------------------------------------------------------
def test_huge_learning_rate_raises_training_diverged():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 3)) * 10
    y = x @ np.array([[1.0], [2.0], [-1.0]])
    model = Sequential([Dense(16, activation="relu", input_dim=3), Dense(1)], seed=0)
    model.compile(optimizer=optimizers.SGD(learning_rate=1.0), loss="mse")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # ningún aviso de NumPy: solo el error claro
        with pytest.raises(TrainingDivergedError, match=r"época \d+, lote \d+.*Pruebe con un learning_rate "
                                                        r"10 veces menor \(0\.1\)") as info:
            model.fit(x, y, batch_size=16, epochs=20, verbose=0)
    err = info.value
    assert err.epoch >= 1 and err.batch >= 1 and not np.isfinite(err.loss)
    assert len(err.history.history.get("loss", [])) == err.epoch - 1
    assert isinstance(err, RuntimeError)


# --- Construcción, pesos, predicción -------------------------------------------------------------------
def test_lazy_build_from_x_and_layer_names():
    model = Sequential(seed=0)
    model.add(Dense(4, activation="relu"))
    model.add(Dense(4))
    model.add(Dense(2))
    assert not model.built and [layer.name for layer in model.layers] == ["dense", "dense_1", "dense_2"]
    with pytest.raises(ValueError, match="aún no tiene pesos"):
        model.summary()
    out = model.predict(np.ones((5, 7)))
    assert out.shape == (5, 2) and model.built and model.layers[0].W.shape == (7, 4)
    model.add(Dense(3))
    assert model.layers[-1].W.shape == (2, 3)


def test_get_set_weights_round_trip_and_errors():
    model = Sequential([Dense(4, input_dim=3), Dense(2)], seed=0)
    weights = model.get_weights()
    assert [w.shape for w in weights] == [(3, 4), (4,), (4, 2), (2,)]
    other = Sequential([Dense(4, input_dim=3), Dense(2)], seed=1)
    other.set_weights(weights)
    x = np.random.default_rng(0).normal(size=(5, 3))
    np.testing.assert_array_equal(other.predict(x), model.predict(x))
    with pytest.raises(ValueError, match=r"set_weights espera 4 arreglos"):
        other.set_weights(weights[:3])
    with pytest.raises(ValueError, match=r"formas"):
        other.set_weights([w.T for w in weights])
    unbuilt = Sequential([Dense(4), Dense(2)])
    unbuilt.set_weights(weights)  # se construye a partir de la forma de W1
    np.testing.assert_array_equal(unbuilt.predict(x), model.predict(x))


def test_predict_in_batches_and_float32_input():
    model = Sequential([Dense(4, activation="tanh", input_dim=3), Dense(2)], seed=0)
    x = np.random.default_rng(0).normal(size=(50, 3))
    np.testing.assert_allclose(model.predict(x, batch_size=7), model.predict(x), rtol=1e-15)
    out32 = model.predict(x.astype(np.float32))
    np.testing.assert_allclose(out32, model.predict(x), rtol=1e-6)
    model.compile(loss="mse", optimizer="sgd")
    model.fit(x.astype(np.float32), np.zeros((50, 2), dtype=np.float32), epochs=1, verbose=0)


def test_evaluate_returns_like_keras():
    x, y = classification_data(n=20)
    model = Sequential([Dense(3, activation="softmax", input_dim=4)], seed=0)
    model.compile(loss="sparse_categorical_crossentropy")
    assert isinstance(model.evaluate(x, y), float)
    model.compile(loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    result = model.evaluate(x, y)
    assert isinstance(result, list) and len(result) == 2
    assert result[1] == np.mean(np.argmax(model.predict(x), axis=1) == y)


# --- Errores ---------------------------------------------------------------------------------------
@pytest.fixture
def compiled():
    model = Sequential([Dense(4, activation="relu", input_dim=3), Dense(2, activation="softmax")], seed=0)
    model.compile(optimizer="sgd", loss="categorical_crossentropy")
    return model


def test_fit_and_evaluate_before_compile():
    model = Sequential([Dense(1, input_dim=2)])
    with pytest.raises(RuntimeError, match=r"no está compilado.*model\.compile.*antes de fit\(\)"):
        model.fit(np.ones((3, 2)), np.ones(3))
    with pytest.raises(RuntimeError, match=r"antes de evaluate\(\)"):
        model.evaluate(np.ones((3, 2)), np.ones(3))


def test_compile_needs_a_loss_and_known_names():
    model = Sequential([Dense(1, input_dim=2)])
    with pytest.raises(ValueError, match="compile necesita una función de pérdida"):
        model.compile(optimizer="sgd")
    with pytest.raises(ValueError, match="¿Quiso decir 'mean_squared_error'"):
        model.compile(loss="mean_squared_eror")
    with pytest.raises(ValueError, match="¿Quiso decir 'adam'"):
        model.compile(loss="mse", optimizer="adamm")
    with pytest.raises(ValueError, match="¿Quiso decir 'accuracy'"):
        model.compile(loss="mse", metrics=["acuracy"])


def test_different_number_of_samples(compiled):
    with pytest.raises(ValueError, match=r"mismo número de muestras; llegaron 5 y 4"):
        compiled.fit(np.ones((5, 3)), np.ones((4, 2)))


def test_input_width_mismatch(compiled):
    with pytest.raises(ValueError, match=r"`x` tiene 4 columnas.*espera 3 \(input_dim"):
        compiled.fit(np.ones((5, 4)), np.ones((5, 2)))
    with pytest.raises(ValueError, match=r"`x` tiene 4 columnas"):
        compiled.predict(np.ones((5, 4)))


def test_one_dimensional_x_gets_a_hint(compiled):
    with pytest.raises(ValueError, match=r"2 dimensiones.*x\.reshape\(-1, 1\)"):
        compiled.predict(np.ones(5))


def test_output_width_mismatch(compiled):
    with pytest.raises(ValueError, match=r"`y` tiene 3 columna\(s\).*tiene 2 salidas \(units=2\)"):
        compiled.fit(np.ones((5, 3)), np.ones((5, 3)))
    with pytest.raises(ValueError, match=r"sparse_categorical_crossentropy.*one-hot"):
        compiled.fit(np.ones((5, 3)), np.array([0, 1, 1, 0, 1]))


def test_nan_in_x_or_y(compiled):
    x, y = np.ones((5, 3)), np.eye(2)[[0, 1, 0, 1, 0]]
    x[2, 1] = np.nan
    with pytest.raises(ValueError, match=r"`x` contiene 1 valores NaN"):
        compiled.fit(x, y)
    y[0, 0] = np.inf
    with pytest.raises(ValueError, match=r"`y` contiene 1 valores NaN o infinitos"):
        compiled.fit(np.ones((5, 3)), y)


def test_sparse_labels_out_of_range():
    model = Sequential([Dense(3, activation="softmax", input_dim=2)])
    model.compile(loss="sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match=r"enteros entre 0 y 2 \(la última capa tiene 3 salidas\); "
                                         r"llegaron valores entre 0 y 3"):
        model.fit(np.ones((4, 2)), np.array([0, 1, 2, 3]))
    with pytest.raises(ValueError, match=r"entre -1 y 1"):
        model.evaluate(np.ones((2, 2)), np.array([-1, 1]))
    with pytest.raises(ValueError, match=r"one-hot, use 'categorical_crossentropy'"):
        model.fit(np.ones((4, 2)), np.eye(3)[[0, 1, 2, 0]])


def test_bad_fit_arguments(compiled):
    x, y = np.ones((10, 3)), np.eye(2)[[0, 1] * 5]
    with pytest.raises(ValueError, match="`batch_size` debe ser mayor que 0"):
        compiled.fit(x, y, batch_size=0)
    with pytest.raises(ValueError, match="`verbose` debe ser 0, 1, 2 o 'auto'"):
        compiled.fit(x, y, verbose=3)
    with pytest.raises(ValueError, match="`validation_split` debe estar entre 0 y 1"):
        compiled.fit(x, y, validation_split=1.0, verbose=0)
    with pytest.raises(ValueError, match="`validation_data` debe ser una tupla"):
        compiled.fit(x, y, validation_data=x, verbose=0)
    with pytest.raises(ValueError, match=r"validation_data\[0\]` tiene 2 columnas"):
        compiled.fit(x, y, validation_data=(np.ones((3, 2)), y[:3]), verbose=0)
    with pytest.raises(TypeError, match="`callbacks` debe ser una lista"):
        compiled.fit(x, y, callbacks=[print], verbose=0)


def test_bad_construction():
    with pytest.raises(TypeError, match="Solo se pueden añadir capas"):
        Sequential([keras.layers.Dense(3)])
    with pytest.raises(TypeError, match="`seed` debe ser None o un entero"):
        Sequential(seed=1.5)
    with pytest.raises(ValueError, match="se declaró con input_dim=5, pero le llegan 4"):
        Sequential([Dense(4, input_dim=3), Dense(2, input_dim=5)])
    with pytest.raises(ValueError, match="El modelo no tiene capas"):
        Sequential().predict(np.ones((2, 2)))
    with pytest.raises(ValueError, match="Ya hay una capa llamada 'a'"):
        Sequential([Dense(2, input_dim=2, name="a"), Dense(2, name="a")])


# --- El tipo del modelo (dtype) ----------------------------------------------------------------------
def test_float32_data_train_a_float32_model():
    """Como Keras: pesos, gradientes y estado del optimizador en el tipo del modelo, que elige el primer fit."""
    x, labels = classification_data(n=40)
    model = Sequential([Dense(5, activation="relu", input_dim=4), Dense(3, activation="softmax")], seed=0)
    assert model.dtype == np.float64  # antes de entrenar: float64, como los sorteos de los inicializadores
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x.astype(np.float32), labels, epochs=2, batch_size=8, verbose=0)
    assert model.dtype == np.float32
    assert all(w.dtype == np.float32 for w in model.get_weights())
    assert all(g.dtype == np.float32 for g in model.trainable_grads())
    assert all(m.dtype == np.float32 for m in model.optimizer.momentums + model.optimizer.velocities)
    assert model.predict(x).dtype == np.float32  # los datos float64 se convierten al tipo del modelo
    # el tipo ya está decidido: entrenar después con float64 no lo cambia
    model.fit(x, labels, epochs=1, verbose=0)
    assert model.dtype == np.float32 and model.layers[0].W.dtype == np.float32


def test_float32_training_follows_float64_training_closely():
    """float32 no es otro algoritmo: la misma semilla da casi la misma trayectoria que float64."""
    x, labels = classification_data(n=40)

    def run(dtype):
        model = Sequential([Dense(5, activation="tanh", input_dim=4), Dense(3, activation="softmax")], seed=0)
        model.compile(optimizer=optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
        return model, model.fit(x.astype(dtype), labels, epochs=5, batch_size=8, verbose=0)

    m32, h32 = run(np.float32)
    m64, h64 = run(np.float64)
    assert m64.dtype == np.float64 and m64.layers[0].W.dtype == np.float64
    np.testing.assert_allclose(h32.history["loss"], h64.history["loss"], rtol=1e-5)
    for a, b in zip(m32.get_weights(), m64.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


def test_explicit_dtype_and_set_weights():
    model = Sequential([Dense(3, input_dim=2)], seed=0, dtype="float32")
    assert model.layers[0].W.dtype == np.float32
    model.compile(loss="mse", optimizer="sgd")
    model.fit(np.ones((4, 2)), np.ones((4, 3)), verbose=0)  # datos float64: el modelo sigue en float32
    assert model.dtype == np.float32
    model.set_weights([np.ones((2, 3)), np.zeros(3)])       # se copian en float32
    assert model.layers[0].W.dtype == np.float32
    free = Sequential([Dense(3, input_dim=2)], seed=0)
    free.set_weights([np.ones((2, 3), np.float32), np.zeros(3, np.float32)])  # antes de entrenar: toma su tipo
    assert free.dtype == np.float32 and free.layers[0].b.dtype == np.float32
    with pytest.raises(TypeError, match="`dtype` debe ser 'float32' o 'float64'; llegó el texto 'float16'"):
        Sequential(dtype="float16")


def test_first_layer_skips_the_gradient_of_the_data():
    """La primera capa no calcula dJ/dx (las entradas no se entrenan); los gradientes de los pesos no cambian."""
    x, labels = classification_data(n=20)
    model = Sequential([Dense(4, activation="tanh", input_dim=4), Dense(3, activation="softmax")], seed=0)
    model.compile(loss="sparse_categorical_crossentropy")
    grads = model.gradients(x, labels)
    first = model.layers[0]
    assert first.backward(np.ones((20, 4)), input_grad=False) is None
    dx = first.backward(np.ones((20, 4)))
    assert dx.shape == (20, 4)
    for (dW, db), layer in zip(grads, model.layers):
        assert dW.shape == layer.W.shape and db.shape == layer.b.shape
