#!/usr/bin/env python
"""Vuelve a ejecutar los capítulos en su lugar, de forma determinista, para guardar sus salidas.

Las salidas guardadas en los cuadernos son la verdad: el sitio las muestra sin ejecutar nada
y nbval comprueba que una nueva ejecución las reproduce. Esta herramienta es la forma de
producirlas:

    python tools/execute_notebooks.py              # todos los capítulos y sus bancos de ejercicios
    python tools/execute_notebooks.py 01           # uno (por número, nombre o ruta)
    python tools/execute_notebooks.py chapters/banco/01_perceptron.ipynb   # un banco, por su ruta
    python tools/execute_notebooks.py 00 01 --timeout 900

Cada cuaderno se ejecuta de principio a fin con un núcleo del mismo intérprete de Python
que corre la herramienta (el del entorno actual), con el directorio ``chapters/`` como
directorio de trabajo y un entorno fijo (``PYTHONHASHSEED=0``, Keras sobre TensorFlow,
sin oneDNN, sin registros de TensorFlow). Después se normaliza: sin estado de widgets,
identificadores de celda estables y metadatos mínimos, para que los diffs sean limpios.
Si una celda falla, el cuaderno no se sobrescribe.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import notebook_policy as policy  # noqa: E402

#: Entorno con el que se ejecutan los cuadernos: el mismo que fija scripts/test para nbval.
DETERMINISTIC_ENV = {
    "PYTHONHASHSEED": "0",
    "KERAS_BACKEND": "tensorflow",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
}
#: Variables que no deben llegar al núcleo: cambiarían las figuras o los registros.
REMOVED_ENV = ("MPLBACKEND", "PYTHONWARNINGS")


def current_env_kernel_manager(socket_dir):
    """Un gestor de núcleos que arranca ipykernel con este mismo intérprete.

    Se comunica por sockets locales (IPC) dentro de ``socket_dir``: sin puertos TCP y sin
    el aviso de ipykernel sobre conexiones TCP sin cifrar.
    """
    import ipykernel.kernelspec
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    class CurrentEnvSpecs(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return self.kernel_spec_class(
                resource_dir=ipykernel.kernelspec.RESOURCES,
                **ipykernel.kernelspec.get_kernel_dict(),
            )

    return KernelManager(
        kernel_name="python3",
        kernel_spec_manager=CurrentEnvSpecs(),
        transport="ipc",
        ip=os.path.join(socket_dir, "kernel"),
    )


def stderr_cells(nb):
    """Índices de las celdas de código que escribieron en stderr."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if any(o.get("output_type") == "stream" and o.get("name") == "stderr" for o in cell.outputs):
            found.append(index)
    return found


def run_notebook(nb, cwd, timeout=600, allow_errors=False):
    """Ejecuta ``nb`` en su lugar con un núcleo de este intérprete, con ``cwd`` como directorio.

    El núcleo recibe el entorno de este proceso con las variables de ``DETERMINISTIC_ENV``
    (y sin las de ``REMOVED_ENV``). Con ``allow_errors=False``, la primera celda que falla
    lanza ``nbclient.exceptions.CellExecutionError``.
    """
    from nbclient import NotebookClient

    for cell in policy.code_cells(nb):
        cell.outputs = []
        cell.execution_count = None
    socket_dir = tempfile.mkdtemp(prefix="nnlib-kernel-")
    km = current_env_kernel_manager(socket_dir)
    client = NotebookClient(
        nb,
        km=km,
        timeout=timeout,
        allow_errors=allow_errors,
        record_timing=False,
        store_widget_state=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    try:
        client.execute(env=kernel_environment())
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
        shutil.rmtree(socket_dir, ignore_errors=True)
    return nb


def execute(path, timeout=600):
    """Ejecuta un capítulo y lo sobrescribe normalizado. Devuelve la lista de avisos."""
    from nbclient.exceptions import CellExecutionError

    path = Path(path).resolve()
    nb = policy.read(path)
    try:
        run_notebook(nb, path.parent, timeout=timeout)
    except CellExecutionError as error:
        raise SystemExit(f"✗ {path.name}: una celda falló; el cuaderno no se modificó.\n{error}") from None
    policy.normalize(nb)
    policy.write(nb, path)
    warnings = []
    for index in stderr_cells(nb):
        warnings.append(
            f"  aviso: la celda {index} escribió en stderr (avisos o registros). "
            "Corrija la causa; la prueba de política de cuadernos lo rechaza."
        )
    return warnings


def kernel_environment():
    """El entorno del núcleo: el de este proceso, con las variables deterministas del curso."""
    env = {k: v for k, v in os.environ.items() if k not in REMOVED_ENV}
    env.update(DETERMINISTIC_ENV)
    return env


def main(argv=None):
    parser = policy.spanish_parser(
        "Vuelve a ejecutar capítulos del curso en su lugar, de forma determinista, "
        "y guarda sus salidas normalizadas.",
    )
    parser.add_argument(
        "chapters",
        nargs="*",
        metavar="CAPÍTULO",
        help="capítulos a ejecutar: número (01), nombre (01_perceptron) o ruta (también de un banco, "
        "chapters/banco/01_perceptron.ipynb); sin argumentos, todos los capítulos y bancos",
    )
    parser.add_argument(
        "--timeout", type=int, default=600, metavar="SEGUNDOS", help="segundos máximos por celda (por omisión, 600)"
    )
    args = parser.parse_args(argv)

    paths = policy.resolve_chapters(args.chapters)
    if not paths:
        print("No hay capítulos en chapters/.")
        return 0
    for path in paths:
        start = time.perf_counter()
        print(f"» Ejecutando {path.name} ...", flush=True)
        warnings = execute(path, timeout=args.timeout)
        print(f"✓ {path.name} ({time.perf_counter() - start:.0f} s)", flush=True)
        for line in warnings:
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
