"""El laboratorio del capítulo 10 en pantalla: la figura, la galería y los controles.

La lógica (datos, red, pasos, reinicio) está en :mod:`nnlib.playground`; aquí solo
se dibuja y se conectan los controles.

- :class:`PlaygroundView` dibuja un :class:`~nnlib.playground.Playground` en una
  figura de matplotlib: a la izquierda la red, cada entrada y cada unidad oculta
  como un cuadrito con su salida en el plano y los pesos como líneas (el grosor,
  su tamaño; el color, su signo); a la derecha la superficie de decisión con los
  datos y, debajo, las curvas de pérdida. :meth:`PlaygroundView.update` cambia
  solo los datos de lo ya dibujado, sin rehacer la figura: así una época más el
  redibujo caben en menos de 100 ms (``benchmarks/playground.py``).
- :func:`run_animation` entrena varios laboratorios a la vez y devuelve una
  animación de matplotlib con sus superficies y sus pérdidas (la galería del sitio).
- :class:`PlaygroundApp` (y :func:`playground_widget`) pone los controles de
  ipywidgets. Para «ejecutar/pausar» usa un widget ``Play``: es el navegador quien
  cuenta los pasos y pide al núcleo una época en cada uno, así que el núcleo nunca
  queda ocupado en un bucle largo y los demás controles responden entre época y
  época. Sus métodos (``step``, ``reset``, ``tick``, ``apply``) se pueden llamar
  sin interfaz, y así lo hacen las pruebas.
"""
from __future__ import annotations

import io

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation

from nnlib.playground import ACTIVATIONS, DATASETS, DEFAULTS, FEATURES, LIMIT, Playground

__all__ = ["PlaygroundView", "draw_playground", "run_animation", "PlaygroundApp", "playground_widget",
           "parse_hidden", "LEARNING_RATES", "REGULARIZATION_RATES"]

#: Las tasas que ofrecen los controles (las del TensorFlow Playground, más 0.1).
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARIZATION_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)

_CMAP = "RdBu_r"          # azul: clase 0 (o salida baja); rojo: clase 1 (o salida alta)
_COLORS = ("#1f5fa8", "#c8372d")
_EXTENT = (-LIMIT, LIMIT, -LIMIT, LIMIT)


def _limits(array):
    """Los límites de color de la salida de una unidad: (0, 1) para una sigmoide; simétricos si no."""
    top = float(np.nanmax(np.abs(array))) if np.isfinite(array).any() else 1.0
    return (-top or -1.0, top or 1.0)


def _scatter(ax, lab):
    ax.scatter(*lab.X_train.T, c=[_COLORS[k] for k in lab.y_train], s=9, edgecolors="white", linewidths=0.4)
    ax.scatter(*lab.X_test.T, c="none", edgecolors=[_COLORS[k] for k in lab.y_test], s=9, linewidths=0.7)


class PlaygroundView:
    """La figura del laboratorio; :meth:`update` la pone al día tras unas épocas.

    ``resolution``: puntos por lado de la superficie de decisión;
    ``unit_resolution``: los de cada cuadrito de la red.
    """

    def __init__(self, lab, resolution=40, unit_resolution=16, figsize=(9.0, 4.2), fig=None):
        if not isinstance(lab, Playground):
            raise TypeError("PlaygroundView: `lab` debe ser un Playground de nnlib.playground.")
        self.lab, self.resolution, self.unit_resolution = lab, int(resolution), int(unit_resolution)
        self.fig = fig if fig is not None else plt.figure(figsize=figsize)
        self.rebuild()

    # --- la red -----------------------------------------------------------------------
    def rebuild(self):
        """Rehace la figura (cuando cambia la arquitectura o las entradas)."""
        fig, lab = self.fig, self.lab
        fig.clear()
        grid = fig.add_gridspec(2, 2, width_ratios=(1.25, 1), height_ratios=(1.6, 1), left=0.02, right=0.98,
                                bottom=0.11, top=0.9, wspace=0.12, hspace=0.45)
        self.ax_net = fig.add_subplot(grid[:, 0])
        self.ax_map = fig.add_subplot(grid[0, 1])
        self.ax_loss = fig.add_subplot(grid[1, 1])
        sizes = lab.layer_sizes()
        tallest = max(sizes)
        centers = [[(2.0 * x, (n - 1) / 2 - j) for j in range(n)]
                   for x, n in enumerate(sizes)]
        self._centers = centers
        half = 0.36
        ax = self.ax_net
        self._lines = []
        for left, right in zip(centers, centers[1:]):
            layer_lines = [[ax.plot([x0 + half, x1 - half], [y0, y1], color="0.6", lw=1, zorder=1,
                                    solid_capstyle="butt")[0] for (x1, y1) in right] for (x0, y0) in left]
            self._lines.append(layer_lines)
        self._unit_images = []
        r = self.unit_resolution
        blank = np.zeros((r, r))
        for layer in centers:
            images = []
            for (x, y) in layer:
                im = ax.imshow(blank, extent=(x - half, x + half, y - half, y + half), origin="lower",
                               cmap=_CMAP, vmin=-1, vmax=1, zorder=2, interpolation="bilinear")
                ax.add_patch(plt.Rectangle((x - half, y - half), 2 * half, 2 * half, fill=False, lw=0.6,
                                           ec="0.3", zorder=3))
                images.append(im)
            self._unit_images.append(images)
        for (x, y), name in zip(centers[0], lab.config["features"]):
            ax.text(x - half - 0.1, y, FEATURES[name][0], ha="right", va="center", fontsize=9)
        titles = ["Entradas"] + [f"Capa {i + 1}" for i in range(len(sizes) - 2)] + ["Salida"]
        top = (tallest - 1) / 2 + half + 0.25
        for k, title in enumerate(titles):
            ax.text(2.0 * k, top, title, ha="center", va="bottom", fontsize=8.5)
        ax.set_xlim(-half - 1.1, 2.0 * (len(sizes) - 1) + half + 0.1)
        ax.set_ylim(-(tallest - 1) / 2 - half - 0.1, top + 0.45)
        ax.set_aspect("equal")
        ax.axis("off")

        r = self.resolution
        self._map = self.ax_map.imshow(np.zeros((r, r)), extent=_EXTENT, origin="lower", cmap=_CMAP,
                                       vmin=0, vmax=1, alpha=0.8, interpolation="bilinear")
        self._contour = None
        _scatter(self.ax_map, lab)
        self.ax_map.set_xlim(-LIMIT, LIMIT)
        self.ax_map.set_ylim(-LIMIT, LIMIT)
        self.ax_map.set_xticks([-2, 0, 2])
        self.ax_map.set_yticks([-2, 0, 2])
        self.ax_map.tick_params(labelsize=8)
        self.ax_map.grid(False)
        self.ax_map.set_xlabel("$x_1$", fontsize=9, labelpad=1)
        self.ax_map.set_ylabel("$x_2$", fontsize=9, labelpad=1)

        ax = self.ax_loss
        self._train_line, = ax.plot([], [], color="0.2", lw=1.3, label="entrenamiento")
        self._test_line, = ax.plot([], [], color="#d62728", lw=1.3, label="prueba")
        ax.set_xlabel("Época", fontsize=9, labelpad=1)
        ax.set_ylabel("Pérdida", fontsize=9)
        ax.tick_params(labelsize=8)
        ax.legend(fontsize=7.5, loc="upper right", frameon=False)
        self._title = fig.suptitle("", fontsize=10.5, y=0.985)
        self.update()

    def update(self):
        """Pone al día superficies, pesos, curvas y época con el estado actual del laboratorio."""
        lab = self.lab
        if lab.layer_sizes() != [len(layer) for layer in self._centers] or \
                len(self._unit_images[0]) != len(lab.config["features"]):
            self.rebuild()
            return
        features = lab.feature_surfaces(self.unit_resolution)
        hidden = lab.unit_surfaces(self.unit_resolution)
        output = lab.surface(self.unit_resolution)[None]
        for images, layer in zip(self._unit_images, [features, *hidden, output]):
            for im, values in zip(images, layer):
                im.set_data(values)
                im.set_clim(*((0.0, 1.0) if images is self._unit_images[-1] else _limits(values)))
        for layer_lines, W in zip(self._lines, lab.weights()):
            big = max(float(np.nanmax(np.abs(W))), 1e-12) if np.isfinite(W).any() else 1.0
            for i, row in enumerate(layer_lines):
                for j, line in enumerate(row):
                    w = W[i, j]
                    line.set_linewidth(0.3 + 3.2 * min(abs(w) / big, 1.0) if np.isfinite(w) else 0.3)
                    line.set_color(_COLORS[1] if w > 0 else _COLORS[0])
        self._map.set_data(lab.surface(self.resolution))
        if self._contour is not None:
            self._contour.remove()
        surface = lab.surface(self.resolution)
        t = np.linspace(-LIMIT, LIMIT, self.resolution)
        self._contour = None
        if np.isfinite(surface).all() and surface.min() < 0.5 < surface.max():
            self._contour = self.ax_map.contour(t, t, surface, levels=[0.5], colors="k", linewidths=0.9)
        epochs = np.arange(len(lab.history["loss"]))
        self._train_line.set_data(epochs, lab.history["loss"])
        self._test_line.set_data(epochs, lab.history["val_loss"])
        finite = [v for v in lab.history["loss"] + lab.history["val_loss"] if np.isfinite(v)]
        self.ax_loss.set_xlim(0, max(10, lab.epoch))
        self.ax_loss.set_ylim(0, max(0.8, 1.05 * max(finite, default=0.8)))
        state = f" — {lab.diverged}" if lab.diverged else ""
        self._title.set_text(f"Época {lab.epoch}:  pérdida de entrenamiento {lab.loss:.3f},  "
                             f"de prueba {lab.val_loss:.3f}{state}")
        return self.fig


def draw_playground(lab, **kwargs):
    """La figura del laboratorio en su estado actual (véase :class:`PlaygroundView`)."""
    return PlaygroundView(lab, **kwargs).fig


def run_animation(labs, titles, n_frames=12, epochs_per_frame=10, resolution=30, panel_size=2.6,
                  interval=300):
    """Entrena ``labs`` a la vez y devuelve una animación: una columna por laboratorio.

    Arriba, la superficie de decisión con los datos; abajo, las pérdidas de
    entrenamiento (gris) y de prueba (rojo) hasta esa época. El cuadro ``i``
    muestra el estado tras ``i · epochs_per_frame`` épocas. Todo se calcula antes
    de crear la animación, así que sus cuadros no dependen del orden en que
    matplotlib los pida.
    """
    labs = list(labs)
    if len(titles) != len(labs):
        raise ValueError(f"run_animation: hacen falta {len(labs)} títulos; llegaron {len(titles)}.")
    surfaces = [[] for _ in labs]
    for frame in range(n_frames):
        for k, lab in enumerate(labs):
            if frame:
                lab.step(epochs_per_frame)
            surfaces[k].append(lab.surface(resolution))
    fig, axes = plt.subplots(2, len(labs), figsize=(panel_size * len(labs), panel_size * 1.55),
                             gridspec_kw={"height_ratios": (1.6, 1)}, squeeze=False)
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.1, top=0.86, wspace=0.3, hspace=0.35)
    images, markers = [], []
    top = max(max(v for v in lab.history["loss"] + lab.history["val_loss"] if np.isfinite(v)) for lab in labs)
    for k, (lab, title) in enumerate(zip(labs, titles)):
        ax = axes[0, k]
        images.append(ax.imshow(surfaces[k][0], extent=_EXTENT, origin="lower", cmap=_CMAP, vmin=0, vmax=1,
                                alpha=0.8, interpolation="bilinear"))
        _scatter(ax, lab)
        ax.set_title(title, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        ax = axes[1, k]
        epochs = np.arange(len(lab.history["loss"]))
        ax.plot(epochs, lab.history["loss"], color="0.75", lw=1)
        ax.plot(epochs, lab.history["val_loss"], color="#f2a6a0", lw=1)
        train, = ax.plot([], [], color="0.2", lw=1.3)
        test, = ax.plot([], [], color="#d62728", lw=1.3)
        markers.append((lab, train, test))
        ax.set_ylim(0, min(max(0.8, 1.05 * top), 3.0))
        ax.set_xlabel("Época", fontsize=8, labelpad=1)
        ax.tick_params(labelsize=7)
        if k == 0:
            ax.set_ylabel("Pérdida", fontsize=8)
    title = fig.suptitle("", fontsize=10)

    def update(i):
        last = i * epochs_per_frame + 1
        for image, frames, (lab, train, test) in zip(images, surfaces, markers):
            image.set_data(frames[i])
            epochs = np.arange(last)
            train.set_data(epochs, lab.history["loss"][:last])
            test.set_data(epochs, lab.history["val_loss"][:last])
        title.set_text(f"Época {i * epochs_per_frame}")
        return [*images, title]

    update(0)
    return FuncAnimation(fig, update, frames=n_frames, interval=interval)


# --- los controles -----------------------------------------------------------------------
def parse_hidden(text):
    """Las unidades de las capas ocultas a partir de un texto como ``"4, 2"`` (vacío: sin capas ocultas)."""
    if not isinstance(text, str):
        raise TypeError("Las capas ocultas se escriben como un texto, por ejemplo «4, 2».")
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
    try:
        units = tuple(int(p) for p in parts)
    except ValueError:
        raise ValueError(f"Capas ocultas: escriba números enteros separados por comas, como «4, 2»; "
                         f"llegó «{text}».") from None
    return units


class PlaygroundApp:
    """Los controles del laboratorio sobre un :class:`~nnlib.playground.Playground`.

    ``widget`` es la caja de ipywidgets para mostrar. Sin interfaz: :meth:`apply`
    cambia la configuración (y reinicia), :meth:`step` entrena una época,
    :meth:`tick` es lo que hace cada paso del botón de ejecutar y :meth:`reset`
    vuelve a la época 0; todos redibujan la figura en ``image`` (un PNG).
    """

    def __init__(self, lab=None, dpi=72):
        import ipywidgets as w

        self.lab = lab if lab is not None else Playground()
        self.dpi = dpi
        self.view = PlaygroundView(self.lab)
        plt.close(self.view.fig)
        c = self.lab.config
        self.controls = {
            "dataset": w.Dropdown(options=[(label, key) for key, label in DATASETS.items()], value=c["dataset"],
                                  description="Datos"),
            "noise": w.FloatSlider(value=c["noise"], min=0, max=1.0, step=0.05, description="Ruido"),
            "test_ratio": w.FloatSlider(value=c["test_ratio"], min=0.1, max=0.9, step=0.1,
                                        description="Prueba"),
            "hidden": w.Text(value=", ".join(map(str, c["hidden"])), description="Capas ocultas",
                             continuous_update=False),
            "activation": w.Dropdown(options=ACTIVATIONS, value=c["activation"], description="Activación"),
            "learning_rate": w.SelectionSlider(options=LEARNING_RATES, value=c["learning_rate"],
                                               description="Tasa"),
            "regularization": w.Dropdown(options=[("ninguna", None), ("L1", "l1"), ("L2", "l2")],
                                         value=c["regularization"], description="Regularización"),
            "regularization_rate": w.SelectionSlider(options=REGULARIZATION_RATES,
                                                     value=c["regularization_rate"], description="Tasa reg."),
            "batch_size": w.IntSlider(value=c["batch_size"], min=1, max=50, description="Lote"),
            "seed": w.IntText(value=c["seed"], description="Semilla"),
        }
        self.feature_boxes = {name: w.Checkbox(value=name in c["features"], description=name, indent=False,
                                               layout=w.Layout(width="80px"))
                              for name in FEATURES}
        self.message = w.HTML()
        self.image = w.Image(format="png")
        self.play = w.Play(value=0, min=0, max=10 ** 6, interval=150, description="Ejecutar")
        self.step_button = w.Button(description="Una época")
        self.reset_button = w.Button(description="Reiniciar")
        self.play.observe(lambda change: self.tick(), names="value")
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        for control in [*self.controls.values(), *self.feature_boxes.values()]:
            control.observe(lambda change: self.apply(), names="value")
        buttons = w.HBox([self.play, self.step_button, self.reset_button])
        left = w.VBox([*self.controls.values(), w.HTML("Entradas:"),
                       w.HBox(list(self.feature_boxes.values())[:4]), w.HBox(list(self.feature_boxes.values())[4:]),
                       buttons, self.message])
        self.widget = w.VBox([left, self.image])
        self.redraw()

    def settings(self):
        """La configuración que dicen los controles ahora."""
        values = {key: control.value for key, control in self.controls.items()}
        values["hidden"] = parse_hidden(values["hidden"])
        values["features"] = tuple(name for name, box in self.feature_boxes.items() if box.value)
        return values

    def apply(self):
        """Reinicia el laboratorio con lo que dicen los controles; un valor inválido se explica en ``message``."""
        try:
            self.lab.reset(**self.settings())
        except (TypeError, ValueError) as error:
            self.message.value = f"<span style='color:#c8372d'>{error}</span>"
            return False
        self.message.value = ""
        self.play.value = 0
        self.redraw()
        return True

    def step(self, epochs=1):
        """Entrena ``epochs`` épocas y redibuja."""
        self.lab.step(epochs)
        self.redraw()

    def tick(self):
        """Un paso del botón de ejecutar: una época (nada si la red divergió) y el redibujo."""
        if self.play.value == 0 or self.lab.diverged:
            return
        self.step()

    def reset(self):
        """Vuelve a la época 0 (pesos nuevos con la misma semilla) y redibuja."""
        self.lab.reset()
        self.play.value = 0
        self.redraw()

    def redraw(self):
        """Pone al día la figura y la guarda como PNG en ``image``."""
        self.view.update()
        buffer = io.BytesIO()
        # Compresión mínima: el PNG viaja al navegador una vez por época, y comprimir
        # más cuesta más que los pocos kilobytes que ahorra.
        self.view.fig.savefig(buffer, format="png", dpi=self.dpi, pil_kwargs={"compress_level": 1})
        self.image.value = buffer.getvalue()


def playground_widget(**config):
    """El laboratorio con sus controles, listo para mostrar en Jupyter, Colab o Binder."""
    return PlaygroundApp(Playground(**{**DEFAULTS, **config})).widget
