FROM alpine
ENV PATH=/usr/local/bin:$PATH LANG=C.UTF-8
