FROM alpine
LABEL org.opencontainers.image.title="demo app" version=1.0
LABEL "com.example.quoted key"=value
LABEL legacy value here
