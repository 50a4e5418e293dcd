FROM alpine
COPY --chown=élève a b
