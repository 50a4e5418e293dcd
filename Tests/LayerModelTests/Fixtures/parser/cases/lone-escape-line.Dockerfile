FROM alpine
 \ 
