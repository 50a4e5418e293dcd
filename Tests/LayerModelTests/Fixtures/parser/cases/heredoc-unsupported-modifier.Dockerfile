FROM alpine
RUN <<${A#B}
x
${A#B}
