"""Inicializadores: el valor de los pesos antes de entrenar.

Entrenar empieza en algún punto. Si todos los pesos valen lo mismo, todas las
neuronas de una capa calculan lo mismo y reciben el mismo gradiente: nunca se
diferencian (problema de la simetría). Por eso los pesos se sortean; los sesgos
(bias) pueden empezar en cero.

¿Con qué escala? Si cada peso tiene varianza :math:`\\sigma^2` y la capa suma
:math:`n_{in}` entradas independientes de varianza 1, la salida tiene varianza
:math:`n_{in}\\,\\sigma^2`. Para que la señal no crezca ni se apague capa tras
capa conviene :math:`\\sigma^2 \\approx 1/n_{in}`. De esa idea salen las reglas
de Keras, todas casos de ``VarianceScaling(scale, mode, distribution)``:

======================  ==========  =========  =====================================
inicializador           ``scale``   ``mode``   se usa sobre todo con
======================  ==========  =========  =====================================
``LecunNormal/Uniform``  1          fan_in     SELU, tanh
``GlorotNormal/Uniform`` 1          fan_avg    sigmoide, tanh (Glorot y Bengio, 2010)
``HeNormal/Uniform``     2          fan_in     ReLU (He et al., 2015)
======================  ==========  =========  =====================================

Con :math:`n` = ``fan_in`` (entradas), ``fan_out`` (salidas) o su media
(``fan_avg``), la varianza objetivo es :math:`s = \\text{scale}/n` y:

* ``distribution="uniform"``: :math:`U(-L, L)` con :math:`L = \\sqrt{3 s}`
  (la varianza de :math:`U(-L, L)` es :math:`L^2/3 = s`). Glorot uniforme:
  :math:`L = \\sqrt{6/(n_{in}+n_{out})}`.
* ``distribution="truncated_normal"``: una normal truncada en :math:`\\pm 2`
  desviaciones. Cortar las colas reduce la desviación típica al factor
  0.87962566103423978 (la de una normal estándar truncada en [-2, 2]); Keras
  divide por ese factor para que la desviación final sea :math:`\\sqrt{s}`.
* ``distribution="untruncated_normal"``: una normal con desviación :math:`\\sqrt{s}`.

Para una matriz de pesos de forma ``(n_in, n_out)`` (la ``W`` de ``Dense``),
``fan_in = n_in`` y ``fan_out = n_out``.

Todos los inicializadores aleatorios reciben un generador de NumPy explícito
(``numpy.random.default_rng(semilla)``): la misma semilla da los mismos pesos.
Los valores no coinciden bit a bit con los de Keras (otro generador), pero sí
su distribución.
"""
from __future__ import annotations

import math

import numpy as np

from nnlib._checks import describe, positive_number, resolve

# Desviación típica de una normal estándar truncada en [-2, 2] (la corrección de Keras).
TRUNCATION_STDDEV = 0.87962566103423978


def compute_fans(shape):
    """Devuelve ``(fan_in, fan_out)`` para una forma de pesos, como Keras.

    Escalar: (1, 1). Vector ``(n,)``: (n, n). Matriz ``(n_in, n_out)``:
    (n_in, n_out). Núcleos de convolución ``(..., canales_in, canales_out)``:
    cada uno multiplicado por el tamaño del campo receptivo.
    """
    shape = tuple(shape)
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive_field = math.prod(shape[:-2])
    return shape[-2] * receptive_field, shape[-1] * receptive_field


def truncated_normal(rng, shape, mean, stddev, dtype=np.float64):
    """Normal truncada en ``mean ± 2·stddev`` por rechazo: se vuelve a sortear lo que cae fuera."""
    z = rng.standard_normal(shape)
    outside = np.abs(z) > 2.0
    while np.any(outside):
        z[outside] = rng.standard_normal(int(outside.sum()))
        outside = np.abs(z) > 2.0
    return (mean + stddev * z).astype(dtype)


def _check_shape(shape):
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        shape = (shape,)
    try:
        shape = tuple(shape)
    except TypeError:
        raise TypeError(
            f"`shape` debe ser una tupla de enteros, p. ej. (3, 4); llegó {describe(shape)}."
        ) from None
    for n in shape:
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 0:
            raise ValueError(
                f"`shape` debe contener enteros no negativos; llegó {shape!r}."
            )
    return tuple(int(n) for n in shape)


def _number(value, name):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not np.isfinite(value):
        raise TypeError(f"`{name}` debe ser un número finito; llegó {describe(value)}.")
    return float(value)


def _check_dtype(dtype):
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"`dtype` debe ser float32 o float64; llegó {describe(dtype)}.") from None
    if dtype not in (np.float32, np.float64):
        raise TypeError(f"`dtype` debe ser float32 o float64; llegó {dtype}.")
    return dtype


class Initializer:
    """Base: ``init(shape, rng, dtype)`` devuelve un arreglo nuevo de forma ``shape``."""

    def __call__(self, shape, rng=None, dtype=np.float64):
        shape, dtype = _check_shape(shape), _check_dtype(dtype)
        return self._generate(shape, rng, dtype)

    def _generate(self, shape, rng, dtype):  # pragma: no cover - lo define cada subclase
        raise NotImplementedError

    def get_config(self):
        return {}

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


class RandomInitializer(Initializer):
    """Base de los inicializadores aleatorios: exigen un ``numpy.random.Generator``."""

    def __call__(self, shape, rng=None, dtype=np.float64):
        if not isinstance(rng, np.random.Generator):
            raise TypeError(
                f"`rng` debe ser un numpy.random.Generator, p. ej. numpy.random.default_rng(0) (no una "
                f"semilla); llegó {describe(rng)}."
            )
        return super().__call__(shape, rng, dtype)


# --- Constantes --------------------------------------------------------------------

class Constant(Initializer):
    """Todos los valores iguales a ``value``."""

    def __init__(self, value=0.0):
        self.value = _number(value, "value")

    def _generate(self, shape, rng, dtype):
        return np.full(shape, self.value, dtype=dtype)

    def get_config(self):
        return {"value": self.value}


class Zeros(Constant):
    """Todo ceros: lo habitual para los sesgos."""

    def __init__(self):
        super().__init__(0.0)

    def get_config(self):
        return {}


class Ones(Constant):
    """Todo unos."""

    def __init__(self):
        super().__init__(1.0)

    def get_config(self):
        return {}


# --- Distribuciones fijas ---------------------------------------------------------

class RandomNormal(RandomInitializer):
    """Normal :math:`N(\\text{mean}, \\text{stddev}^2)`."""

    def __init__(self, mean=0.0, stddev=0.05):
        self.mean = _number(mean, "mean")
        self.stddev = float(positive_number(stddev, "stddev"))

    def _generate(self, shape, rng, dtype):
        return rng.normal(self.mean, self.stddev, size=shape).astype(dtype)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev}


class TruncatedNormal(RandomNormal):
    """Normal truncada en ``mean ± 2·stddev`` (sin corrección: su desviación real es 0.88·stddev)."""

    def _generate(self, shape, rng, dtype):
        return truncated_normal(rng, shape, self.mean, self.stddev, dtype)


class RandomUniform(RandomInitializer):
    """Uniforme en ``[minval, maxval)``."""

    def __init__(self, minval=-0.05, maxval=0.05):
        self.minval, self.maxval = _number(minval, "minval"), _number(maxval, "maxval")
        if not self.minval < self.maxval:
            raise ValueError(f"`minval` debe ser menor que `maxval`; llegaron {minval!r} y {maxval!r}.")

    def _generate(self, shape, rng, dtype):
        return rng.uniform(self.minval, self.maxval, size=shape).astype(dtype)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval}


# --- Escala según el tamaño de la capa ------------------------------------------

class VarianceScaling(RandomInitializer):
    """Varianza objetivo ``scale / n`` con ``n`` según ``mode`` (véase el docstring del módulo)."""

    MODES = ("fan_in", "fan_out", "fan_avg")
    DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "uniform")

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal"):
        self.scale = float(positive_number(scale, "scale"))
        if not isinstance(mode, str) or mode not in self.MODES:
            raise ValueError(f"`mode` debe ser uno de {', '.join(self.MODES)}; llegó {describe(mode)}.")
        if not isinstance(distribution, str):
            raise ValueError(
                f"`distribution` debe ser una de {', '.join(self.DISTRIBUTIONS)}; llegó {describe(distribution)}."
            )
        distribution = distribution.lower()
        if distribution == "normal":  # como Keras: "normal" significa normal truncada
            distribution = "truncated_normal"
        if distribution not in self.DISTRIBUTIONS:
            raise ValueError(
                f"`distribution` debe ser una de {', '.join(self.DISTRIBUTIONS)}; llegó {distribution!r}."
            )
        self.mode, self.distribution = mode, distribution

    def variance(self, shape):
        """La varianza objetivo ``scale / max(1, n)`` para esta forma."""
        fan_in, fan_out = compute_fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        return self.scale / max(1.0, n)

    def _generate(self, shape, rng, dtype):
        s = self.variance(shape)
        if self.distribution == "truncated_normal":
            return truncated_normal(rng, shape, 0.0, math.sqrt(s) / TRUNCATION_STDDEV, dtype)
        if self.distribution == "untruncated_normal":
            return rng.normal(0.0, math.sqrt(s), size=shape).astype(dtype)
        limit = math.sqrt(3.0 * s)
        return rng.uniform(-limit, limit, size=shape).astype(dtype)

    def get_config(self):
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution}


class _Preset(VarianceScaling):
    """Un ``VarianceScaling`` con parámetros fijos; solo cambia el nombre."""

    PRESET = {}

    def __init__(self):
        super().__init__(**self.PRESET)

    def get_config(self):
        return {}


class GlorotUniform(_Preset):
    """Glorot (Xavier) uniforme: :math:`U(-L, L)`, :math:`L = \\sqrt{6/(n_{in}+n_{out})}`."""
    PRESET = {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform"}


class GlorotNormal(_Preset):
    """Glorot (Xavier) normal truncada, desviación final :math:`\\sqrt{2/(n_{in}+n_{out})}`."""
    PRESET = {"scale": 1.0, "mode": "fan_avg", "distribution": "truncated_normal"}


class HeUniform(_Preset):
    """He (Kaiming) uniforme: :math:`U(-L, L)`, :math:`L = \\sqrt{6/n_{in}}`."""
    PRESET = {"scale": 2.0, "mode": "fan_in", "distribution": "uniform"}


class HeNormal(_Preset):
    """He (Kaiming) normal truncada, desviación final :math:`\\sqrt{2/n_{in}}`."""
    PRESET = {"scale": 2.0, "mode": "fan_in", "distribution": "truncated_normal"}


class LecunUniform(_Preset):
    """LeCun uniforme: :math:`U(-L, L)`, :math:`L = \\sqrt{3/n_{in}}`."""
    PRESET = {"scale": 1.0, "mode": "fan_in", "distribution": "uniform"}


class LecunNormal(_Preset):
    """LeCun normal truncada, desviación final :math:`\\sqrt{1/n_{in}}`."""
    PRESET = {"scale": 1.0, "mode": "fan_in", "distribution": "truncated_normal"}


_NAMES = {
    "zeros": Zeros, "ones": Ones, "constant": Constant,
    "random_normal": RandomNormal, "random_uniform": RandomUniform,
    "truncated_normal": TruncatedNormal, "variance_scaling": VarianceScaling,
    "glorot_uniform": GlorotUniform, "glorot_normal": GlorotNormal,
    "he_uniform": HeUniform, "he_normal": HeNormal,
    "lecun_uniform": LecunUniform, "lecun_normal": LecunNormal,
    # Alias: los de Keras y los nombres de PyTorch.
    "zero": Zeros, "one": Ones, "normal": RandomNormal, "uniform": RandomUniform,
    "xavier_uniform": GlorotUniform, "xavier_normal": GlorotNormal,
    "kaiming_uniform": HeUniform, "kaiming_normal": HeNormal,
}


def get(identifier):
    """Devuelve un inicializador a partir de su nombre (``"he_normal"``, ``"HeNormal"``...) o de una instancia."""
    return resolve("inicializador", identifier, Initializer, _NAMES, ignore_underscores=True)
