FROM alpine
ADD https://example.com/a.tar.gz /tmp/
ADD --chown=app:app --chmod=644 src /dst
COPY --from=builder /out/bin /usr/local/bin/
COPY ["with space.txt", "/dst/"]
COPY --link --parents a/b c/d /e/
