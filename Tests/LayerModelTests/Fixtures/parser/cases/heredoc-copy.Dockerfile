FROM alpine
COPY <<EOF /etc/motd
Welcome!
EOF
COPY <<a <<b /dest/
A
a
B
b
