FROM alpine
RUN <<FILE1 cat > /f1 && <<FILE2 cat > /f2
one
FILE1
two
FILE2
