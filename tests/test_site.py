"""El sitio web, construido y recorrido en un navegador de verdad (Chromium sin interfaz).

1. Construye el libro con ``jupyter-book build --warningiserror --keep-going`` en una carpeta
   temporal (los avisos son errores; no se ejecuta ningún cuaderno).
2. Lo sirve con ``http.server`` en 127.0.0.1 y abre cada página con Playwright y el Chromium
   de Debian (``/usr/bin/chromium``). Toda petición que no vaya a 127.0.0.1 se bloquea y
   cuenta como fallo: el sitio debe funcionar sin red (MathJax, fuentes y scripts locales).
3. En cada página: sin errores en la consola ni peticiones fallidas, fórmulas escritas por
   MathJax, imágenes cargadas, enlaces internos que llevan a un archivo (y ancla) existentes.
   En cada capítulo, además, los botones de Colab y Binder apuntan a su cuaderno.
4. Guarda capturas de cada capítulo en ``test-artifacts/``: la página entera (``NN_tema.png``)
   y lo que se ve al abrirla (``NN_tema-inicio.png``).

Sin Chromium la prueba FALLA con instrucciones, salvo que se pida omitirla expresamente con
``NNLIB_SKIP_BROWSER=1``.
"""
import functools
import html
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import notebook_policy as policy  # noqa: E402
from chromium import CHROMIUM, CHROMIUM_ARGS, INSTALL_HINT  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"
#: Recursos que no deben aparecer en el HTML: el sitio no depende de ningún CDN.
REMOTE_ASSET = re.compile(
    r"<(script|link|img|iframe)\b[^>]*\b(src|href)=\"(https?:)?//(?!127\.0\.0\.1)[^\"]+\"[^>]*>", re.IGNORECASE
)


# --- construcción y servidor --------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Construye el sitio en una carpeta temporal y devuelve la carpeta html/."""
    out = tmp_path_factory.mktemp("sitio")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book) if jupyter_book.exists() else "jupyter-book"]
    command += ["build", str(ROOT), "--path-output", str(out), "--warningiserror", "--keep-going"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240, env=env)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"La construcción del sitio falló (los avisos cuentan como errores):\n{log[-6000:]}"
    html_dir = out / "_build" / "html"
    assert (html_dir / "index.html").exists()
    return html_dir


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def require_chromium():
    """Falla (no omite) si falta Chromium o Playwright, salvo con NNLIB_SKIP_BROWSER=1."""
    if os.environ.get("NNLIB_SKIP_BROWSER") == "1":
        pytest.skip("NNLIB_SKIP_BROWSER=1: se omite el recorrido del sitio en Chromium, como se pidió.")
    if not CHROMIUM.exists():
        pytest.fail(
            f"No se encontró Chromium en {CHROMIUM}; esta prueba lo necesita para abrir el sitio. "
            f"{INSTALL_HINT} "
            "Para omitir esta prueba a sabiendas: NNLIB_SKIP_BROWSER=1.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "Falta el paquete de Python 'playwright': pip install -r requirements-dev.txt "
            "(no hace falta 'playwright install': se usa el Chromium de Debian).",
            pytrace=False,
        )
    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    sync_playwright = require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def is_redirect(page_path):
    return "http-equiv=\"Refresh\"" in page_path.read_text(encoding="utf-8")


def pages_of(site):
    return sorted(
        p for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith(("_static", "_sources"))
    )


# --- comprobaciones sin navegador -----------------------------------------------------

def test_every_toc_page_was_built(site):
    for path in policy.chapter_paths():
        assert (site / "chapters" / f"{path.stem}.html").exists(), f"Falta la página de {path.name}."
    assert (site / "chapters" / "intro.html").exists()


def test_html_references_no_remote_assets(site):
    for page in pages_of(site):
        text = page.read_text(encoding="utf-8")
        match = REMOTE_ASSET.search(text)
        assert match is None, f"{page.relative_to(site)} carga un recurso remoto: {match.group(0)[:200]}"
        assert "cdn.jsdelivr" not in text and "unpkg.com" not in text and "fonts.googleapis" not in text, (
            f"{page.relative_to(site)} menciona un CDN."
        )
        scripts = re.findall(r"<script[^>]*src=\"([^\"]*mathjax[^\"]*)\"", text, re.IGNORECASE)
        assert len(scripts) <= 1, f"{page.relative_to(site)} carga MathJax {len(scripts)} veces: {scripts}"


def test_every_internal_link_resolves(site):
    """Cada enlace relativo lleva a un archivo del sitio y, si tiene ancla, a un id que existe."""
    ids_cache = {}
    problems = []
    for page in pages_of(site):
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r"<a\b[^>]*\bhref=\"([^\"]+)\"", text):
            href = html.unescape(href)
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("//", "mailto:", "javascript:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() or site.resolve() not in target.resolve().parents:
                problems.append(f"{page.relative_to(site)} → {href} (no existe)")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids_cache:
                    ids_cache[target] = set(re.findall(r"\bid=\"([^\"]+)\"", target.read_text(encoding="utf-8")))
                if unquote(parts.fragment) not in ids_cache[target]:
                    problems.append(f"{page.relative_to(site)} → {href} (el ancla no existe)")
    assert not problems, "Enlaces internos rotos:\n" + "\n".join(sorted(set(problems)))


def test_check_cells_reveal_no_answer(site):
    """Una comprobación no muestra en el sitio su veredicto ni los valores de quien la resolvió."""
    for path in policy.chapter_paths():
        text = (site / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
        # El texto puede hablar de ✔ y ✘; una salida impresa (<pre>) no debe mostrarlos.
        printed = "\n".join(re.findall(r"<pre\b.*?</pre>", text, flags=re.DOTALL))
        for revealing in ("¡Muy bien!", "✔", "✘", "está resuelto"):
            assert revealing not in printed, (
                f"{path.stem}: la página muestra «{revealing}», la salida de una comprobación "
                "(la celda de comprobación lleva la etiqueta remove-output)."
            )


def test_home_redirects_to_the_welcome_page(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r"http-equiv=\"Refresh\" content=\"0; url=([^\"]+)\"", text, re.IGNORECASE)
    assert match, "index.html debería redirigir a la portada del curso."
    assert (site / match.group(1)).exists(), f"index.html redirige a {match.group(1)}, que no existe."


def test_launch_buttons_point_to_each_notebook(site):
    config = policy.load_config()
    url, branch = policy.repository(config)
    owner_repo = urlsplit(url).path.strip("/")
    launch = config["launch_buttons"]
    for path in policy.chapter_paths():
        text = (site / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
        links = {html.unescape(h) for h in re.findall(r"href=\"([^\"]+)\"", text)}
        notebook = f"chapters/{path.name}"
        colab = f"{launch['colab_url'].rstrip('/')}/github/{owner_repo}/blob/{branch}/{notebook}"
        binder = f"{launch['binderhub_url'].rstrip('/')}/v2/gh/{owner_repo}/{branch}?urlpath=lab/tree/{notebook}"
        assert colab in links, f"{path.stem}: falta el botón de Colab hacia {colab}"
        assert binder in links, f"{path.stem}: falta el botón de Binder hacia {binder}"


# --- el navegador ---------------------------------------------------------------------

def _expected_images(notebook_path):
    """Figuras que el capítulo debe mostrar: salidas PNG de celdas cuya salida no se retira."""
    count = 0
    for cell in policy.read(notebook_path).cells:
        if cell.cell_type != "code":
            continue
        tags = policy.tags(cell)
        if {"remove-output", "remove-cell", "hide-output"} & set(tags):
            continue
        count += sum("image/png" in o.get("data", {}) for o in cell.outputs)
    return count


WAIT_FOR_PAGE = """async () => {
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
    const images = Array.from(document.images);
    images.forEach(img => { img.loading = 'eager'; });
    await Promise.all(images.map(img => img.complete ? null :
        new Promise(done => { img.addEventListener('load', done); img.addEventListener('error', done); })));
    const math = Array.from(document.querySelectorAll('span.math, div.math'));
    return {
        math: math.length,
        typeset: math.filter(el => el.querySelector('mjx-container')).length,
        // Errores de TeX: merror, o una macro desconocida que MathJax escribe en rojo.
        mjxErrors: document.querySelectorAll(
            'mjx-merror, [data-mml-node="merror"], [data-mml-node="mtext"][fill="red"]').length,
        articleImages: document.querySelectorAll('article img, .bd-article img').length,
        brokenImages: images.filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src),
        mathjaxLoaded: !!(window.MathJax && MathJax.version),
    };
}"""


def test_every_page_in_chromium(site, server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-ES", service_workers="block")
    outside = []

    def only_localhost(route):
        request_url = route.request.url
        if urlsplit(request_url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(request_url)
            route.abort()

    context.route("**/*", only_localhost)
    chapters = {f"chapters/{p.stem}.html": p for p in policy.chapter_paths()}
    problems = []
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        for page_path in pages_of(site):
            relative = page_path.relative_to(site).as_posix()
            if is_redirect(page_path):
                continue  # index.html solo redirige a la portada (comprobado en otra prueba)
            page = context.new_page()
            events = []
            page.on("console", lambda m, ev=events: ev.append(f"consola: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e, ev=events: ev.append(f"error de JavaScript: {e}"))
            page.on("requestfailed", lambda r, ev=events: ev.append(f"petición fallida: {r.url} ({r.failure})"))
            page.on(
                "response",
                lambda r, ev=events: ev.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
            )
            response = page.goto(urljoin(server, relative), wait_until="load", timeout=30_000)
            if response is None or response.status != 200:
                problems.append(f"{relative}: no cargó ({response and response.status})")
                page.close()
                continue
            state = page.evaluate(WAIT_FOR_PAGE)
            page.wait_for_timeout(100)  # deja llegar los últimos mensajes de la consola
            problems += [f"{relative}: {e}" for e in events]
            if state["math"]:
                if not state["mathjaxLoaded"]:
                    problems.append(f"{relative}: hay fórmulas pero MathJax no se cargó")
                elif state["typeset"] != state["math"]:
                    problems.append(f"{relative}: MathJax escribió {state['typeset']} de {state['math']} fórmulas")
                if state["mjxErrors"]:
                    problems.append(f"{relative}: {state['mjxErrors']} fórmulas con errores de TeX")
            problems += [f"{relative}: imagen que no carga: {src}" for src in state["brokenImages"]]
            if relative in chapters:
                expected = _expected_images(chapters[relative])
                if state["articleImages"] < expected:
                    problems.append(
                        f"{relative}: se ven {state['articleImages']} imágenes; el cuaderno tiene {expected} figuras"
                    )
                if not state["math"]:
                    problems.append(f"{relative}: un capítulo sin fórmulas escritas por MathJax")
                stem = Path(relative).stem
                page.screenshot(path=str(ARTIFACTS / f"{stem}-inicio.png"))  # lo que se ve al abrirla
                page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
            page.close()
    finally:
        context.close()
    problems += [f"petición fuera de 127.0.0.1 (bloqueada): {u}" for u in sorted(set(outside))]
    assert not problems, "Problemas al recorrer el sitio en Chromium:\n" + "\n".join(problems)


def test_solutions_are_hidden_behind_a_toggle(site, server, browser):
    """La solución de un ejercicio está plegada tras «Mostrar solución» y se despliega al pulsarlo."""
    with_solutions = [
        p for p in policy.chapter_paths() if any(policy.has_solution(c) for c in policy.read(p).cells)
    ]
    if not with_solutions:
        pytest.skip("Ningún capítulo tiene ejercicios todavía.")
    path = with_solutions[0]
    page = browser.new_page()
    page.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
    page.goto(urljoin(server, f"chapters/{path.stem}.html"), wait_until="load")
    # Otras celdas también se pliegan (código de figuras), con su propio texto: se busca una solución.
    toggle = page.locator("details.hide.above-input").filter(
        has=page.locator("summary", has_text="Mostrar solución")).first
    assert toggle.count() == 1, f"{path.stem}: no hay ninguna solución plegada."
    summary = toggle.locator("summary")
    assert "Mostrar solución" in summary.inner_text()
    code = toggle.locator(".cell_input")
    assert not code.is_visible(), "La solución se ve sin pulsar el botón."
    summary.click()
    assert code.is_visible() and "BEGIN SOLUTION" in code.inner_text()
    assert "Ocultar solución" in summary.inner_text()
    page.close()


def test_self_assessment_opens_without_a_kernel(site, server, browser):
    """En cada capítulo, las cinco preguntas de «Autoevaluación» llegan cerradas y se abren con un clic."""
    problems = []
    for path in policy.chapter_paths():
        page = browser.new_page()
        page.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
        page.goto(urljoin(server, f"chapters/{path.stem}.html"), wait_until="load")
        questions = page.locator("section#autoevaluacion details")
        if questions.count() != 5:
            problems.append(f"{path.stem}: {questions.count()} preguntas plegables en «Autoevaluación» (deben ser 5).")
        for i in range(questions.count()):
            question = questions.nth(i)
            answer = question.locator("p").first
            if question.get_attribute("open") is not None or answer.is_visible():
                problems.append(f"{path.stem}: la respuesta {i + 1} se ve sin pulsar la pregunta.")
                continue
            question.locator("summary").click()
            if not answer.is_visible():
                problems.append(f"{path.stem}: la respuesta {i + 1} no se abre al pulsar la pregunta.")
        page.close()
    assert not problems, "\n".join(problems)


def test_animations_play_without_a_kernel(site, server, browser):
    """Cada animación del sitio (``nnlib.plots.animation_html``) muestra un cuadro y avanza con sus botones."""
    pages = [p for p in pages_of(site) if 'class="animation"' in p.read_text(encoding="utf-8")]
    if not pages:
        pytest.skip("Ningún capítulo tiene animaciones todavía.")
    problems = []
    for page_path in pages:
        relative = page_path.relative_to(site).as_posix()
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e, ev=errors: ev.append(str(e)))
        page.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
        page.goto(urljoin(server, relative), wait_until="load")
        for animation in page.locator("div.animation").all():
            image = animation.locator("img").first
            slider = animation.locator("input[type=range]").first
            if not image.get_attribute("src", timeout=5_000):
                problems.append(f"{relative}: una animación no muestra ningún cuadro")
                continue
            animation.locator('button[title="Cuadro siguiente"]').click()
            if slider.input_value() != "1" or not image.evaluate("img => img.src.startsWith('data:image/png')"):
                problems.append(f"{relative}: el botón «Cuadro siguiente» no avanza la animación")
            animation.locator('button[title="Último cuadro"]').click()
            if slider.input_value() != slider.get_attribute("max"):
                problems.append(f"{relative}: el botón «Último cuadro» no llega al final")
        problems += [f"{relative}: error de JavaScript: {e}" for e in errors]
        page.close()
    assert not problems, "Animaciones que no funcionan en el sitio:\n" + "\n".join(problems)


def test_chromium_missing_message_is_clear(monkeypatch):
    """Sin Chromium (y sin NNLIB_SKIP_BROWSER) la prueba falla y dice cómo instalarlo."""
    monkeypatch.delenv("NNLIB_SKIP_BROWSER", raising=False)
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", Path("/no/existe/chromium"))
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y chromium"):
        require_chromium()
