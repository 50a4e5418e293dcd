FROM alpine
RUN cat<<EOF
