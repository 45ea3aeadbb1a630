"""Soluciones de referencia de ``nnlib.checks.marco_pytorch`` (capítulo 8).

Quien cambie un ejercicio del capítulo 8 actualiza aquí su solución en el mismo commit.
Son las mismas soluciones que el cuaderno esconde tras «Mostrar solución».
"""
import math

import torch
from torch import nn


def count_iterations(n_samples, batch_size, epochs, drop_last):
    if drop_last:
        per_epoch = n_samples // batch_size
    else:
        per_epoch = math.ceil(n_samples / batch_size)
    return per_epoch * epochs


class TanhMLP(nn.Module):
    def __init__(self, n_inputs, n_hidden, n_outputs):
        super().__init__()
        self.hidden1 = nn.Linear(n_inputs, n_hidden)
        self.hidden2 = nn.Linear(n_hidden, n_hidden)
        self.output = nn.Linear(n_hidden, n_outputs)

    def forward(self, x):
        h = torch.tanh(self.hidden1(x))
        h = torch.tanh(self.hidden2(h))
        return self.output(h)


def state_dict_shapes(layer_sizes):
    shapes = {}
    for k, (n_in, n_out) in enumerate(zip(layer_sizes, layer_sizes[1:])):
        index = 2 * k
        shapes[f"{index}.weight"] = (n_out, n_in)
        shapes[f"{index}.bias"] = (n_out,)
    return shapes


def shard_indices(n_samples, rank, world_size):
    per_rank = math.ceil(n_samples / world_size)
    total = per_rank * world_size
    indices = [i % n_samples for i in range(total)]      # la lista, completada desde el principio
    return indices[rank::world_size]


SOLUTIONS = {
    "check_count_iterations": {"count_iterations": count_iterations},
    "check_tanh_mlp": {"TanhMLP": TanhMLP},
    "check_state_dict_shapes": {"state_dict_shapes": state_dict_shapes},
    "check_shard_indices": {"shard_indices": shard_indices},
}
