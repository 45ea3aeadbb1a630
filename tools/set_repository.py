#!/usr/bin/env python
"""Cambia la dirección del repositorio del curso (por ejemplo, en una bifurcación).

    python tools/set_repository.py https://github.com/mi-cuenta/redes-neuronales --branch main

La dirección vive en ``_config.yml`` (``repository.url`` y ``repository.branch``): de ahí
salen los botones de Colab y Binder del sitio. La celda de preparación de cada capítulo
instala ``nnlib`` desde esa misma dirección en Colab. Este comando actualiza las dos cosas
a la vez y, además, las menciones literales de la dirección anterior en las páginas en
Markdown (``chapters/*.md``, ``README.md``, ``CONTRIBUTING.md``), como el ``git clone``.

Solo cambia esas líneas: el resto de los archivos, las salidas de los cuadernos y sus
metadatos quedan como estaban.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import notebook_policy as policy  # noqa: E402

URL_PATTERN = re.compile(r"^https://[A-Za-z0-9.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def normalize_url(url):
    url = url.strip().rstrip("/")
    if url.endswith(".git"):
        url = url[: -len(".git")]
    if not URL_PATTERN.match(url):
        raise SystemExit(
            f"La dirección '{url}' no parece la de un repositorio: se esperaba algo como "
            "https://github.com/cuenta/repositorio"
        )
    return url


def update_config_text(text, url, branch):
    """Reemplaza ``url:`` y ``branch:`` dentro del bloque ``repository:`` conservando comentarios."""
    lines = text.splitlines(keepends=True)
    inside, seen = False, set()
    for i, line in enumerate(lines):
        if re.match(r"^repository\s*:", line):
            inside = True
            continue
        if inside and line.strip() and not line.startswith((" ", "\t")):
            inside = False
        if not inside:
            continue
        for key, value in (("url", url), ("branch", branch)):
            match = re.match(rf"^(\s+{key}\s*:\s*)(\S+)(.*)$", line.rstrip("\n"))
            if match:
                ending = "\n" if line.endswith("\n") else ""
                lines[i] = f"{match.group(1)}{value}{match.group(3)}{ending}"
                seen.add(key)
    missing = {"url", "branch"} - seen
    if missing:
        raise SystemExit(f"_config.yml no tiene {', '.join(sorted(missing))} dentro de 'repository:'.")
    return "".join(lines)


def update_setup_cell(path, source):
    """Pone la celda de preparación canónica en un capítulo; devuelve ``True`` si cambió."""
    nb = policy.read(path)
    cell = policy.first_code_cell(nb)
    if cell is None or "setup_notebook" not in cell.source:
        raise SystemExit(
            f"{path.name}: la primera celda de código no es la celda de preparación "
            "(debe terminar en setup_notebook(seed=0)). Corríjala a mano y repita."
        )
    if cell.source == source:
        return False
    cell.source = source
    policy.write(nb, path)
    return True


def set_repository(url, branch=None, root=policy.ROOT):
    root = Path(root)
    config_path = root / "_config.yml"
    url = normalize_url(url)
    old_url, old_branch = policy.repository(policy.load_config(config_path))
    branch = branch or old_branch
    config_path.write_text(
        update_config_text(config_path.read_text(encoding="utf-8"), url, branch), encoding="utf-8"
    )
    changed = [config_path]
    source = policy.setup_cell_source(url=url, branch=branch)
    for path in policy.notebook_paths(root):
        if update_setup_cell(path, source):
            changed.append(path)
    if old_url != url:
        pages = sorted((root / "chapters").rglob("*.md")) + [root / "README.md", root / "CONTRIBUTING.md"]
        for page in pages:
            if page.exists():
                text = page.read_text(encoding="utf-8")
                if old_url in text:
                    page.write_text(text.replace(old_url, url), encoding="utf-8")
                    changed.append(page)
    return url, branch, changed


def main(argv=None):
    parser = policy.spanish_parser(
        "Cambia la dirección del repositorio en _config.yml y en la celda de "
        "preparación de cada capítulo (para una bifurcación del curso).",
    )
    parser.add_argument("url", metavar="URL", help="dirección del repositorio, p. ej. https://github.com/cuenta/redes-neuronales")
    parser.add_argument("--branch", metavar="RAMA", help="rama de la que Colab instala nnlib (por omisión, la actual)")
    args = parser.parse_args(argv)
    url, branch, changed = set_repository(args.url, args.branch)
    for path in changed:
        print(f"✓ {path.relative_to(policy.ROOT) if path.is_relative_to(policy.ROOT) else path}")
    print(f"Repositorio: {url} (rama {branch}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
