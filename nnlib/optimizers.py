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
    con momento:   v ← μ v − η g ;   θ ← θ + v
    Nesterov:      v ← μ v − η g ;   θ ← θ + μ v − η g

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
    centrado:  m_g ← ρ m_g + (1 − ρ) g ;  d = v − m_g² + ε     (resta la media: una varianza)
    normal:    d = v + ε
    Δ = η g / √d
    con momento:  s ← μ s + Δ ;  θ ← θ − s
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

**Estado.** Los optimizadores con memoria (momento, acumuladores) guardan un
estado por parámetro, *según su posición en la lista* que recibe ``update``:
el estado ``i`` pertenece a ``params[i]``. Por eso hay que pasar siempre los
mismos parámetros en el mismo orden (lo hace ``Sequential.fit``). Si cambian
el número o las formas, ``update`` lanza un error; ``reset()`` borra el estado.

**Tasa de aprendizaje.** ``learning_rate`` puede ser un número o un programa
de ``nnlib.schedules``; el programa se evalúa en ``iterations`` antes de
incrementarlo. Como en Keras, leer ``opt.learning_rate`` da el valor actual
(un float) y se puede asignar un número nuevo (lo hacen los *callbacks*).
"""
from __future__ import annotations

import inspect

import numpy as np

from nnlib._checks import as_float_array, positive_number, resolve, same_shape, unknown_name
from nnlib.schedules import LearningRateSchedule


def _fraction(value, name):
    """Un hiperparámetro en [0, 1): momentos, ρ, β."""
    positive_number(value, name, allow_zero=True)
    if value >= 1:
        raise ValueError(f"`{name}` debe estar en el intervalo [0, 1); llegó {value!r}.")
    return float(value)


def _check_learning_rate(value):
    if isinstance(value, LearningRateSchedule):
        return value
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return float(positive_number(value, "learning_rate", allow_zero=True))
    raise TypeError(
        "`learning_rate` debe ser un número mayor o igual que 0 o un programa de nnlib.schedules; "
        f"llegó {value!r} ({type(value).__name__})."
    )


class Optimizer:
    """Base común: recorte, decaimiento de pesos, tasa (número o programa) y estado por posición."""

    def __init__(self, learning_rate, *, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, name=None, **unknown):
        if unknown:
            key = next(iter(unknown))
            if key == "lr":  # el nombre antiguo de Keras 2
                raise TypeError(f"{type(self).__name__} no tiene el argumento 'lr'. ¿Quiso decir 'learning_rate'?")
            valid = [p for p in inspect.signature(type(self)).parameters if p != "kwargs"]
            valid += ["weight_decay", "clipnorm", "clipvalue", "global_clipnorm", "name"]
            raise TypeError(str(unknown_name(f"argumento de {type(self).__name__}", key, valid)))
        self._learning_rate = _check_learning_rate(learning_rate)
        self.weight_decay = None if weight_decay is None else float(
            positive_number(weight_decay, "weight_decay", allow_zero=True))
        clips = {"clipnorm": clipnorm, "clipvalue": clipvalue, "global_clipnorm": global_clipnorm}
        given = [k for k, v in clips.items() if v is not None]
        if len(given) > 1:
            raise ValueError(
                f"Solo se puede usar uno de `clipnorm`, `clipvalue` y `global_clipnorm`; llegaron {', '.join(given)}."
            )
        for k in given:
            positive_number(clips[k], k)
        self.clipnorm, self.clipvalue, self.global_clipnorm = (
            None if v is None else float(v) for v in (clipnorm, clipvalue, global_clipnorm))
        self.name = name or type(self).__name__.lower()
        self.iterations = 0
        self._states = None  # una entrada (dict de arreglos) por posición en la lista de parámetros
        self._shapes = None  # las formas con que se construyó el estado

    # --- Tasa de aprendizaje ---
    @property
    def learning_rate(self):
        """Tasa actual: el número dado o el programa evaluado en ``iterations``."""
        if isinstance(self._learning_rate, LearningRateSchedule):
            return self._learning_rate(self.iterations)
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        value = _check_learning_rate(value)
        if isinstance(self._learning_rate, LearningRateSchedule) and not isinstance(value, LearningRateSchedule):
            raise TypeError(
                "Este optimizador se creó con un programa de tasa de aprendizaje, así que la tasa no se puede "
                "fijar a un número; cree el optimizador con un `learning_rate` numérico."
            )
        self._learning_rate = value

    # --- Actualización ---
    def update(self, params, grads):
        """Actualiza ``params`` en su sitio con ``grads`` (listas de arreglos, mismo orden)."""
        params, grads = self._check(params, grads)
        if not params:  # como Keras: sin gradientes no hay nada que hacer
            return
        if self._states is None:
            self._states = [self._init_state(p) for p in params]
            self._shapes = [p.shape for p in params]
        grads = self._clip(grads)
        lr = self.learning_rate
        if self.weight_decay is not None:
            for p in params:
                p -= p * self.weight_decay * lr
        for p, g, s in zip(params, grads, self._states):
            self._update_one(p, g, s, lr)
        self.iterations += 1

    def reset(self):
        """Olvida el estado (momentos, acumuladores) y vuelve a ``iterations = 0``."""
        self._states, self._shapes, self.iterations = None, None, 0

    def _check(self, params, grads):
        if not isinstance(params, (list, tuple)) or not isinstance(grads, (list, tuple)):
            raise TypeError(
                f"`params` y `grads` deben ser listas de arreglos; llegaron {type(params).__name__} "
                f"y {type(grads).__name__}."
            )
        if len(params) != len(grads):
            raise ValueError(
                f"`params` y `grads` deben tener la misma longitud; llegaron {len(params)} parámetros "
                f"y {len(grads)} gradientes."
            )
        checked = []
        for i, (p, g) in enumerate(zip(params, grads)):
            if not isinstance(p, np.ndarray) or p.dtype not in (np.float32, np.float64):
                raise TypeError(
                    f"`params[{i}]` debe ser un numpy.ndarray float32 o float64 (se actualiza en su sitio); "
                    f"llegó {type(p).__name__} {getattr(p, 'dtype', '')}."
                )
            g = as_float_array(g, f"grads[{i}]", allow_empty=True)
            same_shape(p, g, f"params[{i}]", f"grads[{i}]")
            checked.append(g.astype(p.dtype, copy=False))
        shapes = [p.shape for p in params]
        if self._shapes is not None and shapes != self._shapes:
            raise ValueError(
                f"El optimizador guarda su estado por posición y se construyó para parámetros de formas "
                f"{self._shapes}; ahora llegaron {shapes}. Pase siempre los mismos parámetros en el mismo "
                "orden, o llame a reset() para empezar de cero."
            )
        return list(params), checked

    def _clip(self, grads):
        if self.clipnorm is not None:
            return [g * self.clipnorm / max(float(np.sqrt(np.sum(g * g))), self.clipnorm) for g in grads]
        if self.global_clipnorm is not None:
            norm = float(np.sqrt(sum(np.sum(g * g) for g in grads)))
            return [g * (self.global_clipnorm * min(1.0 / norm if norm > 0 else np.inf,
                                                    1.0 / self.global_clipnorm)) for g in grads]
        if self.clipvalue is not None:
            return [np.clip(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads

    def _init_state(self, param):
        """Estado inicial de un parámetro: dict de arreglos con su forma (vacío si no hace falta)."""
        return {}

    def _update_one(self, param, grad, state, lr):  # pragma: no cover - lo define cada subclase
        raise NotImplementedError

    # --- Configuración ---
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
        self.momentum = _fraction(momentum, "momentum")
        self.nesterov = bool(nesterov)

    def _init_state(self, param):
        return {"momentum": np.zeros_like(param)} if self.momentum != 0 else {}

    def _update_one(self, param, grad, state, lr):
        if self.momentum == 0:
            param -= lr * grad
            return
        v = state["momentum"]
        v[...] = self.momentum * v - lr * grad
        if self.nesterov:
            param += self.momentum * v - lr * grad
        else:
            param += v

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum, "nesterov": self.nesterov}


class Adagrad(Optimizer):
    """Tasa propia para cada parámetro, que baja según la suma de sus gradientes al cuadrado."""

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.initial_accumulator_value = float(positive_number(
            initial_accumulator_value, "initial_accumulator_value", allow_zero=True))
        self.epsilon = float(positive_number(epsilon, "epsilon"))

    def _init_state(self, param):
        return {"accumulator": np.full_like(param, self.initial_accumulator_value)}

    def _update_one(self, param, grad, state, lr):
        a = state["accumulator"]
        a += grad * grad
        param -= lr * grad / np.sqrt(a + self.epsilon)

    def get_config(self):
        return {**super().get_config(), "initial_accumulator_value": self.initial_accumulator_value,
                "epsilon": self.epsilon}


class Adadelta(Optimizer):
    """Adagrad con medias móviles y un paso en las mismas unidades que los parámetros."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.rho = _fraction(rho, "rho")
        self.epsilon = float(positive_number(epsilon, "epsilon"))

    def _init_state(self, param):
        return {"accumulated_grad": np.zeros_like(param), "accumulated_delta_var": np.zeros_like(param)}

    def _update_one(self, param, grad, state, lr):
        rho, eps = self.rho, self.epsilon
        eg2, edx2 = state["accumulated_grad"], state["accumulated_delta_var"]
        eg2[...] = rho * eg2 + (1 - rho) * grad * grad
        delta = -np.sqrt(edx2 + eps) * grad / np.sqrt(eg2 + eps)
        edx2[...] = rho * edx2 + (1 - rho) * delta * delta
        param += lr * delta

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "epsilon": self.epsilon}


class RMSprop(Optimizer):
    """Divide el gradiente por la raíz de una media móvil de sus cuadrados."""

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.rho = _fraction(rho, "rho")
        self.momentum = _fraction(momentum, "momentum")
        self.epsilon = float(positive_number(epsilon, "epsilon"))
        self.centered = bool(centered)

    def _init_state(self, param):
        state = {"velocity": np.zeros_like(param)}
        if self.momentum > 0:
            state["momentum"] = np.zeros_like(param)
        if self.centered:
            state["average_gradient"] = np.zeros_like(param)
        return state

    def _update_one(self, param, grad, state, lr):
        rho, v = self.rho, state["velocity"]
        v[...] = rho * v + (1 - rho) * grad * grad
        if self.centered:
            mg = state["average_gradient"]
            mg[...] = rho * mg + (1 - rho) * grad
            denominator = v - mg * mg + self.epsilon
        else:
            denominator = v + self.epsilon
        increment = lr * grad / np.sqrt(denominator)
        if self.momentum > 0:
            s = state["momentum"]
            s[...] = self.momentum * s + increment
            param -= s
        else:
            param -= increment

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "momentum": self.momentum,
                "epsilon": self.epsilon, "centered": self.centered}


class Adam(Optimizer):
    """Momento (media de g) más escala adaptativa (media de g²), con corrección de sesgo."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.beta_1 = _fraction(beta_1, "beta_1")
        self.beta_2 = _fraction(beta_2, "beta_2")
        self.epsilon = float(positive_number(epsilon, "epsilon"))
        self.amsgrad = bool(amsgrad)

    def _init_state(self, param):
        state = {"momentum": np.zeros_like(param), "velocity": np.zeros_like(param)}
        if self.amsgrad:
            state["velocity_hat"] = np.zeros_like(param)
        return state

    def _update_one(self, param, grad, state, lr):
        t = self.iterations + 1
        alpha = lr * np.sqrt(1 - self.beta_2 ** t) / (1 - self.beta_1 ** t)
        m, v = state["momentum"], state["velocity"]
        m += (grad - m) * (1 - self.beta_1)
        v += (grad * grad - v) * (1 - self.beta_2)
        if self.amsgrad:
            v_hat = state["velocity_hat"]
            np.maximum(v_hat, v, out=v_hat)
            v = v_hat
        param -= m * alpha / (np.sqrt(v) + self.epsilon)

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2,
                "epsilon": self.epsilon, "amsgrad": self.amsgrad}


class AdamW(Adam):
    """Adam con decaimiento de pesos desacoplado (se aplica antes del paso de Adam)."""

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
