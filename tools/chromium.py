"""El Chromium de Debian con el que se recorre el sitio (tests/test_site.py) y se imprime el libro.

Nunca se descarga un navegador (``playwright install``): se usa el paquete ``chromium`` de Debian, que
``scripts/test`` instala si falta. Las opciones lo dejan sin interfaz y sin conexiones en segundo plano
(la máquina de pruebas no tiene red).
"""
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
INSTALL_HINT = "Instálelo con: sudo apt-get install -y chromium  (scripts/test lo instala solo)."
