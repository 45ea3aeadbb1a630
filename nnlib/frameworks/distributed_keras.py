"""Entrenar en varios dispositivos con Keras: ``tf.distribute.MirroredStrategy``.

La idea es la misma que con ``DistributedDataParallel`` de PyTorch
(paralelismo de datos), pero en un solo proceso: la estrategia pone una
réplica del modelo en cada dispositivo, parte cada lote global en tantos
trozos como réplicas, calcula los gradientes en paralelo y los combina
(*all-reduce*) antes de aplicar el mismo paso en todas. Basta con crear y
compilar el modelo dentro de ``strategy.scope()``; ``fit`` hace el resto.

Con GPU, ``MirroredStrategy()`` usa todas las GPU visibles. Sin GPU, este
programa divide la CPU en dos dispositivos lógicos para poder probarlo (hay
que hacerlo antes de que TensorFlow arranque, por eso vive en su propio
programa)::

    python -m nnlib.frameworks.distributed_keras --output pesos.npz
    python -m nnlib.frameworks.distributed_keras --replicas 1 --output referencia.npz

Con ``--replicas 1`` entrena sin estrategia, en un solo dispositivo: con los
mismos lotes globales y SGD, los pesos finales coinciden (salvo redondeo).
"""
from __future__ import annotations

import argparse
import os

import numpy as np


def make_data(n_samples=256, n_features=8, seed=0):
    """Un problema de regresión pequeño y fijo: y = sin(x·w) + ruido."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    y = np.sin(X @ rng.standard_normal(n_features))[:, None] + 0.1 * rng.standard_normal((n_samples, 1))
    return X.astype("float32"), y.astype("float32")


def make_model(keras, n_features=8, hidden=16, seed=0):
    """Un perceptrón multicapa 8-16-1 con pesos iniciales fijos (semilla de Keras)."""
    keras.utils.set_random_seed(seed)
    return keras.Sequential([
        keras.Input(shape=(n_features,)),
        keras.layers.Dense(hidden, activation="tanh"),
        keras.layers.Dense(1),
    ])


def strategy_for(replicas):
    """La estrategia: todas las GPU si las hay; si no, ``replicas`` CPU lógicas."""
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    if gpus:
        return tf.distribute.MirroredStrategy()
    cpu = tf.config.list_physical_devices("CPU")[0]
    # Antes de que TensorFlow se inicialice: una CPU física como `replicas` dispositivos lógicos.
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * replicas)
    devices = [d.name for d in tf.config.list_logical_devices("CPU")]
    return tf.distribute.MirroredStrategy(devices=devices)


def train(replicas=2, epochs=3, batch_size=32, learning_rate=0.1, seed=0):
    """Entrena con lotes globales de ``batch_size``; devuelve los pesos finales y el nº de réplicas."""
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    strategy = strategy_for(replicas) if replicas > 1 else None
    import keras

    X, y = make_data(seed=seed)
    if strategy is None:
        model = make_model(keras, X.shape[1], seed=seed)
        model.compile(optimizer=keras.optimizers.SGD(learning_rate), loss="mse")
        n = 1
    else:
        with strategy.scope():  # las variables del modelo y del optimizador, replicadas
            model = make_model(keras, X.shape[1], seed=seed)
            model.compile(optimizer=keras.optimizers.SGD(learning_rate), loss="mse")
        n = strategy.num_replicas_in_sync
    model.fit(X, y, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0)
    return model.get_weights(), n


def main(argv=None):
    parser = argparse.ArgumentParser(description="Paralelismo de datos con tf.distribute.MirroredStrategy.")
    parser.add_argument("--output", help="archivo .npz donde guardar los pesos finales")
    parser.add_argument("--replicas", type=int, default=2, help="CPU lógicas si no hay GPU (1: sin estrategia)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32, help="tamaño del lote global")
    args = parser.parse_args(argv)
    weights, n = train(replicas=args.replicas, epochs=args.epochs, batch_size=args.batch_size)
    if args.output:
        np.savez(args.output, *weights)
    print(f"Entrenamiento terminado con {n} réplica(s).")


if __name__ == "__main__":
    main()
