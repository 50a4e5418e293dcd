FROM debian:buster-slim
