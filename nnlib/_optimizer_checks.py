"""Comprobaciones de los optimizadores: sus hiperparámetros y los argumentos de ``update``.

Viven aparte para que ``nnlib/optimizers.py`` se lea como el capítulo: cada
optimizador es su regla de actualización, y todo lo que valida la entrada
(con mensajes en español que nombran el argumento, lo que se esperaba y lo
que llegó) está aquí.
"""
from __future__ import annotations

import inspect

import numpy as np

from nnlib._checks import as_float_array, describe, positive_number, same_shape, unknown_name
from nnlib.schedules import LearningRateSchedule

_BASE_ARGUMENTS = ["weight_decay", "clipnorm", "clipvalue", "global_clipnorm", "name"]


def fraction(value, name):
    """Un hiperparámetro en [0, 1): momentos, ρ, β."""
    positive_number(value, name, allow_zero=True)
    if value >= 1:
        raise ValueError(f"`{name}` debe estar en el intervalo [0, 1); llegó {value!r}.")
    return float(value)


def positive(value, name, *, allow_zero=False):
    """Un número positivo (``epsilon``) o no negativo, como ``float``."""
    return float(positive_number(value, name, allow_zero=allow_zero))


def learning_rate(value):
    """Un número mayor o igual que 0 o un programa de ``nnlib.schedules``."""
    if isinstance(value, LearningRateSchedule):
        return value
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)):
        return positive(value, "learning_rate", allow_zero=True)
    raise TypeError(
        "`learning_rate` debe ser un número mayor o igual que 0 o un programa de nnlib.schedules; "
        f"llegó {describe(value)}."
    )


def no_unknown_arguments(cls, unknown):
    """Un argumento que el optimizador no tiene: error con la sugerencia más parecida."""
    if not unknown:
        return
    key = next(iter(unknown))
    if key == "lr":  # el nombre antiguo de Keras 2
        raise TypeError(f"{cls.__name__} no tiene el argumento 'lr'. ¿Quiso decir 'learning_rate'?")
    valid = [p for p in inspect.signature(cls).parameters if p != "kwargs"] + _BASE_ARGUMENTS
    raise TypeError(str(unknown_name(f"argumento de {cls.__name__}", key, valid)))


def clipping(clipnorm, clipvalue, global_clipnorm):
    """Los tres umbrales de recorte (``None`` o un número > 0); solo se admite uno a la vez."""
    clips = {"clipnorm": clipnorm, "clipvalue": clipvalue, "global_clipnorm": global_clipnorm}
    given = [k for k, v in clips.items() if v is not None]
    if len(given) > 1:
        raise ValueError(
            f"Solo se puede usar uno de `clipnorm`, `clipvalue` y `global_clipnorm`; llegaron {', '.join(given)}."
        )
    return tuple(None if v is None else positive(v, k) for k, v in clips.items())


def update_arguments(params, grads, shapes):
    """Valida los argumentos de ``Optimizer.update`` y devuelve los gradientes en el tipo de cada parámetro.

    ``shapes``: las formas con que el optimizador construyó su estado (``None``
    si aún no lo tiene); el estado va por posición, así que deben repetirse.
    """
    if not isinstance(params, (list, tuple)) or not isinstance(grads, (list, tuple)):
        raise TypeError(
            f"`params` y `grads` deben ser listas de arreglos; llegaron {describe(params)} "
            f"y {describe(grads)}."
        )
    if len(params) != len(grads):
        raise ValueError(
            f"`params` y `grads` deben tener la misma longitud; llegaron {len(params)} parámetros "
            f"y {len(grads)} gradientes."
        )
    checked = []
    for i, (p, g) in enumerate(zip(params, grads)):
        if not isinstance(p, np.ndarray) or p.dtype not in (np.float32, np.float64):
            raise TypeError(
                f"`params[{i}]` debe ser un numpy.ndarray float32 o float64 (se actualiza en su sitio); "
                f"llegó {_what(p)}."
            )
        g = as_float_array(g, f"grads[{i}]", allow_empty=True)
        same_shape(p, g, f"params[{i}]", f"grads[{i}]")
        checked.append(g.astype(p.dtype, copy=False))
    if shapes is not None and [p.shape for p in params] != shapes:
        raise ValueError(
            f"El optimizador guarda su estado por posición y se construyó para parámetros de formas "
            f"{shapes}; ahora llegaron {[p.shape for p in params]}. Pase siempre los mismos parámetros en "
            "el mismo orden, o llame a reset() para empezar de cero."
        )
    return checked


def _what(value):
    """Qué llegó en lugar de un parámetro: su tipo si es un arreglo, si no su descripción."""
    return f"un arreglo de tipo {value.dtype}" if isinstance(value, np.ndarray) else describe(value)
