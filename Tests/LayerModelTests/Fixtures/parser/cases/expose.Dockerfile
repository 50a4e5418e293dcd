FROM alpine
EXPOSE 80 443/tcp 53/udp
EXPOSE   8080   
