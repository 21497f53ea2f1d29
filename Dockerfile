# Production image: gunicorn serving Django, static files through whitenoise.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHAINLP_READ_ONLY=1 \
    PYTHAINLP_OFFLINE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
# collectstatic needs settings; these values exist only for this build step.
RUN DEBUG=0 SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --no-input --verbosity 0

RUN useradd --system --uid 10001 --home /app newsroom \
    && mkdir -p /app/media && chown newsroom /app/media
USER newsroom

EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --no-input && python manage.py createcachetable && exec gunicorn newsroom.wsgi --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
