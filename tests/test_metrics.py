"""Métricas de nnlib frente a keras.metrics, resolución de "accuracy" y errores."""
import keras
import numpy as np
import pytest

from nnlib import losses, metrics
from nnlib.layers import Dense
from nnlib.model import Sequential

RNG = np.random.default_rng(0)
N = 50


def keras_value(metric, y_true, y_pred):
    metric.update_state(y_true, y_pred)
    return float(metric.result())


def probabilities(n, k):
    e = np.exp(RNG.normal(size=(n, k)))
    return e / e.sum(1, keepdims=True)


@pytest.mark.parametrize("threshold", [0.5, 0.3])
@pytest.mark.parametrize("shape", [(N, 1), (N,), (N, 3)])
def test_binary_accuracy_matches_keras(threshold, shape):
    y_true = RNG.integers(0, 2, size=shape).astype(float)
    y_pred = RNG.uniform(size=shape)
    y_pred.flat[:3] = threshold  # en el umbral: Keras predice 0 (usa «mayor que»)
    expected = keras_value(keras.metrics.BinaryAccuracy(threshold=threshold), y_true, y_pred)
    assert metrics.BinaryAccuracy(threshold)(y_true, y_pred) == pytest.approx(expected, abs=1e-7)


def test_binary_accuracy_mixed_ranks_like_keras():
    y_true, y_pred = RNG.integers(0, 2, size=N).astype(float), RNG.uniform(size=(N, 1))
    expected = keras_value(keras.metrics.BinaryAccuracy(), y_true, y_pred)
    assert metrics.get("binary_accuracy")(y_true, y_pred) == pytest.approx(expected, abs=1e-7)


def test_categorical_accuracy_matches_keras():
    y_true = np.eye(4)[RNG.integers(0, 4, size=N)]
    y_pred = probabilities(N, 4)
    expected = keras_value(keras.metrics.CategoricalAccuracy(), y_true, y_pred)
    assert metrics.get("categorical_accuracy")(y_true, y_pred) == pytest.approx(expected, abs=1e-7)


@pytest.mark.parametrize("shape", [(N,), (N, 1)])
def test_sparse_categorical_accuracy_matches_keras(shape):
    y_true = RNG.integers(0, 4, size=shape)
    y_pred = probabilities(N, 4)
    expected = keras_value(keras.metrics.SparseCategoricalAccuracy(), y_true, y_pred)
    assert metrics.get("sparse_categorical_accuracy")(y_true, y_pred) == pytest.approx(expected, abs=1e-7)


@pytest.mark.parametrize("name, keras_cls", [("mae", keras.metrics.MeanAbsoluteError),
                                             ("mean_absolute_error", keras.metrics.MeanAbsoluteError),
                                             ("mse", keras.metrics.MeanSquaredError),
                                             ("mean_squared_error", keras.metrics.MeanSquaredError)])
@pytest.mark.parametrize("shape", [(N, 3), (N, 1)])
def test_regression_metrics_match_keras(name, keras_cls, shape):
    y_true, y_pred = RNG.normal(size=shape), RNG.normal(size=shape)
    expected = keras_value(keras_cls(dtype="float64"), y_true, y_pred)
    assert metrics.get(name)(y_true, y_pred) == pytest.approx(expected, rel=1e-12)
    assert metrics.get(name).direction == "down"


def test_hand_values():
    assert metrics.get("binary_accuracy")([1, 0, 1, 0], [0.9, 0.2, 0.4, 0.6]) == 0.5
    assert metrics.get("categorical_accuracy")([[0, 1], [1, 0], [1, 0]], [[0.3, 0.7], [0.6, 0.4], [0.1, 0.9]]) \
        == pytest.approx(2 / 3)
    assert metrics.get("mae")([1.0, 2.0], [2.0, 4.0]) == 1.5
    assert metrics.get("mse")([1.0, 2.0], [2.0, 4.0]) == 2.5


@pytest.mark.parametrize("loss, expected", [
    ("binary_crossentropy", metrics.BinaryAccuracy), ("bce", metrics.BinaryAccuracy),
    (losses.BinaryFocalCrossentropy(), metrics.BinaryAccuracy), ("hinge", metrics.BinaryAccuracy),
    ("categorical_crossentropy", metrics.CategoricalAccuracy), ("kld", metrics.CategoricalAccuracy),
    ("sparse_categorical_crossentropy", metrics.SparseCategoricalAccuracy),
    (losses.SparseCategoricalCrossentropy(from_logits=True), metrics.SparseCategoricalAccuracy),
    ("mse", metrics.Accuracy), (None, metrics.Accuracy),
])
def test_accuracy_resolved_from_the_loss(loss, expected):
    for name in ("accuracy", "acc", "Accuracy"):
        assert type(metrics.get(name, loss=loss)) is expected


@pytest.mark.parametrize("y_true, y_pred", [
    (RNG.integers(0, 2, size=(N, 1)).astype(float), RNG.uniform(size=(N, 1))),   # binaria
    (RNG.integers(0, 4, size=N), probabilities(N, 4)),                           # dispersa (N,)
    (RNG.integers(0, 4, size=(N, 1)), probabilities(N, 4)),                      # dispersa (N, 1)
    (np.eye(4)[RNG.integers(0, 4, size=N)], probabilities(N, 4)),               # one-hot
])
def test_accuracy_without_loss_decides_by_shape_like_keras(y_true, y_pred):
    km = keras.Sequential([keras.Input((y_pred.shape[1],)), keras.layers.Identity()])
    km.compile(loss="mse" if y_true.shape == y_pred.shape else "sparse_categorical_crossentropy",
               metrics=["accuracy"])
    expected = km.evaluate(y_pred, y_true, verbose=0, return_dict=True)["accuracy"]
    assert metrics.get("accuracy")(y_true, y_pred) == pytest.approx(expected, abs=1e-7)


def test_history_key_is_the_name_the_user_passed():
    x = RNG.normal(size=(20, 2))
    y = (x[:, 0] > 0).astype(float)
    model = Sequential([Dense(1, activation="sigmoid", input_dim=2)], seed=0)
    model.compile(optimizer="sgd", loss="binary_crossentropy",
                  metrics=["acc", "binary_accuracy", "MAE", metrics.MeanSquaredError()])
    history = model.fit(x, y, epochs=1, verbose=0)
    assert list(history.history) == ["loss", "acc", "binary_accuracy", "MAE", "mean_squared_error"]
    assert history.history["acc"] == history.history["binary_accuracy"]


def test_callable_metric_is_wrapped():
    def max_error(y_true, y_pred):
        return np.max(np.abs(np.asarray(y_true) - np.asarray(y_pred)))

    metric = metrics.get(max_error)
    assert metric.name == "max_error" and metric([1.0, 2.0], [1.5, 5.0]) == 3.0


def test_errors():
    with pytest.raises(ValueError, match="métrica desconocido: 'acuracy'.*¿Quiso decir 'accuracy'"):
        metrics.get("acuracy")
    with pytest.raises(TypeError, match="se esperaba un nombre"):
        metrics.get(3)
    with pytest.raises(ValueError, match="mismo número de muestras; llegaron 3 y 2"):
        metrics.get("mae")([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="misma forma"):
        metrics.get("mse")(np.ones((3, 2)), np.ones((3, 3)))
    with pytest.raises(ValueError, match="`y_pred` contiene 1 valores NaN"):
        metrics.get("mae")([1.0, 2.0], [1.0, np.nan])
    with pytest.raises(ValueError, match="una clase entera por muestra"):
        metrics.get("sparse_categorical_accuracy")(np.ones((3, 2)), np.ones((3, 2)))
    with pytest.raises(ValueError, match="repetida"):
        Sequential([Dense(1, input_dim=1)]).compile(loss="mse", metrics=["mae", "mae"])
