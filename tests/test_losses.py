"""Pruebas de nnlib.losses: valores a mano, Keras, GradientTape, diferencias finitas y PyTorch."""
import math
import warnings

import keras
import numpy as np
import pytest
import tensorflow as tf
import torch

from nnlib import losses

N, C = 6, 3


# ---------------------------------------------------------------------------
# Datos de prueba (aleatorios, con semilla, lejos de recortes y ángulos)
# ---------------------------------------------------------------------------
def make_data(kind, seed=0):
    rng = np.random.default_rng(seed)
    one_hot = np.eye(C)[rng.integers(0, C, size=N)]
    if kind == "real":
        return rng.normal(size=(N, C)), rng.normal(size=(N, C))
    if kind == "nonzero_true":  # MAPE: |y_true| lejos de 0
        return rng.choice([-1, 1], size=(N, C)) * rng.uniform(0.5, 3, size=(N, C)), rng.normal(size=(N, C))
    if kind == "positive":
        return rng.uniform(0.1, 3, size=(N, C)), rng.uniform(0.1, 3, size=(N, C))
    if kind == "counts":
        return rng.poisson(2.0, size=(N, C)).astype(float), rng.uniform(0.2, 4, size=(N, C))
    if kind == "binary_prob":
        return rng.integers(0, 2, size=(N, C)).astype(float), rng.uniform(0.05, 0.95, size=(N, C))
    if kind == "soft_binary_prob":
        return rng.uniform(0, 1, size=(N, C)), rng.uniform(0.05, 0.95, size=(N, C))
    if kind == "binary_logits":
        return rng.integers(0, 2, size=(N, C)).astype(float), rng.normal(scale=3, size=(N, C))
    if kind == "categorical_prob":
        return one_hot, rng.dirichlet(np.ones(C), size=N)
    if kind == "unnormalized_prob":  # filas que no suman 1: Keras las normaliza
        return one_hot, rng.uniform(0.1, 1.0, size=(N, C))
    if kind == "categorical_logits":
        return one_hot, rng.normal(scale=3, size=(N, C))
    if kind == "distributions":
        return rng.dirichlet(np.ones(C), size=N), rng.dirichlet(np.ones(C), size=N)
    if kind == "sparse_prob":
        return rng.integers(0, C, size=N), rng.dirichlet(np.ones(C), size=N)
    if kind == "sparse_logits":
        return rng.integers(0, C, size=N), rng.normal(scale=3, size=(N, C))
    if kind == "pm1":
        return rng.choice([-1.0, 1.0], size=(N, C)), rng.normal(size=(N, C))
    if kind == "01":
        return rng.integers(0, 2, size=(N, C)).astype(float), rng.normal(size=(N, C))
    if kind == "cat_hinge":
        return one_hot, rng.normal(size=(N, C))
    raise AssertionError(kind)


# (identificador, nuestra pérdida, la de Keras, tipo de datos)
CASES = [
    ("mse", lambda: losses.MeanSquaredError(), lambda **k: keras.losses.MeanSquaredError(**k), "real"),
    ("mae", lambda: losses.MeanAbsoluteError(), lambda **k: keras.losses.MeanAbsoluteError(**k), "real"),
    ("mape", lambda: losses.MeanAbsolutePercentageError(),
     lambda **k: keras.losses.MeanAbsolutePercentageError(**k), "nonzero_true"),
    ("msle", lambda: losses.MeanSquaredLogarithmicError(),
     lambda **k: keras.losses.MeanSquaredLogarithmicError(**k), "positive"),
    ("huber", lambda: losses.Huber(), lambda **k: keras.losses.Huber(**k), "real"),
    ("huber_0.3", lambda: losses.Huber(delta=0.3), lambda **k: keras.losses.Huber(delta=0.3, **k), "real"),
    ("log_cosh", lambda: losses.LogCosh(), lambda **k: keras.losses.LogCosh(**k), "real"),
    ("poisson", lambda: losses.Poisson(), lambda **k: keras.losses.Poisson(**k), "counts"),
    ("kld", lambda: losses.KLDivergence(), lambda **k: keras.losses.KLDivergence(**k), "distributions"),
    ("bce", lambda: losses.BinaryCrossentropy(), lambda **k: keras.losses.BinaryCrossentropy(**k), "binary_prob"),
    ("bce_soft_smooth", lambda: losses.BinaryCrossentropy(label_smoothing=0.2),
     lambda **k: keras.losses.BinaryCrossentropy(label_smoothing=0.2, **k), "soft_binary_prob"),
    ("bce_logits", lambda: losses.BinaryCrossentropy(from_logits=True),
     lambda **k: keras.losses.BinaryCrossentropy(from_logits=True, **k), "binary_logits"),
    ("bce_logits_smooth", lambda: losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1),
     lambda **k: keras.losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1, **k), "binary_logits"),
    ("cce", lambda: losses.CategoricalCrossentropy(),
     lambda **k: keras.losses.CategoricalCrossentropy(**k), "categorical_prob"),
    ("cce_unnormalized", lambda: losses.CategoricalCrossentropy(),
     lambda **k: keras.losses.CategoricalCrossentropy(**k), "unnormalized_prob"),
    ("cce_smooth", lambda: losses.CategoricalCrossentropy(label_smoothing=0.2),
     lambda **k: keras.losses.CategoricalCrossentropy(label_smoothing=0.2, **k), "categorical_prob"),
    ("cce_logits", lambda: losses.CategoricalCrossentropy(from_logits=True),
     lambda **k: keras.losses.CategoricalCrossentropy(from_logits=True, **k), "categorical_logits"),
    ("cce_logits_smooth", lambda: losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1),
     lambda **k: keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1, **k),
     "categorical_logits"),
    ("sparse", lambda: losses.SparseCategoricalCrossentropy(),
     lambda **k: keras.losses.SparseCategoricalCrossentropy(**k), "sparse_prob"),
    ("sparse_logits", lambda: losses.SparseCategoricalCrossentropy(from_logits=True),
     lambda **k: keras.losses.SparseCategoricalCrossentropy(from_logits=True, **k), "sparse_logits"),
    ("hinge_pm1", lambda: losses.Hinge(), lambda **k: keras.losses.Hinge(**k), "pm1"),
    ("hinge_01", lambda: losses.Hinge(), lambda **k: keras.losses.Hinge(**k), "01"),
    ("squared_hinge", lambda: losses.SquaredHinge(), lambda **k: keras.losses.SquaredHinge(**k), "01"),
    ("categorical_hinge", lambda: losses.CategoricalHinge(),
     lambda **k: keras.losses.CategoricalHinge(**k), "cat_hinge"),
    ("focal", lambda: losses.BinaryFocalCrossentropy(),
     lambda **k: keras.losses.BinaryFocalCrossentropy(**k), "binary_prob"),
    ("focal_balanced_smooth", lambda: losses.BinaryFocalCrossentropy(
        apply_class_balancing=True, alpha=0.3, gamma=1.5, label_smoothing=0.1),
     lambda **k: keras.losses.BinaryFocalCrossentropy(
         apply_class_balancing=True, alpha=0.3, gamma=1.5, label_smoothing=0.1, **k), "binary_prob"),
    ("focal_logits", lambda: losses.BinaryFocalCrossentropy(from_logits=True, gamma=3.0),
     lambda **k: keras.losses.BinaryFocalCrossentropy(from_logits=True, gamma=3.0, **k), "binary_logits"),
]
CASE_IDS = [c[0] for c in CASES]


def keras_value_and_grad(make_keras, y_true, y_pred, **kwargs):
    """Valor de la pérdida de Keras (float64) y su gradiente respecto de y_pred con GradientTape."""
    loss = make_keras(dtype="float64", **kwargs)
    yp = tf.constant(y_pred, dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(yp)
        value = loss(tf.constant(y_true, dtype=tf.float64), yp)
    return value.numpy(), tape.gradient(value, yp).numpy()


def finite_difference_gradient(f, x, h=1e-6):
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += h
        xm[idx] -= h
        grad[idx] = (f(xp) - f(xm)) / (2 * h)
    return grad


def rel_err(a, b):
    return np.max(np.abs(a - b)) / max(np.max(np.abs(a) + np.abs(b)), 1e-300)


# ---------------------------------------------------------------------------
# Valores calculados a mano
# ---------------------------------------------------------------------------
def test_hand_computed_values():
    assert losses.get("mse")([[1.0, 2.0]], [[1.0, 4.0]]) == pytest.approx(2.0)
    assert losses.get("mae")([1.0, 2.0], [2.0, 0.0]) == pytest.approx(1.5)
    assert losses.get("mape")([[2.0, 4.0]], [[1.0, 5.0]]) == pytest.approx(100 * (0.5 + 0.25) / 2)
    assert losses.Huber(delta=1.0)([[0.0, 0.0]], [[0.5, 3.0]]) == pytest.approx((0.125 + 2.5) / 2)
    assert losses.get("binary_crossentropy")([[1.0], [0.0]], [[0.5], [0.5]]) == pytest.approx(math.log(2))
    assert losses.get("categorical_crossentropy")([[0, 1, 0]], [[0.2, 0.5, 0.3]]) == pytest.approx(-math.log(0.5))
    assert losses.get("sparse_categorical_crossentropy")([1, 2], [[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]]) == \
        pytest.approx(-(math.log(0.5) + math.log(0.8)) / 2)
    assert losses.get("hinge")([[1.0, -1.0]], [[0.3, 2.0]]) == pytest.approx((0.7 + 3.0) / 2)
    assert losses.get("kld")([[0.5, 0.5]], [[0.25, 0.75]]) == pytest.approx(
        0.5 * math.log(2) + 0.5 * math.log(0.5 / 0.75))
    assert losses.get("poisson")([[2.0]], [[1.0]]) == pytest.approx(1.0 - 2.0 * math.log(1.0 + 1e-7))
    assert losses.get("log_cosh")([[0.0]], [[1.0]]) == pytest.approx(math.log(math.cosh(1.0)))
    # gradiente de MSE: 2 (ŷ - y) / (N·C)
    np.testing.assert_allclose(losses.get("mse").gradient([[1.0, 2.0]], [[1.0, 4.0]]), [[0.0, 2.0]])
    # entropía cruzada binaria con logits: σ(z) - y, entre N
    np.testing.assert_allclose(losses.BinaryCrossentropy(from_logits=True).gradient([[1.0], [0.0]], [[0.0], [0.0]]),
                               [[-0.25], [0.25]])


def test_per_sample_shape_and_mean():
    y_true, y_pred = make_data("real")
    loss = losses.MeanSquaredError()
    per = loss.per_sample(y_true, y_pred)
    assert per.shape == (N,)
    np.testing.assert_allclose(per, np.mean((y_true - y_pred) ** 2, axis=1))
    assert loss(y_true, y_pred) == pytest.approx(per.mean())


# ---------------------------------------------------------------------------
# Contra Keras: valor, valor por muestra, gradiente (GradientTape)
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_value_and_gradient_match_keras(case):
    _, ours, theirs, kind = case
    y_true, y_pred = make_data(kind)
    value, grad = keras_value_and_grad(theirs, y_true, y_pred)
    loss = ours()
    assert loss(y_true, y_pred) == pytest.approx(float(value), rel=1e-6)
    np.testing.assert_allclose(loss.gradient(y_true, y_pred), grad, rtol=1e-6, atol=1e-12)
    per_sample, _ = keras_value_and_grad(theirs, y_true, y_pred, reduction=None)
    np.testing.assert_allclose(loss.per_sample(y_true, y_pred), per_sample, rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_gradient_matches_finite_differences(case):
    _, ours, _, kind = case
    y_true, y_pred = make_data(kind, seed=1)
    loss = ours()
    numeric = finite_difference_gradient(lambda p: loss(y_true, p), y_pred)
    assert rel_err(loss.gradient(y_true, y_pred), numeric) < 1e-6


def test_names_and_from_logits():
    for _, ours, _, _ in CASES:
        loss = ours()
        assert loss.name == type(loss).name
        assert isinstance(loss.from_logits, bool)
    assert losses.MeanSquaredError().from_logits is False
    assert losses.BinaryCrossentropy(from_logits=True).from_logits is True


# ---------------------------------------------------------------------------
# Entradas extremas: probabilidades 0 y 1, logits ±1e4, recortes activos
# ---------------------------------------------------------------------------
EXTREME = [
    ("bce_prob", lambda: losses.BinaryCrossentropy(), lambda **k: keras.losses.BinaryCrossentropy(**k),
     [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [[0.0, 1.0], [0.0, 1.0], [1e-9, 1 - 1e-9]]),
    ("bce_logits", lambda: losses.BinaryCrossentropy(from_logits=True),
     lambda **k: keras.losses.BinaryCrossentropy(from_logits=True, **k),
     [[1.0, 0.0], [0.0, 1.0], [1.0, 0.5]], [[-1e4, 1e4], [-1e4, 1e4], [0.0, 1e4]]),
    ("cce_prob", lambda: losses.CategoricalCrossentropy(), lambda **k: keras.losses.CategoricalCrossentropy(**k),
     [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.5, 0.5, 0.0]]),
    ("cce_logits", lambda: losses.CategoricalCrossentropy(from_logits=True),
     lambda **k: keras.losses.CategoricalCrossentropy(from_logits=True, **k),
     [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[-1e4, 1e4, 0.0], [-1e4, 1e4, 0.0], [1e4, 1e4, -1e4]]),
    ("sparse_prob", lambda: losses.SparseCategoricalCrossentropy(),
     lambda **k: keras.losses.SparseCategoricalCrossentropy(**k),
     [0, 1, 2], [[0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.5, 0.5, 0.0]]),
    ("sparse_logits", lambda: losses.SparseCategoricalCrossentropy(from_logits=True),
     lambda **k: keras.losses.SparseCategoricalCrossentropy(from_logits=True, **k),
     [0, 1, 2], [[-1e4, 1e4, 0.0], [-1e4, 1e4, 0.0], [1e4, 1e4, -1e4]]),
    ("focal_prob", lambda: losses.BinaryFocalCrossentropy(), lambda **k: keras.losses.BinaryFocalCrossentropy(**k),
     [[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [0.0, 1.0]]),
    ("focal_logits", lambda: losses.BinaryFocalCrossentropy(from_logits=True, apply_class_balancing=True),
     lambda **k: keras.losses.BinaryFocalCrossentropy(from_logits=True, apply_class_balancing=True, **k),
     [[1.0, 0.0], [0.0, 1.0]], [[-1e4, 1e4], [-1e4, 1e4]]),
    ("kld", lambda: losses.KLDivergence(), lambda **k: keras.losses.KLDivergence(**k),
     [[1.0, 0.0], [0.5, 0.5]], [[0.0, 1.0], [1.0, 1.5]]),
    ("poisson", lambda: losses.Poisson(), lambda **k: keras.losses.Poisson(**k),
     [[3.0, 0.0]], [[0.0, 0.0]]),
    ("msle", lambda: losses.MeanSquaredLogarithmicError(), lambda **k: keras.losses.MeanSquaredLogarithmicError(**k),
     [[1.0, -2.0, 0.0]], [[-1.0, 2.0, 1e-9]]),
    ("mape", lambda: losses.MeanAbsolutePercentageError(),
     lambda **k: keras.losses.MeanAbsolutePercentageError(**k), [[0.0, 1.0, 0.0]], [[0.5, 1.0, -2.0]]),
    ("mae_tie", lambda: losses.MeanAbsoluteError(), lambda **k: keras.losses.MeanAbsoluteError(**k),
     [[0.0, 1.0]], [[0.0, 1e4]]),
    ("log_cosh", lambda: losses.LogCosh(), lambda **k: keras.losses.LogCosh(**k), [[0.0, 0.0]], [[1e4, -1e4]]),
    ("huber", lambda: losses.Huber(delta=2.0), lambda **k: keras.losses.Huber(delta=2.0, **k),
     [[0.0, 0.0, 0.0]], [[1e4, 2.0, -2.0]]),
    # el codo de la bisagra (1 - y ŷ = 0) y empates en el máximo de categorical_hinge
    ("hinge_kink", lambda: losses.Hinge(), lambda **k: keras.losses.Hinge(**k), [[1.0, -1.0]], [[1.0, -1.0]]),
    ("squared_hinge_kink", lambda: losses.SquaredHinge(), lambda **k: keras.losses.SquaredHinge(**k),
     [[1.0, 0.0]], [[1.0, -1.0]]),
    ("categorical_hinge_ties", lambda: losses.CategoricalHinge(), lambda **k: keras.losses.CategoricalHinge(**k),
     [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[0.5, 2.0, 2.0], [-1.0, -2.0, -3.0], [0.0, 0.0, 1.0]]),
]


@pytest.mark.parametrize("case", EXTREME, ids=[c[0] for c in EXTREME])
def test_extreme_inputs_match_keras(case):
    _, ours, theirs, y_true, y_pred = case
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    loss = ours()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise"):
            value = loss(y_true, y_pred)
            grad = loss.gradient(y_true, y_pred)
    assert np.isfinite(value) and np.all(np.isfinite(grad))
    k_value, k_grad = keras_value_and_grad(theirs, y_true, y_pred)
    assert value == pytest.approx(float(k_value), rel=1e-6)
    np.testing.assert_allclose(grad, k_grad, rtol=1e-6, atol=1e-12)


def test_clipped_region_has_zero_gradient():
    # p = 0 con y = 1: la probabilidad se recorta a ε y la derivada es 0, como en TensorFlow.
    grad = losses.BinaryCrossentropy().gradient([[1.0]], [[0.0]])
    assert grad[0, 0] == 0.0
    assert losses.BinaryCrossentropy()([[1.0]], [[0.0]]) == pytest.approx(-math.log(1e-7))


# ---------------------------------------------------------------------------
# Formas: (N,), (N, 1) y una sola distribución
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("ours, theirs, y_true, y_pred", [
    (losses.MeanSquaredError, keras.losses.MeanSquaredError, [1.0, 2.0, 3.0], [1.5, 2.0, 2.0]),
    (losses.MeanSquaredError, keras.losses.MeanSquaredError, [[1.0], [2.0], [3.0]], [1.5, 2.0, 2.0]),
    (losses.BinaryCrossentropy, keras.losses.BinaryCrossentropy, [1.0, 0.0, 1.0], [[0.9], [0.2], [0.4]]),
    (losses.KLDivergence, keras.losses.KLDivergence, [0.2, 0.3, 0.5], [0.3, 0.3, 0.4]),
    (losses.CategoricalCrossentropy, keras.losses.CategoricalCrossentropy, [0.0, 1.0, 0.0], [0.3, 0.3, 0.4]),
    (losses.CategoricalHinge, keras.losses.CategoricalHinge, [0.0, 1.0, 0.0], [0.3, 0.3, 0.4]),
    (losses.SparseCategoricalCrossentropy, keras.losses.SparseCategoricalCrossentropy, [[1], [0]],
     [[0.3, 0.7], [0.6, 0.4]]),
])
def test_one_dimensional_inputs_match_keras(ours, theirs, y_true, y_pred):
    value, grad = keras_value_and_grad(theirs, np.asarray(y_true, float), np.asarray(y_pred, float))
    loss = ours()
    assert loss(y_true, y_pred) == pytest.approx(float(value), rel=1e-6)
    ours_grad = loss.gradient(y_true, y_pred)
    assert ours_grad.shape == np.shape(y_pred)
    np.testing.assert_allclose(ours_grad, grad, rtol=1e-6, atol=1e-12)


def test_float32_is_accepted_and_kept():
    y_true, y_pred = make_data("binary_prob")
    loss = losses.BinaryCrossentropy()
    grad32 = loss.gradient(y_true.astype(np.float32), y_pred.astype(np.float32))
    assert grad32.dtype == np.float32
    assert loss(y_true.astype(np.float32), y_pred.astype(np.float32)) == pytest.approx(
        loss(y_true, y_pred.astype(np.float32).astype(np.float64)), rel=1e-6)


# ---------------------------------------------------------------------------
# Contra PyTorch
# ---------------------------------------------------------------------------
def _torch_value_and_grad(fn, y_true, y_pred):
    yp = torch.tensor(y_pred, dtype=torch.float64, requires_grad=True)
    value = fn(yp, torch.tensor(y_true))
    value.backward()
    return value.item(), yp.grad.numpy()


F = torch.nn.functional
TORCH_CASES = [
    ("mse", losses.MeanSquaredError(), lambda p, t: F.mse_loss(p, t), "real"),
    ("l1", losses.MeanAbsoluteError(), lambda p, t: F.l1_loss(p, t), "real"),
    ("bce", losses.BinaryCrossentropy(), lambda p, t: F.binary_cross_entropy(p, t), "binary_prob"),
    ("bce_with_logits", losses.BinaryCrossentropy(from_logits=True),
     lambda p, t: F.binary_cross_entropy_with_logits(p, t), "binary_logits"),
    ("cross_entropy_probs", losses.CategoricalCrossentropy(from_logits=True),
     lambda p, t: F.cross_entropy(p, t), "categorical_logits"),
    ("cross_entropy_indices", losses.SparseCategoricalCrossentropy(from_logits=True),
     lambda p, t: F.cross_entropy(p, t), "sparse_logits"),
    ("huber", losses.Huber(delta=0.7), lambda p, t: F.huber_loss(p, t, delta=0.7), "real"),
    # SmoothL1 con beta es Huber con delta = beta, dividida entre beta
    ("smooth_l1", losses.Huber(delta=0.5), lambda p, t: 0.5 * F.smooth_l1_loss(p, t, beta=0.5), "real"),
    ("kl_div", losses.KLDivergence(),
     lambda p, t: F.kl_div(torch.log(p), t, reduction="batchmean"), "distributions"),
    ("poisson_nll", losses.Poisson(),
     lambda p, t: F.poisson_nll_loss(p, t, log_input=False, full=False, eps=1e-7), "counts"),
]


@pytest.mark.parametrize("case", TORCH_CASES, ids=[c[0] for c in TORCH_CASES])
def test_matches_torch(case):
    _, loss, fn, kind = case
    y_true, y_pred = make_data(kind, seed=2)
    value, grad = _torch_value_and_grad(fn, y_true, y_pred)
    assert loss(y_true, y_pred) == pytest.approx(value, rel=1e-9)
    np.testing.assert_allclose(loss.gradient(y_true, y_pred), grad, rtol=1e-9, atol=1e-15)


# ---------------------------------------------------------------------------
# get(): nombres y alias de Keras
# ---------------------------------------------------------------------------
OUR_CLASSES = {
    "MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError",
    "Huber", "LogCosh", "Poisson", "KLDivergence", "BinaryCrossentropy", "CategoricalCrossentropy",
    "SparseCategoricalCrossentropy", "Hinge", "SquaredHinge", "CategoricalHinge", "BinaryFocalCrossentropy",
}
ALIASES = [
    "mse", "MSE", "mae", "MAE", "mape", "MAPE", "msle", "MSLE", "kld", "KLD", "bce", "BCE",
    "mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
    "mean_squared_logarithmic_error", "huber", "log_cosh", "poisson", "kl_divergence",
    "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy", "hinge",
    "squared_hinge", "categorical_hinge", "binary_focal_crossentropy", *sorted(OUR_CLASSES),
]


def _keras_resolved_name(obj):
    """Nombre de lo que devuelve keras.losses.get: una función o una instancia de clase."""
    return obj.__name__ if callable(obj) and hasattr(obj, "__name__") else type(obj).__name__


@pytest.mark.parametrize("alias", ALIASES)
def test_alias_resolves_like_keras(alias):
    ours = losses.get(alias)
    theirs = keras.losses.get(alias)
    if isinstance(theirs, keras.losses.Loss):
        assert type(ours).__name__ == type(theirs).__name__
    else:
        assert ours.name == theirs.__name__


def test_legacy_keras2_names():
    legacy = keras._tf_keras.keras.losses
    for alias in ["logcosh", "kullback_leibler_divergence"]:
        assert losses.get(alias).name == getattr(legacy, alias).__name__


def test_every_keras_name_for_these_losses_is_accepted():
    from keras.src.losses import ALL_OBJECTS_DICT

    our_function_names = {cls().name for cls in (getattr(losses, n) for n in OUR_CLASSES)}
    for key, obj in ALL_OBJECTS_DICT.items():
        if _keras_resolved_name(obj) in OUR_CLASSES | our_function_names:
            ours = losses.get(key)
            assert _keras_resolved_name(obj) in (type(ours).__name__, ours.name), key


def test_get_case_insensitive_instances_and_none():
    assert isinstance(losses.get("Mse"), losses.MeanSquaredError)
    assert isinstance(losses.get("binary_CROSSENTROPY"), losses.BinaryCrossentropy)
    custom = losses.Huber(delta=3.0)
    assert losses.get(custom) is custom
    assert isinstance(losses.get(losses.Poisson), losses.Poisson)
    assert losses.get(None) is None
    assert losses.get("mse") is not losses.get("mse")  # cada llamada, una instancia nueva


# ---------------------------------------------------------------------------
# Errores en español
# ---------------------------------------------------------------------------
def test_unknown_name_suggests():
    with pytest.raises(ValueError, match=r"función de pérdida desconocido: 'mean_squared_eror'.*"
                                         r"¿Quiso decir 'mean_squared_error'\?"):
        losses.get("mean_squared_eror")
    with pytest.raises(ValueError, match=r"¿Quiso decir 'binary_crossentropy'\?"):
        losses.get("binary_crossentropi")


def test_get_wrong_type():
    with pytest.raises(TypeError, match="se esperaba un nombre"):
        losses.get(lambda y, p: 0.0)


def test_shape_mismatch():
    with pytest.raises(ValueError, match=r"`y_true` y `y_pred` deben tener la misma forma; llegaron \(3, 2\) y \(2, 3\)"):
        losses.get("mse")(np.zeros((3, 2)), np.zeros((2, 3)))
    with pytest.raises(ValueError, match="misma forma"):
        losses.get("categorical_crossentropy").gradient(np.eye(3), np.full((3, 4), 0.25))
    with pytest.raises(ValueError, match="1 o 2 dimensiones"):
        losses.get("mse")(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))


def test_nan_and_non_numeric_input():
    with pytest.raises(ValueError, match="`y_pred` contiene 1 valores NaN"):
        losses.get("mse")([1.0, 2.0], [1.0, np.nan])
    with pytest.raises(ValueError, match="`y_true` contiene 1 valores NaN"):
        losses.get("bce")([np.inf, 1.0], [0.5, 0.5])
    with pytest.raises(TypeError, match="`y_pred` debe contener números"):
        losses.get("mae")([1.0, 2.0], ["a", "b"])


def test_sparse_labels_errors():
    loss = losses.SparseCategoricalCrossentropy()
    p = np.full((3, 3), 1 / 3)
    with pytest.raises(ValueError, match=r"clases de `y_true` deben estar entre 0 y 2.*entre 0 y 3"):
        loss([0, 1, 3], p)
    with pytest.raises(ValueError, match="entre 0 y 2"):
        loss([-1, 1, 2], p)
    with pytest.raises(ValueError, match="clases enteras.*1.5"):
        loss([0, 1.5, 2], p)
    with pytest.raises(ValueError, match=r"forma \(3,\) o \(3, 1\).*categorical_crossentropy"):
        loss(np.eye(3), p)


def test_probabilities_out_of_range_suggest_from_logits():
    with pytest.raises(ValueError, match="from_logits=True"):
        losses.BinaryCrossentropy()([[1.0]], [[2.5]])
    with pytest.raises(ValueError, match="from_logits=True"):
        losses.CategoricalCrossentropy()([[1.0, 0.0]], [[-1.0, 2.0]])
    with pytest.raises(ValueError, match="from_logits=True"):
        losses.SparseCategoricalCrossentropy()([0], [[-1.0, 2.0]])


def test_other_domain_errors():
    with pytest.raises(ValueError, match="binary_crossentropy"):
        losses.CategoricalCrossentropy()([[1.0], [0.0]], [[0.3], [0.7]])
    with pytest.raises(ValueError, match="suma 0"):
        losses.CategoricalCrossentropy()([[1.0, 0.0]], [[0.0, 0.0]])
    with pytest.raises(ValueError, match="tasas no negativas"):
        losses.Poisson()([[1.0]], [[-0.5]])


def test_bad_hyperparameters():
    with pytest.raises(ValueError, match="`delta` debe ser mayor que 0"):
        losses.Huber(delta=0.0)
    with pytest.raises(ValueError, match="label_smoothing"):
        losses.BinaryCrossentropy(label_smoothing=1.5)
    with pytest.raises(TypeError, match="from_logits"):
        losses.CategoricalCrossentropy(from_logits="yes")
    with pytest.raises(ValueError, match="alpha"):
        losses.BinaryFocalCrossentropy(alpha=2.0)
