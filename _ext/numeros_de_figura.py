"""Numera las figuras de cada capítulo con el número del capítulo: «Figura 1.3» es la 3.ª del capítulo 1.

Sin una tabla de contenidos numerada, Sphinx numera las figuras de todo el libro seguidas
(la primera del capítulo 1 sería la «Figura 10» si el capítulo 0 tiene nueve). Esta
extensión, después de que Sphinx asigne sus números, los cambia en cada página cuyo
nombre empieza por dos cifras (``chapters/01_perceptron``): capítulo y orden dentro de
él. Las referencias ({numref}) y los pies de figura usan los números nuevos.

Se activa en ``_config.yml``: la carpeta en ``sphinx.local_extensions`` (para que Sphinx
encuentre el módulo) y el nombre en la lista ``sphinx.config.extensions``, que reemplaza a la
de Jupyter Book::

    sphinx:
      local_extensions:
        numeros_de_figura: _ext/
      config:
        extensions:
          - ...
          - numeros_de_figura
"""
import re
from pathlib import PurePosixPath

_CHAPTER = re.compile(r"(\d\d)_")


def _chapter(docname):
    match = _CHAPTER.match(PurePosixPath(docname).name)
    return int(match.group(1)) if match else None


def renumber_by_chapter(app, env):
    """Figuras (y tablas y bloques de código numerados) de cada capítulo: (capítulo, 1), (capítulo, 2)..."""
    changed = []
    for docname, kinds in env.toc_fignumbers.items():
        chapter = _chapter(docname)
        if chapter is None:
            continue
        for figtype, numbers in kinds.items():
            in_order = sorted(numbers, key=numbers.get)
            renumbered = {fig_id: (chapter, k) for k, fig_id in enumerate(in_order, start=1)}
            if renumbered != numbers:
                kinds[figtype] = renumbered
                changed.append(docname)
    return changed


def setup(app):
    # Después de TocTreeCollector.get_updated_docs (prioridad 500), que asigna los números globales.
    app.connect("env-get-updated", renumber_by_chapter, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
