"""El curso en Keras: el mismo modelo, las mismas pérdidas y optimizadores.

Importar este módulo importa Keras 3 (con TensorFlow; el núcleo de ``nnlib``
no lo necesita). ``nnlib`` copia el vocabulario y las fórmulas de Keras, así
que aquí casi todo es traducir nombres:

* :func:`set_seed`: fija la semilla de Python, NumPy y Keras (y TensorFlow).
* :func:`activation`, :func:`loss`, :func:`optimizer`: el objeto de Keras
  equivalente a un nombre o a un objeto de ``nnlib`` (con sus parámetros).
* :func:`to_keras` y :func:`from_keras`: un ``Sequential`` de ``nnlib`` en
  ``keras.Sequential`` y de vuelta, con los mismos pesos. El ``W`` de un
  ``Dense`` de ``nnlib`` tiene la misma forma (entradas, salidas) que el
  ``kernel`` de Keras: se copian tal cual.

Para entrenar, el ``fit`` de Keras tal cual: ``keras_model.compile(...)`` y
``keras_model.fit(X, y, epochs=..., batch_size=...)``.

Keras calcula en float32 salvo que se le pida otra cosa: :func:`to_keras`
crea las capas con el tipo de los pesos de ``nnlib`` (float64), y
``keras.backend.set_floatx("float64")`` hace que también las pérdidas y los
optimizadores calculen en float64. Aun así, Keras 3 guarda en float32 algunas
constantes: el momento de SGD, los β de Adam, ``weight_decay``, el acumulador
inicial de Adagrad (``ops.cast(0.9, "float64")`` vale 0.8999999762), la
pendiente de ``leaky_relu``, las constantes de ``gelu`` y el log 2 de
``log_cosh``. Por eso, en float64, nnlib y Keras difieren en torno a 1e-8
(nnlib y PyTorch dan el valor float64 exacto); con valores que float32
representa sin error (0.875, 0.5...) coinciden hasta el redondeo.
"""
from __future__ import annotations

import keras
import numpy as np

from nnlib._checks import describe
from nnlib.frameworks import built_layers, equivalences


def set_seed(seed):
    """Fija la semilla de Python, NumPy y Keras (``keras.utils.set_random_seed``)."""
    keras.utils.set_random_seed(seed)


# ======================================================================================
# Activaciones, pérdidas y optimizadores
# ======================================================================================
def step(x):
    """Escalón de Heaviside (1 si x ≥ 0): la activación del perceptrón, que Keras no trae."""
    return keras.ops.cast(keras.ops.greater_equal(x, 0), x.dtype)


def activation(identifier, dtype=None):
    """La función de activación de Keras equivalente a ``identifier``.

    ``identifier``: un nombre (``"relu"``, ``"leaky_relu"``...) o una activación de
    ``nnlib.activations``. Si la activación de nnlib tiene parámetros distintos de los de Keras
    (p. ej. ``negative_slope=0.1``) devuelve la capa de Keras correspondiente
    (``keras.layers.LeakyReLU(negative_slope=0.1)``), que también se puede llamar; ``dtype`` es
    entonces el tipo de esa capa (por defecto, ``keras.backend.floatx()``).
    """
    if identifier is None:
        return keras.activations.get("linear")
    row, params = equivalences.activation_spec(identifier)
    if row["name"] == "step":
        return step
    if params and params != row["keras_params"]:
        layers = {"leaky_relu": keras.layers.LeakyReLU, "elu": keras.layers.ELU, "softmax": keras.layers.Softmax}
        return layers[row["name"]](**params, dtype=dtype)
    return keras.activations.get(row["name"])


def loss(identifier, **kwargs):
    """La pérdida de Keras equivalente: ``keras.losses.<Clase>(...)``.

    ``identifier``: un nombre o alias de Keras o una pérdida de ``nnlib.losses`` (se respetan
    ``from_logits``, ``label_smoothing``, ``delta``...). Keras se llama ``loss(y_true, y_pred)``.
    """
    if isinstance(identifier, str):
        row = equivalences.loss_row(identifier)
        source = None
    else:
        row = equivalences.loss_row(type(identifier).__name__)
        source = identifier
    keras_class = getattr(keras.losses, row["nnlib"])
    accepted = [p for p in _parameters(keras_class) if p not in ("reduction", "name", "dtype")]
    if source is not None:
        kwargs = {**{p: getattr(source, p) for p in accepted if hasattr(source, p)}, **kwargs}
    return keras_class(**kwargs)


def optimizer(identifier, **kwargs):
    """El optimizador de Keras equivalente: ``keras.optimizers.<Clase>(...)``.

    ``identifier``: un nombre (``"adam"``) o un optimizador de ``nnlib.optimizers``, del que se
    copian los hiperparámetros (``get_config()``), el recorte y el decaimiento de pesos incluidos.
    """
    if isinstance(identifier, str):
        row = equivalences.optimizer_row(identifier)
        config = {}
    else:
        row = equivalences.optimizer_row(type(identifier).__name__)
        config = dict(identifier.get_config())
        config.pop("name", None)
        lr = config.get("learning_rate")
        if not isinstance(lr, (int, float)):
            raise TypeError(
                "optimizer() solo traduce tasas de aprendizaje numéricas; para un programa de tasa cree "
                f"uno de keras.optimizers.schedules. Llegó {lr!r}."
            )
    keras_class = getattr(keras.optimizers, row["nnlib"])
    accepted = _parameters(keras_class)
    config = {k: v for k, v in config.items() if k in accepted}
    return keras_class(**{**config, **kwargs})


def _parameters(cls):
    import inspect

    return [p for p in inspect.signature(cls.__init__).parameters if p not in ("self", "kwargs")]


# ======================================================================================
# Modelos: nnlib.Sequential <-> keras.Sequential
# ======================================================================================
def to_keras(model, dtype=None):
    """Un ``keras.Sequential`` con la misma arquitectura y los mismos pesos que ``model`` (nnlib).

    ``dtype``: el de las capas de Keras; por defecto, el de los pesos de nnlib (float64).
    Una activación con parámetros distintos de los de Keras (p. ej. ``leaky_relu`` con
    ``negative_slope=0.1``) se convierte en un ``Dense`` lineal seguido de la capa de esa
    activación (``keras.layers.LeakyReLU``); :func:`from_keras` la vuelve a unir.
    """
    from nnlib import layers as nn_layers

    layers = built_layers(model)
    dense = [layer for layer in layers if isinstance(layer, nn_layers.Dense)]
    if not dense or not isinstance(layers[0], nn_layers.Dense):
        raise ValueError("to_keras necesita que la primera capa sea un Dense (para conocer la entrada).")
    dtype = dtype or str(np.asarray(dense[0].W).dtype)
    keras_layers = [keras.Input(shape=(dense[0].W.shape[0],), dtype=dtype)]
    weights = []
    for layer in layers:
        if isinstance(layer, nn_layers.Dense):
            act = activation(layer.activation, dtype=dtype)
            split = isinstance(act, keras.layers.Layer)
            keras_layers.append(keras.layers.Dense(layer.units, activation=None if split else act,
                                                   use_bias=layer.b is not None, dtype=dtype))
            weights += [np.asarray(layer.W)] + ([np.asarray(layer.b)] if layer.b is not None else [])
            if split:
                keras_layers.append(act)
        elif isinstance(layer, nn_layers.Dropout):
            keras_layers.append(keras.layers.Dropout(layer.rate, dtype=dtype))
        elif isinstance(layer, nn_layers.Activation):
            act = activation(layer.activation, dtype=dtype)
            keras_layers.append(act if isinstance(act, keras.layers.Layer)
                                else keras.layers.Activation(act, dtype=dtype))
        else:
            raise TypeError(f"to_keras no sabe convertir la capa {type(layer).__name__}.")
    keras_model = keras.Sequential(keras_layers)
    keras_model.set_weights(weights)
    return keras_model


def _nnlib_activation(keras_activation):
    """La activación de nnlib para una función de activación o una capa de activación de Keras."""
    from nnlib import activations

    if keras_activation is step:
        return activations.get("step")
    if isinstance(keras_activation, keras.layers.LeakyReLU):
        return activations.LeakyReLU(negative_slope=keras_activation.negative_slope)
    if isinstance(keras_activation, keras.layers.ELU):
        return activations.ELU(alpha=keras_activation.alpha)
    if isinstance(keras_activation, keras.layers.Softmax):
        return activations.Softmax(axis=keras_activation.axis)
    if isinstance(keras_activation, keras.layers.ReLU):
        cfg = keras_activation.get_config()
        if cfg.get("max_value") is not None or cfg.get("threshold", 0) != 0 or cfg.get("negative_slope", 0) != 0:
            raise ValueError("nnlib solo tiene la ReLU estándar; la capa ReLU de Keras tiene otros parámetros.")
        return activations.get("relu")
    if isinstance(keras_activation, keras.layers.Activation):
        keras_activation = keras_activation.activation
    if callable(keras_activation) and not isinstance(keras_activation, keras.layers.Layer):
        return activations.get(keras.activations.serialize(keras_activation))
    return None


def from_keras(keras_model, seed=None):
    """Un ``nnlib.Sequential`` con la arquitectura y los pesos de un ``keras.Sequential``.

    Entiende ``Dense``, ``Dropout``, ``Activation`` y las capas de activación ``ReLU``,
    ``LeakyReLU``, ``ELU`` y ``Softmax``; una de estas que sigue a un ``Dense`` lineal se une a él.
    Los pesos se copian con el tipo que tienen en Keras.
    """
    from nnlib.layers import Activation, Dense, Dropout
    from nnlib.model import Sequential

    if not isinstance(keras_model, keras.Model) or not keras_model.layers:
        raise TypeError(
            f"`keras_model` debe ser un keras.Sequential con capas; llegó {describe(keras_model)}."
        )
    layers, weights = [], []
    for layer in keras_model.layers:
        if isinstance(layer, keras.layers.Dense):
            kwargs = {} if layers else {"input_dim": int(layer.kernel.shape[0])}
            layers.append(Dense(layer.units, activation=_nnlib_activation(layer.activation),
                                use_bias=layer.use_bias, **kwargs))
            weights += [np.array(w) for w in layer.get_weights()]
        elif isinstance(layer, keras.layers.Dropout):
            layers.append(Dropout(layer.rate))
        elif _nnlib_activation(layer) is not None:
            act = _nnlib_activation(layer)
            previous = layers[-1] if layers else None
            if (isinstance(previous, Dense) and previous.activation.name == "linear"
                    and not isinstance(layer, keras.layers.Activation)):
                layers[-1] = Dense(previous.units, activation=act, use_bias=previous.use_bias,
                                   **({"input_dim": previous.input_dim} if len(layers) == 1 else {}))
            else:
                layers.append(Activation(act))
        else:
            raise TypeError(f"from_keras no sabe convertir la capa {type(layer).__name__}.")
    model = Sequential(layers, seed=seed)
    model.set_weights(weights)
    return model
