"""Comparar respuestas y reconocer los errores habituales.

* :func:`is_close` — ¿dos números o arreglos coinciden? Nunca lanza excepciones.
* :func:`same` — igualdad exacta y profunda (para saber si una función modificó
  sus argumentos).
* :func:`rounded_by_hand` — ¿el valor es la respuesta redondeada a mano?
* :func:`diagnose` — la pista del primer error típico que coincide con la respuesta.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

__all__ = ["is_close", "same", "rounded_by_hand", "diagnose", "ROUNDED_HINT", "CONSTANT_HINT"]

#: Pista para un valor escrito a mano con pocos decimales.
ROUNDED_HINT = ("parece que redondeó a pocos decimales: no redondee ni copie las cifras a mano; "
                "use el valor que da el cálculo (p. ej. `z = np.dot(w, x) + b`).")
#: Pista para una función que devuelve lo mismo con datos distintos.
CONSTANT_HINT = ("devuelve lo mismo que con el caso anterior aunque los datos cambiaron: "
                 "¿un resultado escrito a mano en lugar de calcularlo?")


def is_close(value, expected, *, atol=1e-6, rtol=1e-6):
    """¿``value`` es numéricamente igual a ``expected``? Nunca lanza excepciones.

    Acepta números, listas y arreglos; devuelve ``False`` si las formas no
    coinciden, si hay NaN o si ``value`` no se puede convertir en números.
    """
    if value is None or isinstance(value, (str, Mapping)):
        return False
    try:
        a = np.asarray(value, dtype=float)
        b = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    if a.shape != b.shape:
        return False
    return bool(np.allclose(a, b, atol=atol, rtol=rtol))


def same(a, b):
    """Igualdad exacta y profunda (arreglos, listas, diccionarios; NaN igual a NaN). Nunca lanza."""
    try:
        if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
            if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
                return False
            if a.shape != b.shape or a.dtype != b.dtype:
                return False
            if a.dtype.kind in "fc":
                return bool(np.array_equal(a, b, equal_nan=True))
            return bool(np.array_equal(a, b))
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
            return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
        if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
            return True
        result = a == b
        if isinstance(result, np.ndarray):
            return bool(result.all())
        return bool(result)
    except Exception:  # noqa: BLE001 - objetos que no se comparan: se tratan como distintos
        return a is b


def rounded_by_hand(value, expected, *, max_decimals=4, atol=1e-9):
    """¿``value`` es ``expected`` redondeado a 1..``max_decimals`` decimales (y no ``expected``)?

    Reconoce a quien copia ``-0.55`` donde el cálculo da ``-0.5499999`` o
    ``0.3659`` donde da ``0.36586``.
    """
    if isinstance(value, (str, bytes, Mapping)) or value is None or is_close(value, expected, atol=atol, rtol=0.0):
        return False
    try:
        a = np.asarray(value, dtype=float)
        b = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    if a.shape != b.shape or not np.isfinite(a).all():
        return False
    for decimals in range(1, max_decimals + 1):
        if np.allclose(a, np.round(b, decimals), atol=1e-12, rtol=0.0) and np.allclose(a, b, atol=10.0 ** -decimals):
            return True
    return False


def diagnose(value, mistakes, *, atol=1e-6, rtol=1e-6):
    """La pista del primer error típico que coincide con ``value``, o ``None``.

    ``mistakes`` es una lista de pares ``(valor_que_daría_ese_error, pista)``;
    el valor puede ser un número, un arreglo o cualquier cosa comparable con
    :func:`is_close` (también se comparan igualdades exactas de textos y
    booleanos).
    """
    for candidate, hint in mistakes:
        if candidate is None:
            continue
        if isinstance(candidate, (str, bool, np.bool_)) or isinstance(value, (str, bool, np.bool_)):
            if same(value, candidate):
                return hint
            continue
        if is_close(value, candidate, atol=atol, rtol=rtol):
            return hint
    return None
