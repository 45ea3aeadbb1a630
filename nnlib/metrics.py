r"""Métricas: números para que las personas juzguen el modelo.

La pérdida es lo que el optimizador minimiza; tiene que ser derivable, y su
valor no siempre se interpreta fácilmente (¿es buena una entropía cruzada de
0.3?). Una **métrica** solo se mide, no se deriva, y se elige para que se
entienda: qué fracción de ejemplos acierta el modelo, en cuánto se equivoca
de media. ``fit`` y ``evaluate`` las calculan junto a la pérdida.

Todas devuelven la media sobre las muestras:

* ``binary_accuracy`` (exactitud binaria): la predicción es la clase 1 si
  :math:`\hat y > 0.5` (el umbral, ``threshold``) y 0 si no;
  :math:`\text{acc} = \frac1N \sum_i [\,y_i = \text{clase}(\hat y_i)\,]`.
* ``categorical_accuracy``: la clase predicha es la columna de mayor valor,
  :math:`\arg\max_c \hat y_{ic}`, y se compara con
  :math:`\arg\max_c y_{ic}` (etiquetas *one-hot*).
* ``sparse_categorical_accuracy``: igual, pero la etiqueta es un entero
  (la clase), forma ``(N,)`` o ``(N, 1)``.
* ``mae`` (``mean_absolute_error``): :math:`\frac1{N C}\sum |\hat y - y|`.
* ``mse`` (``mean_squared_error``): :math:`\frac1{N C}\sum (\hat y - y)^2`.

``"accuracy"`` (o ``"acc"``) no es una métrica concreta: como en Keras, se
elige según la pérdida. Con entropía cruzada binaria (o bisagra, o focal),
``binary_accuracy``; con ``categorical_crossentropy``,
``categorical_accuracy``; con ``sparse_categorical_crossentropy``,
``sparse_categorical_accuracy``. Con otra pérdida (o sin ella) decide la
forma de los datos en cada llamada, como hace Keras 3: una sola salida,
binaria; etiquetas enteras frente a varias salidas, dispersa; si no,
categórica.

Con una pérdida ``from_logits=True`` las salidas son logits, no
probabilidades: ``"accuracy"`` (y ``"binary_accuracy"`` por nombre) usa
entonces el umbral 0 en lugar de 0.5, porque :math:`\sigma(z) > 0.5` equivale
a :math:`z > 0`. Keras deja el umbral en 0.5 y da una exactitud equivocada.

Cada métrica tiene un ``name`` y una ``direction``: ``"up"`` si mayor es
mejor (exactitud) y ``"down"`` si menor es mejor (errores). ``EarlyStopping``
la usa para saber hacia dónde mirar.
"""
from __future__ import annotations

import numpy as np

from nnlib._checks import as_float_array, describe, lookup

__all__ = [
    "Metric", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy", "Accuracy",
    "MeanAbsoluteError", "MeanSquaredError", "MeanMetricWrapper", "get",
]


def _prepare(y_true, y_pred):
    """Valida las dos entradas y comprueba que tienen el mismo número de muestras."""
    yt = as_float_array(y_true, "y_true", ndim=(1, 2))
    yp = as_float_array(y_pred, "y_pred", ndim=(1, 2))
    if yt.shape[0] != yp.shape[0]:
        raise ValueError(
            f"`y_true` y `y_pred` deben tener el mismo número de muestras; llegaron {yt.shape[0]} y {yp.shape[0]}."
        )
    return yt, yp


def _same_rank(yt, yp):
    """(N,) frente a (N, 1): ambas son N muestras de una salida."""
    if yt.shape != yp.shape and yt.size == yp.size and yp.shape[0] == yt.shape[0]:
        yt = yt.reshape(yp.shape)
    if yt.shape != yp.shape:
        raise ValueError(f"`y_true` y `y_pred` deben tener la misma forma; llegaron {yt.shape} y {yp.shape}.")
    return yt, yp


class Metric:
    """Base: ``metric(y_true, y_pred)`` devuelve un ``float`` (la media sobre las muestras)."""

    name = "metric"
    direction = "up"  # "up": mayor es mejor; "down": menor es mejor

    def __call__(self, y_true, y_pred):
        yt, yp = _prepare(y_true, y_pred)
        return float(np.mean(self._values(yt, yp)))

    def _values(self, yt, yp):  # pragma: no cover - lo define cada subclase
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}(name={self.name!r})"


class BinaryAccuracy(Metric):
    """Fracción de aciertos con una salida: clase 1 si ``y_pred > threshold``."""

    name = "binary_accuracy"

    def __init__(self, threshold=0.5):
        if isinstance(threshold, (bool, np.bool_)) \
                or not isinstance(threshold, (int, float, np.integer, np.floating)) or not np.isfinite(threshold):
            raise TypeError(f"`threshold` debe ser un número finito; llegó {describe(threshold)}.")
        self.threshold = float(threshold)

    def _values(self, yt, yp):
        yt, yp = _same_rank(yt, yp)
        return yt == (yp > self.threshold)


class CategoricalAccuracy(Metric):
    """Fracción de aciertos con etiquetas *one-hot*: compara los ``argmax``."""

    name = "categorical_accuracy"

    def _values(self, yt, yp):
        yt, yp = _same_rank(yt, yp)
        if yp.ndim == 1:
            yt, yp = yt.reshape(1, -1), yp.reshape(1, -1)
        return np.argmax(yt, axis=-1) == np.argmax(yp, axis=-1)


class SparseCategoricalAccuracy(Metric):
    """Fracción de aciertos con etiquetas enteras: ``y_true == argmax(y_pred)``."""

    name = "sparse_categorical_accuracy"

    def _values(self, yt, yp):
        n = yp.shape[0]
        if yp.ndim != 2 or yt.shape not in ((n,), (n, 1)):
            raise ValueError(
                f"{self.name} espera `y_true` con una clase entera por muestra, forma ({n},) o ({n}, 1), "
                f"y `y_pred` con una columna por clase; llegaron formas {yt.shape} y {yp.shape}."
            )
        return yt.reshape(n) == np.argmax(yp, axis=-1)


class Accuracy(Metric):
    """``"accuracy"`` sin pérdida que la determine: decide la forma de los datos (como Keras 3)."""

    name = "accuracy"

    def _values(self, yt, yp):
        if yp.ndim == 1 or yp.shape[-1] == 1:
            return BinaryAccuracy()._values(yt, yp)
        if yt.ndim < yp.ndim or yt.shape[-1] == 1:
            return SparseCategoricalAccuracy()._values(yt, yp)
        return CategoricalAccuracy()._values(yt, yp)


class MeanAbsoluteError(Metric):
    """Error absoluto medio, :math:`\\operatorname{media}|\\hat y - y|`."""

    name = "mean_absolute_error"
    direction = "down"

    def _values(self, yt, yp):
        yt, yp = _same_rank(yt, yp)
        return np.abs(yp - yt)


class MeanSquaredError(Metric):
    """Error cuadrático medio, :math:`\\operatorname{media}(\\hat y - y)^2`."""

    name = "mean_squared_error"
    direction = "down"

    def _values(self, yt, yp):
        yt, yp = _same_rank(yt, yp)
        return np.square(yp - yt)


class MeanMetricWrapper(Metric):
    """Convierte una función ``fn(y_true, y_pred)`` en métrica: la media de lo que devuelve."""

    def __init__(self, fn, name=None, direction="up"):
        if not callable(fn):
            raise TypeError(f"`fn` debe ser una función; llegó {describe(fn)}.")
        if direction not in ("up", "down"):
            raise ValueError(f"`direction` debe ser 'up' o 'down'; llegó {direction!r}.")
        self.fn = fn
        self.name = name or getattr(fn, "__name__", "metric")
        self.direction = direction

    def __call__(self, y_true, y_pred):
        return float(np.mean(self.fn(y_true, y_pred)))


_BY_NAME = {cls.__name__: cls for cls in (BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
                                           MeanAbsoluteError, MeanSquaredError)}  # "BinaryAccuracy", como Keras
_BY_NAME.update({
    "binary_accuracy": BinaryAccuracy,
    "categorical_accuracy": CategoricalAccuracy,
    "sparse_categorical_accuracy": SparseCategoricalAccuracy,
    "accuracy": Accuracy, "acc": Accuracy,
    "mean_absolute_error": MeanAbsoluteError, "mae": MeanAbsoluteError,
    "mean_squared_error": MeanSquaredError, "mse": MeanSquaredError,
})
# Qué exactitud corresponde a cada pérdida (por su nombre de Keras).
_ACCURACY_FOR_LOSS = {
    "binary_crossentropy": BinaryAccuracy, "binary_focal_crossentropy": BinaryAccuracy,
    "hinge": BinaryAccuracy, "squared_hinge": BinaryAccuracy,
    "categorical_crossentropy": CategoricalAccuracy, "kl_divergence": CategoricalAccuracy,
    "categorical_hinge": CategoricalAccuracy,
    "sparse_categorical_crossentropy": SparseCategoricalAccuracy,
}


def get(identifier, loss=None):
    """Devuelve una métrica a partir de su nombre, una instancia o una función.

    ``loss`` (nombre o instancia de ``nnlib.losses``) se usa para resolver
    ``"accuracy"``/``"acc"`` y para el umbral de la exactitud binaria: si la
    pérdida tiene ``from_logits=True``, las salidas son logits y
    ``"accuracy"`` o ``"binary_accuracy"`` usan el umbral 0 (logit > 0 es lo
    mismo que probabilidad > 0.5), así que miden la exactitud verdadera; Keras
    usaría 0.5 sobre los logits. Una función ``fn(y_true, y_pred)`` se
    envuelve en :class:`MeanMetricWrapper` (la media de lo que devuelve).
    """
    if isinstance(identifier, Metric):
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, Metric):
        return identifier()
    if isinstance(identifier, str):
        cls = lookup("métrica", identifier, _BY_NAME)
        if loss is None:
            return cls()
        from nnlib import losses  # traduce alias como "bce" al nombre de Keras

        loss = losses.get(loss)
        if cls is Accuracy:
            cls = _ACCURACY_FOR_LOSS.get(loss.name, Accuracy)
        if cls is BinaryAccuracy and getattr(loss, "from_logits", False):
            return BinaryAccuracy(threshold=0.0)  # logit > 0  ⇔  probabilidad > 0.5
        return cls()
    if callable(identifier):
        return MeanMetricWrapper(identifier)
    raise TypeError(
        "Para elegir una métrica se esperaba un nombre (un texto), una instancia de nnlib.metrics.Metric "
        f"o una función; llegó {describe(identifier)}."
    )
