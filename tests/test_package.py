"""El paquete como lo ve quien lo instala: la API pública de DESIGN.md y un núcleo sin frameworks."""
import subprocess
import sys

import pytest

import nnlib

CORE = ["activations", "losses", "initializers", "regularizers", "layers", "optimizers", "schedules",
        "metrics", "callbacks", "model", "perceptron", "gradcheck", "datasets", "plots", "checks", "setup"]


def test_public_api_of_the_design_contract():
    from nnlib import activations, datasets, initializers, losses, optimizers  # noqa: F401
    from nnlib.layers import Dense, Dropout  # noqa: F401
    from nnlib.model import Sequential
    from nnlib.perceptron import Perceptron

    assert nnlib.Sequential is Sequential and nnlib.Perceptron is Perceptron
    for name in ["linear", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "swish", "softmax"]:
        assert activations.get(name).name == name
    assert isinstance(optimizers.get("adam"), optimizers.Adam)
    assert isinstance(initializers.RandomUniform(minval=-0.3, maxval=0.3), initializers.Initializer)


def test_unknown_attribute_has_a_spanish_error():
    with pytest.raises(AttributeError, match="nnlib no tiene el atributo 'Sequentail'"):
        nnlib.Sequentail  # noqa: B018


@pytest.mark.parametrize("module", CORE)
def test_numpy_core_imports_no_framework(module):
    """Cada módulo del núcleo se importa sin cargar TensorFlow, Keras ni PyTorch (Colab instala en segundos)."""
    code = (
        f"import sys, nnlib.{module}; "
        "loaded = sorted(m for m in ('tensorflow', 'keras', 'torch') if m in sys.modules); "
        "print(','.join(loaded))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"nnlib.{module} carga {out.stdout.strip()}"
