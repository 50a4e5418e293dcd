# a comment
# escape=`
FROM alpine
RUN echo a `
RUN echo b
