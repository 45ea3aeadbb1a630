"""Las cuentas de referencia que comparten las comprobaciones de los ejercicios.

Sigmoide, softmax y log-softmax estables (sin desbordarse con preactivaciones enormes), con las que una
comprobación calcula la respuesta correcta, y el nombre de cada caso en los mensajes: el primero es el
ejemplo del enunciado; los demás, casos nuevos al azar.
"""
import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), escrita con tanh para que no se desborde con |z| grande."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def softmax(z, axis=-1):
    """Softmax a lo largo de ``axis`` (por omisión, la última: una fila por ejemplo), restando el máximo."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    """log(softmax(z)) sin pasar por la softmax: ``z − max − log Σ exp(z − max)``."""
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def case_label(i, description):
    """«el ejemplo del enunciado» para el caso 0; ``description`` para los casos al azar."""
    return "el ejemplo del enunciado" if i == 0 else description
