"""Conjuntos de datos del curso: generados por código o incluidos en scikit-learn.

Nada se descarga. Los conjuntos sintéticos salen de unas pocas líneas de NumPy
y de un generador ``numpy.random.default_rng(seed)``: la misma semilla da
siempre los mismos datos. Todas las funciones devuelven ``X`` en ``float64``,
de forma ``(n_ejemplos, n_variables)``, y ``y`` con etiquetas enteras
``0, 1, ..., K-1`` (en regresión, ``y`` es real).

- Compuertas lógicas (:func:`logic_gate`, :func:`xor`): las cuatro entradas
  binarias; XOR es el ejemplo clásico de problema no separable linealmente.
- Nubes en el plano (:func:`blobs`, :func:`moons`, :func:`circles`,
  :func:`spirals`): para dibujar fronteras de decisión.
- :func:`symmetry`: los 64 patrones de 6 bits, etiqueta 1 si el patrón es
  simétrico (un palíndromo), la tarea de Rumelhart, Hinton y Williams (1986).
- :func:`regression_1d`: una curva con ruido.
- Los conjuntos reales que trae scikit-learn (dígitos, iris, vinos, cáncer
  de mama, diabetes), con :func:`load_digits` y compañía.

Y las herramientas para prepararlos: :func:`train_val_test_split` (tres
particiones disjuntas), :func:`standardize` (media 0 y desviación 1 con la
media y la desviación *del entrenamiento*) y :func:`one_hot`.
"""
from __future__ import annotations

import math

import numpy as np

from nnlib._checks import as_float_array, boolean, describe, lookup, positive_number
from nnlib._checks import seed as _check_seed

# --- compuertas lógicas ------------------------------------------------------------------
_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
_GATES = {
    "and": [0, 0, 0, 1],
    "or": [0, 1, 1, 1],
    "nand": [1, 1, 1, 0],
    "nor": [1, 0, 0, 0],
    "xor": [0, 1, 1, 0],
    "xnor": [1, 0, 0, 1],
}


def logic_gate(name):
    """Tabla de verdad de una compuerta lógica de dos entradas.

    ``name``: "and", "or", "nand", "nor", "xor" o "xnor". Devuelve ``X`` (4, 2)
    con las entradas (0,0), (0,1), (1,0), (1,1) en ese orden, e ``y`` (4,) 0/1.
    """
    labels = lookup("compuerta lógica", name, _GATES)
    return _INPUTS.copy(), np.array(labels, dtype=np.int64)


def xor(n_samples=None, noise=0.0, seed=None):
    """El problema XOR: etiqueta 1 cuando exactamente una entrada vale 1.

    Sin ``n_samples`` devuelve las 4 esquinas de la tabla de verdad. Con
    ``n_samples`` devuelve una nube: cada ejemplo es una esquina (las cuatro
    se reparten por igual, en orden aleatorio) más ruido gaussiano de
    desviación ``noise``.
    """
    positive_number(noise, "noise", allow_zero=True)
    rng = np.random.default_rng(_check_seed(seed))
    if n_samples is None:
        idx = np.arange(4)
    else:
        n = positive_number(n_samples, "n_samples", integer=True)
        idx = rng.permutation(np.arange(n) % 4)
    X = _INPUTS[idx] + noise * rng.standard_normal((len(idx), 2))
    return X, np.array(_GATES["xor"], dtype=np.int64)[idx]


# --- nubes en el plano -------------------------------------------------------------------
def _split_counts(n, k):
    """Reparte ``n`` ejemplos en ``k`` clases lo más parejo posible."""
    return [n // k + (1 if c < n % k else 0) for c in range(k)]


def _shuffled(X, y, rng):
    order = rng.permutation(len(y))
    return X[order], y[order].astype(np.int64)


def blobs(n_samples=300, n_classes=None, cluster_std=1.0, centers=None, seed=None):
    """Nubes gaussianas, una por clase.

    Sin ``centers``, hay ``n_classes`` (por defecto 3) centros fijos,
    repartidos en una circunferencia de radio 4 en el plano. ``centers``
    puede ser un array (n_classes, d) para datos en ``d`` dimensiones.
    """
    n = positive_number(n_samples, "n_samples", integer=True)
    positive_number(cluster_std, "cluster_std", allow_zero=True)
    if n_classes is not None:
        positive_number(n_classes, "n_classes", integer=True)
    seed = _check_seed(seed)
    if centers is None:
        k = 3 if n_classes is None else n_classes
        angles = 2 * np.pi * np.arange(k) / k + np.pi / 2
        centers = 4.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    else:
        centers = as_float_array(centers, "centers", ndim=2).astype(np.float64)
        k = len(centers)
        if n_classes is not None and n_classes != k:
            raise ValueError(f"`n_classes`={n_classes} no coincide con las {k} filas de `centers`.")
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(k), _split_counts(n, k))
    X = centers[y] + cluster_std * rng.standard_normal((n, centers.shape[1]))
    return _shuffled(X, y, rng)


def moons(n_samples=200, noise=0.1, seed=None):
    """Dos medias lunas entrelazadas (clase 0 arriba, clase 1 abajo)."""
    n = positive_number(n_samples, "n_samples", integer=True)
    positive_number(noise, "noise", allow_zero=True)
    seed = _check_seed(seed)
    n0, n1 = _split_counts(n, 2)
    t0, t1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, n1)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)])
    rng = np.random.default_rng(seed)
    X = np.vstack([upper, lower]) + noise * rng.standard_normal((n, 2))
    y = np.repeat([0, 1], [n0, n1])
    return _shuffled(X, y, rng)


def circles(n_samples=200, noise=0.05, factor=0.5, seed=None):
    """Dos circunferencias concéntricas: radio 1 (clase 0) y ``factor`` (clase 1)."""
    n = positive_number(n_samples, "n_samples", integer=True)
    positive_number(noise, "noise", allow_zero=True)
    positive_number(factor, "factor")
    seed = _check_seed(seed)
    if not 0 < factor < 1:
        raise ValueError(f"`factor` (radio del círculo interior) debe estar entre 0 y 1; llegó {factor!r}.")
    n0, n1 = _split_counts(n, 2)
    t0 = np.linspace(0, 2 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0, 2 * np.pi, n1, endpoint=False)
    outer = np.column_stack([np.cos(t0), np.sin(t0)])
    inner = factor * np.column_stack([np.cos(t1), np.sin(t1)])
    rng = np.random.default_rng(seed)
    X = np.vstack([outer, inner]) + noise * rng.standard_normal((n, 2))
    y = np.repeat([0, 1], [n0, n1])
    return _shuffled(X, y, rng)


def spirals(n_samples=300, n_classes=2, noise=0.1, turns=1.0, seed=None):
    """Espirales entrelazadas, una por clase, que parten del origen.

    El ejemplo de la clase ``c`` a la distancia ``r`` (de 0 a 1) del origen
    está en el ángulo ``2π c / n_classes + 2π · turns · r``, más ruido
    gaussiano de desviación ``noise`` en el ángulo.
    """
    n = positive_number(n_samples, "n_samples", integer=True)
    k = positive_number(n_classes, "n_classes", integer=True)
    positive_number(noise, "noise", allow_zero=True)
    positive_number(turns, "turns")
    rng = np.random.default_rng(_check_seed(seed))
    y = np.repeat(np.arange(k), _split_counts(n, k))
    r = np.concatenate([np.linspace(0.05, 1, m) for m in _split_counts(n, k)])
    theta = 2 * np.pi * y / k + 2 * np.pi * turns * r + noise * rng.standard_normal(n)
    X = r[:, None] * np.column_stack([np.cos(theta), np.sin(theta)])
    return _shuffled(X, y, rng)


# --- simetría (Rumelhart, Hinton y Williams, 1986) -----------------------------------------
def symmetry(n_bits=6):
    """Todos los patrones de ``n_bits`` bits; etiqueta 1 si el patrón es simétrico.

    Un patrón es simétrico respecto de su centro (un palíndromo) cuando se lee
    igual de izquierda a derecha que al revés, como 1 0 0 0 0 1. Con 6 bits
    hay 2⁶ = 64 patrones y solo 2³ = 8 simétricos. Las filas siguen el orden
    de los números 0, 1, ..., 2ⁿ − 1 escritos en binario (bit más
    significativo a la izquierda).
    """
    n_bits = positive_number(n_bits, "n_bits", integer=True)
    if n_bits > 16:
        raise ValueError(f"`n_bits` debe ser como mucho 16 (2¹⁶ patrones); llegó {n_bits}.")
    numbers = np.arange(2 ** n_bits)
    X = ((numbers[:, None] >> np.arange(n_bits - 1, -1, -1)) & 1).astype(np.float64)
    y = np.all(X == X[:, ::-1], axis=1).astype(np.int64)
    return X, y


# --- regresión -----------------------------------------------------------------------------
_CURVES = {
    "sin": np.sin,
    "linear": lambda x: 0.5 * x + 1.0,
    "quadratic": lambda x: 0.5 * x ** 2 - 1.0,
    "cubic": lambda x: 0.1 * x ** 3 - 0.5 * x,
    "abs": np.abs,
}


def regression_1d(n_samples=100, noise=0.1, function="sin", xlim=(-3.0, 3.0), seed=None):
    """Una curva con ruido: ``y = f(x) + ruido``, con ``x`` uniforme en ``xlim``.

    ``function``: "sin", "linear", "quadratic", "cubic", "abs" o cualquier
    función de NumPy a NumPy. Devuelve ``X`` (n, 1) ordenado de menor a mayor
    (cómodo para dibujar) e ``y`` (n,) real.
    """
    n = positive_number(n_samples, "n_samples", integer=True)
    positive_number(noise, "noise", allow_zero=True)
    f = function if callable(function) else lookup("función", function, _CURVES)
    low, high = _check_interval(xlim, "xlim")
    rng = np.random.default_rng(_check_seed(seed))
    x = np.sort(rng.uniform(low, high, n))
    consejo = "Use funciones de NumPy, que operan elemento a elemento (np.sin, no math.sin)."
    try:
        fx = f(x)
    except (TypeError, ValueError) as exc:  # p. ej. math.sin con un arreglo
        raise TypeError(
            f"`function` falló al recibir el arreglo x de forma {x.shape} ({exc}). {consejo}"
        ) from exc
    if np.shape(fx) != x.shape or np.asarray(fx).dtype.kind not in "biuf":
        raise ValueError(
            f"`function` debe devolver un número por cada x: con x de forma {x.shape} devolvió "
            f"{describe(fx)}. {consejo}"
        )
    fx = np.asarray(fx)
    y = fx.astype(np.float64) + noise * rng.standard_normal(n)
    return x[:, None], y


def _check_interval(lim, name):
    lim = as_float_array(lim, name, ndim=1, allow_empty=True)
    if lim.shape != (2,) or not lim[0] < lim[1]:
        raise ValueError(f"`{name}` debe ser un par (mínimo, máximo) con mínimo < máximo; llegó {lim.tolist()}.")
    return float(lim[0]), float(lim[1])


# --- conjuntos reales de scikit-learn (vienen dentro del paquete: no se descargan) ---------
def _sklearn(name):
    try:
        from sklearn import datasets as skd
    except ImportError as exc:  # pragma: no cover - scikit-learn está en requirements.txt
        raise ImportError(
            f"`{name}` usa los datos que trae scikit-learn; instálelo con `pip install scikit-learn`."
        ) from exc
    X, y = getattr(skd, name)(return_X_y=True)
    return np.asarray(X, dtype=np.float64), y


def load_digits():
    """Dígitos escritos a mano: 1797 imágenes de 8×8 (64 columnas de 0 a 16), 10 clases."""
    X, y = _sklearn("load_digits")
    return X, y.astype(np.int64)


def load_iris():
    """Flores iris: 150 ejemplos, 4 medidas en cm, 3 especies."""
    X, y = _sklearn("load_iris")
    return X, y.astype(np.int64)


def load_wine():
    """Vinos: 178 ejemplos, 13 medidas químicas, 3 cultivares."""
    X, y = _sklearn("load_wine")
    return X, y.astype(np.int64)


def load_breast_cancer():
    """Cáncer de mama (Wisconsin): 569 ejemplos, 30 medidas; 0 = maligno, 1 = benigno."""
    X, y = _sklearn("load_breast_cancer")
    return X, y.astype(np.int64)


def load_diabetes():
    """Diabetes: 442 pacientes, 10 variables (ya centradas y escaladas); ``y`` real (progresión)."""
    X, y = _sklearn("load_diabetes")
    return X, np.asarray(y, dtype=np.float64)


# --- preparar los datos --------------------------------------------------------------------
def train_val_test_split(X, y, val_size=0.15, test_size=0.15, seed=None, stratify=False):
    """Baraja y parte los datos en entrenamiento, validación y prueba, disjuntos.

    ``val_size`` y ``test_size`` son fracciones en [0, 1) que suman menos de 1;
    el número de ejemplos de cada una se redondea hacia arriba, como en
    scikit-learn. Con ``stratify=True`` cada partición conserva (lo más
    posible) la proporción de cada clase de ``y``.

    Devuelve tres pares, como ``keras.datasets``::

        (X_train, y_train), (X_val, y_val), (X_test, y_test)
    """
    X, y = _numeric(X, "X"), _numeric(y, "y")
    if X.ndim == 0 or y.ndim == 0:
        raise ValueError(
            f"`X` e `y` deben ser arreglos con un ejemplo por fila; llegaron formas {X.shape} y {y.shape}."
        )
    stratify = boolean(stratify, "stratify")
    seed = _check_seed(seed)
    n = len(X)
    if len(y) != n:
        raise ValueError(f"`X` y `y` deben tener el mismo número de ejemplos; llegaron {n} y {len(y)}.")
    for value, name in ((val_size, "val_size"), (test_size, "test_size")):
        positive_number(value, name, allow_zero=True)
        if value >= 1:
            raise ValueError(f"`{name}` es una fracción y debe estar en [0, 1); llegó {value!r}.")
    if val_size + test_size >= 1:
        raise ValueError(
            f"`val_size` + `test_size` debe ser menor que 1 para que quede algo para entrenar; "
            f"llegaron {val_size} + {test_size} = {val_size + test_size}."
        )
    n_test, n_val = math.ceil(test_size * n), math.ceil(val_size * n)
    if n - n_test - n_val < 1:
        raise ValueError(
            f"Con {n} ejemplos, val_size={val_size} y test_size={test_size} no queda ninguno para entrenar."
        )
    rng = np.random.default_rng(seed)
    if stratify:
        labels = y.argmax(axis=1) if y.ndim == 2 and y.shape[1] > 1 else y.reshape(n)
        test, rest = _stratified_take(rng.permutation(n), labels, n_test)
        val, train = _stratified_take(rest, labels, n_val)
    else:
        order = rng.permutation(n)
        test, val, train = order[:n_test], order[n_test:n_test + n_val], order[n_test + n_val:]
    return (X[train], y[train]), (X[val], y[val]), (X[test], y[test])


def _numeric(x, name):
    """``np.asarray(x)`` con su tipo (enteros, reales, booleanos), o un error en español.

    Rechaza texto, ``None`` y filas de distinto largo; deja pasar NaN.
    """
    as_float_array(x, name, allow_empty=True, finite=False)  # solo para validar
    return np.asarray(x)


def _stratified_take(idx, labels, k):
    """Toma ``k`` índices de ``idx`` respetando la proporción de cada clase; devuelve (tomados, resto)."""
    classes, counts = np.unique(labels[idx], return_counts=True)
    quota = k * counts / counts.sum()
    take = np.floor(quota).astype(int)
    for c in np.argsort(-(quota - take), kind="stable")[: k - take.sum()]:
        take[c] += 1                                  # los restos más grandes se llevan lo que falta
    chosen = np.concatenate([idx[labels[idx] == c][:t] for c, t in zip(classes, take)])
    mask = np.isin(idx, chosen)                       # conserva el orden barajado de `idx`
    return idx[mask], idx[~mask]


def standardize(X_train, *others):
    """Resta la media y divide por la desviación estándar, ambas del entrenamiento.

    Las medias y desviaciones (por columna) se calculan *solo* con
    ``X_train`` y se aplican igual a los demás arreglos (validación, prueba):
    usar estadísticas de la prueba sería filtrar información. Una columna
    constante (desviación 0) se divide por 1.

    Devuelve los arreglos estandarizados en el mismo orden, seguidos de
    ``mean`` y ``std``::

        X_train_s, X_test_s, mean, std = standardize(X_train, X_test)
    """
    X_train = as_float_array(X_train, "X_train", ndim=2)
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std = np.where(std > 0, std, 1.0).astype(X_train.dtype)
    out = [(X_train - mean) / std]
    for i, X in enumerate(others):
        X = as_float_array(X, f"others[{i}]", ndim=2, allow_empty=True)
        if X.shape[1] != X_train.shape[1]:
            raise ValueError(
                f"El arreglo número {i + 2} debe tener {X_train.shape[1]} columnas, como `X_train`; "
                f"llegaron {X.shape[1]}."
            )
        out.append((X - mean) / std)
    return (*out, mean, std)


def one_hot(y, n_classes=None):
    """Codificación one-hot: la etiqueta ``c`` pasa a ser la fila con un 1 en la columna ``c``.

    Como ``keras.utils.to_categorical``: devuelve ``float64`` (n, n_classes);
    sin ``n_classes`` usa ``max(y) + 1``.
    """
    y = _numeric(y, "y")
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    integer_valued = y.dtype.kind in "iub" or (
        y.dtype.kind == "f" and np.all(np.isfinite(y)) and np.all(y == np.round(y))
    )
    if y.ndim != 1 or not integer_valued:
        detalle = "valores no enteros" if y.ndim == 1 else f"forma {y.shape}"
        raise ValueError(f"`y` debe ser un vector de etiquetas enteras (0, 1, 2...); llegó {detalle}.")
    y = y.astype(np.int64)
    if y.size and y.min() < 0:
        raise ValueError(f"Las etiquetas de `y` deben ser >= 0; llegó {y.min()}.")
    if n_classes is None:
        n_classes = int(y.max()) + 1 if y.size else 0
    else:
        positive_number(n_classes, "n_classes", integer=True)
        if y.size and y.max() >= n_classes:
            raise ValueError(
                f"Con n_classes={n_classes} las etiquetas deben estar entre 0 y {n_classes - 1}; llegó {y.max()}."
            )
    out = np.zeros((len(y), n_classes), dtype=np.float64)
    out[np.arange(len(y)), y] = 1.0
    return out
