FROM alpine
ENV A= B=b
