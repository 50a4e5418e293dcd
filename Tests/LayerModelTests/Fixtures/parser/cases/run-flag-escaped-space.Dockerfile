FROM alpine
RUN --x=a\ b echo
