FROM alpine
CMD ["a", 01]
RUN ["a", -]
RUN ["a" ,]
