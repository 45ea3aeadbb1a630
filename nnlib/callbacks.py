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
* :class:`ProgbarLogger`: la barra de progreso de ``verbose=1`` (y la línea
  por época de ``verbose=2``).
* :class:`CallbackList`: lo que usa ``fit`` para llamarlos a todos, en orden.

``fit`` acepta una lista de *callbacks* o uno solo. El buscador de la tasa
de aprendizaje, :class:`~nnlib.lr_finder.LearningRateFinder`, no es un
*callback* sino su propio bucle (``nnlib.lr_finder``); se puede importar
también desde aquí.
"""
from __future__ import annotations

import sys

import numpy as np

from nnlib._checks import boolean, closest, describe, positive_number
from nnlib.lr_finder import LearningRateFinder

__all__ = [
    "Callback", "History", "EarlyStopping", "LearningRateScheduler", "LearningRateFinder",
    "ProgbarLogger", "CallbackList",
]


class Callback:
    """Base: todos los métodos existen y no hacen nada; cada *callback* redefine los que necesita.

    ``fit`` pone ``self.model`` (el modelo que entrena) y ``self.params``
    (``{"epochs", "steps", "verbose", "metrics"}``; ``steps`` son lotes por
    época y ``metrics``, las claves que ``fit`` anotará en ``logs``).
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
            raise TypeError(f"`monitor` debe ser un texto como 'val_loss'; llegó {describe(monitor)}.")
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"`mode` debe ser 'auto', 'min' o 'max'; llegó {mode!r}.")
        self.monitor = monitor
        if isinstance(min_delta, bool) or not isinstance(min_delta, (int, float, np.integer, np.floating)):
            raise TypeError(f"`min_delta` debe ser un número; llegó {describe(min_delta)}.")
        self.min_delta = abs(float(min_delta))  # como Keras, solo cuenta su valor absoluto
        self.patience = int(positive_number(patience, "patience", allow_zero=True, integer=True))
        self.mode = mode
        self.restore_best_weights = boolean(restore_best_weights, "restore_best_weights")
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
        logged = self.params.get("metrics")
        if logged is not None and self.monitor not in logged and self.monitor != "learning_rate":
            raise self._missing_monitor(logged)  # antes de entrenar, no al final de la primera época

    def _missing_monitor(self, logged):
        close = closest(self.monitor, [key for key in logged if key != "size"])
        hint = f" ¿Quiso decir '{close}'?" if close else ""
        return ValueError(
            f"EarlyStopping vigila '{self.monitor}', que no está en los registros de la época "
            f"(hay: {', '.join(logged) or 'nada'}).{hint} Si vigila 'val_...', pase validation_data o "
            "validation_split a fit."
        )

    def _is_improvement(self, current, reference):
        if reference is None:
            return True
        if self._direction == "down":  # mejora si baja más de min_delta
            return current + self.min_delta < reference
        return current - self.min_delta > reference

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.monitor not in logs:
            raise self._missing_monitor(list(logs))
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
            raise TypeError(f"`schedule` debe ser una función schedule(epoch, lr); llegó {describe(schedule)}.")
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
            self._write(f"Época {epoch + 1}/{self.params.get('epochs', '?')}\n")

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
            self._write(f"Época {epoch + 1}/{self.params.get('epochs', '?')}{_format_logs(logs or {})}\n")


class CallbackList:
    """Los *callbacks* de un ``fit``, llamados en orden (como ``keras.callbacks.CallbackList``).

    Añade un :class:`History` si no hay ninguno (``history`` es el que
    devuelve ``fit``) y, con ``verbose`` 1 o 2, un :class:`ProgbarLogger`.
    ``params`` (``epochs``, ``steps``, ``verbose``, ``metrics``) llega a cada uno.
    """

    def __init__(self, callbacks=None, *, model, **params):
        self.callbacks = _callback_list(callbacks)
        self.history = next((cb for cb in self.callbacks if isinstance(cb, History)), None)
        if self.history is None:
            self.history = History()
            self.callbacks.append(self.history)
        if params.get("verbose"):
            self.callbacks.append(ProgbarLogger(params["verbose"]))
        for callback in self.callbacks:
            callback.set_model(model)
            callback.set_params(params)

    def on_train_begin(self, logs=None):
        self._call("on_train_begin", logs)

    def on_train_end(self, logs=None):
        self._call("on_train_end", logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._call("on_epoch_begin", epoch, logs)

    def on_epoch_end(self, epoch, logs=None):
        self._call("on_epoch_end", epoch, logs)

    def on_batch_begin(self, batch, logs=None):
        self._call("on_batch_begin", batch, logs)

    def on_batch_end(self, batch, logs=None):
        self._call("on_batch_end", batch, logs)

    def _call(self, hook, *args):
        *head, logs = args
        for callback in self.callbacks:  # todos reciben el mismo `logs`: lo que uno añade, los siguientes lo ven
            getattr(callback, hook)(*head, {} if logs is None else logs)


def _callback_list(callbacks):
    """``callbacks`` de ``fit`` como lista nueva: admite uno solo; explica en español lo que no sirve."""
    if callbacks is None:
        return []
    single = not isinstance(callbacks, (list, tuple))
    items = [callbacks] if single else list(callbacks)
    for i, callback in enumerate(items):
        if isinstance(callback, Callback):
            continue
        where = "`callbacks`" if single else f"callbacks[{i}]"
        if isinstance(callback, type) and issubclass(callback, Callback):
            raise TypeError(
                f"{where} es la clase {callback.__name__}, no un callback: créelo con paréntesis, "
                f"{callback.__name__}(...), y pase ese objeto."
            )
        if isinstance(callback, LearningRateFinder):
            raise TypeError(
                f"{where} es un LearningRateFinder, que no es un callback de fit: haga el barrido con "
                "LearningRateFinder(...).find(model, x, y) antes de entrenar."
            )
        if type(callback).__module__.split(".")[0] == "keras":
            raise TypeError(
                f"{where} es un callback de Keras ({type(callback).__name__}); los modelos de nnlib usan los "
                f"de nnlib.callbacks, con los mismos nombres: from nnlib.callbacks import {type(callback).__name__}."
            )
        raise TypeError(
            f"`callbacks` debe ser una lista de objetos de nnlib.callbacks, como [EarlyStopping(patience=3)]; "
            f"{'llegó' if single else f'callbacks[{i}] es'} {describe(callback)}."
        )
    return items
