"""Programas de tasa de aprendizaje (*learning-rate schedules*).

Una tasa de aprendizaje :math:`\\eta` grande avanza deprisa al principio pero
rebota alrededor del mínimo al final; una pequeña es precisa pero lenta. Un
programa cambia :math:`\\eta` con el número de paso :math:`t` (las
actualizaciones hechas hasta ahora): ``eta = programa(t)``. Se le pasa al
optimizador en lugar de un número, ``SGD(learning_rate=ExponentialDecay(...))``,
y el optimizador lo evalúa en cada paso con ``t = optimizer.iterations``
**antes** de incrementarlo, como Keras (el primer paso usa ``programa(0)``).

Los programas de Keras que reproduce este módulo (mismos nombres y fórmulas):

* ``ExponentialDecay``: :math:`\\eta_t = \\eta_0\\, r^{t/T}`; con
  ``staircase=True`` el exponente es :math:`\\lfloor t/T \\rfloor` y la tasa baja
  a saltos, cada :math:`T` pasos (el «decaimiento por escalones», ``StepDecay``).
* ``InverseTimeDecay``: :math:`\\eta_t = \\eta_0 / (1 + r\\, t/T)`.
* ``PolynomialDecay``: :math:`\\eta_t = (\\eta_0 - \\eta_{fin})(1 - t/T)^p + \\eta_{fin}`
  con :math:`t` limitado a :math:`T`.
* ``PiecewiseConstantDecay``: constante por tramos; ``values[i]`` mientras
  ``boundaries[i-1] < t <= boundaries[i]``.
* ``CosineDecay``: :math:`\\eta_t = \\eta_0\\left[(1-\\alpha)\\tfrac12\\bigl(1 + \\cos(\\pi\\, t/T)\\bigr) + \\alpha\\right]`
  con :math:`t` limitado a :math:`T` (Loshchilov y Hutter, 2017). Opcionalmente
  con un calentamiento (*warmup*) lineal previo de ``warmup_steps`` pasos
  desde :math:`\\eta_0` hasta ``warmup_target``.

Keras calcula en float32; aquí todo es float64, así que los valores coinciden
con los de Keras hasta la precisión de float32.
"""
from __future__ import annotations

import math

import numpy as np

from nnlib._checks import boolean, describe, positive_number


def _step(step):
    if isinstance(step, np.ndarray) and step.ndim == 0:
        step = step.item()
    return float(positive_number(step, "step", allow_zero=True))


class LearningRateSchedule:
    """Base: ``schedule(step)`` devuelve la tasa de aprendizaje (float) en el paso ``step``."""

    def __call__(self, step):
        return self._rate(_step(step))

    def _rate(self, t):  # pragma: no cover - lo define cada subclase
        raise NotImplementedError

    def get_config(self):
        return dict(self._config)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


class _DecayEverySteps(LearningRateSchedule):
    """Base de los decaimientos que avanzan con :math:`p = t/T` (o :math:`\\lfloor t/T\\rfloor` con ``staircase``)."""

    _rate_may_be_zero = False  # ¿admite decay_rate = 0?

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False):
        self.initial_learning_rate = float(positive_number(initial_learning_rate, "initial_learning_rate",
                                                           allow_zero=True))
        self.decay_steps = float(positive_number(decay_steps, "decay_steps"))
        self.decay_rate = float(positive_number(decay_rate, "decay_rate", allow_zero=self._rate_may_be_zero))
        self.staircase = boolean(staircase, "staircase")
        self._config = {"initial_learning_rate": initial_learning_rate, "decay_steps": decay_steps,
                        "decay_rate": decay_rate, "staircase": self.staircase}

    def _progress(self, t):
        p = t / self.decay_steps
        return math.floor(p) if self.staircase else p


class ExponentialDecay(_DecayEverySteps):
    """:math:`\\eta_0\\, r^{t/T}` (o :math:`r^{\\lfloor t/T\\rfloor}` con ``staircase=True``)."""

    def _rate(self, t):
        return self.initial_learning_rate * self.decay_rate ** self._progress(t)


class StepDecay(ExponentialDecay):
    """Decaimiento por escalones: multiplica la tasa por ``drop`` cada ``every`` pasos.

    Es exactamente ``ExponentialDecay(initial_learning_rate, decay_steps=every,
    decay_rate=drop, staircase=True)``; Keras no tiene un nombre propio para él.
    """

    def __init__(self, initial_learning_rate, drop=0.5, every=10):
        super().__init__(initial_learning_rate, decay_steps=every, decay_rate=drop, staircase=True)
        self._config = {"initial_learning_rate": initial_learning_rate, "drop": drop, "every": every}


class InverseTimeDecay(_DecayEverySteps):
    """:math:`\\eta_0 / (1 + r\\, t/T)` (con ``staircase=True``, :math:`\\lfloor t/T\\rfloor`)."""

    _rate_may_be_zero = True

    def _rate(self, t):
        return self.initial_learning_rate / (1.0 + self.decay_rate * self._progress(t))


class PolynomialDecay(LearningRateSchedule):
    """De :math:`\\eta_0` a ``end_learning_rate`` en ``decay_steps`` pasos siguiendo :math:`(1-t/T)^p`.

    Con ``cycle=True``, al llegar a :math:`T` vuelve a empezar con un horizonte
    :math:`T\\lceil t/T\\rceil` (como Keras).
    """

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False):
        self.initial_learning_rate = float(positive_number(initial_learning_rate, "initial_learning_rate",
                                                           allow_zero=True))
        self.decay_steps = float(positive_number(decay_steps, "decay_steps"))
        self.end_learning_rate = float(positive_number(end_learning_rate, "end_learning_rate", allow_zero=True))
        self.power = float(positive_number(power, "power"))
        self.cycle = boolean(cycle, "cycle")
        self._config = {"initial_learning_rate": initial_learning_rate, "decay_steps": decay_steps,
                        "end_learning_rate": end_learning_rate, "power": power, "cycle": self.cycle}

    def _rate(self, t):
        horizon = self.decay_steps
        if self.cycle:
            horizon *= 1.0 if t == 0 else math.ceil(t / self.decay_steps)
        else:
            t = min(t, horizon)
        p = t / horizon
        return (self.initial_learning_rate - self.end_learning_rate) * (1.0 - p) ** self.power \
            + self.end_learning_rate


class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[0]`` si ``t <= boundaries[0]``, ``values[i]`` si ``boundaries[i-1] < t <= boundaries[i]``,
    ``values[-1]`` si ``t > boundaries[-1]``."""

    def __init__(self, boundaries, values):
        for arg, name in ((boundaries, "boundaries"), (values, "values")):
            if not isinstance(arg, (list, tuple, np.ndarray)):
                raise TypeError(f"`{name}` debe ser una lista de números; llegó {describe(arg)}.")
        boundaries, values = list(boundaries), list(values)
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                f"`values` debe tener un elemento más que `boundaries`; llegaron {len(values)} valores "
                f"y {len(boundaries)} fronteras."
            )
        for i, b in enumerate(boundaries):
            positive_number(b, f"boundaries[{i}]", allow_zero=True)
        if any(b2 <= b1 for b1, b2 in zip(boundaries, boundaries[1:])):
            raise ValueError(f"`boundaries` debe ser estrictamente creciente; llegó {boundaries}.")
        for i, v in enumerate(values):
            positive_number(v, f"values[{i}]", allow_zero=True)
        self.boundaries, self.values = boundaries, [float(v) for v in values]
        self._config = {"boundaries": boundaries, "values": values}

    def _rate(self, t):
        for b, v in zip(self.boundaries, self.values):
            if t <= b:
                return v
        return self.values[-1]


class CosineDecay(LearningRateSchedule):
    """Medio coseno de :math:`\\eta_0` a :math:`\\alpha\\,\\eta_0` en ``decay_steps`` pasos.

    Con ``warmup_target``, primero sube linealmente de ``initial_learning_rate`` a
    ``warmup_target`` durante ``warmup_steps`` pasos y después decae desde
    ``warmup_target``.
    """

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, warmup_target=None, warmup_steps=0):
        self.initial_learning_rate = float(positive_number(initial_learning_rate, "initial_learning_rate",
                                                           allow_zero=True))
        self.decay_steps = float(positive_number(decay_steps, "decay_steps"))
        self.alpha = float(positive_number(alpha, "alpha", allow_zero=True))
        if self.alpha > 1:
            raise ValueError(f"`alpha` es una fracción de la tasa inicial y debe estar en [0, 1]; llegó {alpha!r}.")
        if warmup_target is not None:
            warmup_target = float(positive_number(warmup_target, "warmup_target", allow_zero=True))
        self.warmup_target = warmup_target
        self.warmup_steps = float(positive_number(warmup_steps, "warmup_steps", allow_zero=True))
        self._config = {"initial_learning_rate": initial_learning_rate, "decay_steps": decay_steps,
                        "alpha": alpha, "warmup_target": warmup_target, "warmup_steps": warmup_steps}

    def _decay(self, t, start):
        cosine = 0.5 * (1.0 + math.cos(math.pi * t / self.decay_steps))
        return start * ((1.0 - self.alpha) * cosine + self.alpha)

    def _rate(self, t):
        if self.warmup_target is None:
            return self._decay(min(t, self.decay_steps), self.initial_learning_rate)
        t = min(t, self.decay_steps + self.warmup_steps)
        if t < self.warmup_steps:
            fraction = t / self.warmup_steps
            return (self.warmup_target - self.initial_learning_rate) * fraction + self.initial_learning_rate
        return self._decay(t - self.warmup_steps, self.warmup_target)
