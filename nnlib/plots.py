"""Figuras del curso, hechas solo con matplotlib.

Cada función dibuja en unos ejes (``ax``) que se le pasan o que crea, y
devuelve los ejes (o la figura, si dibuja varios paneles). Ninguna llama a
``plt.show()``: eso lo decide el cuaderno. Nada es aleatorio, así que la
misma llamada da siempre la misma figura.

- :func:`plot_decision_boundary`: las regiones que un clasificador asigna a
  cada clase en el plano, con los datos encima.
- :func:`plot_perceptron_line`: la recta ``w·x + b = 0`` de un perceptrón.
- :func:`plot_history`: curvas de aprendizaje (entrenamiento y validación).
- :func:`plot_loss_surface`: curvas de nivel de una pérdida de dos
  parámetros y el camino de un optimizador.
- :func:`plot_activations`: funciones de activación y sus derivadas.
- :func:`draw_network`: una red prealimentada como círculos y líneas.
- :func:`draw_architecture`: esquemas de las grandes familias de redes.
- :func:`animation_html`: una animación de matplotlib como HTML sin conexión,
  con botones y una barra para recorrerla (el sitio la reproduce sin núcleo).
"""
from __future__ import annotations

import inspect
import itertools
import re

import numpy as np
import matplotlib.pyplot as plt
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Polygon

from nnlib._checks import as_float_array, describe, lookup, positive_number, unknown_name

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
          "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
_LIGHT = ["#aec7e8", "#ff9896", "#98df8a", "#ffbb78", "#c5b0d5",
          "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5"]


def _axes(ax, figsize=(5, 4)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _check_2d_data(X, y):
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"`X` debe tener 2 columnas para dibujarse en el plano; llegó forma {X.shape}.")
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
        y = y.argmax(axis=1)                               # one-hot -> etiqueta
    y = y.reshape(-1)
    if len(y) != len(X):
        raise ValueError(f"`X` y `y` deben tener el mismo número de ejemplos; llegaron {len(X)} y {len(y)}.")
    if not np.all(np.isfinite(y.astype(float))) or np.any(y != np.round(y)) or np.any(y < 0):
        raise ValueError("`y` debe contener etiquetas enteras 0, 1, 2, ... (o filas one-hot).")
    return X, y.astype(np.int64)


def _scatter_classes(ax, X, y):
    for c in np.unique(y):
        pts = X[y == c]
        ax.scatter(pts[:, 0], pts[:, 1], s=30, color=COLORS[c % 10], edgecolors="k",
                   linewidths=0.5, label=f"clase {c}", zorder=3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")


def _labels_from_output(out, n_points):
    """Convierte la salida de ``predict`` en una clase por punto."""
    out = np.asarray(out)
    if out.dtype.kind == "f" and not np.all(np.isfinite(out)):
        raise ValueError("La predicción del modelo contiene NaN o infinitos: no se puede dibujar la frontera.")
    if out.ndim == 2 and out.shape[1] > 1:
        return out.argmax(axis=1)                          # softmax: la clase más probable
    out = out.reshape(-1)
    if out.shape[0] != n_points:
        raise ValueError(f"La predicción debería dar {n_points} valores (uno por punto); dio {out.shape[0]}.")
    if np.issubdtype(out.dtype, np.integer) or np.issubdtype(out.dtype, np.bool_) \
            or np.all(out == np.round(out)):
        if out.min() < 0:
            raise ValueError(f"Las etiquetas predichas deben ser 0, 1, 2, ...; llegó {out.min()}. "
                             "Si su modelo usa -1/+1, pase una función que devuelva (y + 1) // 2.")
        return out.astype(np.int64)                        # ya son etiquetas
    return (out >= 0.5).astype(np.int64)                   # probabilidad de la clase 1 (sigmoide)


def _parameters(fn):
    try:
        return inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return {}


def plot_decision_boundary(model_or_fn, X, y, ax=None, resolution=200, padding=0.5):
    """Colorea el plano según la clase que predice el modelo y dibuja los datos.

    ``model_or_fn``: un objeto con ``predict`` (``Sequential``, ``Perceptron``,
    un modelo de Keras...) o una función que recibe un array (m, 2) y
    devuelve etiquetas, probabilidades (m,) / (m, 1) de la clase 1, o
    probabilidades (m, K) por clase. La malla tiene ``resolution`` ×
    ``resolution`` puntos y se extiende ``padding`` más allá de los datos.
    """
    X, y = _check_2d_data(X, y)
    resolution = positive_number(resolution, "resolution", integer=True)
    predict = getattr(model_or_fn, "predict", model_or_fn)
    if not callable(predict):
        raise TypeError(
            f"`model_or_fn` debe tener un método `predict` o ser una función; llegó {type(model_or_fn).__name__}."
        )
    ax = _axes(ax)
    x1 = np.linspace(X[:, 0].min() - padding, X[:, 0].max() + padding, resolution)
    x2 = np.linspace(X[:, 1].min() - padding, X[:, 1].max() + padding, resolution)
    G1, G2 = np.meshgrid(x1, x2)
    grid = np.column_stack([G1.ravel(), G2.ravel()])
    quiet = {"verbose": 0} if "verbose" in _parameters(predict) else {}   # Keras: sin barra de progreso
    Z = _labels_from_output(predict(grid, **quiet), len(grid)).reshape(G1.shape)
    k = int(max(Z.max(), y.max())) + 1
    ax.contourf(G1, G2, Z, levels=np.arange(k + 1) - 0.5, cmap=ListedColormap([_LIGHT[c % 10] for c in range(k)]), alpha=0.8)
    _scatter_classes(ax, X, y)
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_perceptron_line(weights, bias, X, y, ax=None, padding=0.5):
    """Dibuja los datos y la frontera ``w₁x₁ + w₂x₂ + b = 0`` de un perceptrón.

    El semiplano donde ``w·x + b ≥ 0`` (el perceptrón dice 1) queda sombreado.
    Si ``w₂ = 0`` la frontera es vertical; si ``w = 0`` no hay frontera y se
    avisa dentro de la figura.
    """
    X, y = _check_2d_data(X, y)
    w = as_float_array(weights, "weights", ndim=1)
    if w.shape != (2,):
        raise ValueError(f"`weights` debe tener 2 componentes (una por columna de `X`); llegó forma {w.shape}.")
    b = float(as_float_array(bias, "bias", ndim=0))
    ax = _axes(ax)
    xlim = (X[:, 0].min() - padding, X[:, 0].max() + padding)
    ylim = (X[:, 1].min() - padding, X[:, 1].max() + padding)
    G1, G2 = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
    ax.contourf(G1, G2, (w[0] * G1 + w[1] * G2 + b >= 0).astype(float), levels=[-0.5, 0.5, 1.5],
                cmap=ListedColormap([_LIGHT[0], _LIGHT[1]]), alpha=0.5)
    if w[1] != 0:
        xs = np.array(xlim)
        ax.plot(xs, -(w[0] * xs + b) / w[1], "k-", lw=2, label="frontera $w \\cdot x + b = 0$")
    elif w[0] != 0:
        ax.plot([-b / w[0]] * 2, ylim, "k-", lw=2, label="frontera $w \\cdot x + b = 0$")
    else:
        ax.text(0.5, 0.95, "w = 0: no hay frontera", transform=ax.transAxes, ha="center", va="top")
    _scatter_classes(ax, X, y)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.legend(loc="best", fontsize="small")
    return ax


_METRIC_NAMES = {"loss": "pérdida", "accuracy": "exactitud", "acc": "exactitud", "mae": "error absoluto medio",
                 "mse": "error cuadrático medio", "binary_accuracy": "exactitud",
                 "categorical_accuracy": "exactitud", "sparse_categorical_accuracy": "exactitud",
                 "learning_rate": "tasa de aprendizaje"}


def plot_history(history, metrics=("loss",), ax=None):
    """Curvas de aprendizaje: cada métrica por época, en entrenamiento y validación.

    ``history``: el ``History`` que devuelve ``fit`` (de ``nnlib`` o de Keras)
    o su diccionario ``history.history``. Si existe ``val_<métrica>`` se
    dibuja con línea discontinua. Con una métrica devuelve unos ejes; con
    varias, un array de ejes (uno por métrica), como ``plt.subplots``.
    """
    data = getattr(history, "history", history)
    if not isinstance(data, dict):
        raise TypeError(f"`history` debe ser un History o un diccionario; llegó {type(history).__name__}.")
    metrics = [metrics] if isinstance(metrics, str) else list(metrics)
    for m in metrics:
        if m not in data:
            raise unknown_name("métrica del historial", m, [k for k in data if not k.startswith("val_")])
    if ax is None:
        _, axes = plt.subplots(1, len(metrics), figsize=(5 * len(metrics), 3.5), squeeze=False)
        axes = axes[0]
    else:
        axes = np.atleast_1d(ax)
        if len(axes) != len(metrics):
            raise ValueError(f"Se necesitan {len(metrics)} ejes, uno por métrica; llegaron {len(axes)}.")
    for a, m in zip(axes, metrics):
        epochs = np.arange(1, len(data[m]) + 1)
        a.plot(epochs, data[m], "-", color=COLORS[0], label="entrenamiento")
        if f"val_{m}" in data:
            a.plot(np.arange(1, len(data[f"val_{m}"]) + 1), data[f"val_{m}"], "--", color=COLORS[1],
                   label="validación")
        a.set_xlabel("época")
        a.set_ylabel(_METRIC_NAMES.get(m, m))
        a.grid(alpha=0.3)
        a.legend(fontsize="small")
    return axes[0] if len(metrics) == 1 else np.asarray(axes)


def _evaluate_on_grid(f, W1, W2):
    """Evalúa ``f(w1, w2)`` en la malla: de una vez si ``f`` admite arrays, si no punto a punto."""
    try:
        Z = np.asarray(f(W1, W2), dtype=np.float64)
        if Z.shape == W1.shape:
            return Z
    except (TypeError, ValueError):
        pass
    return np.array([[float(f(a, b)) for a, b in zip(r1, r2)] for r1, r2 in zip(W1, W2)])


def plot_loss_surface(f, xlim=None, ylim=None, path=None, ax=None, levels=30, resolution=150,
                      log_scale=False, colorbar=True):
    """Curvas de nivel de una función de dos parámetros y, si se da, el camino de un optimizador.

    ``f(w1, w2)`` devuelve un número (mejor si acepta arrays). ``path`` es un
    array (pasos, 2) de posiciones, o un diccionario ``{nombre: camino}`` para
    comparar varios optimizadores. Sin ``xlim``/``ylim`` se usa el recuadro
    del camino con un margen (o [-3, 3]). ``log_scale=True`` espacia los
    niveles de forma logarítmica (útil en valles estrechos como Rosenbrock).
    """
    if not callable(f):
        raise TypeError(f"`f` debe ser una función f(w1, w2); llegó {type(f).__name__}.")
    paths = {} if path is None else dict(path) if isinstance(path, dict) else {"camino": path}
    paths = {name: as_float_array(p, f"path['{name}']", ndim=2) for name, p in paths.items()}
    for name, p in paths.items():
        if p.shape[1] != 2:
            raise ValueError(f"El camino '{name}' debe tener forma (pasos, 2); llegó {p.shape}.")
    every = np.vstack(list(paths.values())) if paths else np.array([[-2.5, -2.5], [2.5, 2.5]])
    span = np.ptp(every, axis=0) * 0.15 + 0.5
    xlim = _limits(xlim, "xlim", every[:, 0].min() - span[0], every[:, 0].max() + span[0])
    ylim = _limits(ylim, "ylim", every[:, 1].min() - span[1], every[:, 1].max() + span[1])
    resolution = positive_number(resolution, "resolution", integer=True)

    ax = _axes(ax, figsize=(5.5, 4.5))
    W1, W2 = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    Z = _evaluate_on_grid(f, W1, W2)
    label = "pérdida"
    if log_scale:                         # log10 de la pérdida (desplazada si llega a 0 o menos)
        if Z.min() <= 0:
            Z = Z - Z.min() + max(1e-6 * np.ptp(Z), 1e-12)
            label = "log$_{10}$(pérdida − mínimo)"
        else:
            label = "log$_{10}$(pérdida)"
        Z = np.log10(Z)
    cs = ax.contourf(W1, W2, Z, levels=levels, cmap="viridis")
    ax.contour(W1, W2, Z, levels=cs.levels, colors="k", linewidths=0.3, alpha=0.5)
    if colorbar:
        ax.figure.colorbar(cs, ax=ax, label=label)
    for i, (name, p) in enumerate(paths.items()):
        color = ["w", "#ff7f0e", "#d62728", "#e377c2", "#17becf", "#bcbd22"][i % 6]
        ax.plot(p[:, 0], p[:, 1], ".-", color=color, lw=1.5, ms=4, label=name)
        ax.plot(*p[0], "o", color=color, mec="k", ms=7)
        ax.plot(*p[-1], "*", color=color, mec="k", ms=12)
    if paths:
        ax.legend(fontsize="small", title="● inicio  ★ fin", title_fontsize="small")
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    return ax


def _limits(lim, name, low, high):
    if lim is None:
        return float(low), float(high)
    lim = as_float_array(lim, name, ndim=1)
    if lim.shape != (2,) or not lim[0] < lim[1]:
        raise ValueError(f"`{name}` debe ser un par (mínimo, máximo) con mínimo < máximo; llegó {lim.tolist()}.")
    return float(lim[0]), float(lim[1])


_DEFAULT_ACTIVATIONS = ("linear", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "swish")


def plot_activations(names=None, zlim=(-4.0, 4.0), ncols=3):
    """Una cuadrícula con cada función de activación (línea continua) y su derivada (discontinua).

    ``names``: nombres de ``nnlib.activations`` o instancias (por defecto,
    todas menos softmax). softmax actúa sobre un vector, así que se dibuja su
    primera componente para el vector ``[z, 0]`` (que es ``sigmoid(z)``).
    Devuelve la figura.
    """
    from nnlib import activations

    names = list(_DEFAULT_ACTIVATIONS) if names is None else [names] if isinstance(names, str) else list(names)
    if not names:
        raise ValueError("`names` está vacío: indique al menos una función de activación.")
    low, high = _limits(zlim, "zlim", -4.0, 4.0)
    ncols = min(positive_number(ncols, "ncols", integer=True), len(names))
    nrows = -(-len(names) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.3 * ncols, 2.6 * nrows), squeeze=False)
    z = np.linspace(low, high, 401)
    for a, name in zip(axes.ravel(), names):
        act = activations.get(name)
        if act.name == "softmax":
            pair = np.column_stack([z, np.zeros_like(z)])
            f, df, title = act(pair)[:, 0], act.derivative(pair)[:, 0], "softmax de [z, 0]"
        else:
            f, df, title = act(z), act.derivative(z), act.name
        a.axhline(0, color="0.7", lw=0.8)
        a.axvline(0, color="0.7", lw=0.8)
        a.plot(z, f, "-", color=COLORS[0], lw=2, label="$f(z)$")
        a.plot(z, df, "--", color=COLORS[1], lw=1.5, label="$f'(z)$")
        a.set_title(title)
        a.set_xlabel("$z$")
        a.grid(alpha=0.3)
    axes.ravel()[0].legend(fontsize="small", loc="upper left")
    for a in axes.ravel()[len(names):]:
        a.set_visible(False)
    fig.tight_layout()
    return fig


# --- esquemas ----------------------------------------------------------------------------
def _layer_name(i, n_layers):
    if i == 0:
        return "entrada"
    if i == n_layers - 1:
        return "salida"
    return f"oculta {i}" if n_layers > 3 else "oculta"


def draw_network(layer_sizes, ax=None, max_neurons=8, labels=True, bias=True):
    """Dibuja una red prealimentada: una columna de neuronas por capa y todas sus conexiones.

    ``layer_sizes``: neuronas por capa, desde la entrada, p. ej. ``[3, 4, 2]``.
    Las capas con más de ``max_neurons`` neuronas se dibujan abreviadas (las
    primeras, "⋮" y la última) con su tamaño real escrito debajo.

    Con ``bias=True`` (por omisión) cada capa salvo la de salida lleva encima
    una **unidad de sesgo**: un cuadrado con un 1, la entrada constante que,
    multiplicada por su peso, aporta el sesgo ``b`` de cada neurona de la capa
    siguiente. Sus conexiones van en trazo discontinuo. Así cada línea del
    dibujo es un parámetro: en ``[3, 4, 2]`` hay 3·4 + 4·2 pesos y 4 + 2
    sesgos, 26 líneas.

    Devuelve los ejes. Las conexiones de los pesos son la primera colección de
    líneas de los ejes (``ax.collections[0]``) y, con ``bias=True``, las de los
    sesgos la segunda.
    """
    sizes = list(layer_sizes) if np.ndim(layer_sizes) else [layer_sizes]
    if len(sizes) < 2:
        raise ValueError(f"`layer_sizes` necesita al menos 2 capas (entrada y salida); llegó {sizes}.")
    for i, s in enumerate(sizes):
        positive_number(s, f"layer_sizes[{i}]", integer=True)
    max_neurons = positive_number(max_neurons, "max_neurons", integer=True)
    if max_neurons < 3:
        raise ValueError(f"`max_neurons` debe ser al menos 3 (primeras, ⋮ y última); llegó {max_neurons}.")
    if not isinstance(bias, (bool, np.bool_)):
        raise TypeError(f"`bias` debe ser True o False; llegó {bias!r}.")
    ax = _axes(ax, figsize=(1.6 * len(sizes) + 1, 4.6 if bias else 4))
    shown = [min(s, max_neurons) for s in sizes]
    height = max(shown)
    radius = 0.25
    positions = []
    for i, (s, m) in enumerate(zip(sizes, shown)):
        ys = (m - 1) / 2 - np.arange(m)                     # centrada en 0
        if s > max_neurons:                                  # hueco para los puntos suspensivos
            ys = np.concatenate([ys[:-2], [ys[-1]]])
            ax.text(2.0 * i, ys[-2] - (ys[-2] - ys[-1]) / 2, "⋮", ha="center", va="center", fontsize=14)
        positions.append([(2.0 * i, yy) for yy in ys])
    segments = [[p, q] for left, right in zip(positions, positions[1:]) for p in left for q in right]
    ax.add_collection(LineCollection(segments, colors="0.6", linewidths=0.6, zorder=1))
    top = (height - 1) / 2 + radius
    if bias:
        bias_y = (height - 1) / 2 + 1.1                     # una fila por encima de la columna más alta
        bias_units = [(2.0 * i, bias_y) for i in range(len(sizes) - 1)]
        bias_segments = [[u, q] for u, right in zip(bias_units, positions[1:]) for q in right]
        ax.add_collection(LineCollection(bias_segments, colors=COLORS[3], linewidths=0.8,
                                         linestyles="dashed", zorder=1))
        for u in bias_units:
            _box(ax, u, 0.4, 0.4, "1", "#f2f2f2", fontsize=10)
        if labels:
            ax.text(bias_units[0][0] - 0.3, bias_y, "sesgo", ha="right", va="center", fontsize=9,
                    color="0.25")
        top = bias_y + 0.25
    for i, layer in enumerate(positions):
        color = COLORS[2] if i == 0 else COLORS[1] if i == len(sizes) - 1 else COLORS[0]
        for p in layer:
            ax.add_patch(Circle(p, radius, facecolor=color, edgecolor="k", zorder=2))
        if labels:
            ax.text(2.0 * i, -height / 2 - 0.3, f"{_layer_name(i, len(sizes))}\n({sizes[i]})",
                    ha="center", va="top", fontsize=9)
    left = -0.7 - (1.0 if bias and labels else 0.0)          # sitio para el rótulo «sesgo»
    ax.set_xlim(left, 2.0 * (len(sizes) - 1) + 0.7)
    ax.set_ylim(-height / 2 - (1.3 if labels else 0.3), top + 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _box(ax, xy, w, h, text, color, fontsize=9):
    ax.add_patch(FancyBboxPatch((xy[0] - w / 2, xy[1] - h / 2), w, h, boxstyle="round,pad=0.05",
                                facecolor=color, edgecolor="k", lw=1))
    ax.text(xy[0], xy[1], text, ha="center", va="center", fontsize=fontsize)


def _arrow(ax, start, end, text=None, style="-|>", ls="-", rad=0.0, offset=(0, 0.18)):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=12, lw=1.2, ls=ls,
                                 connectionstyle=f"arc3,rad={rad}", color="k"))
    if text:
        mid = ((start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1])
        ax.text(*mid, text, ha="center", va="bottom", fontsize=8)


def _stack(ax, x, y, size, n, color, dx=0.12):
    """Varios mapas de características: cuadrados superpuestos y desplazados."""
    for k in range(n):
        ax.add_patch(FancyBboxPatch((x - size / 2 + k * dx, y - size / 2 - k * dx), size, size,
                                    boxstyle="square,pad=0", facecolor=color, edgecolor="k", lw=0.8))


def _draw_convolutional(ax):
    _stack(ax, 0.0, 0.0, 2.0, 1, "#dddddd")
    _stack(ax, 3.0, 0.0, 1.7, 4, _LIGHT[0])
    _stack(ax, 5.8, 0.0, 1.0, 4, _LIGHT[2])
    _stack(ax, 8.2, 0.0, 0.8, 6, _LIGHT[0])
    ax.add_patch(FancyBboxPatch((10.9, -1.3), 0.35, 2.6, boxstyle="square,pad=0", facecolor=_LIGHT[3], edgecolor="k"))
    for k in range(3):
        ax.add_patch(Circle((13.2, 0.8 - 0.8 * k), 0.25, facecolor=_LIGHT[1], edgecolor="k"))
    for x0, x1 in [(1.1, 2.0), (4.3, 5.2), (6.6, 7.7), (9.2, 10.8), (11.35, 12.85)]:
        _arrow(ax, (x0, 0), (x1, 0))
    for x, t in [(0, "imagen"), (3.2, "convolución\n+ ReLU"), (6.0, "agrupación\n(pooling)"),
                 (8.5, "convolución\n+ ReLU"), (11.05, "aplanado\n+ densa"), (13.2, "clases\n(softmax)")]:
        ax.text(x, -1.9, t, ha="center", va="top", fontsize=8)
    return (-1.3, 14.0), (-2.7, 1.5)


def _draw_recurrent(ax):
    _box(ax, (0, 0), 1.2, 0.8, "$h_t$", _LIGHT[0])
    _arrow(ax, (0, -1.3), (0, -0.45), "$x_t$", offset=(0.3, -0.1))
    _arrow(ax, (0, 0.45), (0, 1.3), "$y_t$", offset=(0.3, -0.1))
    _arrow(ax, (0.6, 0.2), (0.6, -0.2), style="-|>", rad=-2.2)
    ax.text(1.5, 0.0, "=", ha="center", va="center", fontsize=18)
    xs = [3.0, 5.0, 7.0]
    for x, t in zip(xs, ["t-1", "t", "t+1"]):
        _box(ax, (x, 0), 1.2, 0.8, f"$h_{{{t}}}$", _LIGHT[0])
        _arrow(ax, (x, -1.3), (x, -0.45))
        ax.text(x, -1.4, f"$x_{{{t}}}$", ha="center", va="top")
        _arrow(ax, (x, 0.45), (x, 1.3))
        ax.text(x, 1.35, f"$y_{{{t}}}$", ha="center", va="bottom")
    for x0 in xs[:-1]:
        _arrow(ax, (x0 + 0.65, 0), (x0 + 1.35, 0))
    ax.text(5.0, -2.3, "desplegada en el tiempo: los mismos pesos en cada paso", ha="center", fontsize=8)
    return (-1.0, 8.0), (-2.6, 1.9)


def _draw_encoder_decoder(ax):
    for k, t in enumerate(["$x_1$", "$x_2$", "$x_3$"]):
        _box(ax, (0, 1 - k), 0.6, 0.6, t, "#dddddd")
        _arrow(ax, (0.35, 1 - k), (1.4, 0))
    _box(ax, (2.7, 0), 2.4, 1.2, "codificador\n(encoder)", _LIGHT[0])
    _arrow(ax, (3.95, 0), (4.75, 0))
    _box(ax, (5.6, 0), 1.5, 0.7, "contexto", _LIGHT[3])
    _arrow(ax, (6.4, 0), (7.2, 0))
    _box(ax, (8.5, 0), 2.4, 1.2, "decodificador\n(decoder)", _LIGHT[2])
    for k, t in enumerate(["$y_1$", "$y_2$", "$y_3$", "$y_4$"]):
        _arrow(ax, (9.75, 0), (10.9, 1.5 - k))
        _box(ax, (11.3, 1.5 - k), 0.6, 0.6, t, "#dddddd")
    ax.text(0, -1.8, "secuencia\nde entrada", ha="center", va="top", fontsize=8)
    ax.text(11.3, -2.3, "secuencia\nde salida", ha="center", va="top", fontsize=8)
    return (-0.8, 12.1), (-3.1, 2.2)


def _draw_autoencoder(ax):
    ax.add_patch(Polygon([(0.5, 1.6), (3.0, 0.5), (3.0, -0.5), (0.5, -1.6)], facecolor=_LIGHT[0], edgecolor="k"))
    ax.add_patch(Polygon([(4.2, 0.5), (6.7, 1.6), (6.7, -1.6), (4.2, -0.5)], facecolor=_LIGHT[2], edgecolor="k"))
    _box(ax, (3.6, 0), 0.6, 1.0, "$z$", _LIGHT[3])
    ax.text(1.75, 0, "codificador", ha="center", va="center", fontsize=9)
    ax.text(5.45, 0, "decodificador", ha="center", va="center", fontsize=9)
    _box(ax, (-0.5, 0), 0.8, 2.4, "$x$", "#dddddd")
    _box(ax, (7.7, 0), 0.8, 2.4, "$\\hat{x}$", "#dddddd")
    ax.text(-0.5, -1.5, "entrada", ha="center", va="top", fontsize=8)
    ax.text(3.6, -1.5, "código\n(cuello de botella)", ha="center", va="top", fontsize=8)
    ax.text(7.7, -1.5, "reconstrucción", ha="center", va="top", fontsize=8)
    ax.text(3.6, 2.1, "se entrena para que $\\hat{x} \\approx x$", ha="center", fontsize=9)
    return (-1.2, 8.4), (-2.4, 2.5)


def _draw_gan(ax):
    _box(ax, (0, 1), 1.8, 0.8, "ruido $z$", "#dddddd")
    _box(ax, (3.0, 1), 2.0, 0.9, "generador\n$G$", _LIGHT[2])
    _box(ax, (6.2, 1), 2.2, 0.9, "datos falsos\n$G(z)$", _LIGHT[1])
    _box(ax, (6.2, -1), 2.2, 0.9, "datos reales\n$x$", _LIGHT[0])
    _box(ax, (9.8, 0), 2.4, 1.0, "discriminador\n$D$", _LIGHT[3])
    _box(ax, (13.2, 0), 2.2, 0.8, "¿real o falso?", "#ffffff")
    _arrow(ax, (0.95, 1), (1.95, 1))
    _arrow(ax, (4.05, 1), (5.05, 1))
    _arrow(ax, (7.35, 1), (8.55, 0.35))
    _arrow(ax, (7.35, -1), (8.55, -0.35))
    _arrow(ax, (11.05, 0), (12.05, 0))
    _arrow(ax, (13.2, 0.45), (3.0, 1.5), ls="--", rad=0.2)
    ax.text(8.1, 2.65, "el error de $D$ también entrena a $G$", ha="center", va="bottom", fontsize=8)
    return (-1.0, 14.4), (-1.7, 3.2)


def _draw_reinforcement(ax):
    _box(ax, (0, 1.3), 3.2, 0.9, "agente\n(red neuronal: política $\\pi$)", _LIGHT[0])
    _box(ax, (0, -1.3), 3.2, 0.9, "entorno", _LIGHT[2])
    _arrow(ax, (1.7, 1.3), (1.7, -1.3), rad=-0.6)
    ax.text(2.9, 0, "acción $a_t$", ha="left", va="center", fontsize=9)
    _arrow(ax, (-1.7, -1.3), (-1.7, 1.3), rad=-0.6)
    ax.text(-2.9, 0, "estado $s_{t+1}$\nrecompensa $r_{t+1}$", ha="right", va="center", fontsize=9)
    return (-5.0, 5.0), (-2.1, 2.1)


_ARCHITECTURES = {
    "feed_forward": ("Red prealimentada (feed-forward)", None),
    "convolutional": ("Red convolucional (CNN)", _draw_convolutional),
    "recurrent": ("Red recurrente (RNN)", _draw_recurrent),
    "encoder_decoder": ("Codificador-decodificador (encoder-decoder)", _draw_encoder_decoder),
    "autoencoder": ("Autocodificador (autoencoder)", _draw_autoencoder),
    "gan": ("Red generativa adversaria (GAN)", _draw_gan),
    "reinforcement": ("Aprendizaje por refuerzo (reinforcement learning)", _draw_reinforcement),
}
_ALIASES = {"mlp": "feed_forward", "cnn": "convolutional", "rnn": "recurrent", "seq2seq": "encoder_decoder"}


def draw_architecture(kind, ax=None):
    """Esquema de una familia de redes, con rótulos en español.

    ``kind``: "feed_forward", "convolutional", "recurrent", "encoder_decoder",
    "autoencoder", "gan" o "reinforcement" (también "mlp", "cnn", "rnn",
    "seq2seq"). Devuelve los ejes.
    """
    key = kind.lower() if isinstance(kind, str) else kind
    key = _ALIASES.get(key, key)
    title, draw = lookup("arquitectura", key, _ARCHITECTURES)
    if draw is None:
        ax = draw_network([3, 4, 4, 2], ax=ax)
    else:
        created = ax is None
        ax = _axes(ax)
        xlim, ylim = draw(ax)
        if created:                       # tamaño fijo por unidad: los rótulos caben en las cajas
            ax.figure.set_size_inches(0.6 * (xlim[1] - xlim[0]), 0.6 * (ylim[1] - ylim[0]) + 0.6)
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        ax.set_aspect("equal")
        ax.axis("off")
    ax.set_title(title)
    return ax


# --- animaciones para el sitio ---------------------------------------------------
#: Íconos de los botones de matplotlib (Font Awesome, que se cargaría de un CDN)
#: y los símbolos que los reemplazan: solo ▶ y ◀ (formas geométricas, presentes en
#: casi toda fuente) y caracteres ASCII, porque ⏮, ⏸ o ⏭ faltan en muchas fuentes y se
#: verían como cuadros vacíos.
_ANIMATION_ICONS = {
    "fa fa-minus": "−", "fa fa-fast-backward": "|◀◀", "fa fa-step-backward": "◀|",
    "fa fa-play fa-flip-horizontal": "◀", "fa fa-pause": "||", "fa fa-play": "▶",
    "fa fa-step-forward": "|▶", "fa fa-fast-forward": "▶▶|", "fa fa-plus": "+",
}
_ANIMATION_LABELS = {
    "Decrease speed": "Más lento", "First frame": "Primer cuadro", "Previous frame": "Cuadro anterior",
    "Play backwards": "Reproducir hacia atrás", "Pause": "Pausa", "Play": "Reproducir",
    "Next frame": "Cuadro siguiente", "Last frame": "Último cuadro", "Increase speed": "Más rápido",
    "Repetition mode": "Modo de repetición",
}
_ANIMATION_MODES = {">Once<": ">Una vez<", ">Loop<": ">En bucle<", ">Reflect<": ">Ida y vuelta<"}
_animation_ids = itertools.count(1)


def animation_html(anim, *, fps=None, default_mode="loop", max_megabytes=2.0):
    """Convierte una animación de matplotlib en HTML que funciona sin conexión.

    Es ``anim.to_jshtml()`` con tres cambios, para que el sitio del curso la
    reproduzca sin cargar nada de fuera y para que nbval la pueda comparar:

    - los botones usan símbolos de texto (▶, ||, |◀◀, ...) en lugar de la fuente
      Font Awesome, que matplotlib enlaza desde un CDN; sus títulos, en español;
    - el identificador de los elementos HTML es ``anim1``, ``anim2``, ... en el
      orden en que se crean (matplotlib usa uno al azar en cada ejecución);
    - cierra la figura, para que el cuaderno no la muestre además como imagen fija.

    Parameters
    ----------
    anim : matplotlib.animation.Animation
        Por ejemplo, un ``FuncAnimation(fig, actualizar, frames=30)``.
    fps : float, optional
        Cuadros por segundo; por omisión, los del intervalo de la animación.
    default_mode : {"loop", "once", "reflect"}
        Qué hacer al llegar al final: repetir, parar o volver hacia atrás.
    max_megabytes : float
        Tamaño máximo del HTML (2 MB por omisión): cada cuadro es una imagen PNG
        incrustada, así que una animación grande hace lenta la página.

    Returns
    -------
    IPython.display.HTML
        Lo que la celda muestra (en Jupyter, Colab y el sitio); fuera de IPython,
        el texto HTML.
    """
    from matplotlib.animation import Animation

    if not isinstance(anim, Animation):
        raise TypeError("animation_html: `anim` debe ser una animación de matplotlib "
                        f"(por ejemplo, FuncAnimation(...)); llegó {describe(anim)}.")
    modes = ("loop", "once", "reflect")
    if default_mode not in modes:
        raise ValueError(f"animation_html: `default_mode` debe ser uno de {modes}; llegó {default_mode!r}.")
    positive_number(max_megabytes, "max_megabytes")
    if fps is not None:
        positive_number(fps, "fps")

    html = anim.to_jshtml(fps=fps, default_mode=default_mode)
    plt.close(anim._fig)

    html = re.sub(r'<link rel="stylesheet"\s+href="[^"]*font-awesome[^"]*">\s*', "", html)
    for icon, symbol in _ANIMATION_ICONS.items():
        html = html.replace(f'<i class="{icon}"></i>', symbol)
    for english, spanish in _ANIMATION_LABELS.items():
        html = html.replace(f'title="{english}"', f'title="{spanish}"')
        html = html.replace(f'aria-label="{english}"', f'aria-label="{spanish}"')
    for english, spanish in _ANIMATION_MODES.items():
        html = html.replace(english, spanish)
    ids = set(re.findall(r"anim([0-9a-f]{32})", html))
    if len(ids) != 1 or "<i class=" in html or "://" in html.replace("http://www.w3.org", ""):
        raise RuntimeError("animation_html: el HTML de matplotlib cambió de forma; "
                           "revise nnlib.plots.animation_html para esta versión de matplotlib.")
    html = html.replace(ids.pop(), str(next(_animation_ids)))

    megabytes = len(html.encode("utf-8")) / 1e6
    if megabytes > max_megabytes:
        raise ValueError(
            f"animation_html: la animación ocupa {megabytes:.1f} MB y el máximo es {max_megabytes} MB. "
            "Use menos cuadros (frames), una figura más pequeña (figsize) o menos resolución (dpi)."
        )
    try:
        from IPython.display import HTML
    except ImportError:  # pragma: no cover - IPython viene con Jupyter
        return html
    return HTML(html)

