"""Paralelismo de datos de verdad, en la CPU: 2 procesos con torchrun (gloo) y 2 CPU lógicas con
MirroredStrategy. Con los mismos lotes globales y SGD, el resultado es el de un solo proceso."""
import os
import subprocess
import sys

import numpy as np
import pytest

from nnlib.frameworks import distributed_torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 180


def _env():
    env = dict(os.environ, KERAS_BACKEND="tensorflow", TF_CPP_MIN_LOG_LEVEL="3", OMP_NUM_THREADS="1",
               PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for key in ("WORLD_SIZE", "RANK", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"):
        env.pop(key, None)
    return env


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Lanza a la vez los tres programas (torchrun con 2 procesos, Keras con 2 y con 1 réplica)."""
    out = tmp_path_factory.mktemp("distribuido")
    commands = {
        "torch": [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
                  "-m", "nnlib.frameworks.distributed_torch", "--output", str(out / "torch.npz")],
        "keras2": [sys.executable, "-m", "nnlib.frameworks.distributed_keras", "--replicas", "2",
                   "--output", str(out / "keras2.npz")],
        "keras1": [sys.executable, "-m", "nnlib.frameworks.distributed_keras", "--replicas", "1",
                   "--output", str(out / "keras1.npz")],
    }
    procs = {name: subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True) for name, cmd in commands.items()}
    results = {}
    try:
        for name, proc in procs.items():
            stdout, stderr = proc.communicate(timeout=TIMEOUT)
            results[name] = (proc.returncode, stdout, stderr)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
    return out, results


def _weights(path):
    with np.load(path) as data:
        return [data[f"arr_{i}"] for i in range(len(data.files))]


def test_torchrun_two_processes_match_single_process(runs, monkeypatch):
    out, results = runs
    code, stdout, stderr = results["torch"]
    assert code == 0, stderr[-3000:]
    assert "Entrenamiento terminado en 2 proceso(s)." in stdout
    for key in ("WORLD_SIZE", "RANK", "LOCAL_RANK"):
        monkeypatch.delenv(key, raising=False)
    rank, single = distributed_torch.train()  # sin torchrun: un solo proceso, lotes globales iguales
    assert rank == 0
    initial = [p.detach().numpy() for p in distributed_torch.make_model().parameters()]
    for w0, w1, w2 in zip(initial, single, _weights(out / "torch.npz")):
        assert not np.allclose(w1, w0, atol=1e-3)  # entrenó de verdad
        np.testing.assert_allclose(w2, w1, rtol=1e-10, atol=1e-12)


def test_mirrored_strategy_two_devices_matches_one(runs):
    out, results = runs
    for name, replicas in (("keras2", 2), ("keras1", 1)):
        code, stdout, stderr = results[name]
        assert code == 0, stderr[-3000:]
        assert f"Entrenamiento terminado con {replicas} réplica(s)." in stdout
    mirrored, single = _weights(out / "keras2.npz"), _weights(out / "keras1.npz")
    assert [w.shape for w in mirrored] == [(8, 16), (16,), (16, 1), (1,)]
    assert np.all(np.abs(mirrored[1]) > 0)  # los sesgos empiezan en 0: entrenó de verdad
    for w2, w1 in zip(mirrored, single):
        np.testing.assert_allclose(w2, w1, rtol=1e-5, atol=1e-6)  # float32


def test_distributed_scripts_show_their_use():
    for module in ("nnlib.frameworks.distributed_torch", "nnlib.frameworks.distributed_keras"):
        result = subprocess.run([sys.executable, "-m", module, "--help"], cwd=ROOT, env=_env(),
                                capture_output=True, text=True, timeout=TIMEOUT)
        assert result.returncode == 0 and "--output" in result.stdout
