FROM debian
RUN echo one \

    two \
   
    three
