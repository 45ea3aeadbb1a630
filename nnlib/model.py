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

**Tipos.** Los pesos se crean en float64 (y así las comprobaciones con
diferencias finitas llegan a :math:`10^{-6}`); una entrada float32 se acepta
y se calcula en float64. Con ``set_weights`` se pueden cargar pesos float32.

**Divergencia.** Si la pérdida de un lote se vuelve NaN o infinita, ``fit``
se detiene con :class:`TrainingDivergedError`, que explica qué hacer.
"""
from __future__ import annotations

import math

import numpy as np

from nnlib import losses, optimizers
from nnlib import metrics as metrics_module
from nnlib._checks import as_float_array, positive_number
from nnlib.callbacks import Callback, History, ProgbarLogger
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


def _all_finite(arrays):
    return all(np.all(np.isfinite(a)) for a in arrays)


class Sequential:
    """Una pila lineal de capas (``keras.Sequential``).

    ``layers``: lista inicial de capas (se pueden añadir más con :meth:`add`).
    ``seed``: entero para que todo sea reproducible, o ``None``.
    El modelo se construye (crea los pesos) en cuanto conoce el número de
    entradas: al añadir una primera capa con ``input_dim`` o, si no, en la
    primera llamada a ``fit``/``predict``, a partir de ``x.shape[1]``.
    """

    def __init__(self, layers=None, seed=None, name=None):
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0):
            raise TypeError(f"`seed` debe ser None o un entero mayor o igual que 0; llegó {seed!r}.")
        if layers is not None and not isinstance(layers, (list, tuple)):
            raise TypeError(f"`layers` debe ser una lista de capas; llegó {type(layers).__name__}.")
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.name = name or "sequential"
        self.layers = []
        self.built = False
        self.optimizer = self.loss = None
        self.metrics = []
        self.history = None
        self.stop_training = False
        for layer in layers or []:
            self.add(layer)

    # ------------------------------------------------------------------
    # Construcción
    # ------------------------------------------------------------------
    def add(self, layer):
        """Añade una capa al final (y la construye si el modelo ya tiene pesos)."""
        if not isinstance(layer, Layer):
            raise TypeError(
                f"Solo se pueden añadir capas de nnlib.layers (Dense, Dropout, Activation); llegó "
                f"{type(layer).__name__}."
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

    def _build_layer(self, layer, input_dim):
        if not layer.built:
            layer.build(input_dim, self.rng)
        elif layer.input_dim != input_dim:
            raise ValueError(
                f"La capa '{layer.name}' espera {layer.input_dim} entradas, pero la anterior le da {input_dim}."
            )

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
        """Elige el optimizador, la función de pérdida y las métricas (nombres de Keras o instancias)."""
        if loss is None:
            raise ValueError(
                "compile necesita una función de pérdida: por ejemplo loss='mse' (regresión), "
                "loss='binary_crossentropy' (dos clases) o loss='categorical_crossentropy' (varias)."
            )
        self.optimizer = optimizers.get(optimizer)
        self.loss = losses.get(loss)
        if metrics is None:
            metrics = []
        elif isinstance(metrics, str) or not isinstance(metrics, (list, tuple)):
            metrics = [metrics]
        self.metrics = []
        for identifier in metrics:
            metric = metrics_module.get(identifier, loss=self.loss)
            if isinstance(identifier, str):
                metric.name = identifier  # la clave del historial es el nombre pedido, como en Keras 3
            if metric.name == "loss" or metric.name in [m.name for m in self.metrics]:
                raise ValueError(f"La métrica '{metric.name}' está repetida (o se llama 'loss').")
            self.metrics.append(metric)

    # ------------------------------------------------------------------
    # Hacia delante y hacia atrás
    # ------------------------------------------------------------------
    def forward(self, x, training=False):
        """Propaga ``x`` capa a capa y devuelve la salida de la última (sin validar ``x``)."""
        a = x
        for layer in self.layers:
            a = layer.forward(a, training=training)
        return a

    def backward(self, grad):
        """Retropropaga ``grad`` = dJ/dŷ de la última capa a la primera; cada capa guarda sus gradientes."""
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        return grad

    def regularization_loss(self):
        """Suma de las penalizaciones de todos los regularizadores (0.0 si no hay)."""
        return float(sum(layer.regularization_loss() for layer in self.layers))

    def trainable_params(self):
        """Todos los parámetros, en orden fijo: [W1, b1, W2, b2, ...]."""
        return [p for layer in self.layers for p in layer.params]

    def trainable_grads(self):
        """Sus gradientes, en el mismo orden que :meth:`trainable_params`."""
        return [g for layer in self.layers for g in layer.grads]

    def train_step(self, x, y):
        """Un paso de entrenamiento sobre un lote ya validado. Devuelve ``(pérdida, ŷ)``.

        Si la pérdida o los pesos dejan de ser finitos, devuelve la pérdida NaN
        o infinita (``fit`` lo convierte en :class:`TrainingDivergedError`).
        """
        with np.errstate(over="ignore", invalid="ignore"):  # la divergencia se avisa con un error claro
            y_pred = self.forward(x, training=True)                       # 1. hacia delante
            if not np.all(np.isfinite(y_pred)):
                return math.nan, y_pred
            loss = self.loss(y, y_pred) + self.regularization_loss()      # 2. la pérdida
            if not np.isfinite(loss):
                return loss, y_pred
            self.backward(self.loss.gradient(y, y_pred))                  # 3. hacia atrás
            grads = self.trainable_grads()
            if not _all_finite(grads):
                return math.inf, y_pred
            self.optimizer.update(self.trainable_params(), grads)         # 4. actualizar
            if not _all_finite(self.trainable_params()):
                return math.inf, y_pred
        return loss, y_pred

    # ------------------------------------------------------------------
    # Validación de los datos
    # ------------------------------------------------------------------
    def _check_compiled(self, method):
        if self.loss is None:
            raise RuntimeError(
                f"El modelo no está compilado: llame a model.compile(optimizer=..., loss=...) antes de {method}()."
            )

    def _check_x(self, x, name="x"):
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
        return x

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
            return y
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
        return y

    def _check_xy(self, x, y, names=("x", "y")):
        x = self._check_x(x, names[0])
        return x, self._check_y(y, x.shape[0], names[1])

    # ------------------------------------------------------------------
    # Entrenar, evaluar, predecir
    # ------------------------------------------------------------------
    def fit(self, x, y, batch_size=None, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True):
        """Entrena ``epochs`` épocas en lotes de ``batch_size`` (32 por defecto) y devuelve un ``History``.

        * ``batch_size`` mayor o igual que el número de muestras: un solo
          lote con todas (descenso por gradiente «por lotes completos»).
        * ``verbose``: 0 nada; 1 (o ``"auto"``) una barra por época; 2 una línea por época.
        * ``validation_split``: fracción de los datos, **las últimas filas**
          antes de barajar (como Keras), que se aparta para validar.
        * ``validation_data``: ``(x_val, y_val)``; si se da, manda sobre ``validation_split``.
        * ``shuffle``: barajar los datos de entrenamiento al empezar cada época.
        """
        self._check_compiled("fit")
        x, y = self._check_xy(x, y)
        batch_size = 32 if batch_size is None else int(positive_number(batch_size, "batch_size", integer=True))
        epochs = int(positive_number(epochs, "epochs", integer=True))
        if verbose == "auto":
            verbose = 1
        if verbose not in (0, 1, 2):
            raise ValueError(f"`verbose` debe ser 0, 1, 2 o 'auto'; llegó {verbose!r}.")
        x_val = y_val = None
        if validation_data is not None:
            if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
                raise ValueError("`validation_data` debe ser una tupla (x_val, y_val).")
            x_val, y_val = self._check_xy(*validation_data, names=("validation_data[0]", "validation_data[1]"))
        elif validation_split:
            positive_number(validation_split, "validation_split")
            split_at = int(math.floor(x.shape[0] * (1.0 - validation_split)))
            if validation_split >= 1 or split_at in (0, x.shape[0]):
                raise ValueError(
                    f"`validation_split` debe estar entre 0 y 1 y dejar muestras para entrenar y validar; con "
                    f"{x.shape[0]} muestras y validation_split={validation_split} no es posible."
                )
            x, x_val, y, y_val = x[:split_at], x[split_at:], y[:split_at], y[split_at:]

        callbacks = list(callbacks or [])
        if not all(isinstance(cb, Callback) for cb in callbacks):
            raise TypeError("`callbacks` debe ser una lista de objetos de nnlib.callbacks (Callback).")
        history = next((cb for cb in callbacks if isinstance(cb, History)), None)
        if history is None:
            history = History()
            callbacks.append(history)
        if verbose:
            callbacks.append(ProgbarLogger(verbose))
        n = x.shape[0]
        for cb in callbacks:
            cb.set_model(self)
            cb.set_params({"epochs": epochs, "steps": math.ceil(n / batch_size), "verbose": verbose})

        self.stop_training = False
        self.history = history
        for cb in callbacks:
            cb.on_train_begin({})
        for epoch in range(epochs):
            for cb in callbacks:
                cb.on_epoch_begin(epoch, {})
            order = self.rng.permutation(n) if shuffle else np.arange(n)
            seen, totals = 0, dict.fromkeys(["loss"] + [m.name for m in self.metrics], 0.0)
            for batch, start in enumerate(range(0, n, batch_size)):
                idx = order[start:start + batch_size]
                for cb in callbacks:
                    cb.on_batch_begin(batch, {})
                loss, y_pred = self.train_step(x[idx], y[idx])
                if not np.isfinite(loss):
                    raise self._divergence(epoch, batch, loss, history)
                # Medias acumuladas de la época, ponderadas por el tamaño de cada lote.
                seen += len(idx)
                totals["loss"] += loss * len(idx)
                for metric in self.metrics:
                    totals[metric.name] += metric(y[idx], y_pred) * len(idx)
                logs = {key: total / seen for key, total in totals.items()}
                for cb in callbacks:
                    cb.on_batch_end(batch, {**logs, "size": len(idx)})
                if self.stop_training:
                    break
            logs = {key: total / seen for key, total in totals.items()}
            if x_val is not None:
                val_logs = self._evaluate_logs(x_val, y_val)
                logs.update({f"val_{key}": value for key, value in val_logs.items()})
            for cb in callbacks:
                cb.on_epoch_end(epoch, logs)
            if self.stop_training:
                break
        for cb in callbacks:
            cb.on_train_end({})
        return history

    def _divergence(self, epoch, batch, loss, history):
        lr = float(self.optimizer.learning_rate)
        return TrainingDivergedError(
            f"El entrenamiento divergió en la época {epoch + 1}, lote {batch + 1}: la pérdida (o algún peso) "
            f"dejó de ser un número finito ({loss}). Casi siempre se debe a una tasa de aprendizaje demasiado "
            f"grande (ahora learning_rate={lr:g}). Pruebe con un learning_rate 10 veces menor "
            f"({lr / 10:g}): vuelva a crear y compilar el modelo y entrénelo de nuevo. Las épocas "
            "completadas están en el atributo `history` de este error.",
            epoch=epoch + 1, batch=batch + 1, loss=loss, history=history,
        )

    def train_on_batch(self, x, y):
        """Un único paso de entrenamiento sobre ``(x, y)`` (validados); devuelve la pérdida del lote."""
        self._check_compiled("train_on_batch")
        x, y = self._check_xy(x, y)
        loss, _ = self.train_step(x, y)
        if not np.isfinite(loss):
            raise self._divergence(0, 0, loss, self.history)
        return float(loss)

    def predict(self, x, batch_size=None, verbose=None):
        """Salida del modelo para ``x`` (sin *dropout*).

        ``batch_size``: procesa ``x`` en trozos de ese tamaño (por defecto,
        todo de una vez). ``verbose`` se acepta por compatibilidad con Keras;
        aquí no se imprime nada.
        """
        x = self._check_x(x)
        if batch_size is None:
            return self.forward(x, training=False)
        batch_size = int(positive_number(batch_size, "batch_size", integer=True))
        return np.concatenate([self.forward(x[i:i + batch_size]) for i in range(0, x.shape[0], batch_size)])

    def _evaluate_logs(self, x, y, batch_size=None):
        y_pred = self.predict(x, batch_size=batch_size)
        logs = {"loss": self.loss(y, y_pred) + self.regularization_loss()}
        for metric in self.metrics:
            logs[metric.name] = metric(y, y_pred)
        return logs

    def evaluate(self, x, y, batch_size=None, verbose=None, return_dict=False):
        """Pérdida (media + penalizaciones) y métricas sobre ``(x, y)``, sin entrenar.

        Devuelve un ``float`` si no hay métricas y ``[pérdida, métrica1, ...]``
        si las hay (como Keras); con ``return_dict=True``, un diccionario.
        """
        self._check_compiled("evaluate")
        x, y = self._check_xy(x, y)
        logs = self._evaluate_logs(x, y, batch_size)
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
        y_pred = self.forward(x, training=training)
        self.backward(self.loss.gradient(y, y_pred))
        return [(layer.dW.copy(), None if layer.db is None else layer.db.copy())
                for layer in self.layers if isinstance(layer, Dense)]

    # ------------------------------------------------------------------
    # Pesos y resumen
    # ------------------------------------------------------------------
    def _check_built(self, method):
        if not self.built:
            raise ValueError(
                f"El modelo aún no tiene pesos, así que {method}() no puede responder: indique input_dim en la "
                "primera capa (Dense(..., input_dim=n)) o llame antes a fit() o predict()."
            )

    def count_params(self):
        """Número total de parámetros: :math:`\\sum (n_{in}+1)\\,n_{out}` sobre las capas densas."""
        self._check_built("count_params")
        return int(sum(layer.count_params() for layer in self.layers))

    def get_weights(self):
        """Copia de todos los parámetros, ``[W1, b1, W2, b2, ...]`` (el orden de Keras)."""
        self._check_built("get_weights")
        return [w for layer in self.layers for w in layer.get_weights()]

    def set_weights(self, weights):
        """Carga ``[W1, b1, W2, b2, ...]`` (por ejemplo, de ``get_weights()`` o de un modelo de Keras)."""
        if not isinstance(weights, (list, tuple)):
            raise TypeError(f"`weights` debe ser una lista de arreglos; llegó {type(weights).__name__}.")
        if not self.built and self.layers and weights:
            self.build(np.shape(weights[0])[0])
        self._check_built("set_weights")
        expected = [p.shape for p in self.trainable_params()]
        got = [np.shape(w) for w in weights]
        if got != expected:
            raise ValueError(
                f"set_weights espera {len(expected)} arreglos con formas {expected} ([W, b] por cada Dense); "
                f"llegaron {len(got)} con formas {got}."
            )
        start = 0
        for layer in self.layers:
            k = len(layer.params)
            layer.set_weights(list(weights[start:start + k]))
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
