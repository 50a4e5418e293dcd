FROM alpine
RUN ["echo", "unterminated
RUN [echo]
RUN ["a" "b"]
