FROM alpine
COPY --from=x
RUN --mount=type=cache
