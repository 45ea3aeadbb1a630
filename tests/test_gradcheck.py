"""Gradientes del modelo completo: frente a diferencias finitas (todas las pérdidas) y frente a PyTorch autograd."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from nnlib import activations, initializers, losses, regularizers
from nnlib.gradcheck import check_gradients, numerical_gradient, relative_error
from nnlib.layers import Dense, Dropout
from nnlib.model import Sequential

N, N_IN = 7, 3


# --- numerical_gradient y relative_error ---------------------------------------------------------
def test_numerical_gradient_of_known_functions():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    original = x.copy()
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**2), x), 2 * original, rtol=1e-8)
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sin(v).sum(), x), np.cos(original), rtol=1e-8)
    np.testing.assert_array_equal(x, original)  # se restaura


def test_numerical_gradient_modifies_in_place_so_closures_see_it():
    W = np.array([1.0, 2.0, 3.0])
    f = lambda _: float(W @ W)  # ignora el argumento y lee W
    np.testing.assert_allclose(numerical_gradient(f, W), 2 * W, rtol=1e-8)


def test_numerical_gradient_errors():
    with pytest.raises(TypeError, match="`x` debe ser un numpy.ndarray de punto flotante"):
        numerical_gradient(np.sum, [1.0, 2.0])
    with pytest.raises(TypeError, match="`f` debe ser una función"):
        numerical_gradient(3, np.ones(2))


def test_relative_error():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([0.0], [0.0]) == 0.0
    assert relative_error([1.0, 0.0], [1.1, 0.0]) == pytest.approx(0.1 / 2.1)
    assert relative_error([1.0], [-1.0]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="misma forma"):
        relative_error([1.0], [1.0, 2.0])


# --- Datos y modelos de prueba -------------------------------------------------------------------
def make_targets(kind, n_out, rng):
    if kind == "real":
        return rng.normal(size=(N, n_out))
    if kind == "positive":
        return rng.uniform(0.5, 3.0, size=(N, n_out))
    if kind == "counts":
        return rng.poisson(1.5, size=(N, n_out)).astype(float)
    if kind == "binary":
        return rng.integers(0, 2, size=(N, n_out)).astype(float)
    if kind == "sparse":
        return rng.integers(0, n_out, size=N)
    if kind == "onehot":
        return np.eye(n_out)[rng.integers(0, n_out, size=N)]
    if kind == "distribution":
        e = np.exp(rng.normal(size=(N, n_out)))
        return e / e.sum(1, keepdims=True)
    raise AssertionError(kind)


def make_model(hidden, n_out, out_activation, seed=0, **dense_kwargs):
    rng_init = dict(bias_initializer=initializers.RandomNormal(0.0, 0.3), **dense_kwargs)
    layers, n_in = [], N_IN
    for units, act in hidden:
        layers.append(Dense(units, activation=act, input_dim=n_in if not layers else None, **rng_init))
        n_in = units
    layers.append(Dense(n_out, activation=out_activation, input_dim=None if hidden else N_IN, **rng_init))
    return Sequential(layers, seed=seed)


# (pérdida, activación de salida, tipo de etiquetas, salidas)
LOSS_CASES = [
    ("mean_squared_error", "linear", "real", 2),
    ("mean_absolute_error", "linear", "real", 2),
    ("mean_absolute_percentage_error", "linear", "positive", 2),
    ("mean_squared_logarithmic_error", "sigmoid", "positive", 2),
    ("huber", "linear", "real", 2),
    ("log_cosh", "linear", "real", 2),
    ("poisson", "sigmoid", "counts", 2),
    ("kl_divergence", "softmax", "distribution", 3),
    ("binary_crossentropy", "sigmoid", "binary", 1),
    (losses.BinaryCrossentropy(from_logits=True), "linear", "binary", 1),
    (losses.BinaryCrossentropy(label_smoothing=0.1), "sigmoid", "binary", 2),
    ("categorical_crossentropy", "softmax", "onehot", 3),
    (losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1), "linear", "onehot", 3),
    ("sparse_categorical_crossentropy", "softmax", "sparse", 3),
    (losses.SparseCategoricalCrossentropy(from_logits=True), "linear", "sparse", 3),
    ("hinge", "tanh", "binary", 1),
    ("squared_hinge", "linear", "binary", 2),
    ("categorical_hinge", "linear", "onehot", 3),
    ("binary_focal_crossentropy", "sigmoid", "binary", 1),
    (losses.BinaryFocalCrossentropy(apply_class_balancing=True, from_logits=True), "linear", "binary", 1),
]
LOSS_IDS = [c[0] if isinstance(c[0], str) else repr(c[0]) for c in LOSS_CASES]


def test_every_loss_is_covered():
    all_losses = {getattr(losses, name) for name in losses.__all__
                  if isinstance(getattr(losses, name), type) and getattr(losses, name) is not losses.Loss}
    covered = {type(losses.get(case[0])) for case in LOSS_CASES}
    assert covered == all_losses


def assert_gradients_ok(model, x, y, tol=1e-6):
    results = check_gradients(model, x, y)
    n_params = sum(2 if layer.use_bias else 1 for layer in model.layers if isinstance(layer, Dense))
    assert len(results) == n_params
    for r in results:
        assert r["analytic"].shape == r["numeric"].shape
        assert np.abs(r["analytic"]).max() > 0, r  # el caso no es trivial
        assert r["relative_error"] < tol, (r["layer"], r["parameter"], r["relative_error"])


@pytest.mark.parametrize("loss, out_act, kind, n_out", LOSS_CASES, ids=LOSS_IDS)
def test_every_loss_whole_model_finite_differences(loss, out_act, kind, n_out):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(N, N_IN))
    y = make_targets(kind, n_out, rng)
    model = make_model([(4, "tanh")], n_out, out_act)
    model.compile(optimizer="sgd", loss=loss)
    assert_gradients_ok(model, x, y)


ARCHITECTURES = [
    [],                                   # 1 capa
    [(5, "sigmoid")],                     # 2 capas
    [(5, "relu"), (4, "elu")],            # 3 capas
    [(4, "gelu"), (3, "tanh")],
    [(4, "swish"), (4, "leaky_relu")],
]


@pytest.mark.parametrize("hidden", ARCHITECTURES, ids=lambda h: "-".join(a for _, a in h) or "una-capa")
@pytest.mark.parametrize("loss, out_act, kind, n_out", [
    ("mse", "linear", "real", 2),
    ("categorical_crossentropy", "softmax", "onehot", 3),
    ("binary_crossentropy", "sigmoid", "binary", 1),
])
def test_architectures_finite_differences(hidden, loss, out_act, kind, n_out):
    rng = np.random.default_rng(4)
    x = rng.normal(size=(N, N_IN))
    y = make_targets(kind, n_out, rng)
    model = make_model(hidden, n_out, out_act, seed=1)
    model.compile(loss=loss)
    assert_gradients_ok(model, x, y)


@pytest.mark.parametrize("reg", [regularizers.L1(0.03), regularizers.L2(0.05), regularizers.L1L2(0.02, 0.04)],
                         ids=["L1", "L2", "L1L2"])
@pytest.mark.parametrize("loss, out_act, kind, n_out", [
    ("mse", "linear", "real", 2), ("sparse_categorical_crossentropy", "softmax", "sparse", 3)])
def test_regularizers_finite_differences(reg, loss, out_act, kind, n_out):
    rng = np.random.default_rng(5)
    x = rng.normal(size=(N, N_IN))
    y = make_targets(kind, n_out, rng)
    model = make_model([(4, "tanh")], n_out, out_act, kernel_regularizer=reg, bias_regularizer=reg)
    model.compile(loss=loss)
    assert model.regularization_loss() > 0
    assert_gradients_ok(model, x, y)


def test_dropout_and_no_bias_layers():
    rng = np.random.default_rng(6)
    x, y = rng.normal(size=(N, N_IN)), rng.normal(size=(N, 1))
    model = Sequential([Dense(4, activation="tanh", input_dim=N_IN, use_bias=False), Dropout(0.5),
                        Dense(1)], seed=0)
    model.compile(loss="mse")
    assert_gradients_ok(model, x, y)


def test_check_gradients_detects_a_wrong_derivative():
    class WrongTanh(activations.Tanh):
        def backward(self, z, grad_output):
            return 1.01 * super().backward(z, grad_output)  # una derivada un 1 % equivocada

    rng = np.random.default_rng(7)
    x, y = rng.normal(size=(N, N_IN)), rng.normal(size=(N, 1))
    model = Sequential([Dense(4, activation=WrongTanh(), input_dim=N_IN), Dense(1)], seed=0)
    model.compile(loss="mse")
    errors = {(r["layer"], r["parameter"]): r["relative_error"] for r in check_gradients(model, x, y)}
    assert errors[("dense_1", "W")] < 1e-7             # la capa de salida sigue bien
    assert errors[("dense", "W")] > 1e-3                # la que usa la derivada errónea, no


def test_gradients_do_not_change_weights():
    rng = np.random.default_rng(8)
    x, y = rng.normal(size=(N, N_IN)), rng.normal(size=(N, 2))
    model = make_model([(4, "relu")], 2, "linear")
    model.compile(optimizer="sgd", loss="mse")
    before = model.get_weights()
    grads = model.gradients(x, y)
    assert [g.shape for pair in grads for g in pair] == [w.shape for w in before]
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)


# --- Frente a PyTorch autograd ------------------------------------------------------------------
EPS = 1e-7
TORCH_ACTIVATIONS = {
    "linear": lambda z: z, "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu,
    "elu": F.elu, "gelu": F.gelu, "swish": F.silu, "softmax": lambda z: torch.softmax(z, dim=-1),
    "leaky_relu": lambda z: F.leaky_relu(z, 0.2),
}


def torch_focal(t, p, from_logits, balance, alpha=0.25, gamma=2.0):
    if from_logits:
        bce = F.binary_cross_entropy_with_logits(p, t, reduction="none")
        p = torch.sigmoid(p)
    else:
        pc = p.clamp(EPS, 1 - EPS)
        bce = -(t * torch.log(pc) + (1 - t) * torch.log(1 - pc))
    p_t = t * p + (1 - t) * (1 - p)
    w = alpha * t + (1 - alpha) * (1 - t) if balance else 1.0
    return (w * (1 - p_t) ** gamma * bce).mean()


def torch_sparse_cce(k, p):
    c = p.clamp(EPS, 1 - EPS)  # la fórmula de Keras sobre probabilidades
    return (torch.log(c.sum(-1)) - torch.log(c[torch.arange(len(k)), k])).mean()


# Las fórmulas de Keras escritas con operaciones de PyTorch, sin usar nnlib.
TORCH_LOSSES = {
    "mean_squared_error": lambda t, p: ((p - t) ** 2).mean(),
    "mean_absolute_error": lambda t, p: (p - t).abs().mean(),
    "mean_absolute_percentage_error": lambda t, p: (100 * (t - p).abs() / t.abs().clamp(min=EPS)).mean(),
    "mean_squared_logarithmic_error": lambda t, p: (
        (torch.log1p(p.clamp(min=EPS)) - torch.log1p(t.clamp(min=EPS))) ** 2).mean(),
    "huber": lambda t, p: F.huber_loss(p, t, delta=1.0),
    "log_cosh": lambda t, p: torch.log(torch.cosh(p - t)).mean(),
    "poisson": lambda t, p: (p - t * torch.log(p + EPS)).mean(),
    "kl_divergence": lambda t, p: (t.clamp(EPS, 1) * torch.log(t.clamp(EPS, 1) / p.clamp(EPS, 1))).sum(-1).mean(),
    "binary_crossentropy": lambda t, p: -(t * torch.log(p.clamp(EPS, 1 - EPS))
                                          + (1 - t) * torch.log(1 - p.clamp(EPS, 1 - EPS))).mean(),
    "bce_logits": lambda t, p: F.binary_cross_entropy_with_logits(p, t),
    "categorical_crossentropy": lambda t, p: -(t * torch.log((p / p.sum(-1, keepdim=True)).clamp(EPS, 1 - EPS))
                                               ).sum(-1).mean(),
    "cce_logits_smooth": lambda t, p: -((t * 0.9 + 0.1 / t.shape[1]) * torch.log_softmax(p, -1)).sum(-1).mean(),
    "sparse_categorical_crossentropy": lambda k, p: torch_sparse_cce(k.long(), p),
    "sparse_logits": lambda k, p: F.cross_entropy(p, k.long()),
    "hinge": lambda t, p: (1 - (2 * t - 1) * p).clamp(min=0).mean(),
    "squared_hinge": lambda t, p: ((1 - (2 * t - 1) * p).clamp(min=0) ** 2).mean(),
    "categorical_hinge": lambda t, p: ((((1 - t) * p).max(-1).values - (t * p).sum(-1) + 1).clamp(min=0)).mean(),
    "binary_focal_crossentropy": lambda t, p: torch_focal(t, p, False, False),
    "focal_logits_balanced": lambda t, p: torch_focal(t, p, True, True),
}
TORCH_KEYS = ["mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
              "mean_squared_logarithmic_error", "huber", "log_cosh", "poisson", "kl_divergence",
              "binary_crossentropy", "bce_logits", None, "categorical_crossentropy", "cce_logits_smooth",
              "sparse_categorical_crossentropy", "sparse_logits", "hinge", "squared_hinge", "categorical_hinge",
              "binary_focal_crossentropy", "focal_logits_balanced"]
TORCH_CASES = [(*case, key) for case, key in zip(LOSS_CASES, TORCH_KEYS) if key is not None]


def torch_gradients(model, x, y, torch_loss, l2=0.0):
    """El mismo modelo en PyTorch (mismos pesos), la pérdida escrita en PyTorch y autograd."""
    params, a = [], torch.tensor(x)
    for layer in model.layers:
        W = torch.tensor(layer.W, requires_grad=True)
        b = torch.tensor(layer.b, requires_grad=True)
        params.append((W, b))
        a = TORCH_ACTIVATIONS[layer.activation.name](a @ W + b)
    yt = torch.tensor(y)
    if yt.ndim == 1 and a.shape[1] == 1:
        yt = yt.reshape(-1, 1)
    J = torch_loss(yt, a) + l2 * sum((W**2).sum() for W, _ in params)
    J.backward()
    return [(W.grad.numpy(), b.grad.numpy()) for W, b in params], float(J.detach())


@pytest.mark.parametrize("loss, out_act, kind, n_out, key", TORCH_CASES, ids=[c[-1] for c in TORCH_CASES])
def test_every_loss_gradients_match_torch(loss, out_act, kind, n_out, key):
    rng = np.random.default_rng(9)
    x = rng.normal(size=(N, N_IN))
    y = make_targets(kind, n_out, rng)
    model = make_model([(5, "tanh"), (4, "relu")], n_out, out_act)
    model.compile(loss=loss)
    expected, J = torch_gradients(model, x, y, TORCH_LOSSES[key])
    assert model.compute_loss(x, y) == pytest.approx(J, rel=1e-12)
    for (dW, db), (tW, tb) in zip(model.gradients(x, y), expected):
        np.testing.assert_allclose(dW, tW, rtol=1e-8, atol=1e-13)
        np.testing.assert_allclose(db, tb, rtol=1e-8, atol=1e-13)


@pytest.mark.parametrize("hidden", ARCHITECTURES, ids=lambda h: "-".join(a for _, a in h) or "una-capa")
@pytest.mark.parametrize("out_act, loss, key, kind, n_out", [
    ("softmax", "categorical_crossentropy", "categorical_crossentropy", "onehot", 4),
    ("linear", "mse", "mean_squared_error", "real", 2),
])
def test_architectures_match_torch_with_l2(hidden, out_act, loss, key, kind, n_out):
    rng = np.random.default_rng(10)
    x = rng.normal(size=(N, N_IN))
    y = make_targets(kind, n_out, rng)
    model = make_model(hidden, n_out, out_act, kernel_regularizer=regularizers.L2(0.01))
    model.compile(loss=loss)
    expected, J = torch_gradients(model, x, y, TORCH_LOSSES[key], l2=0.01)
    assert model.compute_loss(x, y) == pytest.approx(J, rel=1e-12)
    for (dW, db), (tW, tb) in zip(model.gradients(x, y), expected):
        np.testing.assert_allclose(dW, tW, rtol=1e-8, atol=1e-13)
        np.testing.assert_allclose(db, tb, rtol=1e-8, atol=1e-13)
