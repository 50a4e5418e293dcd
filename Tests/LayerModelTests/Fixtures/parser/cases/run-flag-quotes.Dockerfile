FROM alpine
RUN --mount="type=cache,target=/a b" --x='y' echo
