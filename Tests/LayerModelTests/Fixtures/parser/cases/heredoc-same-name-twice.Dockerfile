FROM alpine
RUN <<EOF <<EOF
first
EOF
second
EOF
