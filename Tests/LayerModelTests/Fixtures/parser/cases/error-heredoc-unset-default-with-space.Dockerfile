FROM alpine
RUN <<${A:-"x y"}
x
