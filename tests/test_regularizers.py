"""Regularizadores de nnlib frente a keras.regularizers (float64) y a diferencias finitas."""
import keras
import numpy as np
import pytest

from nnlib import regularizers

# Keras convierte el coeficiente a float32 antes de multiplicar (0.01 -> 0.0099999998); con fracciones
# binarias (exactas en float32) la comparación puede ser casi al bit. Los casos por defecto ({}, 0.01)
# se comparan con tolerancia de float32.
CASES = [
    ("L1", dict(l1=0.03125)),
    ("L1", {}),
    ("L2", dict(l2=0.0625)),
    ("L2", {}),
    ("L1L2", dict(l1=0.015625, l2=0.046875)),
    ("L1L2", dict(l2=0.125)),
]


def weights(shape=(4, 5), seed=0):
    w = np.random.default_rng(seed).normal(size=shape)
    w[np.abs(w) < 0.05] += 0.2  # lejos de 0, donde |w| no es derivable
    return w


@pytest.mark.parametrize("cls_name, kwargs", CASES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CASES)])
def test_value_matches_keras(cls_name, kwargs):
    w = weights()
    ours = getattr(regularizers, cls_name)(**kwargs)
    theirs = getattr(keras.regularizers, cls_name)(**kwargs)
    expected = float(theirs(keras.ops.convert_to_tensor(w, dtype="float64")))
    assert isinstance(ours(w), float)
    assert ours(w) == pytest.approx(expected, rel=1e-12 if kwargs else 1e-7)
    assert ours(w) > 0


@pytest.mark.parametrize("cls_name, kwargs", CASES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CASES)])
def test_gradient_matches_finite_differences(cls_name, kwargs):
    w = weights((3, 4), seed=1)
    reg = getattr(regularizers, cls_name)(**kwargs)
    eps = 1e-6
    numeric = np.zeros_like(w)
    for idx in np.ndindex(w.shape):
        wp, wm = w.copy(), w.copy()
        wp[idx] += eps
        wm[idx] -= eps
        numeric[idx] = (reg(wp) - reg(wm)) / (2 * eps)
    grad = reg.gradient(w)
    assert grad.shape == w.shape and grad.dtype == np.float64
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-9)


def test_hand_values():
    w = np.array([[1.0, -2.0], [0.0, 3.0]])
    assert regularizers.L1(0.5)(w) == pytest.approx(0.5 * 6)
    assert regularizers.L2(0.5)(w) == pytest.approx(0.5 * 14)    # sin el factor 1/2
    assert regularizers.L1L2(0.1, 0.2)(w) == pytest.approx(0.1 * 6 + 0.2 * 14)
    np.testing.assert_allclose(regularizers.L2(0.5).gradient(w), w)   # 2 · 0.5 · w
    np.testing.assert_allclose(regularizers.L1(0.5).gradient(w), [[0.5, -0.5], [0.0, 0.5]])  # 0 en w = 0


def test_float32_is_kept():
    w = np.ones((2, 2), dtype=np.float32)
    assert regularizers.L1L2(0.1, 0.1).gradient(w).dtype == np.float32


def test_get():
    assert regularizers.get(None) is None
    assert isinstance(regularizers.get("l1"), regularizers.L1)
    assert regularizers.get("l1").l1 == 0.01
    assert isinstance(regularizers.get("L2"), regularizers.L2)
    assert regularizers.get("l2").l2 == 0.01
    r = regularizers.get("l1_l2")
    assert isinstance(r, regularizers.L1L2) and (r.l1, r.l2) == (0.0, 0.0)
    assert isinstance(regularizers.get("L1L2"), regularizers.L1L2)
    r = regularizers.L2(0.3)
    assert regularizers.get(r) is r
    # Los valores por defecto son los de Keras.
    assert regularizers.get("l1").l1 == pytest.approx(keras.regularizers.get("l1").get_config()["l1"], rel=1e-7)
    assert regularizers.get("l2").l2 == pytest.approx(keras.regularizers.get("l2").get_config()["l2"], rel=1e-7)


def test_errors():
    with pytest.raises(ValueError, match=r"`l2` debe ser mayor o igual que 0; llegó -0.1"):
        regularizers.L2(-0.1)
    with pytest.raises(ValueError, match=r"`l1` debe ser mayor o igual que 0"):
        regularizers.L1L2(l1=-1.0)
    with pytest.raises(TypeError, match=r"`l1` debe ser un número"):
        regularizers.L1("mucho")
    with pytest.raises(ValueError, match=r"Nombre de regularizador desconocido: 'l3'\. ¿Quiso decir"):
        regularizers.get("l3")
    with pytest.raises(ValueError, match=r"`weights` contiene 1 valores NaN"):
        regularizers.L2()(np.array([1.0, np.nan]))
    with pytest.raises(TypeError, match=r"`weights` debe contener números"):
        regularizers.L2().gradient(np.array(["a"]))
