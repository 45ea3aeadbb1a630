"""Configuración común de las pruebas: Keras sobre TensorFlow, sin ruido en los registros."""
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")


import pytest  # noqa: E402 - después de fijar las variables de entorno, antes de importar Keras


@pytest.fixture
def float64_keras():
    """Keras calcula en float64 (capas, pérdidas, métricas y optimizadores) y luego vuelve a su estado."""
    import keras

    previous_floatx, previous_policy = keras.config.floatx(), keras.config.dtype_policy()
    keras.config.set_floatx("float64")
    keras.config.set_dtype_policy("float64")
    yield
    keras.config.set_floatx(previous_floatx)
    keras.config.set_dtype_policy(previous_policy)
