"""Pruebas del explorador del perceptrón (nnlib.widgets) sin interfaz gráfica."""
import itertools
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.widgets import GATES, misclassified, perceptron_explorer, perceptron_widget  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# Recuentos calculados a mano: z = w1 x1 + w2 x2 + b en (0,0), (0,1), (1,0), (1,1);
# ŷ = 1 si z >= 0. Se cuentan las filas donde ŷ difiere de la tabla de verdad.
KNOWN = [
    ("and", 1.0, 1.0, -1.5, 0),    # z = -1.5, -0.5, -0.5, 0.5
    ("or", 1.0, 1.0, -0.5, 0),     # z = -0.5, 0.5, 0.5, 1.5
    ("nand", -1.0, -1.0, 1.5, 0),  # z = 1.5, 0.5, 0.5, -0.5
    ("xor", 1.0, 1.0, -0.5, 1),    # ŷ = 0,1,1,1; falla solo (1,1)
    ("xor", 0.0, 0.0, 0.0, 2),     # todo 1: fallan (0,0) y (1,1)
    ("and", 0.0, 0.0, -1.0, 1),    # todo 0: falla solo (1,1)
    ("and", -1.0, -1.0, 1.5, 4),   # la compuerta opuesta: fallan las cuatro
    ("and", 1.0, 1.0, -2.0, 0),    # (1,1) queda sobre la frontera, z = 0 -> 1: acierta
    ("or", 1.0, 1.0, -1.0, 0),     # (0,1) y (1,0) sobre la frontera -> 1: aciertan
    ("nor", 1.0, 1.0, -0.5, 4),
    ("xnor", 1.0, 1.0, -0.5, 3),   # ŷ = 0,1,1,1 contra 1,0,0,1
]


@pytest.mark.parametrize("gate, w1, w2, b, expected", KNOWN)
def test_misclassified_counts(gate, w1, w2, b, expected):
    assert misclassified(gate, w1, w2, b) == expected


@pytest.mark.parametrize("gate, w1, w2, b, expected", KNOWN)
def test_explorer_returns_count_and_marks_points(gate, w1, w2, b, expected):
    fig, ax = plt.subplots()
    n = perceptron_explorer(gate, w1, w2, b, ax=ax)
    assert n == expected and isinstance(n, int)
    # El anillo rojo de los mal clasificados es la última colección de puntos.
    rings = ax.collections[-1]
    assert len(rings.get_offsets()) == expected
    assert f"{expected} de 4" in ax.get_title()


def test_xor_is_never_solved_by_a_line():
    # Búsqueda exhaustiva en una malla de pesos: ninguna recta clasifica bien XOR o XNOR,
    # y sí hay rectas que resuelven AND, OR, NAND y NOR.
    values = np.linspace(-2, 2, 17)
    best = {g: min(misclassified(g, a, c, d) for a, c, d in itertools.product(values, repeat=3))
            for g in GATES}
    assert best == {"and": 0, "or": 0, "nand": 0, "nor": 0, "xor": 1, "xnor": 1}


def test_boundary_line_lies_on_z_equals_zero():
    fig, ax = plt.subplots()
    perceptron_explorer("and", 2.0, 1.0, -2.0, ax=ax)
    boundary = [line for line in ax.lines if line.get_linewidth() == 2][0]
    x1, x2 = boundary.get_data()
    assert np.allclose(2.0 * np.asarray(x1) + 1.0 * np.asarray(x2) - 2.0, 0.0)


def test_vertical_and_missing_boundary():
    fig, ax = plt.subplots()
    perceptron_explorer("or", 2.0, 0.0, -1.0, ax=ax)            # recta vertical x1 = 0.5
    assert any(np.allclose(line.get_xdata(), 0.5) for line in ax.lines)
    fig, ax = plt.subplots()
    with warnings.catch_warnings():
        warnings.simplefilter("error")                            # w = 0: sin recta y sin avisos
        assert perceptron_explorer("and", 0.0, 0.0, 1.0, ax=ax) == 3
    assert len(ax.lines) == 0


def test_explorer_creates_its_own_figure_and_accepts_numpy_scalars():
    before = plt.get_fignums()
    n = perceptron_explorer(gate="OR", w1=np.float32(1.0), w2=np.int64(1), b=np.array(-0.5))
    assert n == 0
    assert len(plt.get_fignums()) == len(before) + 1


def test_no_warnings_on_normal_use():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for gate in GATES:
            fig, ax = plt.subplots()
            perceptron_explorer(gate, 0.7, -1.3, 0.2, ax=ax)
            plt.close(fig)


def test_bad_input_gives_spanish_errors():
    with pytest.raises(ValueError, match="¿Quiso decir 'xor'"):
        misclassified("xorr")
    with pytest.raises(TypeError, match="`w1`"):
        perceptron_explorer("and", w1="uno")
    with pytest.raises(ValueError, match="`b`"):
        perceptron_explorer("and", b=float("nan"))
    with pytest.raises(ValueError, match="`w2`"):
        misclassified("and", w2=[1.0, 2.0])


def test_widget_builds_without_display_and_updates():
    import ipywidgets as widgets

    w = perceptron_widget(gate="xor", w1=0.5, w2=-1.0, b=0.3)
    assert isinstance(w, widgets.interactive)
    controls = {c._kwarg: c for c in w.kwargs_widgets}
    assert set(controls) == {"gate", "w1", "w2", "b"}
    assert controls["gate"].value == "xor"
    assert [controls[k].value for k in ("w1", "w2", "b")] == [0.5, -1.0, 0.3]
    assert all(isinstance(controls[k], widgets.FloatSlider) for k in ("w1", "w2", "b"))
    assert [v for _, v in controls["gate"].options] == list(GATES)
    # Mover un deslizador vuelve a llamar a la función con el valor nuevo.
    controls["b"].value = -1.5
    controls["gate"].value = "and"
    assert w.kwargs == {"gate": "and", "w1": 0.5, "w2": -1.0, "b": -1.5}


def test_widget_rejects_unknown_gate():
    with pytest.raises(ValueError, match="compuerta"):
        perceptron_widget(gate="xand")


def test_explorer_without_legend_and_shared_legend_handles():
    from nnlib.widgets.perceptron import legend_handles

    fig, axes = plt.subplots(1, 2)
    assert perceptron_explorer("and", 1.0, 1.0, -1.5, ax=axes[0], legend=False) == 0
    assert axes[0].get_legend() is None
    perceptron_explorer("and", 1.0, 1.0, -1.5, ax=axes[1])
    assert axes[1].get_legend() is not None
    labels = [h.get_label() for h in legend_handles()]
    assert labels == [t.get_text() for t in axes[1].get_legend().get_texts()]
    assert labels == ["salida 0", "salida 1", "mal clasificado", "frontera $z = 0$"]
