FROM alpine
ARG "A=1 2" B='x'
