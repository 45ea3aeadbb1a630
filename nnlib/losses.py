r"""Funciones de pérdida: cuánto se equivoca el modelo, y hacia dónde corregir.

Una función de pérdida (*loss*) compara las etiquetas verdaderas
:math:`y` (``y_true``) con las predicciones :math:`\hat y` (``y_pred``) y
devuelve un número: cuanto menor, mejor. Entrenar es minimizarlo, y para eso
necesitamos su gradiente respecto de las predicciones,
:math:`\partial L/\partial \hat y`, que es por donde empieza la
retropropagación.

Cada pérdida ofrece:

* ``L.per_sample(y_true, y_pred)``: un valor por muestra, forma ``(N,)``;
* ``L(y_true, y_pred)``: la media de esos valores (la reducción
  ``"sum_over_batch_size"`` de Keras), un ``float``;
* ``L.gradient(y_true, y_pred)``: la derivada exacta de ``L(...)`` (la media)
  respecto de ``y_pred``, con la forma de ``y_pred``.

Formas. ``y_pred`` tiene forma ``(N, C)`` (N muestras, C salidas) o ``(N,)``.
En las pérdidas que **promedian** sobre la última dimensión (regresión,
entropía cruzada binaria, bisagra) una entrada ``(N,)`` son N muestras de una
salida. En las que **suman** sobre ella porque comparan distribuciones
(``categorical_crossentropy``, ``kl_divergence``, ``categorical_hinge``), una
entrada ``(N,)`` es *una* distribución, igual que en Keras. ``y_true`` debe
tener la forma de ``y_pred``; se admite ``(N,)`` frente a ``(N, 1)``.

Las fórmulas, por elemento (:math:`e = \hat y - y`, :math:`\epsilon = 10^{-7}`):

* ``mean_squared_error`` (``mse``): :math:`e^2`; derivada :math:`2e`.
* ``mean_absolute_error`` (``mae``): :math:`|e|`; derivada
  :math:`\mathrm{sign}(e)` (0 en :math:`e = 0`).
* ``mean_absolute_percentage_error`` (``mape``):
  :math:`100\,|e| / \max(|y|, \epsilon)`.
* ``mean_squared_logarithmic_error`` (``msle``):
  :math:`(\log(1+\max(\hat y,\epsilon)) - \log(1+\max(y,\epsilon)))^2`.
* ``huber`` (parámetro :math:`\delta`, 1 por defecto): :math:`e^2/2` si
  :math:`|e| \le \delta` y :math:`\delta|e| - \delta^2/2` si no; derivada
  :math:`e` o :math:`\delta\,\mathrm{sign}(e)`.
* ``log_cosh``: :math:`\log\cosh(e)`; derivada :math:`\tanh(e)`.
* ``poisson``: :math:`\hat y - y \log(\hat y + \epsilon)`; derivada
  :math:`1 - y/(\hat y + \epsilon)`.
* ``kl_divergence`` (``kld``): :math:`\sum_c y_c \log(y_c/\hat y_c)`, con
  ambas recortadas a :math:`[\epsilon, 1]`.
* ``binary_crossentropy`` (``bce``):
  :math:`-(y\log p + (1-y)\log(1-p))`, con :math:`p` recortada a
  :math:`[\epsilon, 1-\epsilon]`; derivada :math:`-y/p + (1-y)/(1-p)`.
  Con ``from_logits=True`` la entrada es el *logit* :math:`z` y se usa la
  forma estable :math:`\max(z,0) - zy + \log(1+e^{-|z|})`, de derivada
  :math:`\sigma(z) - y`.
* ``categorical_crossentropy``: :math:`-\sum_c y_c \log p_c`. Como Keras,
  primero normaliza cada fila de probabilidades para que sume 1 y luego
  recorta a :math:`[\epsilon, 1-\epsilon]`. Con logits:
  :math:`\sum_c y_c\,(\mathrm{LSE}(z) - z_c)`, donde
  :math:`\mathrm{LSE}(z) = \log\sum_j e^{z_j}` se calcula restando el máximo;
  derivada :math:`(\sum_c y_c)\,\mathrm{softmax}(z) - y`.
* ``sparse_categorical_crossentropy``: la misma, con la clase como un entero
  :math:`k`: :math:`-\log p_k`. Sobre probabilidades, Keras recorta, toma el
  logaritmo y aplica softmax, así que el valor es
  :math:`\log\sum_j \tilde p_j - \log \tilde p_k` con :math:`\tilde p` recortada.
* ``hinge``: :math:`\max(1 - y\hat y, 0)` con :math:`y \in \{-1, 1\}`; si
  todas las etiquetas son 0 o 1 se convierten antes a -1 y 1.
  ``squared_hinge``: su cuadrado.
* ``categorical_hinge``: :math:`\max(\max_c (1-y_c)\hat y_c - \sum_c y_c \hat y_c + 1, 0)`.
* ``binary_focal_crossentropy``: la entropía binaria multiplicada por
  :math:`(1-p_t)^\gamma`, con :math:`p_t = y p + (1-y)(1-p)`, que resta peso a
  los ejemplos fáciles (y, con ``apply_class_balancing``, por
  :math:`\alpha` o :math:`1-\alpha` según la clase).

Los recortes y el suavizado de etiquetas (``label_smoothing``) son los de
Keras 3, y los valores coinciden con ``keras.losses.<Clase>()``.

Convenio para el gradiente: es la derivada exacta de la función que se
evalúa, recortes incluidos. Donde un recorte está activo (por ejemplo
:math:`p < \epsilon` en la entropía cruzada) la función es constante y la
derivada es **0**, lo mismo que obtiene la diferenciación automática de
TensorFlow. Los extremos del recorte cuentan como dentro, y en los puntos
angulosos (:math:`|e| = 0` en MAE, el codo de la bisagra, empates en el
máximo de ``categorical_hinge``) se toma la misma rama que TensorFlow.
Única diferencia: con ``from_logits=True`` en ``categorical_crossentropy``,
TensorFlow devuelve :math:`\mathrm{softmax}(z) - y` aunque las filas de
``y_true`` no sumen 1; aquí se devuelve la derivada exacta (coinciden cuando
suman 1, que es el caso normal).

Entradas no válidas producen errores en español: formas distintas, valores
no numéricos, NaN o infinitos, filas de distinto largo, probabilidades fuera
de :math:`[0, 1]` (¿faltó ``from_logits=True``?), etiquetas categóricas
negativas y etiquetas dispersas fuera de rango o no enteras.

Antes de entrenar, el modelo comprueba que todo encaja:

* ``check_output(loss, activation, units)`` (en ``compile``): softmax con una
  sola unidad, una pérdida multiclase con una unidad o una pérdida sobre
  probabilidades tras una salida lineal son errores; ``from_logits=True`` tras
  sigmoid o softmax es un aviso (``UserWarning``).
* ``loss.check_targets(y, n_outputs)`` (en ``fit``): la entropía binaria
  exige etiquetas en :math:`[0, 1]`; la categórica avisa si las filas no
  suman 1 y rechaza una clase entera por ejemplo; la dispersa exige clases
  enteras entre 0 y ``n_outputs - 1``.

Todo gradiente es finito donde el valor es finito, también en
:math:`p = 0` o 1 y con logits de :math:`\pm 10^4` (véase
:class:`BinaryFocalCrossentropy` para :math:`\gamma < 1`).
"""
from __future__ import annotations

import math
import warnings

import numpy as np

from nnlib import activations
from nnlib._checks import as_float_array, boolean, describe, positive_number, resolve, same_shape

__all__ = [
    "Loss", "MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError",
    "MeanSquaredLogarithmicError", "Huber", "LogCosh", "Poisson", "KLDivergence",
    "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
    "Hinge", "SquaredHinge", "CategoricalHinge", "BinaryFocalCrossentropy", "get", "check_output",
]

EPSILON = 1e-7  # keras.backend.epsilon()
_LOG2 = math.log(2.0)


# ---------------------------------------------------------------------------
# Piezas numéricas estables
# ---------------------------------------------------------------------------
def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_derivative(z):
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


def _softplus(z):
    """:math:`\\log(1 + e^z)` sin desbordar: :math:`\\max(z, 0) + \\log(1 + e^{-|z|})`."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _bce_from_logits(y, z):
    """:math:`-(y\\log\\sigma(z) + (1-y)\\log(1-\\sigma(z)))` sin desbordar."""
    return np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))


def _logsumexp(z):
    m = np.max(z, axis=-1, keepdims=True)
    return (m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True)))[:, 0]


def _softmax(z):
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _clip_mask(x, low, high):
    """1 donde ``x`` está dentro de ``[low, high]`` (derivada del recorte), 0 fuera."""
    return ((x >= low) & (x <= high)).astype(np.float64)


def _check_probabilities(p, loss_name):
    if np.any(p < 0) or np.any(p > 1):
        raise ValueError(
            f"{loss_name} espera probabilidades en `y_pred` (valores entre 0 y 1); llegaron valores "
            f"entre {p.min():.4g} y {p.max():.4g}. Si `y_pred` son logits (la salida sin sigmoide "
            "ni softmax), use from_logits=True."
        )


def _check_smoothing(label_smoothing):
    value = float(positive_number(label_smoothing, "label_smoothing", allow_zero=True))
    if value > 1:
        raise ValueError(f"`label_smoothing` debe estar entre 0 y 1; llegó {label_smoothing!r}.")
    return value


def _check_binary_labels(t, loss_name):
    """Etiquetas de la entropía binaria: entre 0 y 1 (fuera de ahí la pérdida no tiene sentido)."""
    if np.any(t < 0) or np.any(t > 1):
        raise ValueError(
            f"{loss_name} espera etiquetas entre 0 y 1 en `y_true`; llegaron valores entre {t.min():.4g} "
            f"y {t.max():.4g}. Con etiquetas -1 y 1, use (y + 1) / 2 (o la pérdida 'hinge'); con varias "
            "clases (0, 1, 2...), use 'sparse_categorical_crossentropy' y una salida softmax con una "
            "unidad por clase."
        )


def _check_distribution_labels(t, loss_name):
    """Etiquetas de la entropía categórica: nunca negativas (una distribución por fila)."""
    if np.any(t < 0):
        raise ValueError(
            f"{loss_name} espera en `y_true` una distribución por fila (valores entre 0 y 1 que suman 1, "
            f"como los de datasets.one_hot(y)); llegaron valores negativos (mínimo {t.min():.4g})."
        )


def _integer_labels_hint(yt, yp):
    """Pista si `y_true` parece una clase entera por ejemplo y `y_pred` tiene una columna por clase."""
    n = yp.shape[0]
    if yp.ndim == 2 and yp.shape[1] > 1 and yt.shape in ((n,), (n, 1)):
        return (" Parece que `y_true` tiene una clase entera por ejemplo: use "
                "'sparse_categorical_crossentropy', o convierta las etiquetas con datasets.one_hot(y).")
    return ""


# ---------------------------------------------------------------------------
# Clases base
# ---------------------------------------------------------------------------
class Loss:
    """Base de las pérdidas.

    Las subclases reciben ``y_true`` e ``y_pred`` ya validados, en float64 y con
    forma ``(N, C)``, y definen ``_per_sample`` (forma ``(N,)``) y
    ``_gradient`` (la derivada de la media, forma ``(N, C)``).
    """

    name = "loss"
    from_logits = False
    # True si el valor de una muestra suma sobre la última dimensión (compara
    # distribuciones); False si promedia sobre ella.
    _sums_last_axis = False

    def per_sample(self, y_true, y_pred):
        """Un valor de pérdida por muestra, forma ``(N,)``."""
        t, p, _ = self._prepare(y_true, y_pred)
        return self._per_sample(t, p)

    def __call__(self, y_true, y_pred):
        """Pérdida media sobre las muestras (un ``float``)."""
        return float(np.mean(self.per_sample(y_true, y_pred)))

    def gradient(self, y_true, y_pred):
        """:math:`\\partial L/\\partial \\hat y` de la pérdida media; forma y tipo de ``y_pred``."""
        t, p, original = self._prepare(y_true, y_pred)
        return self._gradient(t, p).reshape(original.shape).astype(original.dtype)

    def check_targets(self, y_true, n_outputs=None):
        """Comprueba que las etiquetas ``y_true`` tienen sentido para esta pérdida, antes de entrenar.

        ``fit`` la llama una vez con todas las etiquetas (y ``n_outputs``, las
        columnas de salida del modelo). Lanza un ``ValueError`` si el resultado
        no tendría sentido y avisa con un ``UserWarning`` si Keras entrenaría
        igual pero probablemente no es lo que se quiere. La base solo valida
        que sean números.
        """
        return as_float_array(y_true, "y_true")

    def get_config(self):
        """Hiperparámetros de la pérdida."""
        return {}

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"

    # -- validación y formas ------------------------------------------------
    def _prepare(self, y_true, y_pred):
        """Valida y devuelve ``(t, p, y_pred_original)`` con ``t`` y ``p`` de forma (N, C)."""
        yp = as_float_array(y_pred, "y_pred", ndim=(1, 2))
        yt = as_float_array(y_true, "y_true", ndim=(1, 2))
        n = yp.shape[0]
        if yt.shape != yp.shape and {yt.shape, yp.shape} == {(n,), (n, 1)}:
            # (N,) frente a (N, 1): ambas son N muestras de una salida (como en Keras).
            t, p = yt.reshape(n, 1), yp.reshape(n, 1)
        else:
            if yt.shape != yp.shape:
                raise ValueError(
                    f"`y_true` y `y_pred` deben tener la misma forma; llegaron {yt.shape} y {yp.shape}."
                    + _integer_labels_hint(yt, yp)
                )
            if yp.ndim == 1:
                shape = (1, n) if self._sums_last_axis else (n, 1)
                t, p = yt.reshape(shape), yp.reshape(shape)
            else:
                t, p = yt, yp
        return t.astype(np.float64), p.astype(np.float64), yp

    def _per_sample(self, t, p):  # pragma: no cover - lo definen las subclases
        raise NotImplementedError

    def _gradient(self, t, p):  # pragma: no cover - lo definen las subclases
        raise NotImplementedError


class _ElementwiseLoss(Loss):
    """Pérdida definida elemento a elemento y promediada sobre la última dimensión.

    Las subclases definen ``_elementwise(t, p)`` y su derivada
    ``_elementwise_grad(t, p)``. Como la media global divide entre N·C, el
    gradiente de la media es la derivada por elemento dividida entre N·C.
    """

    def _targets(self, t):
        """Transformación de las etiquetas (suavizado, -1/1...). Por defecto, ninguna."""
        return t

    def _per_sample(self, t, p):
        return np.mean(self._elementwise(self._targets(t), p), axis=-1)

    def _gradient(self, t, p):
        return self._elementwise_grad(self._targets(t), p) / p.size


# ---------------------------------------------------------------------------
# Regresión
# ---------------------------------------------------------------------------
class MeanSquaredError(_ElementwiseLoss):
    """Error cuadrático medio: media de :math:`(\\hat y - y)^2`."""

    name = "mean_squared_error"

    def _elementwise(self, t, p):
        return np.square(p - t)

    def _elementwise_grad(self, t, p):
        return 2.0 * (p - t)


class MeanAbsoluteError(_ElementwiseLoss):
    """Error absoluto medio: media de :math:`|\\hat y - y|`."""

    name = "mean_absolute_error"

    def _elementwise(self, t, p):
        return np.abs(p - t)

    def _elementwise_grad(self, t, p):
        return np.sign(p - t)


class MeanAbsolutePercentageError(_ElementwiseLoss):
    """Error porcentual absoluto medio: :math:`100\\,|\\hat y - y| / \\max(|y|, \\epsilon)`."""

    name = "mean_absolute_percentage_error"

    def _elementwise(self, t, p):
        return 100.0 * np.abs(t - p) / np.maximum(np.abs(t), EPSILON)

    def _elementwise_grad(self, t, p):
        return 100.0 * np.sign(p - t) / np.maximum(np.abs(t), EPSILON)


class MeanSquaredLogarithmicError(_ElementwiseLoss):
    """Error logarítmico cuadrático medio.

    Los valores menores que :math:`\\epsilon` se toman como :math:`\\epsilon`.
    """

    name = "mean_squared_logarithmic_error"

    def _elementwise(self, t, p):
        return np.square(np.log1p(np.maximum(p, EPSILON)) - np.log1p(np.maximum(t, EPSILON)))

    def _elementwise_grad(self, t, p):
        pc = np.maximum(p, EPSILON)
        d = np.log1p(pc) - np.log1p(np.maximum(t, EPSILON))
        return 2.0 * d / (1.0 + pc) * (p >= EPSILON)  # 0 donde max(p, ε) es constante


class Huber(_ElementwiseLoss):
    """Huber: cuadrática si :math:`|e| \\le \\delta`, lineal si no (``delta`` = 1.0)."""

    name = "huber"

    def __init__(self, delta=1.0):
        self.delta = float(positive_number(delta, "delta"))

    def _elementwise(self, t, p):
        e = p - t
        a = np.abs(e)
        return np.where(a <= self.delta, 0.5 * e * e, self.delta * a - 0.5 * self.delta**2)

    def _elementwise_grad(self, t, p):
        e = p - t
        return np.where(np.abs(e) <= self.delta, e, self.delta * np.sign(e))

    def get_config(self):
        return {"delta": self.delta}


class LogCosh(_ElementwiseLoss):
    """:math:`\\log\\cosh(\\hat y - y)`: como MSE cerca de 0 y como MAE lejos."""

    name = "log_cosh"

    def _elementwise(self, t, p):
        # log cosh(x) = |x| + log(1 + e^{-2|x|}) - log 2, sin desbordar cosh.
        a = np.abs(p - t)
        return a + np.log1p(np.exp(-2.0 * a)) - _LOG2

    def _elementwise_grad(self, t, p):
        return np.tanh(p - t)


class Poisson(_ElementwiseLoss):
    """Pérdida de Poisson :math:`\\hat y - y\\log(\\hat y + \\epsilon)`, para conteos; ``y_pred`` ≥ 0."""

    name = "poisson"

    def _prepare(self, y_true, y_pred):
        t, p, original = super()._prepare(y_true, y_pred)
        if np.any(p < 0):
            raise ValueError(
                "poisson espera tasas no negativas en `y_pred`; llegó un mínimo de "
                f"{p.min():.4g}. Use una activación de salida positiva (por ejemplo 'relu' o 'sigmoid'; en Keras también 'softplus' o 'exponential')."
            )
        return t, p, original

    def _elementwise(self, t, p):
        return p - t * np.log(p + EPSILON)

    def _elementwise_grad(self, t, p):
        return 1.0 - t / (p + EPSILON)


# ---------------------------------------------------------------------------
# Clasificación binaria
# ---------------------------------------------------------------------------
class BinaryCrossentropy(_ElementwiseLoss):
    """Entropía cruzada binaria, sobre probabilidades o, con ``from_logits=True``, sobre logits."""

    name = "binary_crossentropy"

    def __init__(self, from_logits=False, label_smoothing=0.0):
        self.from_logits = boolean(from_logits, "from_logits")
        self.label_smoothing = _check_smoothing(label_smoothing)

    def _prepare(self, y_true, y_pred):
        t, p, original = super()._prepare(y_true, y_pred)
        if not self.from_logits:
            _check_probabilities(p, self.name)
        return t, p, original

    def check_targets(self, y_true, n_outputs=None):
        """Etiquetas entre 0 y 1 (``ValueError`` si no)."""
        t = super().check_targets(y_true, n_outputs)
        _check_binary_labels(t, self.name)
        return t

    def _targets(self, t):
        # Suavizado de Keras: las etiquetas se acercan a 0.5.
        return t * (1.0 - self.label_smoothing) + 0.5 * self.label_smoothing

    def _elementwise(self, t, p):
        if self.from_logits:
            return _bce_from_logits(t, p)
        pc = np.clip(p, EPSILON, 1.0 - EPSILON)
        return -(t * np.log(pc) + (1.0 - t) * np.log(1.0 - pc))

    def _elementwise_grad(self, t, p):
        if self.from_logits:
            # σ(z) - y escrita como (1-y)σ(z) - yσ(-z): sin restar números casi iguales, así que
            # con y = 1 y z = 40 da -σ(-40) = -4.2e-18 y no 0.
            return (1.0 - t) * _sigmoid(p) - t * _sigmoid(-p)
        pc = np.clip(p, EPSILON, 1.0 - EPSILON)
        return (-t / pc + (1.0 - t) / (1.0 - pc)) * _clip_mask(p, EPSILON, 1.0 - EPSILON)

    def get_config(self):
        return {"from_logits": self.from_logits, "label_smoothing": self.label_smoothing}


class BinaryFocalCrossentropy(BinaryCrossentropy):
    """Entropía cruzada binaria focal (Lin et al., 2017): pesa más los ejemplos difíciles.

    Por elemento, :math:`w\\,(1-p_t)^\\gamma\\,\\mathrm{BCE}`, con
    :math:`p_t = y p + (1-y)(1-p)` y :math:`w = \\alpha y + (1-\\alpha)(1-y)`
    si ``apply_class_balancing`` (si no, :math:`w = 1`). Como en Keras, con
    ``from_logits=True`` la BCE se calcula de forma estable desde el logit y
    :math:`p = \\sigma(z)`; sin logits, la BCE usa :math:`p` recortada y
    :math:`p_t` la :math:`p` original.

    Gradiente finito en todas partes. Con logits, :math:`1 - p_t` se calcula
    como :math:`y\\,\\sigma(-z) + (1-y)\\,\\sigma(z)`, sin la resta
    :math:`1 - \\sigma(z)` que da 0 exacto para :math:`z > 37`, y la derivada
    de :math:`(1-p_t)^\\gamma` en escala logarítmica: para :math:`y = 1`,
    :math:`\\gamma\\,\\sigma(-z)^\\gamma\\sigma(z)`, que tiende a 0 sin pasar por
    :math:`0 \\cdot \\infty`. Sin logits y con :math:`\\gamma < 1`, la derivada
    :math:`\\gamma(1-p_t)^{\\gamma-1}` es infinita en :math:`p_t = 1` (``p`` = 0 o 1
    igual a su etiqueta), donde Keras y PyTorch dan infinito o NaN. Allí la pérdida
    vale 0, su mínimo, como :math:`|e|` en :math:`e = 0`: se toma la derivada 0,
    que es además el límite de la derivada de la pérdida sin recortes,
    :math:`\\lim_{p\\to 1} \\tfrac{d}{dp}\\,[-(1-p)^\\gamma \\log p] = 0`.
    """

    name = "binary_focal_crossentropy"

    def __init__(self, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
                 label_smoothing=0.0):
        super().__init__(from_logits=from_logits, label_smoothing=label_smoothing)
        self.apply_class_balancing = boolean(apply_class_balancing, "apply_class_balancing")
        self.alpha = float(positive_number(alpha, "alpha", allow_zero=True))
        if self.alpha > 1:
            raise ValueError(f"`alpha` debe estar entre 0 y 1; llegó {alpha!r}.")
        self.gamma = float(positive_number(gamma, "gamma", allow_zero=True))

    def _weight(self, t):
        if self.apply_class_balancing:
            return self.alpha * t + (1.0 - self.alpha) * (1.0 - t)
        return np.ones_like(t)

    def _base(self, t, p):
        """:math:`1 - p_t = y(1-p) + (1-y)p`; con logits, :math:`y\\sigma(-z) + (1-y)\\sigma(z)`."""
        if self.from_logits:
            return t * _sigmoid(-p) + (1.0 - t) * _sigmoid(p)
        return np.maximum(1.0 - (t * p + (1.0 - t) * (1.0 - p)), 0.0)  # como Keras

    def _dfocal(self, t, p, base):
        """Derivada de :math:`(1-p_t)^\\gamma` respecto de la entrada (logit o probabilidad), siempre finita."""
        g = self.gamma
        if g == 0:
            return np.zeros_like(base)
        if self.from_logits:
            # d(1-p_t)/dz = (1-2y)·σ(z)σ(-z); base^(γ-1)·σ(z)σ(-z) en escala logarítmica.
            log_sig, log_sig_neg = -_softplus(-p), -_softplus(p)
            tc = np.clip(t, 0.0, 1.0)
            with np.errstate(divide="ignore"):  # log 0 = -inf con etiquetas 0 o 1: logaddexp lo absorbe
                log_base = np.logaddexp(np.log(tc) + log_sig_neg, np.log1p(-tc) + log_sig)
            dfocal = g * (1.0 - 2.0 * t) * np.exp((g - 1.0) * log_base + log_sig + log_sig_neg)
            outside = (t < 0) | (t > 1)
            if np.any(outside):  # etiquetas fuera de [0, 1] (fit las rechaza): la fórmula directa de Keras
                with np.errstate(invalid="ignore", divide="ignore"):
                    direct = g * (1.0 - 2.0 * t) * base ** (g - 1.0) * np.exp(log_sig + log_sig_neg)
                dfocal = np.where(outside, direct, dfocal)
            return dfocal
        if g >= 1:
            return g * base ** (g - 1.0) * (1.0 - 2.0 * t)
        # γ < 1: derivada 0 en base = 0 (véase el docstring de la clase); por debajo del menor
        # float64 normal la base se toma como ese valor para que base^(γ-1) no desborde.
        safe = np.maximum(base, np.finfo(np.float64).tiny)
        return np.where(base > 0, g * safe ** (g - 1.0), 0.0) * (1.0 - 2.0 * t)

    def _elementwise(self, t, p):
        bce = super()._elementwise(t, p)
        return self._weight(t) * self._base(t, p) ** self.gamma * bce

    def _elementwise_grad(self, t, p):
        # Regla del producto: d[F·BCE] = F'·BCE + F·BCE', con F = (1 - p_t)^γ.
        bce = super()._elementwise(t, p)
        dbce = super()._elementwise_grad(t, p)  # respecto de la entrada (logit o probabilidad)
        base = self._base(t, p)
        return self._weight(t) * (self._dfocal(t, p, base) * bce + base**self.gamma * dbce)

    def get_config(self):
        return {"apply_class_balancing": self.apply_class_balancing, "alpha": self.alpha,
                "gamma": self.gamma, **super().get_config()}


class Hinge(_ElementwiseLoss):
    """Bisagra :math:`\\max(1 - y\\hat y, 0)`, con etiquetas -1/1 (0/1 se convierten)."""

    name = "hinge"

    def _targets(self, t):
        # Como Keras: si todas las etiquetas son 0 o 1, pasan a -1 y 1.
        if np.all((t == 0) | (t == 1)):
            return 2.0 * t - 1.0
        return t

    def _elementwise(self, t, p):
        return np.maximum(1.0 - t * p, 0.0)

    def _elementwise_grad(self, t, p):
        return -t * (1.0 - t * p >= 0)  # en el codo, la rama activa (como TensorFlow)


class SquaredHinge(Hinge):
    """Bisagra al cuadrado :math:`\\max(1 - y\\hat y, 0)^2`."""

    name = "squared_hinge"

    def _elementwise(self, t, p):
        return np.square(np.maximum(1.0 - t * p, 0.0))

    def _elementwise_grad(self, t, p):
        return -2.0 * t * np.maximum(1.0 - t * p, 0.0)


# ---------------------------------------------------------------------------
# Clasificación multiclase y distribuciones (suman sobre la última dimensión)
# ---------------------------------------------------------------------------
class _RowLoss(Loss):
    """Pérdida cuyo valor por muestra suma sobre las C clases.

    Las subclases definen ``_per_sample`` y ``_row_grad`` (la derivada del
    valor de cada muestra); el gradiente de la media la divide entre N.
    """

    _sums_last_axis = True

    def _gradient(self, t, p):
        return self._row_grad(t, p) / p.shape[0]


class KLDivergence(_RowLoss):
    """Divergencia de Kullback-Leibler :math:`\\sum_c y_c\\log(y_c/\\hat y_c)`.

    Ambas se recortan antes a :math:`[\\epsilon, 1]`, como en Keras.
    """

    name = "kl_divergence"

    def _per_sample(self, t, p):
        tc = np.clip(t, EPSILON, 1.0)
        return np.sum(tc * np.log(tc / np.clip(p, EPSILON, 1.0)), axis=-1)

    def _row_grad(self, t, p):
        tc = np.clip(t, EPSILON, 1.0)
        return -tc / np.clip(p, EPSILON, 1.0) * _clip_mask(p, EPSILON, 1.0)


class CategoricalCrossentropy(_RowLoss):
    """Entropía cruzada categórica con etiquetas *one-hot* (o distribuciones)."""

    name = "categorical_crossentropy"

    def __init__(self, from_logits=False, label_smoothing=0.0):
        self.from_logits = boolean(from_logits, "from_logits")
        self.label_smoothing = _check_smoothing(label_smoothing)

    def _prepare(self, y_true, y_pred):
        t, p, original = super()._prepare(y_true, y_pred)
        if p.shape[1] < 2:
            raise ValueError(
                f"{self.name} necesita al menos 2 clases en la última dimensión de `y_pred`; llegó "
                f"forma {original.shape}. Con una sola salida (dos clases) use 'binary_crossentropy'."
            )
        _check_distribution_labels(t, self.name)
        if not self.from_logits:
            _check_probabilities(p, self.name)
            if np.any(np.sum(p, axis=-1) == 0):
                raise ValueError(
                    f"{self.name}: alguna fila de `y_pred` suma 0 y no se puede normalizar "
                    "como distribución de probabilidad."
                )
        if self.label_smoothing:
            n_classes = t.shape[1]
            t = t * (1.0 - self.label_smoothing) + self.label_smoothing / n_classes
        return t, p, original

    def check_targets(self, y_true, n_outputs=None):
        """Filas de ``y_true`` que son distribuciones: ``ValueError`` con valores negativos o una
        clase entera por ejemplo; ``UserWarning`` si alguna fila no suma 1."""
        t = super().check_targets(y_true, n_outputs)
        n = t.shape[0]
        if n_outputs is not None and n_outputs > 1 and t.shape in ((n,), (n, 1)):
            raise ValueError(
                f"{self.name} espera `y_true` one-hot, con {n_outputs} columnas (una por clase, como la "
                f"salida); llegó forma {t.shape}, una clase entera por ejemplo. Use "
                "'sparse_categorical_crossentropy', o convierta las etiquetas con datasets.one_hot(y)."
            )
        _check_distribution_labels(t, self.name)
        rows = t.reshape(1, -1) if t.ndim == 1 else t
        sums = np.sum(rows, axis=-1)
        bad = np.flatnonzero(np.abs(sums - 1.0) > 1e-6 * rows.shape[-1])
        if bad.size:
            warnings.warn(
                f"{self.name}: {bad.size} de {len(sums)} filas de `y_true` no suman 1 (la fila {bad[0]} "
                f"suma {sums[bad[0]]:.4g}), así que no son distribuciones de probabilidad. Keras entrena "
                "igual, pero la pérdida deja de ser una entropía cruzada. Si cada ejemplo tiene una sola "
                "clase, use datasets.one_hot(y); si puede tener varias a la vez (multietiqueta), use una "
                "salida 'sigmoid' con 'binary_crossentropy'.",
                UserWarning, stacklevel=2,
            )
        return t

    def _per_sample(self, t, p):
        if self.from_logits:
            return np.sum(t, axis=-1) * _logsumexp(p) - np.sum(t * p, axis=-1)
        q = p / np.sum(p, axis=-1, keepdims=True)  # Keras normaliza cada fila
        return -np.sum(t * np.log(np.clip(q, EPSILON, 1.0 - EPSILON)), axis=-1)

    def _row_grad(self, t, p):
        if self.from_logits:
            return np.sum(t, axis=-1, keepdims=True) * _softmax(p) - t
        # L = -Σ t_j log c_j, c = recorte(q), q = p / S. Derivando respecto de p_k:
        # dL/dp_k = (g_k + Σ_j t_j m_j) / S, con g = -t·m/c y m = 1 donde q no está recortada.
        s = np.sum(p, axis=-1, keepdims=True)
        q = p / s
        m = _clip_mask(q, EPSILON, 1.0 - EPSILON)
        c = np.clip(q, EPSILON, 1.0 - EPSILON)
        return (-t * m / c + np.sum(t * m, axis=-1, keepdims=True)) / s

    def get_config(self):
        return {"from_logits": self.from_logits, "label_smoothing": self.label_smoothing}


class SparseCategoricalCrossentropy(Loss):
    """Entropía cruzada categórica con la clase como entero: ``y_true`` de forma (N,) o (N, 1)."""

    name = "sparse_categorical_crossentropy"

    def __init__(self, from_logits=False):
        self.from_logits = boolean(from_logits, "from_logits")

    def _prepare(self, y_true, y_pred):
        p_original = as_float_array(y_pred, "y_pred", ndim=2)
        n, n_classes = p_original.shape
        labels = as_float_array(y_true, "y_true", ndim=(1, 2))
        if labels.shape not in ((n,), (n, 1)):
            raise ValueError(
                f"`y_true` debe tener forma ({n},) o ({n}, 1): una clase entera por cada fila de "
                f"`y_pred`, que tiene forma {p_original.shape}; llegó forma {labels.shape}. "
                "Si `y_true` es one-hot, use 'categorical_crossentropy'."
            )
        labels = labels.reshape(n)
        if np.any(labels != np.round(labels)):
            raise ValueError(
                "`y_true` debe contener clases enteras (0, 1, 2...); llegaron valores no enteros como "
                f"{float(labels[labels != np.round(labels)][0]):g}."
            )
        if np.any(labels < 0) or np.any(labels >= n_classes):
            raise ValueError(
                f"Las clases de `y_true` deben estar entre 0 y {n_classes - 1} (`y_pred` tiene "
                f"{n_classes} columnas); llegaron valores entre {labels.min():g} y {labels.max():g}."
            )
        p = p_original.astype(np.float64)
        if not self.from_logits:
            _check_probabilities(p, self.name)
        return labels.astype(np.int64), p, p_original

    def check_targets(self, y_true, n_outputs=None):
        """Una clase entera por ejemplo, entre 0 y ``n_outputs - 1`` (``ValueError`` si no)."""
        labels = super().check_targets(y_true, n_outputs)
        n = labels.shape[0]
        if labels.ndim > 2 or labels.shape not in ((n,), (n, 1)):
            raise ValueError(
                f"{self.name} espera `y_true` con una clase entera por ejemplo, forma ({n},) o ({n}, 1); "
                f"llegó forma {labels.shape}. Si `y_true` es one-hot, use 'categorical_crossentropy'."
            )
        if np.any(labels != np.round(labels)):
            raise ValueError(
                "`y_true` debe contener clases enteras (0, 1, 2...); llegaron valores no enteros como "
                f"{float(labels[labels != np.round(labels)][0]):g}."
            )
        top = None if n_outputs is None else n_outputs - 1
        if np.any(labels < 0) or (top is not None and np.any(labels > top)):
            rango = "mayores o iguales que 0" if top is None else f"entre 0 y {top} (la salida tiene {n_outputs} unidades)"
            raise ValueError(
                f"Las clases de `y_true` deben estar {rango}; llegaron valores entre {labels.min():g} y "
                f"{labels.max():g}."
            )
        return labels

    def _per_sample(self, k, p):
        rows = np.arange(p.shape[0])
        if self.from_logits:
            return _logsumexp(p) - p[rows, k]
        # Keras: recorta, toma el logaritmo y aplica softmax: log Σ c_j - log c_k.
        c = np.clip(p, EPSILON, 1.0 - EPSILON)
        return np.log(np.sum(c, axis=-1)) - np.log(c[rows, k])

    def _gradient(self, k, p):
        one_hot = np.zeros_like(p)
        one_hot[np.arange(p.shape[0]), k] = 1.0
        if self.from_logits:
            grad = _softmax(p) - one_hot
        else:
            c = np.clip(p, EPSILON, 1.0 - EPSILON)
            grad = (1.0 / np.sum(c, axis=-1, keepdims=True) - one_hot / c) * _clip_mask(
                p, EPSILON, 1.0 - EPSILON
            )
        return grad / p.shape[0]

    def get_config(self):
        return {"from_logits": self.from_logits}


class CategoricalHinge(_RowLoss):
    """Bisagra categórica :math:`\\max(\\text{neg} - \\text{pos} + 1, 0)`.

    ``pos`` es la puntuación de la clase correcta, :math:`\\sum_c y_c\\hat y_c`,
    y ``neg`` la mayor de las incorrectas, :math:`\\max_c (1-y_c)\\hat y_c`.
    """

    name = "categorical_hinge"

    def _per_sample(self, t, p):
        pos = np.sum(t * p, axis=-1)
        neg = np.max((1.0 - t) * p, axis=-1)
        return np.maximum(neg - pos + 1.0, 0.0)

    def _row_grad(self, t, p):
        scores = (1.0 - t) * p
        neg = np.max(scores, axis=-1, keepdims=True)
        pos = np.sum(t * p, axis=-1, keepdims=True)
        # Si varias clases empatan en el máximo, el gradiente se reparte entre ellas (como TensorFlow).
        is_max = (scores == neg).astype(np.float64)
        dneg = (1.0 - t) * is_max / np.sum(is_max, axis=-1, keepdims=True)
        active = (neg - pos + 1.0 >= 0).astype(np.float64)
        return active * (dneg - t)


# ---------------------------------------------------------------------------
# get()
# ---------------------------------------------------------------------------
_CLASSES = [
    MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError,
    Huber, LogCosh, Poisson, KLDivergence, BinaryCrossentropy, CategoricalCrossentropy,
    SparseCategoricalCrossentropy, Hinge, SquaredHinge, CategoricalHinge, BinaryFocalCrossentropy,
]
# Nombres de clase y de función de Keras, sus abreviaturas y dos nombres heredados de Keras 2.
_BY_NAME = {cls.__name__: cls for cls in _CLASSES}
_BY_NAME.update({cls.name: cls for cls in _CLASSES})
_BY_NAME.update({
    "mse": MeanSquaredError, "mae": MeanAbsoluteError, "mape": MeanAbsolutePercentageError,
    "msle": MeanSquaredLogarithmicError, "kld": KLDivergence, "bce": BinaryCrossentropy,
    "kullback_leibler_divergence": KLDivergence, "logcosh": LogCosh,
})


def get(identifier):
    """Devuelve una pérdida a partir de su nombre o una instancia.

    Acepta, sin distinguir mayúsculas, los nombres que acepta
    ``keras.losses.get`` para estas pérdidas: el de la clase
    (``"MeanSquaredError"``), el de la función (``"mean_squared_error"``) y las
    abreviaturas (``"mse"``, ``"mae"``, ``"mape"``, ``"msle"``, ``"kld"``,
    ``"bce"``), más ``"kullback_leibler_divergence"`` y ``"logcosh"`` de
    Keras 2. Cada llamada crea una instancia nueva con los valores por defecto.
    Una instancia de :class:`Loss` se devuelve tal cual; ``None`` devuelve
    ``None``, como en Keras.
    """
    if identifier is None:
        return None
    return resolve("función de pérdida", identifier, Loss, _BY_NAME)


# ---------------------------------------------------------------------------
# ¿Encajan la capa de salida y la pérdida?
# ---------------------------------------------------------------------------
# Pérdidas que esperan probabilidades (salvo con from_logits=True) y activaciones cuya salida lo es.
_PROBABILITY_LOSSES = (BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy)
_PROBABILITY_ACTIVATIONS = ("sigmoid", "softmax")
_ONE_COLUMN_PER_CLASS = (CategoricalCrossentropy, SparseCategoricalCrossentropy, KLDivergence, CategoricalHinge)


def check_output(loss, activation, units):
    """Comprueba que la capa de salida (``activation``, ``units``) encaja con ``loss``.

    ``compile`` la llama con la activación de la última capa (un nombre, una
    instancia de ``nnlib.activations`` o ``None``, que es lineal) y su número de
    unidades. Lanza ``ValueError`` cuando el resultado no tendría sentido y
    avisa con ``UserWarning`` cuando Keras entrenaría igual pero mal:

    * softmax con una sola unidad: vale siempre 1.0 y no aprende (error);
    * una pérdida multiclase con una sola unidad (error);
    * una pérdida sobre probabilidades (``from_logits=False``) tras una salida
      que no da probabilidades, como ``linear`` o ``relu`` (error);
    * ``from_logits=True`` tras sigmoid o softmax: se aplicaría dos veces (aviso).
    """
    loss = get(loss)
    act = activations.get(activation).name
    positive_number(units, "units", integer=True)
    if act == "softmax" and units == 1:
        raise ValueError(
            "La capa de salida tiene una sola unidad con activation='softmax': softmax de un solo valor "
            "es siempre 1.0, así que el modelo no aprende nada. Para dos clases use Dense(1, "
            "activation='sigmoid') con 'binary_crossentropy'; para K clases, Dense(K, activation='softmax')."
        )
    if isinstance(loss, _ONE_COLUMN_PER_CLASS) and units == 1:
        raise ValueError(
            f"{loss.name} necesita una unidad de salida por clase, y la capa de salida tiene 1. Con dos "
            "clases use Dense(1, activation='sigmoid') con 'binary_crossentropy'; con K clases, "
            "Dense(K, activation='softmax')."
        )
    if isinstance(loss, _PROBABILITY_LOSSES):
        if loss.from_logits and act in _PROBABILITY_ACTIVATIONS:
            warnings.warn(
                f"La salida ya pasa por '{act}' y {loss.name} tiene from_logits=True, que vuelve a aplicar "
                f"{'la sigmoide' if isinstance(loss, BinaryCrossentropy) else 'softmax'}: se aplicaría dos "
                f"veces y el modelo aprendería mal. Quite la activación de la salida (activation='linear') o "
                "use from_logits=False.",
                UserWarning, stacklevel=2,
            )
        elif not loss.from_logits and act not in _PROBABILITY_ACTIVATIONS:
            sugerida = "sigmoid" if isinstance(loss, BinaryCrossentropy) else "softmax"
            raise ValueError(
                f"{loss.name} espera probabilidades (from_logits=False), pero la salida usa "
                f"activation='{act}', cuyos valores no son probabilidades. Use activation='{sugerida}' en "
                f"la capa de salida, o déjela lineal y pase la pérdida con from_logits=True, p. ej. "
                f"losses.{type(loss).__name__}(from_logits=True)."
            )
