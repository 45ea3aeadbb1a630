"""Pruebas del explorador de la función de una red (nnlib.widgets.multicapa), sin interfaz gráfica."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.widgets.multicapa import ACTIVATIONS, LIMIT, build_network, network_function, network_widget  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("n_layers, units, expected", [
    (1, 1, 3 * 1 + 2),                      # (2 + 1)·1 + (1 + 1)·1
    (2, 8, 3 * 8 + 9 * 8 + 9),              # 24 + 72 + 9 = 105, el del capítulo
    (3, 16, 3 * 16 + 2 * 17 * 16 + 17),     # 609, el de la figura de las ocho activaciones
])
def test_architecture_and_parameter_count(n_layers, units, expected):
    model = build_network(n_layers, units, "relu", seed=0)
    assert len(model.layers) == n_layers + 1
    assert [layer.units for layer in model.layers] == [units] * n_layers + [1]
    assert all(layer.activation.name == "relu" for layer in model.layers[:-1])
    assert model.layers[-1].activation.name == "linear"
    assert model.count_params() == expected


def test_same_seed_same_network_other_seed_other_network():
    X = np.random.default_rng(0).uniform(-LIMIT, LIMIT, size=(50, 2))
    a = build_network(2, 8, "tanh", seed=3).predict(X)
    b = build_network(2, 8, "tanh", seed=3).predict(X)
    c = build_network(2, 8, "tanh", seed=4).predict(X)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


def test_relu_family_uses_he_and_the_rest_glorot():
    """Varianza de los pesos de una capa de 256 × 256: 2 / 256 con He y 2 / 512 con Glorot (fan_avg)."""
    he = build_network(2, 256, "relu", seed=0).layers[1].W
    glorot = build_network(2, 256, "tanh", seed=0).layers[1].W
    assert abs(he.var() / (2 / 256) - 1) < 0.03
    assert abs(glorot.var() / (2 / 512) - 1) < 0.03


def test_a_linear_network_is_a_plane_however_deep():
    X = np.random.default_rng(1).uniform(-LIMIT, LIMIT, size=(200, 2))
    out = build_network(6, 32, "linear", seed=0).predict(X).ravel()
    design = np.column_stack([X, np.ones(len(X))])
    coef, *_ = np.linalg.lstsq(design, out, rcond=None)
    np.testing.assert_allclose(design @ coef, out, atol=1e-10)
    relu_out = build_network(6, 32, "relu", seed=0).predict(X).ravel()
    coef, *_ = np.linalg.lstsq(design, relu_out, rcond=None)
    assert np.max(np.abs(design @ coef - relu_out)) > 1e-3      # con ReLU ya no es un plano


def test_a_relu_network_is_piecewise_linear_along_a_line():
    """Sobre una recta del plano, la salida de una red ReLU es lineal a trozos: casi todas las segundas diferencias son 0."""
    t = np.linspace(-LIMIT, LIMIT, 4001)
    line = np.column_stack([t, 0.3 * t - 0.5])
    out = build_network(2, 8, "relu", seed=0).predict(line).ravel()
    second = np.abs(np.diff(out, 2))
    assert np.mean(second < 1e-9) > 0.95 and np.max(second) > 1e-6


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_network_function_draws_the_network_it_returns(activation):
    fig, ax = plt.subplots()
    model = network_function(2, 4, activation, seed=1, ax=ax, resolution=21)
    assert len(ax.images) == 1
    image = np.asarray(ax.images[0].get_array())
    grid = np.linspace(-LIMIT, LIMIT, 21)
    g1, g2 = np.meshgrid(grid, grid)
    expected = model.predict(np.column_stack([g1.ravel(), g2.ravel()])).reshape(g1.shape)
    np.testing.assert_allclose(image, expected)
    assert activation in ax.get_title() and str(model.count_params()) in ax.get_title()
    assert ax.get_xlabel() == "$x_1$"


def test_title_speaks_spanish_in_singular_and_plural():
    _, ax = plt.subplots()
    network_function(1, 3, "relu", ax=ax, resolution=11)
    assert ax.get_title().startswith("1 capa oculta de 3, relu")
    _, ax = plt.subplots()
    network_function(3, 3, "relu", ax=ax, resolution=11)
    assert ax.get_title().startswith("3 capas ocultas de 3, relu")


def test_network_function_creates_its_own_figure_when_no_axes_are_given():
    before = len(plt.get_fignums())
    network_function(resolution=11)
    assert len(plt.get_fignums()) == before + 1


@pytest.mark.parametrize("kwargs, error, words", [
    ({"n_layers": 0}, ValueError, "`n_layers`"),
    ({"n_layers": 11}, ValueError, "entre 1 y 10"),
    ({"n_layers": 2.5}, TypeError, "un entero"),
    ({"units": 0}, ValueError, "`units`"),
    ({"units": 1000}, ValueError, "entre 1 y 256"),
    ({"activation": "softmax"}, ValueError, "el explorador ofrece"),
    ({"activation": "relú"}, ValueError, "¿Quiso decir 'relu'?"),
    ({"activation": 3}, TypeError, "el nombre de una activación"),
    ({"seed": -1}, ValueError, "`seed`"),
    ({"seed": True}, ValueError, "`seed`"),
])
def test_bad_arguments_get_a_spanish_error(kwargs, error, words):
    with pytest.raises(error, match=words.replace("?", r"\?").replace("(", r"\(")):
        build_network(**kwargs)
    with pytest.raises(error):
        network_function(**kwargs, resolution=11)


def test_aliases_of_the_offered_activations_are_accepted():
    assert build_network(activation="silu").layers[0].activation.name == "swish"
    assert build_network(activation=None).layers[0].activation.name == "linear"


def test_widget_has_the_four_controls_and_validates_its_start():
    pytest.importorskip("ipywidgets")
    widget = network_widget(n_layers=3, units=16, activation="tanh", seed=2)
    values = {child.description: child.value for child in widget.children if hasattr(child, "value")}
    assert values["Capas ocultas"] == 3 and values["Unidades por capa"] == 16
    assert values["Activación"] == "tanh" and values["Semilla"] == 2
    with pytest.raises(ValueError):
        network_widget(activation="softmax")
