"""Errores habituales de los ejercicios del capítulo 8 (nnlib.checks.marco_pytorch): cada uno recibe su pista.

La norma común (solución de referencia, respuestas hostiles, salida estable) la prueba
``tests/test_exercise_standard.py``; aquí, lo propio de cada ejercicio. Cada error se
prueba con varias semillas, porque los casos al azar cambian en cada ejecución. Las
respuestas de referencia de las comprobaciones salen de PyTorch (``len(DataLoader)``,
``state_dict()``, ``DistributedSampler``): aquí se prueba también que coinciden con las
fórmulas del capítulo.
"""
import math

import numpy as np
import pytest
import torch
from torch import nn

from nnlib.checks import marco_pytorch as mp
from solutions.marco_pytorch import TanhMLP, count_iterations, shard_indices, state_dict_shapes
from exercise_checks import SEEDS, rejected_with, run


def accepted(check, capsys, name, answer, seeds=SEEDS):
    for seed in seeds:
        ok, out = run(check, capsys, seed=seed, **{name: answer})
        assert bool(ok) is True and "✘" not in out, f"semilla {seed}:\n{out}"


# --- las referencias de las comprobaciones son las fórmulas del capítulo ----------------

def test_dataloader_counts_match_the_formula():
    rng = np.random.default_rng(0)
    for _ in range(200):
        n, b, e = int(rng.integers(1, 500)), int(rng.integers(1, 70)), int(rng.integers(1, 9))
        for drop_last in (False, True):
            assert mp._iterations_reference(n, b, e, drop_last) == count_iterations(n, b, e, drop_last)
    assert mp._iterations_reference(*mp.ITERATIONS_EXAMPLE) == 270        # lo que dice el enunciado


def test_state_dict_reference_is_a_real_model():
    rng = np.random.default_rng(0)
    for _ in range(30):
        sizes = mp._state_dict_case(rng)
        real = mp._sequential(sizes).state_dict()                         # un modelo de verdad, en la CPU
        assert {k: tuple(v.shape) for k, v in real.items()} == mp._state_dict_reference(sizes)
        assert mp._state_dict_reference(sizes) == state_dict_shapes(sizes)
    assert state_dict_shapes(mp.STATE_DICT_EXAMPLE) == {"0.weight": (8, 16), "0.bias": (8,),
                                                         "2.weight": (2, 8), "2.bias": (2,)}


def test_shard_reference_is_distributed_sampler():
    for n in range(1, 40):
        for world in range(1, 9):
            shards = [mp._shard_reference(n, rank, world) for rank in range(world)]
            assert all(len(s) == math.ceil(n / world) for s in shards)       # todos iguales
            assert sorted(set(sum(shards, []))) == list(range(n))             # nadie se queda fuera
            for rank in range(world):
                assert shard_indices(n, rank, world) == shards[rank]
    assert shard_indices(*mp.SHARD_EXAMPLE) == [3, 7, 1]                       # el enunciado


def test_tanh_mlp_reference_matches_the_keras_model():
    """La traducción del enunciado da la misma salida que el modelo de Keras con los mismos pesos."""
    import keras

    torch.manual_seed(0)
    model = TanhMLP(5, 4, 3).double()
    keras_model = keras.Sequential([keras.Input(shape=(5,)), keras.layers.Dense(4, activation="tanh"),
                                    keras.layers.Dense(4, activation="tanh"), keras.layers.Dense(3)])
    keras_model.set_weights([w for layer in (model.hidden1, model.hidden2, model.output)
                             for w in (layer.weight.detach().numpy().T, layer.bias.detach().numpy())])
    x = np.random.default_rng(0).normal(size=(6, 5))
    expected = keras.ops.convert_to_numpy(keras_model(x))
    np.testing.assert_allclose(model(torch.from_numpy(x)).detach().numpy(), expected, atol=1e-6)
    assert sum(p.numel() for p in TanhMLP(*mp.MLP_EXAMPLE).parameters()) == 226      # el enunciado


def test_random_cases_never_repeat_the_statement_examples():
    rng = np.random.default_rng(0)
    example_answer = mp._iterations_reference(*mp.ITERATIONS_EXAMPLE)
    for _ in range(200):
        for drop_last in (False, True):
            case = mp._iterations_case(rng, drop_last)
            assert mp._iterations_reference(*case) != example_answer and case[0] % case[1] != 0
        case = mp._iterations_case(rng, False, divisible=True)
        assert case[0] % case[1] == 0
        sizes = mp._mlp_case(rng)
        assert sizes != mp.MLP_EXAMPLE and len(set(sizes)) == 3
        assert len(mp._state_dict_case(rng)) >= 4                    # el ejemplo tiene 3 tamaños
        n, rank, world = mp._shard_case(rng)
        assert (n, rank, world) != mp.SHARD_EXAMPLE and n % world and 0 <= rank < world


# --- ejercicio 1: count_iterations ------------------------------------------------------

def test_count_iterations_accepts_equivalent_forms(capsys):
    accepted(mp.check_count_iterations, capsys, "count_iterations", count_iterations)
    accepted(mp.check_count_iterations, capsys, "count_iterations",
             lambda n_samples, batch_size, epochs, drop_last:
             epochs * (n_samples // batch_size + (0 if drop_last or n_samples % batch_size == 0 else 1)))
    accepted(mp.check_count_iterations, capsys, "count_iterations",
             lambda n_samples, batch_size, epochs, drop_last:
             float(epochs * (math.floor if drop_last else math.ceil)(n_samples / batch_size)))


@pytest.mark.parametrize("wrong, hint", [
    (lambda n, b, e, d: e, "una época es una pasada por todos los datos"),
    (lambda n, b, e, d: n // b if d else math.ceil(n / b), "multiplique por el número de épocas"),
    (lambda n, b, e, d: n * e, "una iteración procesa un lote entero"),
    (lambda n, b, e, d: math.ceil(n / b) * e, "con drop_last=True el último lote"),
    (lambda n, b, e, d: n // b * e, "sin drop_last, el último lote"),
    (lambda n, b, e, d: (n // b + (0 if d else 1)) * e, "cuando n_samples es múltiplo de batch_size"),
    (lambda n, b, e, d: (n * e) // b if d else math.ceil(n * e / b), "el lote incompleto aparece en cada época"),
])
def test_count_iterations_mistakes_get_their_hint(capsys, wrong, hint):
    def count_iterations(n_samples, batch_size, epochs, drop_last):
        return wrong(n_samples, batch_size, epochs, drop_last)

    rejected_with(mp.check_count_iterations, capsys, "count_iterations", count_iterations, hint)


def test_count_iterations_unfloored_division_is_not_an_integer(capsys):
    def count_iterations(n_samples, batch_size, epochs, drop_last):
        return n_samples / batch_size * epochs

    rejected_with(mp.check_count_iterations, capsys, "count_iterations", count_iterations,
                  "se cuentan cosas enteras")


# --- ejercicio 2: TanhMLP -------------------------------------------------------------------

def _module(init, forward):
    """Una subclase de nn.Module con ese ``__init__`` y ese ``forward``."""
    return type("TanhMLP", (nn.Module,), {"__init__": init, "forward": forward})


def _right_init(self, n_inputs, n_hidden, n_outputs):
    nn.Module.__init__(self)
    self.hidden1 = nn.Linear(n_inputs, n_hidden)
    self.hidden2 = nn.Linear(n_hidden, n_hidden)
    self.output = nn.Linear(n_hidden, n_outputs)


def test_tanh_mlp_accepts_equivalent_forms(capsys):
    accepted(mp.check_tanh_mlp, capsys, "TanhMLP", TanhMLP)
    accepted(mp.check_tanh_mlp, capsys, "TanhMLP",
             _module(_right_init, lambda self, x: self.output(nn.functional.tanh(self.hidden2(torch.tanh(
                 self.hidden1(x)))))))

    class WithActivationModules(nn.Module):                  # nn.Tanh() como atributo: no tiene parámetros
        def __init__(self, n_inputs, n_hidden, n_outputs):
            super().__init__()
            self.hidden1, self.hidden2 = nn.Linear(n_inputs, n_hidden), nn.Linear(n_hidden, n_hidden)
            self.output, self.act = nn.Linear(n_hidden, n_outputs), nn.Tanh()

        def forward(self, x):
            return self.output(self.act(self.hidden2(self.act(self.hidden1(x)))))

    accepted(mp.check_tanh_mlp, capsys, "TanhMLP", WithActivationModules)


@pytest.mark.parametrize("forward, hint", [
    (lambda self, x: torch.softmax(TanhMLP.forward(self, x), dim=1), "forward devuelve probabilidades (softmax)"),
    (lambda self, x: torch.sigmoid(TanhMLP.forward(self, x)), "la capa de salida no lleva activación"),
    (lambda self, x: torch.tanh(TanhMLP.forward(self, x)), "la tanh va en las dos capas ocultas"),
    (lambda self, x: self.output(torch.relu(self.hidden2(torch.relu(self.hidden1(x))))), "no ReLU"),
    (lambda self, x: self.output(torch.sigmoid(self.hidden2(torch.sigmoid(self.hidden1(x))))), "no la sigmoide"),
    (lambda self, x: self.output(torch.tanh(self.hidden1(x))), "forward se salta `hidden2`"),
    (lambda self, x: self.output(self.hidden2(torch.tanh(self.hidden1(x)))), "falta la tanh después de `hidden2`"),
    (lambda self, x: torch.tanh(self.hidden2(torch.tanh(self.hidden1(x)))), "falta pasar el resultado de `hidden2`"),
    (lambda self, x: TanhMLP.forward(self, x).detach(), "desconectada del grafo"),
    (lambda self, x: TanhMLP.forward(self, x).detach().numpy(), "no es un tensor de PyTorch"),
])
def test_tanh_mlp_forward_mistakes_get_their_hint(capsys, forward, hint):
    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", _module(_right_init, forward), hint)


def test_tanh_mlp_forward_under_no_grad_is_disconnected(capsys):
    def forward(self, x):
        with torch.no_grad():
            return TanhMLP.forward(self, x)

    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", _module(_right_init, forward), "desconectada del grafo")


def test_tanh_mlp_forward_that_changes_x(capsys):
    def forward(self, x):
        x += 1
        return TanhMLP.forward(self, x - 1)

    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", _module(_right_init, forward),
                  "modificó su argumento `x`")


def test_tanh_mlp_construction_mistakes_get_their_hint(capsys):
    def no_super(self, n_inputs, n_hidden, n_outputs):
        self.hidden1 = nn.Linear(n_inputs, n_hidden)

    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", _module(no_super, TanhMLP.forward), "super().__init__()")

    def swapped(self, n_inputs, n_hidden, n_outputs):
        _right_init(self, n_inputs, n_hidden, n_outputs)
        self.hidden1 = nn.Linear(n_hidden, n_inputs)

    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", _module(swapped, TanhMLP.forward),
                  "nn.Linear recibe primero las entradas")

    def in_a_list(self, n_inputs, n_hidden, n_outputs):
        nn.Module.__init__(self)
        self.layers = [nn.Linear(n_inputs, n_hidden), nn.Linear(n_hidden, n_hidden), nn.Linear(n_hidden, n_outputs)]

    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", _module(in_a_list, TanhMLP.forward),
                  "una lista de Python, que PyTorch no registra")

    def other_name(self, n_inputs, n_hidden, n_outputs):
        _right_init(self, n_inputs, n_hidden, n_outputs)
        self.out = self.output
        del self.output

    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", _module(other_name, TanhMLP.forward),
                  "no tiene la capa `output`")

    def no_bias(self, n_inputs, n_hidden, n_outputs):
        _right_init(self, n_inputs, n_hidden, n_outputs)
        self.output = nn.Linear(n_hidden, n_outputs, bias=False)

    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", _module(no_bias, TanhMLP.forward), "no tiene sesgo")

    def extra_layer(self, n_inputs, n_hidden, n_outputs):
        _right_init(self, n_inputs, n_hidden, n_outputs)
        self.spare = nn.Linear(n_hidden, n_hidden)

    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", _module(extra_layer, TanhMLP.forward), "registra")

    def relu_layer(self, n_inputs, n_hidden, n_outputs):
        _right_init(self, n_inputs, n_hidden, n_outputs)
        self.hidden2 = nn.ReLU()

    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", _module(relu_layer, TanhMLP.forward), "es nn.ReLU")


def test_tanh_mlp_must_be_a_module_class_with_the_statement_parameters(capsys):
    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", lambda n_inputs, n_hidden, n_outputs: None,
                  "se pide una clase, no una función")

    class NotAModule:
        def __init__(self, n_inputs, n_hidden, n_outputs):
            pass

    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", NotAModule, "no hereda de nn.Module")

    class OtherNames(nn.Module):
        def __init__(self, inputs, hidden, outputs):
            super().__init__()

    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", OtherNames,
                  "def __init__(self, n_inputs, n_hidden, n_outputs):")
    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", TanhMLP(16, 8, 2), "debería ser una clase")


def test_tanh_mlp_shape_error_in_forward_is_explained(capsys):
    def forward(self, x):
        return self.output(torch.tanh(self.hidden1(torch.tanh(self.hidden2(x)))))   # capas en otro orden

    rejected_with(mp.check_tanh_mlp, capsys, "TanhMLP", _module(_right_init, forward), "las formas no encajan")


# --- ejercicio 3: state_dict_shapes ----------------------------------------------------------

def test_state_dict_shapes_accepts_equivalent_forms(capsys):
    accepted(mp.check_state_dict_shapes, capsys, "state_dict_shapes", state_dict_shapes)
    accepted(mp.check_state_dict_shapes, capsys, "state_dict_shapes",
             lambda layer_sizes: {k: list(v) for k, v in state_dict_shapes(layer_sizes).items()})
    accepted(mp.check_state_dict_shapes, capsys, "state_dict_shapes",
             lambda layer_sizes: {k: torch.Size(v) for k, v in state_dict_shapes(layer_sizes).items()})


def _with_index(index_of, shape_of=lambda n_in, n_out: (n_out, n_in), biases=True):
    def state_dict_shapes(layer_sizes):
        shapes = {}
        for k, (n_in, n_out) in enumerate(zip(layer_sizes, layer_sizes[1:])):
            shapes[f"{index_of(k)}.weight"] = shape_of(n_in, n_out)
            if biases:
                shapes[f"{index_of(k)}.bias"] = (n_out,)
        return shapes
    return state_dict_shapes


@pytest.mark.parametrize("wrong, hint", [
    (_with_index(lambda k: 2 * k, lambda n_in, n_out: (n_in, n_out)), "la traspuesta del kernel de Keras"),
    (_with_index(lambda k: k), "también las nn.ReLU()"),
    (_with_index(lambda k: k + 1), "numera sus módulos desde 0"),
    (_with_index(lambda k: 2 * k, biases=False), "faltan los sesgos"),
    (_with_index(lambda k: 2 * k + 1), "falta la clave «0.weight»"),
])
def test_state_dict_shapes_mistakes_get_their_hint(capsys, wrong, hint):
    rejected_with(mp.check_state_dict_shapes, capsys, "state_dict_shapes", wrong, hint)


def test_state_dict_shapes_answer_that_is_not_a_shape(capsys):
    rejected_with(mp.check_state_dict_shapes, capsys, "state_dict_shapes",
                  lambda layer_sizes: {k: v[0] for k, v in state_dict_shapes(layer_sizes).items()},
                  "la forma de un vector de n números es la tupla (n,)")
    rejected_with(mp.check_state_dict_shapes, capsys, "state_dict_shapes",
                  lambda layer_sizes: list(state_dict_shapes(layer_sizes).items()), "un diccionario")


# --- ejercicio 4: shard_indices ---------------------------------------------------------------

def test_shard_indices_accepts_equivalent_forms(capsys):
    accepted(mp.check_shard_indices, capsys, "shard_indices", shard_indices)
    accepted(mp.check_shard_indices, capsys, "shard_indices",
             lambda n_samples, rank, world_size: np.array(shard_indices(n_samples, rank, world_size)))
    accepted(mp.check_shard_indices, capsys, "shard_indices",
             lambda n_samples, rank, world_size: [(rank + k * world_size) % n_samples
                                                  for k in range(math.ceil(n_samples / world_size))])


def _blocks(n_samples, rank, world_size):
    per = math.ceil(n_samples / world_size)
    padded = list(range(n_samples)) * 2
    return padded[rank * per:(rank + 1) * per]


@pytest.mark.parametrize("wrong, hint", [
    (lambda n, r, w: list(range(r, n, w)), "completa la lista con los primeros índices"),
    (lambda n, r, w: list(range(r, n - n % w, w)), "drop_last=True"),
    (_blocks, "el reparto no es en bloques seguidos sino intercalado"),
    (lambda n, r, w: list(range(r, math.ceil(n / w) * w, w)), "no pasan de n_samples - 1"),
    (lambda n, r, w: sorted(shard_indices(n, r, w), reverse=True), "en otro orden"),
])
def test_shard_indices_mistakes_get_their_hint(capsys, wrong, hint):
    def shard_indices(n_samples, rank, world_size):
        return wrong(n_samples, rank, world_size)

    rejected_with(mp.check_shard_indices, capsys, "shard_indices", shard_indices, hint)
