"""Pruebas de las figuras: qué dibuja cada función (líneas, contornos, parches), sin mirarlas."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection  # noqa: E402
from matplotlib.contour import ContourSet  # noqa: E402
from matplotlib.patches import Circle  # noqa: E402

from nnlib import datasets, plots  # noqa: E402
from nnlib.perceptron import Perceptron  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures(monkeypatch):
    def no_show(*args, **kwargs):
        raise AssertionError("las funciones de nnlib.plots no deben llamar a plt.show()")

    monkeypatch.setattr(plt, "show", no_show)
    yield
    plt.close("all")


def _contours(ax):
    return [c for c in ax.collections if isinstance(c, ContourSet)]


def _scatters(ax):
    return [c for c in ax.collections if isinstance(c, PathCollection) and not isinstance(c, ContourSet)]


def _region_paths(ax):
    return [p.vertices.round(9).tolist() for p in _contours(ax)[0].get_paths()]


# --- fronteras de decisión --------------------------------------------------------------------
def test_decision_boundary_with_callable_sees_the_whole_grid():
    X, y = datasets.moons(n_samples=60, seed=0)
    calls = []

    def rule(points):
        calls.append(points.copy())
        return (points[:, 1] > 0.25).astype(int)

    ax = plots.plot_decision_boundary(rule, X, y, resolution=40, padding=0.5)
    assert isinstance(ax, plt.Axes)
    assert len(calls) == 1 and calls[0].shape == (1600, 2)
    np.testing.assert_allclose(calls[0].min(axis=0), X.min(axis=0) - 0.5)
    np.testing.assert_allclose(calls[0].max(axis=0), X.max(axis=0) + 0.5)
    assert len(_contours(ax)) == 1
    scatters = _scatters(ax)
    assert len(scatters) == 2                                             # una nube por clase
    assert sorted(len(s.get_offsets()) for s in scatters) == sorted(np.bincount(y).tolist())
    assert ax.get_xlabel() and ax.get_ylabel()


def test_decision_boundary_same_regions_for_labels_and_probabilities():
    X, y = datasets.blobs(n_samples=30, n_classes=2, seed=0)

    def labels(p):
        return (p[:, 0] + p[:, 1] > 0).astype(int)

    def sigmoid_column(p):                                                # probabilidad (m, 1)
        return 1 / (1 + np.exp(-(p[:, :1] + p[:, 1:])))

    def softmax_two(p):                                                   # probabilidades (m, 2)
        s = sigmoid_column(p)
        return np.hstack([1 - s, s])

    class Model:                                                          # algo con .predict
        def predict(self, p):
            return sigmoid_column(p)

    reference = _region_paths(plots.plot_decision_boundary(labels, X, y, resolution=30))
    for f in (sigmoid_column, softmax_two, Model()):
        _, ax = plt.subplots()
        assert plots.plot_decision_boundary(f, X, y, ax=ax, resolution=30) is ax
        assert _region_paths(ax) == reference
    flipped = _region_paths(plots.plot_decision_boundary(lambda p: 1 - labels(p), X, y, resolution=30))
    assert flipped != reference


def test_decision_boundary_with_perceptron_and_multiclass():
    X, y = datasets.logic_gate("and")
    p = Perceptron().fit(X, y)
    ax = plots.plot_decision_boundary(p, X, y, resolution=25)
    assert len(_contours(ax)) == 1 and len(_scatters(ax)) == 2
    X3, y3 = datasets.blobs(n_samples=60, n_classes=3, seed=0)
    ax = plots.plot_decision_boundary(lambda g: np.column_stack([g[:, 0], g[:, 1], -g[:, 0]]), X3,
                                      datasets.one_hot(y3), resolution=25)
    assert len(_scatters(ax)) == 3


def test_decision_boundary_with_keras_model_is_silent(capsys):
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, activation="sigmoid")])
    X, y = datasets.logic_gate("or")
    ax = plots.plot_decision_boundary(model, X, y, resolution=20)
    assert len(_contours(ax)) == 1
    assert capsys.readouterr().out == ""                                 # sin barra de progreso


def test_decision_boundary_errors():
    X, y = datasets.logic_gate("and")
    with pytest.raises(ValueError, match="2 columnas"):
        plots.plot_decision_boundary(lambda g: g[:, 0], np.zeros((4, 3)), y)
    with pytest.raises(TypeError, match="predict"):
        plots.plot_decision_boundary(42, X, y)
    with pytest.raises(ValueError, match="mismo número"):
        plots.plot_decision_boundary(lambda g: g[:, 0] > 0, X, y[:3])
    with pytest.raises(ValueError, match="NaN"):
        plots.plot_decision_boundary(lambda g: np.full(len(g), np.nan), X, y, resolution=10)
    with pytest.raises(ValueError, match="-1/\\+1"):
        plots.plot_decision_boundary(lambda g: np.sign(g[:, 0] - 0.5), X, y, resolution=10)
    with pytest.raises(ValueError, match="uno por punto"):
        plots.plot_decision_boundary(lambda g: np.zeros(3), X, y, resolution=10)


# --- recta del perceptrón ---------------------------------------------------------------------------
def test_perceptron_line_lies_on_the_boundary():
    X, y = datasets.logic_gate("and")
    w, b = np.array([2.0, 1.0]), -3.0
    ax = plots.plot_perceptron_line(w, b, X, y)
    assert len(ax.lines) == 1
    xs, ys = ax.lines[0].get_data()
    np.testing.assert_allclose(w[0] * np.asarray(xs) + w[1] * np.asarray(ys) + b, 0.0, atol=1e-12)
    assert len(_contours(ax)) == 1 and len(_scatters(ax)) == 2


def test_perceptron_line_vertical_and_missing():
    X, y = datasets.logic_gate("or")
    ax = plots.plot_perceptron_line([2.0, 0.0], -1.0, X, y)
    np.testing.assert_allclose(ax.lines[0].get_xdata(), [0.5, 0.5])
    ax = plots.plot_perceptron_line([0.0, 0.0], 1.0, X, y)
    assert len(ax.lines) == 0
    assert any("no hay frontera" in t.get_text() for t in ax.texts)
    with pytest.raises(ValueError, match="weights"):
        plots.plot_perceptron_line([1.0, 2.0, 3.0], 0.0, X, y)


# --- curvas de aprendizaje --------------------------------------------------------------------------------
HISTORY = {"loss": [1.0, 0.6, 0.4], "val_loss": [1.1, 0.8, 0.7],
           "accuracy": [0.5, 0.7, 0.9], "val_accuracy": [0.4, 0.6, 0.7]}


def test_plot_history_train_and_validation():
    ax = plots.plot_history(HISTORY)
    assert len(ax.lines) == 2
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), HISTORY["loss"])
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), HISTORY["val_loss"])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["entrenamiento", "validación"]
    assert ax.get_xlabel() == "época" and ax.get_ylabel() == "pérdida"


def test_plot_history_accepts_history_objects_and_several_metrics():
    class FakeHistory:
        history = {"loss": [0.3, 0.2]}

    ax = plots.plot_history(FakeHistory())
    assert len(ax.lines) == 1                                             # sin validación
    axes = plots.plot_history(HISTORY, metrics=("loss", "accuracy"))
    assert len(axes) == 2 and all(len(a.lines) == 2 for a in axes)
    assert axes[0].figure is axes[1].figure
    np.testing.assert_array_equal(axes[1].lines[1].get_ydata(), HISTORY["val_accuracy"])
    ax = plots.plot_history(HISTORY, metrics="accuracy")
    assert ax.get_ylabel() == "exactitud"


def test_plot_history_errors():
    with pytest.raises(ValueError, match="¿Quiso decir 'loss'?"):
        plots.plot_history(HISTORY, metrics=("los",))
    with pytest.raises(TypeError, match="History"):
        plots.plot_history([1, 2, 3])
    _, ax = plt.subplots()
    with pytest.raises(ValueError, match="2 ejes"):
        plots.plot_history(HISTORY, metrics=("loss", "accuracy"), ax=ax)


# --- superficie de pérdida ----------------------------------------------------------------------------------
def _bowl(a, b):
    return a ** 2 + 3 * b ** 2


def test_loss_surface_contours_and_path():
    path = np.array([[2.0, 1.5], [1.0, 0.5], [0.0, 0.0]])
    ax = plots.plot_loss_surface(_bowl, (-3, 3), (-2, 2), path=path, levels=12)
    assert len(_contours(ax)) == 2                                       # relleno y líneas
    assert len(ax.lines) == 3                                            # camino, inicio y fin
    np.testing.assert_array_equal(ax.lines[0].get_xydata(), path)
    assert ax.get_xlim() == (-3.0, 3.0) and ax.get_ylim() == (-2.0, 2.0)
    assert len(ax.figure.axes) == 2                                      # barra de color


def test_loss_surface_several_paths_limits_and_scalar_function():
    import math

    def scalar_only(a, b):                                               # no acepta arrays
        return math.log1p(a * a) + b * b

    paths = {"SGD": [[1.0, 1.0], [0.5, 0.2]], "Adam": [[-1.0, 2.0], [0.0, 0.1]]}
    ax = plots.plot_loss_surface(scalar_only, path=paths, resolution=20, colorbar=False)
    assert len(ax.lines) == 6 and len(ax.figure.axes) == 1
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    assert x0 < -1.0 and x1 > 1.0 and y0 < 0.1 and y1 > 2.0              # el recuadro cubre los caminos
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["SGD", "Adam"]
    ax = plots.plot_loss_surface(lambda a, b: (1 - a) ** 2 + 100 * (b - a ** 2) ** 2, (-2, 2), (-1, 3),
                                 log_scale=True, resolution=30)
    assert len(_contours(ax)) == 2 and len(ax.lines) == 0


def test_loss_surface_errors():
    with pytest.raises(ValueError, match="pasos, 2"):
        plots.plot_loss_surface(_bowl, path=np.zeros((4, 3)))
    with pytest.raises(ValueError, match="xlim"):
        plots.plot_loss_surface(_bowl, xlim=(1, 0))
    with pytest.raises(TypeError, match="función"):
        plots.plot_loss_surface("x**2")


# --- activaciones ---------------------------------------------------------------------------------------------
def _curves(ax):
    """Las dos curvas de un panel, (z, f) y (z, f'), sin los ejes de referencia."""
    lines = {ln.get_label(): ln for ln in ax.lines}
    f, df = lines["$f(z)$"], lines["$f'(z)$"]
    return np.asarray(f.get_xdata()), np.asarray(f.get_ydata()), np.asarray(df.get_ydata())


def test_plot_activations_default_grid():
    fig = plots.plot_activations()
    visible = [a for a in fig.axes if a.get_visible()]
    assert len(visible) == 9
    by_title = {a.get_title(): a for a in visible}
    assert {"sigmoid", "relu", "tanh", "step"} <= set(by_title)
    z, f, d = _curves(by_title["sigmoid"])                                # función y derivada
    np.testing.assert_allclose(f, 1 / (1 + np.exp(-z)), rtol=1e-12)
    np.testing.assert_allclose(d, f * (1 - f), rtol=1e-10)
    z, f, d = _curves(by_title["relu"])
    np.testing.assert_array_equal(f, np.maximum(z, 0))
    np.testing.assert_array_equal(d, (z > 0).astype(float))


def test_plot_activations_selection_and_softmax():
    fig = plots.plot_activations(["tanh", "softmax"], zlim=(-2, 2))
    visible = [a for a in fig.axes if a.get_visible()]
    assert len(visible) == 2
    z, s, _ = _curves(visible[1])
    assert z.min() == -2 and z.max() == 2
    np.testing.assert_allclose(s, 1 / (1 + np.exp(-z)), rtol=1e-12)      # softmax([z, 0])[0] = sigmoid(z)
    np.testing.assert_allclose(_curves(visible[0])[2], 1 - np.tanh(z) ** 2, rtol=1e-10)
    with pytest.raises(ValueError):
        plots.plot_activations(["relu", "rleu"])
    with pytest.raises(ValueError, match="vacío"):
        plots.plot_activations([])


# --- esquemas ----------------------------------------------------------------------------------------------------
def test_draw_network_circles_and_connections():
    ax = plots.draw_network([3, 4, 2], bias=False)
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    assert len(circles) == 9 and len(ax.patches) == 9
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(lines) == 1 and len(lines[0].get_segments()) == 3 * 4 + 4 * 2
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "entrada" in texts and "oculta" in texts and "salida" in texts
    assert "sesgo" not in texts


def test_draw_network_bias_units_make_one_line_per_parameter():
    from matplotlib.patches import FancyBboxPatch

    ax = plots.draw_network([3, 4, 2])                                   # bias=True por omisión
    weights, biases = ax.collections
    assert len(weights.get_segments()) == 3 * 4 + 4 * 2
    assert len(biases.get_segments()) == 4 + 2                           # un sesgo por neurona no de entrada
    assert len(weights.get_segments()) + len(biases.get_segments()) == 26   # (3+1)·4 + (4+1)·2
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    assert len(boxes) == 2                                               # entrada y oculta; la salida no
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    assert len(circles) == 9
    # Cada unidad de sesgo está en la columna de su capa, por encima de todas las neuronas,
    # y sus líneas llegan a todas las neuronas de la capa siguiente y solo a ellas.
    top = max(c.center[1] for c in circles)
    for box, x, n_next in [(boxes[0], 0.0, 4), (boxes[1], 2.0, 2)]:
        bx = box.get_x() + box.get_width() / 2
        by = box.get_y() + box.get_height() / 2
        assert bx == pytest.approx(x) and by > top
        ends = [seg[1] for seg in biases.get_segments() if np.allclose(seg[0], (bx, by))]
        assert len(ends) == n_next and all(e[0] == pytest.approx(x + 2.0) for e in ends)
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("1") == 2 and "sesgo" in texts
    ymin, ymax = ax.get_ylim()
    assert ymax > max(b.get_y() + b.get_height() for b in boxes)         # las unidades caben en los ejes
    with pytest.raises(TypeError, match="bias"):
        plots.draw_network([3, 4, 2], bias="sí")


def test_draw_network_abbreviates_large_layers():
    ax = plots.draw_network([784, 16, 8], max_neurons=8)
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    assert len(circles) == 7 + 7 + 8                                     # 6 primeras + ⋮ + última
    assert len(ax.collections[0].get_segments()) == 7 * 7 + 7 * 8
    assert len(ax.collections[1].get_segments()) == 7 + 8                # sesgos hacia las neuronas dibujadas
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("⋮") == 2 and any("(784)" in t for t in texts)
    with pytest.raises(ValueError, match="al menos 2 capas"):
        plots.draw_network([5])
    with pytest.raises(ValueError, match="layer_sizes\\[1\\]"):
        plots.draw_network([3, 0, 1])


KINDS = ["feed_forward", "convolutional", "recurrent", "encoder_decoder", "autoencoder", "gan", "reinforcement"]


@pytest.mark.parametrize("kind", KINDS)
def test_draw_architecture_kinds(kind):
    ax = plots.draw_architecture(kind)
    assert isinstance(ax, plt.Axes) and ax.get_title()
    assert len(ax.patches) >= 3 and (ax.texts or kind == "feed_forward")
    again = plots.draw_architecture(kind)                                 # determinista
    assert [type(p).__name__ for p in ax.patches] == [type(p).__name__ for p in again.patches]
    assert [t.get_text() for t in ax.texts] == [t.get_text() for t in again.texts]


def test_draw_architecture_titles_aliases_and_errors():
    assert "convolucional" in plots.draw_architecture("CNN").get_title()
    assert "recurrente" in plots.draw_architecture("rnn").get_title()
    assert "GAN" in plots.draw_architecture("gan").get_title()
    _, ax = plt.subplots()
    assert plots.draw_architecture("autoencoder", ax=ax) is ax
    with pytest.raises(ValueError, match="¿Quiso decir 'autoencoder'?"):
        plots.draw_architecture("autoencodr")


def test_functions_reuse_given_axes_without_new_figures():
    X, y = datasets.logic_gate("and")
    _, ax = plt.subplots()
    n = len(plt.get_fignums())
    plots.plot_decision_boundary(lambda g: g[:, 0] > 0.5, X, y, ax=ax, resolution=10)
    plots.plot_perceptron_line([1.0, 1.0], -1.5, X, y, ax=ax)
    plots.draw_network([2, 2, 1], ax=ax)
    plots.plot_loss_surface(_bowl, (-1, 1), (-1, 1), ax=ax, resolution=10, colorbar=False)
    plots.plot_history(HISTORY, ax=ax)
    assert len(plt.get_fignums()) == n
