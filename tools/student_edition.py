#!/usr/bin/env python
"""Escribe la edición para estudiantes: los capítulos y los bancos sin las soluciones de los ejercicios.

    python tools/student_edition.py --out student/
    python tools/student_edition.py --out student/ --zip estudiantes.zip
    python tools/student_edition.py --out student/ --colab https://github.com/CUENTA/REPO --branch main

Copia ``chapters/`` en la carpeta de salida, con los bancos de ejercicios en ``banco/``. En cada
cuaderno (capítulos y bancos), el código entre
``### BEGIN SOLUTION`` y ``### END SOLUTION`` se reemplaza por::

    # SU CÓDIGO AQUÍ
    raise NotImplementedError("Ejercicio sin resolver: ...")

y se borran las salidas de esas celdas y de las celdas de comprobación (etiqueta ``check``):
nada muestra un ejercicio resuelto, ni su respuesta, antes de que quien aprende lo
trabaje. Todo lo demás queda idéntico (texto, otras celdas, sus salidas, etiquetas y
metadatos). No se copian las páginas solo para docentes: ``docentes/`` (con las respuestas de los
retos y de las preguntas de cada capítulo) y ``guia_docentes.md``. Los cuadernos originales no se
tocan: la herramienta solo lee ``chapters/`` y se niega a escribir dentro de él.

La carpeta de salida se reemplaza entera si la escribió esta misma herramienta (lleva el
archivo ``.edicion-estudiantes``); si existe con otro contenido, se detiene sin borrar nada. Su
``.git``, si lo tiene, se conserva: la salida puede ser un clon del repositorio de estudiantes (vacío
la primera vez), que se actualiza con cada edición nueva.

``--zip ARCHIVO`` guarda además la edición en un zip para repartirla (dentro, una carpeta
``estudiantes/``). ``--colab URL`` escribe en la edición un ``COLAB.md`` con un enlace de Colab por
cuaderno, para cuando la edición se sube a un repositorio público de GitHub (``URL`` es ese
repositorio; ``--branch``, su rama) con los cuadernos en la raíz y los bancos en ``banco/``.
"""
from __future__ import annotations

import copy
import re
import shutil
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import notebook_policy as policy  # noqa: E402

MARKER_FILE = ".edicion-estudiantes"
#: Lo que se conserva al reemplazar la edición: la carpeta puede ser un repositorio de git (el de
#: los estudiantes), que se actualiza con cada edición nueva.
KEPT = (".git",)
COLAB_FILE = "COLAB.md"
#: Carpeta de primer nivel dentro del zip.
ZIP_FOLDER = "estudiantes"
COLAB_PREFIX = "https://colab.research.google.com/github"
_GITHUB_URL = re.compile(r"\Ahttps://github\.com/(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/"
                         r"(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?\Z")
_BRANCH = re.compile(r"\A(?!/)(?!.*//)(?!.*\.\.)[A-Za-z0-9._/-]+(?<!/)\Z")
#: Lo que es solo para docentes (respuestas de los retos y de las preguntas): no va en la edición.
INSTRUCTORS_ONLY = ("docentes", "guia_docentes.md")
_IGNORED_NAMES = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc", "_build")


def _ignored_in(source_dir):
    """La función ``ignore`` de ``copytree``: lo que no se copia de ``source_dir``."""
    source_dir = Path(source_dir).resolve()

    def ignored(directory, names):
        skipped = _ignored(directory, names)
        if Path(directory).resolve() == source_dir:
            skipped |= set(INSTRUCTORS_ONLY) & set(names)
        return skipped

    return ignored


def _ignored(directory, names):
    """Lo que no se copia: cachés, puntos de control y todo lo que no sea archivo o carpeta."""
    skipped = set(_IGNORED_NAMES(directory, names))
    for name in names:
        path = Path(directory) / name
        if not (path.is_file() or path.is_dir()):
            skipped.add(name)  # sockets, enlaces rotos
    return skipped


def student_notebook(nb):
    """Una copia del cuaderno sin soluciones y sin las salidas de las celdas de solución y de comprobación."""
    nb = copy.deepcopy(nb)
    for index, cell in enumerate(nb.cells):
        if policy.has_solution(cell):
            try:
                cell.source = policy.strip_solutions(cell.source)
            except ValueError as error:
                raise ValueError(f"celda {index}: marcas de solución mal formadas ({error})") from None
        elif not policy.is_check_cell(cell):
            continue
        cell.outputs = []
        cell.execution_count = None
    return nb


def _check_destination(out, source_dir, root):
    out = out.resolve()
    source_dir = source_dir.resolve()
    if out == source_dir or source_dir in out.parents or out in source_dir.parents or out == root:
        raise SystemExit(
            f"La carpeta de salida '{out}' no puede ser la de los capítulos, estar dentro de ella "
            "ni contenerla: la edición para estudiantes nunca toca los originales."
        )
    if out.exists():
        if not out.is_dir():
            raise SystemExit(f"'{out}' existe y no es una carpeta.")
        foreign = [p.name for p in out.iterdir() if p.name not in KEPT]
        if foreign and not (out / MARKER_FILE).exists():
            raise SystemExit(
                f"'{out}' ya existe y no es una edición para estudiantes escrita por esta herramienta "
                f"(le falta el archivo {MARKER_FILE}). Elija otra carpeta o vacíela a mano."
            )
    return out


def _clear(out):
    """Borra la edición anterior de ``out``, salvo lo de :data:`KEPT` (el ``.git`` de un repositorio)."""
    for path in out.iterdir():
        if path.name in KEPT:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _edition_notebooks(source_dir):
    """Los cuadernos que la edición transforma: los de ``chapters/`` y los de ``chapters/banco/``."""
    source_dir = Path(source_dir)
    return sorted(source_dir.glob("*.ipynb")) + sorted((source_dir / "banco").glob("*.ipynb"))


def write_student_edition(out, source_dir=policy.CHAPTERS_DIR, root=policy.ROOT):
    """Escribe la edición en ``out``; devuelve la lista de cuadernos escritos."""
    source_dir = Path(source_dir)
    out = _check_destination(Path(out), source_dir, Path(root).resolve())
    if out.exists():
        _clear(out)
    shutil.copytree(source_dir, out, ignore=_ignored_in(source_dir), dirs_exist_ok=True)
    written = []
    for path in _edition_notebooks(source_dir):
        relative = path.relative_to(source_dir)
        nb = policy.read(path)
        try:
            student = student_notebook(nb)
        except ValueError as error:
            _clear(out)
            raise SystemExit(f"{relative}: {error}") from None
        policy.write(student, out / relative)
        written.append(out / relative)
    (out / MARKER_FILE).write_text(
        "Carpeta generada por tools/student_edition.py a partir de chapters/. "
        "No la edite: vuelva a generarla.\n",
        encoding="utf-8",
    )
    return written


def parse_github_url(url):
    """``(cuenta, repositorio)`` de una dirección ``https://github.com/CUENTA/REPO``; si no, ``ValueError``."""
    match = _GITHUB_URL.match(url.strip())
    if not match:
        raise ValueError(
            f"--colab: '{url}' no es la dirección de un repositorio de GitHub. "
            "Escríbala así: https://github.com/CUENTA/REPO"
        )
    return match["owner"], match["repo"]


def colab_links(out, url, branch="main"):
    """``[(ruta, enlace)]``: un enlace de Colab por cuaderno de la edición, en orden de lectura."""
    owner, repo = parse_github_url(url)
    if not _BRANCH.match(branch):
        raise ValueError(f"--branch: '{branch}' no es un nombre de rama válido (por ejemplo, main).")
    out = Path(out)
    links = []
    for path in _edition_notebooks(out):
        relative = path.relative_to(out).as_posix()
        links.append((relative, f"{COLAB_PREFIX}/{owner}/{repo}/blob/{branch}/{relative}"))
    return links


def write_colab_list(out, url, branch="main"):
    """Escribe ``COLAB.md`` en la edición: un enlace por cuaderno (capítulos y bancos)."""
    links = colab_links(out, url, branch)
    owner, repo = parse_github_url(url)
    lines = [
        "# Los cuadernos en Colab",
        "",
        f"Cada enlace abre en Google Colab un cuaderno del repositorio {owner}/{repo} (rama {branch}).",
        "Colab trabaja sobre una copia: para guardar su trabajo, use «Archivo → Guardar una copia en Drive».",
        "",
    ]
    for kind, prefix in (("Capítulos", ""), ("Bancos de ejercicios", "banco/")):
        chosen = [(r, link) for r, link in links if (r.startswith("banco/") == bool(prefix))]
        if chosen:
            lines += [f"## {kind}", ""]
            lines += [f"- [{r}]({link})" for r, link in chosen]
            lines.append("")
    (Path(out) / COLAB_FILE).write_text("\n".join(lines), encoding="utf-8")
    return links


def write_zip(out, archive):
    """Guarda la edición en ``archive`` (un zip con la carpeta ``estudiantes/``), sin el archivo marcador."""
    out, archive = Path(out).resolve(), Path(archive).resolve()
    if archive.suffix.lower() != ".zip":
        raise ValueError(f"--zip: '{archive.name}' debe terminar en .zip.")
    if archive == out or out in archive.parents:
        raise ValueError(f"--zip: el archivo '{archive}' no puede quedar dentro de la edición ({out}).")
    if not archive.parent.is_dir():
        raise ValueError(f"--zip: la carpeta '{archive.parent}' no existe.")
    files = sorted(p for p in out.rglob("*")
                   if p.is_file() and p.name != MARKER_FILE and p.relative_to(out).parts[0] not in KEPT)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in files:
            bundle.write(path, f"{ZIP_FOLDER}/{path.relative_to(out).as_posix()}")
    return archive


def main(argv=None):
    parser = policy.spanish_parser(
        "Escribe la edición para estudiantes: los capítulos y los bancos con las soluciones "
        "reemplazadas por «# SU CÓDIGO AQUÍ» y sin las salidas de las soluciones ni de las comprobaciones.",
    )
    parser.add_argument(
        "--out",
        default="student",
        metavar="CARPETA",
        type=Path,
        help="carpeta de salida (por omisión, student/); se reemplaza entera",
    )
    parser.add_argument("--zip", metavar="ARCHIVO", type=Path,
                        help="guarda además la edición en este zip (por ejemplo, estudiantes.zip)")
    parser.add_argument("--colab", metavar="URL",
                        help="repositorio de GitHub donde se publicará la edición "
                        "(https://github.com/CUENTA/REPO): escribe COLAB.md con un enlace por cuaderno")
    parser.add_argument("--branch", default="main", metavar="RAMA",
                        help="rama de ese repositorio (por omisión, main); solo con --colab")
    args = parser.parse_args(argv)
    if args.branch != "main" and not args.colab:
        parser.error("--branch: solo tiene sentido con --colab URL.")
    try:
        if args.colab:
            parse_github_url(args.colab)
            if not _BRANCH.match(args.branch):
                raise ValueError(f"--branch: '{args.branch}' no es un nombre de rama válido (por ejemplo, main).")
        if args.zip is not None and args.zip.suffix.lower() != ".zip":
            raise ValueError(f"--zip: '{args.zip}' debe terminar en .zip.")
    except ValueError as error:
        parser.error(str(error))
    written = write_student_edition(args.out)
    for path in written:
        print(f"✓ {path}")
    print(f"Edición para estudiantes en {args.out}/ ({len(written)} cuadernos).")
    try:
        if args.colab:
            links = write_colab_list(args.out, args.colab, args.branch)
            print(f"Enlaces de Colab en {args.out / COLAB_FILE} ({len(links)} cuadernos).")
        if args.zip is not None:
            archive = write_zip(args.out, args.zip)
            print(f"Zip para repartir: {archive}")
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
