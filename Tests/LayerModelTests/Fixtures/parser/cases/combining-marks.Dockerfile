FROM alpine
ENV a=́b ć=d
RUN <<́X
body
́X
LABEL k=́v
