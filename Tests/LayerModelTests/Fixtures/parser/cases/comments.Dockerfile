# leading comment
FROM alpine
# between
   # indented comment
RUN echo x
#
