"""Pruebas de nnlib.surfaces: gradientes, caminos y los mismos caminos en Keras y PyTorch."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from nnlib import optimizers
from nnlib.surfaces import SURFACES, Surface, get, optimizer_path

NAMES = list(SURFACES)


@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_finite_differences(name):
    surface = SURFACES[name]
    rng = np.random.default_rng(0)
    h = 1e-6
    for _ in range(20):
        w = rng.uniform([surface.xlim[0], surface.ylim[0]], [surface.xlim[1], surface.ylim[1]])
        numeric = [(surface(*(w + h * e)) - surface(*(w - h * e))) / (2 * h) for e in np.eye(2)]
        assert np.allclose(surface.gradient(w), numeric, rtol=1e-6, atol=1e-5)


@pytest.mark.parametrize("name", NAMES)
def test_minima_are_stationary_and_lowest(name):
    surface = SURFACES[name]
    w1, w2 = np.meshgrid(np.linspace(*surface.xlim, 101), np.linspace(*surface.ylim, 101))
    lowest = surface(w1, w2).min()
    for minimum in surface.minima:
        assert np.allclose(surface.gradient(minimum), 0.0)
        assert surface(*minimum) <= lowest + 1e-12


def test_known_values():
    assert SURFACES["rosenbrock"](1.0, 1.0) == 0.0
    assert SURFACES["rosenbrock"](0.0, 0.0) == 1.0
    assert SURFACES["bowl"](1.0, 1.0) == 5.5
    assert SURFACES["saddle"](0.0, 1.0) == -0.25
    assert np.allclose(SURFACES["saddle"].gradient([0.0, 0.0]), 0.0)  # el punto de silla


def test_surfaces_evaluate_on_grids():
    w1, w2 = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 4))
    for surface in SURFACES.values():
        assert surface(w1, w2).shape == (4, 5)


def test_sgd_on_the_bowl_follows_the_closed_form():
    # Cada coordenada se multiplica por (1 − η·curvatura) en cada paso.
    eta, steps = 0.05, 40
    path = optimizer_path(optimizers.SGD(learning_rate=eta), "bowl", start=(-4.0, 1.5), steps=steps)
    t = np.arange(steps + 1)
    expected = np.column_stack([-4.0 * (1 - eta) ** t, 1.5 * (1 - 10 * eta) ** t])
    assert path.shape == (steps + 1, 2)
    assert np.allclose(path, expected, rtol=1e-12, atol=1e-15)


def test_path_leaves_the_optimizer_untouched_and_repeats():
    opt = optimizers.Adam(learning_rate=0.1)
    first = optimizer_path(opt, "rosenbrock", steps=50)
    assert opt.iterations == 0
    again = optimizer_path(opt, SURFACES["rosenbrock"], steps=50)
    assert np.array_equal(first, again)
    assert np.array_equal(first[0], SURFACES["rosenbrock"].start)


def test_names_and_default_optimizers():
    path = optimizer_path("sgd", "saddle", steps=3)
    expected = optimizer_path(optimizers.SGD(learning_rate=0.01), "saddle", steps=3)
    assert np.array_equal(path, expected)
    assert get("Rosenbrock") is SURFACES["rosenbrock"]


def test_divergence_stops_before_overflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = optimizer_path(optimizers.SGD(learning_rate=0.25), "bowl", steps=1000)
        rosen = optimizer_path(optimizers.SGD(learning_rate=0.01), "rosenbrock", steps=1000)
    assert 2 < len(path) < 1001 and np.all(np.isfinite(path)) and np.abs(path).max() <= 1e6
    assert len(rosen) < 1001 and np.all(np.isfinite(rosen))


def test_spanish_errors():
    with pytest.raises(ValueError, match="superficie"):
        get("rosenbrok")
    with pytest.raises(TypeError, match="optimizador de nnlib"):
        optimizer_path(object(), "bowl")
    with pytest.raises(ValueError, match="start"):
        optimizer_path("sgd", "bowl", start=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="`w`"):
        SURFACES["bowl"].gradient([1.0])
    assert isinstance(SURFACES["bowl"], Surface)


# --- los mismos caminos en Keras y en PyTorch ------------------------------------------
# Hiperparámetros que float32 representa exactamente: Keras guarda la tasa en una variable
# float32 y convierte μ, β₁, β₂ y el acumulador inicial de Adagrad a float32; con estos valores
# no hay redondeo y los caminos deben coincidir con los de nnlib hasta el último bit o casi.
EXACT = {
    "sgd": lambda: optimizers.SGD(learning_rate=2.0 ** -9),
    "momentum": lambda: optimizers.SGD(learning_rate=2.0 ** -10, momentum=0.875),
    "nesterov": lambda: optimizers.SGD(learning_rate=2.0 ** -10, momentum=0.875, nesterov=True),
    "adagrad": lambda: optimizers.Adagrad(learning_rate=0.25, initial_accumulator_value=0.125),
    "adadelta": lambda: optimizers.Adadelta(learning_rate=1.0),
    "rmsprop": lambda: optimizers.RMSprop(learning_rate=2.0 ** -6),
    "adam": lambda: optimizers.Adam(learning_rate=2.0 ** -4, beta_1=0.875, beta_2=1 - 2.0 ** -10),
    "adamw": lambda: optimizers.AdamW(learning_rate=2.0 ** -4, beta_1=0.875, beta_2=1 - 2.0 ** -10,
                                      weight_decay=2.0 ** -8),
}
STEPS = 40


def _stacked_nnlib(opt):
    return np.stack([optimizer_path(opt, s, steps=STEPS) for s in SURFACES.values()], axis=1)


def _stacked_gradient(w):
    return np.stack([s.gradient(p) for s, p in zip(SURFACES.values(), w)])


@pytest.mark.parametrize("name", list(EXACT))
def test_paths_equal_keras(name, float64_keras):
    keras = pytest.importorskip("keras")
    from nnlib.frameworks.keras import optimizer as keras_optimizer

    opt = EXACT[name]()
    k_opt = keras_optimizer(opt)
    w = keras.Variable(np.array([s.start for s in SURFACES.values()], dtype="float64"))
    path = [w.numpy()]
    for _ in range(STEPS):
        k_opt.apply_gradients([(_stacked_gradient(w.numpy()), w)])
        path.append(w.numpy())
    assert np.max(np.abs(np.array(path) - _stacked_nnlib(opt))) < 1e-12


def _torch_path(opt, make, epsilon_schedule=None):
    torch = pytest.importorskip("torch")
    w = torch.tensor(np.array([s.start for s in SURFACES.values()]), dtype=torch.float64, requires_grad=True)
    t_opt = make([w])
    path = [w.detach().numpy().copy()]
    for t in range(1, STEPS + 1):
        if epsilon_schedule is not None:
            t_opt.param_groups[0]["eps"] = epsilon_schedule(t)
        w.grad = torch.from_numpy(_stacked_gradient(w.detach().numpy()))
        t_opt.step()
        path.append(w.detach().numpy().copy())
    return np.array(path)


@pytest.mark.parametrize("name", ["sgd", "momentum", "nesterov", "adadelta"])
def test_paths_equal_torch_where_epsilon_is_in_the_same_place(name):
    pytest.importorskip("torch")
    from nnlib.frameworks.torch import optimizer as torch_optimizer

    opt = EXACT[name]()
    gap = np.max(np.abs(_torch_path(opt, lambda p: torch_optimizer(opt, p)) - _stacked_nnlib(opt)))
    assert gap < 1e-12


@pytest.mark.parametrize("name", ["adagrad", "rmsprop", "adam", "adamw"])
def test_torch_epsilon_gap_shrinks_with_epsilon(name):
    # ε fuera de la raíz (PyTorch) o dentro (Keras y nnlib): la diferencia es del orden de ε.
    pytest.importorskip("torch")
    from nnlib.frameworks.torch import optimizer as torch_optimizer

    gaps = []
    for epsilon in (1e-6, 1e-12):
        opt = type(EXACT[name]())(**{**EXACT[name]().get_config(), "epsilon": epsilon})
        gaps.append(np.max(np.abs(_torch_path(opt, lambda p: torch_optimizer(opt, p)) - _stacked_nnlib(opt))))
    assert gaps[1] < gaps[0] / 100


def test_torch_adam_equals_with_keras_epsilon_moved_into_place():
    # El ε de Keras, sumado a √v, es el ε/√(1 − β₂ᵗ) de PyTorch, sumado a √v̂.
    torch = pytest.importorskip("torch")
    opt = EXACT["adam"]()
    beta_1, beta_2, epsilon = opt.beta_1, opt.beta_2, opt.epsilon

    def make(params):
        return torch.optim.Adam(params, lr=opt.learning_rate, betas=(beta_1, beta_2), eps=epsilon)

    path = _torch_path(opt, make, epsilon_schedule=lambda t: epsilon / math.sqrt(1 - beta_2 ** t))
    assert np.max(np.abs(path - _stacked_nnlib(opt))) < 1e-12
