FROM alpine
RUN <<EOF echo "open
EOF
