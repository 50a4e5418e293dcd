docker build [path-to-Dockerfile]
