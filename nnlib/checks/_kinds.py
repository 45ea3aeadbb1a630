"""¿Es lo que llegó de la clase de valor que pide el enunciado?

:func:`coerce` convierte lo que escribió quien aprende en el valor que la
comprobación necesita (``float``, ``int``, ``bool``, arreglo de NumPy, ...) o
explica, en español y con una pista concreta, por qué no se puede: ``None``, un
NaN, un número entre comillas, «sí» o 1 donde se pide ``True``, filas de
longitudes distintas, una forma traspuesta, claves en otra mayúscula.
"""
from __future__ import annotations

import math
import numbers
import unicodedata
from collections.abc import Mapping

import numpy as np

from ._describe import MISSING, describe, fmt

__all__ = ["KINDS", "coerce", "normalize_text"]

#: Clases de valor que entienden :meth:`Feedback.value` y :meth:`Feedback.coerce`.
KINDS = {
    "number": "un número",
    "int": "un número entero",
    "bool": "True o False",
    "array": "un arreglo de números",
    "dict": "un diccionario",
    "str": "un texto",
    "function": "una función",
    "any": "un valor",
}

_YES = {"si", "sí", "yes", "true", "verdadero", "cierto", "s", "y", "v"}
_NO = {"no", "false", "falso", "n", "f"}


def normalize_text(text):
    """Minúsculas, sin acentos ni espacios de sobra: para comparar respuestas escritas."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.lower().replace("_", " ").split())


def _is_bool(value):
    return isinstance(value, (bool, np.bool_))


def _is_real(value):
    return isinstance(value, numbers.Real) and not _is_bool(value)


def _text_number(text):
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


def _shape_text(shape):
    return "(" + ", ".join("·" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _problem(label, expected, value, hint):
    return MISSING, (f"{label}: se esperaba {expected} y llegó {describe(value)}.", hint)


def _none_hint(name, returned):
    if returned:
        return "¿falta el `return`? Una función sin `return` devuelve None (nada)."
    return f"asigne el valor: `{name} = ...`." if name else "asigne un valor antes de comprobar."


def coerce(value, kind, *, label, shape=None, keys=None, returned=False, name=None):
    """``(valor_convertido, None)`` o ``(MISSING, (mensaje, pista))``.

    ``kind`` es una de :data:`KINDS`. ``shape`` (para ``"array"``) admite ``None``
    en las dimensiones libres. ``keys`` (para ``"dict"``) son las claves que deben
    estar. ``returned`` indica que el valor lo devolvió una función (cambia la
    pista de ``None``).
    """
    if kind not in KINDS:
        raise ValueError(f"clase de valor desconocida: {kind!r}; use una de {sorted(KINDS)}")
    expected = KINDS[kind]
    if value is None and kind != "any":
        return _problem(label, expected, value, _none_hint(name, returned))
    if kind == "any":
        if value is None:
            return _problem(label, expected, value, _none_hint(name, returned))
        return value, None
    if callable(value) and kind != "function":
        return _problem(label, expected, value, "eso es la función misma; llámela con paréntesis y use su resultado.")
    return _COERCERS[kind](value, label=label, shape=shape, keys=keys, returned=returned, name=name)


# --- cada clase ------------------------------------------------------------------

def _number(value, *, label, returned, **_):
    expected = KINDS["number"]
    if _is_bool(value):
        return _problem(label, expected, value, "True y False son respuestas de sí o no; aquí se pide un número.")
    if isinstance(value, str):
        parsed = _text_number(value)
        if parsed is not None:
            how = " y con punto decimal (0.5, no 0,5)" if "," in value else ""  # palabras: permitir punto-decimal
            return _problem(label, expected, value, f"escriba el número sin comillas{how}.")
        return _problem(label, expected, value, "se pide un número, no un texto.")
    if isinstance(value, np.ndarray):
        if value.size == 1 and value.dtype.kind in "iuf":
            value = value.reshape(-1)[0]
        else:
            return _problem(label, expected, value, "se pide un solo número, no un arreglo.")
    if isinstance(value, (list, tuple)):
        hint = "se pide un solo número, no una lista."
        if len(value) == 1:
            hint = "se pide el número solo, sin corchetes: x, no [x]."
        return _problem(label, expected, value, hint)
    if hasattr(value, "numpy") and hasattr(value, "shape"):
        return _problem(label, expected, value, "convierta el tensor en un número con float(...).")
    if not _is_real(value):
        return _problem(label, expected, value, "se pide un número.")
    x = float(value)
    if math.isnan(x):
        return _problem(label, expected, value,
                        "NaN aparece al dividir 0 entre 0 o con el logaritmo de un número negativo: revise el cálculo.")
    if math.isinf(x):
        return _problem(label, expected, value, "un infinito aparece al dividir entre cero o con una exponencial enorme.")
    return x, None


def _int(value, *, label, returned, **_):
    number, problem = _number(value, label=label, returned=returned)
    if problem:
        message, hint = problem
        return MISSING, (message.replace(KINDS["number"], KINDS["int"], 1), hint)
    if number != int(number):
        return _problem(label, KINDS["int"], value, "se cuentan cosas enteras: el resultado no puede tener decimales.")
    return int(number), None


def _bool(value, *, label, **_):
    expected = KINDS["bool"]
    if _is_bool(value):
        return bool(value), None
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind == "b":
        return bool(value.reshape(-1)[0]), None
    if _is_real(value) and float(value) in (0.0, 1.0):
        return _problem(label, expected, value, "escriba True o False, no 1 o 0.")
    if isinstance(value, str):
        word = normalize_text(value)
        if word in _YES or word in _NO:
            return _problem(label, expected, value, "escriba True o False, sin comillas: «sí» o «no» son textos.")
        return _problem(label, expected, value, "la respuesta es True o False, sin comillas.")
    if _is_real(value) and math.isnan(float(value)):
        return _problem(label, expected, value, "la respuesta es True o False.")
    return _problem(label, expected, value, "la respuesta es True o False.")


def _array(value, *, label, shape=None, returned, **_):
    expected = KINDS["array"]
    if isinstance(value, str):
        return _problem(label, expected, value, "se pide un arreglo de números, no un texto.")
    if isinstance(value, Mapping):
        return _problem(label, expected, value, "se pide un arreglo de números (np.array([...])), no un diccionario.")
    if _is_bool(value):
        return _problem(label, expected, value, "se pide un arreglo de números, no una respuesta de sí o no.")
    if hasattr(value, "numpy") and hasattr(value, "shape") and not isinstance(value, np.ndarray):
        try:
            value = np.asarray(value.numpy())
        except Exception:  # noqa: BLE001 - cualquier cosa rara se describe abajo
            pass
    if isinstance(value, (list, tuple)):
        flat = _flatten(value)
        if any(isinstance(v, str) for v in flat):
            return _problem(label, expected, value, "los elementos deben ser números sin comillas.")
        if any(v is None for v in flat):
            return _problem(label, expected, value, "algún elemento es None (nada): ¿falta un `return` en un cálculo?")
    if isinstance(value, np.ndarray) and value.dtype.kind in "USO":
        if value.dtype.kind in "US":
            return _problem(label, expected, value, "los elementos deben ser números sin comillas.")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        if _ragged(value):
            return _problem(label, expected, value,
                            "todas las filas deben tener el mismo número de elementos.")
        return _problem(label, expected, value, "se pide un arreglo de números, p. ej. np.array([...]).")
    if np.isnan(array).any():
        return _problem(label, expected, value,
                        "NaN aparece al dividir 0 entre 0 o con el logaritmo de un número negativo: revise el cálculo.")
    if np.isinf(array).any():
        return _problem(label, expected, value, "un infinito aparece al dividir entre cero o con una exponencial enorme.")
    if shape is not None:
        problem = _shape_problem(array, tuple(shape), label)
        if problem:
            return MISSING, problem
    return array, None


def _flatten(value):
    out = []
    for v in value:
        if isinstance(v, (list, tuple)):
            out.extend(_flatten(v))
        else:
            out.append(v)
    return out


def _ragged(value):
    if not isinstance(value, (list, tuple)):
        return False
    lengths = {len(v) if isinstance(v, (list, tuple, np.ndarray)) else -1 for v in value}
    return len(lengths) > 1


def _shape_matches(actual, wanted):
    return len(actual) == len(wanted) and all(w is None or a == w for a, w in zip(actual, wanted))


def _shape_problem(array, wanted, label):
    actual = array.shape
    if _shape_matches(actual, wanted):
        return None
    message = f"{label}: se esperaba forma {_shape_text(wanted)} y llegó {_shape_text(actual)}."
    if array.ndim == 0:
        hint = "salió un solo número: calcule un valor por cada fila o elemento (sin sumar todo)."
    elif _shape_matches(actual[::-1], wanted) and len(actual) == 2:
        hint = "la forma está traspuesta: revise el orden de los factores o use .T."
    elif len(actual) == len(wanted) + 1 and 1 in actual:
        hint = "sobra una dimensión de tamaño 1: use .ravel() o .squeeze()."
    elif len(actual) + 1 == len(wanted):
        hint = "falta una dimensión: ¿un vector donde se pedía una matriz de una fila o de una columna?"
        if None not in wanted and array.size == int(np.prod(wanted)):
            hint += f" Use .reshape{_shape_text(wanted)}."
    elif None not in wanted and array.size == int(np.prod(wanted)):
        hint = f"los números están, pero ordenados con otra forma: use .reshape{_shape_text(wanted)}."
    else:
        hint = "revise qué se multiplica o suma en cada eje (axis)."
    return message, hint


def _dict(value, *, label, keys=None, **_):
    if not isinstance(value, Mapping):
        return _problem(label, KINDS["dict"], value, 'escriba las respuestas entre llaves: {"clave": valor, ...}.')
    if keys is None:
        return value, None
    missing = [k for k in keys if k not in value]
    if not missing:
        return value, None
    by_text = {normalize_text(k): k for k in value if isinstance(k, str)}
    near = [(k, by_text[normalize_text(k)]) for k in missing if isinstance(k, str) and normalize_text(k) in by_text]
    if near:
        wanted, given = near[0]
        return MISSING, (f"{label}: la clave {fmt(given)} debería escribirse {fmt(wanted)}.",
                         "las claves se escriben exactamente como en el enunciado (mayúsculas, acentos, espacios).")
    shown = ", ".join(fmt(k) for k in missing[:6])
    plural = "n las claves" if len(missing) > 1 else " la clave"
    return MISSING, (f"{label}: falta{plural} {shown}.", "añada una entrada por cada caso del enunciado.")


def _str(value, *, label, **_):
    if isinstance(value, str):
        if not value.strip():
            return _problem(label, KINDS["str"], value, "escriba la respuesta entre comillas.")
        return value, None
    return _problem(label, KINDS["str"], value, "escriba la respuesta entre comillas, como un texto.")


def _function(value, *, label, name=None, **_):
    if callable(value) and not isinstance(value, type):
        return value, None
    hint = f"escriba `def {name}(...):` y devuelva el resultado con `return`." if name else (
        "escriba una función con `def` y devuelva el resultado con `return`.")
    return _problem(label, KINDS["function"], value, hint)


_COERCERS = {
    "number": _number,
    "int": _int,
    "bool": _bool,
    "array": _array,
    "dict": _dict,
    "str": _str,
    "function": _function,
}
