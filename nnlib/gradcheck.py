r"""Comprobación de gradientes con diferencias finitas.

La retropropagación calcula el gradiente con fórmulas; un error en una sola
derivada no impide entrenar, solo lo hace peor, y puede pasar inadvertido.
La comprobación clásica es compararlo con una aproximación numérica que no
usa ninguna fórmula: mover cada parámetro un poco, :math:`\varepsilon`, y ver
cuánto cambia la pérdida. Con **diferencias centradas**,

.. math::

    \frac{\partial J}{\partial \theta_i} \approx
    \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon},

cuyo error es del orden de :math:`\varepsilon^2` (la diferencia hacia un
solo lado, :math:`(J(\theta+\varepsilon e_i) - J(\theta))/\varepsilon`, solo
de :math:`\varepsilon`). Con :math:`\varepsilon = 10^{-6}` en float64 el
error de truncamiento (:math:`\sim 10^{-12}`) y el de redondeo
(:math:`\sim 10^{-16}/\varepsilon = 10^{-10}`) quedan muy por debajo de
:math:`10^{-6}`. Cuesta dos evaluaciones de :math:`J` por parámetro, así que
solo sirve para redes pequeñas; es una prueba, no un método de entrenamiento.

Para comparar los dos gradientes se usa el **error relativo**

.. math::

    \text{err}(a, b) = \frac{\max_i |a_i - b_i|}{\max_i (|a_i| + |b_i|)},

que no depende de la escala de la pérdida. En float64, un error menor que
:math:`10^{-7}` indica que el gradiente es correcto; mayor que
:math:`10^{-4}`, que casi seguro hay un fallo. Cerca de un punto anguloso
(ReLU en 0, el codo de la bisagra) la aproximación numérica puede fallar
aunque el gradiente sea correcto.
"""
from __future__ import annotations

import numpy as np

from nnlib._checks import as_float_array, describe, positive_number
from nnlib.layers import Dense

__all__ = ["numerical_gradient", "relative_error", "check_gradients"]


def numerical_gradient(f, x, eps=1e-6):
    """Gradiente de la función escalar ``f`` en ``x`` por diferencias centradas.

    ``x`` debe ser un ``numpy.ndarray`` de punto flotante: se modifica **en su
    sitio**, un elemento cada vez, y se restaura al terminar. Así ``f`` puede
    ignorar su argumento y leer ``x`` por su cuenta (por ejemplo, ``x`` es el
    ``W`` de una capa y ``f`` calcula la pérdida del modelo).
    """
    if not callable(f):
        raise TypeError(f"`f` debe ser una función; llegó {describe(f)}.")
    if not isinstance(x, np.ndarray) or x.dtype.kind != "f":
        detalle = f"un arreglo de NumPy de enteros o de tipo {x.dtype}" if isinstance(x, np.ndarray) \
            else describe(x)
        raise TypeError(
            "`x` debe ser un numpy.ndarray de punto flotante (float32 o float64), porque se modifica "
            f"en su sitio; llegó {detalle}. Conviértalo antes con np.asarray(x, dtype=float)."
        )
    eps = float(positive_number(eps, "eps"))
    grad = np.zeros(x.shape, dtype=np.float64)
    for i in np.ndindex(x.shape):
        original = x[i]
        x[i] = original + eps
        f_plus = float(f(x))
        x[i] = original - eps
        f_minus = float(f(x))
        x[i] = original
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """:math:`\\max|a-b| / \\max(|a|+|b|)`; 0 si ambos son cero."""
    a = as_float_array(a, "a", allow_empty=True).astype(np.float64)
    b = as_float_array(b, "b", allow_empty=True).astype(np.float64)
    if a.shape != b.shape:
        raise ValueError(f"`a` y `b` deben tener la misma forma; llegaron {a.shape} y {b.shape}.")
    if a.size == 0:
        return 0.0
    scale = max(float(np.max(np.abs(a) + np.abs(b))), np.finfo(np.float64).tiny)
    return float(np.max(np.abs(a - b)) / scale)


def check_gradients(model, x, y, eps=1e-6):
    """Compara ``model.gradients(x, y)`` con diferencias finitas, parámetro a parámetro.

    Devuelve una lista de diccionarios, uno por ``W`` y por ``b`` de cada capa
    densa: ``{"layer", "parameter", "relative_error", "analytic", "numeric"}``.
    El modelo debe estar compilado; conviene usar float64 y redes pequeñas.
    """
    if not (hasattr(model, "gradients") and hasattr(model, "compute_loss") and hasattr(model, "layers")):
        raise TypeError(f"`model` debe ser un nnlib.model.Sequential compilado; llegó {describe(model)}.")
    eps = float(positive_number(eps, "eps"))
    analytic = model.gradients(x, y)
    results = []
    for layer, (dW, db) in zip([lay for lay in model.layers if isinstance(lay, Dense)], analytic):
        for name, param, grad in (("W", layer.W, dW), ("b", layer.b, db)):
            if param is None:
                continue
            numeric = numerical_gradient(lambda _: model.compute_loss(x, y), param, eps=eps)
            results.append({"layer": layer.name, "parameter": name,
                            "relative_error": relative_error(grad, numeric),
                            "analytic": grad, "numeric": numeric})
    return results
