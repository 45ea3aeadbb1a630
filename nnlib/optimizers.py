"""Optimizadores: cómo se usa el gradiente para mover los pesos.

Todos parten del descenso por gradiente: con los parámetros :math:`\\theta`, el
gradiente de la pérdida :math:`g_t = \\nabla_\\theta L` y una tasa de
aprendizaje :math:`\\eta`, dar un paso cuesta abajo,
:math:`\\theta \\leftarrow \\theta - \\eta\\, g_t`. Los demás añaden memoria
(momento) o una tasa distinta para cada parámetro (métodos adaptativos). Las
reglas de abajo son exactamente las de Keras 3, con sus valores por defecto;
:math:`t = 1, 2, \\dots` cuenta las actualizaciones y todas las operaciones
son elemento a elemento.

**SGD** (``momentum`` :math:`\\mu`, por defecto 0)::

    sin momento:   θ ← θ − η g
    con momento:   m ← μ m − η g ;   θ ← θ + m
    Nesterov:      m ← μ m − η g ;   θ ← θ + μ m − η g

**Adagrad** (acumula los cuadrados; :math:`\\epsilon` va *dentro* de la raíz)::

    a ← a + g²          (a empieza en initial_accumulator_value = 0.1)
    θ ← θ − η g / √(a + ε)

**Adadelta** (Zeiler, 2012; medias móviles con :math:`\\rho`)::

    E[g²] ← ρ E[g²] + (1 − ρ) g²
    Δ     ← −√(E[Δ²] + ε) · g / √(E[g²] + ε)
    E[Δ²] ← ρ E[Δ²] + (1 − ρ) Δ²
    θ     ← θ + η Δ          (Keras multiplica por η = 0.001; el artículo usa η = 1)

**RMSprop** (Hinton; :math:`\\epsilon` va *dentro* de la raíz)::

    v ← ρ v + (1 − ρ) g²
    centrado:  ḡ ← ρ ḡ + (1 − ρ) g ;  d = v − ḡ² + ε     (resta la media: una varianza)
    normal:    d = v + ε
    Δ = η g / √d
    con momento:  m ← μ m + Δ ;  θ ← θ − m
    sin momento:  θ ← θ − Δ

**Adam** (Kingma y Ba, 2015) con la corrección de sesgo metida en la tasa::

    m ← m + (1 − β₁)(g − m)              (media móvil de g)
    v ← v + (1 − β₂)(g² − v)             (media móvil de g²)
    α_t = η √(1 − β₂ᵗ) / (1 − β₁ᵗ)
    θ ← θ − α_t m / (√v + ε)

Como :math:`\\epsilon` se suma a :math:`\\sqrt{v}` *sin* corregir, es el
":math:`\\hat\\epsilon`" del artículo; equivale a
:math:`\\theta \\leftarrow \\theta - \\eta\\, \\hat m / (\\sqrt{\\hat v} + \\epsilon/\\sqrt{1-\\beta_2^t})`
con :math:`\\hat m = m/(1-\\beta_1^t)`, :math:`\\hat v = v/(1-\\beta_2^t)`.
Con ``amsgrad=True`` se usa :math:`v_{max} \\leftarrow \\max(v_{max}, v)` en lugar de :math:`v`.

**AdamW** (Loshchilov y Hutter, 2019): decaimiento de pesos *desacoplado*.
Primero encoge los pesos y después da el paso de Adam con el gradiente sin tocar::

    θ ← θ − η λ θ        (λ = weight_decay = 0.004)
    θ ← paso de Adam

(en Adam con regularización L2, en cambio, :math:`\\lambda\\theta` se suma al
gradiente y queda dividido por :math:`\\sqrt{v}`). En Keras cualquier
optimizador acepta ``weight_decay``; aquí también, con la misma regla.

Antes de la regla, y en este orden, Keras (y este módulo) hace:

1. **Recorte** del gradiente (solo uno a la vez):
   ``clipnorm=c``: cada gradiente se escala a :math:`g\\,c/\\max(\\lVert g\\rVert, c)`;
   ``global_clipnorm=c``: lo mismo con la norma de *todos* los gradientes juntos;
   ``clipvalue=c``: cada componente se recorta a :math:`[-c, c]`.
2. **Decaimiento de pesos** (si ``weight_decay`` no es ``None``): :math:`\\theta \\leftarrow \\theta - \\eta\\lambda\\theta`.
3. La regla del optimizador. Después, ``iterations`` aumenta en 1.

**Estado.** Los optimizadores con memoria guardan, para cada parámetro, unos
arreglos de su misma forma, con los nombres de Keras y un solo significado
en todos: ``momentum`` (:math:`m`: el momento, una media de los gradientes
pasados), ``velocity`` (:math:`v`: la media móvil de :math:`g^2`),
``velocity_hat`` (el máximo de :math:`v`, con ``amsgrad``),
``average_gradient`` (:math:`\\bar g`, en RMSprop centrado), ``accumulator``
(Adagrad), ``accumulated_grad`` y ``accumulated_delta_var`` (Adadelta). El
estado va *según la posición en la lista* que recibe ``update``: el estado
``i`` pertenece a ``params[i]``. Por eso hay que pasar siempre los mismos
parámetros en el mismo orden (lo hace ``Sequential.fit``). Si cambian el
número o las formas, ``update`` lanza un error; ``reset()`` borra el estado.
Como en Keras, ``opt.momentums`` y ``opt.velocities`` son las listas de los
momentos y las velocidades, una por parámetro.

**Cómo se lee cada optimizador.** Como en Keras, cada clase tiene solo dos
piezas: ``build(param)``, que crea el estado de un parámetro, y
``update_step(param, grad, lr, **estado)``, la regla, escrita como su
fórmula. Todo lo común (recorte, decaimiento de pesos, la tasa del paso, el
contador ``iterations``) está en la base, :class:`Optimizer`; las
comprobaciones de los argumentos, en ``nnlib._optimizer_checks``.

**Tasa de aprendizaje.** ``learning_rate`` puede ser un número o un programa
de ``nnlib.schedules``; el programa se evalúa en ``iterations`` antes de
incrementarlo. Como en Keras, leer ``opt.learning_rate`` da el valor actual
(un float) y se puede asignar un número nuevo (lo hacen los *callbacks*).
"""
from __future__ import annotations

import math

import numpy as np

from nnlib import _optimizer_checks as check
from nnlib._checks import boolean, resolve
from nnlib.schedules import LearningRateSchedule


class Optimizer:
    """Base común: recorte, decaimiento de pesos, tasa (número o programa) y estado por posición.

    Cada optimizador define ``build(param)`` (su estado para un parámetro) y
    ``update_step(param, grad, lr, **estado)`` (su regla).
    """

    def __init__(self, learning_rate, *, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, name=None, **unknown):
        check.no_unknown_arguments(type(self), unknown)
        self._learning_rate = check.learning_rate(learning_rate)
        self.weight_decay = None if weight_decay is None else check.positive(
            weight_decay, "weight_decay", allow_zero=True)
        self.clipnorm, self.clipvalue, self.global_clipnorm = check.clipping(clipnorm, clipvalue, global_clipnorm)
        self.name = name or type(self).__name__.lower()
        self.iterations = 0  # pasos ya dados: el paso en curso es el t = iterations + 1
        self._states = None  # un diccionario de arreglos por parámetro, en el orden de `params`
        self._shapes = None  # las formas con que se construyó el estado

    def update(self, params, grads):
        """Actualiza ``params`` en su sitio con ``grads`` (listas de arreglos, mismo orden)."""
        grads = check.update_arguments(params, grads, self._shapes)
        self.apply(params, grads)

    def apply(self, params, grads):
        """Lo mismo que :meth:`update` sin comprobar los argumentos (``fit`` ya sabe que son buenos)."""
        if not params:  # como Keras: sin gradientes no hay nada que hacer
            return
        if self._states is None:
            self._states = [self.build(p) for p in params]
            self._shapes = [p.shape for p in params]
        grads = self.clip_gradients(grads)                    # 1. recorte
        lr = self.learning_rate
        for param, grad, state in zip(params, grads, self._states):
            if self.weight_decay is not None:                 # 2. decaimiento de pesos
                param -= param * self.weight_decay * lr
            for p, g, s in _blocks(param, grad, state):       # 3. la regla de cada optimizador
                self.update_step(p, g, lr, **s)
        self.iterations += 1

    def clip_gradients(self, grads):
        """El recorte de Keras: ``clipnorm`` (cada gradiente), ``global_clipnorm`` (todos) o ``clipvalue``."""
        if self.clipnorm is not None:
            return [g * self.clipnorm / max(float(np.sqrt(np.sum(g * g))), self.clipnorm) for g in grads]
        if self.global_clipnorm is not None:
            norm = float(np.sqrt(sum(np.sum(g * g) for g in grads)))
            return [g * (self.global_clipnorm * min(1.0 / norm if norm > 0 else np.inf,
                                                    1.0 / self.global_clipnorm)) for g in grads]
        if self.clipvalue is not None:
            return [np.clip(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads

    def build(self, param):
        """El estado de un parámetro: diccionario de arreglos con su forma (vacío si no hace falta)."""
        return {}

    def update_step(self, param, grad, lr, **state):  # pragma: no cover - lo define cada optimizador
        """La regla: cambia ``param`` (y el estado) en su sitio con el gradiente ``grad`` y la tasa ``lr``."""
        raise NotImplementedError

    def reset(self):
        """Olvida el estado (momentos, acumuladores) y vuelve a ``iterations = 0``."""
        self._states, self._shapes, self.iterations = None, None, 0

    @property
    def momentums(self):
        """El momento :math:`m` de cada parámetro, en el orden de ``params`` (como en Keras).

        Lista vacía si el optimizador no usa momento o aún no ha dado ningún paso.
        """
        return [state["momentum"] for state in self._states or [] if "momentum" in state]

    @property
    def velocities(self):
        """La velocidad :math:`v` (media móvil de :math:`g^2`) de cada parámetro, como en Keras."""
        return [state["velocity"] for state in self._states or [] if "velocity" in state]

    @property
    def learning_rate(self):
        """Tasa actual: el número dado o el programa evaluado en ``iterations``."""
        if isinstance(self._learning_rate, LearningRateSchedule):
            return float(self._learning_rate(self.iterations))  # un float de Python: no cambia el tipo de los pesos
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        value = check.learning_rate(value)
        if isinstance(self._learning_rate, LearningRateSchedule) and not isinstance(value, LearningRateSchedule):
            raise TypeError(
                "Este optimizador se creó con un programa de tasa de aprendizaje, así que la tasa no se puede "
                "fijar a un número; cree el optimizador con un `learning_rate` numérico."
            )
        self._learning_rate = value

    def get_config(self):
        lr = self._learning_rate
        if isinstance(lr, LearningRateSchedule):
            lr = {"class_name": type(lr).__name__, "config": lr.get_config()}
        return {"name": self.name, "learning_rate": lr, "weight_decay": self.weight_decay,
                "clipnorm": self.clipnorm, "global_clipnorm": self.global_clipnorm, "clipvalue": self.clipvalue}

    def __repr__(self):
        return f"{type(self).__name__}(learning_rate={self._learning_rate!r})"


class SGD(Optimizer):
    """Descenso por gradiente estocástico, con momento clásico o de Nesterov."""

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.momentum = check.fraction(momentum, "momentum")
        self.nesterov = boolean(nesterov, "nesterov")

    def build(self, param):
        return {"momentum": np.zeros_like(param)} if self.momentum != 0 else {}

    def update_step(self, param, grad, lr, momentum=None):
        if momentum is None:
            param -= lr * grad                                # θ ← θ − η g
            return
        m = momentum
        m[...] = self.momentum * m - lr * grad                # m ← μ m − η g
        if self.nesterov:
            param += self.momentum * m - lr * grad            # θ ← θ + μ m − η g
        else:
            param += m                                        # θ ← θ + m

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum, "nesterov": self.nesterov}


class Adagrad(Optimizer):
    """Tasa propia para cada parámetro, que baja según la suma de sus gradientes al cuadrado."""

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.initial_accumulator_value = check.positive(
            initial_accumulator_value, "initial_accumulator_value", allow_zero=True)
        self.epsilon = check.positive(epsilon, "epsilon")

    def build(self, param):
        return {"accumulator": np.full_like(param, self.initial_accumulator_value)}

    def update_step(self, param, grad, lr, accumulator):
        a = accumulator
        a += grad * grad                                      # a ← a + g²
        param -= lr * grad / np.sqrt(a + self.epsilon)        # θ ← θ − η g / √(a + ε)

    def get_config(self):
        return {**super().get_config(), "initial_accumulator_value": self.initial_accumulator_value,
                "epsilon": self.epsilon}


class Adadelta(Optimizer):
    """Adagrad con medias móviles y un paso en las mismas unidades que los parámetros."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.rho = check.fraction(rho, "rho")
        self.epsilon = check.positive(epsilon, "epsilon")

    def build(self, param):
        return {"accumulated_grad": np.zeros_like(param), "accumulated_delta_var": np.zeros_like(param)}

    def update_step(self, param, grad, lr, accumulated_grad, accumulated_delta_var):
        rho, eps = self.rho, self.epsilon
        eg2, edx2 = accumulated_grad, accumulated_delta_var
        eg2[...] = rho * eg2 + (1 - rho) * grad * grad                    # E[g²] ← ρ E[g²] + (1 − ρ) g²
        delta = -np.sqrt(edx2 + eps) * grad / np.sqrt(eg2 + eps)         # Δ = −√(E[Δ²] + ε) g / √(E[g²] + ε)
        edx2[...] = rho * edx2 + (1 - rho) * delta * delta                # E[Δ²] ← ρ E[Δ²] + (1 − ρ) Δ²
        param += lr * delta                                               # θ ← θ + η Δ

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "epsilon": self.epsilon}


class RMSprop(Optimizer):
    """Divide el gradiente por la raíz de una media móvil de sus cuadrados."""

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.rho = check.fraction(rho, "rho")
        self.momentum = check.fraction(momentum, "momentum")
        self.epsilon = check.positive(epsilon, "epsilon")
        self.centered = boolean(centered, "centered")

    def build(self, param):
        state = {"velocity": np.zeros_like(param)}
        if self.momentum > 0:
            state["momentum"] = np.zeros_like(param)
        if self.centered:
            state["average_gradient"] = np.zeros_like(param)
        return state

    def update_step(self, param, grad, lr, velocity, momentum=None, average_gradient=None):
        rho, v = self.rho, velocity
        v[...] = rho * v + (1 - rho) * grad * grad                        # v ← ρ v + (1 − ρ) g²
        if average_gradient is not None:
            g_mean = average_gradient
            g_mean[...] = rho * g_mean + (1 - rho) * grad                 # ḡ ← ρ ḡ + (1 − ρ) g
            denominator = v - g_mean * g_mean + self.epsilon              # d = v − ḡ² + ε
        else:
            denominator = v + self.epsilon                                # d = v + ε
        increment = lr * grad / np.sqrt(denominator)                      # Δ = η g / √d
        if momentum is not None:
            m = momentum
            m[...] = self.momentum * m + increment                        # m ← μ m + Δ
            param -= m                                                    # θ ← θ − m
        else:
            param -= increment                                            # θ ← θ − Δ

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "momentum": self.momentum,
                "epsilon": self.epsilon, "centered": self.centered}


class Adam(Optimizer):
    """Momento (media de g) más escala adaptativa (media de g²), con corrección de sesgo."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.beta_1 = check.fraction(beta_1, "beta_1")
        self.beta_2 = check.fraction(beta_2, "beta_2")
        self.epsilon = check.positive(epsilon, "epsilon")
        self.amsgrad = boolean(amsgrad, "amsgrad")

    def build(self, param):
        state = {"momentum": np.zeros_like(param), "velocity": np.zeros_like(param)}
        if self.amsgrad:
            state["velocity_hat"] = np.zeros_like(param)
        return state

    def update_step(self, param, grad, lr, momentum, velocity, velocity_hat=None):
        m, v = momentum, velocity
        t = self.iterations + 1  # este paso: `iterations` cuenta los ya dados y la base lo sube al terminar
        # Keras mete la corrección de sesgo del artículo en la tasa: α_t m / (√v + ε) es
        # η m̂ / (√v̂ + ε̂), con m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ) y ε̂ = ε / √(1 − β₂ᵗ).
        alpha = lr * math.sqrt(1 - self.beta_2 ** t) / (1 - self.beta_1 ** t)  # un float de Python: no cambia el tipo
        m += (grad - m) * (1 - self.beta_1)                   # m ← β₁ m + (1 − β₁) g
        v += (grad * grad - v) * (1 - self.beta_2)            # v ← β₂ v + (1 − β₂) g²
        if velocity_hat is not None:                          # amsgrad: el mayor v visto hasta ahora
            np.maximum(velocity_hat, v, out=velocity_hat)
            v = velocity_hat
        param -= m * alpha / (np.sqrt(v) + self.epsilon)      # θ ← θ − α_t m / (√v + ε)

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2,
                "epsilon": self.epsilon, "amsgrad": self.amsgrad}


class AdamW(Adam):
    """Adam con decaimiento de pesos desacoplado (la base lo aplica antes del paso de Adam)."""

    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, **kwargs):
        if weight_decay is None:
            raise ValueError("`weight_decay` debe ser un número mayor o igual que 0 en AdamW; llegó None.")
        super().__init__(learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon, amsgrad=amsgrad,
                         weight_decay=weight_decay, **kwargs)


_NAMES = {"sgd": SGD, "adagrad": Adagrad, "adadelta": Adadelta, "rmsprop": RMSprop, "adam": Adam, "adamw": AdamW}


def get(identifier):
    """Devuelve un optimizador: por nombre de Keras (``"adam"``, ``"SGD"``...), con sus valores
    por defecto, o la misma instancia si ya lo es."""
    return resolve("optimizador", identifier, Optimizer, _NAMES)


# --- detalles ------------------------------------------------------------------------------------
_BLOCK = 16384  # elementos por trozo: 64 KB en float32, 128 KB en float64


def _blocks(param, grad, state):
    """``(param, grad, estado)`` en trozos consecutivos de ``_BLOCK`` elementos (vistas, no copias).

    Cada operación de una regla (``grad - m``, ``np.sqrt(v)``...) crea un
    arreglo temporal. Con un parámetro grande, esos temporales no caben en la
    caché del procesador y cada operación recorre la memoria entera; por
    trozos, caben. Las cuentas de cada elemento son las mismas, así que el
    resultado es idéntico. Un arreglo que no es contiguo va entero.
    """
    arrays = [param, *state.values()]
    if param.size <= _BLOCK or not all(a.flags.c_contiguous for a in arrays):
        yield param, grad, state
        return
    param, grad = param.reshape(-1), grad.reshape(-1)  # vistas planas (`grad` se copia si no es contiguo)
    state = {key: value.reshape(-1) for key, value in state.items()}
    for start in range(0, param.size, _BLOCK):
        part = slice(start, start + _BLOCK)
        yield param[part], grad[part], {key: value[part] for key, value in state.items()}
