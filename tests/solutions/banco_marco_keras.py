"""Soluciones de referencia de ``nnlib.checks.banco_marco_keras`` (banco del capítulo 7).

Son las mismas que el banco ``chapters/banco/07_keras.ipynb`` esconde tras «Mostrar solución»;
quien cambie un ejercicio actualiza aquí su solución en el mismo commit.
"""
import math


def conv2d_params(kernel_size, in_channels, filters):
    height, width = kernel_size
    return height * width * in_channels * filters + filters


def lstm_params(input_dim, units):
    return 4 * (units * (input_dim + units) + units)


def inverse_time_decay(initial_learning_rate, decay_steps, decay_rate, step, staircase):
    p = step / decay_steps
    if staircase:
        p = math.floor(p)
    return initial_learning_rate / (1 + decay_rate * p)


def receptive_field(kernel_sizes, strides):
    field, jump = 1, 1
    for k, s in zip(kernel_sizes, strides):
        field += (k - 1) * jump
        jump *= s
    return field


def train_digits(X_train, y_train, X_val, y_val):
    import keras

    best_model, best_accuracy = None, -1.0
    for units in (16, 64):
        keras.utils.set_random_seed(0)
        model = keras.Sequential([keras.Input(shape=(X_train.shape[1],)),
                                  keras.layers.Dense(units, activation="relu"),
                                  keras.layers.Dense(10, activation="softmax")])
        model.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.Adam(0.01),
                      metrics=["accuracy"])
        model.fit(X_train, y_train, epochs=12, batch_size=64, verbose=0)
        accuracy = model.evaluate(X_val, y_val, verbose=0)[1]
        if accuracy > best_accuracy:
            best_model, best_accuracy = model, accuracy
    return best_model


SOLUTIONS = {
    "check_conv2d_params": {"conv2d_params": conv2d_params},
    "check_lstm_params": {"lstm_params": lstm_params},
    "check_inverse_time_decay": {"inverse_time_decay": inverse_time_decay},
    "check_receptive_field": {"receptive_field": receptive_field},
    "check_train_digits": {"train_digits": train_digits},
}
