FROM alpine
RUN <<E"O"F
$a
EOF
