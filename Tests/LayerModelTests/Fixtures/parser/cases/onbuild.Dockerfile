FROM alpine
ONBUILD RUN echo triggered
ONBUILD COPY --from=build . /app
ONBUILD CMD ["x"]
ONBUILD
