"""nnlib.widgets.laboratorio: la figura, la animación y los controles, manejados por sus funciones."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.animation import FuncAnimation  # noqa: E402

from nnlib.playground import Playground  # noqa: E402
from nnlib.widgets.laboratorio import PlaygroundApp, PlaygroundView, parse_hidden, run_animation  # noqa: E402


def test_view_draws_the_state():
    lab = Playground(hidden=(3, 2))
    view = PlaygroundView(lab)
    lab.step(5)
    view.update()
    assert "Época 5" in view._title.get_text()
    np.testing.assert_allclose(view._map.get_array(), lab.surface(view.resolution))
    assert len(view._train_line.get_xdata()) == 6
    W = lab.weights()[0]
    widths = [[line.get_linewidth() for line in row] for row in view._lines[0]]
    assert np.argmax(widths) == np.argmax(np.abs(W))          # la línea más gruesa es el peso mayor
    plt.close(view.fig)


def test_view_rebuilds_when_the_network_changes():
    lab = Playground()
    view = PlaygroundView(lab)
    lab.reset(hidden=(5,), features=("x1", "x2", "x1*x2"))
    view.update()
    assert [len(layer) for layer in view._unit_images] == [3, 5, 1]
    plt.close(view.fig)


def test_run_animation_frames_follow_training():
    labs = [Playground(dataset="xor", hidden=()), Playground(dataset="xor", hidden=(), features=("x1*x2",))]
    anim = run_animation(labs, ["a", "b"], n_frames=3, epochs_per_frame=2, resolution=10)
    assert isinstance(anim, FuncAnimation)
    assert all(lab.epoch == 4 for lab in labs)
    html = anim.to_jshtml()
    assert html.count("data:image/png") == 3
    with pytest.raises(ValueError, match="títulos"):
        run_animation(labs, ["solo uno"], n_frames=2)
    plt.close("all")


def test_parse_hidden():
    assert parse_hidden("4, 2") == (4, 2)
    assert parse_hidden("") == ()
    assert parse_hidden("8 8;8") == (8, 8, 8)
    with pytest.raises(ValueError, match="enteros"):
        parse_hidden("cuatro")


def test_app_steps_runs_and_resets_without_ui():
    app = PlaygroundApp()
    first = bytes(app.image.value)
    assert first.startswith(b"\x89PNG")
    app.step()
    assert app.lab.epoch == 1 and bytes(app.image.value) != first
    app.play.value = 1                      # lo que hace el botón de ejecutar en cada paso
    app.play.value = 2
    assert app.lab.epoch == 3
    app.reset()
    assert app.lab.epoch == 0 and app.play.value == 0


def test_app_controls_change_the_configuration():
    app = PlaygroundApp()
    app.controls["dataset"].value = "spiral"
    app.controls["hidden"].value = "8, 8, 8"
    app.feature_boxes["sin(x1)"].value = True
    c = app.lab.config
    assert c["dataset"] == "spiral" and c["hidden"] == (8, 8, 8) and "sin(x1)" in c["features"]
    assert app.lab.epoch == 0 and app.view.lab is app.lab


def test_app_explains_a_bad_value_and_keeps_running():
    app = PlaygroundApp()
    app.controls["hidden"].value = "4, cuatro"
    assert "enteros" in app.message.value
    app.controls["hidden"].value = "3"
    for box in app.feature_boxes.values():
        box.value = False
    assert "vacía" in app.message.value
    app.feature_boxes["x1"].value = True
    assert app.message.value == "" and app.lab.layer_sizes() == [1, 3, 1]
    app.step()
    assert app.lab.epoch == 1
