FROM alpine
RUN []
CMD []
