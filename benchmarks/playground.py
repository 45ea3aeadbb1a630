"""¿Responde el laboratorio del capítulo 10? Una época más el redibujo, en milisegundos.

Mide, con la configuración por omisión (círculos, red 2-4-2-1, lotes de 10), lo que cuesta
cada paso del botón de ejecutar del widget: una época de entrenamiento
(``Playground.step``), la puesta al día de la figura (``PlaygroundView.update``), el
dibujo con Agg y, como hace el widget, el PNG que se envía al navegador. Da la mediana
de ``--repeats`` pasos tras unos de calentamiento. El objetivo: muy por debajo de 100 ms.

    python benchmarks/playground.py
    python benchmarks/playground.py --dataset spiral --hidden 8,8,8 --repeats 50
"""
from __future__ import annotations

import argparse
import io
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from nnlib.playground import Playground  # noqa: E402
from nnlib.widgets.laboratorio import PlaygroundView, parse_hidden  # noqa: E402


def measure(dataset="circles", hidden=(4, 2), repeats=30, dpi=72):
    lab = Playground(dataset=dataset, hidden=hidden)
    view = PlaygroundView(lab)
    times = {"época": [], "actualizar la figura": [], "dibujar (Agg)": [], "PNG": []}
    for i in range(repeats + 5):
        t0 = time.perf_counter()
        lab.step()
        t1 = time.perf_counter()
        view.update()
        t2 = time.perf_counter()
        view.fig.set_dpi(dpi)
        view.fig.canvas.draw()
        t3 = time.perf_counter()
        view.fig.savefig(io.BytesIO(), format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
        t4 = time.perf_counter()
        if i >= 5:
            for key, dt in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                times[key].append(1000 * dt)
    return {key: float(np.median(v)) for key, v in times.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="circles")
    parser.add_argument("--hidden", default="4,2")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    result = measure(args.dataset, parse_hidden(args.hidden), args.repeats)
    print(f"| paso ({args.dataset}, capas {args.hidden}) | ms (mediana) |")
    print("|---|---|")
    for key, ms in result.items():
        print(f"| {key} | {ms:.1f} |")
    # el widget dibuja una sola vez, al guardar el PNG: el paso completo es época + actualizar + PNG
    total = result["época"] + result["actualizar la figura"] + result["PNG"]
    print(f"| **paso del widget** (época + actualizar + PNG) | **{total:.1f}** |")


if __name__ == "__main__":
    main()
