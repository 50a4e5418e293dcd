FROM alpine
ONBUILD RUN <<EOF
echo later
EOF
RUN after
