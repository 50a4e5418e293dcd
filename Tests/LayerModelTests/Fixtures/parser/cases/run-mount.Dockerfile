FROM python:3.9-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
