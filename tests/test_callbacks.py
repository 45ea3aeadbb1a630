"""Callbacks: History, EarlyStopping (frente a Keras), LearningRateScheduler (frente a Keras), LearningRateFinder."""
import math

import keras
import matplotlib
import numpy as np
import pytest
from sklearn.datasets import load_digits

from nnlib import optimizers
from nnlib.callbacks import Callback, EarlyStopping, History, LearningRateFinder, LearningRateScheduler
from nnlib.layers import Dense
from nnlib.model import Sequential

matplotlib.use("Agg")


# --- History ---------------------------------------------------------------------------------------
def test_history_given_by_the_user_is_used_and_returned():
    x = np.random.default_rng(0).normal(size=(20, 2))
    model = Sequential([Dense(1, input_dim=2)], seed=0)
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    history = History()
    returned = model.fit(x, x[:, :1], epochs=3, verbose=0, callbacks=[history])
    assert returned is history and model.history is history
    assert history.epoch == [0, 1, 2]
    assert list(history.history) == ["loss", "mae"] and len(history.history["mae"]) == 3
    assert history.history["loss"][-1] < history.history["loss"][0]


# --- EarlyStopping frente a keras.callbacks.EarlyStopping -----------------------------------------------
class FakeModel:
    """Lo mínimo que usa un EarlyStopping: pesos (aquí, el número de época) y stop_training."""

    def __init__(self):
        self.w, self.stop_training, self.metrics = -1, False, []

    def get_weights(self):
        return [np.array(self.w)]

    def set_weights(self, weights):
        self.w = int(weights[0])


def drive(callback, values, monitor):
    """Simula fit: una época por valor, con los pesos iguales al número de época."""
    model = FakeModel()
    callback.set_model(model)
    callback.on_train_begin({})
    epochs = 0
    for epoch, value in enumerate(values):
        model.w = epoch
        callback.on_epoch_end(epoch, {monitor: value})
        epochs += 1
        if model.stop_training:
            break
    callback.on_train_end({})
    return epochs, model.w, callback.stopped_epoch, callback.best, callback.best_epoch


VALUES = [1.0, 0.8, 0.85, 0.9, 0.7, 0.75, 0.8, 0.9, 1.0, 1.1, 1.2]
SCENARIOS = [
    ("val_loss", VALUES, dict(patience=2)),
    ("val_loss", VALUES, dict(patience=0)),
    ("val_loss", VALUES, dict(patience=3, restore_best_weights=True)),
    ("val_loss", VALUES, dict(patience=2, min_delta=0.15, restore_best_weights=True)),
    ("val_loss", VALUES, dict(patience=1, start_from_epoch=3, restore_best_weights=True)),
    ("val_loss", [1.0, 0.9, 0.8, 0.7, 0.6], dict(patience=1, restore_best_weights=True)),  # nunca para
    ("val_loss", [0.5, 0.6, 0.7, 0.8], dict(patience=5, restore_best_weights=True)),       # lo mejor, al principio
    ("val_accuracy", [0.5, 0.7, 0.65, 0.72, 0.71, 0.70, 0.69], dict(patience=2, mode="max",
                                                                     restore_best_weights=True)),
    ("loss", [1.0, 1.0, 1.0, 0.99], dict(patience=1, mode="min")),
]


@pytest.mark.parametrize("monitor, values, kwargs", SCENARIOS, ids=[str(k) for _, _, k in SCENARIOS])
def test_early_stopping_matches_keras(monitor, values, kwargs):
    ours = drive(EarlyStopping(monitor=monitor, **kwargs), values, monitor)
    theirs = drive(keras.callbacks.EarlyStopping(monitor=monitor, **kwargs), values, monitor)
    assert ours[:3] == theirs[:3]                       # épocas, pesos finales, época de parada
    assert ours[3] == pytest.approx(float(theirs[3])) and ours[4] == theirs[4]  # mejor valor y su época


def test_early_stopping_in_fit_restores_best_weights():
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(60, 5)), rng.normal(size=(60, 1))  # ruido puro: la validación empeora pronto
    model = Sequential([Dense(64, activation="tanh", input_dim=5), Dense(1)], seed=0)
    model.compile(optimizer=optimizers.Adam(0.01), loss="mse")

    class Snapshots(Callback):
        def __init__(self):
            super().__init__()
            self.weights = []

        def on_epoch_end(self, epoch, logs=None):
            self.weights.append(self.model.get_weights())

    snapshots, stopper = Snapshots(), EarlyStopping(patience=3, restore_best_weights=True)
    history = model.fit(x, y, epochs=200, batch_size=16, verbose=0, validation_split=0.25,
                        callbacks=[snapshots, stopper])
    val = history.history["val_loss"]
    assert len(val) < 200 and stopper.stopped_epoch == len(val) - 1
    best = int(np.argmin(val))
    assert stopper.best_epoch == best and len(val) == best + 3 + 1
    for restored, saved in zip(model.get_weights(), snapshots.weights[best]):
        np.testing.assert_array_equal(restored, saved)
    assert model.evaluate(x[45:], y[45:]) == pytest.approx(val[best], rel=1e-12)


def test_early_stopping_auto_mode_uses_metric_direction():
    x = np.random.default_rng(1).normal(size=(30, 2))
    y = (x[:, 0] > 0).astype(float)
    model = Sequential([Dense(1, activation="sigmoid", input_dim=2)], seed=0)
    model.compile(optimizer="sgd", loss="binary_crossentropy", metrics=["accuracy", "mse"])
    for monitor, direction in [("val_accuracy", "up"), ("val_mse", "down"), ("loss", "down")]:
        stopper = EarlyStopping(monitor=monitor, patience=100)
        model.fit(x, y, epochs=2, verbose=0, validation_split=0.3, callbacks=[stopper])
        assert stopper._direction == direction


def test_early_stopping_errors():
    x = np.ones((10, 2))
    model = Sequential([Dense(1, input_dim=2)], seed=0)
    model.compile(optimizer="sgd", loss="mse")
    with pytest.raises(ValueError, match="vigila 'val_loss', que no está.*validation_data o validation_split"):
        model.fit(x, x[:, 0], verbose=0, callbacks=[EarlyStopping()])
    with pytest.raises(ValueError, match="`mode` debe ser 'auto', 'min' o 'max'"):
        EarlyStopping(mode="maximo")
    with pytest.raises(ValueError, match="`patience` debe ser mayor o igual que 0"):
        EarlyStopping(patience=-1)


# --- LearningRateScheduler ----------------------------------------------------------------------------
# Aviso interno de Keras con NumPy 2 al leer su tasa de aprendizaje; no viene de nnlib.
@pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning")
def test_learning_rate_scheduler_matches_keras():
    def schedule(epoch, lr):
        return lr if epoch < 2 else lr * 0.5

    x = np.random.default_rng(0).normal(size=(16, 2))
    y = x.sum(1, keepdims=True)
    model = Sequential([Dense(1, input_dim=2)], seed=0)
    model.compile(optimizer=optimizers.SGD(0.1), loss="mse")
    history = model.fit(x, y, epochs=5, verbose=0, callbacks=[LearningRateScheduler(schedule)])
    km = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    km.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    keras_history = km.fit(x, y, epochs=5, verbose=0, callbacks=[keras.callbacks.LearningRateScheduler(schedule)])
    np.testing.assert_allclose(history.history["learning_rate"], keras_history.history["learning_rate"], rtol=1e-7)
    np.testing.assert_allclose(history.history["learning_rate"], [0.1, 0.1, 0.05, 0.025, 0.0125])
    assert model.optimizer.learning_rate == pytest.approx(0.0125)


def test_learning_rate_scheduler_changes_the_steps():
    x = np.random.default_rng(0).normal(size=(8, 2))
    y = x.sum(1, keepdims=True)
    # con un solo lote por época, la época 1 debe dar el paso con la tasa que fijó el scheduler
    model = Sequential([Dense(1, input_dim=2)], seed=0)
    model.compile(optimizer=optimizers.SGD(0.1), loss="mse")
    model.fit(x, y, epochs=1, batch_size=8, verbose=0)
    w, grads = model.get_weights(), [g for pair in model.gradients(x, y) for g in pair]
    model.fit(x, y, epochs=1, batch_size=8, verbose=0, callbacks=[LearningRateScheduler(lambda epoch: 0.01)])
    for w0, g, w1 in zip(w, grads, model.get_weights()):
        np.testing.assert_allclose(w1, w0 - 0.01 * g, rtol=1e-12)


def test_learning_rate_scheduler_errors():
    with pytest.raises(TypeError, match="`schedule` debe ser una función"):
        LearningRateScheduler(0.1)
    model = Sequential([Dense(1, input_dim=2)])
    model.compile(optimizer="sgd", loss="mse")
    with pytest.raises(ValueError, match="debe devolver un número"):
        model.fit(np.ones((4, 2)), np.ones(4), verbose=0, callbacks=[LearningRateScheduler(lambda e, lr: "0.1")])


# --- LearningRateFinder --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    return (X - X.mean(0)) / (X.std(0) + 1e-8), y


def digits_model(optimizer, seed=0):
    model = Sequential([Dense(32, activation="relu", input_dim=64), Dense(10, activation="softmax")], seed=seed)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def test_finder_sweep_restores_model_and_replays_exactly(digits):
    X, y = digits[0][:256], digits[1][:256]
    model = digits_model(optimizers.SGD(0.01, momentum=0.5))
    before = model.get_weights()
    finder = LearningRateFinder(min_lr=1e-4, max_lr=1.0, num_steps=20).find(model, X, y, batch_size=64)
    n = len(finder.learning_rates)
    assert n == 20
    np.testing.assert_allclose(finder.learning_rates, 1e-4 * (1e4) ** (np.arange(n) / 19), rtol=1e-12)
    # todo vuelve a su sitio: pesos, tasa y estado del optimizador
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert model.optimizer.learning_rate == 0.01 and model.optimizer.iterations == 0
    # repetimos el barrido a mano, lote a lote: mismas pérdidas por lote
    twin = digits_model(optimizers.SGD(0.01, momentum=0.5))
    losses = []
    for _ in range(math.ceil(20 / 4)):
        order = twin.rng.permutation(len(X))
        for start in range(0, len(X), 64):
            idx = order[start:start + 64]
            twin.optimizer.learning_rate = finder.learning_rate_at(len(losses))
            losses.append(twin.train_on_batch(X[idx], y[idx]))
    np.testing.assert_allclose(finder.raw_losses, losses, rtol=1e-9)
    smoothed, avg = [], 0.0
    for i, loss in enumerate(losses):
        avg = 0.98 * avg + 0.02 * loss
        smoothed.append(avg / (1 - 0.98 ** (i + 1)))
    np.testing.assert_allclose(finder.losses, smoothed, rtol=1e-9)


def test_finder_suggestion_is_plausible(digits):
    X, y = digits
    model = digits_model("adam")
    finder = LearningRateFinder(min_lr=1e-5, max_lr=10.0, num_steps=100).find(model, X, y)
    lr = finder.suggestion()
    assert 1e-3 < lr < 0.5
    model.optimizer.learning_rate = lr
    assert model.fit(X, y, epochs=3, verbose=0).history["accuracy"][-1] > 0.9
    ax = finder.plot()
    assert ax.get_xscale() == "log" and len(ax.lines) == 2


def test_finder_stops_when_the_loss_explodes():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 4))
    y = x @ rng.normal(size=(4, 1))
    model = Sequential([Dense(16, activation="relu", input_dim=4), Dense(1)], seed=0)
    model.compile(optimizer=optimizers.SGD(0.01), loss="mse")
    before = model.get_weights()
    finder = LearningRateFinder(min_lr=1e-4, max_lr=1e3, num_steps=200).find(model, x, y, batch_size=16)
    assert 3 <= len(finder.losses) < 200
    last = finder.losses[-1]
    assert not np.isfinite(last) or last > 4 * min(finder.losses)
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert 1e-4 <= finder.suggestion() <= 1.0


def test_finder_errors():
    with pytest.raises(RuntimeError, match="No hay suficientes puntos"):
        LearningRateFinder().suggestion()
    with pytest.raises(ValueError, match="`max_lr` debe ser mayor que `min_lr`"):
        LearningRateFinder(min_lr=1.0, max_lr=0.1)
    with pytest.raises(ValueError, match="`min_lr` debe ser mayor que 0"):
        LearningRateFinder(min_lr=0.0)


# --- barra de progreso (verbose=1) ---------------------------------------------------------------
class _Terminal:
    """Un flujo de salida que dice ser una terminal."""

    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        pass

    def isatty(self):
        return True


def _fit_with_progbar(monkeypatch, stream):
    from nnlib.datasets import logic_gate

    monkeypatch.setattr("sys.stdout", stream)
    x, y = logic_gate("and")
    model = Sequential([Dense(1, activation="sigmoid", input_dim=2)], seed=0)
    model.compile(loss="binary_crossentropy", optimizer="sgd", metrics=["accuracy"])
    model.fit(x, y, epochs=2, batch_size=1, verbose=1)  # 4 pasos por época


def test_progress_bar_redraws_in_a_terminal(monkeypatch):
    terminal = _Terminal()
    _fit_with_progbar(monkeypatch, terminal)
    out = "".join(terminal.parts)
    assert out.startswith("Época 1/2\n") and "Época 2/2\n" in out
    assert out.count("\r") == 2 * (4 + 1)  # cada paso avanza la barra, más la línea final de la época
    assert "\r1/4 ━" in out
    assert out.count("4/4 ━━━━━━━━━━━━━━━━━━━━ - loss: ") == 2 * 2  # último paso y cierre de época


def test_progress_bar_in_a_log_file_writes_one_line_per_epoch(monkeypatch):
    import io

    log = io.StringIO()
    _fit_with_progbar(monkeypatch, log)
    lines = log.getvalue().splitlines()
    assert "\r" not in log.getvalue()
    assert lines[0] == "Época 1/2" and lines[2] == "Época 2/2" and len(lines) == 4
    for line in (lines[1], lines[3]):
        assert line.startswith("4/4 ━━━━━━━━━━━━━━━━━━━━ - loss: ") and "accuracy: " in line
