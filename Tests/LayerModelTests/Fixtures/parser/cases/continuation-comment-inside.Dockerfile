FROM debian
RUN apt-get update \
# install tools
    && apt-get install -y curl \
    # indented comment
    && rm -rf /var/lib/apt/lists/*
