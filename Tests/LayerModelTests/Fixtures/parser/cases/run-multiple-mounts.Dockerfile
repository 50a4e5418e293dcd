FROM alpine
RUN --mount=type=secret,id=token --mount=type=ssh \
    --mount=type=bind,source=.,target=/src make
