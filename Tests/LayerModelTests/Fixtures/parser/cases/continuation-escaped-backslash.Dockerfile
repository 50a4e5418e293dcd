FROM debian
RUN echo a\\
RUN echo b
