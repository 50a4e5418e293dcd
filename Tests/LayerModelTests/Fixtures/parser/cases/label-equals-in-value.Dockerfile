FROM alpine
LABEL a=b=c "d=e"=f
