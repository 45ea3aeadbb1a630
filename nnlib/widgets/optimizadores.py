"""Optimizadores sobre superficies de prueba (capítulo 5): caminos, explorador y carrera.

Las superficies y el cálculo de los caminos están en :mod:`nnlib.surfaces`;
aquí se dibujan:

* :func:`make_optimizer` crea el optimizador de :mod:`nnlib.optimizers` que
  corresponde a un nombre del menú (:data:`OPTIMIZERS`): ``"momentum"`` y
  ``"nesterov"`` son :class:`~nnlib.optimizers.SGD` con momento.
* :func:`draw_surface` dibuja las curvas de nivel de una superficie y
  :func:`draw_paths`, encima, los caminos de varios optimizadores, cada uno con
  su color de :data:`COLORS` (el mismo en todas las figuras del capítulo).
* :func:`optimizer_explorer` calcula y dibuja el camino de un optimizador;
  :func:`optimizer_widget` le añade controles: optimizador, tasa de
  aprendizaje, momento, superficie y número de pasos.
* :func:`race_animation` anima varios caminos a la vez (una carrera); en el
  cuaderno se convierte en HTML con :func:`nnlib.plots.animation_html`.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from nnlib import optimizers, surfaces
from nnlib._checks import as_float_array, describe, lookup, positive_number

__all__ = ["OPTIMIZERS", "COLORS", "LABELS", "make_optimizer", "draw_surface", "draw_paths",
           "optimizer_explorer", "optimizer_widget", "race_animation"]

#: Los optimizadores del menú, en el orden del capítulo.
OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam", "adamw")

#: Cómo se llama cada uno en las leyendas.
LABELS = {"sgd": "SGD", "momentum": "momento", "nesterov": "Nesterov", "adagrad": "Adagrad",
          "adadelta": "Adadelta", "rmsprop": "RMSprop", "adam": "Adam", "adamw": "AdamW"}

#: Un color fijo por optimizador, el mismo en todas las figuras.
COLORS = {"sgd": "#1f77b4", "momentum": "#ff7f0e", "nesterov": "#2ca02c", "adagrad": "#d62728",
          "adadelta": "#9467bd", "rmsprop": "#8c564b", "adam": "#e377c2", "adamw": "#17becf"}


def _name(optimizer):
    return lookup("optimizador", optimizer, dict(zip(OPTIMIZERS, OPTIMIZERS)))


def make_optimizer(optimizer, learning_rate, momentum=0.9):
    """El optimizador de nnlib que corresponde a un nombre del menú.

    ``momentum`` es el :math:`\\mu` de ``"momentum"`` y ``"nesterov"`` y el
    :math:`\\beta_1` de ``"adam"`` y ``"adamw"`` (la media móvil de los
    gradientes es su momento); los demás no lo usan. El resto de
    hiperparámetros son los de Keras.
    """
    name = _name(optimizer)
    if name == "sgd":
        return optimizers.SGD(learning_rate=learning_rate)
    if name in ("momentum", "nesterov"):
        return optimizers.SGD(learning_rate=learning_rate, momentum=momentum, nesterov=name == "nesterov")
    if name == "adagrad":
        return optimizers.Adagrad(learning_rate=learning_rate)
    if name == "adadelta":
        return optimizers.Adadelta(learning_rate=learning_rate)
    if name == "rmsprop":
        return optimizers.RMSprop(learning_rate=learning_rate)
    if name == "adam":
        return optimizers.Adam(learning_rate=learning_rate, beta_1=momentum)
    return optimizers.AdamW(learning_rate=learning_rate, beta_1=momentum)


def _uses_momentum(name):
    return name in ("momentum", "nesterov", "adam", "adamw")


def draw_surface(surface, ax=None, levels=14, resolution=200):
    """Curvas de nivel de ``surface`` (un nombre de :data:`nnlib.surfaces.SURFACES` o un ``Surface``).

    Los niveles se espacian en escala logarítmica si ``surface.log_scale``; los
    mínimos se marcan con una cruz negra. Devuelve los ejes.
    """
    surface = surfaces.get(surface)
    levels = int(positive_number(levels, "levels", integer=True))
    resolution = int(positive_number(resolution, "resolution", integer=True))
    if ax is None:
        _, ax = plt.subplots(figsize=(5.0, 4.2))
    w1, w2 = np.meshgrid(np.linspace(*surface.xlim, resolution), np.linspace(*surface.ylim, resolution))
    z = surface(w1, w2)
    if surface.log_scale:
        low = float(min(surface(*m) for m in surface.minima))
        values = np.geomspace(0.1, float(z.max() - low), levels) + low
    else:
        values = np.linspace(float(z.min()), float(z.max()), levels + 2)[1:-1]
    ax.contour(w1, w2, z, levels=np.unique(values), colors="0.55", linewidths=0.6, negative_linestyles="solid")
    for m in surface.minima:
        ax.plot(*m, "x", color="black", ms=8, mew=2, zorder=5)
    ax.set_xlim(surface.xlim)
    ax.set_ylim(surface.ylim)
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$", rotation=0, labelpad=8)
    ax.set_title(surface.title[0].upper() + surface.title[1:], fontsize=11)
    return ax


def _color(name, index):
    return COLORS.get(name, plt.rcParams["axes.prop_cycle"].by_key()["color"][index % 10])


def draw_paths(surface, paths, ax=None, legend=True, markersize=2.5):
    """Dibuja ``surface`` y, encima, los caminos ``paths``: ``{nombre: arreglo (pasos, 2)}``.

    Si el nombre es uno de :data:`OPTIMIZERS`, se usan su color y su etiqueta
    en español; el punto de partida es un círculo y el de llegada, una estrella.
    """
    if not isinstance(paths, dict):
        raise TypeError(f"`paths` debe ser un diccionario {{nombre: camino}}; llegó {describe(paths)}.")
    ax = draw_surface(surface, ax=ax)
    for i, (name, path) in enumerate(paths.items()):
        path = as_float_array(path, f"paths[{name!r}]", ndim=2)
        color = _color(name, i)
        ax.plot(path[:, 0], path[:, 1], "-o", color=color, lw=1.4, ms=markersize, label=LABELS.get(name, name))
        ax.plot(*path[-1], "*", color=color, mec="black", mew=0.6, ms=11, zorder=6)
    start = next(iter(paths.values()), None)
    if start is not None:
        ax.plot(*np.asarray(start)[0], "o", color="white", mec="black", ms=7, zorder=6)
    if legend and paths:
        ax.legend(fontsize="small", loc="best")
    return ax


def optimizer_explorer(optimizer="momentum", learning_rate=1e-3, momentum=0.9, surface="rosenbrock",
                       steps=300, ax=None):
    """Calcula el camino de un optimizador sobre una superficie y lo dibuja.

    Parameters
    ----------
    optimizer : str
        Uno de :data:`OPTIMIZERS`.
    learning_rate : float
        La tasa de aprendizaje :math:`\\eta`.
    momentum : float
        :math:`\\mu` de ``"momentum"`` y ``"nesterov"``; :math:`\\beta_1` de
        ``"adam"`` y ``"adamw"``. Los demás no lo usan.
    surface : str
        ``"bowl"``, ``"rosenbrock"`` o ``"saddle"`` (véase :mod:`nnlib.surfaces`).
    steps : int
        Número de pasos.
    ax : matplotlib.axes.Axes, opcional
        Dónde dibujar; si no se da, una figura nueva.

    Returns
    -------
    numpy.ndarray
        El camino, de forma ``(pasos + 1, 2)`` (más corto si diverge). La
        función no llama a ``plt.show()``: eso queda para la celda del cuaderno.
    """
    name = _name(optimizer)
    surface = surfaces.get(surface)
    path = surfaces.optimizer_path(make_optimizer(name, learning_rate, momentum), surface, steps=steps)
    ax = draw_paths(surface, {name: path}, ax=ax, legend=False, markersize=2)
    settings = f"η = {learning_rate:.2g}"
    if _uses_momentum(name):
        settings += f", {'β₁' if name.startswith('adam') else 'μ'} = {momentum:.2g}"
    w1, w2 = path[-1]
    if len(path) < int(steps) + 1:
        result = f"¡diverge en el paso {len(path)}!"
    else:
        result = f"tras {len(path) - 1} pasos: L = {float(surface(w1, w2)):.3g}"
    ax.set_title(f"{LABELS[name]} sobre {surface.title} ({settings})\n{result}", fontsize=10)
    return path


def optimizer_widget(optimizer="momentum", learning_rate=1e-3, momentum=0.9, surface="rosenbrock", steps=300):
    """Controles para :func:`optimizer_explorer`: optimizador, tasa (en escala logarítmica), momento,
    superficie y pasos. Devuelve un ``ipywidgets.interactive``."""
    try:
        import ipywidgets as widgets
    except ImportError as exc:  # pragma: no cover - depende de la instalación
        raise ImportError("optimizer_widget necesita ipywidgets: instálelo con `pip install ipywidgets`.") from exc
    name = _name(optimizer)
    surface = surfaces.get(surface).name
    make_optimizer(name, learning_rate, momentum)  # valida los valores iniciales con mensajes en español
    steps = int(positive_number(steps, "steps", integer=True))

    def draw(optimizer, learning_rate, momentum, surface, steps):
        _, ax = plt.subplots(figsize=(5.6, 4.4))
        optimizer_explorer(optimizer, learning_rate, momentum, surface, steps, ax=ax)

    style = {"description_width": "initial"}
    return widgets.interactive(
        draw,
        optimizer=widgets.Dropdown(options=[(LABELS[o], o) for o in OPTIMIZERS], value=name,
                                   description="Optimizador", style=style),
        learning_rate=widgets.FloatLogSlider(value=learning_rate, base=10, min=-5, max=0.5, step=0.1,
                                             description="Tasa de aprendizaje", readout_format=".1e",
                                             style=style),
        momentum=widgets.FloatSlider(value=momentum, min=0.0, max=0.99, step=0.01,
                                     description="Momento (μ o β₁)", style=style),
        surface=widgets.Dropdown(options=[(s.title, key) for key, s in surfaces.SURFACES.items()],
                                 value=surface, description="Superficie", style=style),
        steps=widgets.IntSlider(value=steps, min=10, max=1000, step=10, description="Pasos", style=style),
    )


def race_animation(surface, paths, frames=30, figsize=(4.4, 3.6), interval=150):
    """Una animación de matplotlib con los caminos ``paths`` avanzando a la vez.

    ``paths`` es ``{nombre: arreglo (pasos, 2)}``, todos con el mismo número de
    pasos; cada cuadro avanza ``pasos / frames`` pasos. Para verla en el cuaderno
    y en el sitio: ``animation_html(race_animation(...))`` (:mod:`nnlib.plots`).

    Lo que no se mueve (curvas de nivel, ejes, leyenda) se dibuja una sola vez y
    se guarda como imagen de fondo: cada cuadro solo dibuja las líneas. Así la
    animación se genera en pocos segundos. La resolución es la de
    ``savefig.dpi``, la misma con que la guarda ``animation_html``.
    """
    from matplotlib.animation import FuncAnimation
    from matplotlib.lines import Line2D

    if not isinstance(paths, dict) or not paths:
        raise TypeError(f"`paths` debe ser un diccionario {{nombre: camino}} no vacío; llegó {describe(paths)}.")
    arrays = {name: as_float_array(p, f"paths[{name!r}]", ndim=2) for name, p in paths.items()}
    lengths = {len(p) for p in arrays.values()}
    if len(lengths) != 1:
        raise ValueError(f"Todos los caminos deben tener el mismo número de pasos; llegaron {sorted(lengths)}.")
    n_points = lengths.pop()
    frames = int(positive_number(frames, "frames", integer=True))
    ends = np.unique(np.linspace(1, n_points, frames).round().astype(int))  # puntos dibujados en cada cuadro
    colors = {name: _color(name, i) for i, name in enumerate(arrays)}

    dpi = plt.rcParams["savefig.dpi"]
    dpi = plt.rcParams["figure.dpi"] if dpi == "figure" else float(dpi)
    fig = plt.figure(figsize=figsize, dpi=dpi)
    box = (0.15, 0.13, 0.82, 0.79)                         # [izquierda, abajo, ancho, alto] de los ejes
    # 1. El fondo, una sola vez: superficie, ejes, leyenda y punto de partida.
    ax = fig.add_axes(box)
    draw_surface(surface, ax=ax, levels=9, resolution=150)
    ax.grid(False)                                         # menos líneas: cuadros más ligeros
    ax.plot(*next(iter(arrays.values()))[0], "o", color="white", mec="black", ms=7, zorder=6)
    handles = [Line2D([], [], color=colors[n], lw=2, label=LABELS.get(n, n)) for n in arrays]
    ax.legend(handles=handles, fontsize="x-small", loc="lower right", ncol=2)
    fig.canvas.draw()
    background = np.asarray(fig.canvas.buffer_rgba()).copy()
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    fig.clf()
    # 2. Cada cuadro: la imagen de fondo y, encima, unos ejes transparentes con las líneas.
    fig.figimage(background, 0, 0, origin="upper", zorder=-1)   # debajo de los ejes
    ax = fig.add_axes(box)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_axis_off()
    lines, heads = {}, {}
    for name in arrays:
        (lines[name],) = ax.plot([], [], "-", color=colors[name], lw=1.8)
        (heads[name],) = ax.plot([], [], "o", color=colors[name], mec="black", ms=6, zorder=7)
    counter = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", fontsize=9,
                      bbox={"facecolor": "white", "edgecolor": "0.7", "alpha": 0.9})

    def update(frame):
        end = ends[frame]
        for name, path in arrays.items():
            lines[name].set_data(path[:end, 0], path[:end, 1])
            heads[name].set_data([path[end - 1, 0]], [path[end - 1, 1]])
        counter.set_text(f"paso {end - 1} de {n_points - 1}")
        return [*lines.values(), *heads.values(), counter]

    return FuncAnimation(fig, update, frames=len(ends), interval=interval, blit=False)
