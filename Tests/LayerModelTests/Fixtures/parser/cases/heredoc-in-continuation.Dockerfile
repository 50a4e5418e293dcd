FROM alpine
RUN <<EOF \
  cat
body
EOF
