"""Pruebas del perceptrón de Rosenblatt.

Los valores esperados de AND, OR y NAND se calcularon a mano, ejemplo por
ejemplo (la traza está en los comentarios), con la regla
w <- w + η (y - ŷ) x, b <- b + η (y - ŷ), ŷ = 1 si w·x + b >= 0.
"""
import numpy as np
import pytest

from nnlib.perceptron import Perceptron, step

X4 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
AND, OR, NAND, XOR = [0, 0, 0, 1], [0, 1, 1, 1], [1, 1, 1, 0], [0, 1, 1, 0]


def test_step_is_one_at_zero():
    assert step(np.array([-1e-9, 0.0, 2.0])).tolist() == [0, 1, 1]


def test_and_from_zeros_hand_trace():
    # Época 1, w=(0,0), b=0:  (0,0) z=0 ŷ=1 y=0 -> b=-1 | (0,1) z=-1 ok | (1,0) z=-1 ok
    #                         (1,1) z=-1 ŷ=0 y=1 -> w=(1,1), b=0                    2 errores
    # Época 2: (0,0) z=0 -> b=-1 | (0,1) z=0 -> w=(1,0), b=-2 | (1,0) z=-1 ok
    #          (1,1) z=-1 -> w=(2,1), b=-1                                           3 errores
    # Época 3: (0,0) ok | (0,1) z=0 -> w=(2,0), b=-2 | (1,0) z=0 -> w=(1,0), b=-3
    #          (1,1) z=-2 -> w=(2,1), b=-2                                           3 errores
    # Época 4: (0,0) ok | (0,1) ok | (1,0) z=0 -> w=(1,1), b=-3 | (1,1) z=-1 -> w=(2,2), b=-2   2
    # Época 5: (0,1) z=0 -> w=(2,1), b=-3; el resto bien                            1 error
    # Época 6: z = -3, -2, -1, 0 -> 0, 0, 0, 1: sin errores, converge.
    p = Perceptron(learning_rate=1.0).fit(X4, AND)
    assert p.errors_ == [2, 3, 3, 2, 1, 0]
    assert p.converged_ is True and p.n_epochs_ == 6
    np.testing.assert_array_equal(p.weights_, [2.0, 1.0])
    assert p.bias_ == -3.0
    expected_history = [((1, 1), 0), ((2, 1), -1), ((2, 1), -2), ((2, 2), -2), ((2, 1), -3), ((2, 1), -3)]
    assert len(p.history_) == 6
    for (w, b), (w_exp, b_exp) in zip(p.history_, expected_history):
        np.testing.assert_array_equal(w, w_exp)
        assert b == b_exp


def test_or_from_given_initial_state_hand_trace():
    # w=(0.5,-0.5), b=0, η=0.5.
    # Época 1: (0,0) z=0 ŷ=1 y=0 -> b=-0.5 | (0,1) z=-1 ŷ=0 y=1 -> w=(0.5,0), b=0 | resto bien   2
    # Época 2: (0,0) z=0 -> b=-0.5 | (0,1) z=-0.5 -> w=(0.5,0.5), b=0 | resto bien                2
    # Época 3: (0,0) z=0 -> b=-0.5 | (0,1) z=0 ok | (1,0) z=0 ok | (1,1) ok                       1
    # Época 4: z = -0.5, 0, 0, 0.5 -> 0, 1, 1, 1: converge.
    p = Perceptron(learning_rate=0.5, initial_weights=[0.5, -0.5], initial_bias=0.0).fit(X4, OR)
    assert p.errors_ == [2, 2, 1, 0]
    np.testing.assert_array_equal(p.weights_, [0.5, 0.5])
    assert p.bias_ == -0.5
    assert [(w.tolist(), b) for w, b in p.history_] == [
        ([0.5, 0.0], 0.0), ([0.5, 0.5], 0.0), ([0.5, 0.5], -0.5), ([0.5, 0.5], -0.5)]


def test_nand_from_zeros_hand_trace():
    # Época 1: solo falla (1,1): w=(-1,-1), b=-1                                      1
    # Época 2: (0,0) -> b=0 | (0,1) -> w=(-1,0), b=1 | (1,0) ok | (1,1) z=0 -> w=(-2,-1), b=0      3
    # Época 3: (0,0) ok | (0,1) -> w=(-2,0), b=1 | (1,0) -> w=(-1,0), b=2 | (1,1) -> w=(-2,-1), b=1  3
    # Época 4: (1,0) -> w=(-1,-1), b=2 | (1,1) -> w=(-2,-2), b=1                    2
    # Época 5: (0,1) -> w=(-2,-1), b=2                                               1
    # Época 6: z = 2, 1, 0, -1 -> 1, 1, 1, 0: converge.
    p = Perceptron().fit(X4, NAND)
    assert p.errors_ == [1, 3, 3, 2, 1, 0]
    np.testing.assert_array_equal(p.weights_, [-2.0, -1.0])
    assert p.bias_ == 2.0


def test_initial_weights_are_not_modified():
    w0 = np.array([0.5, -0.5])
    Perceptron(initial_weights=w0).fit(X4, OR)
    np.testing.assert_array_equal(w0, [0.5, -0.5])


@pytest.mark.parametrize("labels", [AND, OR, NAND])
def test_predict_matches_labels_after_training(labels):
    p = Perceptron().fit(X4, labels)
    assert p.converged_
    pred = p.predict(X4)
    assert pred.dtype.kind == "i"
    np.testing.assert_array_equal(pred, labels)
    np.testing.assert_allclose(p.decision_function(X4), X4 @ p.weights_ + p.bias_)


def test_learning_rate_only_scales_weights_from_zero():
    # Desde w=0, b=0, multiplicar η multiplica w y b sin cambiar ninguna predicción.
    # (η = 0.125 es exacto en binario; con 0.1 el redondeo decide los empates z = 0.)
    a = Perceptron(learning_rate=1.0).fit(X4, AND)
    b = Perceptron(learning_rate=0.125).fit(X4, AND)
    assert a.errors_ == b.errors_
    np.testing.assert_array_equal(b.weights_, 0.125 * a.weights_)
    assert b.bias_ == 0.125 * a.bias_


@pytest.mark.parametrize("shuffle", [False, True])
def test_xor_never_converges(shuffle):
    p = Perceptron(max_epochs=50, shuffle=shuffle, seed=0).fit(X4, XOR)
    assert p.converged_ is False
    assert p.n_epochs_ == 50 == len(p.errors_) == len(p.history_)
    assert min(p.errors_) > 0                       # ninguna recta separa XOR
    assert np.any(p.predict(X4) != XOR)


def _reference_fit(X, y, lr, w, b, epochs):
    """La regla escrita con listas de Python, sin NumPy, para comparar."""
    w, errors = list(w), []
    for _ in range(epochs):
        e = 0
        for xi, yi in zip(X, y):
            z = sum(wj * xj for wj, xj in zip(w, xi)) + b
            y_hat = 1 if z >= 0 else 0
            w = [wj + lr * (yi - y_hat) * xj for wj, xj in zip(w, xi)]
            b = b + lr * (yi - y_hat)
            e += y_hat != yi
        errors.append(e)
        if e == 0:
            break
    return w, b, errors


def test_matches_plain_python_rule_on_random_separable_data():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(60, 3))
    y = (X @ np.array([1.0, -2.0, 0.5]) + 0.3 > 0).astype(int)
    w0, b0 = rng.normal(size=3), 0.7
    p = Perceptron(learning_rate=0.3, max_epochs=500, initial_weights=w0, initial_bias=b0).fit(X, y)
    w_ref, b_ref, errors_ref = _reference_fit(X.tolist(), y.tolist(), 0.3, w0.tolist(), b0, 500)
    assert p.errors_ == errors_ref
    np.testing.assert_allclose(p.weights_, w_ref, rtol=1e-12, atol=1e-12)
    assert p.bias_ == pytest.approx(b_ref, abs=1e-12)
    assert p.converged_                             # separable: el teorema garantiza convergencia
    np.testing.assert_array_equal(p.predict(X), y)


def test_shuffle_is_reproducible_with_seed():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    a = Perceptron(shuffle=True, seed=7).fit(X, y)
    b = Perceptron(shuffle=True, seed=7).fit(X, y)
    c = Perceptron(shuffle=False).fit(X, y)
    assert a.errors_ == b.errors_
    np.testing.assert_array_equal(a.weights_, b.weights_)
    assert a.errors_ != c.errors_ or not np.array_equal(a.weights_, c.weights_)


def test_refit_resets_state_and_accepts_column_labels():
    p = Perceptron(max_epochs=10).fit(X4, XOR)
    p.fit(X4, np.array(AND, dtype=bool).reshape(-1, 1))
    assert p.converged_ and p.errors_[-1] == 0 and len(p.history_) == p.n_epochs_ == 6


def test_float32_input_accepted():
    p = Perceptron().fit(X4.astype(np.float32), AND)
    assert p.weights_.dtype == np.float64
    np.testing.assert_array_equal(p.predict(X4.astype(np.float32)), AND)


def test_bad_inputs_raise_spanish_errors():
    with pytest.raises(ValueError, match="deben ser 0 o 1"):
        Perceptron().fit(X4, [-1, 1, 1, 1])
    with pytest.raises(ValueError, match="reshape"):
        Perceptron().fit([0.0, 1.0, 2.0], [0, 1, 1])
    with pytest.raises(ValueError, match="NaN"):
        Perceptron().fit([[0.0, np.nan], [1.0, 1.0]], [0, 1])
    with pytest.raises(ValueError, match="mismo número de ejemplos"):
        Perceptron().fit(X4, [0, 1, 1])
    with pytest.raises(ValueError, match="initial_weights"):
        Perceptron(initial_weights=[1.0, 2.0, 3.0]).fit(X4, AND)
    with pytest.raises(ValueError, match="vector de etiquetas"):
        Perceptron().fit(X4, np.zeros((4, 2)))
    with pytest.raises(TypeError, match="números"):
        Perceptron().fit([["a", "b"]], [0])


def test_bad_hyperparameters_and_usage():
    with pytest.raises(ValueError, match="learning_rate"):
        Perceptron(learning_rate=-1.0)
    with pytest.raises(ValueError, match="max_epochs"):
        Perceptron(max_epochs=0)
    with pytest.raises(TypeError, match="max_epochs"):
        Perceptron(max_epochs=2.5)
    with pytest.raises(RuntimeError, match="fit"):
        Perceptron().predict(X4)
    p = Perceptron().fit(X4, AND)
    with pytest.raises(ValueError, match="2 columnas"):
        p.predict(np.ones((3, 3)))


# --- perceptrón de bolsillo ------------------------------------------------------------------

def _errors(X, y, w, b):
    return int(np.sum((X @ w + b >= 0).astype(int) != y))


def _reference_pocket(X, y, lr, epochs, order):
    """El bolsillo escrito a mano: tras cada corrección, cuenta errores y guarda los pesos si mejoran."""
    w, b = np.zeros(X.shape[1]), 0.0
    best = (w.copy(), b, _errors(X, y, w, b))
    for epoch in range(epochs):
        mistakes = 0
        for i in order[epoch]:
            y_hat = 1 if X[i] @ w + b >= 0 else 0
            if y_hat != y[i]:
                mistakes += 1
                w, b = w + lr * (y[i] - y_hat) * X[i], b + lr * (y[i] - y_hat)
                if _errors(X, y, w, b) < best[2]:
                    best = (w.copy(), b, _errors(X, y, w, b))
        if mistakes == 0:
            break
    return best


def _noisy_data(seed=5, n=80):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    y = (X[:, 0] - 0.5 * X[:, 1] + 0.3 * rng.normal(size=n) > 0).astype(int)   # no separable
    return X, y


def test_pocket_matches_a_hand_written_pocket():
    X, y = _noisy_data()
    p = Perceptron(learning_rate=0.5, max_epochs=30, pocket=True).fit(X, y)
    w_ref, b_ref, errors_ref = _reference_pocket(X, y, 0.5, 30, [range(len(X))] * 30)
    np.testing.assert_allclose(p.weights_, w_ref, rtol=0, atol=1e-12)
    assert p.bias_ == pytest.approx(b_ref, abs=1e-12)
    assert _errors(X, y, p.weights_, p.bias_) == errors_ref == p.pocket_errors_[-1]
    assert not p.converged_


def test_pocket_with_shuffle_follows_the_same_order_as_the_plain_rule():
    X, y = _noisy_data(seed=8)
    plain = Perceptron(max_epochs=25, shuffle=True, seed=3).fit(X, y)
    pocket = Perceptron(max_epochs=25, shuffle=True, seed=3, pocket=True).fit(X, y)
    assert plain.errors_ == pocket.errors_ and plain.train_errors_ == pocket.train_errors_   # la misma regla
    for (w1, b1), (w2, b2) in zip(plain.history_, pocket.history_):
        np.testing.assert_array_equal(w1, w2)
        assert b1 == b2
    rng = np.random.default_rng(3)
    order = [rng.permutation(len(X)) for _ in range(25)]
    w_ref, b_ref, errors_ref = _reference_pocket(X, y, 1.0, 25, order)
    np.testing.assert_allclose(pocket.weights_, w_ref, atol=1e-12)
    assert pocket.pocket_errors_[-1] == errors_ref


def test_pocket_errors_never_increase_and_beat_every_end_of_epoch_state():
    X, y = _noisy_data(seed=1)
    p = Perceptron(max_epochs=40, shuffle=True, seed=0, pocket=True).fit(X, y)
    assert len(p.pocket_errors_) == len(p.train_errors_) == p.n_epochs_ == 40
    assert all(a >= b for a, b in zip(p.pocket_errors_, p.pocket_errors_[1:]))
    for errors, pocket_errors in zip(p.train_errors_, p.pocket_errors_):
        assert pocket_errors <= errors
    assert min(p.train_errors_) >= p.pocket_errors_[-1]
    assert int(np.sum(p.predict(X) != y)) == p.pocket_errors_[-1]


def test_train_errors_count_the_end_of_epoch_weights():
    X, y = _noisy_data(seed=2)
    p = Perceptron(max_epochs=10).fit(X, y)
    assert p.train_errors_ == [_errors(X, y, w, b) for w, b in p.history_]
    q = Perceptron().fit(X4, AND)
    assert q.train_errors_[-1] == 0 and q.errors_[-1] == 0


def test_pocket_on_separable_data_is_the_plain_perceptron():
    plain = Perceptron().fit(X4, AND)
    pocket = Perceptron(pocket=True).fit(X4, AND)
    assert pocket.converged_ and pocket.pocket_errors_[-1] == 0
    np.testing.assert_array_equal(pocket.weights_, plain.weights_)
    assert pocket.bias_ == plain.bias_


def test_pocket_on_xor_never_reaches_zero_and_is_no_worse_than_the_rule():
    # Ninguna recta resuelve XOR: el bolsillo tampoco, pero no termina peor que la regla sola.
    for seed in range(5):
        plain = Perceptron(max_epochs=20, shuffle=True, seed=seed).fit(X4, XOR)
        pocket = Perceptron(max_epochs=20, shuffle=True, seed=seed, pocket=True).fit(X4, XOR)
        final = int(np.sum(pocket.predict(X4) != XOR))
        assert final == pocket.pocket_errors_[-1] >= 1
        assert final <= _errors(X4, np.array(XOR), plain.weights_, plain.bias_)
        assert final <= min(plain.train_errors_)


def test_pocket_flag_is_validated_and_shown():
    with pytest.raises(TypeError, match="pocket"):
        Perceptron(pocket="sí")
    assert "pocket=True" in repr(Perceptron(pocket=True))
    assert "pocket" not in repr(Perceptron())
    assert not hasattr(Perceptron().fit(X4, AND), "pocket_errors_")


@pytest.mark.parametrize("kwargs, error, fragment", [
    ({"seed": 1.5}, TypeError, "`seed`"),
    ({"seed": -1}, ValueError, "`seed`"),
    ({"seed": "0"}, TypeError, "`seed`"),
    ({"shuffle": "no"}, TypeError, "`shuffle`"),
    ({"shuffle": 1}, TypeError, "`shuffle`"),
    ({"pocket": "False"}, TypeError, "`pocket`"),
])
def test_seed_and_flags_are_validated_in_spanish(kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        Perceptron(**kwargs)
