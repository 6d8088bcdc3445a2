# akool-mock as a container: the fake Akool API, its control API and dashboard on port 8000.
#
#   docker build -t akool-mock .
#   docker run --rm -p 8000:8000 -e AKOOL_MOCK_CONTROL_TOKEN=$(openssl rand -hex 16) \
#              -e AKOOL_MOCK_PUBLIC_URL=http://localhost:8000 akool-mock
#
# Inside a container the fake listens on 0.0.0.0, which exposes the control API (/_mock/: reset, accounts,
# jobs) to whoever reaches the port, so it refuses to start without AKOOL_MOCK_CONTROL_TOKEN. Every control
# call (and the dashboard, opened once as /_mock/ui?token=...) then needs that token; /_mock/health and the
# result media do not. Every `akool-mock serve` flag is an AKOOL_MOCK_* variable (README, "Keep it running").

FROM python:3.11-slim AS build
WORKDIR /src
COPY . .
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 akool && mkdir /data && chown akool /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER akool
WORKDIR /home/akool
ENV AKOOL_MOCK_HOST=0.0.0.0 \
    AKOOL_MOCK_PORT=8000 \
    AKOOL_MOCK_LOG_FORMAT=text \
    PYTHONUNBUFFERED=1
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["akool-mock", "health"]
ENTRYPOINT ["akool-mock"]
CMD ["serve"]
