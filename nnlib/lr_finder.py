r"""El buscador de la tasa de aprendizaje (*learning-rate range test*, Smith, 2017).

Antes de entrenar, ¿qué tasa de aprendizaje elegir? El barrido entrena unos
pocos lotes subiendo la tasa en cada uno, de ``min_lr`` a ``max_lr``, y apunta
la pérdida: con tasas pequeñas apenas baja, con las buenas baja deprisa y con
las demasiado grandes se dispara. Una buena tasa está donde la curva baja más
deprisa.

En el paso :math:`i = 0, \dots, n-1` (``n = num_steps`` lotes) la tasa es
:math:`\eta_i = \eta_{min}\,(\eta_{max}/\eta_{min})^{i/(n-1)}`, una
progresión geométrica: el mismo número de pasos en cada década. La pérdida de
cada lote se suaviza con una media móvil exponencial,
:math:`m_i = \beta m_{i-1} + (1-\beta)\,L_i` y
:math:`\bar L_i = m_i / (1-\beta^{i+1})` (con la corrección de sesgo de Adam;
:math:`\beta = 0.98`). El barrido se detiene al completar los ``n`` pasos o en
cuanto :math:`\bar L_i > 4 \min_j \bar L_j` (la pérdida se dispara).

Es un bucle de entrenamiento como el de ``fit``, lote a lote con
``model.train_step``, pero con su propio optimizador (una copia nueva del del
modelo, con la tasa de cada paso): el optimizador y el historial del modelo
no se tocan, y al terminar los pesos vuelven a ser los de antes. Solo avanza
el generador del modelo (``model.rng``), que baraja los lotes como en ``fit``.
"""
from __future__ import annotations

import math

import numpy as np

from nnlib._checks import positive_number

__all__ = ["LearningRateFinder"]


class LearningRateFinder:
    """Barrido de la tasa de aprendizaje: ``LearningRateFinder().find(model, x, y)``.

    Resultados: ``learning_rates``, ``losses`` (suavizadas) y ``raw_losses``
    (las de cada lote). :meth:`suggestion` propone una tasa y :meth:`plot`
    dibuja la curva.
    """

    def __init__(self, min_lr=1e-6, max_lr=1.0, num_steps=100, beta=0.98, stop_factor=4.0):
        self.min_lr = float(positive_number(min_lr, "min_lr"))
        self.max_lr = float(positive_number(max_lr, "max_lr"))
        if self.max_lr <= self.min_lr:
            raise ValueError(f"`max_lr` debe ser mayor que `min_lr`; llegaron max_lr={max_lr} y min_lr={min_lr}.")
        self.num_steps = int(positive_number(num_steps, "num_steps", integer=True))
        if self.num_steps < 2:
            raise ValueError(f"`num_steps` debe ser al menos 2; llegó {num_steps}.")
        self.beta = float(positive_number(beta, "beta", allow_zero=True))
        if self.beta >= 1:
            raise ValueError(f"`beta` debe estar en [0, 1); llegó {beta!r}.")
        self.stop_factor = float(positive_number(stop_factor, "stop_factor"))
        self.learning_rates, self.losses, self.raw_losses = [], [], []

    def learning_rate_at(self, step):
        """Tasa del paso ``step``: :math:`\\eta_{min}(\\eta_{max}/\\eta_{min})^{step/(n-1)}`."""
        return self.min_lr * (self.max_lr / self.min_lr) ** (step / (self.num_steps - 1))

    def find(self, model, x, y, batch_size=None):
        """Hace el barrido sobre ``(x, y)`` con un modelo ya compilado y devuelve ``self``.

        ``batch_size``: 32 por defecto, como en ``fit``. Si la pérdida llega a
        NaN o infinito, el barrido termina ahí (sin apuntar ese lote).
        """
        x, y = model._training_data(x, y, "find")  # las comprobaciones de fit
        batch_size = 32 if batch_size is None else int(positive_number(batch_size, "batch_size", integer=True))
        config = {**model.optimizer.get_config(), "learning_rate": self.min_lr}
        optimizer = type(model.optimizer)(**config)  # el mismo optimizador, nuevo: el del modelo no cambia
        weights = model.get_weights()
        self.learning_rates, self.losses, self.raw_losses = [], [], []
        average, best = 0.0, math.inf
        try:
            for step, idx in enumerate(_shuffled_batches(model.rng, len(x), batch_size)):
                optimizer.learning_rate = self.learning_rate_at(step)
                loss, _ = model.train_step(x[idx], y[idx], optimizer)
                if not np.isfinite(loss):
                    break
                average = self.beta * average + (1 - self.beta) * loss
                smoothed = average / (1 - self.beta ** (step + 1))
                self.learning_rates.append(optimizer.learning_rate)
                self.raw_losses.append(float(loss))
                self.losses.append(float(smoothed))
                best = min(best, smoothed)
                if step + 1 == self.num_steps or (step > 0 and smoothed > self.stop_factor * best):
                    break
        finally:
            model.set_weights(weights)  # el modelo vuelve a sus pesos de antes del barrido
        return self

    def suggestion(self, skip_start=10):
        """Tasa sugerida: donde la pérdida suavizada baja más deprisa.

        Es el punto de pendiente más negativa de :math:`\\bar L` frente a
        :math:`\\log_{10}\\eta`, buscado antes del mínimo de la curva (después
        solo queda la subida) y sin los ``skip_start`` primeros pasos, en los
        que la media móvil aún tiene poca historia y el ruido de un solo lote
        parece una bajada. Es un punto de partida razonable, no un óptimo:
        conviene mirar la curva (:meth:`plot`).
        """
        if len(self.losses) < 3:
            raise RuntimeError(
                "No hay suficientes puntos para sugerir una tasa: haga antes el barrido con "
                "find(model, x, y) y al menos 3 lotes."
            )
        losses = np.asarray(self.losses)
        log_lr = np.log10(self.learning_rates)
        end = int(np.argmin(losses)) + 1        # solo la zona en que la curva baja
        start = skip_start if end - skip_start >= 3 else 0
        end = max(end, start + 3)
        slopes = np.gradient(losses[start:end], log_lr[start:end])
        return float(self.learning_rates[start + int(np.argmin(slopes))])

    def plot(self, ax=None):
        """Dibuja la pérdida suavizada frente a la tasa (eje logarítmico) y marca la sugerencia."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(5, 3.5))
        ax.plot(self.learning_rates, self.losses, "-")
        ax.set_xscale("log")
        ax.set_xlabel("tasa de aprendizaje")
        ax.set_ylabel("pérdida (suavizada)")
        if len(self.losses) >= 3:
            lr = self.suggestion()
            ax.axvline(lr, linestyle="--", color="gray", label=f"sugerencia: {lr:.2g}")
            ax.legend(fontsize="small")
        ax.grid(alpha=0.3)
        return ax




def _shuffled_batches(rng, n, batch_size):
    """Índices de lotes sin fin: pasada tras pasada por los datos, barajados como en ``fit``."""
    while True:
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            yield order[start:start + batch_size]
