#!/usr/bin/env bash
# The production image, checked as it ships: built from the Dockerfile, holding the
# runtime packages only, and started against a throwaway PostgreSQL until /healthz
# answers. Run by `make image` (part of `make test`) when a container engine runs.
set -euo pipefail

tag=newsroom:check
name=newsroom-check-$$
docker build --quiet --tag "$tag" . >/dev/null

# requirements.lock only: the development tools stay out of the image.
for tool in pytest playwright ruff hypothesis; do
    if docker run --rm "$tag" python -c "import $tool" 2>/dev/null; then
        echo "image_check: the production image holds the development tool '$tool'" >&2
        exit 1
    fi
done

cleanup() {
    docker rm -f "$name-web" "$name-db" >/dev/null 2>&1 || true
    docker network rm "$name" >/dev/null 2>&1 || true
}
trap cleanup EXIT
docker network create "$name" >/dev/null
docker run -d --name "$name-db" --network "$name" -e POSTGRES_USER=newsroom \
    -e POSTGRES_PASSWORD=check -e POSTGRES_DB=newsroom postgres:16 >/dev/null
for _ in $(seq 60); do
    docker exec "$name-db" pg_isready -U newsroom -d newsroom >/dev/null 2>&1 && break
    sleep 1
done
docker run -d --name "$name-web" --network "$name" -e DEBUG=0 -e HTTPS=0 \
    -e SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    -e ALLOWED_HOSTS=127.0.0.1,localhost \
    -e DATABASE_URL="postgres://newsroom:check@$name-db:5432/newsroom" "$tag" >/dev/null
for _ in $(seq 90); do
    if docker exec "$name-web" python -c \
        "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')" \
        >/dev/null 2>&1; then
        echo "Production image built and started: /healthz answered."
        exit 0
    fi
    sleep 2
done
docker logs "$name-web" 2>&1 | tail -20 >&2
echo "image_check: the production image did not answer /healthz within 3 minutes" >&2
exit 1
