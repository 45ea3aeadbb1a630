# Funciones compartidas por scripts/test y scripts/build-site (se cargan con `source`).
# Crean el entorno virtual .venv con las versiones fijadas y lo reutilizan mientras
# requirements*.txt y pyproject.toml no cambien.

ensure_venv() {
    local python="${PYTHON:-python3}"
    if [ ! -f requirements-dev.txt ] || [ ! -d nnlib ]; then
        echo "ensure_venv: ejecútelo desde la raíz del repositorio (donde están requirements-dev.txt y nnlib/);" \
             "ahora está en $PWD." >&2
        return 1
    fi
    if [ ! -x .venv/bin/python ]; then
        echo "» Creando el entorno virtual .venv con $($python --version)"
        "$python" -m venv .venv
    fi
    local stamp=.venv/.nnlib-installed
    local want
    want=$(cat requirements.txt requirements-dev.txt pyproject.toml | sha256sum | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        echo "» Instalando las dependencias fijadas (requirements-dev.txt) y nnlib en modo editable"
        .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
        .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
        echo "$want" > "$stamp"
    fi
    export PATH="$PWD/.venv/bin:$PATH"
    export KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3 TF_ENABLE_ONEDNN_OPTS=0 PYTHONHASHSEED=0 MPLBACKEND=Agg
    # Un hilo por proceso: las pruebas corren en dos procesos (pytest -n 2) y los modelos del curso son
    # pequeños; con más hilos que núcleos, PyTorch y OpenBLAS pierden más tiempo esperándose que calculando.
    export OMP_NUM_THREADS=1
}

ensure_chromium() {
    if command -v chromium >/dev/null 2>&1; then
        return
    fi
    if [ "${NNLIB_SKIP_BROWSER:-0}" = 1 ]; then
        echo "» NNLIB_SKIP_BROWSER=1: no se instala Chromium; la prueba del sitio en el navegador se omite."
        return
    fi
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "» Instalando Chromium (paquete de Debian) para probar el sitio en un navegador real"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
}
