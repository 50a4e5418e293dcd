# escape=
FROM alpine
