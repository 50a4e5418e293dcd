FROM alpine
RUN <<EOF
hi
EOF
