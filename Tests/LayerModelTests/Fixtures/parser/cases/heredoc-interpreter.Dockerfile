FROM python:3.9-slim
RUN <<EOF python3
print("hi")
EOF
RUN <<EOF
#!/usr/bin/env bash
set -e
echo shebang
EOF
