"""La función que calcula una red multicapa (capítulo 2).

Una red densa con dos entradas y una salida es una función del plano,
:math:`f(x_1, x_2)`. :func:`network_function` construye una con pesos al azar
(con la semilla que se le da) y la dibuja como un mapa de colores con sus curvas
de nivel: así se ve qué forma tiene según el número de capas ocultas, de
unidades por capa y la función de activación. Con ``"linear"`` es siempre un
plano, por muchas capas que tenga; con ``"relu"``, una superficie hecha de
trozos planos (las aristas son las rectas donde alguna unidad cambia de 0 a
positiva); con ``"tanh"`` o ``"sigmoid"``, una superficie suave.
:func:`network_widget` añade deslizadores para esos cuatro valores.

Los pesos se sortean como lo haría un inicializador «de varianza» (He para las
activaciones de la familia ReLU, Glorot para las demás; véase el capítulo) y los
sesgos con una normal de desviación 1: con sesgos nulos todas las rectas de las
unidades de la primera capa pasarían por el origen y la figura sería menos
variada.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from nnlib import activations, initializers
from nnlib._checks import positive_number
from nnlib.layers import Dense
from nnlib.model import Sequential

__all__ = ["ACTIVATIONS", "build_network", "network_function", "network_widget"]

#: Activaciones que ofrece el explorador, en el orden del menú.
ACTIVATIONS = ("linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "swish")

#: Las de la familia ReLU, que se inicializan con He; las demás, con Glorot.
_RELU_FAMILY = ("relu", "leaky_relu", "elu", "gelu", "swish")

#: El cuadro del plano que se dibuja: [-LIMIT, LIMIT]².
LIMIT = 3.0

_MAX_LAYERS = 10
_MAX_UNITS = 256


def _integer(value, name, high):
    value = positive_number(value, name, integer=True)
    if value > high:
        raise ValueError(f"`{name}` debe estar entre 1 y {high}; llegó {value}.")
    return int(value)


def _activation_name(activation):
    if activation is not None and not isinstance(activation, str):  # None es lineal, como en Keras
        raise TypeError(f"`activation` debe ser el nombre de una activación, p. ej. \"relu\"; llegó {activation!r}.")
    name = activations.get(activation).name        # nombre desconocido: error con «¿Quiso decir...?»
    if name not in ACTIVATIONS:
        raise ValueError(f"`activation`: el explorador ofrece {', '.join(ACTIVATIONS)}; llegó {activation!r} "
                         "(softmax y el escalón no sirven en sus capas ocultas).")
    return name


def build_network(n_layers=2, units=8, activation="relu", seed=0):
    """Una red densa 2 → (``units`` × ``n_layers``) → 1 con pesos al azar, sin entrenar.

    Las capas ocultas usan ``activation``; la salida es lineal (una regresión).
    ``seed`` fija todos los sorteos: la misma llamada da siempre la misma red.
    """
    n_layers = _integer(n_layers, "n_layers", _MAX_LAYERS)
    units = _integer(units, "units", _MAX_UNITS)
    name = _activation_name(activation)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"`seed` debe ser un entero mayor o igual que 0; llegó {seed!r}.")
    scale = 2.0 if name in _RELU_FAMILY else 1.0
    mode = "fan_in" if name in _RELU_FAMILY else "fan_avg"
    layers = []
    for i in range(n_layers):
        kernel = initializers.VarianceScaling(scale=scale, mode=mode, distribution="untruncated_normal")
        layers.append(Dense(units, activation=name, kernel_initializer=kernel,
                            bias_initializer=initializers.RandomNormal(stddev=1.0),
                            **({"input_dim": 2} if i == 0 else {})))
    layers.append(Dense(1, kernel_initializer=initializers.VarianceScaling(scale=1.0, mode="fan_avg",
                                                                           distribution="untruncated_normal")))
    return Sequential(layers, seed=int(seed))


def network_function(n_layers=2, units=8, activation="relu", seed=0, ax=None, resolution=201):
    """Dibuja la función :math:`f(x_1, x_2)` de una red al azar (véase :func:`build_network`).

    Parameters
    ----------
    n_layers : int
        Capas ocultas (de 1 a 10).
    units : int
        Unidades en cada capa oculta (de 1 a 256).
    activation : str
        Activación de las capas ocultas: una de :data:`ACTIVATIONS`.
    seed : int
        Semilla de los pesos.
    ax : matplotlib.axes.Axes, opcional
        Ejes donde dibujar; si no se dan, se crea una figura nueva.
    resolution : int
        Puntos por lado de la cuadrícula.

    Returns
    -------
    Sequential
        La red dibujada (por ejemplo, para contar sus parámetros o evaluarla).
        La función no llama a ``plt.show()``: eso queda para la celda del cuaderno.
    """
    model = build_network(n_layers, units, activation, seed)
    resolution = _integer(resolution, "resolution", 2001)
    if resolution < 2:
        raise ValueError(f"`resolution` debe ser al menos 2; llegó {resolution}.")
    grid = np.linspace(-LIMIT, LIMIT, resolution)
    g1, g2 = np.meshgrid(grid, grid)
    out = model.predict(np.column_stack([g1.ravel(), g2.ravel()])).reshape(g1.shape)
    if ax is None:
        _, ax = plt.subplots(figsize=(4.6, 4.2))
    image = ax.imshow(out, origin="lower", extent=(-LIMIT, LIMIT, -LIMIT, LIMIT), cmap="viridis",
                      interpolation="bilinear", aspect="equal")
    if np.ptp(out) > 1e-12:                     # curvas de nivel (una función constante no tiene)
        levels = np.linspace(float(out.min()), float(out.max()), 12)[1:-1]
        ax.contour(g1, g2, out, levels=levels, colors="white", linewidths=0.7, linestyles="solid", alpha=0.8)
    ax.figure.colorbar(image, ax=ax, shrink=0.8, label="$f(x_1, x_2)$")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$", rotation=0, labelpad=10)
    ax.set_xticks([-LIMIT, 0, LIMIT])
    ax.set_yticks([-LIMIT, 0, LIMIT])
    ax.grid(False)
    hidden = len(model.layers) - 1
    layers_text = "1 capa oculta" if hidden == 1 else f"{hidden} capas ocultas"
    ax.set_title(f"{layers_text} de {model.layers[0].units}, {model.layers[0].activation.name}\n"
                 f"{model.count_params()} parámetros", fontsize=10)
    return model


def network_widget(n_layers=2, units=8, activation="relu", seed=0):
    """Deslizadores para las capas ocultas, las unidades, la activación y la semilla.

    Devuelve un ``ipywidgets.interactive``: en Jupyter, Colab o Binder basta con
    dejarlo como última expresión de la celda para verlo. Cada cambio vuelve a
    llamar a :func:`network_function`.
    """
    try:
        import ipywidgets as widgets
    except ImportError as exc:  # pragma: no cover - depende de la instalación
        raise ImportError("network_widget necesita ipywidgets: instálelo con `pip install ipywidgets`.") from exc
    build_network(n_layers, units, activation, seed)  # valida los valores iniciales con mensajes en español

    def draw(n_layers, units, activation, seed):
        network_function(n_layers, units, activation, seed)  # ipywidgets muestra la figura

    return widgets.interactive(
        draw,
        n_layers=widgets.IntSlider(value=int(n_layers), min=1, max=6, description="Capas ocultas",
                                   style={"description_width": "initial"}),
        units=widgets.IntSlider(value=int(units), min=1, max=64, description="Unidades por capa",
                                style={"description_width": "initial"}),
        activation=widgets.Dropdown(options=list(ACTIVATIONS), value=_activation_name(activation),
                                    description="Activación"),
        seed=widgets.IntSlider(value=int(seed), min=0, max=20, description="Semilla"),
    )
