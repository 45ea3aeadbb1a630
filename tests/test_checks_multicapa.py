"""Errores habituales de los ejercicios del capítulo 2 (nnlib.checks.multicapa): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio. Cada error se
prueba con varias semillas, porque los casos al azar cambian en cada ejecución.
"""
import math

import numpy as np
import pytest

from nnlib.checks import multicapa as mc
from solutions.multicapa import OUTPUT_LAYERS, collapse_linear, dense_forward, glorot_limit
from exercise_checks import SEEDS, rejected_with, run


# --- los ejemplos de los enunciados son los del cuaderno -----------------------------

def test_statement_examples_have_the_shapes_the_chapter_announces():
    X, W, b = (np.array(mc.DENSE_EXAMPLE[k]) for k in ("X", "W", "b"))
    assert dense_forward(X, W, b).shape == (4, 2)
    W_total, b_total = collapse_linear([(np.array(Wk), np.array(bk)) for Wk, bk in mc.COLLAPSE_EXAMPLE])
    assert W_total.shape == (3, 1) and b_total.shape == (1,)
    assert glorot_limit(*mc.GLOROT_EXAMPLE) == 0.5                 # √(6 / 24), exacto


def test_collapse_reference_is_the_network_it_replaces():
    """La capa única calcula lo mismo que la red lineal, para un lote cualquiera (no solo en la fórmula)."""
    rng = np.random.default_rng(0)
    for _ in range(20):
        layers = mc._collapse_case(rng)
        X = rng.normal(size=(7, layers[0][0].shape[0]))
        a = X
        for W, b in layers:
            a = a @ W + b
        W_total, b_total = mc._collapse_reference(layers)
        np.testing.assert_allclose(X @ W_total + b_total, a, atol=1e-12)


def test_random_cases_never_repeat_the_statement_example():
    rng = np.random.default_rng(0)
    for _ in range(200):
        X, W, b = mc._dense_case(rng)
        assert len(X) != 4                                          # el ejemplo tiene 4 filas
        X, W, b = mc._square_dense_case(rng)
        assert W.shape[0] == W.shape[1] and len(X) != 4
        layers = mc._collapse_case(rng)
        assert 2 <= len(layers) <= 4 and layers[0][0].shape[0] != 3
        assert mc._glorot_case(rng) != mc.GLOROT_EXAMPLE


# --- ejercicio 1: dense_forward -------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_dense_forward_accepts_the_solution_and_equivalent_forms(capsys, seed):
    for solution in (dense_forward,
                     lambda X, W, b: np.where(X @ W + b > 0, X @ W + b, 0.0),
                     lambda X, W, b: (X @ W + b).clip(min=0).tolist()):
        ok, out = run(mc.check_dense_forward, capsys, seed, dense_forward=solution)
        assert bool(ok) is True and "✘" not in out, out


def _relu(z):
    return np.maximum(z, 0.0)


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, W, b: X @ W + b, "falta la activación"),
    (lambda X, W, b: _relu(X @ W), "falta sumar el sesgo"),
    (lambda X, W, b: _relu(X @ W - b), "el sesgo se suma, no se resta"),
    (lambda X, W, b: _relu(X @ W) + b, "la ReLU va después de sumar el sesgo"),
    (lambda X, W, b: _relu(X @ W + np.mean(b)), "cada neurona tiene su propio sesgo"),
    (lambda X, W, b: _relu(X @ W + b[0]), "cada neurona tiene su propio sesgo"),
    (lambda X, W, b: _relu(-(X @ W + b)), "revise el signo"),
    (lambda X, W, b: np.minimum(X @ W + b, 0), "no np.minimum"),
    (lambda X, W, b: np.abs(X @ W + b), "no es el valor absoluto"),
    (lambda X, W, b: 1 / (1 + np.exp(-(X @ W + b))), "no la sigmoide"),
    (lambda X, W, b: np.tanh(X @ W + b), "no tanh"),
    (lambda X, W, b: _relu(X @ W.T + b), "W está traspuesta"),
    (lambda X, W, b: _relu(W.T @ X.T), "una fila por neurona"),
    (lambda X, W, b: _relu((X @ W + b).T), "una fila por neurona"),
    (lambda X, W, b: dense_forward(*(np.array(mc.DENSE_EXAMPLE[k]) for k in ("X", "W", "b"))),
     "se esperaba forma"),                                             # la respuesta del ejemplo, escrita a mano
    (lambda X, W, b: float(np.sum(_relu(X @ W + b))), "un solo número"),
])
def test_dense_forward_common_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(mc.check_dense_forward, capsys, "dense_forward", wrong, hint)


def test_dense_forward_transposed_weights_are_named_without_a_second_generic_failure(capsys):
    ok, out = run(mc.check_dense_forward, capsys, dense_forward=lambda X, W, b: _relu(X @ W.T + b))
    assert bool(ok) is False
    assert out.count("✘") == 1 and "W está traspuesta" in out and "formas de arreglos" not in out


def test_dense_forward_that_only_works_on_the_example_is_caught(capsys):
    example = dense_forward(*(np.array(mc.DENSE_EXAMPLE[k]) for k in ("X", "W", "b")))
    ok, out = run(mc.check_dense_forward, capsys, dense_forward=lambda X, W, b: example)
    assert bool(ok) is False and "✘" in out


def test_dense_forward_rejects_a_function_that_modifies_its_input(capsys):
    def in_place(X, W, b):
        X += 0.0
        np.maximum(X @ W + b, 0, out=(Z := X @ W + b))
        W *= 1.0
        b -= b
        return Z

    ok, out = run(mc.check_dense_forward, capsys, dense_forward=in_place)
    assert bool(ok) is False and "modificó su argumento `b`" in out


# --- ejercicio 2: collapse_linear ------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_collapse_accepts_the_solution_and_a_recursive_one(capsys, seed):
    def recursive(layers):
        if len(layers) == 1:
            return layers[0]
        (W1, b1), (W2, b2) = layers[:2]
        return recursive([(W1 @ W2, b1 @ W2 + b2)] + list(layers[2:]))

    for solution in (collapse_linear, recursive):
        ok, out = run(mc.check_collapse_linear, capsys, seed, collapse_linear=solution)
        assert bool(ok) is True and "✘" not in out, out


def _product(layers):
    W = layers[0][0]
    for W_next, _ in layers[1:]:
        W = W @ W_next
    return W


def _reversed_product(layers):
    W = layers[-1][0]
    for W_prev, _ in reversed(layers[:-1]):
        W = W @ W_prev
    return W, layers[-1][1]


@pytest.mark.parametrize("wrong, hint", [
    (lambda layers: (_product(layers), layers[-1][1]), "faltan los sesgos de las capas anteriores"),
    (lambda layers: (_product(layers), collapse_linear(layers)[1] - layers[-1][1]),
     "falta sumar el sesgo de la última capa"),
    (lambda layers: (_product(layers), sum(b for _, b in layers)), "no se suman tal cual"),
    (lambda layers: (-_product(layers), collapse_linear(layers)[1]), "revise el signo"),
    (lambda layers: (_product(layers), -collapse_linear(layers)[1]), "revise el signo"),
    (_reversed_product, "el orden está al revés"),
    (lambda layers: (_product(layers).T, collapse_linear(layers)[1]), "al revés"),
    (lambda layers: (layers[0][0] @ layers[1][0], layers[0][1] @ layers[1][0] + layers[1][1]),
     "recorra todas las capas"),
    (lambda layers: _product(layers), "termine la función con `return W, b`"),
    (lambda layers: (_product(layers), collapse_linear(layers)[1], 0), "se esperaban 2"),
])
def test_collapse_common_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(mc.check_collapse_linear, capsys, "collapse_linear", wrong, hint)


def test_collapse_signature_must_take_the_list(capsys):
    ok, out = run(mc.check_collapse_linear, capsys, collapse_linear=lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2))
    assert bool(ok) is False and "def collapse_linear(layers):" in out


# --- ejercicio 3: glorot_limit ---------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_glorot_accepts_the_solution_and_equivalent_forms(capsys, seed):
    for solution in (glorot_limit,
                     lambda fan_in, fan_out: (6 / (fan_in + fan_out)) ** 0.5,
                     lambda fan_in, fan_out: np.sqrt(3) * np.sqrt(2 / (fan_in + fan_out))):
        ok, out = run(mc.check_glorot_limit, capsys, seed, glorot_limit=solution)
        assert bool(ok) is True and "✘" not in out, out


@pytest.mark.parametrize("wrong, hint", [
    (lambda fan_in, fan_out: math.sqrt(2 / (fan_in + fan_out)), "desviación típica de Glorot"),
    (lambda fan_in, fan_out: 6 / (fan_in + fan_out), "falta la raíz cuadrada"),
    (lambda fan_in, fan_out: 2 / (fan_in + fan_out), "la varianza de Glorot"),
    (lambda fan_in, fan_out: math.sqrt(6 / fan_in), "el límite de He"),
    (lambda fan_in, fan_out: math.sqrt(6 / fan_out), "fan_in y fan_out"),
    (lambda fan_in, fan_out: math.sqrt(3 / (fan_in + fan_out)), "L = √(3 · 2 / (n_in + n_out))"),
    (lambda fan_in, fan_out: math.sqrt(6) / (fan_in + fan_out), "la raíz cubre el cociente entero"),
    (lambda fan_in, fan_out: math.sqrt(6 / (fan_in * fan_out)), "la suma n_in + n_out, no el producto"),
    (lambda fan_in, fan_out: -math.sqrt(6 / (fan_in + fan_out)), "el límite es positivo"),
    (lambda fan_in, fan_out: 0.5, "devuelve lo mismo"),
    (lambda fan_in, fan_out: round(math.sqrt(6 / (fan_in + fan_out)), 2) + 0.001, "U(−L, L)"),
])
def test_glorot_common_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(mc.check_glorot_limit, capsys, "glorot_limit", wrong, hint)


def test_glorot_parameter_names_come_from_the_statement(capsys):
    ok, out = run(mc.check_glorot_limit, capsys, glorot_limit=lambda n_in, n_out: math.sqrt(6 / (n_in + n_out)))
    assert bool(ok) is False and "def glorot_limit(fan_in, fan_out):" in out


# --- ejercicio 4: output_layers ----------------------------------------------------------

@pytest.mark.parametrize("answers", [
    OUTPUT_LAYERS,
    {"a": [1, None, "mean_squared_error"], "b": (1, "Sigmoid", "BinaryCrossentropy"),
     "c": (10, "softmax", "SparseCategoricalCrossentropy"), "d": (6, "sigmoid", "bce")},
    {**OUTPUT_LAYERS, "a": (1, "linear", "huber"), "b": (2, "softmax", "sparse_categorical_crossentropy")},
])
def test_output_layers_accepts_keras_names_and_aliases(capsys, answers):
    ok, out = run(mc.check_output_layers, capsys, output_layers=answers)
    assert bool(ok) is True and "✘" not in out and "4 de 4" in out, out


@pytest.mark.parametrize("key, entry, hint", [
    ("a", (1, "relu", "mse"), "deje la salida lineal"),
    ("a", (1, "sigmoid", "mse"), "deje la salida lineal"),
    ("a", (1, "linear", "binary_crossentropy"), "la distancia entre números"),
    ("a", (13, "linear", "mse"), "1 unidad"),
    ("b", (1, "softmax", "binary_crossentropy"), "vale siempre 1"),
    ("b", (1, "linear", "binary_crossentropy"), "una unidad con \"sigmoid\""),
    ("b", (1, "sigmoid", "mse"), "\"binary_crossentropy\""),
    ("b", (2, "sigmoid", "binary_crossentropy"), "una sola unidad sigmoide"),
    ("c", (10, "sigmoid", "binary_crossentropy"), "\"softmax\""),
    ("c", (9, "softmax", "sparse_categorical_crossentropy"), "una unidad por clase"),
    ("c", (1, "softmax", "sparse_categorical_crossentropy"), "una unidad por clase"),
    ("c", (10, "softmax", "categorical_crossentropy"), "one-hot"),
    ("c", (10, "softmax", "mse"), "la «sparse»"),
    ("d", (6, "softmax", "categorical_crossentropy"), "compiten entre sí"),
    ("d", (6, "relu", "binary_crossentropy"), "\"sigmoid\" en cada unidad"),
    ("d", (1, "sigmoid", "binary_crossentropy"), "una unidad por género"),
    ("d", (6, "sigmoid", "categorical_crossentropy"), "promediada sobre los géneros"),
])
def test_output_layers_wrong_choices_get_their_hint(capsys, key, entry, hint):
    ok, out = run(mc.check_output_layers, capsys, output_layers={**OUTPUT_LAYERS, key: entry})
    assert bool(ok) is False, out
    line = next(line for line in out.splitlines() if line.startswith(f"✘ «{key}»"))
    assert hint in line, out
    assert "3 de 4" in out


@pytest.mark.parametrize("entry, hint", [
    ("linear", "se esperaban tres cosas"),
    ((1, "linear"), "se esperaban tres cosas"),
    (("1", "linear", "mse"), "un entero positivo"),
    ((0, "linear", "mse"), "un entero positivo"),
    ((True, "linear", "mse"), "un entero positivo"),
    ((1, "lineal", "mse"), "no reconozco la activación"),
    ((1, "linear", "error cuadrático"), "no reconozco la pérdida"),
    ((1, 3, "mse"), "no reconozco la activación"),
])
def test_output_layers_malformed_entries_are_explained(capsys, entry, hint):
    ok, out = run(mc.check_output_layers, capsys, output_layers={**OUTPUT_LAYERS, "a": entry})
    assert bool(ok) is False and hint in out, out
    assert "Traceback" not in out


def test_output_layers_missing_and_extra_keys(capsys):
    ok, out = run(mc.check_output_layers, capsys, output_layers={k: OUTPUT_LAYERS[k] for k in "abc"})
    assert bool(ok) is False and "«d»" in out
    ok, out = run(mc.check_output_layers, capsys, output_layers={**OUTPUT_LAYERS, "e": (1, "linear", "mse")})
    assert bool(ok) is False and "Sobran claves: e." in out
    ok, out = run(mc.check_output_layers, capsys, output_layers={"A": OUTPUT_LAYERS["a"], **{
        k: OUTPUT_LAYERS[k] for k in "bcd"}})
    assert bool(ok) is False and "debería escribirse" in out
