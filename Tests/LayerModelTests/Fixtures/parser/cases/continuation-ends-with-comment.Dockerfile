FROM debian
RUN echo a \
# only a comment follows
