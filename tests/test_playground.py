"""nnlib.playground: datos, entradas, red, pasos, reinicio y datos de las figuras, sin interfaz."""
import numpy as np
import pytest

from nnlib.playground import DATASETS, DEFAULTS, FEATURES, LIMIT, Playground, feature_matrix, make_data


@pytest.mark.parametrize("name", list(DATASETS))
def test_make_data_splits_and_is_reproducible(name):
    X_tr, y_tr, X_te, y_te = make_data(name, n_samples=120, test_ratio=0.25, seed=3)
    assert X_tr.shape == (90, 2) and X_te.shape == (30, 2)
    assert set(np.unique(np.concatenate([y_tr, y_te]))) == {0, 1}
    assert np.abs(np.vstack([X_tr, X_te])).max() < LIMIT + 0.5
    again = make_data(name, n_samples=120, test_ratio=0.25, seed=3)
    for a, b in zip((X_tr, y_tr, X_te, y_te), again):
        np.testing.assert_array_equal(a, b)


def test_noise_moves_the_points():
    clean = make_data("xor", noise=0.0, seed=1)[0]
    noisy = make_data("xor", noise=0.5, seed=1)[0]
    assert 0.3 < np.std(noisy - clean) < 0.7


def test_feature_matrix_columns_in_order():
    X = np.array([[1.0, 2.0], [-0.5, 3.0]])
    F = feature_matrix(X, ["sin(x2)", "x1*x2", "x1"])       # se ordenan como FEATURES
    np.testing.assert_allclose(F, np.column_stack([X[:, 0], X[:, 0] * X[:, 1], np.sin(X[:, 1])]))
    assert feature_matrix(X, list(FEATURES)).shape == (2, 7)


@pytest.mark.parametrize("bad, message", [
    (dict(dataset="lunas"), "conjunto de datos"),
    (dict(features=()), "vacía"),
    (dict(features=("x3",)), "entrada"),
    (dict(hidden=(4, 20)), "8 unidades"),
    (dict(learning_rate=-1), "learning_rate"),
    (dict(regularization="l3"), "regularization"),
    (dict(batch_size=0), "batch_size"),
    (dict(epocas=3), "no conozco"),
])
def test_bad_configuration_explained_in_spanish(bad, message):
    with pytest.raises((TypeError, ValueError), match=message):
        Playground(**bad)


def test_step_records_history_and_learns():
    lab = Playground()
    assert lab.epoch == 0 and len(lab.history["loss"]) == 1
    first = lab.loss
    lab.step(100)
    assert lab.epoch == 100 and len(lab.history["val_loss"]) == 101
    assert lab.loss < 0.5 * first and lab.accuracy("test") > 0.85


def test_reset_gives_the_same_run_again():
    lab = Playground(dataset="xor", hidden=(3,))
    lab.step(5)
    run = list(lab.history["loss"])
    lab.reset()
    assert lab.epoch == 0
    lab.step(5)
    np.testing.assert_array_equal(lab.history["loss"], run)


def test_reset_with_changes_keeps_data_unless_data_changes():
    lab = Playground()
    X = lab.X_train
    lab.reset(hidden=(2,), features=("x1^2", "x2^2"))
    assert lab.X_train is X and lab.layer_sizes() == [2, 2, 1]
    lab.reset(noise=0.3)
    assert lab.X_train is not X and lab.config["hidden"] == (2,)


def test_losses_are_the_data_loss_without_regularization():
    lab = Playground(regularization="l2", regularization_rate=0.1)
    p = np.clip(lab.model.predict(lab.F_test)[:, 0], 1e-7, 1 - 1e-7)
    y = lab.y_test
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert lab.val_loss == pytest.approx(expected, rel=1e-6)


def test_linear_model_needs_the_product_for_xor():
    plain = Playground(dataset="xor", hidden=(), features=("x1", "x2"))
    product = Playground(dataset="xor", hidden=(), features=("x1*x2",))
    plain.step(30)
    product.step(30)
    assert plain.accuracy() < 0.7 < 0.9 < product.accuracy()


def test_divergence_stops_and_is_explained():
    # con la salida sigmoide y la pérdida recortada, una tasa enorme satura la red antes de dar NaN;
    # el camino de la divergencia se prueba con un peso que ya no es finito
    lab = Playground(dataset="gaussians", hidden=(3,), learning_rate=10.0)
    lab.model.layers[0].W[0, 0] = np.inf
    lab.step(5)
    assert lab.diverged and "tasa de aprendizaje" in lab.diverged and lab.epoch == 1
    lab.step(3)
    assert lab.epoch == 1
    lab.reset(learning_rate=0.1)
    assert lab.diverged is None and lab.epoch == 0 and np.isfinite(lab.loss)


def test_figure_data_shapes_and_values():
    lab = Playground(hidden=(3, 2))
    s = lab.surface(12)
    assert s.shape == (12, 12) and np.all((s > 0) & (s < 1))
    units = lab.unit_surfaces(7)
    assert [u.shape for u in units] == [(3, 7, 7), (2, 7, 7)]
    assert np.all(np.abs(units[0]) <= 1)                       # tanh
    feats = lab.feature_surfaces(5)
    np.testing.assert_allclose(feats[0][0], np.linspace(-LIMIT, LIMIT, 5))   # x1 crece a lo largo de la fila
    assert [w.shape for w in lab.weights()] == [(2, 3), (3, 2), (2, 1)]
    # la superficie es la predicción del modelo en la rejilla
    grid = Playground.grid(12)
    np.testing.assert_allclose(s.ravel(), lab.model.predict(grid)[:, 0])


def test_weights_are_copies():
    lab = Playground()
    lab.weights()[0][:] = 0
    assert np.any(lab.model.layers[0].W != 0)


def test_defaults_are_the_documented_ones():
    lab = Playground()
    assert {k: lab.config[k] for k in DEFAULTS} == {**DEFAULTS, "hidden": (4, 2), "features": ("x1", "x2")}
