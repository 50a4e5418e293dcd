FROM alpine
RUNecho vt
ENV AB
