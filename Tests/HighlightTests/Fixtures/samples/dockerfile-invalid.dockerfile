FROM alpine:3.19
RUN echo "fine"
ADD <<EOF /etc/x
never closed
