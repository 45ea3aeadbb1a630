"""Soluciones de referencia de ``nnlib.checks.banco_marco_pytorch`` (banco del capítulo 8).

Quien cambie un ejercicio de ``chapters/banco/08_pytorch.ipynb`` actualiza aquí su solución en el
mismo commit. Son las mismas soluciones que el cuaderno esconde tras «Mostrar solución».
"""
import numpy as np
import torch
from torch import nn


def conv_output_size(n, kernel_size, stride, padding):
    return (n + 2 * padding - kernel_size) // stride + 1


def conv_param_count(channels, kernel_size):
    return sum((c_in * kernel_size**2 + 1) * c_out for c_in, c_out in zip(channels, channels[1:]))


def _log_softmax(logits):
    z = np.asarray(logits, dtype=float)
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def cross_entropy_from_logits(logits, y):
    log_p = _log_softmax(logits)
    return float(-np.mean(log_p[np.arange(len(y)), y]))


def logit_gradient(logits, y):
    probs = np.exp(_log_softmax(logits))
    one_hot = np.eye(probs.shape[1])[y]
    return (probs - one_hot) / len(y)


def train_and_predict(X_train, y_train, X_test):
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    order = rng.permutation(len(X_train))
    n_val = len(X_train) // 5
    val, fit = order[:n_val], order[n_val:]
    X_fit = torch.tensor(X_train[fit], dtype=torch.float32)
    y_fit = torch.tensor(y_train[fit], dtype=torch.long)
    X_val = torch.tensor(X_train[val], dtype=torch.float32)
    y_val = torch.tensor(y_train[val], dtype=torch.long)
    n_classes = int(y_train.max()) + 1
    model = nn.Sequential(nn.Linear(X_train.shape[1], 64), nn.ReLU(), nn.Linear(64, n_classes))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    loss_fn = nn.CrossEntropyLoss()
    best, best_state = -1.0, None
    for epoch in range(20):
        model.train()
        for batch in torch.randperm(len(X_fit)).split(64):
            optimizer.zero_grad()
            loss_fn(model(X_fit[batch]), y_fit[batch]).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            accuracy = (model(X_val).argmax(dim=1) == y_val).float().mean().item()
        if accuracy > best:
            best = accuracy
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    model.eval()
    with torch.no_grad():
        return model(torch.tensor(X_test, dtype=torch.float32)).argmax(dim=1).numpy()


SOLUTIONS = {
    "check_conv_output_size": {"conv_output_size": conv_output_size},
    "check_conv_param_count": {"conv_param_count": conv_param_count},
    "check_cross_entropy_from_logits": {"cross_entropy_from_logits": cross_entropy_from_logits},
    "check_logit_gradient": {"logit_gradient": logit_gradient},
    "check_train_and_predict": {"train_and_predict": train_and_predict},
}
