"""Soluciones de referencia de ``nnlib.checks.introduccion`` (capítulo 0).

Quien cambie un ejercicio del capítulo 0 actualiza aquí su solución en el mismo commit.
"""
import numpy as np

_X = np.array([1.0, 2.0, -1.0])
_W = np.array([0.5, -0.25, 0.75])
_B = 0.2

#: z = w · x + b y la salida sigmoide, calculadas como en el cuaderno.
NEURON_Z = float(np.dot(_W, _X) + _B)
NEURON_OUTPUT = float(1.0 / (1.0 + np.exp(-NEURON_Z)))


def count_params(layer_sizes):
    return sum((n + 1) * m for n, m in zip(layer_sizes[:-1], layer_sizes[1:]))


ARCHITECTURE_FOR = {
    "a": "convolucional",
    "b": "recurrente",
    "c": "codificador-decodificador",
    "d": "autocodificador",
    "e": "gan",
    "f": "prealimentada",
}

LEARNING_FOR = {
    "a": "supervisado",
    "b": "autosupervisado",
    "c": "refuerzo",
    "d": "supervisado",
    "e": "autosupervisado",
    "f": "refuerzo",
}

SOLUTIONS = {
    "check_neuron": {"neuron_z": NEURON_Z, "neuron_output": NEURON_OUTPUT},
    "check_count_params": {"count_params": count_params},
    "check_architectures": {"architecture_for": ARCHITECTURE_FOR},
    "check_learning": {"learning_for": LEARNING_FOR},
}
