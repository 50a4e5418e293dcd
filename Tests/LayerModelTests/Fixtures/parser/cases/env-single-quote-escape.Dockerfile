FROM alpine
ENV A='it\'s' B=c
