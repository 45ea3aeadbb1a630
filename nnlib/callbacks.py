r"""*Callbacks*: código propio que ``fit`` llama en momentos fijos del entrenamiento.

``fit`` avisa a cada *callback* al empezar y al terminar el entrenamiento,
cada época y cada lote (*batch*), llamando a sus métodos ``on_train_begin``,
``on_epoch_begin``, ``on_batch_begin``, ``on_batch_end``, ``on_epoch_end`` y
``on_train_end``. Reciben ``logs``, un diccionario con lo medido hasta ese
momento (``"loss"``, las métricas y, al final de cada época,
``"val_loss"``...), y pueden leer y cambiar el modelo a través de
``self.model``. Si un *callback* pone ``model.stop_training = True``, ``fit``
se detiene al terminar ese lote.

Los de este módulo (con los nombres y el comportamiento de Keras):

* :class:`History`: guarda ``logs`` al final de cada época. ``fit`` siempre
  añade uno y lo devuelve.
* :class:`EarlyStopping` (parada temprana): detiene el entrenamiento cuando
  la cantidad vigilada (por defecto ``val_loss``) deja de mejorar durante
  ``patience`` épocas. Cuenta como mejora un cambio de al menos
  ``min_delta`` en la buena dirección. Con ``restore_best_weights=True``, al
  terminar vuelve a los pesos de la mejor época.
* :class:`LearningRateScheduler`: al empezar cada época fija la tasa de
  aprendizaje a ``schedule(epoch, lr)``.
* :class:`LearningRateFinder`: el «buscador de la tasa de aprendizaje»
  (*learning-rate range test*, Smith, 2017). Entrena unos pocos lotes
  subiendo la tasa exponencialmente, de ``min_lr`` a ``max_lr``, y apunta la
  pérdida; con tasas pequeñas apenas baja, con las buenas baja deprisa y con
  las demasiado grandes se dispara. Al final deja el modelo como estaba.
* :class:`ProgbarLogger`: la barra de progreso de ``verbose=1`` (y la línea
  por época de ``verbose=2``).
"""
from __future__ import annotations

import copy
import math
import sys

import numpy as np

from nnlib._checks import positive_number

__all__ = [
    "Callback", "History", "EarlyStopping", "LearningRateScheduler", "LearningRateFinder",
    "ProgbarLogger",
]


class Callback:
    """Base: todos los métodos existen y no hacen nada; cada *callback* redefine los que necesita.

    ``fit`` pone ``self.model`` (el modelo que entrena) y ``self.params``
    (``{"epochs", "steps", "verbose"}``; ``steps`` son lotes por época).
    """

    def __init__(self):
        self.model = None
        self.params = {}

    def set_model(self, model):
        self.model = model

    def set_params(self, params):
        self.params = dict(params)

    def on_train_begin(self, logs=None):
        pass

    def on_train_end(self, logs=None):
        pass

    def on_epoch_begin(self, epoch, logs=None):
        pass

    def on_epoch_end(self, epoch, logs=None):
        pass

    def on_batch_begin(self, batch, logs=None):
        pass

    def on_batch_end(self, batch, logs=None):
        pass


class History(Callback):
    """Registro del entrenamiento: ``history`` es un diccionario de listas, un valor por época.

    Claves: ``"loss"``, cada métrica con el nombre con que se pidió
    (``"accuracy"``) y, si hay validación, ``"val_loss"`` y ``"val_<métrica>"``.
    ``epoch`` es la lista de épocas completadas (desde 0).
    """

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)
        if self.model is not None:
            self.model.history = self

    def __repr__(self):
        return f"<History épocas={len(self.epoch)}, claves={list(self.history)}>"


def _metric_direction(model, name):
    """``"up"`` o ``"down"`` para la cantidad ``name`` de los registros (``"val_"`` incluido)."""
    base = name[4:] if name.startswith("val_") else name
    if base == "loss":
        return "down"
    for metric in getattr(model, "metrics", None) or []:
        if metric.name == base:
            return metric.direction
    return None


class EarlyStopping(Callback):
    """Detiene ``fit`` cuando ``monitor`` deja de mejorar (la semántica de ``keras.callbacks.EarlyStopping``).

    * ``monitor``: la clave de ``logs`` que se vigila (``"val_loss"``, ``"val_accuracy"``...).
    * ``min_delta``: una época solo cuenta como mejora si supera a la mejor
      en más de ``min_delta`` (en valor absoluto).
    * ``patience``: cuántas épocas seguidas sin mejora se toleran antes de parar.
    * ``mode``: ``"min"``, ``"max"`` o ``"auto"`` (la pérdida y los errores
      bajan; la exactitud sube).
    * ``restore_best_weights``: al terminar el entrenamiento, vuelve a los
      pesos de la mejor época (aunque no haya llegado a parar antes).
    * ``start_from_epoch``: épocas iniciales de calentamiento que no se vigilan.

    Tras ``fit``: ``stopped_epoch`` (la época en que paró, desde 0; 0 si no
    paró), ``best`` (el mejor valor) y ``best_epoch``.
    """

    def __init__(self, monitor="val_loss", min_delta=0.0, patience=0, mode="auto",
                 restore_best_weights=False, start_from_epoch=0):
        super().__init__()
        if not isinstance(monitor, str):
            raise TypeError(f"`monitor` debe ser un texto como 'val_loss'; llegó {type(monitor).__name__}.")
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"`mode` debe ser 'auto', 'min' o 'max'; llegó {mode!r}.")
        self.monitor = monitor
        if isinstance(min_delta, bool) or not isinstance(min_delta, (int, float, np.integer, np.floating)):
            raise TypeError(f"`min_delta` debe ser un número; llegó {min_delta!r} ({type(min_delta).__name__}).")
        self.min_delta = abs(float(min_delta))  # como Keras, solo cuenta su valor absoluto
        self.patience = int(positive_number(patience, "patience", allow_zero=True, integer=True))
        self.mode = mode
        self.restore_best_weights = bool(restore_best_weights)
        self.start_from_epoch = int(positive_number(start_from_epoch, "start_from_epoch", allow_zero=True,
                                                    integer=True))
        self._reset()

    def _reset(self):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = None
        self.best_epoch = 0
        self.best_weights = None
        self._direction = None

    def on_train_begin(self, logs=None):
        self._reset()

    def _is_improvement(self, current, reference):
        if reference is None:
            return True
        if self._direction == "down":  # mejora si baja más de min_delta
            return current + self.min_delta < reference
        return current - self.min_delta > reference

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.monitor not in logs:
            raise ValueError(
                f"EarlyStopping vigila '{self.monitor}', que no está en los registros de la época "
                f"(hay: {', '.join(logs) or 'nada'}). Si vigila 'val_...', pase validation_data o "
                "validation_split a fit."
            )
        if self._direction is None:
            self._direction = {"min": "down", "max": "up"}.get(self.mode) or _metric_direction(
                self.model, self.monitor)
            if self._direction is None:
                raise ValueError(
                    f"EarlyStopping no sabe si '{self.monitor}' debe subir o bajar; indique mode='min' o mode='max'."
                )
        current = float(logs[self.monitor])
        if epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights = self.model.get_weights()  # por si ninguna época llega a mejorar
            self.best_epoch = epoch
        self.wait += 1
        if self._is_improvement(current, self.best):
            self.best, self.best_epoch, self.wait = current, epoch, 0
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.restore_best_weights and self.best_weights is not None:
            self.model.set_weights(self.best_weights)


class LearningRateScheduler(Callback):
    """Al empezar cada época fija ``optimizer.learning_rate = schedule(epoch, lr)``.

    ``schedule`` recibe la época (desde 0) y la tasa actual y devuelve la nueva
    (también vale una función de un solo argumento, ``schedule(epoch)``). Al
    final de cada época añade ``"learning_rate"`` a ``logs`` (y al historial).
    """

    def __init__(self, schedule):
        super().__init__()
        if not callable(schedule):
            raise TypeError(f"`schedule` debe ser una función schedule(epoch, lr); llegó {type(schedule).__name__}.")
        self.schedule = schedule

    def on_epoch_begin(self, epoch, logs=None):
        lr = float(self.model.optimizer.learning_rate)
        try:
            new_lr = self.schedule(epoch, lr)
        except TypeError:  # una función schedule(epoch), como admite Keras
            new_lr = self.schedule(epoch)
        if isinstance(new_lr, bool) or not isinstance(new_lr, (int, float, np.integer, np.floating)):
            raise ValueError(f"`schedule` debe devolver un número (la nueva tasa); devolvió {new_lr!r}.")
        self.model.optimizer.learning_rate = float(new_lr)

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["learning_rate"] = float(self.model.optimizer.learning_rate)


class LearningRateFinder(Callback):
    r"""Barrido de la tasa de aprendizaje (*learning-rate range test*).

    En el paso :math:`i = 0, \dots, n-1` (``n = num_steps`` lotes) entrena con
    :math:`\eta_i = \eta_{min}\,(\eta_{max}/\eta_{min})^{i/(n-1)}`, una
    progresión geométrica: el mismo número de pasos en cada década. Apunta la
    pérdida de cada lote suavizada con una media móvil exponencial,
    :math:`m_i = \beta m_{i-1} + (1-\beta)\,L_i` y
    :math:`\bar L_i = m_i / (1-\beta^{i+1})` (con la corrección de sesgo de
    Adam; :math:`\beta = 0.98`). Se detiene al completar los ``n`` pasos o en
    cuanto :math:`\bar L_i > 4 \min_j \bar L_j` (la pérdida se dispara). Al
    terminar restaura los pesos y el optimizador (tasa y estado) iniciales.

    Resultados: ``learning_rates``, ``losses`` (suavizadas) y ``raw_losses``
    (las de cada lote). :meth:`suggestion` propone una tasa y :meth:`plot`
    dibuja la curva. Lo más cómodo es :meth:`find`; también se puede pasar a
    ``fit`` en ``callbacks`` con épocas suficientes para ``num_steps`` lotes.
    """

    def __init__(self, min_lr=1e-6, max_lr=1.0, num_steps=100, beta=0.98, stop_factor=4.0):
        super().__init__()
        self.min_lr = float(positive_number(min_lr, "min_lr"))
        self.max_lr = float(positive_number(max_lr, "max_lr"))
        if self.max_lr <= self.min_lr:
            raise ValueError(f"`max_lr` debe ser mayor que `min_lr`; llegaron max_lr={max_lr} y min_lr={min_lr}.")
        self.num_steps = int(positive_number(num_steps, "num_steps", integer=True))
        if self.num_steps < 2:
            raise ValueError(f"`num_steps` debe ser al menos 2; llegó {num_steps}.")
        if not 0 <= beta < 1:
            raise ValueError(f"`beta` debe estar en [0, 1); llegó {beta!r}.")
        self.beta = float(beta)
        self.stop_factor = float(positive_number(stop_factor, "stop_factor"))
        self.learning_rates, self.losses, self.raw_losses = [], [], []

    def learning_rate_at(self, step):
        """Tasa del paso ``step``: :math:`\\eta_{min}(\\eta_{max}/\\eta_{min})^{step/(n-1)}`."""
        return self.min_lr * (self.max_lr / self.min_lr) ** (step / (self.num_steps - 1))

    def on_train_begin(self, logs=None):
        self._initial_weights = self.model.get_weights()
        self._initial_optimizer = copy.deepcopy(self.model.optimizer)
        self._initial_history = getattr(self.model, "history", None)
        self.learning_rates, self.losses, self.raw_losses = [], [], []
        self._average, self._best = 0.0, math.inf

    def on_epoch_begin(self, epoch, logs=None):
        self._seen, self._total = 0, 0.0  # para recuperar la pérdida de cada lote

    def on_batch_begin(self, batch, logs=None):
        self.model.optimizer.learning_rate = self.learning_rate_at(len(self.learning_rates))

    def on_batch_end(self, batch, logs=None):
        # logs["loss"] es la media acumulada de la época; de ella sale la pérdida de este lote.
        size = logs["size"]
        total = logs["loss"] * (self._seen + size)
        loss = (total - self._total) / size
        self._seen, self._total = self._seen + size, total

        step = len(self.learning_rates)
        self._average = self.beta * self._average + (1 - self.beta) * loss
        smoothed = self._average / (1 - self.beta ** (step + 1))
        self.learning_rates.append(float(self.model.optimizer.learning_rate))
        self.raw_losses.append(float(loss))
        self.losses.append(float(smoothed))
        self._best = min(self._best, smoothed)
        if (len(self.learning_rates) >= self.num_steps or not np.isfinite(smoothed)
                or (step > 0 and smoothed > self.stop_factor * self._best)):
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        self.restore()

    def restore(self):
        """Devuelve el modelo a su estado anterior al barrido (pesos, optimizador e historial)."""
        self.model.set_weights(self._initial_weights)
        self.model.optimizer = copy.deepcopy(self._initial_optimizer)
        self.model.history = self._initial_history

    def find(self, model, x, y, batch_size=None):
        """Hace el barrido sobre ``(x, y)`` con el modelo ya compilado y devuelve ``self``.

        Entrena las épocas necesarias para ``num_steps`` lotes (sin mostrar
        nada) y después deja el modelo como estaba. Si la pérdida llega a
        NaN o infinito, el barrido termina ahí.
        """
        from nnlib.model import TrainingDivergedError

        batch_size = 32 if batch_size is None else batch_size
        batches_per_epoch = math.ceil(np.shape(x)[0] / batch_size)
        epochs = math.ceil(self.num_steps / batches_per_epoch)
        try:
            model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0, callbacks=[self])
        except TrainingDivergedError:
            self.restore()
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
                "find(model, x, y) (o con fit) y al menos 3 lotes."
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


def _format_logs(logs):
    """``" - loss: 0.1234 - accuracy: 0.9000"`` con el formato de Keras (4 decimales)."""
    parts = []
    for key, value in logs.items():
        if key == "size":
            continue
        value = float(value)
        parts.append(f"{key}: {value:.4f}" if abs(value) > 1e-3 else f"{key}: {value:.4e}")
    return "".join(f" - {p}" for p in parts)


def _redraws(stream):
    """¿Se puede redibujar la línea con ``\\r``? Sí en una terminal y en Jupyter o Colab; no en un archivo."""
    if getattr(stream, "isatty", None) is not None and stream.isatty():
        return True
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and hasattr(shell, "kernel")


class ProgbarLogger(Callback):
    """Lo que ``fit`` escribe: con ``verbose=1`` una barra por época; con ``verbose=2`` una línea por época.

    La barra avanza en el sitio (con ``\\r``) en una terminal y en un cuaderno; si la salida va a
    un archivo o a un registro, se escribe solo la barra completa al final de cada época, como Keras.
    """

    width = 20  # caracteres de la barra

    def __init__(self, verbose=1, stream=None):
        super().__init__()
        self.verbose = verbose
        self.stream = stream

    def _write(self, text):
        stream = self.stream or sys.stdout
        stream.write(text)
        stream.flush()

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch
        self._filled = -1
        self._last_len = 0
        self._redraw = _redraws(self.stream or sys.stdout)
        if self.verbose == 1:
            self._write(f"Epoch {epoch + 1}/{self.params.get('epochs', '?')}\n")

    def _bar(self, step, logs, end=""):
        steps = self.params.get("steps") or step
        filled = int(self.width * step / steps)
        bar = "━" * filled + "─" * (self.width - filled)
        line = f"{step:>{len(str(steps))}}/{steps} {bar}{_format_logs(logs)}"
        start = "\r" if self._redraw else ""
        self._write(start + line.ljust(self._last_len) + end)
        self._last_len = len(line)
        self._filled = filled

    def on_batch_end(self, batch, logs=None):
        if self.verbose != 1:
            return
        self._step = batch + 1
        if not self._redraw:
            return
        steps = self.params.get("steps") or batch + 1
        # Solo se reescribe cuando avanza la barra: como mucho `width` veces por época.
        if int(self.width * (batch + 1) / steps) != self._filled:
            self._bar(batch + 1, logs or {})

    def on_epoch_end(self, epoch, logs=None):
        if self.verbose == 1:
            self._bar(getattr(self, "_step", self.params.get("steps", 0)), logs or {}, end="\n")
        elif self.verbose == 2:
            self._write(f"Epoch {epoch + 1}/{self.params.get('epochs', '?')}{_format_logs(logs or {})}\n")
