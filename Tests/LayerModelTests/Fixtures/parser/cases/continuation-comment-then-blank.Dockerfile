FROM alpine
RUN a \
  # c

  b \
# d
