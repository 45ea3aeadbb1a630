r"""Capas: los bloques con los que se apila una red.

Una capa recibe un lote de entradas ``x`` de forma ``(N, n_in)`` (N muestras,
una por fila) y devuelve otro de forma ``(N, n_out)``. Para entrenar necesita
dos pasos:

* **hacia delante** (``forward``): calcula la salida y guarda lo que
  necesitará después;
* **hacia atrás** (``backward``): recibe :math:`\partial L/\partial a`, el
  gradiente de la pérdida respecto de su salida, calcula los gradientes de
  sus parámetros y devuelve :math:`\partial L/\partial x`, el gradiente
  respecto de su entrada, para la capa anterior. Es la regla de la cadena,
  capa a capa: la retropropagación (*backpropagation*).
  La primera capa no lo necesita (sus entradas son los datos, que no se
  entrenan): el modelo la llama con ``input_grad=False`` y se ahorra una
  multiplicación de matrices.

**Dense** (totalmente conectada). Con pesos :math:`W` de forma
``(n_in, n_out)`` (el ``kernel`` de Keras), sesgos :math:`b` de forma
``(n_out,)`` y activación :math:`f`:

.. math::

    z = x W + b, \qquad a = f(z).

Hacia atrás, con :math:`g = \partial L/\partial a` (forma ``(N, n_out)``):

.. math::

    \delta = \frac{\partial L}{\partial z} = g \odot f'(z), \qquad
    \frac{\partial L}{\partial W} = x^\top \delta, \qquad
    \frac{\partial L}{\partial b} = \sum_{\text{filas}} \delta, \qquad
    \frac{\partial L}{\partial x} = \delta W^\top.

(Con softmax, :math:`\delta` no es un producto elemento a elemento: lo calcula
``activation.backward``, que aplica la jacobiana completa.) El producto
:math:`x^\top\delta` suma las contribuciones de las N muestras del lote; como
la pérdida ya es una media, su gradiente trae el :math:`1/N` incluido.

Tiene :math:`(n_{in} + 1)\,n_{out}` parámetros: un peso por cada par
entrada-neurona y un sesgo por neurona. Si tiene regularizadores, sus
penalizaciones se suman a la pérdida y sus gradientes a ``dW`` y ``db``.

**Dropout** (Srivastava et al., 2014). Durante el entrenamiento apaga cada
entrada con probabilidad ``rate`` y multiplica las demás por
:math:`1/(1-\text{rate})` (*inverted dropout*), para que la salida valga lo
mismo en media; al predecir no hace nada. Hacia atrás deja pasar el
gradiente solo por las entradas que no apagó, con la misma escala.

**Activation**: aplica solo una activación, :math:`a = f(x)`, sin parámetros.
"""
from __future__ import annotations

import numpy as np

from nnlib import activations, initializers, regularizers
from nnlib._checks import as_float_array, boolean, describe, positive_number
from nnlib._checks import seed as check_seed

__all__ = ["Layer", "Dense", "Dropout", "Activation"]


def _check_input_dim(input_dim):
    if input_dim is None:
        return None
    return int(positive_number(input_dim, "input_dim", integer=True))


class Layer:
    """Base de las capas.

    Atributos comunes: ``name`` (lo pone el modelo si no se da), ``built``
    (si ya tiene pesos), ``input_dim`` y ``output_dim`` (columnas de entrada y
    de salida). Las capas sin parámetros devuelven listas vacías en
    ``params`` y ``grads``.
    """

    def __init__(self, name=None):
        if name is not None and not isinstance(name, str):
            raise TypeError(f"`name` debe ser un texto; llegó {describe(name)}.")
        self.name = name
        self.built = False
        self.input_dim = None
        self.output_dim = None

    def build(self, input_dim, rng):
        """Crea los parámetros para entradas de ``input_dim`` columnas, sorteando con ``rng``."""
        self.input_dim = _check_input_dim(input_dim)
        self.output_dim = self.input_dim
        self.built = True

    def forward(self, x, training=False):  # pragma: no cover - lo define cada subclase
        raise NotImplementedError

    def backward(self, grad_output, input_grad=True):  # pragma: no cover - lo define cada subclase
        """Recibe dL/da y devuelve dL/dx; con ``input_grad=False`` no lo calcula y devuelve ``None``
        (la primera capa no lo necesita: sus entradas son los datos)."""
        raise NotImplementedError

    @property
    def params(self):
        """Parámetros entrenables (la lista que actualiza el optimizador)."""
        return []

    @property
    def grads(self):
        """Gradientes de los parámetros, en el mismo orden que ``params``."""
        return []

    def count_params(self):
        """Número de parámetros entrenables."""
        return int(sum(p.size for p in self.params))

    def get_weights(self):
        """Copia de los parámetros (como ``keras.layers.Layer.get_weights``)."""
        return [p.copy() for p in self.params]

    def set_weights(self, weights):
        """Sustituye los parámetros; ``weights`` es una lista con las formas de ``get_weights()``."""
        if self.params:  # pragma: no cover - las capas con parámetros lo redefinen
            raise NotImplementedError
        if len(weights) != 0:
            raise ValueError(
                f"La capa '{self.name}' no tiene parámetros; `weights` debe ser una lista vacía y tiene "
                f"{len(weights)} elementos."
            )

    def regularization_loss(self):
        """Suma de las penalizaciones de los regularizadores de la capa (0.0 si no tiene)."""
        return 0.0

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name!r}, salida={self.output_dim}>"


class Dense(Layer):
    """Capa totalmente conectada: ``a = activation(x @ W + b)``.

    Parámetros (los de ``keras.layers.Dense``): ``units`` (neuronas),
    ``activation`` (nombre, ``None`` = lineal, o una ``Activation``),
    ``use_bias``, ``input_dim`` (solo hace falta en la primera capa),
    ``kernel_initializer``, ``bias_initializer``, ``kernel_regularizer``,
    ``bias_regularizer`` y ``name``. Tras construirse tiene ``W`` de forma
    ``(input_dim, units)`` y ``b`` de forma ``(units,)`` (``None`` si
    ``use_bias=False``); tras ``backward``, ``dW`` y ``db``.
    """

    def __init__(self, units, activation=None, use_bias=True, input_dim=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, name=None, input_shape=None):
        super().__init__(name)
        self.units = int(positive_number(units, "units", integer=True))
        self.activation = activations.get(activation)
        self.use_bias = boolean(use_bias, "use_bias")
        if input_shape is not None:  # comodidad para quien viene de Keras: input_shape=(n,)
            if not isinstance(input_shape, (tuple, list)) or len(input_shape) != 1:
                raise ValueError(
                    f"`input_shape` debe ser una tupla con un número, (n_entradas,); llegó {input_shape!r}."
                )
            if input_dim is not None and input_dim != input_shape[0]:
                raise ValueError(f"`input_dim`={input_dim} y `input_shape`={input_shape} no coinciden.")
            input_dim = input_shape[0]
        self.input_dim = _check_input_dim(input_dim)
        self.output_dim = self.units
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.W = self.b = self.dW = self.db = None

    def build(self, input_dim, rng):
        """Sortea ``W`` (forma ``(input_dim, units)``) y ``b`` (forma ``(units,)``) con los inicializadores."""
        input_dim = _check_input_dim(input_dim)
        if self.input_dim is not None and input_dim != self.input_dim:
            raise ValueError(
                f"La capa '{self.name}' se declaró con input_dim={self.input_dim}, pero le llegan "
                f"{input_dim} columnas."
            )
        self.input_dim = input_dim
        self.W = self.kernel_initializer((input_dim, self.units), rng)
        self.b = self.bias_initializer((self.units,), rng) if self.use_bias else None
        self.built = True

    def forward(self, x, training=False):
        """``z = x @ W + b``; ``a = activation(z)``. Guarda ``x`` y ``z`` para ``backward``."""
        self.x = x
        self.z = x @ self.W
        if self.use_bias:
            self.z += self.b
        return self.activation(self.z)

    def backward(self, grad_output, input_grad=True):
        """Recibe dL/da; guarda ``dW`` y ``db``; devuelve dL/dx (``None`` con ``input_grad=False``)."""
        delta = self.activation.backward(self.z, grad_output)          # dL/dz = g ⊙ f'(z)
        self.dW = (self.x.T @ delta).astype(self.W.dtype, copy=False)  # dL/dW = xᵀ δ
        if self.kernel_regularizer is not None:
            self.dW += self.kernel_regularizer.gradient(self.W)
        if self.use_bias:
            self.db = delta.sum(axis=0).astype(self.b.dtype, copy=False)  # dL/db = Σ_filas δ
            if self.bias_regularizer is not None:
                self.db += self.bias_regularizer.gradient(self.b)
        return delta @ self.W.T if input_grad else None                 # dL/dx = δ Wᵀ

    @property
    def params(self):
        return [self.W, self.b] if self.use_bias else [self.W]

    @property
    def grads(self):
        return [self.dW, self.db] if self.use_bias else [self.dW]

    def count_params(self):
        """``(n_in + 1) * n_out`` con sesgo, ``n_in * n_out`` sin él."""
        if not self.built:
            raise ValueError(
                f"La capa '{self.name}' aún no tiene pesos: indique input_dim o use el modelo antes."
            )
        return (self.input_dim + int(self.use_bias)) * self.units

    def set_weights(self, weights):
        """``[W, b]`` (o ``[W]`` sin sesgo), con las formas de ``get_weights()``; se copian."""
        expected = [(self.input_dim, self.units)] + ([(self.units,)] if self.use_bias else [])
        if not isinstance(weights, (list, tuple)) or len(weights) != len(expected):
            got = len(weights) if isinstance(weights, (list, tuple)) else describe(weights)
            raise ValueError(
                f"La capa '{self.name}' espera {len(expected)} arreglos de pesos con formas "
                f"{expected}; llegó {got}."
            )
        arrays = []
        for i, (w, shape) in enumerate(zip(weights, expected)):
            w = np.array(as_float_array(w, f"weights[{i}]"), copy=True)
            if w.shape != shape:
                raise ValueError(
                    f"weights[{i}] de la capa '{self.name}' debe tener forma {shape}; llegó {w.shape}."
                )
            arrays.append(w)
        self.W = arrays[0]
        self.b = arrays[1] if self.use_bias else None
        self.built = True

    def regularization_loss(self):
        """Penalización de ``kernel_regularizer(W)`` más ``bias_regularizer(b)``."""
        loss = 0.0
        if self.kernel_regularizer is not None:
            loss += self.kernel_regularizer(self.W)
        if self.use_bias and self.bias_regularizer is not None:
            loss += self.bias_regularizer(self.b)
        return loss


class Dropout(Layer):
    """Apaga al azar una fracción ``rate`` de las entradas, solo al entrenar (*inverted dropout*).

    ``seed``: como en Keras, una semilla propia para las máscaras; por defecto
    (``None``) se sortean con el generador del modelo (``Sequential(seed=...)``).
    """

    def __init__(self, rate, seed=None, name=None):
        super().__init__(name)
        self.seed = check_seed(seed)
        if isinstance(rate, bool) or not isinstance(rate, (int, float, np.integer, np.floating)):
            raise TypeError(f"`rate` debe ser un número en [0, 1); llegó {describe(rate)}.")
        if not 0 <= rate < 1:
            raise ValueError(
                f"`rate` (la fracción de entradas que se apagan) debe estar en [0, 1); llegó {rate!r}."
            )
        self.rate = float(rate)
        self.rng = None
        self.mask = None

    def build(self, input_dim, rng):
        """Sin parámetros: guarda ``rng`` (o uno propio, si tiene ``seed``) para sortear las máscaras."""
        super().build(input_dim, rng)
        self.rng = rng if self.seed is None else np.random.default_rng(self.seed)

    def forward(self, x, training=False):
        """Al entrenar, ``x * mascara / (1 - rate)``; al predecir, ``x`` tal cual."""
        if not training or self.rate == 0:
            self.mask = None
            return x
        keep = self.rng.random(x.shape) >= self.rate
        self.mask = keep.astype(x.dtype) / (1.0 - self.rate)
        return x * self.mask

    def backward(self, grad_output, input_grad=True):
        """El gradiente pasa solo por las entradas que no se apagaron (con la misma escala)."""
        if not input_grad:
            return None
        return grad_output if self.mask is None else grad_output * self.mask


class Activation(Layer):
    """Aplica una activación sin parámetros: ``a = activation(x)``."""

    def __init__(self, activation, name=None):
        super().__init__(name)
        self.activation = activations.get(activation)

    def forward(self, x, training=False):
        self.x = x
        return self.activation(x)

    def backward(self, grad_output, input_grad=True):
        return self.activation.backward(self.x, grad_output) if input_grad else None
