r"""Funciones de activación y sus derivadas.

Una neurona calcula primero una combinación lineal de sus entradas,
:math:`z = w \cdot x + b`, y después le aplica una función no lineal
:math:`a = f(z)`, la **activación**. Sin esa no linealidad, apilar capas no
serviría de nada: la composición de funciones lineales sigue siendo lineal.

Para entrenar con retropropagación (*backpropagation*) necesitamos además la
derivada :math:`f'(z)`: la regla de la cadena multiplica el gradiente que
llega desde arriba, :math:`\partial L/\partial a`, por :math:`f'(z)` para
obtener :math:`\partial L/\partial z`. Cada activación de este módulo ofrece
las tres cosas:

* ``f(z)``: el valor :math:`f(z)`, elemento a elemento;
* ``f.derivative(z)``: la derivada :math:`f'(z)`, elemento a elemento;
* ``f.backward(z, grad_output)``: :math:`\partial L/\partial z` a partir de
  :math:`\partial L/\partial a` (``grad_output``).

Las funciones, con los nombres de Keras:

* ``linear`` (identidad): :math:`f(z) = z`, :math:`f'(z) = 1`.
* ``step`` (escalón de Heaviside, la del perceptrón de Rosenblatt):
  :math:`f(z) = 1` si :math:`z \ge 0` y 0 si no. Su derivada es 0 en todas
  partes (e indefinida en 0), por eso no sirve para el descenso por gradiente.
  Keras no la incluye.
* ``sigmoid`` (logística): :math:`\sigma(z) = 1/(1 + e^{-z})`, con
  :math:`\sigma'(z) = \sigma(z)\,(1 - \sigma(z))`. Su derivada vale como
  mucho 1/4, y casi 0 lejos del origen: la saturación que frena el
  aprendizaje en redes profundas.
* ``tanh``: :math:`\tanh(z)`, con :math:`\tanh'(z) = 1 - \tanh^2(z)`.
  Como la sigmoide pero centrada en 0 y con derivada máxima 1.
* ``relu`` (unidad lineal rectificada): :math:`\max(0, z)`, con derivada 1
  si :math:`z > 0` y 0 si no (en :math:`z = 0` tomamos 0, como TensorFlow).
* ``leaky_relu``: :math:`z` si :math:`z > 0` y :math:`\alpha z` si no, con
  ``negative_slope`` :math:`\alpha = 0.2` por defecto (el valor de Keras 3).
  Derivada 1 o :math:`\alpha` (en 0, :math:`\alpha`).
* ``elu``: :math:`z` si :math:`z > 0` y :math:`\alpha (e^{z} - 1)` si no
  (``alpha`` = 1 por defecto). Derivada 1 o :math:`\alpha e^{z}` (en 0,
  :math:`\alpha`).
* ``gelu`` (forma exacta, la de Keras por defecto):
  :math:`z\,\Phi(z)`, donde :math:`\Phi(z) = \tfrac12\,\mathrm{erfc}(-z/\sqrt2)`
  es la función de distribución de la normal estándar. Su derivada es
  :math:`\Phi(z) + z\,\varphi(z)`, con :math:`\varphi(z) = e^{-z^2/2}/\sqrt{2\pi}`.
* ``swish`` (también llamada ``silu``): :math:`z\,\sigma(z)`, con derivada
  :math:`\sigma(z)\,(1 + z\,(1 - \sigma(z)))`.
* ``softmax``: convierte un vector en una distribución de probabilidad,
  :math:`s_i = e^{z_i} / \sum_j e^{z_j}`, a lo largo del último eje.
  No es elemento a elemento: su jacobiana es
  :math:`\partial s_i/\partial z_j = s_i(\delta_{ij} - s_j)`.
  ``derivative`` devuelve su diagonal, :math:`s_i(1 - s_i)`, y ``backward``
  el producto completo jacobiana-vector,
  :math:`s \odot (g - \sum_j g_j s_j)`.

Estabilidad numérica: nada desborda aunque :math:`|z|` sea enorme (1e4 o
más). La sigmoide se calcula con :math:`e^{-|z|}`, que nunca pasa de 1;
softmax resta el máximo antes de exponenciar; elu exponencia solo la parte
negativa y usa ``expm1`` para no perder cifras cerca de 0; gelu usa ``erfc``
para que la cola negativa no se redondee a 0.

Los valores no finitos (NaN, infinito) se propagan sin error, como en Keras:
quien detecta la divergencia del entrenamiento es la función de pérdida.
"""
from __future__ import annotations

import math

import numpy as np

from nnlib._checks import as_float_array, describe, positive_number, resolve, same_shape

__all__ = [
    "Activation", "Linear", "Step", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "ELU", "GELU",
    "Swish", "Softmax", "get",
    "linear", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "swish", "softmax",
]

# math.erfc tiene precisión completa en float64; np.frompyfunc la aplica
# elemento a elemento (NumPy no trae erf y no queremos depender de SciPy).
_erfc = np.frompyfunc(math.erfc, 1, 1)
_SQRT2 = math.sqrt(2.0)
_SQRT2PI = math.sqrt(2.0 * math.pi)


def _as_array(x, name):
    """Convierte ``x`` en arreglo real (float32 se conserva; lo demás pasa a float64).

    Texto, ``None`` o filas de distinto largo dan un error en español; NaN,
    infinitos y arreglos vacíos pasan (se propagan, como en Keras).
    """
    return as_float_array(x, name, allow_empty=True, finite=False)


def _exp_neg_abs(z):
    """:math:`e^{-|z|}`: siempre en (0, 1], nunca desborda."""
    return np.exp(-np.abs(z))


class Activation:
    """Base de todas las activaciones.

    Cada subclase define ``_value(z)`` y ``_derivative(z)`` sobre un arreglo
    ya validado; la base se encarga de validar la entrada y de conservar el
    tipo (float32 o float64).
    """

    name = "activation"

    def __call__(self, z):
        """Valor :math:`f(z)`, con la misma forma que ``z``."""
        z = _as_array(z, "z")
        return np.asarray(self._value(z), dtype=z.dtype)

    def derivative(self, z):
        """Derivada :math:`f'(z)`, elemento a elemento."""
        z = _as_array(z, "z")
        return np.asarray(self._derivative(z), dtype=z.dtype)

    def backward(self, z, grad_output):
        """:math:`\\partial L/\\partial z` dado ``grad_output`` = :math:`\\partial L/\\partial a`.

        Para una activación elemento a elemento es ``grad_output * f'(z)``.
        """
        z, g = self._check_backward(z, grad_output)
        return np.asarray(g * self._derivative(z), dtype=np.result_type(z, g))

    def get_config(self):
        """Hiperparámetros de la activación (vacío si no tiene)."""
        return {}

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"

    @staticmethod
    def _check_backward(z, grad_output):
        z = _as_array(z, "z")
        g = _as_array(grad_output, "grad_output")
        same_shape(z, g, "z", "grad_output")
        return z, g

    def _value(self, z):  # pragma: no cover - lo definen las subclases
        raise NotImplementedError

    def _derivative(self, z):  # pragma: no cover - lo definen las subclases
        raise NotImplementedError


class Linear(Activation):
    """Identidad: :math:`f(z) = z`, :math:`f'(z) = 1`."""

    name = "linear"

    def _value(self, z):
        return z.copy()

    def _derivative(self, z):
        return np.ones_like(z)


class Step(Activation):
    """Escalón de Heaviside: 1 si :math:`z \\ge 0`, 0 si no; derivada 0."""

    name = "step"

    def _value(self, z):
        return (z >= 0).astype(z.dtype)

    def _derivative(self, z):
        return np.zeros_like(z)


def _sigmoid(z):
    """Sigmoide estable: con e = e^{-|z|}, vale 1/(1+e) si z >= 0 y e/(1+e) si no."""
    # Las dos ramas son la misma función; usar e^{-|z|} evita que e^{-z} desborde.
    e = _exp_neg_abs(z)
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_derivative(z):
    """σ(1-σ) escrita como e/(1+e)² con e = e^{-|z|}: sin la resta 1-σ, que pierde cifras."""
    e = _exp_neg_abs(z)
    return e / (1.0 + e) ** 2


class Sigmoid(Activation):
    """Sigmoide logística :math:`1/(1+e^{-z})`, con derivada :math:`\\sigma(1-\\sigma)`."""

    name = "sigmoid"

    def _value(self, z):
        return _sigmoid(z)

    def _derivative(self, z):
        return _sigmoid_derivative(z)


class Tanh(Activation):
    """Tangente hiperbólica, con derivada :math:`1 - \\tanh^2(z)`."""

    name = "tanh"

    def _value(self, z):
        return np.tanh(z)

    def _derivative(self, z):
        # 1 - tanh² = 1/cosh² = 4e/(1+e)² con e = e^{-2|z|} (no desborda).
        e = np.exp(-2.0 * np.abs(z))
        return 4.0 * e / (1.0 + e) ** 2


class ReLU(Activation):
    """:math:`\\max(0, z)`; derivada 1 si :math:`z > 0` y 0 si no."""

    name = "relu"

    def _value(self, z):
        return np.maximum(z, 0.0)

    def _derivative(self, z):
        return (z > 0).astype(z.dtype)


class LeakyReLU(Activation):
    """:math:`z` si :math:`z > 0`, :math:`\\alpha z` si no (``negative_slope`` = 0.2, como Keras 3)."""

    name = "leaky_relu"

    def __init__(self, negative_slope=0.2):
        self.negative_slope = float(positive_number(negative_slope, "negative_slope", allow_zero=True))

    def _value(self, z):
        return np.where(z > 0, z, self.negative_slope * z)

    def _derivative(self, z):
        return np.where(z > 0, 1.0, self.negative_slope)

    def get_config(self):
        return {"negative_slope": self.negative_slope}


class ELU(Activation):
    """:math:`z` si :math:`z > 0`, :math:`\\alpha(e^z - 1)` si no (``alpha`` = 1.0)."""

    name = "elu"

    def __init__(self, alpha=1.0):
        self.alpha = float(positive_number(alpha, "alpha", allow_zero=True))

    def _value(self, z):
        # Solo se exponencia la parte negativa: e^{1e4} desbordaría.
        return np.where(z > 0, z, self.alpha * np.expm1(np.minimum(z, 0.0)))

    def _derivative(self, z):
        return np.where(z > 0, 1.0, self.alpha * np.exp(np.minimum(z, 0.0)))

    def get_config(self):
        return {"alpha": self.alpha}


def _normal_cdf(z):
    """:math:`\\Phi(z) = \\tfrac12\\,\\mathrm{erfc}(-z/\\sqrt2)`, exacta también en la cola negativa."""
    return 0.5 * np.asarray(_erfc(-z / _SQRT2), dtype=np.float64)


def _normal_pdf(z):
    """:math:`\\varphi(z) = e^{-z^2/2}/\\sqrt{2\\pi}` (vale 0 en la práctica para :math:`|z| > 40`)."""
    zc = np.minimum(np.abs(z), 40.0)  # evita desbordar z² con entradas gigantes
    return np.exp(-0.5 * zc * zc) / _SQRT2PI


class GELU(Activation):
    """GELU exacta :math:`z\\,\\Phi(z)`, con derivada :math:`\\Phi(z) + z\\,\\varphi(z)`."""

    name = "gelu"

    def _value(self, z):
        return z * _normal_cdf(z)

    def _derivative(self, z):
        return _normal_cdf(z) + z * _normal_pdf(z)


class Swish(Activation):
    """Swish o SiLU: :math:`z\\,\\sigma(z)`, con derivada :math:`\\sigma(1 + z(1-\\sigma))`."""

    name = "swish"

    def _value(self, z):
        return z * _sigmoid(z)

    def _derivative(self, z):
        return _sigmoid(z) + z * _sigmoid_derivative(z)  # σ + z·σ(1-σ)


class Softmax(Activation):
    """Softmax a lo largo de ``axis`` (por defecto el último).

    ``derivative`` devuelve la diagonal de la jacobiana, :math:`s_i(1-s_i)`;
    para retropropagar hay que usar ``backward``, que aplica la jacobiana
    completa: :math:`s \\odot (g - \\sum_j g_j s_j)`.
    """

    name = "softmax"

    def __init__(self, axis=-1):
        if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
            raise TypeError(f"`axis` debe ser un entero; llegó {describe(axis)}.")
        self.axis = int(axis)

    def _softmax(self, z):
        if z.ndim == 0:
            raise ValueError("softmax necesita al menos un eje; llegó un escalar (forma ()).")
        if not -z.ndim <= self.axis < z.ndim:
            raise ValueError(
                f"`axis`={self.axis} no existe para una entrada de {z.ndim} dimensiones (forma {z.shape})."
            )
        if z.shape[self.axis] == 0:
            raise ValueError(f"softmax necesita al menos un valor en el eje {self.axis}; llegó forma {z.shape}.")
        # Restar el máximo no cambia el resultado y evita que e^{z} desborde.
        e = np.exp(z - np.max(z, axis=self.axis, keepdims=True))
        return e / np.sum(e, axis=self.axis, keepdims=True)

    def _value(self, z):
        return self._softmax(z)

    def _derivative(self, z):
        s = self._softmax(z)
        return s * (1.0 - s)

    def backward(self, z, grad_output):
        """Producto jacobiana-vector: :math:`s \\odot (g - \\sum_j g_j s_j)`."""
        z, g = self._check_backward(z, grad_output)
        s = self._softmax(z)
        out = s * (g - np.sum(g * s, axis=self.axis, keepdims=True))
        return np.asarray(out, dtype=np.result_type(z, g))

    def get_config(self):
        return {"axis": self.axis}


# Instancias listas para usar: activations.relu(z), activations.relu.derivative(z).
linear = Linear()
step = Step()
sigmoid = Sigmoid()
tanh = Tanh()
relu = ReLU()
leaky_relu = LeakyReLU()
elu = ELU()
gelu = GELU()
swish = Swish()
softmax = Softmax()

_BY_NAME = {
    "linear": Linear, "step": Step, "heaviside": Step, "sigmoid": Sigmoid, "tanh": Tanh,
    "relu": ReLU, "leaky_relu": LeakyReLU, "elu": ELU, "gelu": GELU,
    "swish": Swish, "silu": Swish, "softmax": Softmax,
}


def get(identifier):
    """Devuelve una activación a partir de su nombre, ``None`` o una instancia.

    * Un nombre (sin distinguir mayúsculas): ``"relu"``, ``"sigmoid"``,
      ``"silu"`` (sinónimo de ``"swish"``)... Cada llamada crea una instancia
      nueva con los parámetros por defecto.
    * ``None`` equivale a ``"linear"``, como en Keras.
    * Una instancia de :class:`Activation` se devuelve tal cual; una subclase
      se instancia con sus valores por defecto.
    """
    if identifier is None:
        return Linear()
    return resolve("activación", identifier, Activation, _BY_NAME)
