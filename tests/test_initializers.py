"""Inicializadores de nnlib: la distribución de Keras 3 (no sus bits: otro generador aleatorio).

Con una muestra grande se comparan media, desviación típica y cotas con las
fórmulas de Keras escritas aquí a mano, y con una muestra del inicializador
de Keras de la misma forma.
"""
import math

import keras
import numpy as np
import pytest
from keras.src.initializers.random_initializers import compute_fans as keras_compute_fans

from nnlib import initializers

SHAPE = (300, 500)          # fan_in = 300, fan_out = 500: fan_in y fan_avg dan escalas distintas
FAN_IN, FAN_OUT = SHAPE
N = FAN_IN * FAN_OUT
TRUNC = 0.87962566103423978  # desviación de una normal estándar truncada en [-2, 2]

# nombre -> (instancia nnlib, instancia Keras, media, desviación final, cota |w - media| o None)
GU = math.sqrt(6 / (FAN_IN + FAN_OUT))
HU = math.sqrt(6 / FAN_IN)
LU = math.sqrt(3 / FAN_IN)
GN = math.sqrt(2 / (FAN_IN + FAN_OUT))
HN = math.sqrt(2 / FAN_IN)
LN = math.sqrt(1 / FAN_IN)
CASES = {
    "glorot_uniform": (initializers.GlorotUniform(), keras.initializers.GlorotUniform(seed=1), 0.0, GU / math.sqrt(3), GU),
    "he_uniform": (initializers.HeUniform(), keras.initializers.HeUniform(seed=1), 0.0, HU / math.sqrt(3), HU),
    "lecun_uniform": (initializers.LecunUniform(), keras.initializers.LecunUniform(seed=1), 0.0, LU / math.sqrt(3), LU),
    "glorot_normal": (initializers.GlorotNormal(), keras.initializers.GlorotNormal(seed=1), 0.0, GN, 2 * GN / TRUNC),
    "he_normal": (initializers.HeNormal(), keras.initializers.HeNormal(seed=1), 0.0, HN, 2 * HN / TRUNC),
    "lecun_normal": (initializers.LecunNormal(), keras.initializers.LecunNormal(seed=1), 0.0, LN, 2 * LN / TRUNC),
    "random_normal": (initializers.RandomNormal(mean=0.3, stddev=0.2),
                      keras.initializers.RandomNormal(mean=0.3, stddev=0.2, seed=1), 0.3, 0.2, None),
    "random_uniform": (initializers.RandomUniform(minval=-0.3, maxval=0.5),
                       keras.initializers.RandomUniform(minval=-0.3, maxval=0.5, seed=1), 0.1, 0.8 / math.sqrt(12), 0.4),
    "truncated_normal": (initializers.TruncatedNormal(mean=0.1, stddev=0.2),
                         keras.initializers.TruncatedNormal(mean=0.1, stddev=0.2, seed=1), 0.1, 0.2 * TRUNC, 0.4),
    "variance_scaling_fan_out_untruncated": (
        initializers.VarianceScaling(scale=3.0, mode="fan_out", distribution="untruncated_normal"),
        keras.initializers.VarianceScaling(scale=3.0, mode="fan_out", distribution="untruncated_normal", seed=1),
        0.0, math.sqrt(3.0 / FAN_OUT), None),
}


@pytest.mark.parametrize("name", list(CASES))
def test_distribution_matches_keras_formula(name):
    ours, theirs, mean, std, bound = CASES[name]
    w = ours(SHAPE, np.random.default_rng(0))
    k = np.asarray(theirs(SHAPE, dtype="float64"))
    assert w.shape == SHAPE and w.dtype == np.float64
    # Media: dentro de 6 errores típicos. Desviación: dentro del 1.5 % (unos 10 errores típicos).
    assert abs(w.mean() - mean) < 6 * std / math.sqrt(N)
    assert w.std() == pytest.approx(std, rel=0.015)
    assert w.std() == pytest.approx(k.std(), rel=0.02)
    assert k.std() == pytest.approx(std, rel=0.015)  # la fórmula escrita aquí es la de Keras
    if bound is not None:
        assert np.max(np.abs(w - mean)) <= bound
        assert np.max(np.abs(w - mean)) > 0.98 * bound   # la cota se alcanza: no es más estrecha
        assert np.max(np.abs(k - mean)) <= bound * (1 + 1e-6)
    else:
        assert np.max(np.abs(w - mean)) > 3.5 * std       # colas sin truncar


@pytest.mark.parametrize("name", list(CASES))
def test_same_seed_same_values_different_seed_different(name):
    init = CASES[name][0]
    a = init((20, 30), np.random.default_rng(42))
    b = init((20, 30), np.random.default_rng(42))
    c = init((20, 30), np.random.default_rng(43))
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)
    assert len(np.unique(a)) == a.size  # nada repetido: pesos distintos rompen la simetría


def test_truncated_normal_shape_of_the_distribution():
    """Una normal truncada en ±2σ pone ~4.6 % más masa cerca del centro que una normal con la misma σ."""
    w = initializers.HeNormal()(SHAPE, np.random.default_rng(1))
    sigma_param = HN / TRUNC
    inside_one = np.mean(np.abs(w) < sigma_param)
    # P(|Z|<1 | |Z|<2) = 0.6827 / 0.9545
    assert inside_one == pytest.approx(0.682689 / 0.954500, abs=0.005)


@pytest.mark.parametrize("shape", [(), (7,), (4, 9), (3, 3, 16, 32), (5, 2, 3)])
def test_compute_fans_matches_keras(shape):
    assert initializers.compute_fans(shape) == keras_compute_fans(shape)


def test_constants_and_dtypes():
    rng = np.random.default_rng(0)
    np.testing.assert_array_equal(initializers.Zeros()((2, 3)), np.zeros((2, 3)))
    np.testing.assert_array_equal(initializers.Ones()((4,), rng), np.ones(4))
    np.testing.assert_array_equal(initializers.Constant(2.5)((2, 2)), np.full((2, 2), 2.5))
    w = initializers.GlorotUniform()((3, 4), rng, dtype=np.float32)
    assert w.dtype == np.float32
    assert initializers.HeNormal()(5, rng).shape == (5,)
    assert initializers.Zeros()((3,), dtype="float32").dtype == np.float32


def test_get_names_and_aliases():
    assert isinstance(initializers.get("glorot_uniform"), initializers.GlorotUniform)
    assert isinstance(initializers.get("GlorotUniform"), initializers.GlorotUniform)
    assert isinstance(initializers.get("HE_NORMAL"), initializers.HeNormal)
    assert isinstance(initializers.get("xavier_uniform"), initializers.GlorotUniform)
    assert isinstance(initializers.get("xavier_normal"), initializers.GlorotNormal)
    assert isinstance(initializers.get("kaiming_uniform"), initializers.HeUniform)
    assert isinstance(initializers.get("kaiming_normal"), initializers.HeNormal)
    assert isinstance(initializers.get("zeros"), initializers.Zeros)
    assert isinstance(initializers.get("random_normal"), initializers.RandomNormal)
    assert isinstance(initializers.get("lecun_normal"), initializers.LecunNormal)
    init = initializers.RandomUniform(-0.3, 0.3)
    assert initializers.get(init) is init
    # Los mismos nombres que acepta Keras.
    for name in ["glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal",
                 "zeros", "ones", "random_normal", "random_uniform", "truncated_normal"]:
        assert type(initializers.get(name)).__name__ == type(keras.initializers.get(name)).__name__


def test_errors():
    with pytest.raises(ValueError, match=r"Nombre de inicializador desconocido: 'glorot_unifrom'\. "
                                         r"¿Quiso decir 'glorot_uniform'\?"):
        initializers.get("glorot_unifrom")
    with pytest.raises(TypeError, match="inicializador"):
        initializers.get(3.0)
    with pytest.raises(TypeError, match=r"`rng` debe ser un numpy.random.Generator"):
        initializers.HeNormal()((2, 2))
    with pytest.raises(TypeError, match=r"`rng` debe ser un numpy.random.Generator"):
        initializers.RandomUniform()((2, 2), 0)
    with pytest.raises(ValueError, match=r"`shape` debe contener enteros no negativos"):
        initializers.Zeros()((2, -1))
    with pytest.raises(TypeError, match=r"`dtype` debe ser float32 o float64"):
        initializers.Zeros()((2,), dtype=np.int64)
    with pytest.raises(ValueError, match=r"`stddev` debe ser mayor que 0"):
        initializers.RandomNormal(stddev=-1.0)
    with pytest.raises(ValueError, match=r"`minval` debe ser menor que `maxval`"):
        initializers.RandomUniform(minval=1.0, maxval=0.0)
    with pytest.raises(ValueError, match=r"`mode` debe ser uno de"):
        initializers.VarianceScaling(mode="fan_mean")
    with pytest.raises(ValueError, match=r"`distribution` debe ser una de"):
        initializers.VarianceScaling(distribution="cauchy")
