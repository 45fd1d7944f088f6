# Run Season Command: the platform's image (web app, API and refresh worker from one image).
# Build: podman build -t runseason .   (or docker build); run it with compose.yaml beside it.
ARG BASE_IMAGE=debian:bookworm-slim

FROM ${BASE_IMAGE} AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
# Behind a proxy with its own certificate authority, pass its bundle:
#   --volume /path/ca.crt:/run/ca.crt:ro --build-arg PIP_CERT=/run/ca.crt
ARG PIP_CERT
# Only what running needs: no test or lint tools in the image.
RUN python3 -m venv /opt/runseason \
    && /opt/runseason/bin/pip install --no-cache-dir --disable-pip-version-check .

FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --create-home --home-dir /var/lib/runseason runseason
COPY --from=build /opt/runseason /opt/runseason
ENV PATH=/opt/runseason/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    RUNSEASON_ENV=prod \
    RUNSEASON_HOST=0.0.0.0
USER runseason
WORKDIR /var/lib/runseason
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/api/v1/healthz', timeout=4)"]
# Migrates, then serves the web app with the API at /api on port 8501.
CMD ["runseason", "start", "--no-demo"]
