FROM debian
\
RUN echo after
