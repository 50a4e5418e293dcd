ARG BASE=debian
ARG VERSION
FROM ${BASE}:${VERSION:-buster}
ARG A B=2 C="x y"
