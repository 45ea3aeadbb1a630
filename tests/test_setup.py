"""nnlib.setup.setup_notebook: la preparación común de los cuadernos."""
import os
import random
import subprocess
import sys

import matplotlib
import numpy as np
import pytest

from nnlib.setup import ENVIRONMENT_DEFAULTS, FIGURE_RC, setup_notebook


@pytest.fixture(autouse=True)
def restore_global_state():
    """setup_notebook cambia estado global (matplotlib, NumPy): se restaura para las demás pruebas."""
    print_options = np.get_printoptions()
    random_state = np.random.get_state()
    with matplotlib.rc_context():
        yield
    np.set_printoptions(**print_options)
    np.random.set_state(random_state)


def test_same_seed_same_numbers():
    setup_notebook(seed=3)
    first = (random.random(), np.random.rand(3))
    setup_notebook(seed=3)
    second = (random.random(), np.random.rand(3))
    assert first[0] == second[0]
    np.testing.assert_array_equal(first[1], second[1])
    setup_notebook(seed=4)
    assert random.random() != first[0]


def test_seeds_frameworks_already_imported():
    import torch

    setup_notebook(seed=0)
    a = torch.rand(2)
    setup_notebook(seed=0)
    torch.testing.assert_close(torch.rand(2), a)


def test_prints_nothing_and_configures_figures(capsys):
    setup_notebook(seed=0)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert tuple(matplotlib.rcParams["figure.figsize"]) == FIGURE_RC["figure.figsize"]
    assert matplotlib.rcParams["figure.dpi"] == FIGURE_RC["figure.dpi"]


def test_environment_defaults_before_any_framework_import():
    """En un proceso nuevo: fija las variables sin pisar las que ya existían y sin importar marcos."""
    code = (
        "import os, sys\n"
        "os.environ['TF_CPP_MIN_LOG_LEVEL'] = '1'\n"
        "from nnlib.setup import setup_notebook\n"
        "setup_notebook(seed=0)\n"
        "print(os.environ['KERAS_BACKEND'], os.environ['TF_CPP_MIN_LOG_LEVEL'], os.environ['TF_ENABLE_ONEDNN_OPTS'])\n"
        "print(any(m in sys.modules for m in ('tensorflow', 'keras', 'torch')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ENVIRONMENT_DEFAULTS}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["tensorflow 1 0", "False"]
    assert result.stderr == ""


@pytest.mark.parametrize("seed", [-1, 1.5, "0", True, None])
def test_rejects_bad_seed(seed):
    with pytest.raises(ValueError, match="seed"):
        setup_notebook(seed=seed)
