# syntax=docker/dockerfile:1
# Build stage: compile wheels for the project and its dependencies.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY flows ./flows
COPY domain ./domain
COPY adapters ./adapters
COPY storage ./storage
COPY migrations ./migrations
COPY web_chat ./web_chat
RUN pip wheel --wheel-dir /wheels .

# Runtime stage: only the wheels, a non-root user, CA certificates for TLS (openai uses the OS store).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    HOST=0.0.0.0 PORT=8080 VAR_DIR=/app/var \
    DATABASE_URL=sqlite+aiosqlite:////app/var/storybook.sqlite3
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 storybook
COPY --from=build /wheels /wheels
RUN pip install /wheels/*.whl && rm -rf /wheels
WORKDIR /app
RUN mkdir -p /app/var && chown storybook:storybook /app/var
USER storybook
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/healthz" || exit 1
CMD ["sh", "-c", "python -m bot migrate && exec python -m bot serve"]
