FROM alpine
RUN ["/bin/sh", "-c", "echo hello"]
