FROM debian
RUN echo last \
