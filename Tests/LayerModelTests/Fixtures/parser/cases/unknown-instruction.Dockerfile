FROM alpine
FOO bar baz
RUN ok
