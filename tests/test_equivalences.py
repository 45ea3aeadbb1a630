"""nnlib, Keras y PyTorch dan los mismos números: pérdidas, activaciones y optimizadores.

Y las tablas de ``nnlib.frameworks.equivalences`` dicen la verdad: sus valores por
defecto se comparan con las firmas reales de Keras y PyTorch, y cada advertencia
(«HingeEmbeddingLoss no es Hinge», «CrossEntropyLoss recibe logits»...) se comprueba.
"""
import inspect
import re

import keras
import numpy as np
import pytest
import tensorflow as tf
import torch
from torch import nn

from nnlib import activations, losses, optimizers
from nnlib.frameworks import equivalences as eq
from nnlib.frameworks import keras as nk
from nnlib.frameworks import torch as nt

RNG = np.random.default_rng(12345)


def _defaults(fn, skip=("self", "params", "kwargs", "name")):
    return {k: p.default for k, p in inspect.signature(fn).parameters.items()
            if k not in skip and p.default is not inspect.Parameter.empty}


# ======================================================================================
# Las tablas, contra las firmas reales
# ======================================================================================
@pytest.mark.parametrize("row", eq.OPTIMIZERS, ids=lambda r: r["name"])
def test_optimizer_defaults_match_real_signatures(row):
    keras_defaults = _defaults(getattr(keras.optimizers, row["nnlib"]).__init__)
    torch_defaults = _defaults(getattr(torch.optim, row["nnlib"]).__init__)
    nnlib_defaults = _defaults(getattr(optimizers, row["nnlib"]).__init__)
    for key, value in row["keras_defaults"].items():
        assert keras_defaults[key] == value, (row["name"], key)
        assert nnlib_defaults[key] == value, (row["name"], key)
    for key, value in row["torch_defaults"].items():
        assert torch_defaults[key] == value, (row["name"], key)
    # Todo argumento de Keras que se traduce existe en PyTorch con el nombre indicado.
    for torch_name in set(row["rename"].values()):
        assert torch_name in torch_defaults, (row["name"], torch_name)


@pytest.mark.parametrize("row", eq.ACTIVATIONS, ids=lambda r: r["name"])
def test_activation_defaults_match_real_signatures(row):
    if row["name"] == "step":
        assert not hasattr(keras.activations, "step") and not hasattr(nn, "Step")
        return
    keras_fn = keras.activations.get(row["name"])
    assert _defaults(keras_fn, skip=("x",)) == row["keras_params"]
    torch_classes = {"leaky_relu": nn.LeakyReLU, "elu": nn.ELU, "gelu": nn.GELU, "softmax": nn.Softmax}
    if row["name"] in torch_classes:
        assert _defaults(torch_classes[row["name"]].__init__, skip=("self", "inplace")) == row["torch_params"]
    if "keras_layer_params" in row:
        assert _defaults(keras.layers.LeakyReLU.__init__) == row["keras_layer_params"]
    # La expresión de PyTorch de la tabla construye el módulo que usa nnlib.frameworks.torch.
    built = eval(row["torch"], {"nn": nn})
    assert repr(built) == repr(nt.activation(row["name"]))


@pytest.mark.parametrize("row", eq.LOSSES, ids=lambda r: r["name"])
def test_loss_names_are_accepted_by_keras_and_nnlib(row):
    keras_class = getattr(keras.losses, row["nnlib"])
    assert row["keras"] == f"keras.losses.{row['nnlib']}"
    for name in (row["name"], *row["keras_names"]):
        keras_fn = keras.losses.get(name)
        assert keras_fn.__name__ == row["name"] or isinstance(keras_fn, keras_class)
    for name in (row["name"], *row["keras_names"], *row.get("legacy_names", ()), row["nnlib"]):
        assert isinstance(losses.get(name), getattr(losses, row["nnlib"]))
    assert callable(getattr(nt, row["torch_code"]))
    assert "def " in nt.source(row["name"])


def test_problem_table_losses_exist():
    for row in eq.PROBLEMS:
        for name in ("mse", "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy"):
            if f'"{name}"' in row["keras"]:
                keras.losses.get(name)


def test_tables_print_in_markdown_and_text():
    md = eq.table("losses")
    lines = md.splitlines()
    assert len(lines) == len(eq.LOSSES) + 2 and lines[0].startswith("| nnlib |")
    bars = [len(re.findall(r"(?<!\\)\|", line)) for line in lines]  # las barras de las notas van escapadas
    assert len(set(bars)) == 1 and "\\|" in md
    text = eq.table("optimizers", columns=["nnlib", "PyTorch como Keras"], fmt="text")
    assert "torch.optim.RMSprop(params, lr=0.001, alpha=0.9, momentum=0.0, eps=1e-07, centered=False)" in text
    assert len(text.splitlines()) == len(eq.OPTIMIZERS) + 2
    assert "HingeEmbeddingLoss" in eq.table("losses", columns=["Nota"])
    for kind in ("activations", "problems"):
        assert len(eq.table(kind, fmt="text").splitlines()) == len(eq.rows(kind)) + 2


def test_printed_torch_code_is_the_code_that_runs():
    """El código que imprime la tabla (code=True) se ejecuta tal cual y da los números de Keras."""
    import math

    import torch.nn.functional as F

    text = eq.table("losses", columns=["nnlib"], code=True)
    namespace = {"torch": torch, "F": F, "math": math, "EPSILON": eq.EPSILON}
    for block in re.findall(r"```python\n(.*?)\n```", text, flags=re.S):
        exec(block, namespace)
    rng = np.random.default_rng(5)
    y_true, y_pred = (rng.random((4, 3)) > 0.5).astype(float), rng.random((4, 3)) * 2
    missing = [r for r in eq.LOSSES if r["torch"] is None]
    assert {r["name"] for r in missing} >= {"mean_absolute_percentage_error", "hinge", "binary_focal_crossentropy"}
    for row in missing:
        value = namespace[row["torch_code"]](torch.tensor(y_pred / 2), torch.tensor(y_true)).item()
        keras_value = float(getattr(keras.losses, row["nnlib"])(dtype="float64")(y_true, y_pred / 2))
        assert value == pytest.approx(keras_value, rel=1e-8, abs=3e-9), row["name"]


def test_table_errors_are_spanish():
    with pytest.raises(ValueError, match="¿Quiso decir 'losses'"):
        eq.table("loses")
    with pytest.raises(ValueError, match="columna"):
        eq.table("losses", columns=["Nope"])
    with pytest.raises(ValueError, match="no tiene equivalente directo"):
        eq.torch_arguments("sgd", {"clipnorm": 1.0})


def test_torch_arguments_translate_names():
    assert eq.torch_arguments("rmsprop", {"learning_rate": 0.01, "rho": 0.8}) == {"lr": 0.01, "alpha": 0.8}
    assert eq.torch_arguments("adam", {"beta_2": 0.99}) == {"betas": (0.9, 0.99)}
    assert eq.like_keras("adagrad") == {"lr": 0.001, "initial_accumulator_value": 0.1, "eps": 1e-7}


# ======================================================================================
# Pérdidas: el mismo número (y el mismo gradiente) en los tres, extremos incluidos
# ======================================================================================
def _probs(n, c, rng):
    p = rng.random((n, c)) + 0.05
    return p / p.sum(axis=1, keepdims=True)


def _onehot(labels, c):
    return np.eye(c)[labels]


def _loss_cases():
    rng = np.random.default_rng(7)
    reg_t, reg_p = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    big_t, big_p = reg_t * 1e6, reg_p * 1e6
    pos_t, pos_p = rng.random((6, 3)) * 3, rng.random((6, 3)) * 3 + 0.01
    y01 = rng.integers(0, 2, size=(8, 1)).astype(float)
    prob = rng.random((8, 1)) * 0.98 + 0.01
    prob_extreme = np.array([[0.0], [1.0], [1e-12], [1 - 1e-12], [0.0], [1.0], [0.5], [1e-9]])
    y_extreme = np.array([[1.0], [0.0], [1.0], [0.0], [0.0], [1.0], [1.0], [0.0]])
    logits = rng.normal(size=(8, 1)) * 3
    logits_extreme = np.array([[-1e3], [1e3], [-50.0], [50.0], [0.0], [30.0], [-30.0], [1e-9]])
    labels = rng.integers(0, 4, size=6)
    p4 = _probs(6, 4, rng)
    p4_extreme = np.array([[1.0, 0, 0, 0], [0, 0, 0, 1.0], [0.25] * 4, [1e-12, 1 - 3e-12, 1e-12, 1e-12],
                           [0.5, 0.5, 0, 0], [0, 0, 1.0, 0]])
    logits4 = rng.normal(size=(6, 4)) * 2
    logits4_extreme = np.array([[1e3, -1e3, 0, 0], [-500, 0, 500, 1], [0, 0, 0, 0], [80, 79, -80, 0],
                                [1e-9, 0, 0, 0], [-1e3, -1e3, -1e3, 1e3]])
    pm1 = np.where(rng.random((6, 2)) > 0.5, 1.0, -1.0)
    return [
        ("mean_squared_error", {}, reg_t, reg_p, True),
        ("mean_squared_error", {}, big_t, big_p, False),
        ("mean_absolute_error", {}, reg_t, reg_p, True),
        ("mean_absolute_percentage_error", {}, reg_t, reg_p, True),
        ("mean_absolute_percentage_error", {}, np.array([[0.0, 1e-9, 2.0]]), np.array([[0.5, -1.0, 2.5]]), False),
        ("mean_squared_logarithmic_error", {}, pos_t, pos_p, True),
        ("mean_squared_logarithmic_error", {}, reg_t, reg_p, False),  # negativos: se llevan a ε
        ("huber", {}, reg_t, reg_p * 2, True),
        ("huber", {"delta": 0.5}, reg_t, reg_p * 2, True),
        ("log_cosh", {}, reg_t, reg_p, True),
        ("log_cosh", {}, big_t, big_p, False),
        ("poisson", {}, pos_t, pos_p, True),
        ("poisson", {}, pos_t, np.zeros_like(pos_t), False),
        ("kl_divergence", {}, _probs(6, 4, rng), p4, True),
        ("kl_divergence", {}, p4_extreme, p4_extreme[::-1].copy(), False),
        ("binary_crossentropy", {}, y01, prob, True),
        ("binary_crossentropy", {}, y_extreme, prob_extreme, False),
        ("binary_crossentropy", {"label_smoothing": 0.1}, y01, prob, True),
        ("binary_crossentropy", {"from_logits": True}, y01, logits, True),
        ("binary_crossentropy", {"from_logits": True}, y_extreme, logits_extreme, False),
        ("categorical_crossentropy", {}, _onehot(labels, 4), p4, True),
        ("categorical_crossentropy", {}, _onehot(labels, 4), p4_extreme, False),
        ("categorical_crossentropy", {"label_smoothing": 0.2}, _onehot(labels, 4), p4, True),
        ("categorical_crossentropy", {"from_logits": True}, _onehot(labels, 4), logits4, True),
        ("categorical_crossentropy", {"from_logits": True}, _onehot(labels, 4), logits4_extreme, False),
        ("sparse_categorical_crossentropy", {}, labels, p4, True),
        ("sparse_categorical_crossentropy", {}, labels[:, None], p4_extreme, False),
        ("sparse_categorical_crossentropy", {"from_logits": True}, labels, logits4, True),
        ("sparse_categorical_crossentropy", {"from_logits": True}, labels, logits4_extreme, False),
        ("hinge", {}, y01, logits, True),
        ("hinge", {}, pm1, rng.normal(size=(6, 2)), True),
        ("squared_hinge", {}, y01, logits, True),
        ("squared_hinge", {}, pm1, rng.normal(size=(6, 2)) * 1e3, False),
        ("categorical_hinge", {}, _onehot(labels, 4), logits4, True),
        ("categorical_hinge", {}, _onehot(labels, 4), logits4_extreme, False),
        ("binary_focal_crossentropy", {}, y01, prob, True),
        ("binary_focal_crossentropy", {}, y_extreme, prob_extreme, False),
        ("binary_focal_crossentropy", {"apply_class_balancing": True, "alpha": 0.3, "gamma": 1.5}, y01, prob, True),
        ("binary_focal_crossentropy", {"label_smoothing": 0.1, "gamma": 3.0}, y01, prob, True),
        ("binary_focal_crossentropy", {"from_logits": True}, y01, logits, True),
        ("binary_focal_crossentropy", {"from_logits": True}, y_extreme, logits_extreme, False),
    ]


LOSS_CASES = _loss_cases()


@pytest.mark.parametrize("name,kwargs,y_true,y_pred,smooth", LOSS_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(LOSS_CASES)])
def test_loss_same_value_in_nnlib_keras_torch(name, kwargs, y_true, y_pred, smooth):
    row = eq.loss_row(name)
    ours = getattr(losses, row["nnlib"])(**kwargs)
    keras_loss = getattr(keras.losses, row["nnlib"])(dtype="float64", **kwargs)
    torch_loss = nt.loss(name, **kwargs)
    pred = torch.tensor(y_pred, dtype=torch.float64, requires_grad=True)
    target = torch.tensor(y_true, dtype=torch.int64 if y_true.ndim < y_pred.ndim or name.startswith("sparse")
                          else torch.float64)
    value_torch = torch_loss(pred, target)
    value_keras = float(keras_loss(y_true, y_pred))
    value_nnlib = ours(y_true, y_pred)
    assert np.isfinite(value_keras)
    np.testing.assert_allclose(value_nnlib, value_torch.item(), rtol=1e-10, atol=1e-12)
    # Keras 3 calcula log(2) en float32 dentro de log_cosh (error 1.9e-9 aunque el resto sea float64).
    keras_tol = {"rtol": 1e-10, "atol": 3e-9 if name == "log_cosh" else 1e-12}
    np.testing.assert_allclose(value_keras, value_torch.item(), **keras_tol)
    # nk.loss construye la misma pérdida de Keras a partir de la de nnlib.
    np.testing.assert_allclose(float(nk.loss(ours, dtype="float64")(y_true, y_pred)), value_keras, rtol=1e-12)
    # El gradiente respecto de y_pred: nnlib (a mano), PyTorch (autograd) y Keras (GradientTape).
    if smooth:
        value_torch.backward()
        y_pred_tf = tf.Variable(y_pred)
        with tf.GradientTape() as tape:
            value = keras_loss(y_true, y_pred_tf)
        grad_keras = tape.gradient(value, y_pred_tf).numpy()
        np.testing.assert_allclose(ours.gradient(y_true, y_pred), grad_keras, rtol=1e-8, atol=1e-12)
        np.testing.assert_allclose(pred.grad.numpy(), grad_keras, rtol=1e-8, atol=1e-12)


def test_loss_from_nnlib_instance_keeps_parameters():
    y, p = np.array([[0.0, 3.0]]), np.array([[1.0, 0.0]])
    for ours in (losses.Huber(delta=0.3), losses.BinaryFocalCrossentropy(gamma=1.0, from_logits=True)):
        torch_value = nt.loss(ours)(torch.tensor(p), torch.tensor(y)).item()
        assert torch_value == pytest.approx(ours(y, p), rel=1e-12)
    with pytest.raises(TypeError, match="no tiene el argumento `delta`"):
        nt.loss("mse", delta=2.0)


# Las advertencias de la tabla, comprobadas: dónde los nombres engañan.
def test_hinge_embedding_loss_is_not_keras_hinge():
    y, score = torch.tensor([[1.0], [-1.0], [1.0]], dtype=torch.float64), torch.tensor([[0.3], [0.2], [2.0]],
                                                                                         dtype=torch.float64)
    keras_hinge = float(keras.losses.Hinge(dtype="float64")(y.numpy(), score.numpy()))
    assert nt.hinge(score, y).item() == pytest.approx(keras_hinge)
    assert nn.HingeEmbeddingLoss()(score, y).item() != pytest.approx(keras_hinge)


def test_cross_entropy_loss_takes_logits_and_bce_loss_takes_probabilities():
    logits = torch.tensor([[2.0, -1.0, 0.5]], dtype=torch.float64)
    onehot = np.array([[1.0, 0.0, 0.0]])
    probs = torch.softmax(logits, dim=-1)
    keras_cce = float(keras.losses.CategoricalCrossentropy(dtype="float64")(onehot, probs.numpy()))
    assert nn.CrossEntropyLoss()(logits, torch.tensor(onehot)).item() == pytest.approx(keras_cce, rel=1e-12)
    assert nn.CrossEntropyLoss()(probs, torch.tensor(onehot)).item() != pytest.approx(keras_cce)  # ¡error común!
    assert nn.NLLLoss()(torch.log(probs), torch.tensor([0])).item() == pytest.approx(keras_cce, rel=1e-12)
    # BCELoss: igual que Keras con probabilidades normales, distinta en los extremos (−100 frente a 1e-7).
    p, y = torch.tensor([[0.3], [0.0]], dtype=torch.float64), torch.tensor([[1.0], [1.0]], dtype=torch.float64)
    keras_bce = keras.losses.BinaryCrossentropy(dtype="float64")
    assert nn.BCELoss()(p[:1], y[:1]).item() == pytest.approx(float(keras_bce(y[:1].numpy(), p[:1].numpy())))
    assert nn.BCELoss()(p, y).item() != pytest.approx(float(keras_bce(y.numpy(), p.numpy())))
    assert nt.binary_crossentropy(p, y).item() == pytest.approx(float(keras_bce(y.numpy(), p.numpy())))


def test_table_builtins_for_huber_poisson_kl():
    rng = np.random.default_rng(3)
    t, p = rng.random((5, 3)) * 3, rng.random((5, 3)) * 3 + 0.1
    T, P = torch.tensor(t), torch.tensor(p)
    assert nn.HuberLoss(delta=1.0)(P, T).item() == pytest.approx(float(keras.losses.Huber(dtype="float64")(t, p)))
    # SmoothL1Loss(beta) = HuberLoss(delta=beta) / beta: solo coincide con Huber si delta = beta = 1.
    huber2 = float(keras.losses.Huber(delta=2.0, dtype="float64")(t, p * 3))
    assert nn.SmoothL1Loss(beta=2.0)(P * 3, T).item() == pytest.approx(huber2 / 2)
    poisson = float(keras.losses.Poisson(dtype="float64")(t, p))
    assert nn.PoissonNLLLoss(log_input=False, eps=1e-7)(P, T).item() == pytest.approx(poisson, rel=1e-12)
    assert nn.PoissonNLLLoss()(P, T).item() != pytest.approx(poisson)
    q, r = _probs(5, 3, rng), _probs(5, 3, rng)
    kld = float(keras.losses.KLDivergence(dtype="float64")(q, r))
    assert nn.KLDivLoss(reduction="batchmean")(torch.log(torch.tensor(r)), torch.tensor(q)).item() == pytest.approx(kld)
    with pytest.warns(UserWarning, match="batchmean"):  # PyTorch mismo avisa
        assert nn.KLDivLoss()(torch.log(torch.tensor(r)), torch.tensor(q)).item() != pytest.approx(kld)


# ======================================================================================
# Activaciones
# ======================================================================================
Z = np.array([[-1e3, -50.0, -20.0, -3.0, -1.0, -1e-8, 0.0, 1e-8, 0.5, 3.0, 20.0, 50.0, 1e3]])
TIGHT, LOOSE = {"rtol": 1e-13, "atol": 1e-15}, {"rtol": 1e-7, "atol": 1e-15}
# Keras 3 en float64 usa constantes float32 en algunas activaciones: la pendiente 0.2 de leaky_relu
# (0.20000000298) y las de gelu (error relativo ~1e-7). nnlib y PyTorch dan el valor float64 correcto.
KERAS_FLOAT32_CONSTANTS = {"leaky_relu": {"rtol": 3e-8, "atol": 1e-15}, "gelu": {"rtol": 1e-6, "atol": 1e-8}}


@pytest.mark.parametrize("name", [r["name"] for r in eq.ACTIVATIONS])
def test_activation_same_value_in_nnlib_keras_torch(name):
    f = activations.get(name)
    z = Z if name != "softmax" else np.vstack([Z, Z[:, ::-1] * 1e-3, np.zeros_like(Z)])
    value_nnlib = f(z)
    value_torch = nt.activation(name)(torch.tensor(z)).numpy()
    value_keras = np.asarray(nk.activation(name)(tf.constant(z)))
    np.testing.assert_allclose(value_nnlib, value_torch, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(value_keras, value_torch, **KERAS_FLOAT32_CONSTANTS.get(name, TIGHT))


@pytest.mark.parametrize("name", [r["name"] for r in eq.ACTIVATIONS if r["name"] != "step"])
def test_activation_gradient_matches_autograd(name):
    f = activations.get(name)
    z = np.delete(Z, 6, axis=1) if name in ("relu", "leaky_relu", "elu") else Z  # z = 0: convenio propio
    g = np.random.default_rng(0).normal(size=z.shape)
    zt = torch.tensor(z, requires_grad=True)
    (nt.activation(name)(zt) * torch.tensor(g)).sum().backward()
    z_tf = tf.Variable(z)
    with tf.GradientTape() as tape:
        out = tf.reduce_sum(nk.activation(name)(z_tf) * g)
    grad_keras = tape.gradient(out, z_tf).numpy()
    # En las colas, σ(1 − σ) de los frameworks pierde cifras (nnlib usa fórmulas sin cancelación): rtol 1e-7.
    np.testing.assert_allclose(f.backward(z, g), zt.grad.numpy(), rtol=1e-7, atol=1e-15)
    np.testing.assert_allclose(grad_keras, zt.grad.numpy(), **KERAS_FLOAT32_CONSTANTS.get(name, LOOSE))


def test_activation_parameters_follow_nnlib():
    leaky = activations.LeakyReLU(negative_slope=0.1)
    assert nt.activation(leaky).negative_slope == 0.1
    layer = nk.activation(leaky)
    assert isinstance(layer, keras.layers.LeakyReLU) and layer.negative_slope == 0.1
    assert nt.activation("leaky_relu").negative_slope == 0.2  # el valor de Keras, no el 0.01 de PyTorch
    np.testing.assert_allclose(np.asarray(layer(tf.constant(Z))), leaky(Z))


# ======================================================================================
# Optimizadores: 50 pasos
# ======================================================================================
# En float64, Keras 3 pasa a float32 algunos hiperparámetros antes de usarlos (el momento de SGD y los β de
# Adam: `ops.cast(0.9, "float64")` vale 0.8999999762). Con valores que float32 representa exactamente
# (0.875, 1 − 2⁻¹⁰) la comparación con Keras puede ser estricta; con 0.9 y 0.999 difiere en ~1e-8 por paso.
EXACT_IN_FLOAT32 = {"momentum": 0.875, "beta_1": 0.875, "beta_2": 1 - 2 ** -10, "weight_decay": 0.125,
                    "initial_accumulator_value": 0.125}
TARGET = RNG.normal(size=(3, 4))
CURV = RNG.random((3, 4)) * 2 + 0.5


def _gradient(theta, scale=1.0):
    """Gradiente de una función fija: el optimizador lo sigue durante 50 pasos (bucle cerrado)."""
    return scale * (CURV * (theta - TARGET) + np.cos(3 * theta))


def _run_nnlib(name, config, steps, scale, theta0):
    opt = getattr(optimizers, eq.optimizer_row(name)["nnlib"])(**config)
    theta = theta0.copy()
    for _ in range(steps):
        opt.update([theta], [_gradient(theta, scale)])
    return theta


def _run_keras(name, config, steps, scale, theta0):
    opt = getattr(keras.optimizers, eq.optimizer_row(name)["nnlib"])(**config)
    var = keras.Variable(theta0.copy(), dtype="float64")
    for _ in range(steps):
        opt.apply([keras.ops.convert_to_tensor(_gradient(np.asarray(var), scale))], [var])
    return np.asarray(var)


def _run_torch(name, config, steps, scale, theta0, eps_schedule=None):
    theta = torch.tensor(theta0.copy(), requires_grad=True)
    opt = nt.optimizer(name, [theta], **config)
    for t in range(1, steps + 1):
        if eps_schedule:
            opt.param_groups[0]["eps"] = eps_schedule(t)
        theta.grad = torch.tensor(_gradient(theta.detach().numpy(), scale))
        opt.step()
    return theta.detach().numpy()


def _exact(name, config):
    """``config`` con los hiperparámetros que Keras pasaría a float32 cambiados por valores exactos."""
    keys = set(config) | set(eq.optimizer_row(name)["keras_defaults"])
    if config.get("momentum", 0) == 0:
        keys.discard("momentum")
    return {**config, **{k: EXACT_IN_FLOAT32[k] for k in keys if k in EXACT_IN_FLOAT32}}


OPT_CONFIGS = [
    ("sgd", {}), ("sgd", {"learning_rate": 0.1, "momentum": 0.9}),
    ("sgd", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    ("adagrad", {}), ("adagrad", {"learning_rate": 0.1}),
    ("adadelta", {}), ("adadelta", {"learning_rate": 1.0}),
    ("rmsprop", {}), ("rmsprop", {"momentum": 0.9}), ("rmsprop", {"centered": True, "rho": 0.8}),
    ("adam", {}), ("adam", {"amsgrad": True, "learning_rate": 0.01}),
    ("adamw", {}), ("adamw", {"weight_decay": 0.1, "learning_rate": 0.01}),
]
OPT_IDS = [f"{n}-{i}" for i, (n, _) in enumerate(OPT_CONFIGS)]


@pytest.mark.parametrize("name,config", OPT_CONFIGS, ids=OPT_IDS)
def test_optimizer_50_steps_nnlib_equals_keras(name, config, float64_keras):
    theta0 = np.random.default_rng(1).normal(size=(3, 4))
    keras_theta = _run_keras(name, _exact(name, config), 50, 1.0, theta0)
    assert np.max(np.abs(keras_theta - theta0)) > 5e-5  # se movió de verdad
    np.testing.assert_allclose(_run_nnlib(name, _exact(name, config), 50, 1.0, theta0), keras_theta,
                               rtol=1e-10, atol=1e-12)
    # Con 0.9 y 0.999 tal cual, Keras usa sus versiones float32: diferencias pequeñas, no nulas.
    np.testing.assert_allclose(_run_nnlib(name, config, 50, 1.0, theta0), _run_keras(name, config, 50, 1.0, theta0),
                               rtol=1e-4, atol=1e-5)


# Tolerancia de PyTorch con los argumentos de la tabla: SGD y Adadelta son la misma regla; en Adagrad,
# RMSprop y Adam ε está en otro sitio y la diferencia crece cuando |g| se acerca a √ε ≈ 3·10⁻⁴ (en RMSprop,
# √(v + ε) frente a √v + ε, llega a ~5·10⁻⁴ en 50 pasos cuando el gradiente pasa cerca de 0).
TORCH_TOLERANCE = {"sgd": 1e-10, "adadelta": 1e-10, "adagrad": 1e-6, "adam": 5e-5, "adamw": 5e-5, "rmsprop": 2e-3}


@pytest.mark.parametrize("name,config", OPT_CONFIGS, ids=OPT_IDS)
def test_optimizer_50_steps_torch_with_table_settings(name, config, float64_keras):
    """PyTorch con los argumentos de la tabla (los de Keras traducidos) sigue a nnlib y a Keras."""
    theta0 = np.random.default_rng(1).normal(size=(3, 4))
    tol = TORCH_TOLERANCE[name]
    np.testing.assert_allclose(_run_torch(name, config, 50, 1.0, theta0), _run_nnlib(name, config, 50, 1.0, theta0),
                               rtol=tol, atol=tol)
    exact = _exact(name, config)
    np.testing.assert_allclose(_run_torch(name, exact, 50, 1.0, theta0), _run_keras(name, exact, 50, 1.0, theta0),
                               rtol=tol, atol=tol)


@pytest.mark.parametrize("name", ["adagrad", "rmsprop", "adam", "adamw"])
@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_optimizer_same_rule_when_epsilon_is_negligible(name, scale, float64_keras):
    """Con ε despreciable en los tres, la regla es idéntica (gradientes extremos incluidos): solo difiere ε."""
    theta0 = np.random.default_rng(1).normal(size=(3, 4))
    config = _exact(name, {"epsilon": 1e-30})
    keras_theta = _run_keras(name, config, 50, scale, theta0)
    np.testing.assert_allclose(_run_nnlib(name, config, 50, scale, theta0), keras_theta, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(_run_torch(name, config, 50, scale, theta0), keras_theta, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("name,config,scale", [
    ("sgd", {}, 1e-9), ("sgd", {"momentum": 0.9, "learning_rate": 1e-10}, 1e8),
    ("adagrad", {}, 1e-9), ("adagrad", {}, 1e8), ("adadelta", {}, 1e-9), ("adadelta", {}, 1e8),
    ("rmsprop", {}, 1e-9), ("rmsprop", {"centered": True}, 1e8),
    ("adam", {}, 1e-9), ("adam", {"amsgrad": True}, 1e8), ("adamw", {}, 1e-9),
])
def test_optimizer_extreme_gradients_nnlib_keras(name, config, scale, float64_keras):
    """Gradientes diminutos (donde ε domina) y enormes, con los valores por defecto de Keras."""
    theta0 = np.random.default_rng(1).normal(size=(3, 4))
    config = _exact(name, config)
    np.testing.assert_allclose(_run_nnlib(name, config, 50, scale, theta0),
                               _run_keras(name, config, 50, scale, theta0), rtol=1e-10, atol=1e-12)


def test_adam_epsilon_placement_claim(float64_keras):
    """El ε de Keras equivale a ε·√(1 − β₂ᵗ) de PyTorch: con ese ε paso a paso, coinciden incluso con
    gradientes diminutos, donde con el mismo ε constante difieren mucho."""
    theta0 = np.random.default_rng(1).normal(size=(3, 4))
    config = _exact("adam", {})
    keras_theta = _run_keras("adam", config, 50, 1e-9, theta0)
    matched = _run_torch("adam", config, 50, 1e-9, theta0,
                         eps_schedule=lambda t: 1e-7 / np.sqrt(1 - config["beta_2"] ** t))
    np.testing.assert_allclose(matched, keras_theta, rtol=1e-10, atol=1e-12)
    same_eps = _run_torch("adam", config, 50, 1e-9, theta0)
    assert np.max(np.abs(same_eps - keras_theta)) > 1e-4


def test_rmsprop_defaults_differ_between_frameworks(float64_keras):
    """Sin traducir los argumentos (los valores por defecto de cada uno) el resultado es otro."""
    theta0 = np.random.default_rng(1).normal(size=(3, 4))
    keras_theta = _run_keras("rmsprop", {}, 50, 1.0, theta0)
    theta = torch.tensor(theta0.copy(), requires_grad=True)
    opt = torch.optim.RMSprop([theta])
    for _ in range(50):
        theta.grad = torch.tensor(_gradient(theta.detach().numpy()))
        opt.step()
    assert np.max(np.abs(theta.detach().numpy() - keras_theta)) > 1e-2


def test_optimizer_from_nnlib_instance():
    opt = optimizers.RMSprop(learning_rate=0.05, rho=0.8, momentum=0.5, epsilon=1e-6, centered=True)
    p = torch.zeros(3, requires_grad=True)
    torch_opt = nt.optimizer(opt, [p])
    group = torch_opt.param_groups[0]
    assert (group["lr"], group["alpha"], group["momentum"], group["eps"], group["centered"]) == (
        0.05, 0.8, 0.5, 1e-6, True)
    keras_opt = nk.optimizer(opt)
    assert (float(keras_opt.learning_rate), keras_opt.rho, keras_opt.momentum, keras_opt.epsilon,
            keras_opt.centered) == pytest.approx((0.05, 0.8, 0.5, 1e-6, True))
    with pytest.raises(ValueError, match="clip_grad_norm_"):
        nt.optimizer(optimizers.SGD(clipnorm=1.0), [p])
