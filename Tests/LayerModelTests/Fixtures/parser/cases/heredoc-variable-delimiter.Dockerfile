FROM alpine
RUN <<$X
body
$X
