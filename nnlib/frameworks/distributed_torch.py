"""Entrenar en varios dispositivos con PyTorch: paralelismo de datos con DistributedDataParallel.

La idea: se lanzan varios procesos iguales (uno por GPU, o varios en la CPU).
Cada uno tiene una copia del modelo y recibe una parte distinta de cada lote.
Tras ``loss.backward()``, ``DistributedDataParallel`` (DDP) promedia los
gradientes entre los procesos (un *all-reduce*), de modo que todas las copias
aplican el mismo paso y siguen siendo idénticas. Con un lote global de
:math:`B` ejemplos repartido en :math:`P` procesos de :math:`B/P` ejemplos,
el promedio de los :math:`P` gradientes es el gradiente de la media sobre
los :math:`B` ejemplos: el mismo paso que daría un solo proceso.

Se lanza con ``torchrun``, que crea los procesos y les da su número
(``RANK``) y el total (``WORLD_SIZE``)::

    torchrun --standalone --nproc_per_node=2 -m nnlib.frameworks.distributed_torch --output pesos.npz

En la CPU se comunica con el *backend* ``gloo``; con GPU, con ``nccl`` y un
proceso por GPU (``--nproc_per_node`` = número de GPU), sin cambiar nada
más. Sin ``torchrun`` (``python -m nnlib.frameworks.distributed_torch``) el
mismo código entrena en un solo proceso: la referencia con la que se compara.
"""
from __future__ import annotations

import argparse
import datetime
import os

import numpy as np
import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset


def make_data(n_samples=256, n_features=8, seed=0):
    """Un problema de regresión pequeño y fijo: y = sin(x·w) + ruido."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    y = np.sin(X @ rng.standard_normal(n_features))[:, None] + 0.1 * rng.standard_normal((n_samples, 1))
    return torch.tensor(X, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)


def make_model(n_features=8, hidden=16, seed=0):
    """Un perceptrón multicapa 8-16-1 con pesos iniciales fijos (los mismos en todos los procesos)."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(n_features, hidden), nn.Tanh(), nn.Linear(hidden, 1)).double()


def train(epochs=3, batch_size=32, learning_rate=0.1, seed=0):
    """Entrena con lotes globales de ``batch_size`` ejemplos, en 1 o en ``WORLD_SIZE`` procesos."""
    distributed = "WORLD_SIZE" in os.environ  # lo define torchrun
    if distributed:
        backend = "nccl" if torch.cuda.is_available() else "gloo"
        dist.init_process_group(backend, timeout=datetime.timedelta(seconds=60))
        rank, world = dist.get_rank(), dist.get_world_size()
    else:
        rank, world = 0, 1
    if torch.cuda.is_available():
        dev = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0)))
        torch.cuda.set_device(dev)
    else:
        dev = torch.device("cpu")

    X, y = make_data(seed=seed)
    model = make_model(X.shape[1], seed=seed).to(dev)
    dataset = TensorDataset(X, y)
    if distributed:
        # Cada proceso ve los ejemplos rank, rank + world, rank + 2·world...: la unión de los lotes
        # locales número k es el lote global número k, el mismo que usa un solo proceso.
        sampler = DistributedSampler(dataset, num_replicas=world, rank=rank, shuffle=False)
        loader = DataLoader(dataset, batch_size=batch_size // world, sampler=sampler)
        model = DistributedDataParallel(model)
    else:
        loader = DataLoader(dataset, batch_size=batch_size, shuffle=False)

    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    loss_fn = nn.MSELoss()
    for epoch in range(epochs):
        if distributed:
            loader.sampler.set_epoch(epoch)  # con shuffle=True, cada época baraja distinto
        for xb, yb in loader:
            xb, yb = xb.to(dev), yb.to(dev)
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()  # con DDP, aquí se promedian los gradientes entre procesos
            optimizer.step()

    net = model.module if distributed else model
    weights = [p.detach().cpu().numpy() for p in net.parameters()]
    if distributed:
        dist.destroy_process_group()
    return rank, weights


def main(argv=None):
    parser = argparse.ArgumentParser(description="Paralelismo de datos con torch.distributed (DDP).")
    parser.add_argument("--output", help="archivo .npz donde el proceso 0 guarda los pesos finales")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32, help="tamaño del lote global")
    args = parser.parse_args(argv)
    rank, weights = train(epochs=args.epochs, batch_size=args.batch_size)
    if rank == 0:
        if args.output:
            np.savez(args.output, *weights)
        print(f"Entrenamiento terminado en {os.environ.get('WORLD_SIZE', 1)} proceso(s).")


if __name__ == "__main__":
    main()
