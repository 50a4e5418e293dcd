FROM alpine
ONBUILD ONBUILD RUN x
ONBUILD NOPE y
onbuild run lower
