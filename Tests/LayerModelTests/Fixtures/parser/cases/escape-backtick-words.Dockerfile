# escape=`
FROM alpine
ENV A="x`"y" B=c`\ d
ARG Q=`"a b`"
