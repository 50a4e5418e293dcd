FROM alpine
RUN echo "# not a comment" # nor this
