"""Tiempo y memoria por época del mismo perceptrón multicapa en nnlib, PyTorch y Keras.

Uso (desde la raíz del repositorio)::

    python benchmarks/mlp_training.py                  # todo: dígitos + tres tamaños
    python benchmarks/mlp_training.py --sizes digits   # solo el MLP 64-128-64-10 de los dígitos
    python benchmarks/mlp_training.py --quick          # menos épocas, para probar que funciona
    python benchmarks/mlp_training.py --repeat 3 --frameworks nnlib,torch   # máquina compartida: lo mejor de 3

Cada combinación (tamaño, framework) se mide en un proceso nuevo, para que
la memoria de uno no contamine la del otro y cada framework arranque en frío.
En cada proceso: se cargan los datos, se crea el modelo, se entrena una época
de calentamiento (Keras compila su grafo en ella) y se miden las siguientes.

* Tiempo: segundos por época (mediana de las épocas medidas, sin la de calentamiento); con
  ``--repeat N``, la mejor de N rondas alternadas entre frameworks.
* Memoria pico del entrenamiento, desde justo antes de la primera época (con
  los datos y el modelo ya creados): activaciones, gradientes, estado del
  optimizador y lo que cada framework reserve para entrenar.
  - nnlib: ``tracemalloc`` durante la primera época (lo que reservan NumPy y
    Python; ``tracemalloc`` hace lento el código, por eso no se mide el tiempo en ella);
  - PyTorch y Keras en la CPU: crecimiento de la memoria residente (RSS) del
    proceso: el pico ``VmHWM`` de ``/proc/self/status`` (reiniciado antes de
    entrenar) menos el RSS de partida. En Keras incluye trazar el grafo;
  - PyTorch en la GPU: ``torch.cuda.max_memory_allocated``.
* RSS del proceso: memoria residente máxima del proceso entero (datos, modelo
  y el propio framework, que es lo que más pesa en TensorFlow).

Los tres entrenan lo mismo: capas densas con ReLU, salida softmax con entropía
cruzada y Adam (tasa 1e-3), en float32 (lo habitual en PyTorch y Keras; el
modelo de nnlib toma float32 de los datos en su primer ``fit``), con lotes
barajados en cada época.
PyTorch se mide de dos formas: con lotes tomados directamente de los tensores
(lo más rápido) y con un ``DataLoader`` (lo que se enseña), y en la GPU si la
hay (columna GPU).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# nombre: (capas, lote, ejemplos, épocas medidas)
SIZES = {
    "digits": ((64, 128, 64, 10), 32, None, 10),      # sklearn digits: 1797 ejemplos, 64 variables
    "small": ((32, 64, 10), 128, 8192, 10),
    "medium": ((256, 512, 512, 10), 128, 8192, 5),
    "large": ((1024, 2048, 2048, 10), 128, 8192, 3),
}
FRAMEWORKS = ["nnlib", "torch", "torch_loader", "keras"]
LABELS = {"nnlib": "nnlib (NumPy)", "torch": "PyTorch (tensores)", "torch_loader": "PyTorch (DataLoader)",
          "keras": "Keras (TensorFlow)"}


# ======================================================================================
# Memoria del proceso (Linux: /proc/self/status)
# ======================================================================================
def _status_mib(field):
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # sin /proc: el máximo del proceso (no se puede reiniciar)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak_rss():
    """Reinicia VmHWM (el pico de RSS) escribiendo 5 en /proc/self/clear_refs; False si no se puede."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


# ======================================================================================
# Datos
# ======================================================================================
def make_data(size):
    import numpy as np

    layers, _, n, _ = SIZES[size]
    if size == "digits":
        from nnlib.datasets import load_digits

        X, y = load_digits()
        X = X / 16.0
    else:
        rng = np.random.default_rng(0)
        X = rng.standard_normal((n, layers[0]))
        teacher = rng.standard_normal((layers[0], layers[-1]))
        y = np.argmax(X @ teacher + rng.gumbel(size=(n, layers[-1])), axis=1)
    return X.astype(np.float32), y.astype(np.int64)


# ======================================================================================
# Un trabajador por framework: devuelve {"seconds": [...], "peak_mib": ..., ...}
# ======================================================================================
def run_nnlib(size, epochs):
    import tracemalloc

    import numpy as np

    from nnlib.layers import Dense
    from nnlib.model import Sequential

    layers, batch, _, _ = SIZES[size]
    X, y = make_data(size)
    Y = np.eye(layers[-1], dtype=np.float32)[y]
    model = Sequential([Dense(layers[1], activation="relu", input_dim=layers[0])]
                       + [Dense(u, activation="relu") for u in layers[2:-1]]
                       + [Dense(layers[-1], activation="softmax")], seed=0)
    model.compile(optimizer="adam", loss="categorical_crossentropy")  # float32: el primer fit lo decide con X
    tracemalloc.start()  # la época de calentamiento mide la memoria (tracemalloc hace lento el código)
    model.fit(X, Y, batch_size=batch, epochs=1, verbose=0)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        model.fit(X, Y, batch_size=batch, epochs=1, verbose=0)
        seconds.append(time.perf_counter() - start)
    assert model.layers[0].W.dtype == np.float32
    return {"seconds": seconds, "peak_mib": peak, "method": "tracemalloc"}


def run_torch(size, epochs, loader=False, device="cpu"):
    import torch
    from torch import nn

    layers, batch, _, _ = SIZES[size]
    X, y = make_data(size)
    torch.manual_seed(0)
    modules = []
    for n_in, n_out in zip(layers[:-2], layers[1:-1]):
        modules += [nn.Linear(n_in, n_out), nn.ReLU()]
    model = nn.Sequential(*modules, nn.Linear(layers[-2], layers[-1])).to(device)  # logits: CrossEntropyLoss
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    X, y = torch.from_numpy(X).to(device), torch.from_numpy(y).to(device)
    data = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, y), batch_size=batch, shuffle=True)

    def batches():
        if loader:
            yield from data
        else:
            order = torch.randperm(len(X), device=device)
            for start in range(0, len(X), batch):
                idx = order[start:start + batch]
                yield X[idx], y[idx]

    def epoch():
        for xb, yb in batches():
            optimizer.zero_grad()
            loss_fn(model(xb), yb).backward()
            optimizer.step()
        if device != "cpu":
            torch.cuda.synchronize()

    if device != "cpu":
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    baseline = _status_mib("VmRSS")
    _reset_peak_rss()
    epoch()  # calentamiento (y el estado del optimizador, que cuenta en la memoria)
    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        epoch()
        seconds.append(time.perf_counter() - start)
    if device != "cpu":
        return {"seconds": seconds, "peak_mib": torch.cuda.max_memory_allocated() / 2**20,
                "method": "cuda.max_memory_allocated", "device": torch.cuda.get_device_name()}
    return {"seconds": seconds, "peak_mib": _status_mib("VmHWM") - baseline, "method": "RSS"}


def run_keras(size, epochs):
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    import keras

    layers, batch, _, _ = SIZES[size]
    X, y = make_data(size)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(layers[0],))]
                             + [keras.layers.Dense(u, activation="relu") for u in layers[1:-1]]
                             + [keras.layers.Dense(layers[-1], activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    baseline = _status_mib("VmRSS")
    _reset_peak_rss()
    model.fit(X, y, batch_size=batch, epochs=1, verbose=0)  # calentamiento: traza el grafo
    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        model.fit(X, y, batch_size=batch, epochs=1, verbose=0)
        seconds.append(time.perf_counter() - start)
    return {"seconds": seconds, "peak_mib": _status_mib("VmHWM") - baseline, "method": "RSS"}


def worker(framework, size, epochs):
    if framework == "nnlib":
        result = run_nnlib(size, epochs)
    elif framework == "torch":
        result = run_torch(size, epochs)
    elif framework == "torch_loader":
        result = run_torch(size, epochs, loader=True)
    elif framework == "torch_gpu":
        result = run_torch(size, epochs, device="cuda")
    elif framework == "keras":
        result = run_keras(size, epochs)
    else:
        raise SystemExit(f"Framework desconocido: {framework}")
    result["process_rss_mib"] = _status_mib("VmHWM") if framework != "torch_gpu" else None
    print(json.dumps(result))


# ======================================================================================
# El programa principal: lanza los trabajadores y escribe la tabla
# ======================================================================================
def _measure(framework, size, epochs):
    env = dict(os.environ, KERAS_BACKEND="tensorflow", TF_CPP_MIN_LOG_LEVEL="3",
               PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", framework, "--size", size, "--epochs", str(epochs)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"Falló {framework} / {size}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _gpu_available():
    code = "import torch; print(torch.cuda.is_available())"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return proc.stdout.strip() == "True"


def _params(layers):
    return sum((a + 1) * b for a, b in zip(layers[:-1], layers[1:]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="tamaños separados por comas: " + ", ".join(SIZES))
    parser.add_argument("--quick", action="store_true", help="una sola época medida (para probar el programa)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rondas alternadas de cada framework; se queda con la más rápida de cada uno "
                             "(en una máquina compartida, 3 o más)")
    parser.add_argument("--frameworks", default=",".join(FRAMEWORKS),
                        help="frameworks separados por comas (nnlib siempre): " + ", ".join(FRAMEWORKS))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--size", help=argparse.SUPPRESS)
    parser.add_argument("--epochs", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker, args.size, args.epochs)

    sizes = [s.strip() for s in args.sizes.split(",")]
    for s in sizes:
        if s not in SIZES:
            raise SystemExit(f"Tamaño desconocido: '{s}'. Tamaños válidos: {', '.join(SIZES)}.")
    frameworks = ["nnlib"] + [f.strip() for f in args.frameworks.split(",") if f.strip() not in ("", "nnlib")]
    for f in frameworks:
        if f not in FRAMEWORKS:
            raise SystemExit(f"Framework desconocido: '{f}'. Válidos: {', '.join(FRAMEWORKS)}.")
    if args.repeat < 1:
        raise SystemExit("--repeat debe ser 1 o más.")
    gpu = _gpu_available()
    header = ["tamaño", "framework", "s/época", "× nnlib", "memoria pico (MiB)", "medida", "RSS proceso (MiB)"]
    if gpu:
        header += ["GPU s/época", "GPU memoria (MiB)"]
    rows = []
    for size in sizes:
        layers, batch, _, epochs = SIZES[size]
        epochs = 1 if args.quick else epochs
        name = f"{size} {'-'.join(map(str, layers))} ({_params(layers):,} parám., lote {batch})"
        results = {}
        for _ in range(args.repeat):  # rondas alternadas: la carga de la máquina afecta a todos por igual
            for fw in frameworks + (["torch_gpu"] if gpu else []):
                r = _measure(fw, size, epochs)
                if fw not in results or statistics.median(r["seconds"]) < statistics.median(results[fw]["seconds"]):
                    results[fw] = r
        base = statistics.median(results["nnlib"]["seconds"])
        for fw in frameworks:
            r = results[fw]
            t = statistics.median(r["seconds"])
            row = [name, LABELS[fw], f"{t:.3f}", f"{t / base:.2f}", f"{r['peak_mib']:.1f}", r["method"],
                   f"{r['process_rss_mib']:.0f}"]
            if gpu:
                g = results["torch_gpu"] if fw == "torch" else None
                row += [f"{statistics.median(g['seconds']):.3f}", f"{g['peak_mib']:.1f}"] if g else ["—", "—"]
            rows.append(row)
            name = ""
        print(f"· {size}: hecho", file=sys.stderr, flush=True)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    line = "  ".join("{:<%d}" % w for w in widths)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU" + (", con GPU" if gpu else ", sin GPU"))
    print(line.format(*header).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line.format(*r).rstrip())


if __name__ == "__main__":
    main()
