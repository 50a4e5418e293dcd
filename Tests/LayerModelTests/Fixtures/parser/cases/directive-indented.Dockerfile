   # escape=`
FROM alpine
RUN a `
 b
