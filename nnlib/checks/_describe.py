"""Cómo nombrar en español lo que llegó: valores, formas y errores.

Las comprobaciones nunca muestran nombres de tipos de Python («es un list») ni el
texto en inglés de una excepción: dicen qué llegó («una lista de 3 elementos»,
«None (nada)», «un número con NaN») y qué falló («una división entre cero»).
"""
from __future__ import annotations

import math
import numbers
import traceback
from collections.abc import Mapping

import numpy as np

__all__ = ["MISSING", "describe", "fmt", "explain_exception"]


class _Missing:
    """Marca de «no se pudo obtener el valor» (distinta de ``None``)."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "MISSING"

    def __bool__(self):
        return False

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


MISSING = _Missing()

_MAX_TEXT = 40


def _number(x):
    """Un número corto y estable: 4 cifras significativas como mucho."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "infinito" if x > 0 else "−infinito"
    if x == int(x) and abs(x) < 1e12:
        return str(int(x))
    return f"{x:.4g}"


def fmt(value, *, max_items=12):
    """Texto corto y determinista de un valor para los mensajes (números con 4 cifras).

    ``fmt(np.array([[1, 2], [3, 4.5]]))`` -> ``[[1, 2], [3, 4.5]]``. Nunca muestra
    ``np.float64(...)`` ni nombres de tipos.
    """
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, str):
        return f"«{value[:_MAX_TEXT]}{'…' if len(value) > _MAX_TEXT else ''}»"
    if isinstance(value, numbers.Number) and not isinstance(value, complex):
        return _number(value)
    if isinstance(value, Mapping):
        items = list(value.items())
        body = ", ".join(f"{fmt(k)}: {fmt(v)}" for k, v in items[:max_items])
        return "{" + body + (", …" if len(items) > max_items else "") + "}"
    if isinstance(value, (list, tuple, np.ndarray)):
        seq = value.tolist() if isinstance(value, np.ndarray) else list(value)
        if isinstance(seq, list):
            open_, close = ("(", ")") if isinstance(value, tuple) else ("[", "]")
            body = ", ".join(fmt(v, max_items=max_items) for v in seq[:max_items])
            return open_ + body + (", …" if len(seq) > max_items else "") + close
        return fmt(seq)
    return describe(value)


def _sequence_kind(value):
    return "una tupla" if isinstance(value, tuple) else "una lista"


def _elements(n):
    return f"{n} elemento" + ("" if n == 1 else "s")


def describe(value):
    """Qué es ``value``, en español y sin nombres de tipos de Python.

    >>> describe(None)
    'None (nada)'
    >>> describe([1, 2, 3])
    'una lista de 3 elementos'
    >>> describe(float("nan"))
    'un número no definido (NaN)'
    """
    if value is MISSING:
        return "nada (el nombre no existe)"
    if value is None:
        return "None (nada)"
    if isinstance(value, (bool, np.bool_)):
        return f"el valor lógico {bool(value)}"
    if isinstance(value, str):
        if not value.strip():
            return "un texto vacío"
        return f"el texto {fmt(value)}"
    if isinstance(value, complex):
        return "un número complejo"
    if isinstance(value, numbers.Integral):
        return f"el número entero {int(value)}"
    if isinstance(value, numbers.Real):
        x = float(value)
        if math.isnan(x):
            return "un número no definido (NaN)"
        if math.isinf(x):
            return "un número infinito"
        return f"el número {_number(x)}"
    if isinstance(value, np.ndarray):
        return _describe_array(value)
    if isinstance(value, Mapping):
        keys = list(value)
        if not keys:
            return "un diccionario vacío"
        shown = ", ".join(fmt(k) for k in keys[:6]) + (", …" if len(keys) > 6 else "")
        return f"un diccionario con las claves {shown}"
    if isinstance(value, (list, tuple)):
        return _describe_sequence(value)
    if isinstance(value, (set, frozenset)):
        return "un conjunto (entre llaves, sin orden)"
    if isinstance(value, range):
        return "un rango (range)"
    if hasattr(value, "numpy") and hasattr(value, "shape"):
        return f"un tensor de forma {tuple(int(d) for d in value.shape)}"
    if isinstance(value, type):
        return "una clase"
    if callable(value):
        return "una función"
    if hasattr(value, "__next__"):
        return "un generador o iterador (conviértalo con list(...))"
    return "un objeto que no es ni número ni arreglo"


def _describe_sequence(value):
    kind = _sequence_kind(value)
    if len(value) == 0:
        return f"{kind} vacía"
    if all(isinstance(v, str) for v in value):
        return f"{kind} de textos ({_elements(len(value))})"
    if any(isinstance(v, str) for v in value):
        return f"{kind} con textos entre sus elementos"
    if any(v is None for v in value):
        return f"{kind} con None (nada) entre sus elementos"
    if all(isinstance(v, (list, tuple, np.ndarray)) for v in value):
        lengths = {len(v) for v in value}
        if len(lengths) > 1:
            return f"{kind} de filas de longitudes distintas ({', '.join(str(len(v)) for v in value[:6])})"
        return f"{kind} de {len(value)} filas de {lengths.pop()} elementos"
    if all(isinstance(v, numbers.Number) and not isinstance(v, (bool, np.bool_)) for v in value):
        if any(isinstance(v, float) and math.isnan(v) for v in value):
            return f"{kind} de {_elements(len(value))} con NaN"
        return f"{kind} de {len(value)} número" + ("" if len(value) == 1 else "s")
    return f"{kind} de {_elements(len(value))}"


def _describe_array(value):
    shape = tuple(int(d) for d in value.shape)
    if value.dtype.kind in "US":
        return f"un arreglo de textos de forma {shape}"
    if value.dtype.kind == "O":
        return f"un arreglo de objetos de forma {shape} (¿filas de longitudes distintas o textos?)"
    if value.dtype.kind == "b":
        return f"un arreglo de valores lógicos de forma {shape}"
    if value.ndim == 0:
        return describe(value.item())
    if value.dtype.kind in "fc":
        if np.isnan(value).any():
            return f"un arreglo de forma {shape} con NaN"
        if np.isinf(value).any():
            return f"un arreglo de forma {shape} con infinitos"
    return f"un arreglo de forma {shape}"


# --- errores ---------------------------------------------------------------------

#: Qué significa cada excepción habitual, dicho en español.
_EXCEPTIONS = {
    "ZeroDivisionError": "una división entre cero",
    "IndexError": "un índice fuera de rango",
    "KeyError": "una clave que no existe",
    "NameError": "un nombre que no está definido",
    "UnboundLocalError": "una variable usada antes de asignarle un valor",
    "AttributeError": "un atributo o método que no existe",
    "TypeError": "una operación con un tipo de dato que no la admite",
    "ValueError": "un valor que la operación no admite",
    "RecursionError": "una función que se llama a sí misma sin fin",
    "OverflowError": "un número demasiado grande",
    "FloatingPointError": "una operación de coma flotante no válida",
    "AssertionError": "un assert que no se cumplió",
    "MemoryError": "falta de memoria",
    "NotImplementedError": "código sin escribir (NotImplementedError)",
    "ModuleNotFoundError": "un módulo que no está instalado",
    "ImportError": "una importación que falló",
    "LinAlgError": "una operación de álgebra lineal imposible (¿una matriz singular?)",
    "StopIteration": "un iterador agotado",
}

_HINTS = {
    "ZeroDivisionError": "compruebe qué denominador vale cero en ese caso.",
    "IndexError": "recuerde que los índices empiezan en 0 y el último es len(x) - 1.",
    "KeyError": "compruebe cómo se escribe la clave (mayúsculas, acentos).",
    "NameError": "defina ese nombre dentro de la función o recíbalo como parámetro.",
    "UnboundLocalError": "asigne la variable antes de usarla dentro de la función.",
    "AttributeError": "revise cómo se escribe ese atributo o método.",
    "TypeError": "revise qué tipo de dato recibe cada operación (números, listas, arreglos).",
    "RecursionError": "la función se llama a sí misma sin una condición de parada.",
}


def _matmul_problem(exc):
    text = str(exc)
    return "matmul" in text or "not aligned" in text or "broadcast" in text or "shapes" in text


def explain_exception(exc, code=None):
    """``(mensaje, pista)`` en español para una excepción del código de quien aprende.

    El mensaje nombra el error por su significado y por su clase (para buscarlo),
    nunca con el texto en inglés de la excepción; si se conoce ``code`` (el
    ``__code__`` de la función de quien aprende), dice en qué línea de su código
    ocurrió.
    """
    name = type(exc).__name__
    meaning = _EXCEPTIONS.get(name, "un error")
    detail = ""
    if isinstance(exc, KeyError) and exc.args:
        detail = f" (la clave {fmt(exc.args[0])})"
    elif isinstance(exc, NameError) and getattr(exc, "name", None):
        detail = f" (`{exc.name}`)"
    elif isinstance(exc, AttributeError) and getattr(exc, "name", None):
        detail = f" (`.{exc.name}`)"
    where = _where(exc, code)
    message = f"falló con {meaning}{detail} ({name}){where}."
    hint = _HINTS.get(name)
    if name == "ValueError" and _matmul_problem(exc):
        meaning = "formas de arreglos que no encajan"
        message = f"falló con {meaning} ({name}){where}."
        hint = "imprima la forma (.shape) de cada arreglo: ¿falta trasponer o sobra una dimensión?"
    if hint is None:
        hint = "ejecute esa llamada en una celda aparte para ver el error completo."
    return message, hint


def _where(exc, code):
    """« en la línea `...`» del código de quien aprende, si se encuentra."""
    frames = traceback.extract_tb(exc.__traceback__)
    if code is not None:
        mine = [f for f in frames if f.filename == code.co_filename]
    else:
        mine = [f for f in frames if "nnlib" not in f.filename.replace("\\", "/").split("/site-packages/")[-1]]
    if not mine:
        return ""
    line = (mine[-1].line or "").strip()
    if not line or len(line) > 80:
        return ""
    return f" en la línea `{line}`"
