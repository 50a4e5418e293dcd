# syntax=docker/dockerfile:1
# escape=\
ARG BASE=debian:12-slim
FROM ${BASE} AS build
ARG VERSION
ENV APP_HOME=/app PATH="/app/bin:$PATH"
ENV LEGACY_ONE value
LABEL org.opencontainers.image.title="Strata" version=${VERSION:-dev}
# install tools
RUN --mount=type=cache,target=/var/cache/apt \
    apt-get update && \
    # a comment inside the continuation
    apt-get install -y curl "git" && echo "$VERSION"
COPY --from=build --chown=app:app /src/ $APP_HOME/
RUN <<EOT bash
set -e
echo "hello $HOME"
EOT
COPY <<-"EOF" /etc/motd
	Welcome
	EOF
EXPOSE 8080/tcp
HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1
ONBUILD RUN make
ENTRYPOINT ["/app/bin/run", "--port=8080"]
