"""Pruebas de nnlib.plots.animation_html: animaciones sin conexión y deterministas para el sitio."""
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.animation import FuncAnimation  # noqa: E402

from nnlib.plots import animation_html  # noqa: E402


def _animation(frames=4, figsize=(2, 2), dpi=40):
    fig, ax = plt.subplots(figsize=figsize, dpi=dpi)
    (line,) = ax.plot([0, 1], [0, 0])
    ax.set_ylim(0, frames)

    def update(i):
        line.set_ydata([0, i])
        return (line,)

    return FuncAnimation(fig, update, frames=frames)


def _text(result):
    return result.data if hasattr(result, "data") else result


def test_no_external_resources_and_spanish_controls():
    html = _text(animation_html(_animation()))
    assert "font-awesome" not in html and "https://" not in html and "http://" not in html
    assert "<i class=" not in html
    for label in ("Reproducir", "Pausa", "Primer cuadro", "Último cuadro", "En bucle"):
        assert label in html
    for english in ('"Play"', '"Pause"', '"First frame"', ">Loop<", '"Increase speed"', '"Repetition mode"'):
        assert english not in html


def test_every_frame_is_embedded():
    html = _text(animation_html(_animation(frames=5)))
    assert len(re.findall(r"frames\[\d+\] = \"data:image/png;base64,", html)) == 5


def test_ids_are_deterministic_and_unique():
    first = _text(animation_html(_animation()))
    second = _text(animation_html(_animation()))
    id1 = set(re.findall(r'id="_anim_img(\w+)"', first))
    id2 = set(re.findall(r'id="_anim_img(\w+)"', second))
    assert len(id1) == len(id2) == 1 and id1 != id2
    assert all(i.isdigit() for i in id1 | id2), "el identificador no debe ser un uuid al azar"
    assert not re.search(r"[0-9a-f]{32}", first)


def test_closes_the_figure():
    anim = _animation()
    number = anim._fig.number
    animation_html(anim)
    assert not plt.fignum_exists(number)


def test_size_limit_in_spanish():
    with pytest.raises(ValueError, match="MB.*frames"):
        animation_html(_animation(frames=3), max_megabytes=0.001)


@pytest.mark.parametrize("bad", [None, "anim", 3, np.zeros(3)])
def test_rejects_what_is_not_an_animation(bad):
    with pytest.raises(TypeError, match="animación de matplotlib"):
        animation_html(bad)


def test_rejects_unknown_mode_before_rendering():
    anim = _animation()
    with pytest.raises(ValueError, match="default_mode"):
        animation_html(anim, default_mode="bucle")
    assert "Reproducir" in _text(animation_html(anim, default_mode="reflect"))
