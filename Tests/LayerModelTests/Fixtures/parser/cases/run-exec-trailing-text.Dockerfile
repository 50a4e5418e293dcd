FROM alpine
RUN ["echo", "x"] and more
