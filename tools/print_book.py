"""Escribe el curso entero como un libro en PDF: para imprimirlo o leerlo sin conexión.

Uso (con el entorno del curso activo; ``bash scripts/build-site --pdf`` lo prepara y lo llama)::

    python tools/print_book.py                          # _build/pdf/redes-neuronales.pdf
    python tools/print_book.py --out ~/curso.pdf

Qué hace:

1. Construye el libro en una sola página HTML (``jupyter-book build --builder singlehtml``, con
   ``--warningiserror`` como el sitio): los capítulos, sus bancos de ejercicios, la guía para docentes,
   el glosario y las referencias, en el orden de ``_toc.yml``, con las salidas guardadas.
2. La abre en el Chromium de Debian (Playwright, sin descargar navegadores ni usar la red), espera a
   que MathJax dibuje todas las fórmulas, añade un índice al principio, empieza cada página del libro
   en una hoja nueva y quita lo que solo sirve en pantalla (menús, botones, código plegado).
3. La imprime en A4 con números de página y marcadores (el índice del lector de PDF).

Las soluciones y el código plegado no se imprimen; las preguntas de autoevaluación, sí, sin sus
respuestas (se abren en el sitio o en el cuaderno).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import notebook_policy as policy
from chromium import CHROMIUM, CHROMIUM_ARGS, INSTALL_HINT

ROOT = policy.ROOT
DEFAULT_OUT = ROOT / "_build" / "pdf" / "redes-neuronales.pdf"

#: Estilo de impresión: solo el contenido, a todo el ancho, cada página del libro en hoja nueva.
PRINT_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
html { font-size: 10.5pt; }
.headerlink, details.hide, .copybtn, .toggle-button { display: none !important; }
body { margin: 0; padding: 0; }
#libro-impreso { max-width: none; margin: 0; padding: 0; }
.pagina-impresa { break-before: page; }
figure, img, .cell_output, table, .admonition, mjx-container[display="true"] { break-inside: avoid; }
img { max-width: 100% !important; height: auto !important; }
h1, h2, h3 { break-after: avoid; }
pre { white-space: pre-wrap; word-break: break-word; }
#indice-impreso { break-after: page; }
#indice-impreso h2 { margin-top: 0; }
#indice-impreso ol { list-style: none; padding-left: 0; }
#indice-impreso li { margin: 0.15em 0; }
#indice-impreso li.parte { font-weight: bold; margin-top: 0.8em; }
#indice-impreso li.seccion { padding-left: 1.5em; font-size: 0.95em; }
"""

#: Marca cada página del libro (``<span id="document-...">`` de singlehtml) y escribe el índice.
#: Devuelve los títulos en orden, con la ruta de cada página.
ARRANGE_JS = """
(css) => {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  const article = document.querySelector('article.bd-article');
  const nav = document.createElement('nav');
  nav.id = 'indice-impreso';
  const heading = document.createElement('h2');
  heading.textContent = 'Índice';
  const list = document.createElement('ol');
  nav.append(heading, list);
  const pages = [];
  // Las partes de _toc.yml («Fundamentos», ...), del índice que el tema escribe para imprimir.
  const partOf = {};
  let part = null;
  for (const node of document.querySelectorAll('#jb-print-toc p.caption, #jb-print-toc a.reference')) {
    if (node.matches('p.caption')) { part = node.textContent.trim(); continue; }
    const target = node.getAttribute('href').slice(1);
    if (part && !(target in partOf)) { partOf[target] = part; part = null; }
  }
  for (const span of document.querySelectorAll('span[id^="document-"]')) {
    const section = span.nextElementSibling;
    if (!section) continue;
    const title = section.querySelector('h1, h2, h3');
    if (!title) continue;
    const text = [...title.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))
      .map(n => n.textContent).join('').trim();
    const path = span.id.slice('document-'.length);
    section.classList.add('pagina-impresa');
    if (!section.id) section.id = span.id;
    if (partOf[span.id]) {
      const part = document.createElement('li');
      part.className = 'parte';
      part.textContent = partOf[span.id];
      list.append(part);
    }
    const item = document.createElement('li');
    if (path.includes('/banco/') || path.includes('/docentes/')) item.className = 'seccion';
    const link = document.createElement('a');
    link.href = '#' + section.id;
    link.textContent = text;
    item.append(link);
    list.append(item);
    pages.push([path, text]);
  }
  // Solo el texto del libro: sin la maqueta de pantalla del tema (barras, cabecera, márgenes).
  const book = document.createElement('main');
  book.id = 'libro-impreso';
  book.append(article);
  document.body.replaceChildren(book);
  const title = article.querySelector('h1');
  if (title) title.after(nav); else article.prepend(nav);
  return pages;
}
"""

#: Espera a MathJax y cuenta las fórmulas que quedaron sin dibujar.
MATH_JS = """
async () => {
  if (!window.MathJax || !MathJax.startup) return -1;
  await MathJax.startup.promise;
  return [...document.querySelectorAll('.math')].filter(e => !e.querySelector('mjx-container')).length;
}
"""

FOOTER = (
    '<div style="font-size:8px; width:100%; padding:0 15mm; color:#555; display:flex; '
    'justify-content:space-between;"><span class="title"></span>'
    '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)


def build_single_page(build_dir):
    """Construye el libro en una sola página y devuelve la ruta de ese HTML."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book) if jupyter_book.exists() else "jupyter-book", "build", str(ROOT),
               "--builder", "singlehtml", "--path-output", str(build_dir), "--warningiserror", "--keep-going"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(
            "La construcción del libro en una sola página falló (jupyter-book build --builder singlehtml):\n"
            + (result.stdout + result.stderr)[-4000:]
        )
    html_dir = Path(build_dir) / "_build" / "singlehtml"
    pages = sorted(html_dir.glob("chapters/*.html"))
    if len(pages) != 1:
        raise SystemExit(f"Se esperaba una sola página en {html_dir / 'chapters'}; hay {len(pages)}.")
    # La página queda en chapters/, pero sus recursos (_static/, _images/) se enlazan desde la raíz.
    book = html_dir / "libro.html"
    shutil.copyfile(pages[0], book)
    return book


def print_to_pdf(book_html, out):
    """Imprime ``book_html`` en ``out`` con Chromium. Devuelve la lista de páginas (ruta, título)."""
    if not CHROMIUM.exists():
        raise SystemExit(f"Imprimir el libro necesita Chromium en {CHROMIUM}. {INSTALL_HINT}")
    from playwright.sync_api import sync_playwright

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            # Sin red: solo se cargan archivos del libro construido.
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                       else route.abort())
            page.goto(book_html.resolve().as_uri(), wait_until="load", timeout=120_000)
            missing = page.evaluate(MATH_JS)
            if missing != 0:
                raise SystemExit(
                    "MathJax no dibujó las fórmulas del libro "
                    + ("(no se cargó)." if missing < 0 else f"({missing} quedaron sin dibujar).")
                )
            pages = page.evaluate(ARRANGE_JS, PRINT_CSS)
            page.emulate_media(media="print")
            page.pdf(path=str(out), format="A4", print_background=True, prefer_css_page_size=True,
                     display_header_footer=True, header_template="<span></span>", footer_template=FOOTER,
                     outline=True, tagged=True)
        finally:
            browser.close()
    return pages


def main(argv=None):
    parser = policy.spanish_parser("Escribe el curso entero como un libro en PDF (índice, fórmulas y figuras).")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="ARCHIVO",
                        help=f"el PDF que se escribe (por omisión, {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--build-dir", type=Path, default=ROOT / "_build" / "libro", metavar="CARPETA",
                        help="dónde construir la página única (por omisión, _build/libro)")
    args = parser.parse_args(argv)
    if args.out.suffix.lower() != ".pdf":
        parser.error(f"--out debe terminar en .pdf; llegó {args.out}.")
    print("» Construyendo el libro en una sola página (jupyter-book, singlehtml) ...", flush=True)
    book = build_single_page(args.build_dir)
    print("» Imprimiendo con Chromium ...", flush=True)
    pages = print_to_pdf(book, args.out)
    print(f"» Libro listo: {args.out} ({len(pages)} páginas del curso, con índice).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
