FROM alpine
run <<eof
x
eof
