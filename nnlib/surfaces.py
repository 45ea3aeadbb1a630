"""Superficies de prueba para los optimizadores y el camino que recorre cada uno (capítulo 5).

Una red tiene miles de pesos y su pérdida no se puede dibujar. Una pérdida de
dos parámetros, :math:`L(w_1, w_2)`, sí: es un paisaje con curvas de nivel, y
el camino de un optimizador sobre él enseña cómo se mueve. Las tres de este
módulo son las clásicas, cada una con la dificultad que la hace útil:

* ``"bowl"``, un **cuenco mal condicionado**,
  :math:`L = \\tfrac12 (w_1^2 + 10\\, w_2^2)`: un valle diez veces más empinado en
  :math:`w_2` que en :math:`w_1`. La tasa de aprendizaje la limita la dirección
  empinada (:math:`\\eta < 2/10`) y, con ella, la dirección suave avanza despacio.
* ``"rosenbrock"``, la **función de Rosenbrock** (1960),
  :math:`L = (1 - w_1)^2 + 100\\,(w_2 - w_1^2)^2`: un valle curvo, estrecho y casi
  plano en el fondo, con el mínimo en :math:`(1, 1)`.
* ``"saddle"``, una **silla** (*saddle point*),
  :math:`L = \\tfrac12 w_1^2 + \\tfrac14 w_2^4 - \\tfrac12 w_2^2`: el origen es
  un punto de silla (mínimo en :math:`w_1`, máximo en :math:`w_2`) y hay dos
  mínimos, en :math:`(0, \\pm 1)`. Quien empieza casi sobre la cresta tarda en
  darse cuenta de que puede bajar hacia un lado.

Cada superficie es un :class:`Surface`: se evalúa como ``surface(w1, w2)``
(también con arreglos, para dibujar las curvas de nivel) y da su gradiente,
escrito a mano, con ``surface.gradient(w)``. :func:`optimizer_path` mueve un
optimizador de :mod:`nnlib.optimizers` sobre ella y devuelve las posiciones.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from nnlib._checks import as_float_array, describe, lookup, positive_number

__all__ = ["Surface", "SURFACES", "get", "optimizer_path", "bowl", "bowl_gradient", "rosenbrock",
           "rosenbrock_gradient", "saddle", "saddle_gradient", "BOWL_CURVATURE"]

#: Curvatura de la dirección empinada del cuenco (la de :math:`w_1` es 1): su número de condición.
BOWL_CURVATURE = 10.0


def bowl(w1, w2):
    """Cuenco mal condicionado: :math:`\\tfrac12 (w_1^2 + 10\\, w_2^2)`."""
    return 0.5 * (w1 * w1 + BOWL_CURVATURE * w2 * w2)


def bowl_gradient(w1, w2):
    """:math:`(w_1,\\ 10\\, w_2)`."""
    return w1, BOWL_CURVATURE * w2


def rosenbrock(w1, w2):
    """Función de Rosenbrock: :math:`(1 - w_1)^2 + 100\\,(w_2 - w_1^2)^2`."""
    return (1.0 - w1) ** 2 + 100.0 * (w2 - w1 * w1) ** 2


def rosenbrock_gradient(w1, w2):
    """:math:`(-2(1 - w_1) - 400\\, w_1 (w_2 - w_1^2),\\ 200\\,(w_2 - w_1^2))`."""
    return -2.0 * (1.0 - w1) - 400.0 * w1 * (w2 - w1 * w1), 200.0 * (w2 - w1 * w1)


def saddle(w1, w2):
    """Silla con dos mínimos: :math:`\\tfrac12 w_1^2 + \\tfrac14 w_2^4 - \\tfrac12 w_2^2`."""
    return 0.5 * w1 * w1 + 0.25 * w2 ** 4 - 0.5 * w2 * w2


def saddle_gradient(w1, w2):
    """:math:`(w_1,\\ w_2^3 - w_2)`."""
    return w1, w2 ** 3 - w2


@dataclass(frozen=True)
class Surface:
    """Una pérdida de dos parámetros con su gradiente y lo necesario para dibujarla.

    ``loss(w1, w2)`` y ``grad(w1, w2)`` trabajan elemento a elemento (con números
    o con arreglos). ``minima`` son los mínimos; ``start``, el punto de partida
    que usa el capítulo; ``xlim`` y ``ylim``, el recuadro que se dibuja;
    ``log_scale``, si las curvas de nivel se espacian en escala logarítmica
    (útil cuando la pérdida abarca varios órdenes de magnitud, como en Rosenbrock).
    """

    name: str
    title: str
    loss: object
    grad: object
    minima: tuple
    start: tuple
    xlim: tuple
    ylim: tuple
    log_scale: bool = False

    def __call__(self, w1, w2):
        """La pérdida en ``(w1, w2)``."""
        return self.loss(w1, w2)

    def gradient(self, w):
        """El gradiente en el punto ``w = (w1, w2)``, como arreglo de dos números (float64)."""
        w = as_float_array(w, "w", ndim=1)
        if w.shape != (2,):
            raise ValueError(f"`w` debe ser un punto (w1, w2); llegó un arreglo de forma {w.shape}.")
        return np.array(self.grad(w[0], w[1]), dtype=np.float64)

    def __repr__(self):
        return f"Surface({self.name!r}: {self.title})"


#: Las superficies del capítulo, por su nombre.
SURFACES = {
    "bowl": Surface("bowl", "cuenco mal condicionado", bowl, bowl_gradient, minima=((0.0, 0.0),),
                    start=(-4.0, 1.5), xlim=(-4.5, 4.5), ylim=(-2.0, 2.0)),
    "rosenbrock": Surface("rosenbrock", "Rosenbrock", rosenbrock, rosenbrock_gradient, minima=((1.0, 1.0),),
                          start=(-1.5, 2.0), xlim=(-2.0, 2.0), ylim=(-1.0, 3.0), log_scale=True),
    "saddle": Surface("saddle", "silla", saddle, saddle_gradient, minima=((0.0, -1.0), (0.0, 1.0)),
                      start=(-2.0, 0.001), xlim=(-2.5, 2.5), ylim=(-1.6, 1.6)),
}


def get(surface):
    """La superficie ``surface``: un nombre de :data:`SURFACES` (``"rosenbrock"``...) o un :class:`Surface`."""
    if isinstance(surface, Surface):
        return surface
    return lookup("superficie", surface, SURFACES)


def optimizer_path(optimizer, surface, start=None, steps=100, bound=1e6):
    """Las posiciones que recorre ``optimizer`` sobre ``surface``, una fila por paso.

    Parameters
    ----------
    optimizer : nnlib.optimizers.Optimizer o str
        El optimizador (``optimizers.Adam(learning_rate=0.1)``) o su nombre
        (``"adam"``, con los valores por defecto de Keras). Se usa una copia sin
        estado, así que el objeto que se pasa no cambia y dos llamadas iguales dan
        el mismo camino.
    surface : Surface o str
        La superficie, o su nombre en :data:`SURFACES`.
    start : par de números, opcional
        El punto de partida; por defecto, ``surface.start``.
    steps : int
        Cuántas actualizaciones dar.
    bound : float
        Si el camino se aleja más que esto del origen (la tasa de aprendizaje es
        demasiado grande y diverge), se detiene ahí, antes de que los números
        desborden.

    Returns
    -------
    numpy.ndarray
        Forma ``(pasos + 1, 2)``: el punto de partida y la posición tras cada
        paso. Tiene menos filas si el camino diverge.
    """
    from nnlib import optimizers

    surface = get(surface)
    if isinstance(optimizer, str):
        optimizer = optimizers.get(optimizer)
    if not isinstance(optimizer, optimizers.Optimizer):
        raise TypeError("`optimizer` debe ser un optimizador de nnlib.optimizers (p. ej. optimizers.SGD(0.01)) "
                        f"o su nombre; llegó {describe(optimizer)}.")
    steps = int(positive_number(steps, "steps", integer=True, allow_zero=True))
    bound = float(positive_number(bound, "bound"))
    start = surface.start if start is None else start
    w = as_float_array(start, "start", ndim=1).copy()
    if w.shape != (2,):
        raise ValueError(f"`start` debe ser un punto (w1, w2); llegó un arreglo de forma {w.shape}.")
    optimizer = copy.deepcopy(optimizer)
    optimizer.reset()
    path = [w.copy()]
    for _ in range(steps):
        grad = surface.gradient(w)
        optimizer.update([w], [grad])
        if not np.all(np.isfinite(w)) or np.max(np.abs(w)) > bound:
            break
        path.append(w.copy())
    return np.array(path)
