"""Pruebas de nnlib.widgets.optimizadores sin interfaz gráfica: optimizadores del menú, caminos y carrera."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import optimizers  # noqa: E402
from nnlib.surfaces import SURFACES, optimizer_path  # noqa: E402
from nnlib.widgets.optimizadores import (  # noqa: E402
    COLORS, LABELS, OPTIMIZERS, draw_paths, draw_surface, make_optimizer, optimizer_explorer, optimizer_widget,
    race_animation,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_menu_is_complete():
    assert set(OPTIMIZERS) == set(LABELS) == set(COLORS)


@pytest.mark.parametrize("name, cls, extra", [
    ("sgd", optimizers.SGD, {"momentum": 0.0, "nesterov": False}),
    ("momentum", optimizers.SGD, {"momentum": 0.8, "nesterov": False}),
    ("nesterov", optimizers.SGD, {"momentum": 0.8, "nesterov": True}),
    ("adagrad", optimizers.Adagrad, {}),
    ("adadelta", optimizers.Adadelta, {}),
    ("rmsprop", optimizers.RMSprop, {"momentum": 0.0}),
    ("adam", optimizers.Adam, {"beta_1": 0.8}),
    ("adamw", optimizers.AdamW, {"beta_1": 0.8, "weight_decay": 0.004}),
])
def test_make_optimizer(name, cls, extra):
    opt = make_optimizer(name, 0.05, momentum=0.8)
    assert type(opt) is cls
    config = opt.get_config()
    assert config["learning_rate"] == 0.05
    for key, value in extra.items():
        assert config[key] == value


def test_unknown_optimizer_gets_a_spanish_error():
    with pytest.raises(ValueError, match="optimizador"):
        make_optimizer("adan", 0.1)


def test_explorer_draws_the_path_it_returns():
    fig, ax = plt.subplots()
    path = optimizer_explorer("adam", 0.1, 0.9, "rosenbrock", steps=50, ax=ax)
    expected = optimizer_path(optimizers.Adam(learning_rate=0.1, beta_1=0.9), "rosenbrock", steps=50)
    assert np.array_equal(path, expected)
    drawn = [line for line in ax.get_lines() if len(line.get_xdata()) == len(path)]
    assert drawn and np.allclose(drawn[0].get_xydata(), path)
    assert "Adam" in ax.get_title() and "tras 50 pasos" in ax.get_title()


def test_explorer_reports_divergence():
    fig, ax = plt.subplots()
    path = optimizer_explorer("sgd", 0.25, 0.0, "bowl", steps=500, ax=ax)
    assert len(path) < 501 and "diverge" in ax.get_title()


def test_draw_paths_uses_the_fixed_colors_and_spanish_labels():
    fig, ax = plt.subplots()
    paths = {name: optimizer_path(make_optimizer(name, 0.01), "saddle", steps=5) for name in ("sgd", "adam")}
    draw_paths("saddle", paths, ax=ax)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["SGD", "Adam"]
    colors = {line.get_label(): line.get_color() for line in ax.get_lines()}
    assert colors["SGD"] == COLORS["sgd"] and colors["Adam"] == COLORS["adam"]
    with pytest.raises(TypeError, match="diccionario"):
        draw_paths("saddle", [paths["sgd"]])


@pytest.mark.parametrize("name", list(SURFACES))
def test_draw_surface_marks_every_minimum(name):
    ax = draw_surface(name)
    crosses = [line for line in ax.get_lines() if line.get_marker() == "x"]
    assert len(crosses) == len(SURFACES[name].minima)
    assert ax.get_xlim() == SURFACES[name].xlim


def test_race_animation_frames_and_alignment():
    paths = {name: optimizer_path(make_optimizer(name, lr), "rosenbrock", steps=60)
             for name, lr in (("sgd", 1e-3), ("adam", 0.1))}
    anim = race_animation("rosenbrock", paths, frames=6)
    fig = anim._fig
    # El fondo es una imagen del tamaño exacto de la figura: las líneas caen sobre sus ejes.
    background = fig.images[0]
    width, height = fig.canvas.get_width_height()
    assert background.get_array().shape[:2] == (height, width)
    update = anim._func
    artists = update(5)
    line = artists[0]
    assert np.allclose(line.get_xydata(), paths["sgd"])          # el último cuadro: el camino entero
    update(0)
    assert len(artists[0].get_xdata()) < len(paths["sgd"])
    anim._draw_was_started = True  # sin aviso de animación no dibujada


def test_race_rejects_paths_of_different_lengths():
    with pytest.raises(ValueError, match="mismo número de pasos"):
        race_animation("bowl", {"sgd": np.zeros((5, 2)), "adam": np.zeros((6, 2))})


def test_race_fits_in_two_megabytes_for_the_website():
    from nnlib.plots import animation_html

    # La carrera del capítulo: seis caminos de 300 pasos, 20 cuadros a 80 puntos por pulgada.
    racers = (("sgd", 1e-3), ("momentum", 1e-3), ("nesterov", 1e-3), ("adagrad", 0.3), ("rmsprop", 0.01),
              ("adam", 0.1))
    paths = {name: optimizer_path(make_optimizer(name, lr), "rosenbrock", steps=300) for name, lr in racers}
    with plt.rc_context({"savefig.dpi": 80}):
        html = animation_html(race_animation("rosenbrock", paths, frames=20)).data
    assert len(html.encode("utf-8")) < 2e6
    assert "://" not in html.replace("http://www.w3.org", "")


def test_widget_has_its_controls():
    pytest.importorskip("ipywidgets")
    widget = optimizer_widget()
    names = [child.description for child in widget.children[:-1]]
    assert names == ["Optimizador", "Tasa de aprendizaje", "Momento (μ o β₁)", "Superficie", "Pasos"]
    with pytest.raises(ValueError):
        optimizer_widget(optimizer="adan")
