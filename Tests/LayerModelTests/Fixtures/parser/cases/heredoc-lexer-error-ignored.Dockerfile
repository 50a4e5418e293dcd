FROM alpine
RUN <<EOF echo ${
RUN next
