"""Soluciones de referencia de ``nnlib.checks.marco_keras`` (capítulo 7).

Quien cambie un ejercicio del capítulo 7 actualiza aquí su solución en el mismo commit.
Son las mismas soluciones que el cuaderno esconde tras «Mostrar solución». Keras se
importa dentro de ``build_mlp``: cargar este archivo no carga TensorFlow.
"""


def build_mlp(n_inputs, n_hidden, n_outputs, learning_rate):
    import keras

    model = keras.Sequential([
        keras.Input(shape=(n_inputs,)),
        keras.layers.Dense(n_hidden, activation="relu"),
        keras.layers.Dense(n_outputs, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate), loss="categorical_crossentropy")
    return model


def legacy_decay(initial_learning_rate, decay, epoch, steps_per_epoch):
    iterations = epoch * steps_per_epoch
    return initial_learning_rate / (1 + decay * iterations)


def conv_output_shape(height, width, filters, kernel_size, strides, padding):
    def side(n):
        if padding == "valid":
            return (n - kernel_size) // strides + 1
        return (n + strides - 1) // strides
    return side(height), side(width), filters


def simple_rnn_params(input_dim, units):
    return units * (input_dim + units + 1)


SOLUTIONS = {
    "check_build_mlp": {"build_mlp": build_mlp},
    "check_legacy_decay": {"legacy_decay": legacy_decay},
    "check_conv_output_shape": {"conv_output_shape": conv_output_shape},
    "check_simple_rnn_params": {"simple_rnn_params": simple_rnn_params},
}
