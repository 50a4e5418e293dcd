FROM alpine
WORKDIR /app
WORKDIR sub dir
USER app:app
USER 1000
