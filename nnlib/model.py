r"""El modelo ``Sequential``: capas apiladas, entrenadas con retropropagación.

Una red secuencial es una composición de capas: la salida de cada una es la
entrada de la siguiente. Con :math:`L` capas densas,

.. math::

    a^{(0)} = x, \qquad
    z^{(l)} = a^{(l-1)} W^{(l)} + b^{(l)}, \qquad
    a^{(l)} = f^{(l)}\bigl(z^{(l)}\bigr), \qquad
    \hat y = a^{(L)}.

**Entrenar** es repetir, lote (*batch*) a lote, cuatro pasos
(:meth:`Sequential.train_step`):

1. *Hacia delante* (:meth:`Sequential.forward`): calcular :math:`\hat y`
   capa a capa, guardando en cada capa su entrada y su :math:`z`.
2. *La pérdida*: :math:`J = \frac1N\sum_i \ell(y_i, \hat y_i) + \Omega`, la
   media de la función de pérdida sobre las N muestras del lote más las
   penalizaciones :math:`\Omega` de los regularizadores (como Keras).
3. *Hacia atrás* (:meth:`Sequential.backward`): la regla de la cadena, de la
   última capa a la primera. Empieza con
   :math:`\partial J/\partial \hat y` (``loss.gradient``, que ya incluye el
   :math:`1/N` de la media) y cada capa, con el gradiente que le llega de
   arriba, :math:`g = \partial J/\partial a^{(l)}`, calcula

   .. math::

       \delta^{(l)} = g \odot f'(z^{(l)}), \quad
       \frac{\partial J}{\partial W^{(l)}} = a^{(l-1)\top}\delta^{(l)}, \quad
       \frac{\partial J}{\partial b^{(l)}} = \textstyle\sum_i \delta^{(l)}_i, \quad
       \frac{\partial J}{\partial a^{(l-1)}} = \delta^{(l)} W^{(l)\top},

   y pasa el último a la capa anterior (véase ``nnlib.layers``).
4. *Actualizar*: el optimizador mueve cada parámetro usando su gradiente
   (con SGD, :math:`W \leftarrow W - \eta\,\partial J/\partial W`).

Una **época** (*epoch*) es una pasada por todos los datos de entrenamiento,
barajados y partidos en lotes de ``batch_size`` muestras; hay
:math:`\lceil N/\text{batch\_size}\rceil` pasos por época.

Como en Keras: ``compile`` elige optimizador, pérdida y métricas; ``fit``
entrena y devuelve un ``History``; ``evaluate`` mide; ``predict`` predice. La
pérdida de cada época en el historial es la media de las pérdidas de sus
lotes, ponderada por el tamaño de cada lote (cada una calculada con los
pesos de ese momento). La validación se mide al final de cada época.

**Semilla.** Todo lo aleatorio (pesos iniciales, barajado, *dropout*) sale de
``numpy.random.default_rng(seed)``: con la misma semilla, el mismo
resultado. Con ``seed=None``, una semilla nueva cada vez.

**Tipos.** Como en Keras, el modelo tiene un tipo (``model.dtype``), el de
sus pesos, sus gradientes y el estado de su optimizador. Si no se fija al
crearlo (``Sequential(..., dtype="float32")``), lo decide el primer
entrenamiento con el tipo de los datos: float32 para datos float32 (la mitad
de memoria y cuentas más rápidas) y float64 para los demás, que son los de
NumPy por defecto (y así las comprobaciones con diferencias finitas llegan a
:math:`10^{-6}`). Los datos que no son de ese tipo se convierten. Antes de
entrenar, ``set_weights`` toma el tipo de los pesos que recibe.

**Divergencia.** Si la pérdida de un lote se vuelve NaN o infinita, ``fit``
se detiene con :class:`TrainingDivergedError`, que dice la causa más
probable (entradas enormes, sin estandarizar, o una tasa de aprendizaje
demasiado grande) y qué hacer.
"""
from __future__ import annotations

import math
import os
import sys
import warnings

import numpy as np

from nnlib import losses, optimizers
from nnlib import metrics as metrics_module
from nnlib._checks import as_float_array, boolean, closest, describe, positive_number
from nnlib._checks import seed as check_seed
from nnlib.callbacks import CallbackList, History
from nnlib.layers import Dense, Layer

__all__ = ["Sequential", "TrainingDivergedError"]


class TrainingDivergedError(RuntimeError):
    """La pérdida se volvió NaN o infinita durante ``fit``.

    Atributos: ``epoch`` y ``batch`` (numerados desde 1, como en el mensaje),
    ``loss`` (el valor no finito) e ``history`` (un ``History`` con las épocas
    que sí se completaron; ``history.history["loss"]``...).
    """

    def __init__(self, message, *, epoch=None, batch=None, loss=None, history=None):
        super().__init__(message)
        self.epoch, self.batch, self.loss = epoch, batch, loss
        self.history = history if history is not None else History()


class Sequential:
    """Una pila lineal de capas (``keras.Sequential``).

    ``layers``: lista inicial de capas (se pueden añadir más con :meth:`add`).
    ``seed``: entero para que todo sea reproducible, o ``None``.
    ``dtype``: ``"float32"`` o ``"float64"`` para fijarlo; por defecto lo
    decide el primer entrenamiento, con el tipo de los datos (véase arriba).
    El modelo se construye (crea los pesos) en cuanto conoce el número de
    entradas: al añadir una primera capa con ``input_dim`` o, si no, en la
    primera llamada a ``fit``/``predict``, a partir de ``x.shape[1]``.
    """

    def __init__(self, layers=None, seed=None, name=None, dtype=None):
        self.seed = check_seed(seed)
        if layers is not None and not isinstance(layers, (list, tuple)):
            raise TypeError(f"`layers` debe ser una lista de capas; llegó {describe(layers)}.")
        self.rng = np.random.default_rng(self.seed)
        self.name = name or "sequential"
        self._dtype = np.dtype(np.float64) if dtype is None else _float_dtype(dtype, "dtype")
        self._dtype_fixed = dtype is not None
        self.layers = []
        self.built = False
        self.optimizer = self.loss = None
        self.metrics = []
        self._checked_output = None
        self.history = None
        self.stop_training = False
        for layer in layers or []:
            self.add(layer)

    @property
    def dtype(self):
        """Tipo de los pesos, de los gradientes y del estado del optimizador (``numpy.dtype``)."""
        return self._dtype

    # ------------------------------------------------------------------
    # Construcción
    # ------------------------------------------------------------------
    def add(self, layer):
        """Añade una capa al final (y la construye si el modelo ya tiene pesos)."""
        if not isinstance(layer, Layer):
            raise TypeError(
                f"Solo se pueden añadir capas de nnlib.layers (Dense, Dropout, Activation); llegó "
                f"{describe(layer)}."
            )
        if any(layer is other for other in self.layers):
            raise ValueError(f"La capa '{layer.name}' ya está en el modelo; cree una capa nueva.")
        names = {other.name for other in self.layers}
        if layer.name is None:  # como Keras: dense, dense_1, dense_2...
            base = type(layer).__name__.lower()
            layer.name, k = base, 0
            while layer.name in names:
                k += 1
                layer.name = f"{base}_{k}"
        elif layer.name in names:
            raise ValueError(f"Ya hay una capa llamada '{layer.name}' en el modelo; los nombres deben ser únicos.")
        if self.built:  # se construye antes de añadirla: si no encaja, el modelo no cambia
            self._build_layer(layer, self.layers[-1].output_dim)
        self.layers.append(layer)
        if not self.built and len(self.layers) == 1 and layer.input_dim is not None:
            self.build(layer.input_dim)

    def build(self, input_dim):
        """Crea los pesos de las capas que aún no los tienen, para entradas de ``input_dim`` columnas."""
        dim = input_dim
        for layer in self.layers:
            self._build_layer(layer, dim)
            dim = layer.output_dim
        self.built = True

    @property
    def input_dim(self):
        """Columnas de entrada (``input_dim`` de la primera capa; ``None`` si aún no se sabe)."""
        return self.layers[0].input_dim if self.layers else None

    @property
    def output_dim(self):
        """Columnas de salida: las ``units`` de la última capa densa."""
        for layer in reversed(self.layers):
            if isinstance(layer, Dense):
                return layer.units
        return self.layers[-1].output_dim if self.layers else None

    def compile(self, optimizer="rmsprop", loss=None, metrics=None):
        """Elige el optimizador, la función de pérdida y las métricas (nombres de Keras o instancias).

        Comprueba además que la capa de salida encaja con la pérdida
        (``nnlib.losses.check_output``): error si el resultado no tendría
        sentido, aviso si Keras lo dejaría pasar pero no es lo que se quiere.
        """
        if loss is None:
            raise ValueError(
                "compile necesita una función de pérdida: por ejemplo loss='mse' (regresión), "
                "loss='binary_crossentropy' (dos clases) o loss='categorical_crossentropy' (varias)."
            )
        loss = losses.get(loss)
        self._check_output(loss)
        self.optimizer, self.loss = optimizers.get(optimizer), loss
        self.metrics = []
        for identifier in _as_list(metrics):
            metric = metrics_module.get(identifier, loss=self.loss)  # "accuracy" según la pérdida
            if isinstance(identifier, str):
                metric.name = identifier  # la clave del historial es el nombre pedido, como en Keras 3
            if metric.name == "loss" or metric.name in [m.name for m in self.metrics]:
                raise ValueError(f"La métrica '{metric.name}' está repetida (o se llama 'loss').")
            self.metrics.append(metric)

    # ------------------------------------------------------------------
    # Hacia delante, hacia atrás y un paso de entrenamiento
    # ------------------------------------------------------------------
    def forward(self, x, training=False):
        """Propaga ``x`` capa a capa y devuelve la salida de la última (sin validar ``x``)."""
        a = x
        for layer in self.layers:
            a = layer.forward(a, training=training)
        return a

    def backward(self, grad):
        """Retropropaga ``grad`` = dJ/dŷ de la última capa a la primera; cada capa guarda sus gradientes.

        La primera capa no calcula dJ/dx: sus entradas son los datos, que no se entrenan.
        """
        first = self.layers[0]
        for layer in reversed(self.layers):
            grad = layer.backward(grad, input_grad=layer is not first)

    def regularization_loss(self):
        """Suma de las penalizaciones de todos los regularizadores (0.0 si no hay)."""
        return float(sum(layer.regularization_loss() for layer in self.layers))

    def trainable_params(self):
        """Todos los parámetros, en orden fijo: [W1, b1, W2, b2, ...]."""
        return [p for layer in self.layers for p in layer.params]

    def trainable_grads(self):
        """Sus gradientes, en el mismo orden que :meth:`trainable_params`."""
        return [g for layer in self.layers for g in layer.grads]

    def train_step(self, x, y, optimizer=None):
        """Un paso de entrenamiento sobre un lote ya validado. Devuelve ``(pérdida, ŷ)``.

        ``optimizer``: el que da el paso (por defecto, el del modelo). Si la
        pérdida no es finita, no se actualiza nada y se devuelve tal cual
        (``fit`` la convierte en :class:`TrainingDivergedError`).
        """
        with np.errstate(over="ignore", invalid="ignore"):  # la divergencia se avisa con un error claro
            y_pred = self.forward(x, training=True)                             # 1. hacia delante
            if not np.all(np.isfinite(y_pred)):
                return math.nan, y_pred
            loss = self.loss(y, y_pred) + self.regularization_loss()            # 2. la pérdida
            if not np.isfinite(loss):
                return loss, y_pred
            self.backward(self.loss.gradient(y, y_pred))                        # 3. hacia atrás
            optimizer = optimizer or self.optimizer                             # 4. actualizar
            optimizer.apply(self.trainable_params(), self.trainable_grads())
        return loss, y_pred

    # ------------------------------------------------------------------
    # Entrenar, evaluar, predecir
    # ------------------------------------------------------------------
    def fit(self, x, y, batch_size=None, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True, **keras_only):
        """Entrena ``epochs`` épocas en lotes de ``batch_size`` (32 por defecto) y devuelve un ``History``.

        * ``batch_size`` mayor o igual que el número de muestras: un solo
          lote con todas (descenso por gradiente «por lotes completos»).
        * ``verbose``: 0 nada; 1 (o ``"auto"``) una barra por época; 2 una línea por época.
        * ``callbacks``: una lista de objetos de ``nnlib.callbacks`` (o uno solo).
        * ``validation_split``: fracción de los datos, **las últimas filas**
          antes de barajar (como Keras), que se aparta para validar.
        * ``validation_data``: ``(x_val, y_val)``; si se da, manda sobre ``validation_split``.
        * ``shuffle``: barajar los datos de entrenamiento al empezar cada época.
        """
        _reject_keras_only("fit", keras_only)
        x, y = self._training_data(x, y, "fit")
        x, y, validation = self._validation(x, y, validation_split, validation_data)
        batch_size = _batch_size(batch_size)
        epochs = int(positive_number(epochs, "epochs", integer=True))
        verbose, shuffle = _verbose(verbose), boolean(shuffle, "shuffle")
        logged = ["loss"] + [metric.name for metric in self.metrics]
        logged += [f"val_{key}" for key in logged] if validation else []
        callbacks = CallbackList(callbacks, model=self, epochs=epochs, steps=math.ceil(len(x) / batch_size),
                                 verbose=verbose, metrics=logged)
        self.history, self.stop_training = callbacks.history, False

        callbacks.on_train_begin()
        for epoch in range(epochs):
            callbacks.on_epoch_begin(epoch)
            logs = self._train_epoch(x, y, batch_size, shuffle, epoch, callbacks)
            if validation:
                logs.update({f"val_{key}": value for key, value in self._evaluate_logs(*validation).items()})
            callbacks.on_epoch_end(epoch, logs)
            if self.stop_training:
                break
        callbacks.on_train_end()
        return self.history

    def _train_epoch(self, x, y, batch_size, shuffle, epoch, callbacks):
        """Una época: ``train_step`` lote a lote. Devuelve la pérdida y las métricas de la época,
        medias de las de cada lote ponderadas por su tamaño."""
        order = self.rng.permutation(len(x)) if shuffle else np.arange(len(x))
        totals, seen = dict.fromkeys(["loss"] + [metric.name for metric in self.metrics], 0.0), 0
        for batch, start in enumerate(range(0, len(x), batch_size)):
            idx = order[start:start + batch_size]
            callbacks.on_batch_begin(batch)
            loss, y_pred = self.train_step(x[idx], y[idx])
            if not np.isfinite(loss):
                raise self._divergence(epoch, batch, loss, x, y)
            seen += len(idx)
            totals["loss"] += loss * len(idx)
            for metric in self.metrics:
                totals[metric.name] += metric(y[idx], y_pred) * len(idx)
            callbacks.on_batch_end(batch, {**_means(totals, seen), "size": len(idx)})
            if self.stop_training:
                break
        if not all(np.isfinite(p).all() for p in self.trainable_params()):  # una vez por época
            raise self._divergence(epoch, batch, math.nan, x, y)
        return _means(totals, seen)

    def train_on_batch(self, x, y):
        """Un único paso de entrenamiento sobre ``(x, y)`` (validados); devuelve la pérdida del lote."""
        x, y = self._training_data(x, y, "train_on_batch")
        loss, _ = self.train_step(x, y)
        if not np.isfinite(loss):
            raise self._divergence(0, 0, loss, x, y)
        return float(loss)

    def predict(self, x, batch_size=None, verbose=None, **keras_only):
        """Salida del modelo para ``x`` (sin *dropout*).

        ``batch_size``: procesa ``x`` en trozos de ese tamaño (por defecto,
        todo de una vez). ``verbose`` se acepta por compatibilidad con Keras;
        aquí no se imprime nada.
        """
        _reject_keras_only("predict", keras_only)
        _verbose(verbose, allow_none=True)
        return self._predict(self._check_x(x), batch_size)

    def evaluate(self, x, y, batch_size=None, verbose=None, return_dict=False, **keras_only):
        """Pérdida (media + penalizaciones) y métricas sobre ``(x, y)``, sin entrenar.

        Devuelve un ``float`` si no hay métricas y ``[pérdida, métrica1, ...]``
        si las hay (como Keras); con ``return_dict=True``, un diccionario.
        """
        _reject_keras_only("evaluate", keras_only)
        _verbose(verbose, allow_none=True)
        return_dict = boolean(return_dict, "return_dict")
        self._check_compiled("evaluate")
        logs = self._evaluate_logs(*self._check_xy(x, y), batch_size)
        if return_dict:
            return logs
        values = [float(v) for v in logs.values()]
        return values[0] if len(values) == 1 else values

    def compute_loss(self, x, y):
        """La función objetivo J(x, y): pérdida media más penalizaciones, en modo predicción."""
        self._check_compiled("compute_loss")
        x, y = self._check_xy(x, y)
        return self.loss(y, self.forward(x)) + self.regularization_loss()

    def gradients(self, x, y, training=False):
        """Gradientes de J respecto de los parámetros, sin actualizar nada.

        Devuelve ``[(dW, db), ...]``, un par por capa ``Dense`` (``db`` es
        ``None`` si la capa no tiene sesgo). ``training=True`` aplicaría el
        *dropout* (un sorteo nuevo en cada llamada).
        """
        self._check_compiled("gradients")
        x, y = self._check_xy(x, y)
        y_pred = self.forward(x, training=boolean(training, "training"))
        self.backward(self.loss.gradient(y, y_pred))
        return [(layer.dW.copy(), None if layer.db is None else layer.db.copy())
                for layer in self.layers if isinstance(layer, Dense)]

    def _predict(self, x, batch_size=None):
        if batch_size is None:
            return self.forward(x, training=False)
        batch_size = _batch_size(batch_size)
        return np.concatenate([self.forward(x[i:i + batch_size]) for i in range(0, x.shape[0], batch_size)])

    def _evaluate_logs(self, x, y, batch_size=None):
        y_pred = self._predict(x, batch_size)
        logs = {"loss": self.loss(y, y_pred) + self.regularization_loss()}
        for metric in self.metrics:
            logs[metric.name] = metric(y, y_pred)
        return logs

    # ------------------------------------------------------------------
    # Pesos y resumen
    # ------------------------------------------------------------------
    def count_params(self):
        """Número total de parámetros: :math:`\\sum (n_{in}+1)\\,n_{out}` sobre las capas densas."""
        self._check_built("count_params")
        return int(sum(layer.count_params() for layer in self.layers))

    def get_weights(self):
        """Copia de todos los parámetros, ``[W1, b1, W2, b2, ...]`` (el orden de Keras)."""
        self._check_built("get_weights")
        return [w for layer in self.layers for w in layer.get_weights()]

    def set_weights(self, weights):
        """Carga ``[W1, b1, W2, b2, ...]`` (por ejemplo, de ``get_weights()`` o de un modelo de Keras).

        Se copian en el tipo del modelo si ya lo tiene fijado (por ``dtype`` o
        por un ``fit``); si no, el modelo toma el de los arreglos (float32 si
        todos lo son, float64 si no).
        """
        if not isinstance(weights, (list, tuple)):
            raise TypeError(f"`weights` debe ser una lista de arreglos, como la de get_weights(); llegó "
                            f"{describe(weights)}.")
        arrays = [as_float_array(w, f"weights[{i}]", allow_empty=True) for i, w in enumerate(weights)]
        if not self.built and self.layers and arrays and arrays[0].ndim == 2:
            self.build(arrays[0].shape[0])  # la forma de W1 dice cuántas entradas hay
        self._check_built("set_weights")
        self._check_weight_shapes(arrays)
        if not self._dtype_fixed:
            self._dtype = np.dtype(np.float32 if all(a.dtype == np.float32 for a in arrays) else np.float64)
        start = 0
        for layer in self.layers:
            k = len(layer.params)
            layer.set_weights([a.astype(self._dtype, copy=False) for a in arrays[start:start + k]])
            start += k

    def summary(self, print_fn=None):
        """Imprime una tabla con cada capa, la forma de su salida y sus parámetros, como Keras.

        En la forma ``(None, n)``, ``None`` es el número de muestras (cualquiera).
        ``print_fn``: función que recibe el texto (por defecto, ``print``).
        """
        self._check_built("summary")
        rows = [(f"{layer.name} ({type(layer).__name__})", f"(None, {layer.output_dim})", str(layer.count_params()))
                for layer in self.layers]
        w1 = max([len("Capa (tipo)")] + [len(r[0]) for r in rows]) + 3
        w2 = max([len("Forma de salida")] + [len(r[1]) for r in rows]) + 3
        w3 = max([len("Parámetros")] + [len(r[2]) for r in rows])
        width = w1 + w2 + w3 + 1
        lines = [f'Modelo: "{self.name}"', "_" * width,
                 " " + "Capa (tipo)".ljust(w1) + "Forma de salida".ljust(w2) + "Parámetros".rjust(w3),
                 "=" * width]
        for i, (name, shape, params) in enumerate(rows):
            lines.append(" " + name.ljust(w1) + shape.ljust(w2) + params.rjust(w3))
            lines.append("=" * width if i == len(rows) - 1 else "_" * width)
        total = self.count_params()
        lines += [f"Parámetros totales: {total}", f"Parámetros entrenables: {total}",
                  "Parámetros no entrenables: 0", "_" * width]
        (print_fn or print)("\n".join(lines))

    def __repr__(self):
        return f"<Sequential name={self.name!r}, capas={[layer.name for layer in self.layers]}>"

    # --- detalles: construcción, tipo y comprobaciones ------------------------------------------
    def _build_layer(self, layer, input_dim):
        if not layer.built:
            layer.build(input_dim, self.rng)
            self._cast(layer)  # los inicializadores sortean en float64
        elif layer.input_dim != input_dim:
            raise ValueError(
                f"La capa '{layer.name}' espera {layer.input_dim} entradas, pero la anterior le da {input_dim}."
            )

    def _set_dtype(self, dtype):
        """Fija el tipo del modelo y convierte los pesos (el estado del optimizador se crea ya en él)."""
        self._dtype, self._dtype_fixed = np.dtype(dtype), True
        for layer in self.layers:
            self._cast(layer)

    def _cast(self, layer):
        """Los pesos de ``layer`` en el tipo del modelo."""
        if layer.params and layer.params[0].dtype != self._dtype:
            layer.set_weights([p.astype(self._dtype) for p in layer.params])

    def _training_data(self, x, y, method):
        """``x`` e ``y`` comprobados para entrenar, en el tipo del modelo.

        La primera vez decide el tipo, si no se fijó: float32 para datos
        float32 y float64 para los demás (como los de NumPy por defecto).
        """
        self._check_compiled(method)
        x = self._check_x(x, cast=False)  # validado, y el modelo construido
        if not self._dtype_fixed:
            self._set_dtype(x.dtype)
        x = x.astype(self._dtype, copy=False)
        return x, self._check_y(y, x.shape[0])

    def _check_output(self, loss):
        """Que la capa de salida encaje con la pérdida (``losses.check_output``), una vez por combinación."""
        activation = next((layer.activation for layer in reversed(self.layers) if hasattr(layer, "activation")),
                          None)
        checked = (loss, activation, self.output_dim)
        if activation is None or checked == self._checked_output:
            return
        _warn_as_caller(losses.check_output, loss, activation, self.output_dim)
        self._checked_output = checked

    def _check_compiled(self, method):
        if self.loss is None:
            raise RuntimeError(
                f"El modelo no está compilado: llame a model.compile(optimizer=..., loss=...) antes de {method}()."
            )
        self._check_output(self.loss)  # por si se añadieron capas después de compile

    def _check_built(self, method):
        if not self.built:
            hint = (" o pase como primer arreglo la W de la primera capa, de forma (entradas, units)"
                    if method == "set_weights" else "")
            raise ValueError(
                f"El modelo aún no tiene pesos, así que {method}() no puede responder: indique input_dim en la "
                f"primera capa (Dense(..., input_dim=n)), llame antes a fit() o predict(){hint}."
            )

    def _check_weight_shapes(self, arrays):
        expected = [(layer, name, p.shape) for layer in self.layers
                    for name, p in zip(("W", "b"), layer.params)]
        got = [a.shape for a in arrays]
        if got == [shape for _, _, shape in expected]:
            return
        listing = "; ".join(f"'{layer.name}': " + ", ".join(f"{name} {shape}" for lay, name, shape in expected
                                                            if lay is layer)
                            for layer in self.layers if layer.params)
        first = next((i for i, (e, g) in enumerate(zip(expected, got)) if e[2] != g), None)
        detail = "" if first is None else (
            f" El primero que no encaja es weights[{first}], la {expected[first][1]} de la capa "
            f"'{expected[first][0].name}': se esperaba forma {expected[first][2]} y llegó {got[first]}.")
        raise ValueError(
            f"set_weights espera {len(expected)} arreglos con formas {[s for _, _, s in expected]} ([W, b] por "
            f"cada Dense: {listing}); llegaron {len(got)} con formas {got}.{detail}"
        )

    def _check_x(self, x, name="x", cast=True):
        if not self.layers:
            raise ValueError("El modelo no tiene capas: añádalas con model.add(Dense(...)).")
        x = as_float_array(x, name, ndim=(1, 2))
        if x.ndim == 1:
            raise ValueError(
                f"`{name}` debe tener 2 dimensiones (muestras, características); llegó forma {x.shape}. "
                f"Si cada muestra tiene una sola característica, use {name}.reshape(-1, 1)."
            )
        if not self.built:
            self.build(x.shape[1])
        elif x.shape[1] != self.input_dim:
            raise ValueError(
                f"`{name}` tiene {x.shape[1]} columnas (características por muestra), pero el modelo espera "
                f"{self.input_dim} (input_dim de la primera capa)."
            )
        return x.astype(self._dtype, copy=False) if cast else x

    def _check_y(self, y, n, name="y"):
        y = as_float_array(y, name, ndim=(1, 2))
        if y.shape[0] != n:
            raise ValueError(f"`x` y `{name}` deben tener el mismo número de muestras; llegaron {n} y {y.shape[0]}.")
        out = self.output_dim
        if isinstance(self.loss, losses.SparseCategoricalCrossentropy):
            if y.ndim == 2 and y.shape[1] != 1:
                raise ValueError(
                    f"Con {self.loss.name}, `{name}` debe traer una clase entera por muestra, forma ({n},) o "
                    f"({n}, 1); llegó forma {y.shape}. Si `{name}` es one-hot, use 'categorical_crossentropy'."
                )
            labels = y.reshape(-1)
            if np.any(labels != np.round(labels)) or labels.min() < 0 or labels.max() >= out:
                raise ValueError(
                    f"Las clases de `{name}` deben ser enteros entre 0 y {out - 1} (la última capa tiene {out} "
                    f"salidas); llegaron valores entre {labels.min():g} y {labels.max():g}."
                )
        else:
            width = 1 if y.ndim == 1 else y.shape[1]
            if width != out:
                hint = ""
                if width == 1 and out > 1:
                    hint = (" Si trae la clase como un entero, use loss='sparse_categorical_crossentropy' "
                            "o conviértala a one-hot.")
                raise ValueError(
                    f"`{name}` tiene {width} columna(s) por muestra, pero la última capa tiene {out} salidas "
                    f"(units={out}).{hint}"
                )
        _warn_as_caller(self.loss.check_targets, y, out)  # etiquetas sin sentido para la pérdida
        return y.astype(self._dtype, copy=False)

    def _check_xy(self, x, y, names=("x", "y")):
        x = self._check_x(x, names[0])
        return x, self._check_y(y, x.shape[0], names[1])

    def _validation(self, x, y, validation_split, validation_data):
        """Separa la validación: ``(x, y, (x_val, y_val) o None)``."""
        if validation_data is not None:
            if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
                extra = (" (nnlib no admite un tercer elemento con pesos por muestra, como Keras)"
                         if isinstance(validation_data, (tuple, list)) and len(validation_data) == 3 else "")
                raise ValueError(
                    f"`validation_data` debe ser una tupla (x_val, y_val){extra}; llegó {describe(validation_data)}."
                )
            return x, y, self._check_xy(*validation_data, names=("validation_data[0]", "validation_data[1]"))
        if isinstance(validation_split, (bool, np.bool_)) or not isinstance(
                validation_split, (int, float, np.integer, np.floating)):
            raise TypeError(f"`validation_split` debe ser un número entre 0 y 1; llegó {describe(validation_split)}.")
        if not validation_split:
            return x, y, None
        split_at = int(math.floor(x.shape[0] * (1.0 - validation_split)))
        if not 0 < validation_split < 1 or split_at in (0, x.shape[0]):
            raise ValueError(
                f"`validation_split` debe estar entre 0 y 1 y dejar muestras para entrenar y validar; con "
                f"{x.shape[0]} muestras y validation_split={validation_split} no es posible."
            )
        return x[:split_at], y[:split_at], (x[split_at:], y[split_at:])  # las últimas filas, como Keras

    def _divergence(self, epoch, batch, loss, x, y):
        """El error de una divergencia, con su causa más probable: datos enormes o una tasa demasiado grande."""
        lr = float(self.optimizer.learning_rate)
        x_scale, y_scale = float(np.max(np.abs(x))), float(np.max(np.abs(y)))
        if x_scale >= _LARGE_DATA:
            cause = (f"La causa más probable son las entradas: su mayor valor absoluto es {x_scale:.3g}, y con "
                     "valores tan grandes los productos x·W se disparan. Estandarícelas antes de entrenar, "
                     "x_train, x_val, media, desv = datasets.standardize(x_train, x_val) (media 0 y desviación 1 "
                     f"por columna), y vuelva a crear el modelo. Si aun así diverge, baje learning_rate={lr:g}.")
        elif y_scale >= _LARGE_DATA and not isinstance(self.loss, _CLASSIFICATION_LOSSES):
            cause = (f"La causa más probable son los valores de `y`: su mayor valor absoluto es {y_scale:.3g}, y "
                     "con ellos el error y su gradiente son enormes. Escálelos antes de entrenar (por ejemplo, "
                     f"y / y.std()) y vuelva a crear el modelo. Si aun así diverge, baje learning_rate={lr:g}.")
        else:
            cause = (f"Casi siempre se debe a una tasa de aprendizaje demasiado grande (ahora learning_rate={lr:g}). "
                     f"Pruebe con un learning_rate 10 veces menor ({lr / 10:g}): vuelva a crear y compilar el "
                     "modelo y entrénelo de nuevo.")
        return TrainingDivergedError(
            f"El entrenamiento divergió en la época {epoch + 1}, lote {batch + 1}: la pérdida (o algún peso) "
            f"dejó de ser un número finito ({loss}). {cause} Las épocas completadas están en el atributo "
            "`history` de este error.",
            epoch=epoch + 1, batch=batch + 1, loss=loss, history=self.history,
        )


_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_LARGE_DATA = 100.0  # |x| mayor: casi seguro, datos sin estandarizar
_CLASSIFICATION_LOSSES = (losses.BinaryCrossentropy, losses.CategoricalCrossentropy,
                          losses.SparseCategoricalCrossentropy)

# Argumentos de Keras que nnlib no tiene, con lo que se puede hacer en su lugar.
_KERAS_ONLY = {
    "class_weight": "todos los ejemplos pesan lo mismo; para compensar clases desequilibradas, repita los "
                    "ejemplos de la clase minoritaria o entrene el modelo en Keras "
                    "(nnlib.frameworks.keras.to_keras(model)).",
    "sample_weight": "todos los ejemplos pesan lo mismo; para ponderarlos, entrene el modelo en Keras "
                     "(nnlib.frameworks.keras.to_keras(model)).",
    "initial_epoch": "fit siempre cuenta desde la época 0; para seguir entrenando basta con llamar otra vez a "
                     "fit (los pesos y el optimizador siguen donde quedaron).",
    "steps_per_epoch": "cada época recorre todos los datos; para épocas más cortas, pase menos datos.",
    "steps": "se recorren todos los datos; para usar menos, pase menos datos.",
    "validation_steps": "la validación usa todos los datos de validación.",
    "validation_batch_size": "la validación se calcula de una vez, sin lotes.",
    "validation_freq": "la validación se mide al final de cada época.",
    "callbacks": "evaluate y predict no llaman a callbacks; solo fit.",
}


def _reject_keras_only(method, arguments):
    """Argumentos que ``method`` no tiene: los de Keras, con una alternativa; los demás, con una sugerencia."""
    if not arguments:
        return
    name = next(iter(arguments))
    if name in _KERAS_ONLY:
        raise TypeError(f"{method}() de nnlib no admite el argumento `{name}` de Keras: {_KERAS_ONLY[name]}")
    valid = {"fit": ["x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split",
                     "validation_data", "shuffle"],
             "predict": ["x", "batch_size", "verbose"],
             "evaluate": ["x", "y", "batch_size", "verbose", "return_dict"]}[method]
    close = closest(name, valid)
    hint = f" ¿Quiso decir `{close}`?" if close else ""
    raise TypeError(f"{method}() no tiene el argumento `{name}`.{hint} Sus argumentos son: {', '.join(valid)}.")


def _float_dtype(value, name):
    try:
        dtype = np.dtype(value)
    except TypeError:
        dtype = None
    if dtype not in (np.float32, np.float64):
        raise TypeError(f"`{name}` debe ser 'float32' o 'float64'; llegó {describe(value)}.")
    return dtype


def _batch_size(value):
    return 32 if value is None else int(positive_number(value, "batch_size", integer=True))


def _verbose(value, allow_none=False):
    """0, 1, 2 o ``"auto"`` (que es 1); ``True``/``False`` valen como 1/0."""
    if value is None and allow_none:
        return 0
    if value == "auto":
        return 1
    if isinstance(value, (bool, np.bool_)) or (isinstance(value, (int, np.integer)) and value in (0, 1, 2)):
        return int(value)
    raise ValueError(f"`verbose` debe ser 0, 1, 2 o 'auto'; llegó {describe(value)}.")


def _warn_as_caller(check, *args):
    """Llama a ``check`` y repite sus avisos señalando la línea de quien usa nnlib, no la de nnlib."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check(*args)
    level, frame = 2, sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        level, frame = level + 1, frame.f_back
    for warning in caught:
        warnings.warn(warning.message, warning.category, stacklevel=level)


def _as_list(metrics):
    if metrics is None:
        return []
    return [metrics] if isinstance(metrics, str) or not isinstance(metrics, (list, tuple)) else list(metrics)


def _means(totals, seen):
    return {key: total / seen for key, total in totals.items()}
