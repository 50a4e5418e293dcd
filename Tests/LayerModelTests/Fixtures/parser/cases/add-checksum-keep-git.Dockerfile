FROM alpine
ADD --checksum=sha256:abababababababababababababababababababababababababababababababab https://example.com/x /x
ADD --keep-git-dir=true git@github.com:a/b.git /b
