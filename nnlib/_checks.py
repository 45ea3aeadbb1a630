"""Comprobaciones de entrada compartidas por todo ``nnlib``.

Cada función lanza un error en español que nombra el argumento, dice qué se
esperaba y qué llegó. Así ningún módulo falla en silencio ni con un mensaje
críptico de NumPy.
"""
from __future__ import annotations

import difflib

import numpy as np


def as_float_array(x, name, *, ndim=None, allow_empty=False):
    """Convierte ``x`` en un arreglo de punto flotante y lo valida.

    Conserva ``float32`` y ``float64``; cualquier otro tipo numérico se
    convierte a ``float64``. Rechaza texto, objetos, NaN e infinitos.
    """
    try:
        arr = np.asarray(x)
    except Exception as exc:  # pragma: no cover - NumPy casi siempre convierte
        raise TypeError(f"`{name}` debe ser un arreglo numérico; llegó {type(x).__name__}.") from exc
    if arr.dtype.kind not in "biuf":
        raise TypeError(
            f"`{name}` debe contener números (enteros o reales); llegó un arreglo de tipo {arr.dtype}."
        )
    if arr.dtype not in (np.float32, np.float64):
        arr = arr.astype(np.float64)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            esperado = " o ".join(str(n) for n in allowed)
            raise ValueError(
                f"`{name}` debe tener {esperado} dimensiones; llegó forma {arr.shape} ({arr.ndim} dimensiones)."
            )
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"`{name}` está vacío (forma {arr.shape}); se esperaba al menos un elemento.")
    if not np.all(np.isfinite(arr)):
        n_bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"`{name}` contiene {n_bad} valores NaN o infinitos; límpielos antes de continuar.")
    return arr


def same_shape(a, b, name_a, name_b):
    """Exige que ``a`` y ``b`` tengan la misma forma."""
    if np.shape(a) != np.shape(b):
        raise ValueError(
            f"`{name_a}` y `{name_b}` deben tener la misma forma; llegaron {np.shape(a)} y {np.shape(b)}."
        )


def positive_number(value, name, *, allow_zero=False, integer=False):
    """Valida un hiperparámetro numérico positivo (o no negativo)."""
    tipos = (int, np.integer) if integer else (int, float, np.integer, np.floating)
    if isinstance(value, bool) or not isinstance(value, tipos):
        esperado = "un entero" if integer else "un número"
        raise TypeError(f"`{name}` debe ser {esperado}; llegó {value!r} ({type(value).__name__}).")
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        cota = "mayor o igual que 0" if allow_zero else "mayor que 0"
        raise ValueError(f"`{name}` debe ser {cota}; llegó {value!r}.")
    return value


def unknown_name(kind, name, valid):
    """Error para un nombre desconocido, con la sugerencia más cercana."""
    valid = sorted(set(valid))
    close = difflib.get_close_matches(str(name).lower(), [v.lower() for v in valid], n=1, cutoff=0.5)
    pista = ""
    if close:
        original = next(v for v in valid if v.lower() == close[0])
        pista = f" ¿Quiso decir '{original}'?"
    return ValueError(
        f"Nombre de {kind} desconocido: '{name}'.{pista} Nombres válidos: {', '.join(valid)}."
    )


def lookup(kind, name, table, *, ignore_underscores=False):
    """Busca ``name`` en ``table`` (sin distinguir mayúsculas) o lanza ``unknown_name``.

    Con ``ignore_underscores=True`` también da igual escribir ``"he_normal"`` o ``"HeNormal"``.
    """
    if not isinstance(name, str):
        raise TypeError(f"Como {kind} se esperaba un nombre (str); llegó {type(name).__name__}.")

    def key(text):
        text = text.lower()
        return text.replace("_", "") if ignore_underscores else text

    for k, v in table.items():
        if key(k) == key(name):
            return v
    raise unknown_name(kind, name, table.keys())


def resolve(kind, identifier, base, table, *, ignore_underscores=False):
    """Devuelve un objeto de la clase ``base`` a partir de lo que escriba quien lo usa.

    Es el ``get()`` de activaciones, pérdidas, inicializadores, regularizadores y
    optimizadores: una instancia de ``base`` se devuelve tal cual, una subclase se
    instancia con sus valores por defecto y un nombre se busca en ``table``.
    """
    if isinstance(identifier, base):
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, base):
        return identifier()
    if not isinstance(identifier, str):
        raise TypeError(
            f"Como {kind} se esperaba un nombre (str) o una instancia de "
            f"{base.__module__}.{base.__name__}; llegó {type(identifier).__name__}."
        )
    return lookup(kind, identifier, table, ignore_underscores=ignore_underscores)()
