"""Regularizadores: una penalización por pesos grandes.

Una red con muchos parámetros puede memorizar los datos de entrenamiento
(sobreajuste). Una defensa clásica es sumar a la pérdida un término que crece
con el tamaño de los pesos :math:`w`:

.. math::

    L_{\\text{total}} = L_{\\text{datos}} + \\Omega(w)

* **L2** (decaimiento de pesos, *weight decay*, «ridge»):
  :math:`\\Omega(w) = \\lambda_2 \\sum_i w_i^2`, con gradiente
  :math:`\\partial\\Omega/\\partial w_i = 2\\lambda_2 w_i`. Empuja cada peso
  hacia cero en proporción a su tamaño: los pesos se encogen pero rara vez
  llegan a cero.
* **L1** («lasso»): :math:`\\Omega(w) = \\lambda_1 \\sum_i |w_i|`, con
  gradiente :math:`\\lambda_1\\,\\mathrm{sign}(w_i)` (en :math:`w_i = 0` se toma
  0, un subgradiente válido). Empuja con fuerza constante, así que muchos
  pesos acaban exactamente en cero: modelos dispersos (*sparse*).
* **L1L2**: la suma de ambas (la «red elástica», *elastic net*).

Son las fórmulas de Keras: la penalización L2 es :math:`\\lambda_2 \\sum w^2`,
**sin** el factor 1/2 que usan algunos libros; por eso el gradiente lleva el 2.
Keras suma la penalización de cada capa a la pérdida media del lote, sin
dividir por el número de muestras.
"""
from __future__ import annotations

import numpy as np

from nnlib._checks import as_float_array, positive_number, resolve


class Regularizer:
    """Base: ``reg(w)`` es la penalización (un número) y ``reg.gradient(w)`` su gradiente."""

    def __call__(self, weights):
        raise NotImplementedError  # pragma: no cover

    def gradient(self, weights):
        raise NotImplementedError  # pragma: no cover

    def get_config(self):
        return {}

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


def _weights(weights):
    return as_float_array(weights, "weights", allow_empty=True)


class L1L2(Regularizer):
    """:math:`\\lambda_1 \\sum |w| + \\lambda_2 \\sum w^2` (por defecto, ambos 0)."""

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = float(positive_number(0.0 if l1 is None else l1, "l1", allow_zero=True))
        self.l2 = float(positive_number(0.0 if l2 is None else l2, "l2", allow_zero=True))

    def __call__(self, weights):
        w = _weights(weights)
        return float(self.l1 * np.sum(np.abs(w)) + self.l2 * np.sum(np.square(w)))

    def gradient(self, weights):
        w = _weights(weights)
        return (self.l1 * np.sign(w) + 2.0 * self.l2 * w).astype(w.dtype)

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class L1(L1L2):
    """:math:`\\lambda_1 \\sum |w|`, con ``l1=0.01`` por defecto (como Keras)."""

    def __init__(self, l1=0.01):
        super().__init__(l1=0.01 if l1 is None else l1, l2=0.0)

    def get_config(self):
        return {"l1": self.l1}


class L2(L1L2):
    """:math:`\\lambda_2 \\sum w^2`, con ``l2=0.01`` por defecto (como Keras)."""

    def __init__(self, l2=0.01):
        super().__init__(l1=0.0, l2=0.01 if l2 is None else l2)

    def get_config(self):
        return {"l2": self.l2}


_NAMES = {"l1": L1, "l2": L2, "l1_l2": L1L2}


def get(identifier):
    """``None`` -> ``None``; una instancia se devuelve tal cual; ``"l1"``, ``"l2"``, ``"l1_l2"``
    (también ``"L1"``, ``"L1L2"``) crean uno con los valores por defecto."""
    if identifier is None:
        return None
    return resolve("regularizador", identifier, Regularizer, _NAMES, ignore_underscores=True)
