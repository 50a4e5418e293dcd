FROM alpine
ADD <<EOF /a.txt
added
EOF
