"""Errores habituales de los ejercicios del capítulo 3 (nnlib.checks.retropropagacion): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio. Cada error se
prueba con varias semillas, porque los casos al azar cambian en cada ejecución.
"""
import numpy as np
import pytest

from nnlib.checks import retropropagacion as retro
from nnlib.gradcheck import numerical_gradient, relative_error
from solutions.retropropagacion import dense_backward, find_bug, mse_gradient, sigmoid_derivative
from exercise_checks import SEEDS, rejected_with, run


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# --- ejercicio 1: sigmoid_derivative ----------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_sigmoid_derivative_accepts_the_solution_and_a_tanh_form(capsys, seed):
    ok, out = run(retro.check_sigmoid_derivative, capsys, seed, sigmoid_derivative=sigmoid_derivative)
    assert bool(ok) is True and "✘" not in out
    # σ'(z) = ¼ (1 − tanh²(z/2)): otra fórmula correcta
    ok, _ = run(retro.check_sigmoid_derivative, capsys, seed,
                sigmoid_derivative=lambda z: 0.25 * (1 - np.tanh(z / 2) ** 2))
    assert bool(ok) is True


@pytest.mark.parametrize("wrong, hint", [
    (_sigmoid, "eso es σ(z), la sigmoide misma"),
    (lambda z: z * (1 - z), "se aplica a la salida a = σ(z), no a z"),
    (lambda z: -_sigmoid(z) * (1 - _sigmoid(z)), "sobra el signo menos"),
    (lambda z: _sigmoid(z) * (1 + _sigmoid(z)), "uno menos σ(z), no uno más"),
    (lambda z: 1 - _sigmoid(z), "falta multiplicar por σ(z)"),
    (lambda z: _sigmoid(z) ** 2, "no σ(z)²"),
    (lambda z: np.full_like(z, 0.25), "0.25 es la derivada solo en z = 0"),   # escrita a mano
    (lambda z: float(np.sum(_sigmoid(z) * (1 - _sigmoid(z)))), "un valor por cada fila o elemento"),
])
def test_sigmoid_derivative_mistakes_get_their_hint(capsys, wrong, hint):
    def sigmoid_derivative(z):
        return wrong(z)
    rejected_with(retro.check_sigmoid_derivative, capsys, "sigmoid_derivative", sigmoid_derivative, hint)


def test_sigmoid_derivative_hardcoded_example_fails_on_new_cases(capsys):
    def sigmoid_derivative(z):
        return np.array([0.25, 0.10499358540350652, 0.10499358540350652])
    rejected_with(retro.check_sigmoid_derivative, capsys, "sigmoid_derivative", sigmoid_derivative,
                  "se esperaba forma")


def test_sigmoid_derivative_random_cases_differ_from_the_example():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for _ in range(20):
            (z,) = retro._sigmoid_case(rng)
            assert z.shape != (3,)


# --- ejercicio 2: mse_gradient ---------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_mse_gradient_accepts_the_solution(capsys, seed):
    ok, out = run(retro.check_mse_gradient, capsys, seed, mse_gradient=mse_gradient)
    assert bool(ok) is True and "✘" not in out


@pytest.mark.parametrize("wrong, hint", [
    (lambda y, p: 2 * (y - p) / p.size, "el signo está cambiado"),
    (lambda y, p: p - y, "el error del artículo de 1986"),
    (lambda y, p: y - p, "el signo cambiado y sin la media de Keras"),
    (lambda y, p: 2 * (p - y), "falta la media"),
    (lambda y, p: (p - y) / p.size, "falta el 2 que baja del cuadrado"),
    (lambda y, p: 2 * (p - y) / p.shape[0], "divida también entre K"),
    (lambda y, p: 2 * (p - y) / p.shape[1], "divida también entre N"),
    (lambda y, p: (p - y) / p.shape[0], "divida entre N·K"),
    (lambda y, p: np.mean((p - y) ** 2), "salió un solo número"),
])
def test_mse_gradient_mistakes_get_their_hint(capsys, wrong, hint):
    def mse_gradient(y_true, y_pred):
        return wrong(y_true, y_pred)
    rejected_with(retro.check_mse_gradient, capsys, "mse_gradient", mse_gradient, hint)


def test_mse_gradient_random_cases_tell_examples_from_outputs():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for _ in range(20):
            y_true, y_pred = retro._mse_case(rng)
            assert y_true.shape == y_pred.shape and y_pred.shape[0] != y_pred.shape[1] and y_pred.shape[1] >= 3
            assert y_pred.shape != retro._MSE_EXAMPLE[1].shape


# --- ejercicio 3: dense_backward ---------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_dense_backward_accepts_the_solution_as_a_tuple_or_a_list(capsys, seed):
    ok, out = run(retro.check_dense_backward, capsys, seed, dense_backward=dense_backward)
    assert bool(ok) is True and "✘" not in out
    ok, _ = run(retro.check_dense_backward, capsys, seed,
                dense_backward=lambda X, W, b, grad_output: list(dense_backward(X, W, b, grad_output)))
    assert bool(ok) is True


def test_dense_backward_solution_matches_nnlib_dense():
    from nnlib.layers import Dense

    X, W, b, G = retro._dense_example()
    layer = Dense(W.shape[1], activation="sigmoid", input_dim=W.shape[0])
    layer.set_weights([W, b])
    layer.forward(X)
    dX = layer.backward(G)
    dW, db, dX_ref = dense_backward(X, W, b, G)
    np.testing.assert_allclose(layer.dW, dW, atol=1e-14)
    np.testing.assert_allclose(layer.db, db, atol=1e-14)
    np.testing.assert_allclose(dX, dX_ref, atol=1e-14)


def _delta(X, W, b, G, *, derivative=True, on_z=False):
    Z = X @ W + b
    A = _sigmoid(Z)
    if not derivative:
        return G
    return G * (Z * (1 - Z) if on_z else A * (1 - A))


def _backward_variant(**how):
    def backward(X, W, b, grad_output):
        d = _delta(X, W, b, grad_output, **{k: v for k, v in how.items() if k in ("derivative", "on_z")})
        dW, db, dX = X.T @ d, d.sum(axis=0), d @ W.T
        if how.get("mean"):
            dW, db = dW / len(X), db / len(X)
        if how.get("sign"):
            dW, db, dX = -dW, -db, -dX
        if how.get("transposed"):
            dW = d.T @ X
        if how.get("db_rows"):
            db = d
        if how.get("dX_wrong"):
            dX = d @ W[:d.shape[1]] if W.shape[0] >= d.shape[1] else d
        if how.get("dict"):
            return {"dW": dW, "db": db, "dX": dX}
        if how.get("two"):
            return dW, db
        return dW, db, dX
    return backward


@pytest.mark.parametrize("how, hint", [
    ({"derivative": False}, "falta multiplicar grad_output por σ'(z)"),
    ({"on_z": True}, "no con z"),
    ({"mean": True}, "no divida entre N"),
    ({"sign": True}, "el signo está cambiado"),
    ({"transposed": True}, "la forma está traspuesta"),
    ({"db_rows": True}, "db suma δ sobre las filas"),
    ({"dict": True}, "devuelva los tres gradientes en orden"),
    ({"two": True}, "return dW, db, dX"),
])
def test_dense_backward_mistakes_get_their_hint(capsys, how, hint):
    rejected_with(retro.check_dense_backward, capsys, "dense_backward", _backward_variant(**how), hint)


def test_dense_backward_random_cases_have_distinct_dimensions():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for _ in range(20):
            X, W, b, G = retro._dense_case(rng)
            n, n_in = X.shape
            n_out = W.shape[1]
            assert len({n, n_in, n_out}) == 3                  # una traspuesta siempre cambia la forma
            assert G.shape == (n, n_out) and b.shape == (n_out,)


# --- ejercicio 4: find_bug ----------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_find_bug_accepts_the_solution(capsys, seed):
    ok, out = run(retro.check_find_bug, capsys, seed, find_bug=find_bug)
    assert bool(ok) is True and "✘" not in out


def test_find_bug_random_cases_cover_every_answer_and_both_scales():
    for seed in SEEDS:
        cases = retro._bug_cases(np.random.default_rng(seed))
        assert sorted(str(answer) for _, _, answer, _ in cases) == sorted(["W1", "b1", "W2", "b2", "None"])
        scales = {net.scale: answer for net, _, answer, _ in cases}
        assert scales.keys() == {1e-5, 1.0, 1e3}
        assert scales[1e-5] is not None and scales[1e3] is not None   # con fallo: la escala importa


def test_find_bug_planted_gradients_are_caught_by_finite_differences():
    """Los gradientes exactos de la red de prueba coinciden con diferencias finitas, y los estropeados no."""
    for seed in SEEDS:
        for net, grads, answer, _ in retro._bug_cases(np.random.default_rng(seed)):
            params = {k: v.copy() for k, v in net.params.items()}
            exact = net.gradients()
            for name, value in params.items():
                numeric = numerical_gradient(lambda _: net.loss(params), value)
                assert relative_error(exact[name], numeric) < 1e-7
                error = relative_error(grads[name], numeric)
                assert (error > 1e-3) if name == answer else (error < 1e-7)


def _absolute(loss_fn, params, grads):
    """Compara con la diferencia absoluta: falla con pérdidas muy pequeñas o muy grandes."""
    for name, value in params.items():
        numeric = numerical_gradient(lambda _: loss_fn(params), value)
        if np.max(np.abs(grads[name] - numeric)) > 1e-4:
            return name
    return None


def _divides_by_eps(loss_fn, params, grads):
    """Diferencia centrada dividida entre ε en lugar de 2ε: todo parece mal."""
    worst, worst_error = None, 1e-4
    for name, value in params.items():
        numeric = 2 * numerical_gradient(lambda _: loss_fn(params), value)
        error = relative_error(grads[name], numeric)
        if error > worst_error:
            worst, worst_error = name, error
    return worst


def _always(answer):
    def find_bug(loss_fn, params, grads):
        return answer
    return find_bug


def _reads_a_copy(loss_fn, params, grads):
    """Perturba una copia que loss_fn no lee: el gradiente numérico sale cero."""
    worst, worst_error = None, 1e-4
    for name, value in params.items():
        numeric = numerical_gradient(lambda _: loss_fn(params), value.copy())
        error = relative_error(grads[name], numeric)
        if error > worst_error:
            worst, worst_error = name, error
    return worst


def _forgets_to_restore(loss_fn, params, grads):
    for name, value in params.items():
        value += 1e-3
    return find_bug(loss_fn, params, grads)


@pytest.mark.parametrize("wrong, hint", [
    (_absolute, "no depende de la escala de la pérdida"),
    (_divides_by_eps, ("aquí todos los gradientes son correctos", "el fallo está en otro parámetro")),
    (_always(None), "su función no vio el fallo"),
    (_always("W1"), "Pista:"),
    (_reads_a_copy, "Pista:"),
    (_always("capa oculta"), "no es una clave de params"),
    (_always(1), "devuelva el nombre del parámetro"),
    (_forgets_to_restore, "modificó su argumento `params`"),
])
def test_find_bug_mistakes_get_their_hint(capsys, wrong, hint):
    def find_bug(loss_fn, params, grads):
        return wrong(loss_fn, params, grads)
    rejected_with(retro.check_find_bug, capsys, "find_bug", find_bug, hint)


def test_find_bug_wrong_parameter_gets_the_hint_about_perturbing_each_array(capsys):
    def find_bug_shifted(loss_fn, params, grads):
        answer = find_bug(loss_fn, params, grads)
        names = list(params)
        return None if answer is None else names[(names.index(answer) + 1) % len(names)]
    rejected_with(retro.check_find_bug, capsys, "find_bug", find_bug_shifted, "el fallo está en otro parámetro")
