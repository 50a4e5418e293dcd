FROM alpine
RUN -- --not-a-flag
RUN --flag -- echo
