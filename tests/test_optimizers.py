"""Optimizadores y programas de tasa de aprendizaje de nnlib frente a Keras 3.

Cada caso da 50 pasos sobre los mismos parámetros float64 con gradientes
calculados desde los parámetros actuales (una función suave y no cuadrática),
con nnlib y con el optimizador de Keras (``apply_gradients``), y compara la
trayectoria paso a paso.

Nota sobre los hiperparámetros: Keras convierte algunos hiperparámetros a
float32 antes de usarlos (la tasa de aprendizaje es una variable float32;
``momentum``, ``beta_1``, ``beta_2``, ``weight_decay`` e
``initial_accumulator_value`` pasan por un tensor float32). Con 0.9 o 0.999
eso cambia el valor en ~1e-8 y la trayectoria en ~1e-5. Por eso los casos
usan valores exactos en float32 (fracciones binarias: 0.875, 0.0625,
1 - 2**-10...): así la comparación mide la regla y no el redondeo, y coincide
casi al bit. Los valores por defecto se comparan aparte con ``get_config``.
"""
import math

import keras
import numpy as np
import pytest

from nnlib import optimizers, schedules

STEPS = 50
B2 = 1 - 2 ** -10  # 0.9990234375, exacto en float32


def gradient(params):
    """Gradiente de f(x, y) = ½ Σ a x² + ½ Σ sin(y)·Σ x + Σ (y−1)² + 0.15 Σ cos(x)·Σ y², no cuadrática."""
    x, y = params
    a = np.array([3.0, 1.0, 0.2])
    gx = a * x + 0.5 * np.sin(y).sum() - 0.15 * np.sin(x) * np.sum(y * y)
    gy = 0.5 * np.cos(y) * x.sum() + 2.0 * (y - 1.0) + 0.3 * np.cos(x).sum() * y
    return [gx, gy]


def initial_params():
    rng = np.random.default_rng(7)
    return [rng.normal(size=3) * 2.0, rng.normal(size=(2, 2)) * 2.0]


def nnlib_trajectory(opt, steps=STEPS):
    params = initial_params()
    path = []
    for _ in range(steps):
        opt.update(params, gradient(params))
        path.append([p.copy() for p in params])
    return path


def keras_trajectory(opt, steps=STEPS):
    variables = [keras.Variable(p, dtype="float64") for p in initial_params()]
    path = []
    for _ in range(steps):
        grads = gradient([np.asarray(v.numpy()) for v in variables])
        opt.apply_gradients(zip([keras.ops.convert_to_tensor(g, dtype="float64") for g in grads], variables))
        path.append([np.asarray(v.numpy()) for v in variables])
    return path


def max_step_diff(path_a, path_b):
    return max(max(np.max(np.abs(a - b)) for a, b in zip(sa, sb)) for sa, sb in zip(path_a, path_b))


def keras_schedule(cls_name, *args, **kwargs):
    return getattr(keras.optimizers.schedules, cls_name)(*args, **kwargs)


# (id, nombre de la clase, hiperparámetros, programa de tasa opcional: (clase, args, kwargs))
CASES = [
    ("sgd", "SGD", dict(learning_rate=0.0625), None),
    ("sgd_momentum", "SGD", dict(learning_rate=0.0625, momentum=0.875), None),
    ("sgd_nesterov", "SGD", dict(learning_rate=0.0625, momentum=0.875, nesterov=True), None),
    ("adagrad", "Adagrad", dict(learning_rate=0.25, initial_accumulator_value=0.125), None),
    ("adagrad_eps", "Adagrad", dict(learning_rate=0.25, initial_accumulator_value=0.0, epsilon=1e-2), None),
    ("adadelta", "Adadelta", dict(learning_rate=1.0, rho=0.875), None),
    ("adadelta_eps", "Adadelta", dict(learning_rate=1.0, rho=0.75, epsilon=1e-3), None),
    ("rmsprop", "RMSprop", dict(learning_rate=0.0625, rho=0.875), None),
    ("rmsprop_eps", "RMSprop", dict(learning_rate=0.0625, rho=0.875, epsilon=0.5), None),
    ("rmsprop_momentum", "RMSprop", dict(learning_rate=0.03125, rho=0.875, momentum=0.5), None),
    ("rmsprop_centered", "RMSprop", dict(learning_rate=0.0625, rho=0.875, centered=True), None),
    ("rmsprop_centered_momentum", "RMSprop",
     dict(learning_rate=0.03125, rho=0.875, momentum=0.5, centered=True), None),
    ("adam", "Adam", dict(learning_rate=0.125, beta_1=0.875, beta_2=B2), None),
    ("adam_eps", "Adam", dict(learning_rate=0.125, beta_1=0.875, beta_2=B2, epsilon=0.25), None),
    ("adam_amsgrad", "Adam", dict(learning_rate=0.125, beta_1=0.875, beta_2=0.75, amsgrad=True), None),
    ("adamw", "AdamW", dict(learning_rate=0.125, weight_decay=0.125, beta_1=0.875, beta_2=B2), None),
    ("adamw_amsgrad", "AdamW",
     dict(learning_rate=0.125, weight_decay=0.0625, beta_1=0.875, beta_2=0.75, amsgrad=True), None),
    ("sgd_weight_decay", "SGD", dict(learning_rate=0.0625, momentum=0.5, weight_decay=0.25), None),
    ("sgd_clipnorm", "SGD", dict(learning_rate=0.0625, momentum=0.5, clipnorm=0.5), None),
    ("adam_clipvalue", "Adam", dict(learning_rate=0.125, beta_1=0.875, beta_2=B2, clipvalue=0.25), None),
    ("rmsprop_global_clipnorm", "RMSprop", dict(learning_rate=0.0625, rho=0.875, global_clipnorm=0.5), None),
    ("sgd_exponential_decay", "SGD", dict(momentum=0.875),
     ("ExponentialDecay", (0.125, 10, 0.5), {})),
    ("adam_cosine_decay", "Adam", dict(beta_1=0.875, beta_2=B2),
     ("CosineDecay", (0.25, 40), dict(alpha=0.125))),
    ("rmsprop_piecewise", "RMSprop", dict(rho=0.875),
     ("PiecewiseConstantDecay", ([9, 30], [0.125, 0.03125, 0.0078125]), {})),
    ("adamw_staircase_clipnorm", "AdamW",
     dict(weight_decay=0.125, beta_1=0.875, beta_2=B2, clipnorm=0.5),
     ("ExponentialDecay", (0.125, 10, 0.5), dict(staircase=True))),
]


def build_pair(cls_name, kwargs, schedule):
    nn_kwargs, k_kwargs = dict(kwargs), dict(kwargs)
    if schedule is not None:
        name, args, skw = schedule
        nn_kwargs["learning_rate"] = getattr(schedules, name)(*args, **skw)
        # np.float64 hace que Keras calcule el programa en float64 en lugar de float32.
        k_kwargs["learning_rate"] = keras_schedule(name, *to_float64(args), **to_float64(skw))
    return getattr(optimizers, cls_name)(**nn_kwargs), getattr(keras.optimizers, cls_name)(**k_kwargs)


@pytest.mark.parametrize("cls_name, kwargs, schedule", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_trajectory_matches_keras(cls_name, kwargs, schedule):
    ours, theirs = build_pair(cls_name, kwargs, schedule)
    path_nn, path_k = nnlib_trajectory(ours), keras_trajectory(theirs)
    diffs = [max(np.max(np.abs(a - b)) for a, b in zip(sa, sb)) for sa, sb in zip(path_nn, path_k)]
    assert max(diffs) < 1e-6, f"diferencia máxima {max(diffs):.3e} en el paso {int(np.argmax(diffs)) + 1}"
    assert ours.iterations == STEPS == int(theirs.iterations.numpy())
    # La trayectoria se movió de verdad (una comparación de parámetros quietos no probaría nada).
    assert max(np.max(np.abs(a - b)) for a, b in zip(path_nn[-1], initial_params())) > 0.02


def test_clipping_is_active_in_the_clip_cases():
    """Los umbrales de recorte de los casos de arriba cambian de verdad el gradiente."""
    g = gradient(initial_params())
    assert max(np.linalg.norm(gi) for gi in g) > 0.5
    assert math.sqrt(sum(np.sum(gi ** 2) for gi in g)) > 0.5
    assert max(np.max(np.abs(gi)) for gi in g) > 0.25


@pytest.mark.parametrize("cls_a, kw_a, cls_b, kw_b", [
    ("SGD", dict(learning_rate=0.0625), "SGD", dict(learning_rate=0.0625, momentum=0.875)),
    ("SGD", dict(learning_rate=0.0625, momentum=0.875), "SGD",
     dict(learning_rate=0.0625, momentum=0.875, nesterov=True)),
    ("RMSprop", dict(learning_rate=0.0625, rho=0.875), "RMSprop",
     dict(learning_rate=0.0625, rho=0.875, centered=True)),
    ("Adam", dict(learning_rate=0.125, beta_1=0.875, beta_2=0.75), "Adam",
     dict(learning_rate=0.125, beta_1=0.875, beta_2=0.75, amsgrad=True)),
    ("Adam", dict(learning_rate=0.125, beta_1=0.875, beta_2=B2), "AdamW",
     dict(learning_rate=0.125, weight_decay=0.125, beta_1=0.875, beta_2=B2)),
])
def test_variants_are_distinguishable(cls_a, kw_a, cls_b, kw_b):
    """Las variantes dan trayectorias distintas, así que la tolerancia 1e-6 de arriba discrimina."""
    a = nnlib_trajectory(getattr(optimizers, cls_a)(**kw_a))
    b = nnlib_trajectory(getattr(optimizers, cls_b)(**kw_b))
    assert max_step_diff(a, b) > 1e-3


@pytest.mark.parametrize("cls_name", ["SGD", "Adagrad", "Adadelta", "RMSprop", "Adam", "AdamW"])
def test_defaults_match_keras(cls_name):
    ours = getattr(optimizers, cls_name)().get_config()
    theirs = getattr(keras.optimizers, cls_name)().get_config()
    keys = {"learning_rate", "momentum", "nesterov", "initial_accumulator_value", "epsilon", "rho",
            "centered", "beta_1", "beta_2", "amsgrad", "weight_decay", "clipnorm", "clipvalue", "global_clipnorm"}
    shared = keys & set(theirs)
    assert shared <= set(ours)
    for k in shared:
        if isinstance(theirs[k], float):
            assert ours[k] == pytest.approx(theirs[k], rel=1e-6), k
        else:
            assert ours[k] == theirs[k], k


def test_adam_defaults_trajectory_close_to_keras():
    """Con los valores por defecto (0.9, 0.999, lr 0.001) Keras redondea a float32; aun así, < 1e-6."""
    assert max_step_diff(nnlib_trajectory(optimizers.Adam()), keras_trajectory(keras.optimizers.Adam())) < 1e-6


def test_hand_computed_first_steps():
    """Primer paso calculado a mano con las fórmulas del docstring."""
    g = np.array([0.5, -2.0])
    p = np.array([1.0, 1.0])
    opt = optimizers.Adam(learning_rate=0.1)
    opt.update([p], [g])
    # t=1: m = 0.1 g, v = 0.001 g², alpha = 0.1·sqrt(0.001)/0.1 -> paso = 0.1·sign(g)·|g|/(|g| + eps/sqrt(0.001))
    step = 0.1 * np.sqrt(0.001) / 0.1 * (0.1 * g) / (np.sqrt(0.001 * g ** 2) + 1e-7)
    np.testing.assert_allclose(p, 1.0 - step, rtol=1e-12)

    p = np.array([1.0, 1.0])
    opt = optimizers.Adagrad(learning_rate=0.1, initial_accumulator_value=0.1, epsilon=1e-7)
    opt.update([p], [g])
    np.testing.assert_allclose(p, 1.0 - 0.1 * g / np.sqrt(0.1 + g ** 2 + 1e-7), rtol=1e-12)

    p = np.array([1.0, 1.0])
    opt = optimizers.RMSprop(learning_rate=0.1, rho=0.9, epsilon=1e-7)
    opt.update([p], [g])
    np.testing.assert_allclose(p, 1.0 - 0.1 * g / np.sqrt(0.1 * g ** 2 + 1e-7), rtol=1e-12)


def test_schedule_is_evaluated_before_increment():
    sched = schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)
    opt = optimizers.SGD(learning_rate=sched)
    p = np.zeros(2)
    seen = []
    for k in range(4):
        assert opt.learning_rate == pytest.approx(sched(k))
        before = p.copy()
        opt.update([p], [np.ones(2)])
        seen.append(before[0] - p[0])
    np.testing.assert_allclose(seen, [0.1, 0.05, 0.025, 0.0125])


def test_learning_rate_can_be_set_like_keras():
    opt = optimizers.SGD(learning_rate=0.1)
    opt.learning_rate = 0.5
    p = np.ones(1)
    opt.update([p], [np.ones(1)])
    assert p[0] == pytest.approx(0.5)
    opt = optimizers.SGD(learning_rate=schedules.CosineDecay(0.1, 10))
    with pytest.raises(TypeError, match="programa de tasa de aprendizaje"):
        opt.learning_rate = 0.1


def test_float32_params_stay_float32():
    p = np.ones((2, 3), dtype=np.float32)
    opt = optimizers.Adam(learning_rate=0.1)
    opt.update([p], [np.full((2, 3), 0.5)])
    assert p.dtype == np.float32 and opt.momentums[0].dtype == np.float32 and opt.velocities[0].dtype == np.float32
    assert np.all(p < 1)


def test_state_is_kept_per_position_and_reset():
    opt = optimizers.SGD(learning_rate=0.1, momentum=0.5)
    a, b = np.zeros(2), np.zeros(3)
    assert opt.momentums == [] and opt.velocities == []  # aún sin estado
    opt.update([a, b], [np.ones(2), np.ones(3)])
    assert [m.shape for m in opt.momentums] == [(2,), (3,)] and opt.velocities == []  # SGD no tiene velocidad
    with pytest.raises(ValueError, match="estado por posición"):
        opt.update([b, a], [np.ones(3), np.ones(2)])
    with pytest.raises(ValueError, match="estado por posición"):
        opt.update([a], [np.ones(2)])
    opt.reset()
    assert opt.iterations == 0
    opt.update([b], [np.ones(3)])
    np.testing.assert_allclose(b, -0.2)  # -0.1 del primer paso y -0.1 de este (momento reiniciado)


def test_empty_update_is_a_no_op_like_keras():
    opt = optimizers.Adam()
    opt.update([], [])
    assert opt.iterations == 0


@pytest.mark.parametrize("make, match", [
    (lambda: optimizers.SGD(learning_rate=-0.1), r"`learning_rate` debe ser mayor o igual que 0"),
    (lambda: optimizers.Adam(learning_rate="rápido"), r"`learning_rate` debe ser un número"),
    (lambda: optimizers.SGD(momentum=1.0), r"`momentum` debe estar en el intervalo \[0, 1\)"),
    (lambda: optimizers.SGD(momentum=-0.5), r"`momentum` debe ser mayor o igual que 0"),
    (lambda: optimizers.RMSprop(momentum=1.5), r"`momentum` debe estar en el intervalo \[0, 1\)"),
    (lambda: optimizers.RMSprop(rho=1.0), r"`rho` debe estar en el intervalo"),
    (lambda: optimizers.Adam(beta_1=1.0), r"`beta_1` debe estar en el intervalo"),
    (lambda: optimizers.Adam(beta_2=-0.1), r"`beta_2` debe ser mayor o igual que 0"),
    (lambda: optimizers.Adam(epsilon=0.0), r"`epsilon` debe ser mayor que 0"),
    (lambda: optimizers.AdamW(weight_decay=None), r"`weight_decay` debe ser un número"),
    (lambda: optimizers.AdamW(weight_decay=-1.0), r"`weight_decay` debe ser mayor o igual que 0"),
    (lambda: optimizers.SGD(clipnorm=1.0, clipvalue=1.0), r"Solo se puede usar uno de `clipnorm`"),
    (lambda: optimizers.SGD(clipnorm=-1.0), r"`clipnorm` debe ser mayor que 0"),
    (lambda: optimizers.SGD(lr=0.1), r"¿Quiso decir 'learning_rate'\?"),
    (lambda: optimizers.Adam(beta1=0.9), r"desconocido: 'beta1'\. ¿Quiso decir 'beta_1'\?"),
])
def test_bad_hyperparameters_raise_spanish_errors(make, match):
    with pytest.raises((ValueError, TypeError), match=match):
        make()


def test_bad_update_arguments_raise_spanish_errors():
    opt = optimizers.SGD()
    with pytest.raises(ValueError, match="misma longitud; llegaron 2 parámetros y 1 gradientes"):
        opt.update([np.zeros(2), np.zeros(3)], [np.zeros(2)])
    with pytest.raises(ValueError, match=r"`params\[0\]` y `grads\[0\]` deben tener la misma forma"):
        opt.update([np.zeros(2)], [np.zeros(3)])
    with pytest.raises(ValueError, match=r"`grads\[1\]` contiene 1 valores NaN"):
        opt.update([np.zeros(2), np.zeros(2)], [np.zeros(2), np.array([0.0, np.nan])])
    with pytest.raises(TypeError, match=r"`params\[0\]` debe ser un numpy.ndarray"):
        opt.update([[0.0, 1.0]], [np.zeros(2)])
    with pytest.raises(TypeError, match="deben ser listas de arreglos"):
        opt.update(np.zeros(2), np.zeros(2))
    assert opt.iterations == 0  # nada se aplicó


def test_get():
    assert isinstance(optimizers.get("adam"), optimizers.Adam)
    assert isinstance(optimizers.get("RMSprop"), optimizers.RMSprop)
    assert isinstance(optimizers.get("SGD"), optimizers.SGD)
    assert isinstance(optimizers.get("AdamW"), optimizers.AdamW)
    opt = optimizers.Adagrad()
    assert optimizers.get(opt) is opt
    with pytest.raises(ValueError, match=r"Nombre de optimizador desconocido: 'adma'\. ¿Quiso decir 'adam'\?"):
        optimizers.get("adma")
    with pytest.raises(TypeError, match="optimizador"):
        optimizers.get(3)


# --- Programas de tasa de aprendizaje ----------------------------------------------

SCHEDULES = [
    ("ExponentialDecay", (0.1, 7, 0.8), {}),
    ("ExponentialDecay", (0.1, 7, 0.8), dict(staircase=True)),
    ("InverseTimeDecay", (0.1, 5, 0.5), {}),
    ("InverseTimeDecay", (0.1, 5, 0.5), dict(staircase=True)),
    ("PolynomialDecay", (0.1, 50), {}),
    ("PolynomialDecay", (0.1, 50), dict(end_learning_rate=0.01, power=2.0)),
    ("PolynomialDecay", (0.1, 30), dict(end_learning_rate=0.01, power=0.5, cycle=True)),
    ("PiecewiseConstantDecay", ([10, 25, 100], [0.1, 0.05, 0.01, 0.001]), {}),
    ("CosineDecay", (0.1, 60), {}),
    ("CosineDecay", (0.1, 60), dict(alpha=0.2)),
    ("CosineDecay", (0.0, 60), dict(alpha=0.1, warmup_target=0.2, warmup_steps=15)),
]


def to_float64(obj):
    if isinstance(obj, float):
        return np.float64(obj)
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_float64(o) for o in obj)
    if isinstance(obj, dict):
        return {k: to_float64(v) for k, v in obj.items()}
    return obj


@pytest.mark.parametrize("name, args, kwargs", SCHEDULES,
                         ids=[f"{s[0]}-{i}" for i, s in enumerate(SCHEDULES)])
def test_schedule_matches_keras(name, args, kwargs):
    ours = getattr(schedules, name)(*args, **kwargs)
    # Con números np.float64 Keras calcula el programa en float64 (con floats de Python, en float32).
    theirs = getattr(keras.optimizers.schedules, name)(*to_float64(args), **to_float64(kwargs))
    steps = list(range(0, 201))
    ours_v = np.array([ours(s) for s in steps])
    theirs_v = np.array([float(theirs(s)) for s in steps])
    # rtol 1e-7 y no 1e-12: los valores por defecto internos de Keras (p. ej. end_learning_rate=0.0001)
    # siguen pasando por float32.
    np.testing.assert_allclose(ours_v, theirs_v, rtol=1e-7, atol=1e-15)
    # Y con floats de Python (float32 en Keras), hasta la precisión de float32.
    theirs32 = getattr(keras.optimizers.schedules, name)(*args, **kwargs)
    np.testing.assert_allclose(ours_v[::10], [float(theirs32(s)) for s in steps[::10]], rtol=1e-5, atol=1e-8)
    assert isinstance(ours(3), float)
    assert np.ptp(ours_v) > 0.01  # el programa cambia de verdad


def test_step_decay_is_staircase_exponential_decay():
    s = schedules.StepDecay(0.2, drop=0.5, every=10)
    assert [s(t) for t in (0, 9, 10, 19, 20, 35)] == [0.2, 0.2, 0.1, 0.1, 0.05, 0.025]
    e = schedules.ExponentialDecay(0.2, 10, 0.5, staircase=True)
    assert all(s(t) == e(t) for t in range(100))


@pytest.mark.parametrize("make, match", [
    (lambda: schedules.ExponentialDecay(0.1, 0, 0.5), "`decay_steps` debe ser mayor que 0"),
    (lambda: schedules.ExponentialDecay(-0.1, 10, 0.5), "`initial_learning_rate` debe ser mayor o igual que 0"),
    (lambda: schedules.CosineDecay(0.1, 10, alpha=2.0), r"`alpha` .* debe estar en \[0, 1\]"),
    (lambda: schedules.PiecewiseConstantDecay([10], [0.1]), "un elemento más que `boundaries`"),
    (lambda: schedules.PiecewiseConstantDecay([10, 5], [0.1, 0.2, 0.3]), "estrictamente creciente"),
    (lambda: schedules.CosineDecay(0.1, 10)(-1), "`step` debe ser mayor o igual que 0"),
])
def test_schedule_errors(make, match):
    with pytest.raises((ValueError, TypeError), match=match):
        make()


@pytest.mark.parametrize("cls_name, kwargs", [
    ("SGD", dict(learning_rate=0.0625, momentum=0.875, nesterov=True)),
    ("Adagrad", dict(learning_rate=0.25)),
    ("Adadelta", dict(learning_rate=1.0, rho=0.875)),
    ("RMSprop", dict(learning_rate=0.0625, momentum=0.5, centered=True)),
    ("Adam", dict(learning_rate=0.125, amsgrad=True)),
    ("AdamW", dict(learning_rate=0.125, weight_decay=0.125)),
])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_large_parameters_updated_by_blocks_give_identical_results(cls_name, kwargs, dtype, monkeypatch):
    """Los parámetros grandes se actualizan por trozos (por la caché): el resultado es el mismo, bit a bit."""
    rng = np.random.default_rng(0)
    shapes = [(300, 70), (70,), (5, 3)]  # 21 000 elementos: más de un trozo, y un último trozo incompleto
    start = [rng.normal(size=s).astype(dtype) for s in shapes]
    grads = [[rng.normal(size=s).astype(dtype) for s in shapes] for _ in range(4)]
    assert start[0].size > optimizers._BLOCK

    def run():
        opt, params = getattr(optimizers, cls_name)(**kwargs), [p.copy() for p in start]
        for g in grads:
            opt.update(params, g)
        return params, opt

    blocked, opt = run()
    monkeypatch.setattr(optimizers, "_BLOCK", 10**9)  # todo de una vez
    whole, _ = run()
    for a, b in zip(blocked, whole):
        assert a.dtype == dtype
        np.testing.assert_array_equal(a, b)
    assert all(s.dtype == dtype for state in opt._states for s in state.values())
    assert max(np.max(np.abs(a - b)) for a, b in zip(blocked, start)) > 1e-3  # se movieron


def test_non_contiguous_parameters_are_updated_in_place():
    base = np.zeros((40000, 2))
    param = base.T  # una vista no contigua: debe actualizarse en su sitio, no en una copia
    opt = optimizers.Adam(learning_rate=0.1)
    opt.update([param], [np.ones((2, 40000))])
    np.testing.assert_allclose(base, -0.1, rtol=1e-5)  # ε: 0.1 · 1/(1 + ε/√0.001)


def test_float32_steps_are_computed_in_float32():
    """Con pesos float32 la regla se calcula en float32, como en Keras (un escalar float64 la pasaría a float64)."""
    rng = np.random.default_rng(3)
    start, g = rng.normal(size=1000).astype(np.float32), rng.normal(size=1000).astype(np.float32)
    p = start.copy()
    optimizers.Adam(learning_rate=0.1).update([p], [g])
    alpha = 0.1 * math.sqrt(1 - 0.999) / (1 - 0.9)

    def step(dtype):
        m, v, grad = np.zeros(1000, dtype), np.zeros(1000, dtype), g.astype(dtype)
        m += (grad - m) * (1 - 0.9)
        v += (grad * grad - v) * (1 - 0.999)
        return (start.astype(dtype) - m * alpha / (np.sqrt(v) + 1e-7)).astype(np.float32)

    np.testing.assert_array_equal(p, step(np.float32))
    assert np.any(step(np.float64) != step(np.float32))  # la prueba distingue los dos caminos
