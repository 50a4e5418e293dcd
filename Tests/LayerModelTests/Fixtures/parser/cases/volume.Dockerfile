FROM alpine
VOLUME /data /logs
VOLUME ["/cache", "/tmp/x y"]
