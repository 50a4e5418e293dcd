FROM alpine
RUN x \
  y
