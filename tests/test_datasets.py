"""Pruebas de los conjuntos de datos y de las herramientas para prepararlos."""
import math
import operator

import numpy as np
import pytest

from nnlib import datasets

GATE_OPS = {
    "and": operator.and_,
    "or": operator.or_,
    "nand": lambda a, b: 1 - (a & b),
    "nor": lambda a, b: 1 - (a | b),
    "xor": operator.xor,
    "xnor": lambda a, b: 1 - (a ^ b),
}


# --- compuertas lógicas --------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(GATE_OPS))
def test_logic_gates_follow_truth_tables(name):
    X, y = datasets.logic_gate(name)
    assert X.dtype == np.float64 and X.shape == (4, 2)
    assert y.dtype.kind == "i" and y.shape == (4,)
    assert sorted(map(tuple, X.astype(int).tolist())) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    for (a, b), label in zip(X.astype(int), y):
        assert label == GATE_OPS[name](int(a), int(b))


def test_logic_gate_is_case_insensitive_and_suggests_names():
    np.testing.assert_array_equal(datasets.logic_gate("AND")[1], datasets.logic_gate("and")[1])
    with pytest.raises(ValueError, match="¿Quiso decir 'xor'?"):
        datasets.logic_gate("xro")
    with pytest.raises(TypeError):
        datasets.logic_gate(3)


def test_xor_default_is_the_truth_table():
    X, y = datasets.xor()
    X_gate, y_gate = datasets.logic_gate("xor")
    np.testing.assert_array_equal(X, X_gate)
    np.testing.assert_array_equal(y, y_gate)


def test_xor_noisy_cloud():
    X, y = datasets.xor(n_samples=400, noise=0.1, seed=1)
    assert X.shape == (400, 2) and X.dtype == np.float64 and y.shape == (400,)
    assert np.bincount(y).tolist() == [200, 200]
    corners = np.round(X).clip(0, 1).astype(int)            # la esquina más cercana
    np.testing.assert_array_equal(y, corners[:, 0] ^ corners[:, 1])
    assert np.std(X - corners) == pytest.approx(0.1, rel=0.15)
    X2, y2 = datasets.xor(n_samples=400, noise=0.1, seed=1)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    with pytest.raises(ValueError, match="noise"):
        datasets.xor(n_samples=10, noise=-1.0)


# --- nubes en el plano -----------------------------------------------------------------------
GENERATORS = {
    "blobs": lambda **kw: datasets.blobs(n_samples=301, **kw),
    "moons": lambda **kw: datasets.moons(n_samples=301, **kw),
    "circles": lambda **kw: datasets.circles(n_samples=301, **kw),
    "spirals": lambda **kw: datasets.spirals(n_samples=301, n_classes=3, **kw),
}


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_2d_generators_shapes_dtypes_and_seed(name):
    make = GENERATORS[name]
    X, y = make(seed=0)
    assert X.shape == (301, 2) and X.dtype == np.float64
    assert y.shape == (301,) and y.dtype == np.int64
    counts = np.bincount(y)
    assert counts.sum() == 301 and counts.max() - counts.min() <= 1     # clases equilibradas
    X2, y2 = make(seed=0)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = make(seed=1)
    assert not np.array_equal(X, X3)
    assert len(np.unique(y[:20])) > 1                                   # vienen barajados


def test_circles_without_noise_lie_on_their_radii():
    X, y = datasets.circles(n_samples=100, noise=0.0, factor=0.3, seed=0)
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), np.where(y == 0, 1.0, 0.3))


def test_moons_without_noise_lie_on_their_half_circles():
    X, y = datasets.moons(n_samples=100, noise=0.0, seed=0)
    up, down = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.linalg.norm(up, axis=1), 1.0)
    assert np.all(up[:, 1] >= -1e-12)
    np.testing.assert_allclose(np.linalg.norm(down - [1.0, 0.5], axis=1), 1.0)
    assert np.all(down[:, 1] <= 0.5 + 1e-12)


def test_spirals_without_noise_follow_the_formula():
    k, turns = 3, 1.5
    X, y = datasets.spirals(n_samples=90, n_classes=k, noise=0.0, turns=turns, seed=0)
    r = np.linalg.norm(X, axis=1)
    theta = np.arctan2(X[:, 1], X[:, 0])
    expected = 2 * np.pi * y / k + 2 * np.pi * turns * r
    diff = np.angle(np.exp(1j * (theta - expected)))               # diferencia módulo 2π
    np.testing.assert_allclose(diff, 0.0, atol=1e-9)
    assert r.max() == pytest.approx(1.0)


def test_blobs_means_are_near_centers():
    centers = np.array([[0.0, 0.0, 0.0], [5.0, 5.0, 5.0]])
    X, y = datasets.blobs(n_samples=2000, centers=centers, cluster_std=0.5, seed=0)
    assert X.shape == (2000, 3)
    for c in range(2):
        np.testing.assert_allclose(X[y == c].mean(axis=0), centers[c], atol=0.06)
        np.testing.assert_allclose(X[y == c].std(axis=0), 0.5, rtol=0.1)
    with pytest.raises(ValueError, match="n_classes"):
        datasets.blobs(n_classes=3, centers=centers)


def test_generators_reject_bad_sizes():
    with pytest.raises(ValueError, match="n_samples"):
        datasets.moons(n_samples=0)
    with pytest.raises(TypeError, match="n_samples"):
        datasets.spirals(n_samples=10.5)
    with pytest.raises(ValueError, match="factor"):
        datasets.circles(factor=1.5)


# --- simetría ------------------------------------------------------------------------------
def test_symmetry_has_all_patterns_and_palindrome_labels():
    X, y = datasets.symmetry()
    assert X.shape == (64, 6) and X.dtype == np.float64 and y.dtype.kind == "i"
    rows = ["".join(str(int(v)) for v in row) for row in X]
    assert sorted(rows) == sorted(format(i, "06b") for i in range(64))   # los 64, sin repetir
    for text, label in zip(rows, y):
        assert label == int(text == text[::-1])
    assert y.sum() == 8                                                  # 2³ palíndromos
    assert rows[0] == "000000" and rows[1] == "000001" and rows[-1] == "111111"


def test_symmetry_other_sizes():
    X, y = datasets.symmetry(n_bits=5)
    assert X.shape == (32, 5) and y.sum() == 8                           # 2^ceil(5/2)
    with pytest.raises(ValueError, match="n_bits"):
        datasets.symmetry(n_bits=0)


# --- regresión ----------------------------------------------------------------------------------
def test_regression_1d():
    X, y = datasets.regression_1d(n_samples=50, noise=0.0, seed=0)
    assert X.shape == (50, 1) and y.shape == (50,) and X.dtype == y.dtype == np.float64
    assert np.all(np.diff(X[:, 0]) >= 0) and X.min() >= -3 and X.max() <= 3
    np.testing.assert_allclose(y, np.sin(X[:, 0]))
    X, y = datasets.regression_1d(n_samples=2000, noise=0.2, function="cubic", xlim=(0, 1), seed=0)
    assert np.std(y - (0.1 * X[:, 0] ** 3 - 0.5 * X[:, 0])) == pytest.approx(0.2, rel=0.1)
    X, y = datasets.regression_1d(n_samples=20, noise=0.0, function=np.exp, seed=0)
    np.testing.assert_allclose(y, np.exp(X[:, 0]))
    with pytest.raises(ValueError, match="¿Quiso decir 'sin'?"):
        datasets.regression_1d(function="sine")
    with pytest.raises(ValueError, match="xlim"):
        datasets.regression_1d(xlim=(1, -1))


# --- scikit-learn ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name, shape, n_classes", [
    ("load_digits", (1797, 64), 10), ("load_iris", (150, 4), 3), ("load_wine", (178, 13), 3),
    ("load_breast_cancer", (569, 30), 2), ("load_diabetes", (442, 10), None)])
def test_sklearn_loaders(name, shape, n_classes):
    X, y = getattr(datasets, name)()
    assert X.shape == shape and X.dtype == np.float64 and y.shape == (shape[0],)
    if n_classes is None:
        assert y.dtype == np.float64
    else:
        assert y.dtype == np.int64 and sorted(np.unique(y)) == list(range(n_classes))


# --- particiones -------------------------------------------------------------------------------------
def test_split_is_disjoint_sized_and_aligned():
    X = np.arange(103, dtype=float).reshape(-1, 1) * [1.0, -1.0]
    y = np.arange(103)
    (Xtr, ytr), (Xv, yv), (Xte, yte) = datasets.train_val_test_split(X, y, val_size=0.2, test_size=0.1, seed=0)
    assert len(Xte) == math.ceil(0.1 * 103) == 11
    assert len(Xv) == math.ceil(0.2 * 103) == 21
    assert len(Xtr) == 103 - 11 - 21
    ids = [set(a.tolist()) for a in (ytr, yv, yte)]
    assert not (ids[0] & ids[1] or ids[0] & ids[2] or ids[1] & ids[2])
    assert ids[0] | ids[1] | ids[2] == set(range(103))
    for Xs, ys in ((Xtr, ytr), (Xv, yv), (Xte, yte)):
        np.testing.assert_array_equal(Xs[:, 0], ys)                      # X e y siguen emparejados
    again = datasets.train_val_test_split(X, y, val_size=0.2, test_size=0.1, seed=0)
    np.testing.assert_array_equal(again[0][1], ytr)
    other = datasets.train_val_test_split(X, y, val_size=0.2, test_size=0.1, seed=1)
    assert not np.array_equal(other[0][1], ytr)
    assert not np.array_equal(np.sort(ytr), ytr)                        # barajado


def test_stratified_split_keeps_class_proportions():
    y = np.repeat([0, 1, 2], [60, 30, 10])
    X = np.arange(100, dtype=float)[:, None]
    (Xtr, ytr), (Xv, yv), (Xte, yte) = datasets.train_val_test_split(
        X, y, val_size=0.2, test_size=0.2, seed=0, stratify=True)
    assert np.bincount(yte, minlength=3).tolist() == [12, 6, 2]
    assert np.bincount(yv, minlength=3).tolist() == [12, 6, 2]
    assert np.bincount(ytr, minlength=3).tolist() == [36, 18, 6]
    assert set(Xtr[:, 0]) | set(Xv[:, 0]) | set(Xte[:, 0]) == set(range(100))
    np.testing.assert_array_equal(y[Xte[:, 0].astype(int)], yte)


def test_stratified_split_with_uneven_quotas_keeps_exact_sizes():
    # 101 ejemplos (50, 30, 21). Prueba: ceil(10.1) = 11; cuotas 5.45, 3.27, 2.29 -> 5, 3, 2 y el
    # ejemplo que falta va al mayor resto (clase 0): 6, 3, 2. Quedan 44, 27, 19 = 90.
    # Validación: ceil(20.2) = 21; cuotas 10.27, 6.30, 4.43 -> 10, 6, 4 + 1 a la clase 2: 10, 6, 5.
    y = np.repeat([0, 1, 2], [50, 30, 21])
    X = np.arange(101, dtype=float)[:, None]
    (Xtr, ytr), (Xv, yv), (Xte, yte) = datasets.train_val_test_split(
        X, y, val_size=0.2, test_size=0.1, seed=3, stratify=True)
    assert np.bincount(yte).tolist() == [6, 3, 2]
    assert np.bincount(yv).tolist() == [10, 6, 5]
    assert np.bincount(ytr).tolist() == [34, 21, 14]


def test_stratified_split_accepts_one_hot():
    y = np.repeat([0, 1], [80, 20])
    Y = datasets.one_hot(y)
    _, _, (_, Yte) = datasets.train_val_test_split(np.zeros((100, 2)), Y, 0.1, 0.25, seed=0, stratify=True)
    assert Yte.sum(axis=0).tolist() == [20.0, 5.0]


def test_split_rejects_bad_sizes():
    X, y = np.zeros((10, 2)), np.zeros(10)
    with pytest.raises(ValueError, match="menor que 1"):
        datasets.train_val_test_split(X, y, val_size=0.5, test_size=0.5)
    with pytest.raises(ValueError, match="test_size"):
        datasets.train_val_test_split(X, y, val_size=0.1, test_size=1.0)
    with pytest.raises(ValueError, match="val_size"):
        datasets.train_val_test_split(X, y, val_size=-0.1)
    with pytest.raises(ValueError, match="mismo número"):
        datasets.train_val_test_split(X, y[:5])
    with pytest.raises(ValueError, match="ninguno para entrenar"):
        datasets.train_val_test_split(X[:2], y[:2], val_size=0.4, test_size=0.4)


# --- estandarizar y one-hot ----------------------------------------------------------------------------
def test_standardize_uses_training_statistics():
    rng = np.random.default_rng(0)
    Xtr = rng.normal(loc=[3.0, -2.0, 10.0], scale=[0.5, 4.0, 1.0], size=(200, 3))
    Xte = rng.normal(size=(20, 3))
    Xtr_s, Xte_s, mean, std = datasets.standardize(Xtr, Xte)
    np.testing.assert_allclose(Xtr_s.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Xtr_s.std(axis=0), 1.0)
    np.testing.assert_allclose(mean, np.mean(Xtr, axis=0))
    np.testing.assert_allclose(std, np.std(Xtr, axis=0))
    np.testing.assert_allclose(Xte_s, (Xte - Xtr.mean(axis=0)) / Xtr.std(axis=0))
    np.testing.assert_allclose(Xtr_s * std + mean, Xtr)                 # se puede deshacer
    assert not np.allclose(Xte_s.mean(axis=0), 0.0, atol=0.1)           # la prueba no se centra sola


def test_standardize_constant_column_and_float32():
    X = np.column_stack([np.full(5, 7.0), np.arange(5.0)]).astype(np.float32)
    Xs, mean, std = datasets.standardize(X)
    assert Xs.dtype == np.float32 and np.all(np.isfinite(Xs))
    np.testing.assert_array_equal(Xs[:, 0], 0.0)
    assert std[0] == 1.0
    with pytest.raises(ValueError, match="columnas"):
        datasets.standardize(np.zeros((4, 2)), np.zeros((4, 3)))
    with pytest.raises(ValueError, match="NaN"):
        datasets.standardize(np.array([[1.0], [np.nan]]))


def test_one_hot_matches_keras():
    import keras

    y = np.array([0, 2, 1, 2, 0])
    np.testing.assert_array_equal(datasets.one_hot(y), keras.utils.to_categorical(y))
    np.testing.assert_array_equal(datasets.one_hot(y, n_classes=4), keras.utils.to_categorical(y, num_classes=4))
    assert datasets.one_hot(y).dtype == np.float64
    np.testing.assert_array_equal(datasets.one_hot(y.reshape(-1, 1).astype(float)), datasets.one_hot(y))
    with pytest.raises(ValueError, match="entre 0 y 1"):
        datasets.one_hot(y, n_classes=2)
    with pytest.raises(ValueError, match=">= 0"):
        datasets.one_hot([-1, 0])
    with pytest.raises(ValueError, match="enteras"):
        datasets.one_hot([0.5, 1.0])
