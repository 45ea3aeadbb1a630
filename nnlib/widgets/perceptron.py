"""Explorador del perceptrón (capítulo 1).

Un perceptrón de dos entradas clasifica un punto :math:`(x_1, x_2)` según el
signo de

.. math:: z = w_1 x_1 + w_2 x_2 + b,

con :math:`\\hat y = 1` si :math:`z \\ge 0` y :math:`\\hat y = 0` si no. Los
puntos con :math:`z = 0` forman una recta, la **frontera de decisión**; el
vector :math:`w = (w_1, w_2)` es perpendicular a ella y apunta hacia el lado
de la clase 1. :func:`perceptron_explorer` dibuja esa recta sobre los cuatro
puntos de una compuerta lógica (AND, OR, NAND, NOR, XOR, XNOR) y marca los
que quedan del lado equivocado; :func:`perceptron_widget` añade deslizadores
para mover :math:`w_1`, :math:`w_2` y :math:`b`.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D

from nnlib._checks import as_float_array
from nnlib.datasets import logic_gate
from nnlib.perceptron import step

__all__ = ["GATES", "legend_handles", "misclassified", "perceptron_explorer", "perceptron_widget"]

#: Compuertas que ofrece el explorador, en el orden del menú.
GATES = ("and", "or", "nand", "nor", "xor", "xnor")

# Colores de las clases (0 azul, 1 naranja) y del aviso de error.
_CLASS_COLORS = ("#1f77b4", "#ff7f0e")
_CLASS_MARKERS = ("o", "s")
_ERROR_COLOR = "#d62728"
_LIMITS = (-0.5, 1.5)


def _number(value, name):
    """Un número real finito (acepta enteros, floats y arreglos de un elemento)."""
    return float(as_float_array(value, name, ndim=0))


def _fmt(value):
    """Número corto para títulos: 1.0 -> '1', 0.30000000000000004 -> '0.3'."""
    return f"{round(value, 2):g}".replace("-", "−")


def _draw_normal(ax, w, b, X):
    """Flecha del vector w (normal a la frontera), apoyada en la recta y lejos de los puntos."""
    lo, hi = _LIMITS
    unit = w / np.linalg.norm(w)
    along = np.array([-unit[1], unit[0]])                  # dirección de la recta
    center = np.array([0.5, 0.5])
    foot = center - (w @ center + b) / (w @ w) * w         # punto de la recta más cercano al centro
    best, best_score = None, -np.inf
    for t in sorted(np.linspace(-0.8, 0.8, 17), key=abs):  # se prefieren posiciones cerca del centro
        start = foot + t * along
        tip, text = start + 0.3 * unit, start + 0.38 * unit
        spots = np.array([start, (start + tip) / 2, tip, text])
        if np.any(spots < lo + 0.08) or np.any(spots > hi - 0.08):
            continue
        score = min(np.min(np.linalg.norm(X - p, axis=1)) for p in spots)
        if score > best_score + 0.05:
            best, best_score = (start, tip, text), score
    if best is None:
        return                                             # la recta apenas cruza el cuadro
    start, tip, text = best
    ax.annotate("", xy=tip, xytext=start, zorder=3, arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 1.5})
    ax.text(*text, "$w$", ha="center", va="center", zorder=3)


def misclassified(gate="and", w1=1.0, w2=1.0, b=-1.5):
    """Cuántos de los cuatro puntos de la compuerta clasifica mal el perceptrón (w1, w2, b).

    Es el número que muestra :func:`perceptron_explorer`, calculado sin dibujar.
    """
    X, y = logic_gate(gate)
    w = np.array([_number(w1, "w1"), _number(w2, "w2")])
    y_hat = step(X @ w + _number(b, "b"))
    return int(np.sum(y_hat != y))


def perceptron_explorer(gate="and", w1=1.0, w2=1.0, b=-1.5, ax=None, legend=True):
    """Dibuja la frontera de decisión de un perceptrón sobre una compuerta lógica.

    Parameters
    ----------
    gate : str
        Compuerta: "and", "or", "nand", "nor", "xor" o "xnor".
    w1, w2, b : float
        Pesos y sesgo del perceptrón.
    ax : matplotlib.axes.Axes, opcional
        Ejes donde dibujar; si no se dan, se crea una figura nueva.
    legend : bool
        Si es False, no dibuja la leyenda (útil en figuras de varios paneles
        pequeños, que comparten una sola leyenda).

    Returns
    -------
    int
        Número de puntos mal clasificados (de 0 a 4). La función no llama a
        ``plt.show()``: eso queda para la celda del cuaderno.
    """
    X, y = logic_gate(gate)
    w1, w2, b = _number(w1, "w1"), _number(w2, "w2"), _number(b, "b")
    y_hat = step(X @ np.array([w1, w2]) + b)
    wrong = y_hat != y
    if ax is None:
        _, ax = plt.subplots(figsize=(4.8, 4.8))

    # Fondo: la clase que predice el perceptrón en cada punto del plano.
    lo, hi = _LIMITS
    grid = np.linspace(lo, hi, 401)
    g1, g2 = np.meshgrid(grid, grid)
    region = step(w1 * g1 + w2 * g2 + b)
    ax.imshow(region, origin="lower", extent=(lo, hi, lo, hi), cmap=ListedColormap(_CLASS_COLORS),
              vmin=0, vmax=1, alpha=0.13, interpolation="nearest", aspect="equal", zorder=0)

    # La frontera w1 x1 + w2 x2 + b = 0 y el vector w, perpendicular a ella.
    if abs(w2) > 1e-12:
        x1 = np.array([lo, hi])
        ax.plot(x1, -(w1 * x1 + b) / w2, color="black", lw=2, zorder=2)
    elif abs(w1) > 1e-12:
        ax.axvline(-b / w1, color="black", lw=2, zorder=2)
    if abs(w1) > 1e-12 or abs(w2) > 1e-12:
        _draw_normal(ax, np.array([w1, w2]), b, X)

    # Los cuatro puntos, por clase verdadera, y un anillo rojo en los mal clasificados.
    for label in (0, 1):
        mask = y == label
        ax.scatter(X[mask, 0], X[mask, 1], s=150, c=_CLASS_COLORS[label], marker=_CLASS_MARKERS[label],
                   edgecolors="black", linewidths=1, zorder=4)
    ax.scatter(X[wrong, 0], X[wrong, 1], s=520, facecolors="none", edgecolors=_ERROR_COLOR,
               linewidths=2.5, zorder=5)

    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$", rotation=0, labelpad=10)
    ax.grid(False)
    n_wrong = int(wrong.sum())
    ax.set_title(f"{gate.upper()}: $w_1$ = {_fmt(w1)}, $w_2$ = {_fmt(w2)}, $b$ = {_fmt(b)}\n"
                 f"{n_wrong} de 4 puntos mal clasificados", fontsize=10)
    if legend:
        ax.legend(handles=legend_handles(), loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=9,
                  handletextpad=0.4, columnspacing=1.2)
    return n_wrong


def legend_handles():
    """Las entradas de la leyenda del explorador, para una leyenda común a varios paneles."""
    return [
        Line2D([], [], ls="", marker=_CLASS_MARKERS[0], ms=9, mfc=_CLASS_COLORS[0], mec="black", label="salida 0"),
        Line2D([], [], ls="", marker=_CLASS_MARKERS[1], ms=9, mfc=_CLASS_COLORS[1], mec="black", label="salida 1"),
        Line2D([], [], ls="", marker="o", ms=14, mfc="none", mec=_ERROR_COLOR, mew=2, label="mal clasificado"),
        Line2D([], [], color="black", lw=2, label="frontera $z = 0$"),
    ]


def perceptron_widget(gate="and", w1=1.0, w2=1.0, b=-1.5):
    """Deslizadores para :math:`w_1`, :math:`w_2` y :math:`b` y un menú de compuertas.

    Devuelve un ``ipywidgets.interactive``: en Jupyter, Colab o Binder basta con
    dejarlo como última expresión de la celda para verlo. Cada cambio vuelve a
    llamar a :func:`perceptron_explorer` con los valores nuevos.
    """
    try:
        import ipywidgets as widgets
    except ImportError as exc:  # pragma: no cover - depende de la instalación
        raise ImportError("perceptron_widget necesita ipywidgets: instálelo con `pip install ipywidgets`.") from exc
    if str(gate).lower() not in GATES:
        logic_gate(gate)  # lanza el error en español con la sugerencia más cercana
    values = {"w1": _number(w1, "w1"), "w2": _number(w2, "w2"), "b": _number(b, "b")}

    def slider(name, label):
        return widgets.FloatSlider(value=values[name], min=-3.0, max=3.0, step=0.1, description=label,
                                   readout_format=".1f", continuous_update=True)

    def draw(gate, w1, w2, b):
        fig, ax = plt.subplots(figsize=(4.8, 4.8))
        perceptron_explorer(gate, w1, w2, b, ax=ax)

    return widgets.interactive(
        draw,
        gate=widgets.Dropdown(options=[(g.upper(), g) for g in GATES], value=str(gate).lower(),
                              description="Compuerta"),
        w1=slider("w1", "w₁"),
        w2=slider("w2", "w₂"),
        b=slider("b", "b"),
    )
