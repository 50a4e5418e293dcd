FROM alpine
CMD <<EOF
