FROM alpine
RUN <<${A:-B}
x
${A:-B}
RUN <<${C-D} <<${E:+F}
y
${C-D}
z
${E:+F}
