"""Comprobaciones de entrada compartidas por todo ``nnlib``.

Cada función lanza un error en español que nombra el argumento, dice qué se
esperaba y qué llegó (descrito en palabras: «el texto 'no'», «una lista de 3
elementos», nunca el nombre de un tipo de Python). Así ningún módulo falla en
silencio ni con un mensaje críptico de NumPy.

Lo que ofrece (firmas):

* ``describe(value) -> str``: «qué llegó», en español, para los mensajes.
* ``boolean(value, name) -> bool``: acepta ``True``/``False`` y los booleanos
  de NumPy; cualquier otra cosa (``"no"``, ``"False"``, ``0``, ``1``, ``None``)
  es un ``TypeError``.
* ``seed(value, name="seed") -> int | None``: ``None`` o un entero ≥ 0 (los
  enteros de NumPy valen); ``TypeError`` si no es un entero, ``ValueError`` si
  es negativo.
* ``as_float_array(x, name, *, ndim=None, allow_empty=False, finite=True)``:
  arreglo ``float32``/``float64`` validado. Una lista de filas de distinto
  largo da «filas de distinto largo» con los largos; texto, ``None`` u objetos
  dan un ``TypeError``; con ``finite=False`` deja pasar NaN e infinitos.
* ``ragged_message(x, name) -> str | None``: el mensaje de «filas de distinto
  largo» si ``x`` es una lista irregular, o ``None``.
* ``same_shape(a, b, name_a, name_b)``.
* ``positive_number(value, name, *, allow_zero=False, integer=False)``.
* ``closest(name, candidates, cutoff=0.6) -> str | None``: el candidato más
  parecido a ``name`` (para sugerir ``val_loss`` ante ``val_los``).
* ``unknown_name(kind, name, valid) -> ValueError``: nombre desconocido. Si es
  un nombre real de Keras que ``nnlib`` no implementa (``softplus``,
  ``Nadam``...), lo dice y lista lo disponible en lugar de sugerir un
  parecido; si no, sugiere el más cercano. ``kind`` es uno de
  ``"activación"``, ``"función de pérdida"``, ``"optimizador"``,
  ``"inicializador"``, ``"regularizador"``, ``"métrica"`` (las claves de
  ``KERAS_ONLY``); con otro ``kind`` solo sugiere.
* ``keras_only(kind, name) -> bool``: si ``name`` está en ``KERAS_ONLY[kind]``.
* ``lookup(kind, name, table, *, ignore_underscores=False)`` y
  ``resolve(kind, identifier, base, table, *, ignore_underscores=False)``: el
  ``get()`` de activaciones, pérdidas, etc., con esos mismos mensajes.
"""
from __future__ import annotations

import difflib
import numbers
import types

import numpy as np

# ---------------------------------------------------------------------------
# Describir lo que llegó, en español
# ---------------------------------------------------------------------------
_CONTAINERS = {list: "una lista", tuple: "una tupla", dict: "un diccionario", set: "un conjunto",
               frozenset: "un conjunto"}


def describe(value):
    """Describe ``value`` en español para un mensaje de error, sin nombres de tipos de Python.

    ``None`` -> ``None``; ``True`` -> ``True``; ``2.5`` -> ``2.5``; ``"no"`` -> ``el texto 'no'``;
    ``[1, 2]`` -> ``una lista de 2 elementos``; un arreglo -> ``un arreglo de NumPy de forma (3, 2)``;
    una clase -> ``la clase Dense``; otro objeto -> ``un objeto Adam de keras``.
    """
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return repr(bool(value))
    if isinstance(value, numbers.Number):
        return repr(value.item() if isinstance(value, np.generic) else value)
    if isinstance(value, (str, np.str_)):
        text = str(value)
        return f"el texto {text[:40] + '…' if len(text) > 40 else text!r}"
    if isinstance(value, bytes):
        return "una secuencia de bytes"
    for cls, words in _CONTAINERS.items():
        if type(value) is cls:
            n = len(value)
            return f"{words} vacía" if n == 0 and words.startswith("una") else (
                f"{words} vacío" if n == 0 else f"{words} de {n} elemento{'s' if n != 1 else ''}")
    if isinstance(value, np.ndarray):
        return f"un arreglo de NumPy de forma {value.shape}"
    if isinstance(value, type):
        return f"la clase {value.__name__}"
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType, np.ufunc)):
        return f"la función {getattr(value, '__name__', '')}".rstrip()
    cls = type(value)
    package = cls.__module__.split(".")[0]
    origin = "" if package in ("builtins", "__main__") else f" de {package}"
    return f"un objeto {cls.__name__}{origin}"


# ---------------------------------------------------------------------------
# Banderas y semillas
# ---------------------------------------------------------------------------
def boolean(value, name):
    """Devuelve ``bool(value)`` si ``value`` es ``True``/``False`` (o un booleano de NumPy).

    Cualquier otra cosa es un ``TypeError``: el texto ``"no"`` o ``"False"``
    (que ``bool()`` convertiría en ``True``), los números 0 y 1, ``None``.
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    pista = ""
    if isinstance(value, str) and value.strip().lower() in (
            "true", "false", "yes", "no", "si", "sí", "verdadero", "falso", "0", "1"):
        pista = " (sin comillas: un texto como 'False' no es el valor lógico False)"
    elif isinstance(value, numbers.Number) and value in (0, 1):
        pista = f" (escriba {bool(value)} en lugar de {value!r})"
    raise TypeError(f"`{name}` debe ser True o False; llegó {describe(value)}{pista}.")


def seed(value, name="seed"):
    """Valida una semilla: ``None`` o un entero mayor o igual que 0; devuelve ``int`` o ``None``."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(
            f"`{name}` debe ser None o un entero mayor o igual que 0, p. ej. {name}=0; llegó {describe(value)}."
        )
    if value < 0:
        raise ValueError(f"`{name}` debe ser None o un entero mayor o igual que 0; llegó {int(value)}.")
    return int(value)


# ---------------------------------------------------------------------------
# Arreglos
# ---------------------------------------------------------------------------
def _is_sequence(v):
    return isinstance(v, (list, tuple)) or (isinstance(v, np.ndarray) and v.ndim > 0)


def _plural(n, word):
    return f"{n} {word}{'' if n == 1 else 's'}"


def _path(name, idx):
    return name + "".join(f"[{i}]" for i in idx)


def ragged_message(x, name):
    """Si ``x`` es una lista (o tupla) de filas de distinto largo, el mensaje que lo explica; si no, ``None``."""
    if not _is_sequence(x):
        return None
    level = [((), x)]
    while level:
        children = [(idx + (i,), v) for idx, seq in level for i, v in enumerate(seq)]
        if not children:
            return None
        lengths = [len(v) if _is_sequence(v) else None for _, v in children]
        if all(n is None for n in lengths):
            return None
        if any(n is None for n in lengths):
            i_num = lengths.index(None)
            i_seq = next(i for i, n in enumerate(lengths) if n is not None)
            return (
                f"`{name}` tiene filas de distinto largo: {_path(name, children[i_num][0])} es un solo "
                f"número y {_path(name, children[i_seq][0])} es una fila de {_plural(lengths[i_seq], 'elemento')}. "
                "Todas las filas deben tener el mismo número de elementos."
            )
        if len(set(lengths)) > 1:
            j = next(i for i, n in enumerate(lengths) if n != lengths[0])
            counts = {}
            for n in lengths:
                counts[n] = counts.get(n, 0) + 1
            resumen = ", ".join(f"{_plural(n, 'elemento')} en {_plural(c, 'fila')}"
                                for n, c in sorted(counts.items()))
            return (
                f"`{name}` tiene filas de distinto largo: {_path(name, children[0][0])} tiene "
                f"{_plural(lengths[0], 'elemento')} y {_path(name, children[j][0])} tiene {lengths[j]} "
                f"({resumen}). Todas las filas deben tener el mismo número de elementos."
            )
        level = children
    return None  # pragma: no cover


_NOTHING = object()


def _first_non_number(x):
    """El primer elemento de ``x`` (anidado) que no es un número, para el mensaje de error."""
    stack = [x]
    while stack:
        v = stack.pop(0)
        if _is_sequence(v) and not (isinstance(v, np.ndarray) and v.dtype.kind in "biuf"):
            stack[:0] = list(v)
        elif not isinstance(v, (numbers.Real, np.bool_, np.ndarray)):
            return v
    return _NOTHING


def _not_numbers(x, arr, name):
    if arr.dtype.kind in "US":
        bad = _first_non_number(x)
        sample = arr.reshape(-1)[0] if bad is _NOTHING else bad
        return TypeError(f"`{name}` debe contener números; contiene {describe(str(sample))}.")
    if arr.dtype.kind == "c":
        return TypeError(f"`{name}` debe contener números reales; llegaron números complejos.")
    if arr.dtype.kind == "O":
        bad = _first_non_number(x)
        if bad is not _NOTHING:
            return TypeError(f"`{name}` debe contener solo números; contiene {describe(bad)}.")
    return TypeError(f"`{name}` debe contener números (enteros o reales); llegó {describe(x)}.")


def as_float_array(x, name, *, ndim=None, allow_empty=False, finite=True):
    """Convierte ``x`` en un arreglo de punto flotante y lo valida.

    Conserva ``float32`` y ``float64``; cualquier otro tipo numérico se
    convierte a ``float64``. Rechaza ``None``, texto, objetos y listas de
    filas de distinto largo y, salvo con ``finite=False``, NaN e infinitos.
    """
    if isinstance(x, np.ndarray) and x.dtype in (np.float32, np.float64):
        arr = x
    else:
        if x is None or isinstance(x, (str, bytes, dict, set, frozenset)) or isinstance(x, type) \
                or callable(x):
            raise TypeError(f"`{name}` debe ser un arreglo de números (una lista o un arreglo de NumPy); "
                            f"llegó {describe(x)}.")
        try:
            arr = np.asarray(x)
        except (ValueError, TypeError):
            message = ragged_message(x, name)
            if message:
                raise ValueError(message) from None
            raise TypeError(f"`{name}` debe ser un arreglo de números; llegó {describe(x)}.") from None
        if arr.dtype.kind == "O":
            message = ragged_message(x, name)
            if message:
                raise ValueError(message)
        if arr.dtype.kind not in "biuf":
            raise _not_numbers(x, arr, name)
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
    if finite and not np.all(np.isfinite(arr)):
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
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, tipos):
        esperado = "un entero" if integer else "un número"
        raise TypeError(f"`{name}` debe ser {esperado}; llegó {describe(value)}.")
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        cota = "mayor o igual que 0" if allow_zero else "mayor que 0"
        raise ValueError(f"`{name}` debe ser {cota}; llegó {value!r}.")
    return value


# ---------------------------------------------------------------------------
# Nombres: sugerencias y nombres de Keras que nnlib no implementa
# ---------------------------------------------------------------------------
def closest(name, candidates, cutoff=0.6):
    """El elemento de ``candidates`` más parecido a ``name`` (sin distinguir mayúsculas), o ``None``.

    ``closest("val_los", ["loss", "val_loss"])`` devuelve ``"val_loss"``.
    """
    candidates = [str(c) for c in candidates]
    lowered = [c.lower() for c in candidates]
    match = difflib.get_close_matches(str(name).lower(), lowered, n=1, cutoff=cutoff)
    return candidates[lowered.index(match[0])] if match else None


# Nombres que Keras 3 acepta (en ``keras.<módulo>.get``) y nnlib no implementa, por tipo.
# Comprobado contra Keras 3.15 en tests/test_robustness.py; ``silu`` no está: nnlib la
# tiene como sinónimo de ``swish``, igual que Keras.
KERAS_ONLY = {
    "activación": (
        "celu", "exponential", "glu", "hard_shrink", "hard_sigmoid", "hard_silu", "hard_swish",
        "hard_tanh", "log_sigmoid", "log_softmax", "mish", "relu6", "selu", "soft_shrink",
        "softplus", "softsign", "sparse_plus", "sparse_sigmoid", "sparsemax", "squareplus",
        "tanh_shrink", "threshold",
    ),
    "función de pérdida": (
        "CTC", "CategoricalFocalCrossentropy", "CategoricalGeneralizedCrossEntropy", "Circle",
        "CosineSimilarity", "Dice", "Tversky", "categorical_focal_crossentropy",
        "categorical_generalized_cross_entropy", "cosine_similarity",
    ),
    "optimizador": (
        "Adafactor", "Adamax", "Ftrl", "Lamb", "Lion", "LossScaleOptimizer", "Muon", "Nadam",
        "ScheduleFreeAdamW",
    ),
    "inicializador": (
        "Identity", "IdentityInitializer", "Orthogonal", "OrthogonalInitializer", "STFT", "STFTInitializer",
    ),
    "regularizador": ("OrthogonalRegularizer",),
    "métrica": (
        "AUC", "Precision", "Recall", "F1Score", "FBetaScore", "TopKCategoricalAccuracy",
        "SparseTopKCategoricalAccuracy", "RootMeanSquaredError", "R2Score", "MeanAbsolutePercentageError",
        "MeanSquaredLogarithmicError", "LogCoshError", "CosineSimilarity", "TruePositives",
        "TrueNegatives", "FalsePositives", "FalseNegatives", "BinaryIoU", "MeanIoU", "IoU",
        "PearsonCorrelation", "ConcordanceCorrelation", "BinaryCrossentropy", "CategoricalCrossentropy",
        "SparseCategoricalCrossentropy", "KLDivergence", "Poisson", "Hinge", "SquaredHinge",
        "CategoricalHinge", "MAPE", "MSLE", "BCE", "Mean", "Sum", "OneHotIoU", "OneHotMeanIoU",
        "PrecisionAtRecall", "RecallAtPrecision", "SensitivityAtSpecificity", "SpecificityAtSensitivity",
    ),
}
_LOSS_AS_METRIC = {"binarycrossentropy", "bce", "categoricalcrossentropy", "sparsecategoricalcrossentropy",
                   "kldivergence", "poisson", "hinge", "squaredhinge", "categoricalhinge"}


def _key(text):
    return str(text).lower().replace("_", "")


def keras_only(kind, name):
    """``True`` si ``name`` es un nombre de ``kind`` que Keras acepta y nnlib no implementa."""
    return isinstance(name, str) and _key(name) in {_key(n) for n in KERAS_ONLY.get(kind, ())}


def unknown_name(kind, name, valid):
    """Error para un nombre desconocido: dice si es de Keras sin implementar o sugiere el más cercano."""
    valid = sorted(set(valid), key=str.lower)
    listado = ", ".join(valid)
    if keras_only(kind, name):
        extra = ""
        if kind == "métrica" and _key(name) in _LOSS_AS_METRIC:
            extra = " La pérdida del modelo ya aparece en el historial como 'loss' (y 'val_loss')."
        return ValueError(
            f"'{name}' es un nombre de {kind} de Keras, pero nnlib no lo implementa "
            f"(solo trae lo que usa el curso).{extra} Nombres disponibles en nnlib: {listado}."
        )
    match = closest(name, valid, cutoff=0.5)
    pista = f" ¿Quiso decir '{match}'?" if match else ""
    return ValueError(f"Nombre de {kind} desconocido: '{name}'.{pista} Nombres válidos: {listado}.")


def lookup(kind, name, table, *, ignore_underscores=False):
    """Busca ``name`` en ``table`` (sin distinguir mayúsculas) o lanza ``unknown_name``.

    Con ``ignore_underscores=True`` también da igual escribir ``"he_normal"`` o ``"HeNormal"``.
    """
    if not isinstance(name, str):
        raise TypeError(f"Como {kind} se esperaba un nombre (un texto); llegó {describe(name)}.")

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
            f"Como {kind} se esperaba un nombre (un texto) o una instancia de "
            f"{base.__module__}.{base.__name__}; llegó {describe(identifier)}."
        )
    return lookup(kind, identifier, table, ignore_underscores=ignore_underscores)()
