FROM alpine
MAINTAINER   a  b   
